// The funnel split by one dimension (src/domains/reports/dimensions.ts): contacts created in
// [$1, $2), grouped by the dimension's expression (built from a fixed list and the workspace's own
// property definitions, never from user text), with the furthest stage each reached and the median
// days between neighbouring stages per group. Same definitions as funnel-report.ts; cohort months
// in time zone $3.

/** Contacts created in [$1, $2) with their group `grp` (an expression over `contacts c` and `companies co`). Materialised: the planner would otherwise expand it into each join. */
const cohortCte = (group: string) => /* sql */ `
  cohort AS MATERIALIZED (
    SELECT c.id, ${group} AS grp
      FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2
  )`;

// From the contact_stage_firsts rollup (first moment per contact and stage): per contact the
// furthest funnel position it ever reached, then per group how many contacts reached each.
/** Per group of a `cohort(id, grp)` CTE and furthest funnel position ever reached: how many contacts. */
export const reachOfCohortSql = (cohort: string) => /* sql */ `
WITH ${cohort},
  reach AS (
    SELECT f.contact_id, max(ls.position) AS max_pos
      FROM contact_stage_firsts f
      JOIN cohort ON cohort.id = f.contact_id
      JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
     GROUP BY f.contact_id
  )
SELECT cohort.grp, COALESCE(reach.max_pos, 0) AS max_pos, count(*) AS n
  FROM cohort LEFT JOIN reach ON reach.contact_id = cohort.id
 GROUP BY 1, 2 ORDER BY 1, 2`;

/** Per group of a `cohort(id, grp)` CTE: median days from first becoming one funnel stage to first becoming the next. */
export const velocityOfCohortSql = (cohort: string) => /* sql */ `
WITH ${cohort}
SELECT cohort.grp, a.key AS from_stage, b.key AS to_stage, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fb.first_at - fa.first_at) / 86400.0) AS median_days
  FROM lifecycle_stages a
  JOIN lifecycle_stages b ON b.position = a.position + 1 AND a.in_funnel AND b.in_funnel
  JOIN contact_stage_firsts fa ON fa.stage = a.key
  JOIN cohort ON cohort.id = fa.contact_id
  JOIN contact_stage_firsts fb ON fb.contact_id = fa.contact_id AND fb.stage = b.key AND fb.first_at >= fa.first_at
 GROUP BY 1, 2, 3`;

export const breakdownReachSql = (group: string) => reachOfCohortSql(cohortCte(group));
export const breakdownVelocitySql = (group: string) => velocityOfCohortSql(cohortCte(group));
