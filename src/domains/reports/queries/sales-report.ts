import { NO_VALUE } from '../dimensions.js';

// The monthly sales report's SQL (PRODUCT.md §6). Real-world imports are partial, so every column
// has a fallback:
// - when a deal closed: closed_at, else its close_date at 12:00 in the report's zone $3 (a date is
//   a day where the team works; noon keeps it that day whatever the zone);
// - segment: the deal's own, else its company's, else its contact's company's, else '(none)';
// - source: the contact's original_source, else 'Unknown' (the channel of no known source);
// - lead moment: the contact's first transition to 'lead', else when the contact was created —
//   but never later than its first MQL moment (an import creates the contact today and carries
//   only a dated 'mql' transition; nobody becomes an MQL before being a lead);
// - MQL moment: the contact's first transition to 'mql' (none: the deal has no MQL → customer cycle).
// The cycles are in days from that moment to the deal's close, for the report to take medians of.
// `dim` is the report's dimension (src/domains/reports/dimensions.ts) over the deal's contact `c`
// and its company `dco` (the deal's, else the contact's), a deal's own segment first.

/** A deal's close moment, for `deals d`. */
export const closedTime = `COALESCE(d.closed_at, (d.close_date + time '12:00') AT TIME ZONE $3::text)`;

/**
 * Deals closed won or lost in [$1, $2), one row each, with what every section needs: outcome,
 * amount (null → 0), owner, lost reason, day (in zone $3), segment, source, the value of the
 * dimension (`dimension(aliases)`, see above) and both cycles in days. The contacts' first
 * lead/MQL moments are aggregated once for the month's deals and joined.
 */
export const closedDealsSql = (dimension: (a: { contact: string; company: string; segment: string }) => string) => /* sql */ `
WITH closed AS MATERIALIZED (
  SELECT d.id, d.amount, d.owner_id, d.contact_id, d.company_id, d.segment, d.lost_reason, ps.outcome,
         ${closedTime} AS closed_time
    FROM deals d
    JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome IN ('won', 'lost')
     AND ${closedTime} >= $1 AND ${closedTime} < $2
), moments AS MATERIALIZED (
  SELECT contact_id AS object_id,
         min(first_at) FILTER (WHERE stage = 'lead') AS lead_at,
         min(first_at) FILTER (WHERE stage = 'mql') AS mql_at
    FROM contact_stage_firsts
   WHERE stage IN ('lead', 'mql')
     AND contact_id IN (SELECT contact_id FROM closed WHERE contact_id IS NOT NULL)
   GROUP BY contact_id
), dated AS (
  SELECT cl.*, c.original_source, c.company_id AS contact_company_id,
         COALESCE(m.lead_at, LEAST(c.created_at, m.mql_at)) AS lead_at, m.mql_at
    FROM closed cl
    LEFT JOIN contacts c ON c.id = cl.contact_id
    LEFT JOIN moments m ON m.object_id = cl.contact_id
)
SELECT x.id, x.outcome, COALESCE(x.amount, 0) AS amount, x.owner_id, x.lost_reason,
       (x.closed_time AT TIME ZONE $3::text)::date::text AS day,
       COALESCE(x.segment, co.segment, cc.segment, '${NO_VALUE}') AS segment,
       COALESCE(NULLIF(btrim(x.original_source), ''), 'Unknown') AS source,
       ${dimension({ contact: 'c', company: 'dco', segment: 'COALESCE(x.segment, co.segment, cc.segment)' })} AS dim,
       (extract(epoch FROM x.closed_time - x.lead_at) / 86400)::float8 AS lead_days,
       (extract(epoch FROM x.closed_time - x.mql_at) / 86400)::float8 AS mql_days
  FROM dated x
  LEFT JOIN companies co ON co.id = x.company_id
  LEFT JOIN companies cc ON cc.id = x.contact_company_id
  LEFT JOIN contacts c ON c.id = x.contact_id
  LEFT JOIN companies dco ON dco.id = COALESCE(x.company_id, x.contact_company_id)
 ORDER BY x.closed_time, x.id`;

/** Quotas of the months and quarters in $1. */
export const quotasSql = /* sql */ `
SELECT period, user_id, team, amount FROM sales_quotas WHERE period = ANY($1::text[])`;

/** Names and teams of the users in $1. */
export const repsSql = /* sql */ `
SELECT id, name, team FROM users WHERE id = ANY($1::bigint[])`;
