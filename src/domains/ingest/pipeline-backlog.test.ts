import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { backlogDepths, countUnprocessedEvents, pipelineLagSeconds } from './pipeline-backlog.js';
import { createWriteKey } from './write-keys.js';

describe.each(testBackends())('the pipeline backlog on %s', (backend) => {
  let t: TestDb;
  const now = new Date('2026-06-01T10:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    const { id } = await createWriteKey(t.db, { name: 'site' });
    // 24,000 events, every fourth one processed: the unprocessed ones span two counting ranges on PGlite (20,000 ids each).
    await t.db.query(
      `INSERT INTO events (write_key_id, message_id, type, event, anonymous_id, timestamp, received_at, processed_at)
       SELECT $1, 'm-' || i, 'track', 'X', 'v-' || i, $2, $2::timestamptz + i * interval '1 millisecond', CASE WHEN i % 4 = 0 THEN $2::timestamptz END
         FROM generate_series(1, 24000) AS i`,
      [id, new Date(now.getTime() - 90_000)],
    );
  });
  afterAll(() => t.cleanup());

  const raw = async () => (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL'))[0]!.n;

  it('counts the unprocessed events exactly, range by range, and stops at the cap', async () => {
    expect(await raw()).toBe(18_000);
    expect(await countUnprocessedEvents(t.db)).toBe(18_000);
    expect(await countUnprocessedEvents(t.db, 1_000)).toBe(1_000);
    expect((await backlogDepths(t.db)).unprocessedEvents).toBe(18_000);
  });

  it('dates the lag from the oldest unprocessed event', async () => {
    // Event 1 is the oldest unprocessed one: received 90 s before now, plus 1 ms.
    expect(await pipelineLagSeconds(t.db, now)).toBeCloseTo(89.999, 3);
    await t.db.query('UPDATE events SET processed_at = $1 WHERE id IN (SELECT id FROM events WHERE processed_at IS NULL ORDER BY id LIMIT 2)', [now]);
    // Events 1 and 2 are processed now: event 3 is the oldest waiting.
    expect(await pipelineLagSeconds(t.db, now)).toBeCloseTo(89.997, 3);
  });
});
