// Full rescore of N contacts with M events (and the time per 1M events extrapolated), and the
// delay from an event's arrival at the tracking API to the contact's updated score and stage, on
// PGlite and on the PostgreSQL server. Data is generated in SQL so the rescore is what is timed.
// BENCH_KEEP=1 keeps the generated data (PGlite folder bench/.data/, server schema
// bench_keep_score_N_M) and reuses it on the next run; BENCH_GENERATE_ONLY=1 stops after generating.
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app/build-app.js';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import type { Db } from '../src/db/client.js';
import { analyzeTables } from '../src/db/analyze-tables.js';
import { rescoreAll, scoreContacts, scoreQueued, SERVER_STEPS_IN_FLIGHT } from '../src/domains/scoring/score-contacts.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openGeneratedDb, percentile, type BenchBackend } from './bench-db.js';

const CONTACTS = Number(process.env.BENCH_SCORE_CONTACTS ?? 100_000);
const EVENTS = Number(process.env.BENCH_SCORE_EVENTS ?? 2_000_000);
const GENERATE_ONLY = process.env.BENCH_GENERATE_ONLY === '1';
// BENCH_SCORE_QUICK=1: the first full rescore and its raw counterparts only (what a 1M run has time for).
const QUICK = process.env.BENCH_SCORE_QUICK === '1';

