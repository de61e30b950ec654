// Events per second committed through the Segment API (/v1/batch with 100-event batches, and
// single /v1/track calls), with autocannon as the load generator in a separate process, on PGlite
// and on the PostgreSQL server; compared with the raw COPY rate of the same rows into the same
// table. Every 200 here is sent after its events were committed.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import type { Db } from '../src/db/client.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);

function event(i: string) {
  return {
    type: 'track', event: 'Content Downloaded', anonymousId: `anon-${i}`, messageId: i,
    timestamp: '2026-05-01T10:00:00.000Z', properties: { content_name: 'State of B2B 2026', url: 'https://revloop.io/ebook' },
    context: { page: { url: 'https://revloop.io/ebook', referrer: 'https://www.google.com/' }, campaign: { source: 'google', medium: 'organic' } },
  };
}

interface Cannon { requests: { average: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; '2xx': number }

/** autocannon in its own process (async: this process serves the requests); [<id>] in the body becomes a fresh id per request. */
async function cannon(url: string, key: string, body: string, connections: number, seconds = DURATION): Promise<Cannon> {
  const { stdout: out } = await promisify(execFile)('npx', ['--no-install', 'autocannon', '-j', '-I', '-m', 'POST', '-c', String(connections), '-d', String(seconds),
    '-H', `authorization=Basic ${Buffer.from(`${key}:`).toString('base64')}`, '-H', 'content-type=application/json', '-b', body, url], { maxBuffer: 64 << 20 });
  return JSON.parse(out) as Cannon;
}

async function copyRate(db: Db, rows: number): Promise<number> {
  const lines: string[] = [];
  for (let i = 0; i < rows; i++) {
    const e = event(`copy-${i}`);
    lines.push([1, e.messageId, 'track', e.event, e.anonymousId, e.timestamp, e.timestamp, JSON.stringify(e.properties), JSON.stringify(e.context)]
      .map((v) => `"${String(v).replace(/"/g, '""')}"`).join(','));
  }
  const t0 = performance.now();
  await db.copyCsv('events', ['write_key_id', 'message_id', 'type', 'event', 'anonymous_id', 'timestamp', 'received_at', 'properties', 'context'], lines.join('\n') + '\n');
  return rows / ((performance.now() - t0) / 1000);
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    const { key } = await createWriteKey(db, { name: 'bench' });
    const app = await buildApp({ db, webDist: null, processEvents: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const count = async () => ((await db.query<{ n: number }>('SELECT count(*) AS n FROM events'))[0]!.n);

    const batchBody = JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => event(`[<id>]-${i}`)) });
    const single = JSON.stringify({ ...event('[<id>]'), type: undefined });
    // Warm-up (not counted): the first seconds pay for JIT and, on PGlite, WASM warm-up.
    await cannon(`${base}/v1/batch`, key, batchBody, 20, 2);
    await cannon(`${base}/v1/track`, key, single, 50, 2);
    const before = await count();
    const b = await cannon(`${base}/v1/batch`, key, batchBody, 20);
    const batchEvents = (await count()) - before;
    const batchRate = batchEvents / DURATION;

    const before2 = await count();
    const s = await cannon(`${base}/v1/track`, key, single, 50);
    const singleRate = ((await count()) - before2) / DURATION;
    await app.close();

    const copy = await copyRate(db, 50_000);
    console.log(`\n[${backend}]`);
    console.log(`  /v1/batch (100 events/request, 20 connections): ${fmt(batchRate, 0)} events/s committed  (${fmt(b.requests.average, 0)} req/s; latency p50 ${b.latency.p50} ms, p99 ${b.latency.p99} ms; non-2xx ${b.non2xx}, errors ${b.errors})`);
    console.log(`  /v1/track single calls (50 connections):         ${fmt(singleRate, 0)} events/s committed  (latency p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms; non-2xx ${s.non2xx}, errors ${s.errors})`);
    console.log(`  raw COPY of the same rows into events:            ${fmt(copy, 0)} rows/s`);
    console.log(`  ratio batch API / COPY: ${fmt(batchRate / copy, 2)}   single / COPY: ${fmt(singleRate / copy, 2)}`);
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Event ingestion (${DURATION} s per run, load from autocannon in a separate process; processing pipeline paused)`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
