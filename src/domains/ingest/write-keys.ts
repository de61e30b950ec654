import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { decodeCursor, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { hashSecret, newSecret } from '../auth/tokens.js';

export const writeKeyInput = z.strictObject({ name: z.string().trim().min(1, 'is required').max(200) });

/** A write key as listed: never its secret nor its hash. */
export interface WriteKeyRow {
  id: number;
  name: string;
  created_at: Date;
  revoked_at: Date | null;
}

// Events Revloop records itself (email opens and clicks) carry the 'internal' key (0003): it is
// no one's to list or revoke.
const manageable = `key_hash <> '!internal'`;

/** A write key may only ingest events; its secret is shown once and stored hashed. */
export async function createWriteKey(db: Db, input: unknown, by?: Auditor): Promise<{ id: number; name: string; key: string }> {
  const v = parseInput(writeKeyInput, input);
  const key = newSecret('wk_');
  return db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number }>('INSERT INTO write_keys (name, key_hash, created_at) VALUES ($1, $2, COALESCE($3::timestamptz, now())) RETURNING id', [
      v.name, hashSecret(key), by?.clock.now() ?? null,
    ]);
    await auditChange(tx, by, { action: 'write_key.created', objectType: 'write_key', objectId: row!.id, details: { name: v.name } });
    return { id: row!.id, name: v.name, key };
  });
}

/** The write keys, live ones first, newest first, a page at a time (a key revoked between two pages may be listed again among the revoked). */
export async function listWriteKeys(db: Db, page: PageParams = {}): Promise<Page<WriteKeyRow>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor ? decodeCursor<{ revoked: boolean; id: number }>(page.cursor, (c) => typeof c.revoked === 'boolean' && isId(c.id)) : null;
  const rows = await db.query<WriteKeyRow>(
    `SELECT id, name, created_at, revoked_at FROM write_keys
      WHERE ${manageable} AND ($1::boolean IS NULL OR (revoked_at IS NOT NULL) > $1 OR ((revoked_at IS NOT NULL) = $1 AND id < $2))
      ORDER BY revoked_at IS NOT NULL, id DESC LIMIT $3`,
    [after?.revoked ?? null, after?.id ?? null, limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ revoked: last.revoked_at !== null, id: last.id }));
}

/**
 * Revokes a write key: every instance refuses it within about a second (writeKeyResolver).
 * Revoking a revoked key changes nothing and answers the same.
 */
export async function revokeWriteKey(db: Db, id: number, by?: Auditor): Promise<WriteKeyRow> {
  return db.tx(async (tx) => {
    const [k] = await tx.query<{ name: string; revoked_at: Date | null }>(`SELECT name, revoked_at FROM write_keys WHERE id = $1 AND ${manageable} FOR UPDATE`, [id]);
    if (!k) throw notFound('Write key', id);
    if (k.revoked_at === null) {
      await tx.query('UPDATE write_keys SET revoked_at = COALESCE($2::timestamptz, now()) WHERE id = $1', [id, by?.clock.now() ?? null]);
      await auditChange(tx, by, { action: 'write_key.revoked', objectType: 'write_key', objectId: id, details: { name: k.name } });
    }
    const [row] = await tx.query<WriteKeyRow>('SELECT id, name, created_at, revoked_at FROM write_keys WHERE id = $1', [id]);
    return row!;
  });
}

const keyHashes = new Map<string, string>();

/**
 * hashSecret of a write key, remembered: every tracking call needs it twice (its rate-limit
 * counter and its lookup), and a site sends the same key with every event. Write keys sit in
 * the sites' own pages, so keeping them in memory reveals nothing; the bound keeps a flood of
 * made-up keys from growing the map.
 */
export function writeKeyHash(key: string): string {
  let hash = keyHashes.get(key);
  if (hash === undefined) {
    if (keyHashes.size >= 10_000) keyHashes.clear();
    hash = hashSecret(key);
    keyHashes.set(key, hash);
  }
  return hash;
}

/**
 * Write-key lookups happen on every tracking call (tens of thousands a second), so answers are
 * cached in memory, and a revocation must still stop a key within a second on every instance.
 * Rather than expire each entry after a second (a query per key per second per instance, and a
 * burst of identical queries each time a busy key expires), the cache is kept whole while the
 * table's "version" — how many keys exist and how many are revoked — is unchanged, and that
 * version is read at most once per `checkEveryMs` per instance, by one query however many calls
 * wait on it. Revoking or creating a key changes the version; the next check empties the cache.
 */
export function writeKeyResolver(db: Db, checkEveryMs = 1000): (key: string) => Promise<number | null> {
  const cache = new Map<string, number | null>();
  let version: string | null = null;
  // Bumped whenever the cache is emptied: a lookup that started before keeps its answer to itself.
  let generation = 0;
  let checkedAt = -Infinity;
  let checking: Promise<void> | null = null;

  const check = async () => {
    const started = performance.now();
    const [row] = await db.query<{ v: string }>(`SELECT count(*) || '/' || count(revoked_at) AS v FROM write_keys`);
    if (row!.v !== version) {
      version = row!.v;
      generation++;
      cache.clear();
    }
    // From the moment the query started: anything committed before then is in what it read.
    checkedAt = started;
  };

  return async (key) => {
    if (performance.now() - checkedAt >= checkEveryMs) {
      checking ??= check().finally(() => {
        checking = null;
      });
      await checking;
    }
    const hash = writeKeyHash(key);
    const hit = cache.get(hash);
    if (hit !== undefined) return hit;
    const g = generation;
    const [row] = await db.query<{ id: number }>('SELECT id FROM write_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash]);
    const id = row?.id ?? null;
    if (g === generation) {
      // Unknown keys are cached too (a misconfigured site retries a lot); the bound keeps junk from growing it forever.
      if (cache.size >= 10_000) cache.clear();
      cache.set(hash, id);
    }
    return id;
  };
}