async function generate(db: Db) {
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
    `);
  // This schema's tables only: a bare ANALYZE on the server's shared test database reads every schema in it.
  await analyzeTables(db);
}

async function run(backend: BenchBackend) {
  // The events are written last: contacts without them are a stopped run's half.
  const { db, close, generatedSeconds } = await openGeneratedDb(backend, `bench_keep_score_${CONTACTS}_${EVENTS}`, 'events', generate);
  try {
    if (generatedSeconds !== null) console.log(`\n[${backend}] generated ${CONTACTS.toLocaleString()} contacts and ${EVENTS.toLocaleString()} events in ${fmt(generatedSeconds)} s`);
    else console.log(`\n[${backend}] reusing the kept ${CONTACTS.toLocaleString()} contacts and ${EVENTS.toLocaleString()} events`);
    if (GENERATE_ONLY) return;
    // Every run starts unscored, kept data too: the first pass writes every score and history line.
    await db.exec('TRUNCATE contact_scores, contact_score_history, contact_suppressions, contact_predictions, score_queue');
    const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
    await profileStep(db, ctx.clock);
    const t1 = performance.now();
    const r = await rescoreAll(ctx, { advance: false });
    const s = (performance.now() - t1) / 1000;
    const inFlight = backend === 'postgres' ? SERVER_STEPS_IN_FLIGHT : 1;
    console.log(`  full rescore (${inFlight} step${inFlight > 1 ? 's' : ''} in flight): ${r.scored.toLocaleString()} contacts in ${fmt(s)} s = ${fmt(r.scored / s, 0)} contacts/s, ${fmt(EVENTS / s, 0)} events/s; ${fmt((s * 1_000_000) / EVENTS)} s per 1M events; 1M contacts ≈ ${fmt((s * 1_000_000) / r.scored, 0)} s`);
    if (QUICK) {
      await printCounterparts(db, s);
      return;
    }
    // Again, nothing having changed: what every later pass costs (the score history writes only changes).
    const t2 = performance.now();
    await rescoreAll(ctx, { advance: false });
    const again = (performance.now() - t2) / 1000;
    console.log(`  second full rescore (nothing changed): ${fmt(again)} s = ${fmt(r.scored / again, 0)} contacts/s`);
    // What saving a model does: everyone queued in one statement, the event processor taking the
    // queue 2,000 at a time (scoreQueued); Settings shows the queue's length as the progress.
    const tq = performance.now();
    await db.query('INSERT INTO score_queue (contact_id) SELECT id FROM contacts ON CONFLICT DO NOTHING');
    let queued = 0;
    for (let k; (k = await scoreQueued(ctx, { advance: false })) > 0; ) queued += k;
    const viaQueue = (performance.now() - tq) / 1000;
    console.log(`  through the queue (one step at a time, as the event processor takes it): ${fmt(viaQueue)} s = ${fmt(queued / viaQueue, 0)} contacts/s`);
    // Counterparts in the same run: the same pass one step after the other, the raw read of the
    // same actions, and a bare UPDATE of every contact's score columns.
    if (process.env.BENCH_SCORE_SERIAL !== '0') {
      const ids = (await db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((x) => x.id);
      const t3 = performance.now();
      for (let i = 0; i < ids.length; i += 2000) await scoreContacts(ctx, ids.slice(i, i + 2000), { advance: false, chunkSize: 2000 });
      const serial = (performance.now() - t3) / 1000;
      console.log(`  the same pass one step at a time: ${fmt(serial)} s = ${fmt(r.scored / serial, 0)} contacts/s (in flight ${fmt(serial / again, 2)}× faster)`);
    }
    await printCounterparts(db, s);
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

/** The raw read of the same actions and a bare UPDATE of every score row, against the rescore's `s` seconds. */
async function printCounterparts(db: Db, s: number) {
  const t4 = performance.now();
  const [read] = await db.query<{ n: number }>(
    `SELECT count(*) AS n FROM (SELECT contact_id, count(*) FROM events e WHERE event_is_action(e.type, e.properties) AND e.timestamp <= now() GROUP BY contact_id) x`,
  );
  const rawRead = (performance.now() - t4) / 1000;
  const t5 = performance.now();
  await db.query('UPDATE contact_scores SET fit = fit, interest = interest, quadrant = quadrant, scored_at = now()');
  const rawUpdate = (performance.now() - t5) / 1000;
  console.log(`  raw read of the actions (GROUP BY contact, ${Number(read!.n).toLocaleString()} contacts): ${fmt(rawRead)} s; bare UPDATE of every score row: ${fmt(rawUpdate)} s; rescore / (read + update) = ${fmt(s / (rawRead + rawUpdate), 1)}×`);
}

/**
 * One step of 2,000 contacts with every statement timed: where a step's time goes (SQL reads,
 * SQL writes, and the JavaScript scoring in between, which is what is left).
 */
async function profileStep(db: Db, clock: typeof systemClock) {
  const spent = new Map<string, { ms: number; n: number }>();
  const label = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 60);
  // Statements inside a transaction (a step's claim on its contacts, on the server) are timed too.
  const timedDb = (d: Db): Db => ({
    kind: d.kind,
    exec: (text) => d.exec(text),
    copyCsv: (table, columns, csv) => d.copyCsv(table, columns, csv),
    close: () => d.close(),
    async query<T>(text: string, params?: readonly unknown[]) {
      const t = performance.now();
      try {
        return await d.query<T>(text, params);
      } finally {
        const e = spent.get(label(text)) ?? spent.set(label(text), { ms: 0, n: 0 }).get(label(text))!;
        e.ms += performance.now() - t;
        e.n++;
      }
    },
    tx: (fn) => d.tx((tx) => fn(timedDb(tx))),
  });
  const timed = timedDb(db);
  const ids = (await db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id LIMIT 2000')).map((x) => x.id);
  const t = performance.now();
  await scoreContacts({ db: timed, clock, actor: { type: 'system' } }, ids, { advance: false, chunkSize: 2000 });
  const all = performance.now() - t;
  const sql = [...spent.values()].reduce((a, e) => a + e.ms, 0);
  console.log(`  one step of ${ids.length.toLocaleString()} contacts: ${fmt(all, 0)} ms = SQL ${fmt(sql, 0)} ms + JavaScript ${fmt(all - sql, 0)} ms`);
  for (const [k, e] of [...spent].sort((a, b) => b[1].ms - a[1].ms).slice(0, 8)) console.log(`    ${fmt(e.ms, 0).padStart(6)} ms ×${e.n}  ${k}`);
}

export async function main() {
  console.log(`# Scoring: full rescore at ${CONTACTS.toLocaleString()} contacts / ${EVENTS.toLocaleString()} events, and event-to-MQL delay`);
  for (const b of await benchBackends()) await run(b);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
