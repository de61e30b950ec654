import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows, type BulkColumn } from '../../db/bulk-insert.js';
import { Random } from '../../shared/random.js';
import { systemClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { processPendingEvents } from './process-events.js';
import { createWriteKey } from './write-keys.js';

// The processor gives a touch inside a visit it holds in memory that visit's channel itself
// (event_channel's first step) and leaves the SQL function the rest; visitors first seen in a
// slice skip the retag and the history claim. Here a generated stream (interleaved visitors,
// visits split by 30-minute gaps, late hits that land before their visit, forms inside and
// outside visits, identifies) goes through the pipeline in small slices, and every page view must
// carry exactly what the visits table says of the visit it lies in. (Forms are in the stream but not
// checked: one tagged before a later page extends its visit's end to within 30 minutes of it keeps
// its own channel, as before this change: only a visit's new landing retags, docs/channels.md.)

const columns: readonly BulkColumn[] = [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'],
  ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb'], ['context', 'jsonb']];

const MIN = 60_000;
const referrers = ['https://www.google.com/', 'https://www.linkedin.com/feed/', '', 'https://partner.example/'];

function stream(keyId: number, seed: string): unknown[][] {
  const rng = new Random(seed);
  const rows: unknown[][] = [];
  for (let v = 0; v < 24; v++) {
    const anon = `${seed}-v${v}`;
    let t = Date.UTC(2026, 5, 1 + rng.int(0, 3), rng.int(0, 23), rng.int(0, 59));
    const hits = rng.int(3, 14);
    for (let h = 0; h < hits; h++) {
      // Mostly a page a few minutes after the last, sometimes after a gap that starts a new visit.
      t += (rng.int(0, 5) === 0 ? rng.int(31, 300) : rng.int(1, 12)) * MIN;
      const at = new Date(t);
      const context = { page: { referrer: rng.pick(referrers) }, campaign: rng.int(0, 4) === 0 ? { source: 'newsletter', medium: 'email', name: 'june' } : {} };
      rows.push([keyId, `${anon}-p${h}`, 'page', null, anon, at, at, '{}', JSON.stringify({ path: `/p${h}`, url: `https://acme.example/p${h}` }), JSON.stringify(context)]);
      if (rng.int(0, 3) === 0) {
        const form = new Date(t + rng.int(0, 50) * MIN);
        rows.push([keyId, `${anon}-f${h}`, 'track', 'Form Submitted', anon, form, form, '{}', JSON.stringify({ form_id: 'demo' }), '{}']);
      }
    }
    const late = new Date(t - hits * 20 * MIN);
    rows.push([keyId, `${anon}-late`, 'page', null, anon, late, late, '{}', JSON.stringify({ path: '/late', url: 'https://acme.example/late' }), JSON.stringify({ page: { referrer: 'https://www.bing.com/' } })]);
    if (rng.int(0, 1) === 0) rows.push([keyId, `${anon}-id`, 'identify', null, anon, new Date(t), new Date(t), JSON.stringify({ email: `${anon}@firm.example` }), '{}', '{}']);
  }
  // Visitors interleaved, and each visitor's events out of time order now and then (late hits).
  return rng.shuffle(rows);
}

describe.each(testBackends())('touch channels from the visits in memory (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(async () => t.cleanup());

  it('gives every page view its visit\'s channel, slice after slice, late landings included', async () => {
    const { id } = await createWriteKey(t.db, { name: 'memory' });
    const ctx = { db: t.db, clock: systemClock, actor: { type: 'system' as const } };
    const rows = stream(id, 'mem');
    // Two halves: the second meets visitors and visits the first already stored.
    for (const half of [rows.slice(0, rows.length / 2), rows.slice(rows.length / 2)]) {
      await insertRows(t.db, 'events', columns, half);
      while ((await processPendingEvents(ctx, 9)) > 0);
    }
    const [check] = await t.db.query<{ inside: number; wrong: number; unprocessed: number; channels: number }>(
      `SELECT count(*) FILTER (WHERE bv.ended_at >= e.timestamp - interval '30 minutes') AS inside,
              count(*) FILTER (WHERE bv.ended_at >= e.timestamp - interval '30 minutes'
                                 AND (e.channel, e.source, e.medium) IS DISTINCT FROM (bv.channel, bv.source, bv.medium)) AS wrong,
              (SELECT count(*) FROM events WHERE processed_at IS NULL) AS unprocessed,
              count(DISTINCT e.channel) AS channels
         FROM events e
         LEFT JOIN LATERAL (SELECT v.channel, v.source, v.medium, v.ended_at FROM visits v
                             WHERE v.visitor_id = e.anonymous_id AND v.started_at <= e.timestamp ORDER BY v.started_at DESC LIMIT 1) bv ON true
        WHERE e.type IN ('page', 'screen')`,
    );
    expect(Number(check!.unprocessed)).toBe(0);
    expect(Number(check!.inside)).toBeGreaterThan(100);
    expect(Number(check!.channels)).toBeGreaterThan(2);
    expect(Number(check!.wrong)).toBe(0);
  });
});
