export const name = 'score-queue-history';

// Contacts only imported history touched are scored as history: an MQL they reached long ago is
// recorded when it happened and not routed today. Which contacts those are lived only in the
// memory of the pass that processed their events, which scores them after its last slice; their
// queue rows (the contact insert trigger's) were plain, so another pass taking the queue meanwhile
// (the background processor beside an import waiting for its events, another instance) scored
// them as live, and a demo request of last November left its contact a lead. The flag travels
// with the queue row, so whoever takes it scores it the same way, and a crash between the slice and
// the scoring loses nothing.
export const sql = /* sql */ `
ALTER TABLE score_queue ADD COLUMN history boolean NOT NULL DEFAULT false;
`;
