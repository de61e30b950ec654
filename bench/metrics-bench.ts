// How much does a Prometheus scrape of /metrics (and a /healthz probe) cost while a backlog
// waits? BENCH_METRICS_EVENTS unprocessed events (default 100,000) sit behind as many processed
// ones, the pipeline is paused, and each endpoint is called in turn. Counterparts in the same
// run: a bare `SELECT 1` round trip, and counting the backlog alone (the heaviest query a scrape runs).
import { buildApp } from '../src/app/build-app.js';
import type { Db } from '../src/db/client.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { benchBackends, fmt, openBenchDb, timeRuns, type BenchBackend } from './bench-db.js';

const EVENTS = Number(process.env.BENCH_METRICS_EVENTS ?? 100_000);
const ROUNDS = Number(process.env.BENCH_METRICS_ROUNDS ?? 30);

const timed = async (rounds: number, f: () => Promise<unknown>) => (await timeRuns(rounds, f)).timing;

async function fill(db: Db, keyId: number): Promise<void> {
  // Set-based: the processed half first, so the backlog is the newest half, as after a burst.
  for (const processed of [true, false]) {
    for (let from = 0; from < EVENTS; from += 50_000) {
      const to = Math.min(EVENTS, from + 50_000);
      await db.query(
        `INSERT INTO events (write_key_id, message_id, type, event, anonymous_id, timestamp, received_at, properties, processed_at)
         SELECT $1, $2 || i, 'track', 'Pricing Viewed', 'visitor-' || (i % 5000), now() - interval '1 hour', now() - interval '1 minute', '{"plan":"pro"}', CASE WHEN $3 THEN now() END
           FROM generate_series($4::int, $5::int - 1) AS i`,
        [keyId, processed ? 'done-' : 'wait-', processed, from, to],
      );
    }
  }
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  const app = await buildApp({ db, webDist: null, processEvents: false });
  try {
    const { id } = await createWriteKey(db, { name: 'bench' });
    const s = performance.now();
    await fill(db, id);
    const filled = (performance.now() - s) / 1000;
    const waiting = (await db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL'))[0]!.n;
    await app.inject({ method: 'GET', url: '/metrics' });
    const scrape = await timed(ROUNDS, async () => {
      const res = await app.inject({ method: 'GET', url: '/metrics' });
      if (res.statusCode !== 200 || !res.body.includes(`revloop_queue_depth{queue="unprocessed_events"} ${waiting}`)) throw new Error(`scrape: ${res.statusCode} ${res.body.slice(0, 200)}`);
    });
    const health = await timed(ROUNDS, () => app.inject({ method: 'GET', url: '/healthz' }));
    const select1 = await timed(ROUNDS, () => db.query('SELECT 1'));
    const count = await timed(ROUNDS, () => db.query('SELECT count(*) FROM events WHERE processed_at IS NULL'));
    const body = (await app.inject({ method: 'GET', url: '/metrics' })).body;
    console.log(`  ${backend}: ${waiting.toLocaleString('en')} events waiting behind ${EVENTS.toLocaleString('en')} processed (written in ${fmt(filled)} s); ${ROUNDS} rounds, ms p50 / p95`);
    console.log(`    GET /metrics            ${fmt(scrape.p50)} / ${fmt(scrape.p95)}   (${(body.length / 1024).toFixed(0)} KB of text)`);
    console.log(`    GET /healthz            ${fmt(health.p50)} / ${fmt(health.p95)}`);
    console.log(`    raw SELECT 1            ${fmt(select1.p50)} / ${fmt(select1.p95)}`);
    console.log(`    raw count of backlog    ${fmt(count.p50)} / ${fmt(count.p95)}   scrape / raw count = ${fmt(scrape.p50 / count.p50, 2)}`);
  } finally {
    await app.close();
    await close();
  }
}

export async function main(): Promise<void> {
  console.log('metrics: the cost of one scrape and one health probe with a backlog waiting');
  for (const backend of await benchBackends()) await run(backend);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
