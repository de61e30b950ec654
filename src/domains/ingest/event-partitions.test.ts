import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { migrate } from '../../db/migrate.js';
import { dbAtMigration } from '../../testing/db-at-migration.js';
import { testBackends, type Backend } from '../../testing/test-db.js';
import { applyEventRetention, eventPartitions, maintainEventPartitions, RETENTION_FLOOR_MONTHS } from './event-partitions.js';
import { contentInfluenceSql } from '../reports/queries/marketing-report.js';
import { EventWriter } from './event-writer.js';
import { parseSegmentMessage, type SegmentEvent } from './segment-message.js';

/** A database migrated up to `upTo` (a migration number), so the test can fill it before the rest. */
const dbAt = (backend: Backend, upTo: number) => dbAtMigration(backend, upTo, 'h_events');

const rollup = (db: Db) => db.query(`SELECT contact_id, kind, ref_id, name, n, first_at, last_at, first_touch_at FROM contact_actions ORDER BY 1, 2, 3, 4`);
const partOf = async (db: Db, messageId: string) =>
  (await db.query<{ part: string }>(`SELECT tableoid::regclass::text AS part FROM events WHERE message_id = $1`, [messageId])).map((r) => r.part);

/** Events of two contacts over three months (2025-01, 2025-02, 2025-06), some actions, one identify. */
async function seed(db: Db): Promise<void> {
  await db.query(
    `INSERT INTO contacts (email, email_normalized, created_at, updated_at, properties)
     SELECT 'c' || i || '@x.test', 'c' || i || '@x.test', '2025-01-01', '2025-01-01', '{}' FROM generate_series(1, 2) i`,
  );
  await db.query(`INSERT INTO assets (kind, key, name, first_seen) VALUES ('content', 'ebook', 'The ebook', '2025-01-01')`);
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at, asset_id)
     SELECT 1, 'old-' || i, CASE WHEN i % 5 = 0 THEN 'identify' WHEN i % 2 = 0 THEN 'page' ELSE 'track' END, 'Signed Up',
            1 + i % 2, t, t, t, CASE WHEN i % 3 = 0 THEN (SELECT id FROM assets) END
       FROM generate_series(1, 30) i
      CROSS JOIN LATERAL (SELECT CASE WHEN i <= 10 THEN timestamptz '2025-01-31 23:50+00' + i * interval '1 minute'
                                      WHEN i <= 20 THEN timestamptz '2025-02-10 12:00+00' + i * interval '1 hour'
                                      ELSE timestamptz '2025-06-15 08:00+00' + i * interval '1 day' END AS t) x`,
  );
}

describe.each(testBackends())('events partitioned by month on %s', (backend) => {
  let db: Db;
  let cleanup: () => Promise<void>;
  let before: { rows: unknown[]; rollup: unknown[]; maxId: number };

  beforeAll(async () => {
    ({ db, cleanup } = await dbAt(backend, 29));
    await seed(db);
    // An unprocessed event too, and a deleted one, so the sequence is ahead of max(id).
    await db.query(`INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'pending', 'track', '2025-06-20', '2025-06-20'), (1, 'gone', 'track', '2025-06-20', '2025-06-20')`);
    await db.query(`DELETE FROM events WHERE message_id = 'gone'`);
    before = {
      rows: await db.query(`SELECT id, message_id, type, contact_id, timestamp, processed_at FROM events ORDER BY id`),
      rollup: await rollup(db),
      maxId: (await db.query<{ n: number }>(`SELECT max(id)::int AS n FROM events`))[0]!.n,
    };
    await migrate(db);
  }, 120_000);
  afterAll(() => cleanup());

  it('moves every existing event into its month, with its id, and keeps the rollup and the sequence', async () => {
    expect(await db.query(`SELECT relkind FROM pg_class WHERE oid = 'events'::regclass`)).toEqual([{ relkind: 'p' }]);
    expect(await db.query(`SELECT id, message_id, type, contact_id, timestamp, processed_at FROM events ORDER BY id`)).toEqual(before.rows);
    expect(await rollup(db)).toEqual(before.rollup);
    await db.query(`SELECT contact_actions_rebuild()`);
    expect(await rollup(db)).toEqual(before.rollup);
    expect(await partOf(db, 'old-1')).toEqual(['events_y2025m01']);
    expect(await partOf(db, 'old-10')).toEqual(['events_y2025m02']);
    expect(await partOf(db, 'old-25')).toEqual(['events_y2025m07']);
    const [{ id }] = (await db.query<{ id: number }>(
      `INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'after', 'track', '2025-06-21', now()) RETURNING id`,
    )) as [{ id: number }];
    expect(id).toBeGreaterThan(before.maxId + 1); // the deleted row's id is not handed out again
  });

  it('keeps migrated message ids unique: a retry of a migrated event is not stored again', async () => {
    const stored = await db.query(`INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'old-3', 'track', '2025-03-03', now()) RETURNING id`);
    expect(stored).toEqual([]);
    expect(await partOf(db, 'old-3')).toEqual(['events_y2025m01']);
  });

  it('dedups one messageId sent at 23:59 on the 31st and 00:01 on the 1st through the event writer', async () => {
    const writer = new EventWriter(db);
    const ev = (timestamp: string): SegmentEvent => {
      const r = parseSegmentMessage({ type: 'track', event: 'E', anonymousId: 'a', messageId: 'edge', timestamp }, { receivedAt: new Date(timestamp) });
      if (!r.ok) throw new Error(r.reason);
      return r.event;
    };
    expect(await writer.write(1, [ev('2025-03-31T23:59:00Z')], [], new Date('2025-03-31T23:59:00Z'))).toEqual({ stored: 1, duplicates: 0 });
    expect(await writer.write(1, [ev('2025-04-01T00:01:00Z')], [], new Date('2025-04-01T00:01:00Z'))).toEqual({ stored: 0, duplicates: 1 });
    // Both in one batch, too.
    const [a, b] = [ev('2025-05-31T23:59:00Z'), ev('2025-06-01T00:01:00Z')].map((e) => ({ ...e, messageId: 'edge-2' }));
    expect(await writer.write(1, [a!, b!], [], new Date('2025-06-01T00:01:00Z'))).toEqual({ stored: 1, duplicates: 1 });
    expect(await db.query(`SELECT message_id, count(*)::int AS n FROM events WHERE message_id LIKE 'edge%' GROUP BY 1 ORDER BY 1`)).toEqual([
      { message_id: 'edge', n: 1 },
      { message_id: 'edge-2', n: 1 },
    ]);
  });

  it('stores an event of a month without a partition in the default one, and maintenance gives it its month', async () => {
    await db.query(`INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'far', 'track', '2031-07-04', now())`);
    expect(await partOf(db, 'far')).toEqual(['events_default']);
    const created = await maintainEventPartitions(db, new Date('2031-06-15T00:00:00Z'), null);
    // The months ahead, and the months the writer test's events landed in (March and May 2025).
    expect(created).toEqual(['events_y2025m03', 'events_y2025m05', 'events_y2031m06', 'events_y2031m07', 'events_y2031m08']);
    expect(await partOf(db, 'far')).toEqual(['events_y2031m07']);
    expect(await db.query(`SELECT count(*)::int AS n FROM events_default`)).toEqual([{ n: 0 }]);
    // Its message id still counts once.
    expect(await db.query(`INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'far', 'track', '2031-07-05', now()) RETURNING id`)).toEqual([]);
    expect(await maintainEventPartitions(db, new Date('2031-06-15T00:00:00Z'), null)).toEqual([]);
  });

  it('prunes a one-month events query to that month', async () => {
    const plan = (
      await db.query<{ 'QUERY PLAN': string }>(
        `EXPLAIN SELECT count(*) FROM events WHERE timestamp >= '2025-02-01 00:00+00' AND timestamp < '2025-03-01 00:00+00'`,
      )
    )
      .map((r) => r['QUERY PLAN'])
      .join('\n');
    expect(plan).toContain('events_y2025m02');
    expect(plan.match(/events_(y\d{4}m\d{2}|default)/g)!.every((p) => p === 'events_y2025m02')).toBe(true);
  });

  it('drops whole months past the retention, never under the floor, and the rollup keeps its counts', async () => {
    const rollupBefore = await rollup(db);
    // A report served by the rollup: content influence over every contact created since 2024.
    const influence = () => db.query(contentInfluenceSql, ['2024-12-01T00:00:00Z', '2027-03-01T00:00:00Z', 100]);
    const influenceBefore = await influence();
    expect(influenceBefore).toEqual([expect.objectContaining({ asset: 'The ebook', non_customers_touched: 2 })]);
    const months = async () => (await eventPartitions(db)).map((p) => p.table);
    // 25 months before March 2027 is February 2025: January goes, February stays.
    expect(await applyEventRetention(db, new Date('2027-03-10T00:00:00Z'), 12)).toEqual(['events_y2025m01']);
    expect(await months()).not.toContain('events_y2025m01');
    expect(await months()).toContain('events_y2025m02');
    expect(await partOf(db, 'old-1')).toEqual([]);
    expect(await partOf(db, 'old-10')).toEqual(['events_y2025m02']);
    expect(await rollup(db)).toEqual(rollupBefore);
    expect(await influence()).toEqual(influenceBefore);
    // Its message ids are released with it; later months keep theirs.
    expect(await db.query(`SELECT message_id FROM event_message_ids WHERE message_id IN ('old-1', 'old-9', 'old-10') ORDER BY 1`)).toEqual([{ message_id: 'old-10' }]);
    // Without a retention nothing goes.
    expect(await applyEventRetention(db, new Date('2040-01-01T00:00:00Z'), null)).toEqual([]);
    expect(RETENTION_FLOOR_MONTHS).toBe(25);
  });

  it('releases the message ids of deleted events, as the unique index did', async () => {
    await db.query(`DELETE FROM events WHERE message_id = 'after'`);
    expect(await db.query(`SELECT 1 FROM event_message_ids WHERE message_id = 'after'`)).toEqual([]);
    expect(await db.query(`INSERT INTO events (write_key_id, message_id, type, timestamp, received_at) VALUES (1, 'after', 'track', '2025-06-21', now()) RETURNING message_id`)).toEqual([
      { message_id: 'after' },
    ]);
  });
});
