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

-- The MQL record: which definition version and clause qualified the contact, and the offer (MQL type).
ALTER TABLE contacts ADD COLUMN mql_type text, ADD COLUMN mql_at timestamptz,
  ADD COLUMN mql_definition_version int, ADD COLUMN mql_clause text;
`;
