/**
 * The cohort of contacts created in [$1, $2) and how far each got. "Reached" is the funnel
 * report's definition: a contact counts at every stage up to the furthest it ever got (skips
 * count as passing through; a recycled or rejected contact keeps what it reached). The furthest
 * stage is the highest in-funnel stage among its transitions, or its current stage when that is
 * further (a contact written without transitions still counts where it stands). Its transitions'
 * furthest position and the contact's creation moment and current stage are read from the
 * contact_funnels rollup (migrations 0034 and 0036: one row per contact), rather than grouping every
 * stage each contact ever moved to, or reading a year of contacts rows.
 */
export const cohortReachSql = /* sql */ `
WITH pos AS (
  SELECT max(position) FILTER (WHERE key = 'subscriber')  AS subscriber,
         max(position) FILTER (WHERE key = 'lead')        AS lead,
         max(position) FILTER (WHERE key = 'mql')         AS mql,
         max(position) FILTER (WHERE key = 'sql')         AS sql,
         max(position) FILTER (WHERE key = 'opportunity') AS opportunity,
         max(position) FILTER (WHERE key = 'customer')    AS customer
    FROM lifecycle_stages
), reach AS (
  -- Counted per furthest position first: one parallel pass over the cohort, then a few rows.
  SELECT GREATEST(c.max_pos, COALESCE(cur.position, 0)) AS max_pos, count(*) AS n
    FROM contact_funnels c
    LEFT JOIN lifecycle_stages cur ON cur.key = c.lifecycle_stage AND cur.in_funnel
   WHERE c.created_at >= $1 AND c.created_at < $2
   GROUP BY 1
)
SELECT COALESCE(sum(n), 0)::bigint AS contacts,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.subscriber AND reach.max_pos < pos.lead), 0)::bigint AS subscribers,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.lead), 0)::bigint        AS leads,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.mql), 0)::bigint         AS mqls,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.sql), 0)::bigint         AS sqls,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.opportunity), 0)::bigint AS opportunities,
       COALESCE(sum(n) FILTER (WHERE reach.max_pos >= pos.customer), 0)::bigint    AS customers
  FROM pos LEFT JOIN reach ON true`;

/** All visits started in [$1, $2), known and anonymous visitors alike. */
export const visitsInWindowSql = /* sql */ `
SELECT count(*) AS visits FROM visits WHERE started_at >= $1 AND started_at < $2`;

/**
 * Won deals (pipeline stage outcome 'won') closed in [$1, $2), by closed_at. Revenue is summed
 * per contact, so a customer with two won deals counts once with both amounts. Deals without an
 * amount or without a contact cannot be attributed to a customer; they are counted, not used.
 */
export const wonRevenueSql = /* sql */ `
WITH won AS (
  SELECT d.contact_id, d.amount, d.currency
    FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome = 'won' AND d.closed_at >= $1 AND d.closed_at < $2
), per_customer AS (
  SELECT contact_id, sum(amount) AS revenue FROM won
   WHERE contact_id IS NOT NULL AND amount IS NOT NULL GROUP BY 1
)
SELECT (SELECT count(*) FROM won) AS deals,
       (SELECT count(*) FROM won WHERE amount IS NULL) AS deals_without_amount,
       (SELECT count(*) FROM won WHERE contact_id IS NULL) AS deals_without_contact,
       (SELECT COALESCE(sum(revenue), 0) FROM per_customer) AS revenue,
       (SELECT count(*) FROM per_customer) AS customers,
       (SELECT COALESCE(array_agg(DISTINCT currency ORDER BY currency), '{}') FROM won) AS currencies`;
