import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { hashSecret } from './tokens.js';

/** How many failures a key gets for free, and how its lockout then grows. */
export interface ThrottlePolicy {
  freeFailures: number;
  /** Lockout after the last free failure; it doubles with each further failure... */
  firstLockMs: number;
  /** ...up to this. */
  maxLockMs: number;
  /** A key with no failure for this long starts again from zero. */
  forgetAfterMs: number;
}

/**
 * Per account (email, known or not): 5 failures free, then 1 s, 2 s, 4 s... up to 15 min between
 * tries, so guessing one password gets about 4 tries an hour once past the first dozen.
 */
export const ACCOUNT_POLICY: ThrottlePolicy = { freeFailures: 5, firstLockMs: 1000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };
/**
 * Per client address: more room, since an office behind one NAT address shares it, but the same
 * doubling, so one address cannot spray a few guesses at each of many accounts.
 */
export const ADDRESS_POLICY: ThrottlePolicy = { freeFailures: 20, firstLockMs: 1000, maxLockMs: 15 * 60_000, forgetAfterMs: 60 * 60_000 };

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  kind: 'account' | 'address';
}

/** The counters one sign-in attempt is charged to: its account (normalised email) and, when known, the client address. */
export function signInThrottleKeys(email: string, ip?: string | null): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: hashSecret(`account:${email}`), policy: ACCOUNT_POLICY, kind: 'account' }];
  if (ip) keys.push({ key: hashSecret(`ip:${ip}`), policy: ADDRESS_POLICY, kind: 'address' });
  // One order for row locks in every transaction, so two attempts never wait on each other in a circle.
  return keys.sort((a, b) => (a.key < b.key ? -1 : 1));
}

/** The lockout after `failures` failures in a row under `policy` (0: none). */
export function lockoutMs(policy: ThrottlePolicy, failures: number): number {
  if (failures < policy.freeFailures) return 0;
  return Math.min(policy.firstLockMs * 2 ** (failures - policy.freeFailures), policy.maxLockMs);
}

/**
 * Charges an attempt to its keys before the password is checked, or refuses it with 429 while
 * any key is locked (without charging: a refused attempt checks nothing). Counting first and
 * forgiving on success (`forgiveSignInAttempt`) makes this race-free: of many concurrent
 * attempts, on any number of instances, only those the counters allow reach the password.
 */
export async function chargeSignInAttempt(db: Db, clock: Clock, keys: ThrottleKey[]): Promise<void> {
  const now = clock.now();
  const lockedMs = await db.tx(async (tx) => {
    const rows: { key: ThrottleKey; failures: number; last: Date; lockedUntil: Date | null }[] = [];
    for (const key of keys) {
      await tx.query('INSERT INTO sign_in_throttles (key, failures, last_failure_at) VALUES ($1, 0, $2) ON CONFLICT (key) DO NOTHING', [key.key, now]);
      const [row] = await tx.query<{ failures: number; last_failure_at: Date; locked_until: Date | null }>(
        'SELECT failures, last_failure_at, locked_until FROM sign_in_throttles WHERE key = $1 FOR UPDATE',
        [key.key],
      );
      rows.push({ key, failures: row!.failures, last: row!.last_failure_at, lockedUntil: row!.locked_until });
    }
    const locked = Math.max(0, ...rows.map((r) => (r.lockedUntil ? r.lockedUntil.getTime() - now.getTime() : 0)));
    if (locked > 0) return locked;
    for (const r of rows) {
      const failures = now.getTime() - r.last.getTime() >= r.key.policy.forgetAfterMs ? 1 : r.failures + 1;
      const lock = lockoutMs(r.key.policy, failures);
      await tx.query('UPDATE sign_in_throttles SET failures = $2, last_failure_at = $3, locked_until = $4 WHERE key = $1', [
        r.key.key, failures, now, lock ? new Date(now.getTime() + lock) : null,
      ]);
    }
    return 0;
  });
  // Keys an hour quiet are forgotten; rows someone is using right now are skipped, not waited for.
  await db.query(
    `DELETE FROM sign_in_throttles WHERE key IN (
       SELECT key FROM sign_in_throttles WHERE last_failure_at < $1 AND (locked_until IS NULL OR locked_until < $2) LIMIT 100 FOR UPDATE SKIP LOCKED)`,
    [new Date(now.getTime() - ACCOUNT_POLICY.forgetAfterMs), now],
  );
  if (lockedMs > 0) throw tooManyAttempts(lockedMs);
}

/**
 * The attempt was right: its account starts again from zero. The address only gets this attempt
 * back, so signing in to one's own account cannot wipe the failures spent guessing others.
 */
export async function forgiveSignInAttempt(db: Db, keys: ThrottleKey[]): Promise<void> {
  for (const key of keys) {
    if (key.kind === 'account') await db.query('DELETE FROM sign_in_throttles WHERE key = $1', [key.key]);
    else {
      await db.query(
        'UPDATE sign_in_throttles SET failures = greatest(failures - 1, 0), locked_until = CASE WHEN failures - 1 < $2 THEN NULL ELSE locked_until END WHERE key = $1',
        [key.key, key.policy.freeFailures],
      );
    }
  }
}

function tooManyAttempts(ms: number): AppError {
  const seconds = Math.ceil(ms / 1000);
  const when = seconds < 60 ? `${seconds} second${seconds === 1 ? '' : 's'}` : `${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`;
  return new AppError('rate_limited', `Too many failed sign-ins. Try again in ${when}.`, { retry_after_seconds: seconds });
}
