// Events partitioned by month (migration 0030) against the unpartitioned table they replaced, in the
// same database and run: storing events in 1,000-event statements (the partitioned table claims
// each messageId in event_message_ids through a row trigger; the old table had a unique index and
// ON CONFLICT), a one-month count (pruned to one partition against an index range scan), and
// forgetting one month (the retention's detach and drop against a DELETE of the month's rows);
// then the event pipeline over the same events with 25 months of partitions against a database
// left at migration 0029 (PGlite plans every partition of a query that does not name a month).
import { openDb, quoteIdent, type Db } from '../src/db/client.js';
import { insertRows, type BulkColumn } from '../src/db/bulk-insert.js';
import { migrate, migrations } from '../src/db/migrate.js';
import { runOnServer } from '../src/db/throwaway-schema.js';
import { applyEventRetention, ensureEventPartition, utcMonthStart } from '../src/domains/ingest/event-partitions.js';
import { processPendingEvents } from '../src/domains/ingest/process-events.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, serverUrl, type BenchBackend } from './bench-db.js';

const EVENTS = Number(process.env.BENCH_EVENTS ?? 60_000);
const MONTHS = 12;
const BATCH = 1_000;
const columns: readonly BulkColumn[] = [
  ['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'],
  ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['properties', 'jsonb'], ['context', 'jsonb'],
];
const first = new Date('2025-01-01T00:00:00Z');

function rows(from: number, n: number, prefix: string): unknown[][] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const at = new Date(first.getTime() + Math.floor((i / EVENTS) * MONTHS * 30.4 * 86400_000));
    return [1, `${prefix}-${i}`, 'track', 'Content Downloaded', `anon-${i % 5000}`, at, at, '{"url":"https://revloop.io/ebook"}', '{"page":{"path":"/ebook"}}'];
  });
}

/** Seconds to store every event, BATCH at a time, each statement skipping duplicates; the last batch is sent twice. */
async function store(db: Db, table: string, suffix: string, prefix: string): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < EVENTS; i += BATCH) await db.tx((tx) => insertRows(tx, table, columns, rows(i, BATCH, prefix), { suffix }));
  const again = await db.tx((tx) => insertRows(tx, table, columns, rows(EVENTS - BATCH, BATCH, prefix), { suffix }));
  if (again.length) throw new Error(`${table}: ${again.length} duplicates stored`);
  return (performance.now() - t0) / 1000;
}

async function timed<T>(f: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const out = await f();
  return [performance.now() - t0, out];
}

async function run(backend: BenchBackend) {
  const { db, close } = await openBenchDb(backend);
  try {
    // The table as migration 0003 made it, indexes included.
    await db.exec(`CREATE TABLE events_flat (LIKE events INCLUDING DEFAULTS);
      ALTER TABLE events_flat ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY, ADD PRIMARY KEY (id);
      CREATE UNIQUE INDEX ON events_flat (write_key_id, message_id);
      CREATE INDEX ON events_flat (id) WHERE processed_at IS NULL;
      CREATE INDEX ON events_flat (contact_id, timestamp) WHERE contact_id IS NOT NULL;
      CREATE INDEX ON events_flat (anonymous_id) WHERE anonymous_id IS NOT NULL;
      CREATE INDEX ON events_flat (asset_id, timestamp) WHERE asset_id IS NOT NULL;
      CREATE INDEX ON events_flat (campaign_id, timestamp) WHERE campaign_id IS NOT NULL;
      CREATE INDEX ON events_flat (timestamp);`);
    for (let m = 0; m < MONTHS + 1; m++) await ensureEventPartition(db, utcMonthStart(first, m));

    const flat = await store(db, 'events_flat', 'ON CONFLICT (write_key_id, message_id) DO NOTHING RETURNING id', 'f');
    const parted = await store(db, 'events', 'RETURNING id', 'p');
    console.log(`${backend}: store ${EVENTS.toLocaleString('en-US')} events over ${MONTHS} months: partitioned ${fmt(EVENTS / parted, 0)}/s, ` +
      `unpartitioned ${fmt(EVENTS / flat, 0)}/s (ratio ${fmt(flat / parted, 2)})`);
    await db.exec('ANALYZE events; ANALYZE events_flat');

    const month = (t: string) => `SELECT count(*) FROM ${t} WHERE timestamp >= '2025-06-01 00:00+00' AND timestamp < '2025-07-01 00:00+00'`;
    const best = async (sql: string) => {
      let ms = Infinity;
      for (let k = 0; k < 7; k++) ms = Math.min(ms, (await timed(() => db.query(sql)))[0]);
      return ms;
    };
    const [qp, qf] = [await best(month('events')), await best(month('events_flat'))];
    console.log(`${backend}: one-month count, best of 7: partitioned ${fmt(qp, 2)} ms, unpartitioned ${fmt(qf, 2)} ms (ratio ${fmt(qp / qf, 2)})`);
    const byContact = `SELECT count(*) FROM %t WHERE anonymous_id = 'anon-42'`;
    const [ap, af] = [await best(byContact.replace('%t', 'events')), await best(byContact.replace('%t', 'events_flat'))];
    console.log(`${backend}: one visitor's events (every month), best of 7: partitioned ${fmt(ap, 2)} ms, unpartitioned ${fmt(af, 2)} ms (ratio ${fmt(ap / af, 2)})`);

    // Forget January 2025: retention with the floor reached (26 months later) against DELETE.
    const [dropMs, dropped] = await timed(() => applyEventRetention(db, utcMonthStart(first, 26), 25));
    const [deleteMs] = await timed(() => db.query(`DELETE FROM events_flat WHERE timestamp < '2025-02-01 00:00+00'`));
    console.log(`${backend}: forget one month (${dropped.join(', ')}): detach, release ids and drop ${fmt(dropMs, 0)} ms, DELETE ${fmt(deleteMs, 0)} ms (ratio ${fmt(dropMs / deleteMs, 2)})`);
  } finally {
    await close();
  }
}

