import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { parseInput } from '../../shared/validate.js';
import { hashSecret, newSecret } from '../auth/tokens.js';

export const writeKeyInput = z.strictObject({ name: z.string().trim().min(1, 'is required').max(200) });

/** A write key may only ingest events; its secret is shown once and stored hashed. */
export async function createWriteKey(db: Db, input: unknown): Promise<{ id: number; name: string; key: string }> {
  const v = parseInput(writeKeyInput, input);
  const key = newSecret('wk_');
  const [row] = await db.query<{ id: number }>('INSERT INTO write_keys (name, key_hash) VALUES ($1, $2) RETURNING id', [v.name, hashSecret(key)]);
  return { id: row!.id, name: v.name, key };
}

/** Write-key lookups happen on every tracking call: cached in memory for a short while. */
export function writeKeyResolver(db: Db, ttlMs = 30_000): (key: string) => Promise<number | null> {
  const cache = new Map<string, { id: number | null; until: number }>();
  return async (key) => {
    const hash = hashSecret(key);
    const hit = cache.get(hash);
    if (hit && hit.until > Date.now()) return hit.id;
    const [row] = await db.query<{ id: number }>('SELECT id FROM write_keys WHERE key_hash = $1 AND revoked_at IS NULL', [hash]);
    if (cache.size > 10_000) cache.clear();
    cache.set(hash, { id: row?.id ?? null, until: Date.now() + ttlMs });
    return row?.id ?? null;
  };
}
