// Full rescore of N contacts with M events (and the time per 1M events extrapolated), and the
// delay from an event's arrival at the tracking API to the contact's updated score and stage, on
// PGlite and on the PostgreSQL server. Data is generated in SQL so the rescore is what is timed.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { rescoreAll } from '../src/domains/scoring/score-contacts.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, percentile, type BenchBackend } from './bench-db.js';

const CONTACTS = Number(process.env.BENCH_SCORE_CONTACTS ?? 100_000);
const EVENTS = Number(process.env.BENCH_SCORE_EVENTS ?? 2_000_000);

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    const t0 = performance.now();
    const per = Math.max(1, Math.round(EVENTS / CONTACTS));
    await db.exec(`
      INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage)
        SELECT 'Co ' || g, 'co' || g || '.example.com', (ARRAY['Software','Retail','Financial Services','Manufacturing'])[1 + g % 4], (g * 37) % 5000,
               (ARRAY['US','ES','GB','MX'])[1 + g % 4], 'small', 'lead' FROM generate_series(1, ${Math.ceil(CONTACTS / 10)}) g;
      INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, created_at, updated_at)
        SELECT 'p' || g || '@co' || (1 + g % ${Math.ceil(CONTACTS / 10)}) || '.example.com', 'p' || g || '@co' || (1 + g % ${Math.ceil(CONTACTS / 10)}) || '.example.com',
               (ARRAY['VP Marketing','Analyst','CFO','Student','Head of Sales'])[1 + g % 5], 1 + g % ${Math.ceil(CONTACTS / 10)}, 'lead', now() - interval '200 days', now()
          FROM generate_series(1, ${CONTACTS}) g;
      DELETE FROM score_queue;
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
        SELECT 1, 'b' || g, CASE WHEN g % 10 < 7 THEN 'page' ELSE 'track' END,
               CASE WHEN g % 10 < 7 THEN NULL ELSE (ARRAY['Form Submitted','Content Downloaded','Webinar Registered'])[1 + g % 3] END,
               1 + (g / ${per}) % ${CONTACTS}, now() - ((g % 180) * interval '1 day'), now(), now()
          FROM generate_series(1, ${EVENTS}) g;
      ANALYZE;
    `);
    console.log(`\n[${backend}] generated ${CONTACTS.toLocaleString()} contacts and ${EVENTS.toLocaleString()} events in ${fmt((performance.now() - t0) / 1000)} s`);
    const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
    const t1 = performance.now();
    const r = await rescoreAll(ctx, { advance: false });
    const s = (performance.now() - t1) / 1000;
    console.log(`  full rescore: ${r.scored.toLocaleString()} contacts in ${fmt(s)} s = ${fmt(r.scored / s, 0)} contacts/s, ${fmt(EVENTS / s, 0)} events/s; ${fmt((s * 1_000_000) / EVENTS)} s per 1M events`);
    // Again, nothing having changed: what every later pass costs (the score history writes only changes).
    const t2 = performance.now();
    await rescoreAll(ctx, { advance: false });
    const again = (performance.now() - t2) / 1000;
    console.log(`  second full rescore (nothing changed): ${fmt(again)} s = ${fmt(r.scored / again, 0)} contacts/s`);

    // Delay: an event through the tracking API until the contact's score (and stage) reflect it.
    const { key } = await createWriteKey(db, { name: 'bench' });
    const app = await buildApp({ db, webDist: null });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const delays: number[] = [];
    for (let i = 0; i < 10; i++) {
      const email = `delay${i}@bench.example.com`;
      const sent = performance.now();
      const res = await fetch(`${base}/v1/track`, {
        method: 'POST', headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}`, 'content-type': 'application/json' },
        body: JSON.stringify({ anonymousId: `d${i}`, event: 'Contact Sales Requested', properties: { email }, messageId: `delay-${Date.now()}-${i}` }),
      });
      if (res.status !== 200) throw new Error(`tracking call answered ${res.status}`);
      for (;;) {
        const [row] = await db.query<{ stage: string }>(`SELECT c.lifecycle_stage AS stage FROM contacts c JOIN contact_scores s ON s.contact_id = c.id WHERE c.email_normalized = $1`, [email]);
        if (row?.stage === 'mql') break;
        if (performance.now() - sent > 30_000) throw new Error('no MQL after 30 s');
        await new Promise((r) => setTimeout(r, 5));
      }
      delays.push(performance.now() - sent);
    }
    delays.sort((a, b) => a - b);
    console.log(`  event → scored MQL: p50 ${fmt(percentile(delays, 50), 0)} ms, max ${fmt(delays[delays.length - 1]!, 0)} ms (10 tracking calls, each a contact-sales request)`);
    await app.close();
  } finally {
    await close();
  }
}

export async function main() {
  console.log(`# Scoring: full rescore at ${CONTACTS.toLocaleString()} contacts / ${EVENTS.toLocaleString()} events, and event-to-MQL delay`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
