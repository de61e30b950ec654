export const name = 'integration-events';

// Signed webhooks for every integration event (PRODUCT.md §8), not only alerts. Stage changes,
// rejections and recycles are not alerts (nobody is told in-app) but a CRM or a data warehouse
// listening on a webhook wants each of them; they are recorded in an outbox, integration_events,
// and go out through the deliveries the alerts already use (same signature, lease, retries and log).
//
// Stage changes are written by many paths (the API and web app, MQL rules, deal automation, CSV
// imports, the event pipeline, merges), all through INSERT INTO stage_transitions; one statement
// trigger there records the events, so no path can forget one. It records only the events an
// active webhook subscribes to, in the same transaction as the move (at-least-once: no move
// without its event, no event without its move), and when no webhook is active it returns after
// one probe of the webhooks table, so an import or the pipeline pays nothing for it.
//
// Lock order: the trigger reads webhooks without locking them; its inserts take key-share locks on
// the moved contact or company, which the writer already holds (it changed their stage), and on
// the webhooks (only disableWebhook locks one, holding nothing else).
export const sql = /* sql */ `
CREATE TABLE integration_events (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  event       text NOT NULL,
  contact_id  bigint REFERENCES contacts(id) ON DELETE CASCADE,
  company_id  bigint REFERENCES companies(id) ON DELETE CASCADE,
  data        jsonb NOT NULL,
  occurred_at timestamptz NOT NULL,
  created_at  timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX integration_events_contact_idx ON integration_events(contact_id) WHERE contact_id IS NOT NULL;
CREATE INDEX integration_events_company_idx ON integration_events(company_id) WHERE company_id IS NOT NULL;

-- A delivery carries an alert (email or webhook) or an integration event (webhook only).
ALTER TABLE deliveries ALTER COLUMN alert_id DROP NOT NULL,
  ADD COLUMN event_id bigint REFERENCES integration_events(id) ON DELETE CASCADE,
  ADD CONSTRAINT deliveries_one_source CHECK ((alert_id IS NULL) <> (event_id IS NULL) AND (channel = 'webhook' OR alert_id IS NOT NULL));
CREATE INDEX deliveries_event_idx ON deliveries(event_id) WHERE event_id IS NOT NULL;

-- A webhook without a filter now gets every event of the catalogue. One made before got every
-- alert, and its receiver knows only those: it keeps getting exactly them, by their kinds.
UPDATE webhooks SET kinds = ARRAY['handoff', 'ae_handoff', 'unroutable', 'first_touch_at_risk', 'first_touch_breached',
  'attempts_at_risk', 'attempts_breached', 'recycled', 'contact_returned'] WHERE kinds IS NULL;

CREATE FUNCTION integration_events_on_transition() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM webhooks WHERE active) THEN RETURN NULL; END IF;
  WITH ev AS (
    SELECT m.*, e.name
      FROM new_moves m
      CROSS JOIN LATERAL (VALUES (m.object_type || '.stage_changed'),
                                 (CASE WHEN m.object_type = 'contact' AND m.kind = 'reject' THEN 'lead.rejected'
                                       WHEN m.object_type = 'contact' AND m.kind = 'recycle' THEN 'lead.recycled' END)) AS e(name)
     WHERE e.name IS NOT NULL
       AND EXISTS (SELECT 1 FROM webhooks w WHERE w.active AND (w.kinds IS NULL OR e.name = ANY(w.kinds)))
  ), inserted AS (
    INSERT INTO integration_events (event, contact_id, company_id, data, occurred_at)
    SELECT ev.name,
           CASE WHEN ev.object_type = 'contact' THEN ev.object_id END,
           CASE WHEN ev.object_type = 'company' THEN ev.object_id END,
           jsonb_strip_nulls(jsonb_build_object(
             'transition_id', ev.id, 'object_type', ev.object_type, 'object_id', ev.object_id,
             'from_stage', ev.from_stage, 'to_stage', ev.to_stage, 'move', ev.kind,
             'actor', jsonb_build_object('type', ev.actor_type, 'id', ev.actor_id),
             -- A company's reason can quote a contact or a deal by name, which erasing them rewrites
             -- in the history; an event already queued could not follow, so companies carry none.
             'reason', CASE WHEN ev.object_type = 'contact' AND ev.name <> 'lead.rejected' THEN ev.reason END,
             'reason_code', CASE WHEN ev.name = 'lead.rejected' THEN substring(ev.reason FROM '^rejected: ([a-z_]+)') END,
             'reason_text', CASE WHEN ev.name = 'lead.rejected' THEN substring(ev.reason FROM '^rejected: [a-z_]+ \\((.*)\\)$') END)),
           ev.at
      FROM ev ORDER BY ev.id, ev.name
    RETURNING id, event, occurred_at
  )
  -- Due at once; a move dated ahead (a clock set forward in tests) is due when it happens.
  INSERT INTO deliveries (event_id, channel, target, webhook_id, status, next_attempt_at, created_at)
  SELECT i.id, 'webhook', w.url, w.id, 'pending', LEAST(i.occurred_at, now()), now()
    FROM inserted i JOIN webhooks w ON w.active AND (w.kinds IS NULL OR i.event = ANY(w.kinds))
   ORDER BY i.id, w.id;
  RETURN NULL;
END $$;
CREATE TRIGGER stage_transitions_integration_events AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION integration_events_on_transition();
`;
