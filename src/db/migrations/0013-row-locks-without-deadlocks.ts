export const name = 'row-locks-without-deadlocks';

// Issue 11: five reps' calls logged at once on one contact deadlocked on the server (40P01 in
// sla_on_activity). Inserting an activity takes a KEY SHARE lock on its contact (the foreign
// key); the trigger then asked for FOR UPDATE, which conflicts with the KEY SHARE every other
// concurrent insert holds, so two inserts waited on each other. FOR NO KEY UPDATE is what an
// UPDATE of the contact takes anyway and does not conflict with KEY SHARE: the inserts queue
// instead of deadlocking. The application code takes the same lock (docs/architecture notes in
// docs/security.md, "Lock order").
export const sql = `
CREATE OR REPLACE FUNCTION sla_on_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  a lead_assignments%ROWTYPE;
  is_attempt boolean := NEW.direction = 'outbound' AND NEW.type IN ('call','email','social');
  is_touch boolean := NEW.direction = 'outbound';
  is_connection boolean := NEW.outcome IN ('connected','replied') OR (NEW.type = 'meeting' AND NEW.outcome = 'completed')
                           OR (NEW.direction = 'inbound' AND NEW.type IN ('call','email'));
  old_status text;
  new_status text;
BEGIN
  IF NEW.contact_id IS NULL THEN RETURN NULL; END IF;
  -- Contact before clock, the order funnel moves (recycle, accept) and routing take. NO KEY
  -- UPDATE, the lock an UPDATE of the contact takes anyway: the foreign-key check of this very
  -- insert holds KEY SHARE on the contact, and FOR UPDATE would wait on every other insert's.
  PERFORM 1 FROM contacts WHERE id = NEW.contact_id FOR NO KEY UPDATE;
  SELECT * INTO a FROM lead_assignments WHERE contact_id = NEW.contact_id AND closed_at IS NULL AND assigned_at <= NEW.occurred_at FOR UPDATE;
  IF NOT FOUND THEN RETURN NULL; END IF;
  UPDATE lead_assignments SET
    first_touch_at = CASE WHEN is_touch THEN LEAST(COALESCE(first_touch_at, NEW.occurred_at), NEW.occurred_at) ELSE first_touch_at END,
    attempts = attempts + CASE WHEN is_attempt THEN 1 ELSE 0 END,
    attempts_in_window = attempts_in_window + CASE WHEN is_attempt AND NEW.occurred_at <= attempts_due THEN 1 ELSE 0 END,
    last_attempt_at = CASE WHEN is_attempt THEN GREATEST(COALESCE(last_attempt_at, NEW.occurred_at), NEW.occurred_at) ELSE last_attempt_at END,
    connected_at = CASE WHEN is_connection THEN LEAST(COALESCE(connected_at, NEW.occurred_at), NEW.occurred_at) ELSE connected_at END
  WHERE id = a.id;
  SELECT lead_status INTO old_status FROM contacts WHERE id = NEW.contact_id;
  new_status := CASE
    WHEN is_connection AND (old_status IS NULL OR old_status IN ('new','attempting')) THEN 'connected'
    WHEN is_attempt AND (old_status IS NULL OR old_status = 'new') THEN 'attempting'
    ELSE NULL END;
  IF new_status IS NOT NULL THEN
    UPDATE contacts SET lead_status = new_status, lead_status_reason = NULL WHERE id = NEW.contact_id;
    INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id)
    VALUES ('contact', NEW.contact_id, 'lead_status', to_jsonb(old_status), to_jsonb(new_status), NEW.occurred_at, 'rule', 'sla');
  END IF;
  RETURN NULL;
END $$;
`;
