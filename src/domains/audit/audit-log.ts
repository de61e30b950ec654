import type { Db } from '../../db/client.js';
import type { Actor } from '../context.js';

/**
 * What an admin may later need to answer "who changed this, when": settings, roles, tokens,
 * goals, erasures and exports. `details` must never hold personal data of a contact (an erase's
 * line would otherwise keep what it erased): ids, counts, field names and setting names only.
 */
export interface AuditEntry {
  action: string;
  objectType?: string | null;
  objectId?: string | number | null;
  details?: Record<string, unknown>;
}

/** Writes one audit line in the caller's transaction (pass the tx), so it commits with the change. */
export async function recordAudit(db: Db, actor: Actor, at: Date, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (actor_type, actor_id, action, object_type, object_id, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [actor.type, actor.id ?? null, entry.action, entry.objectType ?? null, entry.objectId == null ? null : String(entry.objectId), JSON.stringify(entry.details ?? {}), at],
  );
}
