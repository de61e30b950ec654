// Does the app keep answering while the event pipeline works through a backlog? A burst of
// events is sent to /v1/batch (as a site's clients replaying after an outage would), then
// /healthz, a signed-in API read and a single /v1/track call are timed every 100 ms until the
// backlog is processed. PGlite has one connection, so this is where a long pipeline
// transaction would make every request wait (issue 11: /healthz waited 16.5 s after 5,000 events).
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createApiToken } from '../src/domains/auth/api-tokens.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const EVENTS = Number(process.env.BENCH_BURST_EVENTS ?? 5_000);
const BATCH = 100;

function batch(offset: number): unknown[] {
  return Array.from({ length: BATCH }, (_, j) => {
    const i = offset + j;
    const v = Math.floor(i / 10);
    const base = { anonymousId: `visitor-${v}`, messageId: `burst-${i}`, timestamp: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() };
    if (i % 10 === 9) return { ...base, type: 'identify', traits: { email: `person${v}@company${v % 300}.com` } };
    if (i % 10 === 4) return { ...base, type: 'track', event: 'Form Submitted', properties: { form_id: `form-${i % 7}` } };
    return { ...base, type: 'page', properties: { url: `https://revloop.io/page-${i % 40}`, path: `/page-${i % 40}` }, context: { campaign: i % 3 ? {} : { source: 'google', medium: 'cpc' } } };
  });
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  const app = await buildApp({ db, webDist: null });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const { key } = await createWriteKey(db, { name: 'bench' });
    const basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' };
    const { token } = await createApiToken(db, { name: 'bench', role: 'admin' });
    const bearer = { authorization: `Bearer ${token}` };

    const probes: Record<string, number[]> = { '/healthz': [], 'GET /api/contacts': [], 'POST /v1/track': [] };
    const pending = async () => (await db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL'))[0]!.n;
    const time = async (name: string, f: () => Promise<Response>) => {
      const s = performance.now();
      await (await f()).arrayBuffer();
      probes[name]!.push(performance.now() - s);
    };
    const t0 = performance.now();
    const ackTimes: number[] = [];
    const burst = Promise.all(Array.from({ length: EVENTS / BATCH }, async (_, b) => {
      const s = performance.now();
      const res = await fetch(`${base}/v1/batch`, { method: 'POST', headers: basic, body: JSON.stringify({ batch: batch(b * BATCH) }) });
      await res.arrayBuffer();
      ackTimes.push(performance.now() - s);
      return res.status;
    }));
    // Each probe loops on its own from the first batch on: the acks and the processing both compete with them.
    let i = 0;
    let drained = false;
    const probe = async (name: string, f: () => Promise<Response>) => {
      while (!drained) {
        await time(name, f);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const probing = Promise.all([
      probe('/healthz', () => fetch(`${base}/healthz`)),
      probe('GET /api/contacts', () => fetch(`${base}/api/contacts?limit=20`, { headers: bearer })),
      probe('POST /v1/track', () => fetch(`${base}/v1/track`, { method: 'POST', headers: basic, body: JSON.stringify({ anonymousId: 'probe', event: 'Probe', messageId: `probe-${i++}` }) })),
    ]);
    await burst;
    const ackSeconds = (performance.now() - t0) / 1000;
    while ((await pending()) > 0) await new Promise((r) => setTimeout(r, 100));
    drained = true;
    await probing;
    const acks = await burst;
    const statuses = new Map<number, number>();
    for (const s of acks) statuses.set(s, (statuses.get(s) ?? 0) + 1);
    ackTimes.sort((a, b) => a - b);
    const drainSeconds = (performance.now() - t0) / 1000;
    console.log(`\n[${backend}] ${EVENTS.toLocaleString()} events in ${EVENTS / BATCH} concurrent batches: acknowledged in ${fmt(ackSeconds, 2)} s (${[...statuses].map(([s, n]) => `${n}×${s}`).join(', ')}; one batch's ack p50 ${fmt(percentile(ackTimes, 50), 0)} ms, max ${fmt(ackTimes[ackTimes.length - 1]!, 0)} ms), all processed after ${fmt(drainSeconds, 1)} s (${fmt(EVENTS / drainSeconds, 0)} events/s)`);
    console.log(`${'probe (every 100 ms)'.padEnd(22)} ${'n'.padStart(5)} ${'p50 ms'.padStart(9)} ${'p95 ms'.padStart(9)} ${'max ms'.padStart(9)}`);
    for (const [name, xs] of Object.entries(probes)) {
      const s = [...xs].sort((a, b) => a - b);
      console.log(`${name.padEnd(22)} ${String(s.length).padStart(5)} ${fmt(percentile(s, 50)).padStart(9)} ${fmt(percentile(s, 95)).padStart(9)} ${fmt(s[s.length - 1]!).padStart(9)}`);
    }
  } finally {
    await app.close();
    await close();
  }
}

export async function main() {
  console.log(`# Responsiveness while the pipeline drains a burst of ${EVENTS.toLocaleString()} events`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
