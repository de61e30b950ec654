import type { z } from 'zod';
import type { Db } from '../../db/client.js';

/** A workspace setting kept as JSON in app_settings; null when never saved (the caller's default applies). */
export async function readJsonSetting<S extends z.ZodType>(db: Db, key: string, schema: S): Promise<z.output<S> | null> {
  const [row] = await db.query<{ value: string }>('SELECT value FROM app_settings WHERE key = $1', [key]);
  // Stored values were validated when saved; parsing again fills defaults added since.
  return row ? schema.parse(JSON.parse(row.value)) : null;
}

export async function writeJsonSetting(db: Db, key: string, value: unknown): Promise<void> {
  await db.query('INSERT INTO app_settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [key, JSON.stringify(value)]);
}
