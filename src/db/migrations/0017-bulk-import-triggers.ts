export const name = 'bulk-import-triggers';

// Issue 12 (import speed). Three triggers ran once per row: a 500-row import batch paid 500
// PL/pgSQL calls, each with its own statements, on contacts (score queue), stage transitions
// (routing queue, SLA clocks) and activities (SLA clocks, lead status). They now run once per
// statement over its transition table and do the same work set-based, so a single-row insert
// (the API) and a 500-row batch (an import) give the same result, and the batch costs a few
// statements instead of thousands. The per-row order the old triggers relied on (several moves
// of one contact in one statement, an attempt before a connection) is kept by the row ids,
// which an identity column hands out in insert order.
//
// Lock order (docs/security.md, "No deadlock reaches a user"): contacts first (FOR NO KEY
// UPDATE, in id order), then their clocks (in contact order), as migration 0013 did per row.
//
// Imported marketing history (revloop import events) is stored under its own internal write key,
// so the processor can tell history from live tracking (history is not routed as a new MQL today).
/** Moves of contacts that touch the routing queue or an SLA clock. */
export const relevant = (m: string) => `${m}.object_type = 'contact'
  AND ((${m}.to_stage = 'mql' AND ${m}.kind IN ('create', 'forward', 'sideways')) OR ${m}.kind IN ('reject', 'recycle')
       OR ${m}.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist'))`;

/** Those moves with what each does, in sla_on_transition's order of precedence. */
export const moves = /* sql */ `
  SELECT m.id, m.object_id AS contact_id, m.at,
         CASE WHEN m.to_stage = 'mql' AND m.kind IN ('create', 'forward', 'sideways') THEN 'queue'
              WHEN m.kind = 'reject' THEN 'rejected'
              WHEN m.kind = 'recycle' THEN 'recycled'
              ELSE 'accepted' END AS op
    FROM new_moves m WHERE ${relevant('m')}`;

/** Each new activity on an open clock assigned at or before it (the k_* arrays), with what it counts as. */
export const touches = /* sql */ `
  SELECT n.id, k.clock_id, n.contact_id, k.status, n.occurred_at AS at, n.occurred_at <= k.due AS in_window,
         n.direction = 'outbound' AS touch,
         n.direction = 'outbound' AND n.type IN ('call', 'email', 'social') AS attempt,
         COALESCE(n.outcome IN ('connected', 'replied') OR (n.type = 'meeting' AND n.outcome = 'completed')
                  OR (n.direction = 'inbound' AND n.type IN ('call', 'email')), false) AS connection
    FROM new_activities n
    JOIN unnest(k_contact, k_clock, k_assigned, k_due, k_status) AS k(contact_id, clock_id, assigned_at, due, status)
      ON k.contact_id = n.contact_id AND k.assigned_at <= n.occurred_at`;

/** sla_on_activity's lead status changes into c_contact, c_from, c_to, c_at (from the k_* clocks). */
export const leadStatusChanges = /* sql */ `  -- Lead status changes, (from, to, at) in the order the per-row trigger made them. The joins
  -- here are between the statement's rows and its clocks: bounded by the batch, not the tables.
  SELECT array_agg(contact_id ORDER BY contact_id, step), array_agg(from_status ORDER BY contact_id, step),
         array_agg(to_status ORDER BY contact_id, step), array_agg(at ORDER BY contact_id, step)
    INTO c_contact, c_from, c_to, c_at
    FROM (WITH f AS (
            SELECT t.contact_id, min(t.status) AS status,
                   (array_agg(t.id ORDER BY t.id) FILTER (WHERE t.attempt AND NOT t.connection))[1] AS attempt_id,
                   (array_agg(t.at ORDER BY t.id) FILTER (WHERE t.attempt AND NOT t.connection))[1] AS attempt_at,
                   (array_agg(t.id ORDER BY t.id) FILTER (WHERE t.connection))[1] AS connection_id,
                   (array_agg(t.at ORDER BY t.id) FILTER (WHERE t.connection))[1] AS connection_at
              FROM (${touches}) t GROUP BY t.contact_id)
          SELECT contact_id, 1 AS step, status AS from_status, 'attempting' AS to_status, attempt_at AS at FROM f
           WHERE attempt_id IS NOT NULL AND (status IS NULL OR status = 'new') AND (connection_id IS NULL OR attempt_id < connection_id)
          UNION ALL
          SELECT contact_id, 2, CASE WHEN (status IS NULL OR status = 'new') AND attempt_id < connection_id THEN 'attempting' ELSE status END, 'connected', connection_at FROM f
           WHERE connection_id IS NOT NULL AND (status IS NULL OR status IN ('new', 'attempting'))) changes;
`;

