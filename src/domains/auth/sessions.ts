import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { verifyPassword } from './password.js';
import type { Role } from './roles.js';
import { hashSecret, newSecret } from './tokens.js';

export const SESSION_DAYS = 14;

export interface Principal {
  kind: 'session' | 'token';
  userId: number | null;
  role: Role;
  name: string;
  email: string | null;
}

/** Checks a password and opens a session; the same error for unknown email and wrong password. */
export async function signIn(db: Db, clock: Clock, email: string, password: string): Promise<{ token: string; principal: Principal; expiresAt: Date }> {
  const [user] = await db.query<{ id: number; role: Role; name: string; email: string; password_hash: string | null; active: boolean }>(
    'SELECT id, role, name, email, password_hash, active FROM users WHERE email = $1',
    [email.trim().toLowerCase()],
  );
  const ok = await verifyPassword(password, user?.password_hash ?? null);
  if (!user || !ok || !user.active) {
    throw new AppError('unauthenticated', 'Wrong email or password.');
  }
  const token = newSecret('rls_');
  const expiresAt = new Date(clock.now().getTime() + SESSION_DAYS * 86400_000);
  await db.query('INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [
    hashSecret(token), user.id, clock.now(), expiresAt,
  ]);
  return { token, expiresAt, principal: { kind: 'session', userId: user.id, role: user.role, name: user.name, email: user.email } };
}

export async function resolveSession(db: Db, clock: Clock, token: string): Promise<Principal | null> {
  const [row] = await db.query<{ id: number; role: Role; name: string; email: string }>(
    `SELECT u.id, u.role, u.name, u.email FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.token_hash = $1 AND s.expires_at > $2 AND u.active`,
    [hashSecret(token), clock.now()],
  );
  return row ? { kind: 'session', userId: row.id, role: row.role, name: row.name, email: row.email } : null;
}

export async function signOut(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashSecret(token)]);
}
