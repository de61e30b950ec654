// SLA status of a clock at $1 (now), as SQL so 100k leads are judged in one query.
// first touch: met / missed (touched, in time or late), breached (not touched, past due),
// at_risk (not touched, past the at-risk point), on_time. Attempts: met when the required
// attempts were made in the window or the lead was reached; missed when the window closed short.
export const firstTouchStatus = /* sql */ `CASE
  WHEN a.first_touch_at IS NOT NULL THEN CASE WHEN a.first_touch_at <= a.first_touch_due THEN 'met' ELSE 'missed' END
  WHEN a.closed_at IS NOT NULL THEN CASE WHEN a.closed_at <= a.first_touch_due THEN 'met' ELSE 'missed' END
  WHEN $1 >= a.first_touch_due THEN 'breached'
  WHEN $1 >= a.first_touch_risk_at THEN 'at_risk'
  ELSE 'on_time' END`;

export const attemptsStatus = /* sql */ `CASE
  WHEN a.attempts_in_window >= a.attempts_required OR (a.connected_at IS NOT NULL AND a.connected_at <= a.attempts_due) THEN 'met'
  WHEN a.close_reason IN ('accepted', 'rejected', 'reassigned') AND a.closed_at <= a.attempts_due THEN 'met'
  WHEN $1 >= a.attempts_due THEN CASE WHEN a.closed_at IS NULL THEN 'breached' ELSE 'missed' END
  WHEN a.closed_at IS NOT NULL THEN 'met'
  WHEN $1 >= a.attempts_risk_at THEN 'at_risk'
  ELSE 'on_time' END`;

/** A lead's display name in SQL (contacts aliased c): full name, else email. */
export const leadName = `COALESCE(NULLIF(trim(concat_ws(' ', c.first_name, c.last_name)), ''), c.email)`;

/** How urgent a lead's status is, in SQL: breached 0, at risk 1, on time 2 (the queue's first order). */
const urgency = (status: string) => `CASE ${status} WHEN 'breached' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END`;

/**
 * Open leads with their SLA status, most urgent first: breached, then at risk, then on time,
 * each by its next deadline. $2 owner, $3 team, $4 status filter (any of the two statuses), $5 limit, $6 contact.
 * Keyset paging: $7 status, $8 next due, $9 assignment id of the last lead of the previous page
 * (null on the first). The next due is compared to the millisecond, as the cursor holds it.
 * The page is chosen from the clocks alone and only its leads are joined to their contacts and
 * companies (every clock has its contact: NOT NULL, ON DELETE CASCADE): at 1M contacts joining
 * all 100k open clocks to read 5,000 of them was most of the time.
 */
export const openLeadsSql = /* sql */ `
WITH l AS (
  SELECT a.id AS assignment_id, a.contact_id, a.owner_id, u.name AS owner_name, u.team,
         a.mql_type, a.segment, a.policy_id, a.assigned_at, a.assigned_by, a.first_touch_due, a.first_touch_at, a.attempts_required,
         a.attempts_in_window AS attempts, a.attempts_due, a.connected_at, a.last_attempt_at,
         ${firstTouchStatus} AS first_touch_status, ${attemptsStatus} AS attempts_status
    FROM lead_assignments a LEFT JOIN users u ON u.id = a.owner_id
   WHERE a.closed_at IS NULL AND ($2::bigint IS NULL OR a.owner_id = $2) AND ($3::text IS NULL OR lower(u.team) = lower($3))
     AND ($6::bigint IS NULL OR a.contact_id = $6)
), s AS (
  SELECT *, CASE WHEN 'breached' IN (first_touch_status, attempts_status) THEN 'breached'
                 WHEN 'at_risk' IN (first_touch_status, attempts_status) THEN 'at_risk' ELSE 'on_time' END AS status,
         CASE WHEN first_touch_at IS NULL THEN first_touch_due ELSE attempts_due END AS next_due
    FROM l
   WHERE $4::text IS NULL OR first_touch_status = $4 OR attempts_status = $4
), page AS (
  SELECT * FROM s
   WHERE $7::text IS NULL OR (${urgency('status')}, date_trunc('milliseconds', next_due), assignment_id) > (${urgency('$7::text')}, $8::timestamptz, $9::bigint)
   ORDER BY ${urgency('status')}, date_trunc('milliseconds', next_due), assignment_id
   LIMIT $5
)
SELECT p.assignment_id, p.contact_id, ${leadName} AS name, c.email, co.name AS company_name, p.owner_id, p.owner_name, p.team,
       p.mql_type, p.segment, p.policy_id, p.assigned_at, p.assigned_by, p.first_touch_due, p.first_touch_at, p.attempts_required,
       p.attempts, p.attempts_due, p.connected_at, p.last_attempt_at, c.lead_status,
       p.first_touch_status, p.attempts_status, p.status, p.next_due
  FROM page p JOIN contacts c ON c.id = p.contact_id LEFT JOIN companies co ON co.id = c.company_id
 ORDER BY ${urgency('p.status')}, date_trunc('milliseconds', p.next_due), p.assignment_id`;

