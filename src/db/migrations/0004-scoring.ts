// Qualification: versioned scoring models and MQL definitions, each contact's current scores
// with their reasons, and what made an MQL one.
export const name = 'scoring';
export const sql = /* sql */ `
CREATE TABLE scoring_models (
  version     int PRIMARY KEY,
  model       jsonb NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text
);

CREATE TABLE mql_definitions (
  version     int PRIMARY KEY,
  definition  jsonb NOT NULL,
  fingerprint text NOT NULL,
  created_at  timestamptz NOT NULL,
  created_by  text
);

CREATE TABLE contact_scores (
  contact_id       bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  fit              numeric(10,2) NOT NULL,
  interest         numeric(10,2) NOT NULL,
  quadrant         text NOT NULL CHECK (quadrant IN ('hot','nurture','fan','suppress')),
  fit_reasons      jsonb NOT NULL,
  interest_reasons jsonb NOT NULL,
  model_version    int NOT NULL,
  scored_at        timestamptz NOT NULL
);
CREATE INDEX contact_scores_quadrant_idx ON contact_scores (quadrant);

-- Predictive models trained on closed-loop outcomes, with their held-out evaluation; contacts
-- carry the latest model's probability and its top factors.
CREATE TABLE predictive_models (
  version     int PRIMARY KEY,
  trained_at  timestamptz NOT NULL,
  evaluation  jsonb NOT NULL,
  model       jsonb NOT NULL
);
CREATE TABLE contact_predictions (
  contact_id    bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  probability   numeric(8,6) NOT NULL,
  factors       jsonb NOT NULL,
  model_version int NOT NULL,
  scored_at     timestamptz NOT NULL
);

-- Contacts whose scores are stale because who they are changed (a new title, a bigger company):
-- triggers queue them, the event processor rescores them within its next pass.
CREATE TABLE score_queue (
  contact_id bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  queued_at  timestamptz NOT NULL DEFAULT now()
);
CREATE FUNCTION queue_contact_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO score_queue (contact_id) VALUES (NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE FUNCTION queue_company_contacts_score() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO score_queue (contact_id) SELECT id FROM contacts WHERE company_id = NEW.id ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER contacts_score_on_insert AFTER INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION queue_contact_score();
CREATE TRIGGER contacts_score_on_change AFTER UPDATE OF job_title, company_id, properties, phone ON contacts
  FOR EACH ROW WHEN (OLD.job_title IS DISTINCT FROM NEW.job_title OR OLD.company_id IS DISTINCT FROM NEW.company_id
                     OR OLD.properties IS DISTINCT FROM NEW.properties OR OLD.phone IS DISTINCT FROM NEW.phone)
  EXECUTE FUNCTION queue_contact_score();
CREATE TRIGGER companies_score_on_change AFTER UPDATE OF industry, employees, country, segment, annual_revenue, properties ON companies
  FOR EACH ROW EXECUTE FUNCTION queue_company_contacts_score();

-- Scheduled work (weekly model retraining...): the row for (job, period) is claimed by exactly one
-- instance, so several app instances on one database never run the same period twice.
CREATE TABLE scheduled_runs (
  job         text NOT NULL,
  period      text NOT NULL,
  started_at  timestamptz NOT NULL,
  finished_at timestamptz,
  result      jsonb,
  PRIMARY KEY (job, period)
);

-- The MQL record: which definition version and clause qualified the contact, and the offer (MQL type).
ALTER TABLE contacts ADD COLUMN mql_type text, ADD COLUMN mql_at timestamptz,
  ADD COLUMN mql_definition_version int, ADD COLUMN mql_clause text;
`;
