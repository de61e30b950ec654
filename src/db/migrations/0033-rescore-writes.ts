export const name = 'rescore-writes';

// Issue 17: a full rescore rewrites every contact_scores row. A row rewritten outside HOT adds an
// entry to every index of the table, so each index costs a write per contact per rescore. The
// quadrant index had four values to tell apart: a filter on one of them reads a quarter of the
// table either way, and the contact list reaches scores through contact_id, so it goes.
//
// A full rescore queues everyone (score_queue) and is taken 2,000 at a time in queued_at order:
// without an index each take sorted the whole queue again, a million rows 500 times over.
export const sql = /* sql */ `
DROP INDEX contact_scores_quadrant_idx;
CREATE INDEX score_queue_queued_idx ON score_queue (queued_at, contact_id);
`;
