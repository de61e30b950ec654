// Events processed per second by the whole pipeline behind the tracking API, on PGlite and on the
// PostgreSQL server: identity, channel, visit, asset, campaign, rollups (processPendingEvents), then
// the rescoring and MQL check of the contacts they touched (drainEvents + scoreQueued, as the
// background EventProcessor's pass runs them). Events are written first with the processor paused,
// then processed in one go: this measures processing, not ingestion. Counterparts in the same run:
// the bulk insert of the same events, and a bare `UPDATE events SET processed_at` over them in
// slices of 1,000, a transaction each (the floor: every processed event is rewritten once).
// BENCH_PIPELINE_PROFILE=1 also prints the time per statement shape.
import { insertRows, type BulkColumn } from '../src/db/bulk-insert.js';
import type { Db } from '../src/db/client.js';
import { drainEvents } from '../src/domains/ingest/event-processor.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { scoreQueued } from '../src/domains/scoring/score-contacts.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, cpuMeter, fmt, openBenchDb, type BenchBackend } from './bench-db.js';
import { StatementTimer } from './statement-timer.js';

const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 20_000);
const VISITORS = Math.max(1, Math.floor(EVENTS / 20));
const PROFILE = process.env.BENCH_PIPELINE_PROFILE === '1';

export const benchEventColumns: readonly BulkColumn[] = [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'],
  ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb'], ['context', 'jsonb']];

/**
 * Event i of a steady stream: each visitor comes for a burst of 20 hits a minute apart (pages, a
 * form submitted, an identify at the end), one visitor an hour from `start`.
 */
export function benchEvent(keyId: number, i: number, start = Date.parse('2026-01-01T00:00:00Z'), prefix = ''): unknown[] {
  const v = Math.floor(i / 20);
  const at = new Date(start + v * 3_600_000 + (i % 20) * 60_000);
  const context = JSON.stringify({ campaign: i % 3 === 0 ? { source: 'google', medium: 'cpc', name: 'brand' } : {}, page: { referrer: i % 5 === 0 ? 'https://www.linkedin.com/' : '' } });
  if (i % 20 === 19) return [keyId, `${prefix}m${i}`, 'identify', null, `${prefix}v${v}`, at, at, JSON.stringify({ email: `${prefix}person${v}@company${v % 500}.com` }), '{}', context];
  if (i % 10 === 5) return [keyId, `${prefix}m${i}`, 'track', 'Form Submitted', `${prefix}v${v}`, at, at, '{}', JSON.stringify({ form_id: `form-${i % 7}` }), context];
  return [keyId, `${prefix}m${i}`, 'page', null, `${prefix}v${v}`, at, at, '{}', JSON.stringify({ path: `/page-${i % 40}`, url: `https://revloop.io/page-${i % 40}` }), context];
}

async function run(backend: BenchBackend) {
  const opened = await openBenchDb(backend);
  const timer = new StatementTimer();
  const db: Db = PROFILE ? timer.wrap(opened.db) : opened.db;
  try {
    const { id } = await createWriteKey(db, { name: 'bench' });
    const all = Array.from({ length: EVENTS }, (_, i) => benchEvent(id, i));
    let t0 = performance.now();
    for (let i = 0; i < all.length; i += 2000) await insertRows(db, 'events', benchEventColumns, all.slice(i, i + 2000));
    const insertS = (performance.now() - t0) / 1000;
    timer.byShape.clear();
    timer.total = 0;

    const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
    let processedAt = 0;
    const cpu = await cpuMeter(opened.db);
    t0 = performance.now();
    // What EventProcessor.pass runs: the events and their contacts' rescoring, then the queue the triggers filled.
    let n = await drainEvents(ctx, { onProcessed: () => (processedAt = performance.now()) });
    for (let k; (k = await scoreQueued(ctx)) > 0; );
    const end = performance.now();
    const used = cpu();
    const s = (end - t0) / 1000;
    const processS = (processedAt - t0) / 1000;
    const sqlMs = timer.total;

    const [stats] = await db.query<{ contacts: number; visits: number; errors: number; scored: number; mqls: number; queued: number }>(
      `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM visits) AS visits, (SELECT count(*) FROM events WHERE process_error IS NOT NULL) AS errors,
              (SELECT count(*) FROM contact_scores) AS scored, (SELECT count(*) FROM contacts WHERE mql_at IS NOT NULL) AS mqls, (SELECT count(*) FROM score_queue) AS queued`);
    const shapes = PROFILE ? timer.report() : '';

    // The floor: each event rewritten once, a slice of 1,000 per transaction.
    const slice = 1000;
    const [range] = await db.query<{ lo: number; hi: number }>('SELECT min(id) AS lo, max(id) AS hi FROM events');
    const floorCpu = await cpuMeter(opened.db);
    t0 = performance.now();
    for (let lo = Number(range!.lo); lo <= Number(range!.hi); lo += slice) {
      await db.tx((tx) => tx.query('UPDATE events SET processed_at = $3 WHERE id >= $1 AND id < $2', [lo, lo + slice, new Date()]));
    }
    const floorS = (performance.now() - t0) / 1000;
    const floorUsed = floorCpu();

    console.log(`[${backend}] ${n.toLocaleString()} events through the whole pipeline in ${fmt(s)} s: ${fmt(n / s, 0)} events/s end to end`);
    console.log(`  processing (identity, visits, channels, assets, campaigns) ${fmt(processS)} s (${fmt(n / processS, 0)} events/s), rescoring + MQL check ${fmt(s - processS)} s`);
    console.log(`  (${stats!.contacts} contacts, ${stats!.scored} scored, ${stats!.mqls} MQLs, ${stats!.visits} visits, ${stats!.errors} errors, ${stats!.queued} still queued)`);
    console.log(`  counterpart: bulk insert of the same events ${fmt(EVENTS / insertS, 0)} events/s (pipeline is ${fmt(insertS / s * 100)} % of it);`
      + ` bare UPDATE processed_at in slices of ${slice} ${fmt(EVENTS / floorS, 0)} events/s (pipeline is ${fmt(floorS / s * 100)} % of that floor)`);
    // CPU per event barely moves with the machine's load, unlike the wall-clock rates above.
    const perK = (c: { node: number; server: number }) => ((c.node + c.server) / n) * 1000;
    console.log(`  CPU: ${fmt(used.node)} s in Node${backend === 'postgres' ? ` + ${fmt(used.server)} s in the server's backends` : ' (PGlite included)'} = ${fmt(perK(used) * 1000, 0)} ms per 1,000 events;`
      + ` the floor's ${fmt(perK(floorUsed) * 1000, 0)} ms (pipeline ${fmt(perK(used) / perK(floorUsed), 1)}× the floor's CPU)`);
    if (PROFILE) console.log(`  SQL time ${fmt(sqlMs / 1000)} s of ${fmt(s)} s (the rest is JavaScript and driver); top statements:\n${shapes}`);
  } finally {
    await opened.close();
  }
}

export async function main() {
  console.log(`# Event pipeline end to end: ${EVENTS.toLocaleString()} events from ${VISITORS.toLocaleString()} visitors (pages, forms, identifies), rescoring included`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
