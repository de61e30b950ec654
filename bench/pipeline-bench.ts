// Events processed per second by the pipeline behind the tracking API (identity, channel, visit,
// asset, campaign), on PGlite and on the PostgreSQL server. Events are written first with the
// processor paused, then processed in one go: this measures processing, not ingestion.
import { insertRows, type BulkColumn } from '../src/db/bulk-insert.js';
import { processPendingEvents } from '../src/domains/ingest/process-events.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';

const EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 20_000);
const VISITORS = Math.max(1, Math.floor(EVENTS / 20));

const cols: readonly BulkColumn[] = [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'],
  ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb'], ['context', 'jsonb']];

function rows(keyId: number) {
  const out: unknown[][] = [];
  const start = Date.parse('2026-01-01T00:00:00Z');
  for (let i = 0; i < EVENTS; i++) {
    // Each visitor comes for a burst of 20 hits a minute apart, one visitor an hour.
    const v = Math.floor(i / 20);
    const at = new Date(start + v * 3_600_000 + (i % 20) * 60_000);
    const context = JSON.stringify({ campaign: i % 3 === 0 ? { source: 'google', medium: 'cpc', name: 'brand' } : {}, page: { referrer: i % 5 === 0 ? 'https://www.linkedin.com/' : '' } });
    if (i % 20 === 19) out.push([keyId, `m${i}`, 'identify', null, `v${v}`, at, at, JSON.stringify({ email: `person${v}@company${v % 500}.com` }), '{}', context]);
    else if (i % 10 === 5) out.push([keyId, `m${i}`, 'track', 'Form Submitted', `v${v}`, at, at, '{}', JSON.stringify({ form_id: `form-${i % 7}` }), context]);
    else out.push([keyId, `m${i}`, 'page', null, `v${v}`, at, at, '{}', JSON.stringify({ path: `/page-${i % 40}`, url: `https://revloop.io/page-${i % 40}` }), context]);
  }
  return out;
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    const { id } = await createWriteKey(db, { name: 'bench' });
    const all = rows(id);
    for (let i = 0; i < all.length; i += 2000) await insertRows(db, 'events', cols, all.slice(i, i + 2000));
    const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
    const t0 = performance.now();
    let n = 0;
    for (let k; (k = await processPendingEvents(ctx)) > 0; ) n += k;
    const s = (performance.now() - t0) / 1000;
    const [stats] = await db.query<{ contacts: number; visits: number; errors: number }>(
      `SELECT (SELECT count(*) FROM contacts) AS contacts, (SELECT count(*) FROM visits) AS visits, (SELECT count(*) FROM events WHERE process_error IS NOT NULL) AS errors`);
    console.log(`[${backend}] ${n.toLocaleString()} events processed in ${fmt(s)} s: ${fmt(n / s, 0)} events/s  (${stats!.contacts} contacts, ${stats!.visits} visits, ${stats!.errors} errors)`);
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Event pipeline: ${EVENTS.toLocaleString()} events from ${VISITORS.toLocaleString()} visitors (pages, forms, identifies)`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