/** sla_on_transition's routing queue: who leaves it (dequeued) and who joins it. */
export const routingQueueMoves = /* sql */ `  -- Dequeued: the last move dequeues, or a dequeue comes before a final queue (re-queued below at its own time).
  SELECT array_agg(contact_id) INTO dequeued FROM (SELECT contact_id FROM (${moves}) s GROUP BY contact_id HAVING bool_or(op <> 'queue')) d;
  IF dequeued IS NOT NULL THEN DELETE FROM routing_queue WHERE contact_id = ANY(dequeued); END IF;
  INSERT INTO routing_queue (contact_id, queued_at)
  SELECT DISTINCT ON (contact_id) contact_id, at
    FROM (SELECT s.*, max(id) FILTER (WHERE op <> 'queue') OVER (PARTITION BY contact_id) AS last_dequeue FROM (${moves}) s) s
   WHERE op = 'queue' AND id > COALESCE(last_dequeue, 0)
   ORDER BY contact_id, id
  ON CONFLICT DO NOTHING;
`;

export const sql = /* sql */ `
-- New contacts are queued for scoring once per statement.
CREATE OR REPLACE FUNCTION queue_new_contacts_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO score_queue (contact_id) SELECT id FROM new_contacts ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS contacts_score_on_insert ON contacts;
CREATE TRIGGER contacts_score_on_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION queue_new_contacts_score();

-- Funnel moves close the clock and feed the routing queue, as sla_on_transition did per row:
--   to MQL by create/forward/sideways  queues the contact (kept if already queued);
--   a rejection or a recycle            closes the open clock (rejected/recycled) and dequeues;
--   SQL or later                        closes it as accepted (time to accept) and dequeues.
-- Per contact the first closing move closes the clock (there is one open clock at most and no
-- move opens one); the queue ends as its last queue move leaves it: a dequeue deletes, a queue
-- after a dequeue re-queues at its own time, a queue with no dequeue before it keeps an
-- existing row.
CREATE OR REPLACE FUNCTION sla_on_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
  dequeued bigint[];
BEGIN
  IF NOT EXISTS (SELECT 1 FROM new_moves m WHERE ${relevant('m')}) THEN RETURN NULL; END IF;
  -- One clock at a time by its index, in contact order: the planner cannot size a transition
  -- table, and a join of one with lead_assignments went through every clock for every move.
  FOR r IN SELECT DISTINCT ON (contact_id) contact_id, at, op FROM (${moves}) s WHERE op <> 'queue' ORDER BY contact_id, id LOOP
    UPDATE lead_assignments SET closed_at = r.at, close_reason = r.op, accepted_at = CASE WHEN r.op = 'accepted' THEN r.at ELSE accepted_at END
     WHERE contact_id = r.contact_id AND closed_at IS NULL;
  END LOOP;
${routingQueueMoves}  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS stage_transitions_sla ON stage_transitions;
CREATE TRIGGER stage_transitions_sla AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION sla_on_transition();

-- Activities count on the contact's open clock (first touch, attempts, connection) and move the
-- lead status New → Attempting → Connected, as sla_on_activity did per row (migration 0013). An
-- activity counts when the clock was assigned at or before it. In one statement, per contact:
-- the first attempt and the first connection decide the status changes, each recorded at its
-- activity's time (an activity that is both a connection and an attempt connects).
CREATE OR REPLACE FUNCTION sla_on_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  cid bigint;
  st text;
  statuses text[] := '{}';
  a lead_assignments%ROWTYPE;
  -- The open clocks of the statement's contacts: contact, clock, assigned at, attempts due, contact's lead status.
  k_contact bigint[] := '{}';
  k_clock bigint[] := '{}';
  k_assigned timestamptz[] := '{}';
  k_due timestamptz[] := '{}';
  k_status text[] := '{}';
  -- The lead status changes: contact, from, to, at.
  c_contact bigint[];
  c_from text[];
  c_to text[];
  c_at timestamptz[];
  r record;
BEGIN
  SELECT array_agg(DISTINCT contact_id ORDER BY contact_id) INTO ids FROM new_activities WHERE contact_id IS NOT NULL;
  IF ids IS NULL THEN RETURN NULL; END IF;
  -- Contacts before clocks, each by its primary key in id order. NO KEY UPDATE, the lock an
  -- UPDATE of the contact takes anyway: the foreign-key checks of these inserts hold KEY SHARE on
  -- the contacts, and FOR UPDATE would wait on every other insert's.
  FOREACH cid IN ARRAY ids LOOP
    SELECT lead_status INTO st FROM contacts WHERE id = cid FOR NO KEY UPDATE;
    statuses := statuses || st;
  END LOOP;
  FOR i IN 1 .. array_length(ids, 1) LOOP
    SELECT * INTO a FROM lead_assignments WHERE contact_id = ids[i] AND closed_at IS NULL FOR UPDATE;
    IF FOUND THEN
      k_contact := k_contact || ids[i]; k_clock := k_clock || a.id; k_assigned := k_assigned || a.assigned_at;
      k_due := k_due || a.attempts_due; k_status := k_status || statuses[i];
    END IF;
  END LOOP;
  IF array_length(k_clock, 1) IS NULL THEN RETURN NULL; END IF;

${leadStatusChanges}  IF c_contact IS NOT NULL THEN
    -- In order, so a contact that attempts and then connects ends Connected.
    FOR i IN 1 .. array_length(c_contact, 1) LOOP
      UPDATE contacts SET lead_status = c_to[i], lead_status_reason = NULL WHERE id = c_contact[i];
    END LOOP;
    INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id)
    SELECT 'contact', u.contact_id, 'lead_status', to_jsonb(u.from_status), to_jsonb(u.to_status), u.at, 'rule', 'sla'
      FROM unnest(c_contact, c_from, c_to, c_at) WITH ORDINALITY AS u(contact_id, from_status, to_status, at, n) ORDER BY u.n;
  END IF;

  FOR r IN SELECT t.clock_id, min(t.at) FILTER (WHERE t.touch) AS first_touch, count(*) FILTER (WHERE t.attempt) AS attempts,
                  count(*) FILTER (WHERE t.attempt AND t.in_window) AS in_window, max(t.at) FILTER (WHERE t.attempt) AS last_attempt,
                  min(t.at) FILTER (WHERE t.connection) AS connected
             FROM (${touches}) t GROUP BY t.clock_id ORDER BY t.clock_id LOOP
    UPDATE lead_assignments SET
      first_touch_at = LEAST(first_touch_at, r.first_touch),
      attempts = attempts + r.attempts,
      attempts_in_window = attempts_in_window + r.in_window,
      last_attempt_at = GREATEST(last_attempt_at, r.last_attempt),
      connected_at = LEAST(connected_at, r.connected)
    WHERE id = r.clock_id;
  END LOOP;
  RETURN NULL;
END $$;
DROP TRIGGER IF EXISTS activities_sla ON activities;
CREATE TRIGGER activities_sla AFTER INSERT ON activities REFERENCING NEW TABLE AS new_activities
  FOR EACH STATEMENT EXECUTE FUNCTION sla_on_activity();

-- The write key imported marketing history is stored under (like 'internal'; it matches no secret).
INSERT INTO write_keys (name, key_hash) VALUES ('import', '!import');
`;
