import type { Db } from '../../db/client.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';

/**
 * The audit lines of a change to a user: role changes, deactivation and reactivation, and password
 * resets each get their own action (they are what an admin looks for); any other field changed is
 * one `user.updated` line naming the fields, never their values.
 */
export async function auditUserUpdate(
  db: Db,
  by: Auditor | undefined,
  userId: number,
  before: { role: string; active: boolean },
  after: { role: string; active: boolean },
  input: Record<string, unknown>,
): Promise<void> {
  if (!by) return;
  const line = (action: string, details?: Record<string, unknown>) => auditChange(db, by, { action, objectType: 'user', objectId: userId, details });
  if (before.role !== after.role) await line('user.role_changed', { from: before.role, to: after.role });
  if (before.active && !after.active) await line('user.deactivated');
  if (!before.active && after.active) await line('user.reactivated');
  if (input.password !== undefined) await auditPasswordSet(db, by, userId);
  const others = Object.keys(input).filter((k) => input[k] !== undefined && !['role', 'active', 'password'].includes(k));
  if (others.length) await line('user.updated', { fields: others.sort() });
}

/**
 * A password set by someone: `user.password_changed` when it is the user's own, `user.password_reset`
 * when an admin (or the CLI) set another user's. Call it in the transaction that stores the hash.
 */
export async function auditPasswordSet(db: Db, by: Auditor | undefined, userId: number): Promise<void> {
  const own = by?.actor.type === 'user' && by.actor.id === String(userId);
  await auditChange(db, by, { action: own ? 'user.password_changed' : 'user.password_reset', objectType: 'user', objectId: userId });
}

/** A new user, with the role it was given. */
export async function auditUserCreated(db: Db, by: Auditor | undefined, user: { id: number; role: string }): Promise<void> {
  await auditChange(db, by, { action: 'user.created', objectType: 'user', objectId: user.id, details: { role: user.role } });
}
