import { join, resolve } from 'node:path';
import { openDb, redactUrl, type Db } from '../db/client.js';
import { lockDataDir } from '../db/data-dir-lock.js';
import { migrate } from '../db/migrate.js';
import type { Config } from './config.js';

export interface AppDb {
  db: Db;
  /** Where reports, exports, packs and dashboards read: the read connection, else `db` itself. */
  readDb: Db;
  where: string;
  /** Where readDb reads, for the startup log (credentials redacted); null when it is `db`. */
  readWhere: string | null;
  /** What the operator should know about the configuration (DATABASE_READ_URL ignored...). */
  notes: string[];
  close: () => Promise<void>;
  applied: number[];
}

/** Opens the configured database (locking a PGlite folder) and brings its schema up to date. */
export async function openAppDb(config: Config): Promise<AppDb> {
  if (config.databaseUrl) {
    const db = await openDb({ databaseUrl: config.databaseUrl });
    try {
      const applied = await migrate(db);
      const readDb = config.databaseReadUrl ? await openDb({ databaseUrl: config.databaseReadUrl, readOnly: true }) : db;
      return {
        db,
        readDb,
        where: `PostgreSQL ${redactUrl(config.databaseUrl)}`,
        readWhere: config.databaseReadUrl ? `PostgreSQL ${redactUrl(config.databaseReadUrl)}, read-only` : null,
        notes: [],
        applied,
        close: async () => {
          if (readDb !== db) await readDb.close();
          await db.close();
        },
      };
    } catch (err) {
      await db.close();
      throw err;
    }
  }
  const release = lockDataDir(config.dataDir);
  try {
    // PGlite gets a folder of its own: initdb wants it empty, and the lock file sits beside it.
    const db = await openDb({ dataDir: join(config.dataDir, 'pgdata') });
    const applied = await migrate(db);
    return {
      db,
      readDb: db,
      where: `embedded PGlite in ${resolve(config.dataDir)}`,
      readWhere: null,
      // A replica of an embedded database cannot exist: its one connection serves everything.
      notes: config.databaseReadUrl ? ['DATABASE_READ_URL is ignored without DATABASE_URL: embedded PGlite reads and writes on its one connection.'] : [],
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