/**
 * Compliance of the clocks started in [$2, $3), judged at $1, per rep (grouping sets give the
 * team and everyone too): leads, first touch met % (of those decided), median minutes to first
 * touch, attempts per lead, attempts met %, accepted, median hours to accept, rejected, recycled.
 */
export const complianceSql = /* sql */ `
WITH l AS (
  SELECT a.*, u.name AS owner_name, COALESCE(u.team, '(no team)') AS team,
         ${firstTouchStatus} AS ft, ${attemptsStatus} AS att
    FROM lead_assignments a LEFT JOIN users u ON u.id = a.owner_id
   WHERE a.assigned_at >= $2 AND a.assigned_at < $3 AND a.assigned_at <= $1
)
SELECT team, owner_id, min(owner_name) AS owner_name, GROUPING(team, owner_id) AS level,
       count(*) AS leads,
       count(*) FILTER (WHERE ft IN ('met', 'missed', 'breached')) AS first_touch_decided,
       count(*) FILTER (WHERE ft = 'met') AS first_touch_met,
       count(*) FILTER (WHERE ft IN ('breached', 'at_risk')) AS first_touch_open_late,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_touch_at - assigned_at) / 60) FILTER (WHERE first_touch_at IS NOT NULL) AS median_minutes_to_first_touch,
       avg(attempts) AS attempts_per_lead,
       count(*) FILTER (WHERE att IN ('met', 'missed', 'breached')) AS attempts_decided,
       count(*) FILTER (WHERE att = 'met') AS attempts_met,
       count(*) FILTER (WHERE connected_at IS NOT NULL) AS connected,
       count(*) FILTER (WHERE close_reason = 'accepted') AS accepted,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM accepted_at - assigned_at) / 3600) FILTER (WHERE accepted_at IS NOT NULL) AS median_hours_to_accept,
       count(*) FILTER (WHERE close_reason = 'rejected') AS rejected,
       count(*) FILTER (WHERE close_reason = 'recycled') AS recycled
  FROM l
 GROUP BY GROUPING SETS ((team, owner_id), (team), ())
 ORDER BY level DESC, team NULLS FIRST, owner_name NULLS FIRST`;

/** Rejections of leads assigned in [$1, $2) by reason code: what sales sends back and why. */
export const rejectionsSql = /* sql */ `
SELECT split_part(COALESCE(c.lead_status_reason, 'other'), ':', 1) AS reason_code, count(*) AS leads
  FROM lead_assignments a JOIN contacts c ON c.id = a.contact_id
 WHERE a.close_reason = 'rejected' AND a.assigned_at >= $1 AND a.assigned_at < $2
 GROUP BY 1 ORDER BY 2 DESC`;

/** Every open clock judged at $1, counted by state: the dashboard's headline, one pass over the leads. */
export const openStatusCountsSql = /* sql */ `
WITH l AS (
  SELECT ${firstTouchStatus} AS ft, ${attemptsStatus} AS att FROM lead_assignments a WHERE a.closed_at IS NULL
)
SELECT count(*) AS open,
       count(*) FILTER (WHERE 'breached' IN (ft, att)) AS breached,
       count(*) FILTER (WHERE 'at_risk' IN (ft, att) AND 'breached' NOT IN (ft, att)) AS at_risk,
       count(*) FILTER (WHERE ft = 'breached') AS first_touch_breached,
       count(*) FILTER (WHERE att = 'breached') AS attempts_breached
  FROM l`;
