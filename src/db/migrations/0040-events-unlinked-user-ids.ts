export const name = 'events-unlinked-user-ids';

// When an identify links a user id to a contact, the pipeline gives that contact the events sent
// earlier under the same user id (pending-writes.ts). Events had no index on user_id, so each
// linked id was a sequential scan of every events partition: the demo's 3,000 identifies over 83k
// events spent 251 of its 290 s of processing SQL there, and on a site with 10M events each
// identify would read them all. Only events still without a contact are claimed, so the index holds
// only those (an event leaves it when its contact is set).
export const sql = /* sql */ `
CREATE INDEX events_unlinked_user_idx ON events (user_id) WHERE user_id IS NOT NULL AND contact_id IS NULL;
`;
