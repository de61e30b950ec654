import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { saveWorkspaceSettings, workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { eventPartitions } from '../domains/ingest/event-partitions.js';
import { dailyEventPartitions } from './event-partition-maintenance.js';

describe.each(testBackends())('daily events partitions and retention on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t.cleanup());

  it('keeps raw events forever until a retention of at least 25 months is set; saving the zone alone keeps it', async () => {
    expect((await workspaceSettings(t.db)).raw_event_months).toBeNull();
    await expect(saveWorkspaceSettings(t.db, { time_zone: 'UTC', raw_event_months: 12 })).rejects.toThrow(/25 months/);
    await saveWorkspaceSettings(t.db, { time_zone: 'UTC', raw_event_months: 36 });
    await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
    expect(await workspaceSettings(t.db)).toEqual({ time_zone: 'Europe/Madrid', raw_event_months: 36 });
  });

  it('creates the months ahead and drops the months past the retention, once a day whichever instance asks', async () => {
    await t.db.query(
      `INSERT INTO events (write_key_id, message_id, type, timestamp, received_at)
       VALUES (1, 'r-old', 'track', '2023-02-10', now()), (1, 'r-stray', 'track', '2022-03-10', now()),
              (1, 'r-kept', 'track', '2023-06-02', now()), (1, 'r-new', 'track', '2026-05-05', now())`,
    );
    await t.db.query(`SELECT events_ensure_partition('2023-02-10')`);
    const now = new Date('2026-05-20T06:00:00Z');
    expect(await dailyEventPartitions(t.db, now)).toBe('ran');
    expect(await dailyEventPartitions(t.db, new Date('2026-05-20T18:00:00Z'))).toBe('skipped');
    const [run] = await t.db.query<{ result: unknown }>(`SELECT result FROM scheduled_runs WHERE job = 'event-partitions'`);
    expect(run!.result).toEqual({ ok: true, value: { created: ['events_y2023m06', 'events_y2026m05', 'events_y2026m06', 'events_y2026m07'], dropped: ['events_y2023m02'] } });
    // 36 months before May 2026 is May 2023: February 2023 is dropped; the March 2022 event, which
    // sat in the default partition, is past retention too and gets no partition of its own.
    const months = (await eventPartitions(t.db)).map((p) => p.table);
    expect(months).not.toContain('events_y2023m02');
    expect(await t.db.query(`SELECT message_id, tableoid::regclass::text AS part FROM events WHERE message_id LIKE 'r-%' ORDER BY 1`)).toEqual([
      { message_id: 'r-kept', part: 'events_y2023m06' },
      { message_id: 'r-new', part: 'events_y2026m05' },
      { message_id: 'r-stray', part: 'events_default' },
    ]);
  });
});