const PIPELINE_EVENTS = Number(process.env.BENCH_PIPELINE_EVENTS ?? 4_000);

/** A database at migration 0029 (events not partitioned): the pipeline's counterpart. */
async function unpartitionedDb(backend: BenchBackend): Promise<{ db: Db; close: () => Promise<void> }> {
  const list = migrations.filter((m) => m.version <= 29);
  if (backend === 'pglite') {
    const db = await openDb({});
    await migrate(db, list);
    return { db, close: () => db.close() };
  }
  const schema = `bench_flat_${Date.now().toString(36)}`;
  await runOnServer(serverUrl(), `CREATE SCHEMA ${quoteIdent(schema)}`);
  const db = await openDb({ databaseUrl: serverUrl(), schema, poolSize: 4 });
  await migrate(db, list);
  return { db, close: async () => (await db.close(), await runOnServer(serverUrl(), `DROP SCHEMA ${quoteIdent(schema)} CASCADE`)) };
}

/** Events per second through processPendingEvents: visitors of 20 hits, one an hour, an identify each. */
async function pipelineRate(db: Db): Promise<number> {
  const cols: readonly BulkColumn[] = [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['anonymous_id', 'text'],
    ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb']];
  const start = Date.parse('2026-01-01T00:00:00Z');
  const all = Array.from({ length: PIPELINE_EVENTS }, (_, i) => {
    const v = Math.floor(i / 20);
    const at = new Date(start + v * 3_600_000 + (i % 20) * 60_000);
    return i % 20 === 19
      ? [1, `m${i}`, 'identify', null, `v${v}`, at, at, JSON.stringify({ email: `person${v}@company${v % 500}.com` }), '{}']
      : [1, `m${i}`, 'page', null, `v${v}`, at, at, '{}', JSON.stringify({ path: `/page-${i % 40}`, url: `https://revloop.io/page-${i % 40}` })];
  });
  for (let i = 0; i < all.length; i += 2000) await insertRows(db, 'events', cols, all.slice(i, i + 2000));
  const ctx = { db, clock: systemClock, actor: { type: 'system' as const } };
  const t0 = performance.now();
  let n = 0;
  for (let k; (k = await processPendingEvents(ctx)) > 0; ) n += k;
  return n / ((performance.now() - t0) / 1000);
}

async function pipeline(backend: BenchBackend) {
  const parted = await openBenchDb(backend);
  const flat = await unpartitionedDb(backend);
  try {
    // Two years of months kept (the retention floor) around the events' January 2026.
    for (let m = -24; m <= 2; m++) await ensureEventPartition(parted.db, utcMonthStart(new Date('2026-01-15T00:00:00Z'), m));
    const p = await pipelineRate(parted.db);
    const f = await pipelineRate(flat.db);
    console.log(`${backend}: pipeline, ${PIPELINE_EVENTS.toLocaleString('en-US')} events: 27 monthly partitions ${fmt(p, 0)} events/s, ` +
      `unpartitioned (migration 0029) ${fmt(f, 0)} events/s (ratio ${fmt(p / f, 2)})`);
  } finally {
    await parted.close();
    await flat.close();
  }
}

for (const backend of await benchBackends()) {
  await run(backend);
  await pipeline(backend);
}
