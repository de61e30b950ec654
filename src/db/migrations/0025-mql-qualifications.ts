export const name = 'mql-qualifications';

// What qualified each move to MQL: the contact's own columns (mql_type, mql_definition_version,
// mql_clause) hold only its latest MQL episode, so a lead rejected, nurtured and qualified again
// by another clause would move its first rejection under the new clause. One row per MQL stage
// transition the scoring made, written with it; reports fall back to the contact's columns for
// its latest episode when there is no row (MQLs from before this table, imported, set by hand).
// Keyed by the transition alone: a merge that moves transitions to the surviving contact keeps them.
export const sql = /* sql */ `
CREATE TABLE mql_qualifications (
  transition_id      bigint PRIMARY KEY REFERENCES stage_transitions(id) ON DELETE CASCADE,
  mql_type           text,
  definition_version int,
  clause             text
);
`;
