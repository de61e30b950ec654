export const name = 'external-ids';

// Issue 12: real exports join their files by the source system's own record ids (a HubSpot Record
// ID, a Salesforce Id / ContactId / AccountId), not by email. Each contact, company and deal keeps
// the id it has in one system (external_id) and that system's name (external_source, never null
// when there is an id: an unnamed system is "import"), unique per system, so a HubSpot 101 and a
// Salesforce 101 are two different keys. The index leads with the id so a filter on the id alone
// uses it too. A record known to a second system (the same person exported from HubSpot and from
// Salesforce, matched by email) or merged with another keeps those other ids in its aliases
// table, as contact_email_aliases keeps a merged-away email: every id keeps finding the record.
// No CHECK that a contact has an email or an external id: contacts typed in by hand and those the
// tracking pipeline creates have neither until later, so imports check it row by row instead.
const table = (t: string, fk: string) => `
ALTER TABLE ${t} ADD COLUMN external_id text, ADD COLUMN external_source text,
  ADD CONSTRAINT ${t}_external_pair CHECK ((external_id IS NULL) = (external_source IS NULL));
CREATE UNIQUE INDEX ${t}_external_idx ON ${t} (external_id, external_source) WHERE external_id IS NOT NULL;
CREATE TABLE ${fk}_external_aliases (
  external_source text NOT NULL,
  external_id     text NOT NULL,
  ${fk}_id        bigint NOT NULL REFERENCES ${t}(id) ON DELETE CASCADE,
  PRIMARY KEY (external_id, external_source)
);
CREATE INDEX ${fk}_external_aliases_owner_idx ON ${fk}_external_aliases (${fk}_id);
`;

export const sql = table('contacts', 'contact') + table('companies', 'company') + table('deals', 'deal');
