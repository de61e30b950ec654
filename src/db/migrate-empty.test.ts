import { describe, expect, it } from 'vitest';
import { migratedCatalog } from '../testing/migrated-catalog.js';
import { testBackends, type Backend } from '../testing/test-db.js';
import { openDb, quoteIdent, type Db } from './client.js';
import { migrate, migrateEmpty, migrations } from './migrate.js';
import { runOnServer } from './throwaway-schema.js';

/** An empty database: a new in-memory PGlite, or a new schema on the test server. */
async function emptyDb(backend: Backend): Promise<{ db: Db; close(): Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openDb({});
    return { db, close: () => db.close() };
  }
  const url = process.env.TEST_DATABASE_URL!;
  const schema = `me_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 10)}`;
  await runOnServer(url, `CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: url, schema, poolSize: 1 });
  return {
    db,
    async close() {
      await db.close();
      await runOnServer(url, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    },
  };
}

describe.each(testBackends())('migrateEmpty on %s', (backend) => {
  it('leaves what migrate() leaves, one migration at a time, and migrate() after it applies nothing', async () => {
    const one = await emptyDb(backend);
    const all = await emptyDb(backend);
    try {
      expect(await migrate(one.db)).toEqual(migrations.map((m) => m.version));
      await migrateEmpty(all.db);
      const want = await migratedCatalog(one.db);
      expect(want.columns.length).toBeGreaterThan(100);
      expect(want.triggers.length).toBeGreaterThan(0);
      expect(await migratedCatalog(all.db)).toEqual(want);
      expect(await migrate(all.db)).toEqual([]);
    } finally {
      await one.close();
      await all.close();
    }
  });

  it('writes nothing when a migration fails', async () => {
    const e = await emptyDb(backend);
    try {
      const broken = [...migrations.slice(0, 2), { version: 3, name: 'broken', sql: 'SELECT no_such_function()' }];
      await expect(migrateEmpty(e.db, broken)).rejects.toThrow(/no_such_function/);
      expect(await e.db.query(`SELECT to_regclass('schema_migrations') AS t`)).toEqual([{ t: null }]);
    } finally {
      await e.close();
    }
  });
});
