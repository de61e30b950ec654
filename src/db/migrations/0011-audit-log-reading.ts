export const name = 'audit-log-reading';

// The audit log becomes readable (GET /api/audit-log, Settings → Audit log), newest first with
// keyset paging and filters by action and date, so it needs indexes for those reads. actor_name
// keeps who acted as it was called at the time: an API token without a user has no id to join
// (its name, e.g. "token:ci", is all that says which token it was), and a CLI run has none.
export const sql = /* sql */ `
ALTER TABLE audit_log ADD COLUMN actor_name text;
CREATE INDEX audit_log_at_idx ON audit_log (at, id);
CREATE INDEX audit_log_action_at_idx ON audit_log (action, at, id);
CREATE INDEX audit_log_object_idx ON audit_log (object_type, object_id);
`;
