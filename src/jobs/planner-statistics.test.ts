import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../testing/test-db.js';
import { dailyStatistics } from './planner-statistics.js';

describe.each(testBackends())('daily planner statistics on %s', (backend) => {
  it('analyzes every table once a day on PGlite, where nothing else does; leaves the server to autovacuum', async () => {
    const t = await createTestDb(backend);
    try {
      await t.db.query(`INSERT INTO companies (name) SELECT 'Company ' || g FROM generate_series(1, 500) g`);
      const estimate = async () => Number((await t.db.query<{ n: number }>(`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = 'companies'::regclass`))[0]!.n);
      const before = await estimate();
      const day = new Date('2026-12-07T03:00:00Z');
      if (backend === 'pglite') {
        expect(before).not.toBe(500);
        expect(await dailyStatistics(t.db, day)).toBe('ran');
        expect(await estimate()).toBe(500);
        // Once a day: the same day again is skipped, the next day runs.
        expect(await dailyStatistics(t.db, new Date('2026-12-07T22:00:00Z'))).toBe('skipped');
        expect(await dailyStatistics(t.db, new Date('2026-12-08T00:30:00Z'))).toBe('ran');
      } else {
        expect(await dailyStatistics(t.db, day)).toBe('skipped');
        expect(await t.db.query(`SELECT 1 FROM scheduled_runs WHERE job = 'planner-statistics'`)).toEqual([]);
      }
    } finally {
      await t.cleanup();
    }
  });
});
