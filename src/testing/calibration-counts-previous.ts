import { actionEventsBeforeSql, customerCohortCte } from '../domains/scoring/queries/customer-cohort.js';

// Calibration's counts as they were before the calibration_days rollup (migration 0039): every
// contact created in [$1, $2) joined to its contact_actions rows on every run. Kept whole as the
// yardstick the new statement is held to, row for row. Tests and the bench only. (The property
// tallies' statement of then is still the code's, for the partial days: propertyTalliesOfWindowSql.)

const histograms = { page: 'pages', 'Content Downloaded': 'downloads' } as const;
const histogramNames = Object.keys(histograms).map((n) => `'${n}'`).join(', ');

export const previousCalibrationCountsSql = /* sql */ `
WITH ${customerCohortCte()},
acts AS MATERIALIZED (
  SELECT ca.kind, ca.ref_id, ca.name, cohort.won_at IS NOT NULL AS customer,
         CASE WHEN ca.kind = 'event' AND ca.name IN (${histogramNames}) THEN
           CASE WHEN cohort.won_at IS NULL OR ca.last_at < cohort.won_at THEN ca.n ELSE (${actionEventsBeforeSql('ca', 'cohort.won_at')}) END
         END AS n
    FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
   WHERE cohort.won_at IS NULL OR ca.first_at < cohort.won_at
),
acted AS MATERIALIZED (
  SELECT kind, ref_id, name, customer, count(*) AS contacts FROM acts GROUP BY 1, 2, 3, 4
),
outcomes AS MATERIALIZED (
  SELECT won_at IS NOT NULL AS customer, count(*) AS contacts FROM cohort GROUP BY 1
),
bars AS MATERIALIZED (
  SELECT CASE name ${Object.entries(histograms).map(([n, h]) => `WHEN '${n}' THEN '${h}'`).join(' ')} END AS section, n AS count, customer, count(*) AS contacts
    FROM acts WHERE n IS NOT NULL GROUP BY 1, 2, 3
)
SELECT 'baseline' AS section, NULL::text AS key, NULL::text AS label, NULL::text AS asset_kind, NULL::bigint AS count, NULL::boolean AS customer,
       COALESCE(sum(contacts), 0) AS contacts, COALESCE(sum(contacts) FILTER (WHERE customer), 0) AS customers
  FROM outcomes
UNION ALL
-- Page and screen calls count as one action each ('page', 'screen'); which page is an asset action.
SELECT 'event', name, name, NULL, NULL, NULL, sum(contacts), COALESCE(sum(contacts) FILTER (WHERE customer), 0)
  FROM acted WHERE kind = 'event' GROUP BY name
UNION ALL
-- The kind is part of the label: a webinar and its landing page often share a name.
SELECT 'asset', a.kind || ':' || a.key, COALESCE(a.name, a.key) || ' (' || a.kind || ')', a.kind, NULL, NULL,
       sum(acted.contacts), COALESCE(sum(acted.contacts) FILTER (WHERE acted.customer), 0)
  FROM acted JOIN assets a ON a.id = acted.ref_id WHERE acted.kind = 'asset' GROUP BY a.kind, a.key, a.name
UNION ALL
SELECT 'campaign', cp.utm_campaign, cp.name, cp.type, NULL, NULL,
       sum(acted.contacts), COALESCE(sum(acted.contacts) FILTER (WHERE acted.customer), 0)
  FROM acted JOIN campaigns cp ON cp.id = acted.ref_id WHERE acted.kind = 'campaign' GROUP BY cp.utm_campaign, cp.name, cp.type
UNION ALL
SELECT section, NULL, NULL, NULL, count, customer, contacts, NULL FROM bars
UNION ALL
-- The cohort's other contacts did it no time before the sale.
SELECT h.section, NULL, NULL, NULL, 0, o.customer, o.contacts - COALESCE(b.contacts, 0), NULL
  FROM (VALUES ${Object.values(histograms).map((h) => `('${h}')`).join(', ')}) h(section) CROSS JOIN outcomes o
  LEFT JOIN (SELECT section, customer, sum(contacts) AS contacts FROM bars GROUP BY 1, 2) b ON b.section = h.section AND b.customer = o.customer
 WHERE o.contacts > COALESCE(b.contacts, 0)`;
