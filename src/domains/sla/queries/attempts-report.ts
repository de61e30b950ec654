// The optimal-number-of-attempts cohort. Parameters: $1 asOf (exclusive: nothing at or after it
// counts), $2 cutoff (a lead's first MQL moment must be at or before it: "in the funnel at least M
// months"), $3 optional earliest MQL moment (NULL = no lower bound).
//
// A lead is a contact with a stage transition to 'mql' (the first one is its MQL moment: imported
// history counts the same as live moves). It is won at the first moment, at or after that, when it
// reached customer or beyond (a customer transition, or evangelist when customer was skipped) or
// had a won deal close. Its attempts are outbound calls, emails and social touches logged on it
// from its MQL moment until it was won (all of them up to asOf if never); each costs its rep's
// hourly cost ÷ calls per hour, 0 when there is no rep or the rep has no cost. Its revenue is the
// amount of its won deals (pipeline stage outcome 'won') closed at or after its MQL moment, or
// with no close time recorded (imports); currencies are summed as they are.
// The per-lead won moment is aggregated once and joined (a correlated subquery per row is slow on
// large histories, see scoring/queries/customer-cohort.ts).
import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';

const cohortCtes = /* sql */ `
  base AS MATERIALIZED (
    SELECT c.id, COALESCE(c.mql_type, 'unknown') AS lead_type, m.at AS mql_at
      FROM ${firstStageAtSql('mql', 'm', { before: '$1' })}
      JOIN contacts c ON c.id = m.contact_id
     WHERE m.at <= $2 AND ($3::timestamptz IS NULL OR m.at >= $3::timestamptz)
  ),
  won_moments AS (
    SELECT st.object_id AS id, st.at
      FROM stage_transitions st JOIN base ON base.id = st.object_id
     WHERE st.object_type = 'contact' AND st.at >= base.mql_at AND st.at < $1
       AND st.to_stage IN (SELECT key FROM lifecycle_stages
                            WHERE in_funnel AND position >= (SELECT position FROM lifecycle_stages WHERE key = 'customer'))
    UNION ALL
    SELECT d.contact_id, d.closed_at
      FROM deals d JOIN base ON base.id = d.contact_id
      JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
     WHERE ps.outcome = 'won' AND d.closed_at >= base.mql_at AND d.closed_at < $1
  ),
  lead AS MATERIALIZED (
    SELECT base.id, base.lead_type, base.mql_at, w.won_at
      FROM base LEFT JOIN (SELECT id, min(at) AS won_at FROM won_moments GROUP BY id) w ON w.id = base.id
  ),
  att AS MATERIALIZED (
    SELECT a.contact_id, a.user_id, a.outcome,
           COALESCE(u.hourly_cost / NULLIF(u.calls_per_hour, 0), 0) AS cost,
           (u.id IS NULL OR u.hourly_cost <= 0 OR u.calls_per_hour <= 0) AS no_cost,
           row_number() OVER (PARTITION BY a.contact_id ORDER BY a.occurred_at, a.id) AS n
      FROM lead JOIN activities a ON a.contact_id = lead.id
      LEFT JOIN users u ON u.id = a.user_id
     WHERE a.direction = 'outbound' AND a.type IN ('call', 'email', 'social')
       AND a.occurred_at >= lead.mql_at AND a.occurred_at < COALESCE(lead.won_at, $1)
  ),
  rev AS (
    SELECT d.contact_id, sum(COALESCE(d.amount, 0)) AS revenue, count(*) AS won_deals
      FROM lead JOIN deals d ON d.contact_id = lead.id
      JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
     WHERE ps.outcome = 'won' AND (d.closed_at IS NULL OR (d.closed_at >= lead.mql_at AND d.closed_at < $1))
     GROUP BY d.contact_id
  )`;

/**
 * One row per lead: lead_type, attempts, cost, attempts_without_cost, attempts_until_connected
 * (the rank of the first attempt whose outcome is 'connected'; null if none), customer, revenue.
 */
export const attemptsLeadsSql = /* sql */ `
WITH ${cohortCtes}
SELECT lead.id AS contact_id, lead.lead_type, lead.mql_at, lead.won_at,
       count(att.contact_id)::int AS attempts,
       COALESCE(sum(att.cost), 0)::float8 AS cost,
       (count(att.contact_id) FILTER (WHERE att.no_cost))::int AS attempts_without_cost,
       (min(att.n) FILTER (WHERE att.outcome = 'connected'))::int AS attempts_until_connected,
       (lead.won_at IS NOT NULL OR rev.contact_id IS NOT NULL) AS customer,
       COALESCE(rev.revenue, 0)::float8 AS revenue
  FROM lead
  LEFT JOIN att ON att.contact_id = lead.id
  LEFT JOIN rev ON rev.contact_id = lead.id
 GROUP BY lead.id, lead.lead_type, lead.mql_at, lead.won_at, rev.contact_id, rev.revenue
 ORDER BY lead.id`;

/** The attempts counted above, per rep (user_id null = attempts logged without a rep). */
export const attemptsByRepSql = /* sql */ `
WITH ${cohortCtes}
SELECT att.user_id, u.name, u.hourly_cost::float8 AS hourly_cost, u.calls_per_hour::float8 AS calls_per_hour,
       count(*)::int AS attempts, sum(att.cost)::float8 AS cost, bool_or(att.no_cost) AS no_cost
  FROM att LEFT JOIN users u ON u.id = att.user_id
 GROUP BY att.user_id, u.name, u.hourly_cost, u.calls_per_hour
 ORDER BY count(*) DESC, att.user_id NULLS LAST`;
