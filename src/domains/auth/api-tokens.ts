import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { parseInput } from '../../shared/validate.js';
import type { Principal } from './sessions.js';
import { roles, type Role } from './roles.js';
import { hashSecret, newSecret } from './tokens.js';

export const apiTokenInput = z.object({
  name: z.string().trim().min(1, 'is required'),
  role: z.enum(roles),
  user_id: z.number().int().positive().nullable().optional(),
});

/** Creates a token and returns its secret once; only the hash is kept. */
export async function createApiToken(db: Db, input: unknown): Promise<{ id: number; name: string; role: Role; token: string }> {
  const v = parseInput(apiTokenInput, input);
  const token = newSecret('rlt_');
  const [row] = await db.query<{ id: number }>(
    'INSERT INTO api_tokens (name, role, token_hash, user_id) VALUES ($1, $2, $3, $4) RETURNING id',
    [v.name, v.role, hashSecret(token), v.user_id ?? null],
  );
  return { id: row!.id, name: v.name, role: v.role, token };
}

export async function resolveApiToken(db: Db, clock: Clock, token: string): Promise<Principal | null> {
  const [row] = await db.query<{ id: number; name: string; role: Role; user_id: number | null; stale: boolean }>(
    `SELECT id, name, role, user_id, (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute') AS stale
       FROM api_tokens WHERE token_hash = $1 AND revoked_at IS NULL`,
    [hashSecret(token), clock.now()],
  );
  if (!row) return null;
  // Touch at most once a minute: a write on every scripted request would cost more than it tells.
  if (row.stale) await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, clock.now()]);
  return { kind: 'token', userId: row.user_id, role: row.role, name: `token:${row.name}`, email: null };
}
