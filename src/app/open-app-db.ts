import { join, resolve } from 'node:path';
import { openDb, redactUrl, type Db } from '../db/client.js';
import { lockDataDir } from '../db/data-dir-lock.js';
import { migrate } from '../db/migrate.js';
import type { Config } from './config.js';

/** Opens the configured database (locking a PGlite folder) and brings its schema up to date. */
export async function openAppDb(config: Config): Promise<{ db: Db; where: string; close: () => Promise<void>; applied: number[] }> {
  if (config.databaseUrl) {
    const db = await openDb({ databaseUrl: config.databaseUrl });
    const applied = await migrate(db);
    return { db, where: `PostgreSQL ${redactUrl(config.databaseUrl)}`, applied, close: () => db.close() };
  }
  const release = lockDataDir(config.dataDir);
  try {
    // PGlite gets a folder of its own: initdb wants it empty, and the lock file sits beside it.
    const db = await openDb({ dataDir: join(config.dataDir, 'pgdata') });
    const applied = await migrate(db);
    return {
      db,
      where: `embedded PGlite in ${resolve(config.dataDir)}`,
      applied,
      close: async () => {
        await db.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}
