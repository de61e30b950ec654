export const name = 'ae-handoffs';

// SDR verification → account executive (seeds 002/004). An SDR accepts an MQL (it becomes an
// SQL) and the lead is handed to an account executive chosen by AE routing rules, with its own
// clock: time to first meeting. The AE clock is its own table rather than a kind of
// lead_assignments row: every query on lead_assignments (first touch, attempts, capacity of SDRs,
// automatic recycle, the SLA report) is about the SDR's work, and an AE clock has none of those
// thresholds — mixing them would have needed a filter in each.
//
// Lock order, as everywhere: the contact (FOR NO KEY UPDATE), then its clock rows.
export const sql = /* sql */ `
-- Who verifies MQLs (sdr) and who takes the SQLs they accept (ae); null: a rep who does both
-- (the workspace has no split). Only the role sales_rep routes, so only reps carry one.
ALTER TABLE users ADD COLUMN sales_role text CHECK (sales_role IN ('sdr', 'ae'));

-- One row per SQL handed to an AE: the clock to first meeting, its due times computed once from
-- the AE SLA of the moment (kept as a snapshot), and what closed it.
CREATE TABLE ae_handoffs (
  id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id       bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  -- The SDR's clock this handoff follows (accepted), and who accepted.
  sdr_assignment_id bigint REFERENCES lead_assignments(id) ON DELETE SET NULL,
  sdr_id           bigint REFERENCES users(id) ON DELETE SET NULL,
  ae_id            bigint REFERENCES users(id) ON DELETE SET NULL,
  handed_at        timestamptz NOT NULL,
  handed_by        text NOT NULL,
  policy           jsonb NOT NULL,
  meeting_risk_at  timestamptz NOT NULL,
  meeting_due      timestamptz NOT NULL,
  first_meeting_at timestamptz,
  closed_at        timestamptz,
  close_reason     text CHECK (close_reason IN ('met', 'recycled', 'rejected', 'reassigned')),
  -- Alerts already raised for this clock (first_meeting_at_risk, first_meeting_breached).
  alerted          text[] NOT NULL DEFAULT '{}'
);
CREATE UNIQUE INDEX ae_handoffs_open_idx ON ae_handoffs(contact_id) WHERE closed_at IS NULL;
CREATE INDEX ae_handoffs_ae_idx ON ae_handoffs(ae_id, handed_at);
CREATE INDEX ae_handoffs_handed_idx ON ae_handoffs(handed_at);
CREATE INDEX ae_handoffs_due_idx ON ae_handoffs(meeting_risk_at) WHERE closed_at IS NULL;

-- The AE's first meeting closes the clock as met: the first meeting the AE logged with the
-- contact after the handoff (web, API or CSV import alike), held — a meeting only scheduled,
-- missed or cancelled is not one. Once per statement, like the other activity trigger.
CREATE FUNCTION ae_on_meeting() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  ids bigint[];
  cid bigint;
  r record;
BEGIN
  SELECT array_agg(DISTINCT contact_id ORDER BY contact_id) INTO ids FROM new_activities
   WHERE type = 'meeting' AND contact_id IS NOT NULL AND user_id IS NOT NULL
     AND COALESCE(outcome, 'completed') NOT IN ('scheduled', 'no_show', 'cancelled');
  IF ids IS NULL THEN RETURN NULL; END IF;
  -- Contacts before clocks, in id order (the order every writer takes).
  FOREACH cid IN ARRAY ids LOOP
    PERFORM 1 FROM contacts WHERE id = cid FOR NO KEY UPDATE;
  END LOOP;
  FOR r IN SELECT h.id, min(n.occurred_at) AS at
             FROM ae_handoffs h JOIN new_activities n
               ON n.contact_id = h.contact_id AND n.user_id = h.ae_id AND n.occurred_at >= h.handed_at AND n.type = 'meeting'
              AND COALESCE(n.outcome, 'completed') NOT IN ('scheduled', 'no_show', 'cancelled')
            WHERE h.contact_id = ANY(ids) AND h.closed_at IS NULL
            GROUP BY h.id ORDER BY h.id LOOP
    UPDATE ae_handoffs SET first_meeting_at = r.at, closed_at = r.at, close_reason = 'met' WHERE id = r.id;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER activities_ae_meeting AFTER INSERT ON activities REFERENCING NEW TABLE AS new_activities
  FOR EACH STATEMENT EXECUTE FUNCTION ae_on_meeting();

-- A lead sent back to marketing (recycle) or rejected leaves the AE's hands: its clock closes.
CREATE FUNCTION ae_on_transition() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r record;
BEGIN
  FOR r IN SELECT DISTINCT ON (object_id) object_id, at, kind FROM new_moves
            WHERE object_type = 'contact' AND kind IN ('recycle', 'reject') ORDER BY object_id, id LOOP
    UPDATE ae_handoffs SET closed_at = r.at, close_reason = CASE WHEN r.kind = 'recycle' THEN 'recycled' ELSE 'rejected' END
     WHERE contact_id = r.object_id AND closed_at IS NULL;
  END LOOP;
  RETURN NULL;
END $$;
CREATE TRIGGER stage_transitions_ae AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION ae_on_transition();

-- A manager who gives the SQL to another AE by hand (PATCH owner) gives them its clock too, as the
-- SDR's clock follows its owner (sla_on_owner_change). The contact's row is already locked here.
CREATE FUNCTION ae_on_owner_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE ae_handoffs SET ae_id = NEW.owner_id WHERE contact_id = NEW.id AND closed_at IS NULL AND ae_id IS DISTINCT FROM NEW.owner_id;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_ae_owner AFTER UPDATE OF owner_id ON contacts FOR EACH ROW
  WHEN (OLD.owner_id IS DISTINCT FROM NEW.owner_id) EXECUTE FUNCTION ae_on_owner_change();
`;
