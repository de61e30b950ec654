export const name = 'sales-sla';

// Handoff and the sales SLA (issue 5): routing queue, assignments with their SLA clocks, alerts
// with their deliveries (email, webhooks) and the delivery log.
export const sql = /* sql */ `
-- A rep's own limit of new leads a month (null: the policy's, or none); who manages them (alerts).
ALTER TABLE users ADD COLUMN monthly_capacity int CHECK (monthly_capacity IS NULL OR monthly_capacity >= 0),
  ADD COLUMN manager_id bigint REFERENCES users(id) ON DELETE SET NULL;

-- Contacts waiting to be routed, queued by the database when they become MQL, so no path (rules,
-- API, CSV of new leads) can skip routing and a restart loses nothing. Imported history is not
-- routed: an MQL from last year needs no first call today.
CREATE TABLE routing_queue (
  contact_id bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  queued_at  timestamptz NOT NULL DEFAULT now()
);

-- Round-robin position per team.
CREATE TABLE routing_state (
  team         text PRIMARY KEY,
  last_user_id bigint
);

-- One row per handoff of a lead to a rep: the SLA clock and its due times, computed once at
-- assignment from the policy (kept as a snapshot, so editing a policy never rewrites history).
CREATE TABLE lead_assignments (
  id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id          bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  owner_id            bigint REFERENCES users(id) ON DELETE SET NULL,
  assigned_at         timestamptz NOT NULL,
  assigned_by         text NOT NULL,
  mql_type            text,
  segment             text,
  policy_id           text NOT NULL,
  policy              jsonb NOT NULL,
  first_touch_risk_at timestamptz NOT NULL,
  first_touch_due     timestamptz NOT NULL,
  attempts_required   int NOT NULL,
  attempts_risk_at    timestamptz NOT NULL,
  attempts_due        timestamptz NOT NULL,
  first_touch_at      timestamptz,
  attempts            int NOT NULL DEFAULT 0,
  attempts_in_window  int NOT NULL DEFAULT 0,
  last_attempt_at     timestamptz,
  connected_at        timestamptz,
  accepted_at         timestamptz,
  closed_at           timestamptz,
  close_reason        text CHECK (close_reason IN ('accepted','rejected','recycled','reassigned','unqualified','closed')),
  -- SLA alerts already raised for this clock: lets a sweep skip them without a join to alerts
  -- (the alerts' unique dedupe key stays the guarantee of one alert per breach).
  alerted             text[] NOT NULL DEFAULT '{}',
  -- When the sweep must look at this clock next (its earliest pending threshold), so a sweep
  -- reads the clocks that are due, not every late one; null when nothing is pending.
  next_check_at       timestamptz
);
CREATE INDEX lead_assignments_next_check_idx ON lead_assignments(next_check_at) WHERE closed_at IS NULL;
-- Every new clock is first looked at when its earliest threshold comes (whoever inserts it).
CREATE FUNCTION sla_first_check() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.next_check_at := COALESCE(NEW.next_check_at, LEAST(NEW.first_touch_risk_at, NEW.attempts_risk_at, NEW.first_touch_due, NEW.attempts_due));
  RETURN NEW;
END $$;
CREATE TRIGGER lead_assignments_first_check BEFORE INSERT ON lead_assignments FOR EACH ROW EXECUTE FUNCTION sla_first_check();
CREATE UNIQUE INDEX lead_assignments_open_idx ON lead_assignments(contact_id) WHERE closed_at IS NULL;
CREATE INDEX lead_assignments_owner_idx ON lead_assignments(owner_id, assigned_at);
CREATE INDEX lead_assignments_assigned_idx ON lead_assignments(assigned_at);

-- The clock follows what reps log, whatever the path (API, web, CSV import of activities):
-- first touch = first outbound activity; attempts = outbound calls, emails and social touches;
-- a connected call, a reply or a held meeting is a connection. The lead status follows
-- (new → attempting → connected), with its history line.
CREATE FUNCTION sla_on_activity() RETURNS trigger LANGUAGE plpgsql AS $$
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
  -- Contact before clock, the order funnel moves (recycle, accept) and routing take.
  PERFORM 1 FROM contacts WHERE id = NEW.contact_id FOR UPDATE;
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
CREATE TRIGGER activities_sla AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION sla_on_activity();

-- Funnel moves close the clock: SQL or later = accepted (time to accept is measured), a
-- rejection or a recycle hands the lead back to marketing. Becoming MQL queues routing.
CREATE FUNCTION sla_on_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.object_type <> 'contact' THEN RETURN NULL; END IF;
  IF NEW.to_stage = 'mql' AND NEW.kind IN ('create','forward','sideways') THEN
    INSERT INTO routing_queue (contact_id, queued_at) VALUES (NEW.object_id, NEW.at) ON CONFLICT DO NOTHING;
  ELSIF NEW.kind = 'reject' THEN
    UPDATE lead_assignments SET closed_at = NEW.at, close_reason = 'rejected' WHERE contact_id = NEW.object_id AND closed_at IS NULL;
    DELETE FROM routing_queue WHERE contact_id = NEW.object_id;
  ELSIF NEW.kind = 'recycle' THEN
    UPDATE lead_assignments SET closed_at = NEW.at, close_reason = 'recycled' WHERE contact_id = NEW.object_id AND closed_at IS NULL;
    DELETE FROM routing_queue WHERE contact_id = NEW.object_id;
  ELSIF NEW.to_stage IN ('sql','opportunity','customer','evangelist') THEN
    UPDATE lead_assignments SET closed_at = NEW.at, accepted_at = NEW.at, close_reason = 'accepted' WHERE contact_id = NEW.object_id AND closed_at IS NULL;
    DELETE FROM routing_queue WHERE contact_id = NEW.object_id;
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER stage_transitions_sla AFTER INSERT ON stage_transitions FOR EACH ROW EXECUTE FUNCTION sla_on_transition();

-- An owner changed by hand (PATCH) carries the open clock over; POST /assign restarts it instead.
CREATE FUNCTION sla_on_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE lead_assignments SET owner_id = NEW.owner_id WHERE contact_id = NEW.id AND closed_at IS NULL AND owner_id IS DISTINCT FROM NEW.owner_id;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_sla_owner AFTER UPDATE OF owner_id ON contacts FOR EACH ROW
  WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION sla_on_owner_change();

-- Alerts: one row per thing to know, made unique by its dedupe key (one alert per breach, ever,
-- across restarts and instances), read per recipient.
CREATE TABLE alerts (
  id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind         text NOT NULL,
  dedupe_key   text NOT NULL UNIQUE,
  contact_id   bigint REFERENCES contacts(id) ON DELETE CASCADE,
  assignment_id bigint REFERENCES lead_assignments(id) ON DELETE CASCADE,
  title        text NOT NULL,
  body         text NOT NULL,
  payload      jsonb NOT NULL DEFAULT '{}',
  trigger_at   timestamptz NOT NULL,
  created_at   timestamptz NOT NULL
);
CREATE INDEX alerts_created_idx ON alerts(created_at);
CREATE TABLE alert_recipients (
  alert_id bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  user_id  bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role     text NOT NULL,
  read_at  timestamptz,
  PRIMARY KEY (alert_id, user_id)
);
CREATE INDEX alert_recipients_user_idx ON alert_recipients(user_id, read_at);

CREATE TABLE webhooks (
  id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  url        text NOT NULL,
  secret     text NOT NULL,
  kinds      text[],
  active     boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);

-- What must go out for an alert: an email per recipient, a POST per webhook. Claimed with
-- SKIP LOCKED and a lease, retried with backoff; 'outbox' = an email kept because no SMTP is set.
CREATE TABLE deliveries (
  id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  alert_id        bigint NOT NULL REFERENCES alerts(id) ON DELETE CASCADE,
  channel         text NOT NULL CHECK (channel IN ('email','webhook')),
  target          text NOT NULL,
  webhook_id      bigint REFERENCES webhooks(id) ON DELETE CASCADE,
  status          text NOT NULL CHECK (status IN ('pending','sent','failed','outbox')),
  attempts        int NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_error      text,
  sent_at         timestamptz,
  created_at      timestamptz NOT NULL
);
CREATE INDEX deliveries_pending_idx ON deliveries(next_attempt_at) WHERE status = 'pending';
CREATE INDEX deliveries_alert_idx ON deliveries(alert_id);
CREATE TABLE delivery_attempts (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  delivery_id bigint NOT NULL REFERENCES deliveries(id) ON DELETE CASCADE,
  at          timestamptz NOT NULL,
  ok          boolean NOT NULL,
  status_code int,
  error       text,
  duration_ms int
);
CREATE INDEX delivery_attempts_delivery_idx ON delivery_attempts(delivery_id, at);
`;
