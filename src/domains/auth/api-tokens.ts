import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { decodeCursor, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import type { Principal } from './sessions.js';
import { roles, type Role } from './roles.js';
import { hashSecret, newSecret } from './tokens.js';

export const apiTokenInput = z.strictObject({
  name: z.string().trim().min(1, 'is required').max(200),
  role: z.enum(roles, { message: `must be one of ${roles.join(', ')}` }),
  /** The user the token acts for (their queue, their alerts); none: a script acting as itself. */
  user_id: z.number().int().positive('must be a user id').nullable().optional(),
});

/** A token as listed: never its secret nor its hash. */
export interface ApiTokenRow {
  id: number;
  name: string;
  role: Role;
  user_id: number | null;
  user_name: string | null;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const tokenColumns = `t.id, t.name, t.role, t.user_id, u.name AS user_name, t.created_at, t.last_used_at, t.revoked_at`;

/** Creates a token and returns its secret once; only the hash is kept. */
export async function createApiToken(db: Db, input: unknown, by?: Auditor): Promise<{ id: number; name: string; role: Role; token: string }> {
  const v = parseInput(apiTokenInput, input);
  const token = newSecret('rlt_');
  return db.tx(async (tx) => {
    if (v.user_id != null && !(await tx.query('SELECT 1 FROM users WHERE id = $1', [v.user_id])).length) {
      throw invalid([{ field: 'user_id', problem: `is not a known user (${v.user_id})` }]);
    }
    const [row] = await tx.query<{ id: number }>(
      'INSERT INTO api_tokens (name, role, token_hash, user_id, created_at) VALUES ($1, $2, $3, $4, COALESCE($5::timestamptz, now())) RETURNING id',
      [v.name, v.role, hashSecret(token), v.user_id ?? null, by?.clock.now() ?? null],
    );
    await auditChange(tx, by, { action: 'token.created', objectType: 'token', objectId: row!.id, details: { name: v.name, role: v.role, user_id: v.user_id ?? null } });
    return { id: row!.id, name: v.name, role: v.role, token };
  });
}

/**
 * The tokens, live ones first, newest first, a page at a time; revoked ones stay listed (and
 * audited) with their date. A token revoked between two pages may be listed again among the revoked.
 */
export async function listApiTokens(db: Db, page: PageParams = {}): Promise<Page<ApiTokenRow>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor ? decodeCursor<{ revoked: boolean; id: number }>(page.cursor, (c) => typeof c.revoked === 'boolean' && isId(c.id)) : null;
  const rows = await db.query<ApiTokenRow>(
    `SELECT ${tokenColumns} FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id
      WHERE $1::boolean IS NULL OR (t.revoked_at IS NOT NULL) > $1 OR ((t.revoked_at IS NOT NULL) = $1 AND t.id < $2)
      ORDER BY t.revoked_at IS NOT NULL, t.id DESC LIMIT $3`,
    [after?.revoked ?? null, after?.id ?? null, limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ revoked: last.revoked_at !== null, id: last.id }));
}

/**
 * Revokes a token: the next request with it is refused (tokens are looked up on every request,
 * nothing caches them). Revoking a revoked token changes nothing and answers the same. The last
 * admin token is kept while no admin can sign in with a password, unless `force` (the CLI's
 * --force): otherwise nobody could administer a running installation without stopping it.
 */
export async function revokeApiToken(db: Db, id: number, by?: Auditor, opts: { force?: boolean } = {}): Promise<ApiTokenRow> {
  return db.tx(async (tx) => {
    const [t] = await tx.query<{ role: Role; name: string; revoked_at: Date | null }>('SELECT role, name, revoked_at FROM api_tokens WHERE id = $1 FOR UPDATE', [id]);
    if (!t) throw notFound('API token', id);
    if (t.revoked_at === null) {
      if (t.role === 'admin' && !opts.force) {
        const [other] = await tx.query<{ n: number }>(
          `SELECT (SELECT count(*) FROM api_tokens WHERE role = 'admin' AND revoked_at IS NULL AND id <> $1)
                + (SELECT count(*) FROM users WHERE role = 'admin' AND active AND password_hash IS NOT NULL) AS n`,
          [id],
        );
        if (other!.n === 0) {
          throw new AppError('conflict', `Token ${id} is the last way in as an admin: no other admin token is live and no active admin can sign in with a password. Create an admin user (or another admin token) first.`);
        }
      }
      await tx.query('UPDATE api_tokens SET revoked_at = COALESCE($2::timestamptz, now()) WHERE id = $1', [id, by?.clock.now() ?? null]);
      await auditChange(tx, by, { action: 'token.revoked', objectType: 'token', objectId: id, details: { name: t.name, role: t.role } });
    }
    const [row] = await tx.query<ApiTokenRow>(`SELECT ${tokenColumns} FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id WHERE t.id = $1`, [id]);
    return row!;
  });
}

export async function resolveApiToken(db: Db, clock: Clock, token: string): Promise<Principal | null> {
  const [row] = await db.query<{ id: number; name: string; role: Role; user_id: number | null; stale: boolean }>(
    // A token acting for a user stops with that user: deactivating someone ends their tokens too.
    `SELECT t.id, t.name, t.role, t.user_id, (t.last_used_at IS NULL OR t.last_used_at < $2::timestamptz - interval '1 minute') AS stale
       FROM api_tokens t LEFT JOIN users u ON u.id = t.user_id
      WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.user_id IS NULL OR u.active)`,
    [hashSecret(token), clock.now()],
  );
  if (!row) return null;
  // Touch at most once a minute: a write on every scripted request would cost more than it tells.
  if (row.stale) await db.query('UPDATE api_tokens SET last_used_at = $2 WHERE id = $1', [row.id, clock.now()]);
  return { kind: 'token', userId: row.user_id, role: row.role, name: `token:${row.name}`, email: null };
}
