import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { isoWeek, runOnce } from './scheduled-run.js';
import { weeklyRetrain } from './scheduler.js';

describe('ISO weeks', () => {
  it.each([
    ['2026-01-01T12:00:00Z', '2026-W01'],
    ['2024-12-30T12:00:00Z', '2025-W01'],
    ['2021-01-03T12:00:00Z', '2020-W53'],
    ['2026-11-23T12:00:00Z', '2026-W48'],
  ])('%s is in %s', (d, w) => expect(isoWeek(new Date(d))).toBe(w));
});

describe.each(testBackends())('scheduled runs on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t.cleanup());

  it('runs a period once however many instances try at the same time, and keeps a failure', async () => {
    let runs = 0;
    const at = new Date('2026-11-23T10:00:00Z');
    const results = await Promise.all(Array.from({ length: 5 }, () => runOnce(t.db, 'demo-job', '2026-W48', at, async () => ++runs)));
    expect(results.filter((r) => r === 'ran')).toHaveLength(1);
    expect(runs).toBe(1);
    const ctx = { db: t.db, clock: fixedClock(at), actor: { type: 'system' as const } };
    expect(await weeklyRetrain(ctx)).toBe('ran');
    expect(await weeklyRetrain(ctx)).toBe('skipped');
    const [row] = await t.db.query<{ result: { ok: boolean; error?: string } }>(`SELECT result FROM scheduled_runs WHERE job = 'predictive-retrain'`);
    // An empty database has no outcomes to learn from: the run is recorded with the reason.
    expect(row!.result.ok).toBe(false);
    expect(row!.result.error).toContain('Not enough closed-loop outcomes');
  });
});
