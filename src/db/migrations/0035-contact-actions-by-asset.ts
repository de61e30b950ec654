export const name = 'contact-actions-by-asset';

// Issue 17: content influence (the monthly marketing report) reads every contact's asset rows of
// the contact_actions rollup, a third of the table, to join them with a year of new contacts. The
// table's key leads with contact_id but holds the event rows too, so the query read the whole table
// (a sequential scan of three times the rows it needed) and hashed a million rows to join them. The
// asset rows alone, in contact order with what the query reads, are an index-only scan that merges
// with the contacts' key without a hash (1M contacts / 10M events, alternating runs at load 9-11:
// the statement alone 2.0-2.7 s with it, 2.5-4.2 s without it, 3.9-5.1 s as it was before).
export const sql = /* sql */ `
CREATE INDEX contact_actions_asset_idx ON contact_actions (contact_id) INCLUDE (ref_id, first_touch_at) WHERE kind = 'asset';
`;
