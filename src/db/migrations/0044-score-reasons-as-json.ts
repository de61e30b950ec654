export const name = 'score-reasons-as-json';

// A full rescore writes every contact's scores with their reasons (about 930 of a row's 990 bytes),
// sent as one JSON document a step. Stored as jsonb, each reasons list was parsed into jsonb's
// binary form on every write: for a step of 2,000 contacts, reading the document took 100-127 ms on
// the server and 36 ms when the reasons stayed text, of an upsert of 150-190 ms. Nothing queries
// into the reasons (they are read whole, for "why" on the contact and the handoff), so they are
// kept as json: checked as JSON on the way in, stored and answered as written. json has no
// equality operator; no statement compares or groups by them.
//
// Rewrites contact_scores once (about a minute for a million contacts on a 2-core server).
export const sql = /* sql */ `
ALTER TABLE contact_scores
  ALTER COLUMN fit_reasons TYPE json USING fit_reasons::json,
  ALTER COLUMN interest_reasons TYPE json USING interest_reasons::json;
`;
