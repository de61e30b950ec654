import { customerCohortCte } from './customer-cohort.js';

// Closed-loop calibration for contacts created in [$1, $2): each action counted once per contact,
// only before the contact became a customer, with mail-scanner hits left out. Read from the
// contact_actions rollup (migration 0007): one row per contact and action is already "counted
// once per contact", and its first_at says whether any of it came before the sale.
const cohort = /* sql */ `
  ${customerCohortCte()},
  act AS MATERIALIZED (
    SELECT ca.contact_id, ca.kind, ca.ref_id, ca.name, cohort.won_at IS NOT NULL AS customer
      FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
     WHERE cohort.won_at IS NULL OR ca.first_at < cohort.won_at
  )`;

export const calibrationBaselineSql = /* sql */ `
WITH ${customerCohortCte()}
SELECT count(*) AS contacts, count(*) FILTER (WHERE won_at IS NOT NULL) AS customers FROM cohort`;

export const calibrationActionsSql = /* sql */ `
WITH ${cohort}
-- Page and screen calls count as one action each ('page', 'screen'); which page is an asset action.
SELECT 'event' AS kind, act.name AS key, act.name AS label, NULL::text AS asset_kind,
       count(*) AS contacts, count(*) FILTER (WHERE act.customer) AS customers
  FROM act WHERE act.kind = 'event' GROUP BY act.name
UNION ALL
-- The kind is part of the label: a webinar and its landing page often share a name.
SELECT 'asset', a.kind || ':' || a.key, COALESCE(a.name, a.key) || ' (' || a.kind || ')', a.kind,
       count(*), count(*) FILTER (WHERE act.customer)
  FROM act JOIN assets a ON a.id = act.ref_id WHERE act.kind = 'asset' GROUP BY a.kind, a.key, a.name
UNION ALL
SELECT 'campaign', cp.utm_campaign, cp.name, cp.type,
       count(*), count(*) FILTER (WHERE act.customer)
  FROM act JOIN campaigns cp ON cp.id = act.ref_id WHERE act.kind = 'campaign' GROUP BY cp.utm_campaign, cp.name, cp.type`;

/** Per contact of the cohort: page views and downloads before the sale (zeros included). A rollup
 * row wholly before the sale gives its count; a customer's row that straddles the sale is counted
 * again from its events before it (few: customers active on both sides of their sale day). */
export const calibrationFrequencySql = /* sql */ `
WITH ${customerCohortCte()},
fr AS (
  SELECT ca.contact_id, ca.name, ca.n, ca.first_at, ca.last_at, cohort.won_at
    FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
   WHERE ca.kind = 'event' AND ca.name IN ('page', 'Content Downloaded')
),
counted AS (
  SELECT contact_id, name, n FROM fr WHERE won_at IS NULL OR last_at < won_at
  UNION ALL
  SELECT r.contact_id, r.name, count(*)
    FROM fr r JOIN events e ON e.contact_id = r.contact_id AND e.timestamp >= r.first_at AND e.timestamp < r.won_at
   WHERE r.first_at < r.won_at AND r.last_at >= r.won_at AND event_is_action(e.type, e.properties)
     AND (CASE WHEN e.type = 'track' THEN e.event ELSE e.type END) = r.name
   GROUP BY 1, 2
)
SELECT cohort.id, cohort.won_at IS NOT NULL AS customer,
       COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'page'), 0) AS pages,
       COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'Content Downloaded'), 0) AS downloads
  FROM cohort LEFT JOIN counted ON counted.contact_id = cohort.id
 GROUP BY cohort.id, cohort.won_at`;
