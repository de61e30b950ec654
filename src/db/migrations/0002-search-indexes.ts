// Free-text search over 100k+ contacts ("q=") needs trigram indexes: a sequential ILIKE scan
// measured ~265 ms p50 on PGlite at 100k contacts. pg_trgm ships with PGlite and with
// PostgreSQL's contrib and is a trusted extension (no superuser needed).
import { contactSearchText } from '../search-text.js';

export const name = 'search-indexes';
export const sql = /* sql */ `
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE INDEX contacts_search_trgm ON contacts USING gin ((${contactSearchText('contacts')}) public.gin_trgm_ops);
-- A rep's own list (owner filter, newest first) is the most common list after the unfiltered one.
CREATE INDEX contacts_owner_created_idx ON contacts (owner_id, created_at, id);
CREATE INDEX companies_name_trgm ON companies USING gin ((lower(name)) public.gin_trgm_ops);
`;
