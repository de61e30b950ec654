import { closedTime } from './sales-report.js';

/** The tables the win/loss query has at hand, by alias, for a dimension's expression. */
export interface WinLossAliases {
  deal: string;
  contact: string;
  company: string;
  /** A deal's segment: its own, else its company's, else its contact's company's (as the sales report). */
  segment: string;
}

/**
 * Deals closed won or lost in [$1, $2) (closed_at, else close_date at noon in zone $3 — the sales
 * report's rule), one row each: outcome, amount (null when none), both reason codes, the cycle in
 * days from the deal's creation to its close, and the value of the report's dimension
 * (`dimension(aliases)`) over the deal `x`, its contact `c` and company `dco` (the deal's, else
 * the contact's).
 */
export const winLossDealsSql = (dimension: (a: WinLossAliases) => string) => /* sql */ `
WITH closed AS MATERIALIZED (
  SELECT d.id, d.amount, d.owner_id, d.contact_id, d.company_id, d.segment, d.lost_reason, d.win_reason, d.created_at, d.properties,
         ps.outcome, ${closedTime} AS closed_time
    FROM deals d
    JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome IN ('won', 'lost')
     AND ${closedTime} >= $1 AND ${closedTime} < $2
)
SELECT x.id, x.outcome, x.amount, x.lost_reason, x.win_reason,
       (extract(epoch FROM x.closed_time - x.created_at) / 86400)::float8 AS cycle_days,
       ${dimension({ deal: 'x', contact: 'c', company: 'dco', segment: 'COALESCE(x.segment, co.segment, cc.segment)' })} AS dim
  FROM closed x
  LEFT JOIN contacts c ON c.id = x.contact_id
  LEFT JOIN companies co ON co.id = x.company_id
  LEFT JOIN companies cc ON cc.id = c.company_id
  LEFT JOIN companies dco ON dco.id = COALESCE(x.company_id, c.company_id)
 ORDER BY x.closed_time, x.id`;

/** Names of the users in $1 (the rep dimension's labels). */
export const repNamesSql = /* sql */ `SELECT id::text AS id, name FROM users WHERE id = ANY($1::bigint[])`;
