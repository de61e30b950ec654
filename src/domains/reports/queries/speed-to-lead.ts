// Speed of follow-up: lead assignments (MQL handoffs) made in [$1, $2), by minutes from the start
// of their clock (the request, for policies that start there; else the assignment) to the first
// touch (a touch before the start counts as 0). Bucket edges are inclusive at the top: "within 5
// minutes" holds 5:00 exactly. Untouched ones (so far) are "not yet". Each assignment's contact
// is followed to SQL or beyond, and to customer, after its clock started (so far), so the value
// of speed reads on the team's own leads.
export const speedToLeadSql = /* sql */ `
WITH a AS (
  SELECT la.contact_id, COALESCE(la.clock_started_at, la.assigned_at) AS started,
         CASE WHEN la.first_touch_at IS NOT NULL
              THEN GREATEST(extract(epoch FROM la.first_touch_at - COALESCE(la.clock_started_at, la.assigned_at)) / 60, 0) END AS minutes
    FROM lead_assignments la WHERE la.assigned_at >= $1 AND la.assigned_at < $2
), b AS (
  SELECT a.minutes,
         CASE WHEN a.minutes IS NULL THEN 6 WHEN a.minutes <= 5 THEN 0 WHEN a.minutes <= 30 THEN 1 WHEN a.minutes <= 60 THEN 2
              WHEN a.minutes <= 240 THEN 3 WHEN a.minutes <= 1440 THEN 4 ELSE 5 END AS bucket,
         EXISTS (SELECT 1 FROM stage_transitions st WHERE st.object_type = 'contact' AND st.object_id = a.contact_id
                  AND st.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND st.at >= a.started) AS to_sql,
         EXISTS (SELECT 1 FROM stage_transitions st WHERE st.object_type = 'contact' AND st.object_id = a.contact_id
                  AND st.to_stage = 'customer' AND st.at >= a.started) AS to_customer
    FROM a
)
SELECT bucket, count(*)::int AS count, count(*) FILTER (WHERE to_sql)::int AS sqls, count(*) FILTER (WHERE to_customer)::int AS customers,
       (percentile_cont(0.5) WITHIN GROUP (ORDER BY minutes) FILTER (WHERE minutes IS NOT NULL))::float8 AS median_minutes
  FROM b GROUP BY GROUPING SETS ((bucket), ())`;

export interface SpeedToLeadRow {
  /** Null: the row of all assignments. */
  bucket: number | null;
  count: number;
  sqls: number;
  customers: number;
  median_minutes: number | null;
}
