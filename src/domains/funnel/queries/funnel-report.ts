// Contacts created in [$1, $2), optionally limited to an original source ($3) and company segment ($4);
// cohort months in time zone $5.
// Materialised: the planner would otherwise expand them into each join of the velocity query.
const cohort = /* sql */ `
  cohort AS MATERIALIZED (
    SELECT c.id, c.lifecycle_stage, to_char(c.created_at AT TIME ZONE $5, 'YYYY-MM') AS month
      FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2
       AND ($3::text IS NULL OR c.original_source = $3)
       AND ($4::text IS NULL OR co.segment = $4)
  ),
  firsts AS MATERIALIZED (
    SELECT st.object_id AS contact_id, st.to_stage, min(st.at) AS at
      FROM stage_transitions st JOIN cohort ON cohort.id = st.object_id
     WHERE st.object_type = 'contact'
     GROUP BY 1, 2
  )`;

/** Per cohort month and furthest funnel position ever reached: how many contacts. */
export const funnelReachSql = /* sql */ `
WITH ${cohort},
  reach AS (
    SELECT cohort.id, cohort.month, COALESCE(max(ls.position), 0) AS max_pos
      FROM cohort LEFT JOIN firsts f ON f.contact_id = cohort.id
      LEFT JOIN lifecycle_stages ls ON ls.key = f.to_stage AND ls.in_funnel
     GROUP BY 1, 2
  )
SELECT month, max_pos, count(*) AS n FROM reach GROUP BY 1, 2 ORDER BY 1, 2`;

/** Contacts currently in each stage. */
export const funnelCurrentSql = /* sql */ `
WITH ${cohort}
SELECT lifecycle_stage AS stage, count(*) AS n FROM cohort GROUP BY 1`;

/** Median days from first becoming one funnel stage to first becoming the next. */
export const funnelVelocitySql = /* sql */ `
WITH ${cohort}
SELECT a.key AS from_stage, b.key AS to_stage, count(*) AS n,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM fb.at - fa.at) / 86400.0) AS median_days
  FROM lifecycle_stages a
  JOIN lifecycle_stages b ON b.position = a.position + 1 AND a.in_funnel AND b.in_funnel
  JOIN firsts fa ON fa.to_stage = a.key
  JOIN firsts fb ON fb.to_stage = b.key AND fb.contact_id = fa.contact_id AND fb.at >= fa.at
 GROUP BY 1, 2`;
