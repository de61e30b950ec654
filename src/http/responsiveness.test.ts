import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';

// Issue 11, item 4: on PGlite (one connection, PostgreSQL running in this very thread) the event
// pipeline used to hold the process for its whole pass: after a 5,000-event burst /healthz
// waited 16.5 s. Requests must now be answered between the pipeline's slices. The check is an
// ordering, not a timing: a request sent while a backlog is processed must come back while
// most of that backlog is still unprocessed.
describe('requests while the pipeline works through a backlog on PGlite', () => {
  let t: TestApp;
  let basic: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('pglite', '2026-06-01T10:00:00Z', { processEvents: false });
    const key = (await createWriteKey(t.db, { name: 'site' })).key;
    basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  });
  afterAll(() => t.cleanup());

  const pending = async () => (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL'))[0]!.n;

  it('answers /healthz, the API and a new event before the backlog is done', async () => {
    // Large beside a slice (at most 1,000 events on PGlite, growing from 100): a request waits behind
    // one slice per statement it runs, so it comes back after a few slices, not after the pass.
    const total = 10_000;
    for (let b = 0; b < total / 500; b++) {
      const batch = Array.from({ length: 500 }, (_, j) => {
        const i = b * 500 + j;
        return i % 10 === 9
          ? { type: 'identify', anonymousId: `v-${Math.floor(i / 10)}`, messageId: `m-${i}`, traits: { email: `p${Math.floor(i / 10)}@firm${i % 50}.com` } }
          : { type: 'page', anonymousId: `v-${Math.floor(i / 10)}`, messageId: `m-${i}`, properties: { url: `https://revloop.io/p${i % 30}` } };
      });
      expect((await t.app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch } })).statusCode).toBe(200);
    }
    expect(await pending()).toBe(total);
    const admin = await t.as('admin');
    t.app.revloop.processor.start();
    // Let the pass begin, then ask while it runs.
    while ((await pending()) === total) await new Promise((r) => setImmediate(r));
    const answers = await Promise.all([
      t.app.inject({ method: 'GET', url: '/healthz' }),
      t.app.inject({ method: 'GET', url: '/api/contacts?limit=20', headers: admin }),
      t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { anonymousId: 'late', event: 'Probe', messageId: 'late-1' } }),
    ]);
    const left = await pending();
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    // The pass before the fix answered after the whole backlog (left 0). A quarter is the margin for
    // the few slices the requests' statements wait behind: with 3,000 events and slices that double
    // up to 1,000, a quiet CI machine's answers came after 2,223 (left 777 < half).
    expect(left).toBeGreaterThan(total / 4);
    await t.app.revloop.processor.idle();
    expect(await pending()).toBe(0);
  }, 120_000);
});
