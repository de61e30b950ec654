export const name = 'erased-external-ids';

// An erased contact's ids in other systems (a HubSpot Record ID, a Salesforce Id) are remembered
// as hashes like its emails: importing the old export again, which joins by those ids, must not
// bring the person back unless they consented again. The value hashed is "<system>\u001f<id>".
export const sql = `
ALTER TABLE erased_identities DROP CONSTRAINT erased_identities_kind_check;
ALTER TABLE erased_identities ADD CONSTRAINT erased_identities_kind_check CHECK (kind IN ('email', 'user_id', 'anonymous_id', 'external_id'));
`;
