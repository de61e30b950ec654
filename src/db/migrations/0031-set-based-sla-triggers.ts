import { leadStatusChanges, moves, relevant, routingQueueMoves, touches } from './0017-bulk-import-triggers.js';

export const name = 'set-based-sla-triggers';

// Issue 12 (import speed on the server). Migration 0017 made the SLA triggers run once per
// statement, but inside they still looped: an activity batch of 5,000 rows locked its contacts
// and read their clocks with one statement per contact (10,000 statements, 60% of the insert),
// and a funnel batch closed clocks one contact at a time. Each step is now one statement over
// the batch's arrays; what they write is unchanged (migration 0017's test compares them with the
// per-row triggers). Locks are still taken contacts first, then clocks, each in contact order:
// a locking SELECT ... ORDER BY locks its rows in that order.
//
// contacts_mql_scores ran a PL/pgSQL call for every inserted contact only to set two NULL
// columns to NULL: a WHEN clause now skips the call when there is nothing for it to do (no
// mql_at, no MQL scores), the same outcome.
export const sql = /* sql */ `
CREATE OR REPLACE FUNCTION sla_on_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  c_contact bigint[];
  c_at timestamptz[];
  c_op text[];
  dequeued bigint[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_moves m WHERE ${relevant('m')}) THEN RETURN NULL; END IF;
  -- Per contact its first closing move closes its open clock (one at most).
  SELECT array_agg(contact_id ORDER BY contact_id), array_agg(at ORDER BY contact_id), array_agg(op ORDER BY contact_id)
    INTO c_contact, c_at, c_op
    FROM (SELECT DISTINCT ON (contact_id) contact_id, at, op FROM (${moves}) s WHERE op <> 'queue' ORDER BY contact_id, id) f;
  IF c_contact IS NOT NULL THEN
    PERFORM 1 FROM lead_assignments WHERE contact_id = ANY(c_contact) AND closed_at IS NULL ORDER BY contact_id FOR UPDATE;
    IF FOUND THEN
      UPDATE lead_assignments l SET closed_at = u.at, close_reason = u.op, accepted_at = CASE WHEN u.op = 'accepted' THEN u.at ELSE l.accepted_at END
        FROM unnest(c_contact, c_at, c_op) AS u(contact_id, at, op)
       WHERE l.contact_id = u.contact_id AND l.closed_at IS NULL;
    END IF;
  END IF;
${routingQueueMoves}  RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION sla_on_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  statuses text[];
  -- The open clocks of the statement's contacts: contact, clock, assigned at, attempts due, contact's lead status.
  k_contact bigint[];
  k_clock bigint[];
  k_assigned timestamptz[];
  k_due timestamptz[];
  k_status text[];
  -- The lead status changes: contact, from, to, at.
  c_contact bigint[];
  c_from text[];
  c_to text[];
  c_at timestamptz[];
BEGIN
  SELECT array_agg(DISTINCT contact_id ORDER BY contact_id) INTO ids FROM new_activities WHERE contact_id IS NOT NULL;
  IF ids IS NULL THEN RETURN NULL; END IF;
  -- Contacts before clocks, in id order. NO KEY UPDATE, the lock an UPDATE of the contact takes
  -- anyway: the foreign-key checks of these inserts hold KEY SHARE on the contacts, and FOR
  -- UPDATE would wait on every other insert's.
  SELECT array_agg(c.id ORDER BY c.id), array_agg(c.lead_status ORDER BY c.id) INTO ids, statuses
    FROM (SELECT id, lead_status FROM contacts WHERE id = ANY(ids) ORDER BY id FOR NO KEY UPDATE) c;
  SELECT array_agg(l.contact_id ORDER BY l.contact_id), array_agg(l.id ORDER BY l.contact_id), array_agg(l.assigned_at ORDER BY l.contact_id),
         array_agg(l.attempts_due ORDER BY l.contact_id), array_agg(s.status ORDER BY l.contact_id)
    INTO k_contact, k_clock, k_assigned, k_due, k_status
    FROM (SELECT contact_id, id, assigned_at, attempts_due FROM lead_assignments WHERE contact_id = ANY(ids) AND closed_at IS NULL
           ORDER BY contact_id FOR UPDATE) l
    JOIN unnest(ids, statuses) AS s(contact_id, status) ON s.contact_id = l.contact_id;
  IF k_clock IS NULL THEN RETURN NULL; END IF;

${leadStatusChanges}
  IF c_contact IS NOT NULL THEN
    -- A contact that attempts and then connects ends Connected: its last change is its status.
    UPDATE contacts c SET lead_status = u.to_status, lead_status_reason = NULL
      FROM (SELECT DISTINCT ON (contact_id) contact_id, to_status
              FROM unnest(c_contact, c_to) WITH ORDINALITY AS u(contact_id, to_status, n) ORDER BY contact_id, n DESC) u
     WHERE c.id = u.contact_id;
    INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id)
    SELECT 'contact', u.contact_id, 'lead_status', to_jsonb(u.from_status), to_jsonb(u.to_status), u.at, 'rule', 'sla'
      FROM unnest(c_contact, c_from, c_to, c_at) WITH ORDINALITY AS u(contact_id, from_status, to_status, at, n) ORDER BY u.n;
  END IF;

  -- The clocks are locked above, so one UPDATE of them all keeps the lock order.
  UPDATE lead_assignments l SET
    first_touch_at = LEAST(l.first_touch_at, r.first_touch),
    attempts = l.attempts + r.attempts,
    attempts_in_window = l.attempts_in_window + r.in_window,
    last_attempt_at = GREATEST(l.last_attempt_at, r.last_attempt),
    connected_at = LEAST(l.connected_at, r.connected)
    FROM (SELECT t.clock_id, min(t.at) FILTER (WHERE t.touch) AS first_touch, count(*) FILTER (WHERE t.attempt) AS attempts,
                 count(*) FILTER (WHERE t.attempt AND t.in_window) AS in_window, max(t.at) FILTER (WHERE t.attempt) AS last_attempt,
                 min(t.at) FILTER (WHERE t.connection) AS connected
            FROM (${touches}) t GROUP BY t.clock_id) r
   WHERE l.id = r.clock_id;
  RETURN NULL;
END $$;

DROP TRIGGER contacts_mql_scores ON contacts;
CREATE TRIGGER contacts_mql_scores BEFORE INSERT OR UPDATE OF mql_at ON contacts
  FOR EACH ROW WHEN (NEW.mql_at IS NOT NULL OR NEW.mql_fit IS NOT NULL OR NEW.mql_interest IS NOT NULL)
  EXECUTE FUNCTION contact_mql_scores();
`;
