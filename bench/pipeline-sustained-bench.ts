// The event pipeline under a steady stream: events written at a fixed rate through the real
// EventWriter (group commit, as the tracking API does) while the real EventProcessor runs, woken by
// each commit. Every second the lag (age of the oldest unprocessed event) is sampled; the run
// prints its p50/p99, the backlog when writing stops and how long it takes to drain. Counterpart in
// the same run: the rate the writer actually stored (what the processor had to keep up with).
// BENCH_SUSTAINED_SECONDS (default 60), BENCH_SUSTAINED_RATE (default 5,000/s server, 1,500/s PGlite).
import type { Db } from '../src/db/client.js';
import { EventProcessor } from '../src/domains/ingest/event-processor.js';
import { EventWriter } from '../src/domains/ingest/event-writer.js';
import type { SegmentEvent } from '../src/domains/ingest/segment-message.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const SECONDS = Number(process.env.BENCH_SUSTAINED_SECONDS ?? 60);
const rateOf = (b: BenchBackend) => Number(process.env.BENCH_SUSTAINED_RATE ?? (b === 'postgres' ? 5000 : 1500));
/** Events per tracking call, as a browser SDK batches them. */
const PER_CALL = 50;
const TICK_MS = 100;

/** Event i of the stream: each visitor sends 20 (pages, a form, an identify at the end). */
function streamEvent(i: number, run: string): SegmentEvent {
  const v = Math.floor(i / 20);
  const now = new Date();
  const base = { messageId: `${run}-m${i}`, userId: null, anonymousId: `${run}-v${v}`, groupId: null, previousId: null, timestamp: now, originalTimestamp: now, sentAt: now, receivedAt: now };
  const context = { campaign: i % 3 === 0 ? { source: 'google', medium: 'cpc', name: 'brand' } : {}, page: { referrer: i % 5 === 0 ? 'https://www.linkedin.com/' : '' } };
  if (i % 20 === 19) return { ...base, type: 'identify', event: null, traits: { email: `${run}-person${v}@company${v % 500}.com` }, properties: {}, context };
  if (i % 10 === 5) return { ...base, type: 'track', event: 'Form Submitted', traits: {}, properties: { form_id: `form-${i % 7}` }, context };
  return { ...base, type: 'page', event: null, traits: {}, properties: { path: `/page-${i % 40}`, url: `https://revloop.io/page-${i % 40}` }, context };
}

/** Age of the oldest unprocessed event, null when none waits (read down the partial index: cheap even with a backlog). */
async function lagSeconds(db: Db): Promise<number | null> {
  const [row] = await db.query<{ oldest: Date }>('SELECT received_at AS oldest FROM events WHERE processed_at IS NULL ORDER BY id LIMIT 1');
  return row ? Math.max(0, (Date.now() - new Date(row.oldest).getTime()) / 1000) : null;
}

async function backlog(db: Db): Promise<number> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL');
  return Number(row?.n ?? 0);
}

async function run(backend: BenchBackend) {
  const rate = rateOf(backend);
  const { db, close } = await openBenchDb(backend);
  const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
  const errors: unknown[] = [];
  const processor = new EventProcessor(ctx, 1000, [], (err) => errors.push(err));
  const writer = new EventWriter(db, 5000, () => processor.wake());
  try {
    const { id: keyId } = await createWriteKey(db, { name: 'sustained' });
    processor.start();
    const runId = `r${Date.now()}`;
    let sent = 0;
    let stored = 0;
    let refused = 0;
    const writes = new Set<Promise<void>>();
    const lags: number[] = [];
    const t0 = Date.now();
    let nextSample = t0 + 1000;
    // Writing: each tick sends what the rate owes by now, in calls of PER_CALL events.
    while (Date.now() - t0 < SECONDS * 1000) {
      const owed = Math.floor(((Date.now() - t0) / 1000) * rate) - sent;
      for (let k = 0; k < owed; k += PER_CALL) {
        const n = Math.min(PER_CALL, owed - k);
        const events = Array.from({ length: n }, (_, j) => streamEvent(sent + j, runId));
        sent += n;
        const p = writer.write(keyId, events, [], new Date()).then((r) => void (stored += r.stored), () => void (refused += n));
        writes.add(p);
        void p.finally(() => writes.delete(p));
      }
      if (Date.now() >= nextSample) {
        nextSample += 1000;
        lags.push((await lagSeconds(db)) ?? 0);
      }
      await new Promise((r) => setTimeout(r, TICK_MS));
    }
    await Promise.all([...writes]);
    const writtenS = (Date.now() - t0) / 1000;
    const atStop = await backlog(db);
    // Draining: how long the processor takes to catch up once writing stops (at most 2 minutes).
    const d0 = Date.now();
    let left = atStop;
    while (left > 0 && Date.now() - d0 < 120_000) {
      await new Promise((r) => setTimeout(r, 500));
      left = (await lagSeconds(db)) === null ? 0 : await backlog(db);
    }
    const drainS = (Date.now() - d0) / 1000;
    const sorted = [...lags].sort((a, b) => a - b);
    console.log(`[${backend}] ${SECONDS} s at ${rate.toLocaleString()} events/s asked: ${stored.toLocaleString()} stored (${fmt(stored / writtenS, 0)} events/s), ${refused.toLocaleString()} refused by backpressure`);
    console.log(`  lag (oldest unprocessed event) p50 ${fmt(percentile(sorted, 50))} s, p99 ${fmt(percentile(sorted, 99))} s, max ${fmt(sorted.at(-1) ?? 0)} s over ${lags.length} samples`);
    console.log(`  backlog when writing stopped ${atStop.toLocaleString()} events; ${left === 0 ? `drained ${fmt(drainS)} s later` : `NOT drained: ${left.toLocaleString()} left after ${fmt(drainS)} s`}`
      + `${errors.length ? `; ${errors.length} failed passes (${String(errors[0])})` : ''}`);
  } finally {
    await processor.stop();
    await writer.idle();
    await close();
  }
}

export async function main() {
  console.log(`# Event pipeline, sustained: events written at a steady rate while the processor runs (lag sampled every second)`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
