import { randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';

/**
 * The key that signs tracking links (and later webhooks): REVLOOP_SECRET when set, else one
 * generated once and kept in the database, so links in emails already sent stay valid after a restart.
 */
export async function appSecret(db: Db, configured?: string): Promise<string> {
  if (configured) return configured;
  await db.query(`INSERT INTO app_settings (key, value) VALUES ('signing_secret', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>(`SELECT value FROM app_settings WHERE key = 'signing_secret'`);
  return row!.value;
}
