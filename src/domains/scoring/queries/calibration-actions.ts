import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { actionEventsBeforeSql } from './customer-cohort.js';

/** The actions whose counts the frequency thresholds are read from, and the histogram each makes. */
const histograms = { page: 'pages', 'Content Downloaded': 'downloads' } as const;
const histogramNames = Object.keys(histograms).map((n) => `'${n}'`).join(', ');

// Closed-loop calibration for contacts created in [$1, $2): each action counted once per contact,
// only before the contact became a customer, with mail-scanner hits left out. Read from the
// contact_actions rollup (migration 0007): one row per contact and action is already "counted
// once per contact", and its first_at says whether any of it came before the sale. For page views
// and downloads the row's count before the sale is kept too (its n when it lies wholly before; a
// straddling customer's counted from its events), so the two histograms come from the same rows,
// one row per contact and action being one contact each.
//
// Those rows, counted, are sums over contacts: calibration_days (migration 0039) keeps them per
// UTC day of creation. The whole UTC days of the window, [$3, $4), are read from it (a few hundred
// rows a day instead of every contact of the day and its actions); only the contacts of the
// partial days at either end, [$1, $3) and [$4, $2), are counted from their rows here
// (wholeDayParams gives $3 and $4). Both make the same `tallied` rows: (kind, ref_id,
// name, customer, n, contacts), kind 'cohort' for the cohort itself, n the histogram count (-1
// for the other actions). Days at zero are kept by the rollup and skipped here.
//
// One row per figure, by `section`: 'baseline' (the cohort: contacts, customers); 'event', 'asset',
// 'campaign' (an action: key, label, asset_kind, contacts, customers); 'pages', 'downloads' (a
// histogram bar: how many contacts of an outcome, `customer`, did it `count` times, zeros included).
export const calibrationCountsSql = /* sql */ `
WITH edges AS MATERIALIZED (
  SELECT c.id, won.at AS won_at
    FROM contacts c
    LEFT JOIN ${firstStageAtSql('customer', 'won')} ON won.contact_id = c.id
   WHERE (c.created_at >= $1 AND c.created_at < $3) OR (c.created_at >= $4 AND c.created_at < $2)
),
tallied AS MATERIALIZED (
  SELECT kind, ref_id, name, customer, n, sum(contacts) AS contacts FROM (
    SELECT 'cohort' AS kind, 0::bigint AS ref_id, '' AS name, won_at IS NOT NULL AS customer, -1::bigint AS n, 1 AS contacts FROM edges
    UNION ALL
    SELECT ca.kind, ca.ref_id, ca.name, edges.won_at IS NOT NULL,
           CASE WHEN ca.kind = 'event' AND ca.name IN (${histogramNames}) THEN
             CASE WHEN edges.won_at IS NULL OR ca.last_at < edges.won_at THEN ca.n ELSE (${actionEventsBeforeSql('ca', 'edges.won_at')}) END
           ELSE -1 END, 1
      FROM contact_actions ca JOIN edges ON edges.id = ca.contact_id
     WHERE edges.won_at IS NULL OR ca.first_at < edges.won_at
    UNION ALL
    SELECT kind, ref_id, name, customer, n, contacts FROM calibration_days
     WHERE day >= ($3::timestamptz AT TIME ZONE 'UTC')::date AND day < ($4::timestamptz AT TIME ZONE 'UTC')::date
  ) counted
   GROUP BY 1, 2, 3, 4, 5 HAVING sum(contacts) > 0
),
acted AS MATERIALIZED (
  SELECT kind, ref_id, name, customer, sum(contacts) AS contacts FROM tallied WHERE kind <> 'cohort' GROUP BY 1, 2, 3, 4
),
outcomes AS MATERIALIZED (
  SELECT customer, sum(contacts) AS contacts FROM tallied WHERE kind = 'cohort' GROUP BY 1
),
bars AS MATERIALIZED (
  SELECT CASE name ${Object.entries(histograms).map(([n, h]) => `WHEN '${n}' THEN '${h}'`).join(' ')} END AS section, n AS count, customer, sum(contacts) AS contacts
    FROM tallied WHERE kind = 'event' AND n >= 0 GROUP BY 1, 2, 3
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

/** A row of calibrationCountsSql. */
export interface CalibrationCountRow {
  section: 'baseline' | 'event' | 'asset' | 'campaign' | 'pages' | 'downloads';
  key: string | null;
  label: string | null;
  asset_kind: string | null;
  count: number | null;
  customer: boolean | null;
  contacts: number;
  customers: number | null;
}
