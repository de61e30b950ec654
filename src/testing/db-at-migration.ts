import { openDb, quoteIdent, type Db } from '../db/client.js';
import { migrate, migrations } from '../db/migrate.js';
import { runOnServer } from '../db/throwaway-schema.js';
import type { Backend } from './test-db.js';

/**
 * A database migrated up to `upTo` (a migration number), so a test can fill it the way an older
 * version left it before the rest of the migrations run: a new in-memory PGlite, or a new schema on
 * the test server (named from `prefix`), dropped by `cleanup`.
 */
export async function dbAtMigration(backend: Backend, upTo: number, prefix: string): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const list = migrations.filter((m) => m.version <= upTo);
  if (backend === 'pglite') {
    const db = await openDb({});
    await migrate(db, list);
    return { db, cleanup: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await runOnServer(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: url, schema, poolSize: 3 });
  await migrate(db, list);
  return {
    db,
    cleanup: async () => {
      await db.close();
      await runOnServer(url, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    },
  };
}
