import { describe, expect, it } from 'vitest';
import { openDb, quoteIdent } from '../db/client.js';
import { migrate, migrations } from '../db/migrate.js';
import { runOnServer } from '../db/throwaway-schema.js';
import { migratedCatalog as catalog } from './migrated-catalog.js';
import { cloneRunStartedAt, databaseExists, dropRunClones, newTestRun, serverTemplate } from './server-template.js';
import { createTestDb } from './test-db.js';

const url = process.env.TEST_DATABASE_URL;

describe.runIf(url)('the migrated server template tests copy their database from', () => {
  it('is the database every migration gives from scratch, and migrate() on it applies nothing', async () => {
    const schema = `tpl_check_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    await runOnServer(url!, `CREATE SCHEMA ${quoteIdent(schema)}`);
    const fresh = await openDb({ databaseUrl: url!, schema, poolSize: 1 });
    const t = await createTestDb('postgres');
    try {
      expect(await migrate(fresh)).toEqual(migrations.map((m) => m.version));
      const want = await catalog(fresh);
      expect(want.columns.length).toBeGreaterThan(100);
      expect(await catalog(t.db)).toEqual(want);
      expect(await migrate(t.db)).toEqual([]);
    } finally {
      await t.cleanup();
      await fresh.close();
      await runOnServer(url!, `DROP SCHEMA IF EXISTS ${quoteIdent(schema)} CASCADE`);
    }
  });

  it('gives each test its own database, reachable by its URL and schema: what one writes, the next does not see', async () => {
    const a = await createTestDb('postgres');
    const b = await createTestDb('postgres');
    try {
      await a.db.exec(`CREATE TABLE only_in_a (x int); INSERT INTO schema_migrations (version, name) VALUES (9999, 'only in a')`);
      expect(await b.db.query(`SELECT to_regclass('only_in_a') AS t`)).toEqual([{ t: null }]);
      expect(await b.db.query(`SELECT count(*)::int AS n FROM schema_migrations WHERE version = 9999`)).toEqual([{ n: 0 }]);
      // What a second pool or process of the same test opens sees what the first wrote.
      const again = await openDb({ databaseUrl: a.databaseUrl!, schema: a.schema, poolSize: 1 });
      try {
        expect(await again.query(`SELECT count(*)::int AS n FROM only_in_a`)).toEqual([{ n: 0 }]);
      } finally {
        await again.close();
      }
    } finally {
      await a.cleanup();
      await b.cleanup();
    }
    // The template itself is untouched, and takes no connection (a connection would stop every copy).
    await expect(openDb({ databaseUrl: Object.assign(new URL(url!), { pathname: `/${await serverTemplate(url!)}` }).toString(), poolSize: 1 })).rejects.toThrow(/not currently accepting connections/);
    expect(await databaseExists(url!, await serverTemplate(url!))).toBe(true);
  });
});

describe('telling a suite run\'s clones by age', () => {
  it('reads when the run that made a clone started, from the whole run id', () => {
    const started = Date.parse('2026-12-07T19:49:42Z');
    expect(cloneRunStartedAt(`revloop_test_c_${started.toString(36)}22b5_0d131b5d`)).toBe(started);
    expect(cloneRunStartedAt('revloop_test_tpl_1b639f31224ecca6')).toBeNull();
  });

  it.runIf(url)('a teardown drops its own run\'s clones and those of runs over a day old, never another running suite\'s', async () => {
    const mine = newTestRun();
    const names = {
      mine: `revloop_test_c_${mine}_aa000001`,
      running: `revloop_test_c_${newTestRun()}_aa000002`,
      killed: `revloop_test_c_${(Date.now() - 2 * 86400_000).toString(36)}beef_aa000003`,
    };
    for (const n of Object.values(names)) await runOnServer(url!, `CREATE DATABASE ${quoteIdent(n)}`);
    try {
      expect(await dropRunClones(url!, mine)).toBeGreaterThanOrEqual(2);
      expect(await databaseExists(url!, names.mine)).toBe(false);
      expect(await databaseExists(url!, names.killed)).toBe(false);
      expect(await databaseExists(url!, names.running)).toBe(true);
    } finally {
      for (const n of Object.values(names)) await runOnServer(url!, `DROP DATABASE IF EXISTS ${quoteIdent(n)} WITH (FORCE)`);
    }
  });
});
