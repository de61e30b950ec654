// Single-event /v1/track calls a second: one HTTP request per event from many concurrent
// keep-alive clients (autocannon, already a dev dependency, in its own process so the load
// generator's work is not counted against the server's event loop), against the real app on a
// real port, configured as `revloop start` configures it (request logging at info, the default
// rate limits), with the event pipeline running behind it as in production, and again paused.
// Every 200 is sent after its event was committed; the bench checks that the rows in `events`
// equal the acknowledgements. Counterparts in the same run: the same rows written by one batched
// insert (the floor: no HTTP, one transaction), sent through /v1/batch, 100 events a request, and
// the same calls answered at once by a bare node:http server (what the client and the machine
// allow HTTP calls to reach at all).
// PGlite runs on a data folder (as the app does), not in memory.
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { buildApp } from '../src/app/build-app.js';
import { DEFAULT_RATE_LIMITS } from '../src/app/config.js';
import { insertRows } from '../src/db/bulk-insert.js';
import { openDb, type Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { eventColumns } from '../src/domains/ingest/event-writer.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';

const CONNECTIONS = Number(process.env.BENCH_TRACK_CONNECTIONS ?? 200);
const CALLS: Record<BenchBackend, number> = {
  pglite: Number(process.env.BENCH_TRACK_CALLS ?? 20_000),
  postgres: Number(process.env.BENCH_TRACK_CALLS ?? 40_000),
};

function event(id: string) {
  return {
    event: 'Content Downloaded', anonymousId: `anon-${id}`, messageId: id,
    timestamp: '2026-05-01T10:00:00.000Z', properties: { content_name: 'State of B2B 2026', url: 'https://revloop.io/ebook' },
    context: { page: { url: 'https://revloop.io/ebook', referrer: 'https://www.google.com/' }, campaign: { source: 'google', medium: 'organic' } },
  };
}

interface Cannon { duration: number; latency: { p50: number; p99: number }; non2xx: number; errors: number; timeouts: number; '2xx': number }

/** autocannon in its own process sends exactly `amount` requests and waits for every answer; [<id>] becomes a fresh id per request. */
async function cannon(url: string, key: string, body: string, connections: number, amount: number): Promise<Cannon> {
  const { stdout } = await promisify(execFile)('npx', ['--no-install', 'autocannon', '-j', '-I', '-m', 'POST', '-c', String(connections), '-a', String(amount), '-t', '60',
    '-H', `authorization=Basic ${Buffer.from(`${key}:`).toString('base64')}`, '-H', 'content-type=application/json', '-b', body, url], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout) as Cannon;
}

/** The same calls against a bare node:http server that reads the body and answers at once. */
async function bareHttpRate(body: string, calls: number): Promise<number> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/json' }).end('{"success":true}'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  try {
    const r = await cannon(`http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/track`, 'bare', body, CONNECTIONS, calls);
    return r['2xx'] / r.duration;
  } finally {
    server.close();
  }
}

async function openDbFor(backend: BenchBackend): Promise<{ db: Db; close: () => Promise<void> }> {
  if (backend === 'postgres') return openBenchDb(backend);
  const dir = mkdtempSync(join(tmpdir(), 'revloop-track-bench-'));
  const db = await openDb({ dataDir: join(dir, 'pgdata') });
  await migrate(db);
  return { db, close: async () => { await db.close(); rmSync(dir, { recursive: true, force: true }); } };
}

async function run(backend: BenchBackend, pipeline: boolean) {
  const { db, close } = await openDbFor(backend);
  const calls = CALLS[backend];
  try {
    const { id: keyId, key } = await createWriteKey(db, { name: 'bench' });
    // As `revloop start` runs it: JSON logs at info (to /dev/null here), default rate limits.
    const logStream = createWriteStream('/dev/null');
    const app = await buildApp({ db, webDist: null, processEvents: pipeline, rateLimits: DEFAULT_RATE_LIMITS, logger: { level: 'info', stream: logStream } });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const count = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM events'))[0]!.n;
    const single = JSON.stringify(event('[<id>]'));

    // Warm-up (not counted): JIT, and on PGlite the WASM's first statements.
    await cannon(`${base}/v1/track`, key, single, CONNECTIONS, 2000);
    await app.revloop.writer.idle();

    const before = await count();
    const s = await cannon(`${base}/v1/track`, key, single, CONNECTIONS, calls);
    await app.revloop.writer.idle();
    const stored = (await count()) - before;
    const singleRate = s['2xx'] / s.duration;

    const beforeBatch = await count();
    const batchBody = JSON.stringify({ batch: Array.from({ length: 100 }, (_, i) => ({ type: 'track', ...event(`b-[<id>]-${i}`) })) });
    const b = await cannon(`${base}/v1/batch`, key, batchBody, 20, Math.ceil(calls / 100));
    await app.revloop.writer.idle();
    const batchRate = ((await count()) - beforeBatch) / b.duration;
    await app.close();
    logStream.end();

    // The floor: the same rows, the same INSERT the writer runs (dedup by the message-id claim trigger), in one statement and one commit.
    const rows = Array.from({ length: calls }, (_, i) => {
      const e = event(`floor-${i}`);
      const t = new Date(e.timestamp);
      return [keyId, e.messageId, 'track', e.event, null, e.anonymousId, null, null, t, t, null, new Date(), '{}', JSON.stringify(e.properties), JSON.stringify(e.context)];
    });
    const t0 = performance.now();
    await db.tx((tx) => insertRows(tx, 'events', eventColumns, rows, { suffix: 'RETURNING write_key_id, message_id' }));
    const floorRate = calls / ((performance.now() - t0) / 1000);
    const bareRate = await bareHttpRate(single, calls);

    console.log(`\n[${backend}, pipeline ${pipeline ? 'running' : 'paused'}] ${calls.toLocaleString('en')} events`);
    console.log(`  /v1/track, one event a call, ${CONNECTIONS} keep-alive connections: ${fmt(singleRate, 0)} calls/s; latency p50 ${s.latency.p50} ms, p99 ${s.latency.p99} ms`);
    console.log(`    acknowledged ${s['2xx'].toLocaleString('en')}, rows committed ${stored.toLocaleString('en')} (${stored === s['2xx'] ? 'equal' : 'DIFFERENT'}); non-2xx ${s.non2xx}, errors ${s.errors}, timeouts ${s.timeouts}`);
    console.log(`  /v1/batch, 100 events a call, 20 connections:    ${fmt(batchRate, 0)} events/s (non-2xx ${b.non2xx}, errors ${b.errors})`);
    console.log(`  one batched INSERT of the same rows (floor):     ${fmt(floorRate, 0)} rows/s`);
    console.log(`  bare node:http server answering at once:          ${fmt(bareRate, 0)} calls/s (the HTTP ceiling of this client and machine)`);
    console.log(`  ratio single calls / batch API: ${fmt(singleRate / batchRate, 2)}   / floor: ${fmt(singleRate / floorRate, 2)}   / bare HTTP: ${fmt(singleRate / bareRate, 2)}`);
  } finally {
    await close();
  }
}

export async function main() {
  const target = { pglite: 2000, postgres: 5000 };
  console.log(`# Single /v1/track calls (target: ${target.pglite.toLocaleString('en')}/s on PGlite, ${target.postgres.toLocaleString('en')}/s on the server; load from autocannon in a separate process)`);
  for (const b of await benchBackends()) {
    for (const pipeline of [true, false]) await run(b, pipeline);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
