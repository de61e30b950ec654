export const name = 'sign-in-security';

// Sessions end after a spell without requests (the idle timeout) as well as at expires_at; the
// request that resolves a session touches last_seen_at at most once a minute.
//
// Failed sign-ins per account and per client address, in the database so that every instance
// behind a load balancer counts the same failures. `key` is a SHA-256 of "account:<email>" or
// "ip:<address>": the table answers "is this locked?" without keeping who tried. A row is
// forgotten an hour after its last failure (src/domains/auth/sign-in-throttle.ts).
export const sql = /* sql */ `
ALTER TABLE sessions ADD COLUMN last_seen_at timestamptz;
UPDATE sessions SET last_seen_at = created_at;
ALTER TABLE sessions ALTER COLUMN last_seen_at SET NOT NULL, ALTER COLUMN last_seen_at SET DEFAULT now();

CREATE TABLE sign_in_throttles (
  key             text PRIMARY KEY,
  failures        int NOT NULL,
  last_failure_at timestamptz NOT NULL,
  locked_until    timestamptz
);
CREATE INDEX sign_in_throttles_last_failure_idx ON sign_in_throttles (last_failure_at);
`;
