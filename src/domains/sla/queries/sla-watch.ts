import { leadName } from './sla-dashboard.js';

/**
 * Open clocks that crossed an at-risk or due time ($1 = now) and have not been alerted for it.
 * A lead found past its due time skips the at-risk alert: it is late, not at risk. One pass over
 * the open clocks (each row tried against the four crossings); names and policies are read only
 * for the rows found, not for every late lead.
 */
export const slaCrossingsSql = /* sql */ `
WITH hit AS (
  SELECT a.id, k.kind, k.at
    FROM lead_assignments a
   CROSS JOIN LATERAL (VALUES
     ('first_touch_breached', a.first_touch_due, a.first_touch_at IS NULL AND a.first_touch_due <= $1),
     ('first_touch_at_risk', a.first_touch_due, a.first_touch_at IS NULL AND a.first_touch_risk_at <= $1 AND a.first_touch_due > $1),
     ('attempts_breached', a.attempts_due, a.connected_at IS NULL AND a.attempts_in_window < a.attempts_required AND a.attempts_due <= $1),
     ('attempts_at_risk', a.attempts_due, a.connected_at IS NULL AND a.attempts_in_window < a.attempts_required AND a.attempts_risk_at <= $1 AND a.attempts_due > $1)
   ) AS k(kind, at, crossed)
   WHERE a.closed_at IS NULL AND a.next_check_at <= $1 AND k.crossed AND NOT k.kind = ANY(a.alerted)
   ORDER BY k.at, a.id
   LIMIT $2
)
SELECT hit.id AS assignment_id, a.contact_id, a.owner_id, hit.kind, hit.at, ${leadName} AS name, a.attempts_in_window, a.attempts_required,
       a.policy->>'name' AS policy_name, a.policy->'calendar'->>'timeZone' AS time_zone, a.policy->>'atRiskAlerts' AS at_risk_alerts
  FROM hit JOIN lead_assignments a ON a.id = hit.id JOIN contacts c ON c.id = a.contact_id
 ORDER BY hit.at, hit.id`;

/** MQLs whose attempts window closed ($1 = now) with the attempts made and no connection. */
export const autoRecycleSql = /* sql */ `
SELECT a.id AS assignment_id, a.contact_id, a.owner_id, ${leadName} AS name, a.attempts_in_window, (a.policy->>'attemptsDays')::int AS days
  FROM lead_assignments a JOIN contacts c ON c.id = a.contact_id
 WHERE a.closed_at IS NULL AND a.next_check_at <= $1 AND a.attempts_due <= $1 AND a.connected_at IS NULL AND a.attempts_in_window >= a.attempts_required
   AND COALESCE((a.policy->>'autoRecycle')::boolean, true) AND c.lifecycle_stage = 'mql'
 ORDER BY a.attempts_due, a.id LIMIT $2`;

/**
 * What owned or hot contacts ($1) did in [$2, $3] that someone should hear about (the owner; for a
 * hot contact nobody owns, the sales managers), first time per reason. Only events after the
 * contact was handed to its current owner count: the request that made it an MQL is in the
 * handoff already.
 */
export const returningContactsSql = /* sql */ `
WITH ev AS (
  SELECT e.contact_id, e.timestamp,
         CASE WHEN e.type = 'track' AND e.event = 'Contact Sales Requested' THEN 'asked_for_sales'
              WHEN e.type = 'track' AND e.event = 'Demo Requested' THEN 'requested_demo'
              WHEN e.type = 'page' AND (e.properties->>'path' ILIKE '%pricing%' OR e.properties->>'url' ILIKE '%pricing%') THEN 'viewed_pricing'
              WHEN e.type = 'page' THEN 'revisited' END AS reason,
         COALESCE(a.name, e.properties->>'path', e.event) AS detail
    FROM events e LEFT JOIN assets a ON a.id = e.asset_id
   WHERE e.contact_id = ANY($1::bigint[]) AND e.timestamp >= $2 AND e.timestamp <= $3 AND e.type IN ('page', 'track')
), firsts AS (
  SELECT DISTINCT ON (contact_id, reason) contact_id, reason, timestamp AS at, detail FROM ev WHERE reason IS NOT NULL ORDER BY contact_id, reason, timestamp
)
SELECT f.contact_id, c.owner_id, f.reason, f.at, f.detail, ${leadName} AS name
  FROM firsts f JOIN contacts c ON c.id = f.contact_id
 WHERE (c.owner_id IS NOT NULL OR EXISTS (SELECT 1 FROM contact_scores s WHERE s.contact_id = f.contact_id AND s.quadrant = 'hot'))
   AND NOT EXISTS (SELECT 1 FROM lead_assignments la WHERE la.contact_id = f.contact_id AND la.assigned_at >= f.at)
   -- An unowned contact being routed right now gets its handoff instead.
   AND (c.owner_id IS NOT NULL OR NOT EXISTS (SELECT 1 FROM routing_queue q WHERE q.contact_id = f.contact_id))
 ORDER BY f.at`;

/** The next moment an open clock must be looked at after $1: the worker wakes then. */
export const nextCrossingSql = /* sql */ `
SELECT min(next_check_at) AS next FROM lead_assignments WHERE closed_at IS NULL AND next_check_at > $1`;

/**
 * After a sweep ($1 = now): each clock it looked at is next looked at when its earliest threshold
 * still pending comes — one not yet alerted and still possible (a touched lead has no first-touch
 * threshold left; a reached one no attempts threshold). A threshold already past but not yet
 * handled (more crossings than one sweep takes) keeps the clock due now.
 */
export const rescheduleChecksSql = /* sql */ `
UPDATE lead_assignments a SET next_check_at = (SELECT min(t) FROM (VALUES
    (CASE WHEN a.first_touch_at IS NULL AND a.first_touch_risk_at > $1 AND NOT 'first_touch_at_risk' = ANY(a.alerted) THEN a.first_touch_risk_at END),
    (CASE WHEN a.first_touch_at IS NULL AND NOT 'first_touch_breached' = ANY(a.alerted) THEN a.first_touch_due END),
    (CASE WHEN a.connected_at IS NULL AND a.attempts_in_window < a.attempts_required AND a.attempts_risk_at > $1 AND NOT 'attempts_at_risk' = ANY(a.alerted) THEN a.attempts_risk_at END),
    (CASE WHEN a.connected_at IS NULL AND a.attempts_due > $1 THEN a.attempts_due END),
    (CASE WHEN a.connected_at IS NULL AND a.attempts_in_window < a.attempts_required AND NOT 'attempts_breached' = ANY(a.alerted) THEN a.attempts_due END),
    (CASE WHEN a.connected_at IS NULL AND a.attempts_in_window >= a.attempts_required AND COALESCE((a.policy->>'autoRecycle')::boolean, true) THEN a.attempts_due END)
  ) AS v(t))
 WHERE a.closed_at IS NULL AND a.next_check_at <= $1`;
