import { describe, expect, it } from 'vitest';
import { openDb } from '../db/client.js';
import { migrate, migrations } from '../db/migrate.js';
import { migratedCatalog as catalog } from './migrated-catalog.js';
import { createTestDb } from './test-db.js';

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
