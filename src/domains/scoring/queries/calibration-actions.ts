import { actionBeforeSaleSql, customerCohortCte } from './customer-cohort.js';

// Closed-loop calibration for contacts created in [$1, $2): each action counted once per contact,
// only before the contact became a customer, with mail-scanner hits left out.
const cohort = /* sql */ `
  ${customerCohortCte()},
  ev AS MATERIALIZED (
    SELECT e.contact_id, e.type, e.event, e.asset_id, e.campaign_id, cohort.won_at IS NOT NULL AS customer
      FROM events e JOIN cohort ON cohort.id = e.contact_id
     WHERE ${actionBeforeSaleSql}
  )`;

export const calibrationBaselineSql = /* sql */ `
WITH ${cohort}
SELECT count(*) AS contacts, count(*) FILTER (WHERE won_at IS NOT NULL) AS customers FROM cohort`;

export const calibrationActionsSql = /* sql */ `
WITH ${cohort}
-- Page and screen calls count as one action each ('page', 'screen'); which page is an asset action.
SELECT 'event' AS kind, CASE WHEN ev.type = 'track' THEN ev.event ELSE ev.type END AS key,
       CASE WHEN ev.type = 'track' THEN ev.event ELSE ev.type END AS label, NULL::text AS asset_kind,
       count(DISTINCT ev.contact_id) AS contacts, count(DISTINCT ev.contact_id) FILTER (WHERE ev.customer) AS customers
  FROM ev GROUP BY 2, 3
UNION ALL
-- The kind is part of the label: a webinar and its landing page often share a name.
SELECT 'asset', a.kind || ':' || a.key, COALESCE(a.name, a.key) || ' (' || a.kind || ')', a.kind,
       count(DISTINCT ev.contact_id), count(DISTINCT ev.contact_id) FILTER (WHERE ev.customer)
  FROM ev JOIN assets a ON a.id = ev.asset_id GROUP BY a.kind, a.key, a.name
UNION ALL
SELECT 'campaign', cp.utm_campaign, cp.name, cp.type,
       count(DISTINCT ev.contact_id), count(DISTINCT ev.contact_id) FILTER (WHERE ev.customer)
  FROM ev JOIN campaigns cp ON cp.id = ev.campaign_id GROUP BY cp.utm_campaign, cp.name, cp.type`;

/** Per contact of the cohort: page views and downloads before the sale (zeros included). */
export const calibrationFrequencySql = /* sql */ `
WITH ${cohort}
SELECT cohort.id, cohort.won_at IS NOT NULL AS customer,
       count(ev.contact_id) FILTER (WHERE ev.type = 'page') AS pages,
       count(ev.contact_id) FILTER (WHERE ev.event = 'Content Downloaded') AS downloads
  FROM cohort LEFT JOIN ev ON ev.contact_id = cohort.id
 GROUP BY cohort.id, cohort.won_at`;
