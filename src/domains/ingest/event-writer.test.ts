import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
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
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const lockTaken = new Promise<void>((r) => (locked = r));
    const holder = t.db.tx(async (tx) => {
      await tx.query('LOCK TABLE events IN EXCLUSIVE MODE');
      locked();
      await held;
    });
    await lockTaken;
    const waiting = writer.write(key, Array.from({ length: 8 }, (_, i) => ev(`bp-${i}`)), [], receivedAt);
    const refused = await writer.write(key, [ev('bp-8'), ev('bp-9'), ev('bp-10')], [], receivedAt).catch((e: unknown) => e);
    expect(refused).toMatchObject({ code: 'overloaded', details: { retry_after_seconds: 2 } });
    release();
    await holder;
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

  it('credits a messageId sent by several concurrent calls to exactly one of them', async () => {
    const writer = new EventWriter(t.db);
    const results = await Promise.all(Array.from({ length: 30 }, () => writer.write(key, [ev('same')], [], receivedAt)));
    expect(results.reduce((s, r) => s + r.stored, 0)).toBe(1);
    expect(results.reduce((s, r) => s + r.duplicates, 0)).toBe(29);
    await writer.idle();
  });
});
