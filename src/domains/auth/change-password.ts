import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { invalid, notFound, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import type { Auditor } from '../audit/audit-log.js';
import { auditPasswordSet } from '../crm/user-audit.js';
import { admitPasswordCheck, hashPassword, verifyPassword } from './password.js';
import { newPasswordField, passwordProblem, strongPassword } from './password-policy.js';
import type { Role } from './roles.js';
import { endUserSessions, openSession, type OpenedSession } from './sessions.js';
import { chargeSignInAttempt, forgiveSignInAttempt, signInThrottleKeys } from './sign-in-throttle.js';

export const changePasswordInput = z
  .strictObject({
    current_password: z.string().min(1, 'is required').max(1000),
    new_password: newPasswordField,
  })
  .superRefine(strongPassword('new_password'));

/**
 * A signed-in user changes their own password. The current one is checked like a sign-in (same
 * throttle, so a session left open cannot be used to guess it); the new one must be strong and
 * not judged guessable from the user's email or name. Every session of the user ends, this one
 * included, and a fresh session is returned in its place (a new id after a credential change).
 */
export async function changePassword(db: Db, clock: Clock, userId: number, input: unknown, opts: { ip?: string | null; by?: Auditor } = {}): Promise<OpenedSession> {
  const v = parseInput(changePasswordInput, input);
  const [user] = await db.query<{ id: number; role: Role; name: string; email: string; password_hash: string | null; active: boolean }>(
    'SELECT id, role, name, email, password_hash, active FROM users WHERE id = $1',
    [userId],
  );
  if (!user || !user.active) throw notFound('User', userId);
  const keys = signInThrottleKeys(user.email, opts.ip);
  const currentOk = await admitPasswordCheck(async () => {
    await chargeSignInAttempt(db, clock, keys);
    const ok = await verifyPassword(v.current_password, user.password_hash);
    if (ok) await forgiveSignInAttempt(db, keys);
    return ok;
  });
  const problems: FieldProblem[] = [];
  if (!currentOk) problems.push({ field: 'current_password', problem: 'is not your current password' });
  const weak = passwordProblem(v.new_password, [user.email, user.name]);
  if (weak) problems.push({ field: 'new_password', problem: weak });
  else if (v.new_password === v.current_password) problems.push({ field: 'new_password', problem: 'must differ from the current password' });
  if (problems.length) throw invalid(problems);
  const hash = await hashPassword(v.new_password);
  return db.tx(async (tx) => {
    await tx.query('UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1', [userId, hash, clock.now()]);
    await endUserSessions(tx, userId);
    await auditPasswordSet(tx, opts.by, userId);
    return openSession(tx, clock, user);
  });
}
