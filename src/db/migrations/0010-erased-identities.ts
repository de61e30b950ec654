export const name = 'erased-identities';

// Erase (GDPR) keeps no personal data, yet the pipeline and the contact forms must recognise the
// person coming back so they are not recreated from the next page view. Only keyed hashes are
// kept (HMAC-SHA256 under an installation key in app_settings, see src/domains/privacy): an email,
// user id or anonymous id can be checked against them, never read back. erasure_id (the erased
// contact's id) groups one person's identifiers, so consent given again lifts them together.
export const sql = /* sql */ `
CREATE TABLE erased_identities (
  kind        text NOT NULL CHECK (kind IN ('email', 'user_id', 'anonymous_id')),
  hash        text NOT NULL,
  erasure_id  bigint NOT NULL,
  erased_at   timestamptz NOT NULL,
  PRIMARY KEY (kind, hash)
);
CREATE INDEX erased_identities_erasure_idx ON erased_identities (erasure_id);
`;
