// The optimal-number-of-attempts cohort. Parameters: $1 asOf (exclusive: nothing at or after it
// counts), $2 the end of the MQL window actually applied (exclusive: the asked window's end, or
// "asOf minus the months a lead must have had", whichever is earlier), $3 optional start of the
// MQL window (inclusive; NULL = no lower bound).
//
// A lead is a contact with a stage transition to 'mql' (the first one is its MQL moment: imported
// history counts the same as live moves), grouped by `lead_type`: the dimension's expression over
// `contacts c` and `companies co` (src/domains/reports/dimensions.ts; MQL type by default). It is
// won at the first moment, at or after its MQL moment, when it reached customer or beyond (a
// customer transition, or evangelist when customer was skipped) or had a won deal close. Its
// attempts are outbound calls, emails and social touches logged on it from its MQL moment until it
// was won (all of them up to asOf if never): so a won lead converted "at" its last counted attempt
// (0: before any). Each costs its rep's hourly cost ÷ calls per hour, 0 when there is no rep or the
// rep has no cost. Its revenue is the amount of its won deals (pipeline stage outcome 'won') closed
// at or after its MQL moment, or with no close time recorded (imports); currencies are summed as
// they are.
// Each lead's won moment and revenue are LATERAL subqueries on indexed base tables (transitions by
// object, deals by contact), and its attempts a join from the leads to activities by contact: one
// index probe per lead whatever the planner believes about row counts. The statement never joins
// two CTEs: on a fresh import (no statistics; PGlite never gathers any) such a join became a nested
// loop of CTE scans, 52 s for 5,000 leads. Leads and their attempts per rep come back as two kinds
// of rows, put together by the caller.
import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';

// The stage and outcome tests are scalar subqueries on the row, not joins: a join let the planner
// start from the won stage (deals by stage) and scan every won deal for each lead (205 s for 45,211
// leads on the server once it had statistics).
const customerOrBeyond = (stage: string) =>
  `(SELECT ls.in_funnel AND ls.position >= (SELECT position FROM lifecycle_stages WHERE key = 'customer') FROM lifecycle_stages ls WHERE ls.key = ${stage})`;
const wonDeal = (d: string) => `(SELECT ps.outcome = 'won' FROM pipeline_stages ps WHERE ps.pipeline_id = ${d}.pipeline_id AND ps.key = ${d}.stage)`;

/**
 * For the leads grouped by `group` (a dimension's SQL over `contacts c` and `companies co`), two
 * kinds of rows:
 * - one per lead (user_id and attempts null): contact_id, lead_type, customer, revenue;
 * - one per lead and rep who made attempts on it (lead_type null): contact_id, user_id, attempts,
 *   cost, attempts_without_cost, no_cost, first_connected (the lead-wide rank of the rep's first
 *   attempt whose outcome is 'connected').
 */
export const attemptsLeadsSql = (group: string) => /* sql */ `
WITH base AS MATERIALIZED (
    SELECT c.id, ${group} AS lead_type, m.at AS mql_at
      FROM ${firstStageAtSql('mql', 'm', { before: '$1' })}
      JOIN contacts c ON c.id = m.contact_id
      LEFT JOIN companies co ON co.id = c.company_id
     WHERE m.at < $2 AND ($3::timestamptz IS NULL OR m.at >= $3::timestamptz)
  ),
  lead AS MATERIALIZED (
    SELECT base.id, base.lead_type, base.mql_at, LEAST(ws.at, wd.won_at) AS won_at, wd.revenue, wd.won_deals
      FROM base
      CROSS JOIN LATERAL (
        SELECT min(st.at) AS at FROM stage_transitions st
         WHERE st.object_type = 'contact' AND st.object_id = base.id AND st.at >= base.mql_at AND st.at < $1
           AND ${customerOrBeyond('st.to_stage')}
      ) ws
      -- Won deals closed since the MQL moment win it; their amounts, and those of won deals with no
      -- close time (imports), are its revenue.
      CROSS JOIN LATERAL (
        SELECT min(d.closed_at) AS won_at, sum(COALESCE(d.amount, 0)) AS revenue, count(*) AS won_deals FROM deals d
         WHERE d.contact_id = base.id AND (d.closed_at IS NULL OR (d.closed_at >= base.mql_at AND d.closed_at < $1)) AND ${wonDeal('d')}
      ) wd
  ),
  att AS (
    SELECT a.contact_id, a.user_id, a.outcome,
           COALESCE(u.hourly_cost / NULLIF(u.calls_per_hour, 0), 0) AS cost,
           (u.id IS NULL OR u.hourly_cost <= 0 OR u.calls_per_hour <= 0) AS no_cost,
           row_number() OVER (PARTITION BY a.contact_id ORDER BY a.occurred_at, a.id) AS n
      FROM lead JOIN activities a ON a.contact_id = lead.id
      LEFT JOIN users u ON u.id = a.user_id
     WHERE a.direction = 'outbound' AND a.type IN ('call', 'email', 'social')
       AND a.occurred_at >= lead.mql_at AND a.occurred_at < COALESCE(lead.won_at, $1)
  )
SELECT lead.id AS contact_id, lead.lead_type, (lead.won_at IS NOT NULL OR lead.won_deals > 0) AS customer, COALESCE(lead.revenue, 0)::float8 AS revenue,
       NULL::bigint AS user_id, NULL::int AS attempts, NULL::float8 AS cost, NULL::int AS attempts_without_cost, NULL::boolean AS no_cost, NULL::int AS first_connected
  FROM lead
UNION ALL
SELECT att.contact_id, NULL, NULL, NULL,
       att.user_id, count(*)::int, sum(att.cost)::float8, (count(*) FILTER (WHERE att.no_cost))::int, bool_or(att.no_cost),
       (min(att.n) FILTER (WHERE att.outcome = 'connected'))::int
  FROM att
 GROUP BY att.contact_id, att.user_id`;
