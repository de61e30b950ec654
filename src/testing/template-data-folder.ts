import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDb } from '../db/client.js';
import { pgliteTemplate } from './pglite-template.js';

/**
 * A new CLI data folder (`--data`), as the CLI's first command on an empty folder leaves it: its
 * PGlite cluster in pgdata/ (initdb, then every migration), loaded from the migrated template
 * instead of built, so a CLI test pays only for the commands it runs. The caller removes it.
 */
export async function templateDataFolder(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const db = await openDb({ dataDir: join(dir, 'pgdata'), loadDataDir: await pgliteTemplate() });
  await db.close();
  return dir;
}
