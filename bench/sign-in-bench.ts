// Sign-in under attack, over real HTTP: (1) does a wrong password take as long for an unknown email as
// for a known one (else the timing tells which emails exist), and (2) do 40 concurrent wrong sign-ins
// leave the rest of the server responsive (/healthz latency while they run)?
// Each attempt comes from its own address (X-Forwarded-For from the trusted loopback proxy) and each
// known email is tried at most 3 times, so the sign-in throttle does not cut the measurement short.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { hashPassword } from '../src/domains/auth/password.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 30);
const CONCURRENT = Number(process.env.BENCH_CONCURRENT ?? 40);

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  const app = await buildApp({ db, webDist: null, processEvents: false, trustProxy: '127.0.0.1', rateLimits: false });
  try {
    const hash = await hashPassword('the-right-passphrase-42');
    await db.query(`INSERT INTO users (name, email, role, password_hash) SELECT 'User ' || g, 'user' || g || '@bench.test', 'viewer', $1 FROM generate_series(1, $2::int) g`, [hash, ROUNDS + CONCURRENT]);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    let ip = 0;
    const attempt = async (email: string, password = 'not-the-password') => {
      ip++;
      const t0 = performance.now();
      const res = await fetch(`${base}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `10.${(ip >> 16) & 255}.${(ip >> 8) & 255}.${ip & 255}` },
        body: JSON.stringify({ email, password }),
      });
      await res.arrayBuffer();
      return { ms: performance.now() - t0, status: res.status };
    };
    await attempt('warm-up@bench.test');
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 1; i <= ROUNDS; i++) {
      known.push((await attempt(`user${i}@bench.test`)).ms);
      unknown.push((await attempt(`nobody${i}@bench.test`)).ms);
    }
    known.sort((a, b) => a - b);
    unknown.sort((a, b) => a - b);
    console.log(`\n[${backend}] wrong password, ${ROUNDS} each: known email p50 ${fmt(percentile(known, 50))} ms (p95 ${fmt(percentile(known, 95))}), ` +
      `unknown email p50 ${fmt(percentile(unknown, 50))} ms (p95 ${fmt(percentile(unknown, 95))}); ratio ${fmt(percentile(known, 50) / percentile(unknown, 50), 2)}`);

    // /healthz every 20 ms while CONCURRENT wrong sign-ins run at once.
    const health: number[] = [];
    let done = false;
    const poll = (async () => {
      while (!done) {
        const t0 = performance.now();
        await (await fetch(`${base}/healthz`)).arrayBuffer();
        health.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 20));
      }
    })();
    const t0 = performance.now();
    const flood = Promise.all(Array.from({ length: CONCURRENT }, (_, i) => attempt(`user${ROUNDS + 1 + i}@bench.test`)));
    // Someone who knows their password, arriving just after the flood started.
    await new Promise((r) => setTimeout(r, 50));
    const legit = await attempt('user1@bench.test', 'the-right-passphrase-42');
    const results = await flood;
    const wall = performance.now() - t0;
    done = true;
    await poll;
    health.sort((a, b) => a - b);
    const statuses = results.reduce<Record<number, number>>((acc, r) => ({ ...acc, [r.status]: (acc[r.status] ?? 0) + 1 }), {});
    const slowest = Math.max(...results.map((r) => r.ms));
    console.log(`[${backend}] ${CONCURRENT} concurrent wrong sign-ins: all answered in ${fmt(wall)} ms (slowest ${fmt(slowest)} ms; statuses ${JSON.stringify(statuses)}); ` +
      `/healthz meanwhile (${health.length} calls) p50 ${fmt(percentile(health, 50))} ms, max ${fmt(health[health.length - 1] ?? NaN)} ms; ` +
      `a right password meanwhile: ${legit.status} in ${fmt(legit.ms)} ms`);
  } finally {
    await app.close();
    await close();
  }
}

export async function main(): Promise<void> {
  for (const backend of await benchBackends()) await run(backend);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
