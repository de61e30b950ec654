import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { fixedClock } from '../../shared/clock.js';
import { drainEvents } from './event-processor.js';
import { EventWriter } from './event-writer.js';
import { parseSegmentMessage, type SegmentEvent } from './segment-message.js';
import { createWriteKey } from './write-keys.js';

const receivedAt = new Date('2026-06-01T10:00:00Z');
const ev = (id: string): SegmentEvent => {
  const r = parseSegmentMessage({ type: 'track', event: 'E', anonymousId: 'a', messageId: id }, { receivedAt });
  if (!r.ok) throw new Error(r.reason);
  return r.event;
};

describe.each(testBackends())('event writer on %s', (backend) => {
  let t: TestDb;
  let key: number;
  beforeAll(async () => {
    t = await createTestDb(backend);
    key = (await createWriteKey(t.db, { name: 'w' })).id;
  });
  afterAll(() => t.cleanup());

  /** Holds the events table (and on PGlite the one connection) until the returned release is called. */
  async function holdEvents(): Promise<{ release: () => void; done: Promise<void> }> {
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const done = t.db.tx(async (tx) => {
      await tx.query('LOCK TABLE events IN EXCLUSIVE MODE');
      locked();
      await held;
    });
    await lockTaken;
    return { release, done };
  }

  it('never strands a call that arrives while the previous commit is finishing', async () => {
    const writer = new EventWriter(t.db);
    // A caller that writes again the moment its previous write resolves: the second call lands
    // exactly when the draining lane is about to stop. Every call must still be committed.
    for (let i = 0; i < 60; i++) {
      const res = await Promise.race([
        writer.write(key, [ev(`seq-${i}`)], [], receivedAt),
        new Promise<'stuck'>((r) => setTimeout(() => r('stuck'), 5000)),
      ]);
      expect(res).toEqual({ stored: 1, duplicates: 0 });
    }
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM events WHERE message_id LIKE 'seq-%'`)) as [{ n: number }];
    expect(n).toBe(60);
  });

  it('refuses calls with 503 and Retry-After once too many events wait for their commit, and takes them again after', async () => {
    const writer = new EventWriter(t.db, 5000, () => {}, 1, 10);
    // Hold the database with a write lock on the events table so the writer's commit cannot finish.
    const hold = await holdEvents();
    const waiting = writer.write(key, Array.from({ length: 8 }, (_, i) => ev(`bp-${i}`)), [], receivedAt);
    const refused = await writer.write(key, [ev('bp-8'), ev('bp-9'), ev('bp-10')], [], receivedAt).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'overloaded', details: { retry_after_seconds: 2 } });
    hold.release();
    await hold.done;
    expect(await waiting).toEqual({ stored: 8, duplicates: 0 });
    expect(await writer.write(key, [ev('bp-8'), ev('bp-9'), ev('bp-10')], [], receivedAt)).toEqual({ stored: 3, duplicates: 0 });
  });

  it('commits the calls that arrive in one turn of the event loop together, the first one included', async () => {
    let commits = 0;
    const writer = new EventWriter(t.db, 5000, () => commits++);
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) => writer.write(key, [ev(`turn-${i}`)], [], receivedAt)));
    expect(results.every((r) => r.stored === 1)).toBe(true);
    expect(commits).toBe(1);
  });

  it('stores a group\'s events and its calls\' rejections in one statement, each call credited its own', async () => {
    const writer = new EventWriter(t.db);
    const rejected = (m: string) => [{ index: 0, messageId: m, reason: 'userId or anonymousId is required', payload: { messageId: m } }];
    const [a, b, c] = await Promise.all([
      writer.write(key, [ev('mix-1'), ev('mix-2')], [], receivedAt),
      writer.write(key, [], rejected('mix-bad'), receivedAt),
      writer.write(key, [ev('mix-1'), ev('mix-3')], rejected('mix-bad-2'), receivedAt),
    ]);
    expect([a, b, c]).toEqual([{ stored: 2, duplicates: 0 }, { stored: 0, duplicates: 0 }, { stored: 1, duplicates: 1 }]);
    const events = await t.db.query<{ message_id: string }>(`SELECT message_id FROM events WHERE message_id LIKE 'mix-%' ORDER BY 1`);
    expect(events.map((e) => e.message_id)).toEqual(['mix-1', 'mix-2', 'mix-3']);
    const refused = await t.db.query<{ message_id: string; reason: string }>(`SELECT message_id, reason FROM rejected_events WHERE message_id LIKE 'mix-%' ORDER BY 1`);
    expect(refused).toEqual([{ message_id: 'mix-bad', reason: 'userId or anonymousId is required' }, { message_id: 'mix-bad-2', reason: 'userId or anonymousId is required' }]);
  });

  it('lets a pipeline slice wait for the calls waiting on their commit, and processes their events in that slice', async () => {
    await drainEvents({ db: t.db, clock: fixedClock('2026-06-01T11:00:00Z'), actor: { type: 'system', id: 'ingest' } });
    const writer = new EventWriter(t.db);
    const hold = await holdEvents();
    const ack = writer.write(key, [ev('yield-1')], [], receivedAt);
    let waited = 0;
    const drain = drainEvents({ db: t.db, clock: fixedClock('2026-06-01T11:00:00Z'), actor: { type: 'system', id: 'ingest' } }, {
      beforeSlice: async () => {
        waited++;
        await writer.yieldToWrites(60_000);
      },
    });
    hold.release();
    await hold.done;
    // Had the slice taken the connection first, it would have found nothing to process and stopped.
    expect(await drain).toBe(1);
    expect(await ack).toEqual({ stored: 1, duplicates: 0 });
    expect(waited).toBe(2);
  });

  it('stops yielding to waiting calls after the time it was given, so background work is delayed, never starved', async () => {
    const writer = new EventWriter(t.db);
    const hold = await holdEvents();
    let acked = false;
    const ack = writer.write(key, [ev('starve-1')], [], receivedAt).then((r) => ((acked = true), r));
    await writer.yieldToWrites(50);
    expect(acked).toBe(false);
    hold.release();
    await hold.done;
    expect(await ack).toEqual({ stored: 1, duplicates: 0 });
    // Nothing waiting: at once.
    await writer.yieldToWrites(60_000);
  });

  it('credits a messageId sent by several concurrent calls to exactly one of them', async () => {
    const writer = new EventWriter(t.db);
    const results = await Promise.all(Array.from({ length: 30 }, () => writer.write(key, [ev('same')], [], receivedAt)));
    expect(results.reduce((s, r) => s + r.stored, 0)).toBe(1);
    expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe(29);
    await writer.idle();
  });
});
