export const name = 'suppression-and-score-history';

// The matrix acts: a contact taken out of marketing communications carries a suppression (by
// hand, or because scoring put them in the suppress quadrant), which every marketing audience
// export leaves out and the email and ad tools read as a list. Scores keep their history: each
// change of fit, interest or quadrant with what changed it, for the contact's timeline and chart.
export const sql = /* sql */ `
CREATE TABLE contact_suppressions (
  contact_id    bigint PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  -- manual: a person suppressed them, only a person lifts it; quadrant: scoring did, and lifts it
  -- when the contact leaves the suppress quadrant.
  source        text NOT NULL CHECK (source IN ('manual', 'quadrant')),
  reason        text NOT NULL,
  suppressed_at timestamptz NOT NULL,
  actor_type    text NOT NULL,
  actor_id      text
);
CREATE INDEX contact_suppressions_at_idx ON contact_suppressions (suppressed_at, contact_id);

CREATE TABLE contact_score_history (
  id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  contact_id     bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  at             timestamptz NOT NULL,
  fit            numeric(10,2) NOT NULL,
  interest       numeric(10,2) NOT NULL,
  quadrant       text NOT NULL,
  -- The scores before the change; null for a contact's first score.
  prev_fit       numeric(10,2),
  prev_interest  numeric(10,2),
  prev_quadrant  text,
  reason         text NOT NULL,
  model_version  int NOT NULL
);
CREATE INDEX contact_score_history_contact_idx ON contact_score_history (contact_id, at, id);
`;
