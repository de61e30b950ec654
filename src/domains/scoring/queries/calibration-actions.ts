import { actionCountsBeforeSaleCte, customerCohortCte } from './customer-cohort.js';

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

/**
 * How many contacts of the cohort made each number of page views and of downloads before the sale
 * (zeros included), customers apart: the two histograms the thresholds are read from. Summed here
 * rather than sent one row per contact (a million rows at 1M contacts).
 */
export const calibrationFrequencySql = /* sql */ `
WITH ${customerCohortCte()}, ${actionCountsBeforeSaleCte(['page', 'Content Downloaded'])},
per_contact AS (
  SELECT cohort.won_at IS NOT NULL AS customer,
         COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'page'), 0) AS pages,
         COALESCE(sum(counted.n) FILTER (WHERE counted.name = 'Content Downloaded'), 0) AS downloads
    FROM cohort LEFT JOIN counted ON counted.contact_id = cohort.id
   GROUP BY cohort.id, cohort.won_at
)
SELECT 'pages' AS action, pages AS count, customer, count(*) AS contacts FROM per_contact GROUP BY pages, customer
UNION ALL
SELECT 'downloads', downloads, customer, count(*) FROM per_contact GROUP BY downloads, customer`;
