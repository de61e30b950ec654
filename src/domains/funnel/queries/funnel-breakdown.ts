// The funnel split by one dimension: contacts created in [$1, $2), grouped by the expression
// chosen from a fixed list (never from user text), with the furthest stage each reached and the
// median days between neighbouring stages per group. Same definitions as funnel-report.ts; months
// in time zone $3.
export const breakdownGroups = {
  month: `to_char(c.created_at AT TIME ZONE $3, 'YYYY-MM')`,
  channel: `COALESCE(c.original_source, 'Offline')`,
  mql_type: `COALESCE(c.mql_type, '(never an MQL)')`,
  segment: `COALESCE(co.segment, 'unknown')`,
} as const;
export type BreakdownBy = keyof typeof breakdownGroups;

const ctes = (by: BreakdownBy) => /* sql */ `
  cohort AS MATERIALIZED (
    SELECT c.id, ${breakdownGroups[by]} AS grp
      FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2
  ),
  firsts AS MATERIALIZED (
    SELECT st.object_id AS contact_id, st.to_stage, min(st.at) AS at
      FROM stage_transitions st JOIN cohort ON cohort.id = st.object_id
     WHERE st.object_type = 'contact'
     GROUP BY 1, 2
  )`;

export const breakdownReachSql = (by: BreakdownBy) => /* sql */ `
WITH ${ctes(by)},
  reach AS (
    SELECT cohort.id, cohort.grp, COALESCE(max(ls.position), 0) AS max_pos
      FROM cohort LEFT JOIN firsts f ON f.contact_id = cohort.id
      LEFT JOIN lifecycle_stages ls ON ls.key = f.to_stage AND ls.in_funnel
     GROUP BY 1, 2
  )
SELECT grp, max_pos, count(*) AS n FROM reach GROUP BY 1, 2 ORDER BY 1, 2`;

export const breakdownVelocitySql = (by: BreakdownBy) => /* sql */ `
WITH ${ctes(by)}
SELECT cohort.grp, a.key AS from_stage, b.key AS to_stage, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fb.at - fa.at) / 86400.0) AS median_days
  FROM lifecycle_stages a
  JOIN lifecycle_stages b ON b.position = a.position + 1 AND a.in_funnel AND b.in_funnel
  JOIN firsts fa ON fa.to_stage = a.key
  JOIN firsts fb ON fb.to_stage = b.key AND fb.contact_id = fa.contact_id AND fb.at >= fa.at
  JOIN cohort ON cohort.id = fa.contact_id
 GROUP BY 1, 2, 3`;
