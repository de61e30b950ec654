// Events partitioned by month (migration 0030) against the unpartitioned table they replaced, in the
// same database and run: storing events in 1,000-event statements (the partitioned table claims
// each messageId in event_message_ids through a row trigger; the old table had a unique index and
// ON CONFLICT), a one-month count (pruned to one partition against an index range scan), and
// forgetting one month (the retention's detach and drop against a DELETE of the month's rows).
import type { Db } from '../src/db/client.js';
import { insertRows, type BulkColumn } from '../src/db/bulk-insert.js';
import { applyEventRetention, ensureEventPartition, utcMonthStart } from '../src/domains/ingest/event-partitions.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';

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

for (const backend of await benchBackends()) await run(backend);
