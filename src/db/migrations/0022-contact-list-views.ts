export const name = 'contact-list-views';

// The contacts list (issue: contacts list): each user's saved views, and indexes for the list's
// main sorts and score filters. A saved view is the list's query string (filters, columns, sort)
// under a name, private to its user, as HubSpot's own views start out.
export const sql = `
CREATE TABLE saved_views (
  id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id     bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  object_type text NOT NULL CHECK (object_type IN ('contacts')),
  name        text NOT NULL,
  query       text NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL
);
-- Saving a view under a name the user already has replaces it.
CREATE UNIQUE INDEX saved_views_name ON saved_views (user_id, object_type, lower(name));

-- Keyset pages of the list in its sorts: each index is the ORDER BY of one sort with its id tiebreaker.
CREATE INDEX contacts_updated_idx ON contacts (updated_at, id);
CREATE INDEX contacts_email_sort_idx ON contacts ((COALESCE(email_normalized, '')), id);
CREATE INDEX contacts_last_name_sort_idx ON contacts ((COALESCE(lower(last_name), '')), id);
CREATE INDEX contacts_mql_type_idx ON contacts (mql_type) WHERE mql_type IS NOT NULL;
-- Score range filters and score sorts read contact_scores by score.
CREATE INDEX contact_scores_fit_idx ON contact_scores (fit, contact_id);
CREATE INDEX contact_scores_interest_idx ON contact_scores (interest, contact_id);
`;
