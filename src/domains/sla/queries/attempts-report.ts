// The optimal-number-of-attempts cohort. Parameters: $1 asOf (exclusive: nothing at or after it
// counts), $2 the end of the MQL window actually applied (exclusive: the asked window's end, or
// "asOf minus the months a lead must have had", whichever is earlier), $3 optional start of the
// MQL window (inclusive; NULL = no lower bound), $4 the stages at or beyond customer (customerOrBeyondSql).
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
// Set-based: a lead's won moment and revenue come from joining the leads to the transitions into
// customer or beyond and to the won deals, its attempts from joining them to the activities (an
// index probe a lead for each took 7 of the 11 s at 1M contacts, 150,000 leads). The statement never
// joins two CTEs: on a fresh import (no statistics; PGlite never gathers any) such a join became a
// nested loop of CTE scans, 52 s for 5,000 leads. So a lead and what was found for it meet by
// grouping both kinds of rows by contact.
// The analysis needs no lead on its own: leads alike in group, attempts made, outcome and whether an
// attempt connected weigh the same, so they come back as one row with their count and sums (a few
// hundred rows where there were two a lead, 300,000 at 1M contacts, for Node to read and add up).
import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';

/**
 * The stages at or beyond customer, for the statement's $4: passed as a value, the planner sees
 * how few moves go there and reads them down stage_transitions_to_idx; as a subquery in the
 * statement (\`to_stage IN (SELECT …)\`) it guessed a million and read every transition (1.3M at 1M
 * contacts) to keep 20,000.
 */
export const customerOrBeyondSql = /* sql */ `
SELECT ls.key FROM lifecycle_stages ls
 WHERE ls.in_funnel AND ls.position >= (SELECT position FROM lifecycle_stages WHERE key = 'customer')
 ORDER BY ls.key`;

/**
 * For the leads grouped by `group` (a dimension's SQL over `contacts c` and `companies co`), two
 * kinds of rows:
 * - kind 'leads', one per set of leads alike in lead_type, attempts (made on each), customer and
 *   connected (an attempt on each had outcome 'connected'): leads (how many), revenue, cost and
 *   attempts_without_cost summed over them;
 * - kind 'rep', one per rep who made attempts (user_id null: attempts logged without a rep):
 *   attempts, cost, no_cost (some of them had no cost data).
 */
export const attemptsLeadsSql = (group: string) => /* sql */ `
WITH base AS MATERIALIZED (
    SELECT c.id, ${group} AS lead_type, m.at AS mql_at
      FROM ${firstStageAtSql('mql', 'm', { before: '$1' })}
      JOIN contacts c ON c.id = m.contact_id
      LEFT JOIN companies co ON co.id = c.company_id
     WHERE m.at < $2 AND ($3::timestamptz IS NULL OR m.at >= $3::timestamptz)
  ),
  -- A lead is won at its first move to customer or beyond since its MQL moment, or the first close
  -- of a won deal since then; those won deals' amounts, and those of won deals with no close time
  -- (imports), are its revenue.
  -- Joined to the leads, not grouped with them: grouped, the planner would take the leads for the
  -- 200 rows it guesses for any GROUP BY of unknown values and probe the activities once a lead.
  lead AS MATERIALIZED (
    SELECT base.id, base.lead_type, base.mql_at, w.won_at, COALESCE(w.revenue, 0) AS revenue, w.id IS NOT NULL AS customer
      FROM base
      LEFT JOIN (
        SELECT x.id, LEAST(min(x.stage_at), min(x.closed_at)) AS won_at, sum(COALESCE(x.amount, 0)) AS revenue
          FROM (SELECT base.id, st.at AS stage_at, NULL::timestamptz AS closed_at, NULL::numeric AS amount
                  FROM base JOIN stage_transitions st ON st.object_type = 'contact' AND st.object_id = base.id
                 WHERE st.to_stage = ANY ($4::text[]) AND st.at >= base.mql_at AND st.at < $1
                UNION ALL
                SELECT base.id, NULL, d.closed_at, d.amount
                  FROM base JOIN deals d ON d.contact_id = base.id
                  JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage AND ps.outcome = 'won'
                 WHERE d.closed_at IS NULL OR (d.closed_at >= base.mql_at AND d.closed_at < $1)) x
         GROUP BY x.id
      ) w ON w.id = base.id
  ),
  -- Each rep's attempts on each lead.
  att AS MATERIALIZED (
    SELECT a.contact_id, a.user_id, count(*) AS attempts,
           sum(COALESCE(u.hourly_cost / NULLIF(u.calls_per_hour, 0), 0)) AS cost,
           count(*) FILTER (WHERE u.id IS NULL OR u.hourly_cost <= 0 OR u.calls_per_hour <= 0) AS without_cost,
           bool_or(u.id IS NULL OR u.hourly_cost <= 0 OR u.calls_per_hour <= 0) AS no_cost,
           bool_or(a.outcome = 'connected') AS connected
      FROM lead JOIN activities a ON a.contact_id = lead.id
      LEFT JOIN users u ON u.id = a.user_id
     WHERE a.direction = 'outbound' AND a.type IN ('call', 'email', 'social')
       AND a.occurred_at >= lead.mql_at AND a.occurred_at < COALESCE(lead.won_at, $1)
     GROUP BY a.contact_id, a.user_id
  ),
  per_lead AS (
    SELECT x.id, min(x.lead_type) AS lead_type, bool_or(x.customer) AS customer, sum(x.revenue) AS revenue,
           COALESCE(sum(x.attempts), 0) AS attempts, COALESCE(sum(x.cost), 0) AS cost, COALESCE(sum(x.without_cost), 0) AS without_cost,
           COALESCE(bool_or(x.connected), false) AS connected
      FROM (SELECT id, lead_type, customer, revenue, NULL::bigint AS attempts, NULL::numeric AS cost, NULL::bigint AS without_cost, NULL::boolean AS connected FROM lead
            UNION ALL
            SELECT contact_id, NULL, NULL, NULL, attempts, cost, without_cost, connected FROM att) x
     GROUP BY x.id
  )
SELECT 'leads' AS kind, lead_type, attempts::int AS attempts, customer, connected, count(*)::int AS leads,
       sum(revenue)::float8 AS revenue, sum(cost)::float8 AS cost, sum(without_cost)::int AS attempts_without_cost,
       NULL::bigint AS user_id, NULL::boolean AS no_cost
  FROM per_lead
 GROUP BY lead_type, attempts, customer, connected
UNION ALL
SELECT 'rep', NULL, sum(attempts)::int, NULL, NULL, NULL, NULL, sum(cost)::float8, NULL, user_id, bool_or(no_cost)
  FROM att
 GROUP BY user_id`;
