import { leadName } from './sla-dashboard.js';

/** An open AE clock's state at $1 (handoffs aliased h): breached past due, at risk past its at-risk point. */
const openStatus = /* sql */ `CASE WHEN $1 >= h.meeting_due THEN 'breached' WHEN $1 >= h.meeting_risk_at THEN 'at_risk' ELSE 'on_time' END`;

/**
 * Open AE clocks that crossed their at-risk or due time at $1 and were not alerted for it (a
 * clock found past due skips the at-risk alert: it is late, not at risk), up to $2.
 */
export const aeCrossingsSql = /* sql */ `
SELECT h.id AS handoff_id, h.contact_id, h.ae_id, k.kind, k.at, ${leadName} AS name, h.policy->'calendar'->>'timeZone' AS time_zone
  FROM ae_handoffs h JOIN contacts c ON c.id = h.contact_id
 CROSS JOIN LATERAL (VALUES
   ('first_meeting_breached', h.meeting_due, h.meeting_due <= $1),
   ('first_meeting_at_risk', h.meeting_due, h.meeting_risk_at <= $1 AND h.meeting_due > $1)
 ) AS k(kind, at, crossed)
 WHERE h.closed_at IS NULL AND h.meeting_risk_at <= $1 AND k.crossed AND NOT k.kind = ANY(h.alerted)
 ORDER BY k.at, h.id
 LIMIT $2`;

/**
 * An AE's open handoffs ($2; null: everyone's) judged at $1, most urgent first: breached, at
 * risk, on time, each by its due time.
 */
export const aeQueueSql = /* sql */ `
SELECT h.id AS handoff_id, h.contact_id, ${leadName} AS name, c.email, co.name AS company_name, h.ae_id, ae.name AS ae_name,
       h.sdr_id, sdr.name AS sdr_name, h.handed_at, h.handed_by, h.meeting_risk_at, h.meeting_due, c.lifecycle_stage, ${openStatus} AS status
  FROM ae_handoffs h JOIN contacts c ON c.id = h.contact_id LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN users ae ON ae.id = h.ae_id LEFT JOIN users sdr ON sdr.id = h.sdr_id
 WHERE h.closed_at IS NULL AND ($2::bigint IS NULL OR h.ae_id = $2)
 ORDER BY CASE ${openStatus} WHEN 'breached' THEN 0 WHEN 'at_risk' THEN 1 ELSE 2 END, h.meeting_due, h.id
 LIMIT $3`;

/** count, median and mean hours, decided, within SLA of one group's rows (columns hours, done, decided, within). */
const stats = /* sql */ `
       count(*) AS leads,
       count(*) FILTER (WHERE hours IS NOT NULL) AS done,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY hours) FILTER (WHERE hours IS NOT NULL) AS median_hours,
       avg(hours)::float8 AS mean_hours,
       count(*) FILTER (WHERE decided) AS decided,
       count(*) FILTER (WHERE within) AS within_sla`;

/**
 * Time to accept, per SDR (grouping sets give the team and everyone): the SDR clocks started in
 * [$2, $3), judged at $1. Hours from assignment to acceptance; a lead is decided once accepted or
 * while still open past its attempts deadline (the time the SDR had to work it), and within the
 * SLA when accepted by that deadline. Rejected and recycled leads are neither.
 */
export const timeToAcceptSql = /* sql */ `
WITH l AS (
  SELECT a.owner_id AS user_id, u.name AS user_name, COALESCE(u.team, '(no team)') AS team,
         CASE WHEN a.accepted_at IS NOT NULL THEN extract(epoch FROM a.accepted_at - a.assigned_at) / 3600 END AS hours,
         a.accepted_at IS NOT NULL OR (a.closed_at IS NULL AND a.attempts_due <= $1) AS decided,
         a.accepted_at IS NOT NULL AND a.accepted_at <= a.attempts_due AS within
    FROM lead_assignments a LEFT JOIN users u ON u.id = a.owner_id
   WHERE a.assigned_at >= $2 AND a.assigned_at < $3 AND a.assigned_at <= $1
)
SELECT team, user_id, min(user_name) AS user_name, GROUPING(team, user_id) AS level, ${stats}
  FROM l GROUP BY GROUPING SETS ((team, user_id), (team), ())
 ORDER BY level DESC, team NULLS FIRST, min(user_name) NULLS FIRST`;

/**
 * Time to the AE's first meeting, per AE (and team, and everyone): the handoffs made in [$2, $3),
 * judged at $1. Hours from handoff to the first meeting held; decided once met or while still
 * open past due; within the SLA when met by the due time.
 */
export const timeToMeetingSql = /* sql */ `
WITH l AS (
  SELECT h.ae_id AS user_id, u.name AS user_name, COALESCE(u.team, '(no team)') AS team,
         CASE WHEN h.first_meeting_at IS NOT NULL THEN extract(epoch FROM h.first_meeting_at - h.handed_at) / 3600 END AS hours,
         h.first_meeting_at IS NOT NULL OR (h.closed_at IS NULL AND h.meeting_due <= $1) AS decided,
         h.first_meeting_at IS NOT NULL AND h.first_meeting_at <= h.meeting_due AS within
    FROM ae_handoffs h LEFT JOIN users u ON u.id = h.ae_id
   WHERE h.handed_at >= $2 AND h.handed_at < $3 AND h.handed_at <= $1
)
SELECT team, user_id, min(user_name) AS user_name, GROUPING(team, user_id) AS level, ${stats}
  FROM l GROUP BY GROUPING SETS ((team, user_id), (team), ())
 ORDER BY level DESC, team NULLS FIRST, min(user_name) NULLS FIRST`;
