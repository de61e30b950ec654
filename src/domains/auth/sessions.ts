import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { normalizeEmail } from '../identity/normalize-email.js';
import { admitPasswordCheck, verifyPassword } from './password.js';
import type { Role } from './roles.js';
import { chargeSignInAttempt, forgiveSignInAttempt, signInThrottleKeys } from './sign-in-throttle.js';
import { hashSecret, newSecret } from './tokens.js';

export const SESSION_DAYS = 14;
/** A session nobody used for this long is over, whatever its 14 days say (SESSION_IDLE_HOURS). */
export const DEFAULT_SESSION_IDLE_HOURS = 12;

export interface Principal {
  kind: 'session' | 'token';
  userId: number | null;
  role: Role;
  name: string;
  email: string | null;
}

export interface SignInAttempt {
  email: string;
  password: string;
  /** The client's address, for the per-address throttle; absent: only the account is counted. */
  ip?: string | null;
}

export interface OpenedSession {
  token: string;
  principal: Principal;
  expiresAt: Date;
}

/**
 * Checks a password and opens a session. Unknown emails, wrong passwords and inactive users get
 * the same work (a full scrypt check and the same counter updates) and, without the right
 * password, the same error, so neither the answer nor its timing tells which emails have accounts. Failures are throttled per
 * account and per address (sign-in-throttle.ts); too many checks waiting for a hashing slot answer
 * 429 at once, so a flood of sign-ins cannot queue the server for seconds.
 */
export async function signIn(db: Db, clock: Clock, attempt: SignInAttempt): Promise<OpenedSession> {
  return admitPasswordCheck(() => checkAndOpen(db, clock, attempt));
}

async function checkAndOpen(db: Db, clock: Clock, attempt: SignInAttempt): Promise<OpenedSession> {
  const email = normalizeEmail(attempt.email);
  const keys = signInThrottleKeys(email, attempt.ip);
  await chargeSignInAttempt(db, clock, keys);
  const [user] = await db.query<{ id: number; role: Role; name: string; email: string; password_hash: string | null; active: boolean }>(
    'SELECT id, role, name, email, password_hash, active FROM users WHERE email = $1',
    [email],
  );
  const ok = await verifyPassword(attempt.password, user?.password_hash ?? null);
  if (!user || !ok) throw new AppError('unauthenticated', 'Wrong email or password.');
  // Only someone who knows the password learns the account is switched off (so it tells nobody
  // which emails exist), and learns why they cannot get in rather than retrying.
  if (!user.active) throw new AppError('unauthenticated', 'This account is deactivated. Ask an admin to reactivate it.');
  await forgiveSignInAttempt(db, keys);
  // Sessions of this user that ran out are of no use to anyone: cleared here rather than by a job.
  await db.query('DELETE FROM sessions WHERE user_id = $1 AND expires_at <= $2', [user.id, clock.now()]);
  return openSession(db, clock, { id: user.id, role: user.role, name: user.name, email: user.email });
}

/** A new session for a user whose identity is already proven. */
export async function openSession(db: Db, clock: Clock, user: { id: number; role: Role; name: string; email: string }): Promise<OpenedSession> {
  const token = newSecret('rls_');
  const expiresAt = new Date(clock.now().getTime() + SESSION_DAYS * 86400_000);
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at, last_seen_at) VALUES ($1, $2, $3, $4, $3)', [
    hashSecret(token), user.id, clock.now(), expiresAt,
  ]);
  return { token, expiresAt, principal: { kind: 'session', userId: user.id, role: user.role, name: user.name, email: user.email } };
}

/** The session's user, unless the session expired, sat idle longer than `idleMs`, or its user was deactivated. */
export async function resolveSession(db: Db, clock: Clock, token: string, idleMs = DEFAULT_SESSION_IDLE_HOURS * 3600_000): Promise<Principal | null> {
  const now = clock.now();
  const [row] = await db.query<{ id: number; role: Role; name: string; email: string; stale: boolean }>(
    `SELECT u.id, u.role, u.name, u.email, s.last_seen_at < $2::timestamptz - interval '1 minute' AS stale
       FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND s.last_seen_at > $2::timestamptz - $3 * interval '1 millisecond' AND u.active`,
    [hashSecret(token), now, idleMs],
  );
  if (!row) return null;
  // Touch at most once a minute, as api-tokens.ts does: the idle timeout needs no finer grain.
  if (row.stale) await db.query('UPDATE sessions SET last_seen_at = $2 WHERE token_hash = $1', [hashSecret(token), now]);
  return { kind: 'session', userId: row.id, role: row.role, name: row.name, email: row.email };
}

/** Ends every session of a user (password changed, user deactivated): nothing brings them back. */
export async function endUserSessions(db: Db, userId: number): Promise<void> {
  await db.query('DELETE FROM sessions WHERE user_id = $1', [userId]);
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashSecret(token)]);
}
