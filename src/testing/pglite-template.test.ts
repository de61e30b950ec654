import { describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { migrate, migrations } from '../db/migrate.js';
import { createTestDb } from './test-db.js';

/** Everything migrations create, as rows that differ when one table, column, index, function or trigger does. */
async function catalog(db: Db) {
  return {
    columns: await db.query(`SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`),
    indexes: await db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`),
    constraints: await db.query(`SELECT conrelid::regclass::text AS rel, conname, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1, 2`),
    functions: await db.query(`SELECT proname, pg_get_function_identity_arguments(oid) AS args, md5(prosrc) AS src FROM pg_proc WHERE pronamespace = 'public'::regnamespace ORDER BY 1, 2`),
    triggers: await db.query(`SELECT tgrelid::regclass::text AS rel, tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1, 2`),
    extensions: await db.query(`SELECT extname FROM pg_extension ORDER BY 1`),
    migrations: await db.query(`SELECT version, name FROM schema_migrations ORDER BY 1`),
  };
}

describe('the migrated PGlite template tests start from', () => {
  it('is the database every migration gives from scratch, and migrate() on it applies nothing', async () => {
    const fresh = await openDb({});
    const t = await createTestDb('pglite');
    try {
      expect(await migrate(fresh)).toEqual(migrations.map((m) => m.version));
      const want = await catalog(fresh);
      expect(want.columns.length).toBeGreaterThan(100);
      expect(await catalog(t.db)).toEqual(want);
      expect(await migrate(t.db)).toEqual([]);
    } finally {
      await t.cleanup();
      await fresh.close();
    }
  });

  it('gives each test its own database: what one writes, the next does not see', async () => {
    const a = await createTestDb('pglite');
    const b = await createTestDb('pglite');
    try {
      await a.db.exec(`CREATE TABLE only_in_a (x int); INSERT INTO schema_migrations (version, name) VALUES (9999, 'only in a')`);
      expect(await b.db.query(`SELECT to_regclass('only_in_a') AS t`)).toEqual([{ t: null }]);
      expect(await b.db.query(`SELECT count(*) AS n FROM schema_migrations WHERE version = 9999`)).toEqual([{ n: 0 }]);
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
  });
});
