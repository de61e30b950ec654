// What the calibration rollups of migration 0039 cost the writes that keep them: the same writes
// timed with their triggers on and off, alternating, each round in a transaction rolled back (the
// data stays as it was). On the kept data of reports-bench.ts (BENCH_KEEP=1), server schema or
// PGlite folder as calibration-bench.ts (contact ids 1..N, as it generates them). The writes: events for existing contacts in batches of
// 100 (the pipeline's inserts, through contact_actions), contacts' job titles, companies' sizes
// (each reaching its contacts), and recorded changes.
//   node --import tsx bench/calibration-writes-bench.ts
import { loadavg } from 'node:os';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { alternateOldNew, fmt, openKeptReportData, percentile } from './bench-db.js';

const { db, name, backend, contacts: N, rounds: ROUNDS } = await openKeptReportData(2);
await migrate(db);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const tables = ['contact_actions', 'contact_stage_firsts', 'contacts', 'companies', 'property_changes'];
const triggers = (await db.query<{ tgname: string; table: string }>(
  `SELECT tgname, tgrelid::regclass::text AS table FROM pg_trigger WHERE tgname LIKE 'calibration\\_%' AND tgrelid::regclass::text = ANY($1)`, [tables]));
if (!triggers.length) throw new Error('no calibration triggers: is migration 0039 applied?');

class Rollback extends Error {}
/** `work` in a transaction that is rolled back, the calibration triggers on or off; its time in ms. */
async function timed(on: boolean, work: (tx: Db) => Promise<void>): Promise<number> {
  let ms = 0;
  await db.tx(async (tx) => {
    if (!on) for (const t of triggers) await tx.query(`ALTER TABLE ${t.table} DISABLE TRIGGER ${t.tgname}`);
    const t0 = performance.now();
    await work(tx);
    // The ledgers are redone when the transaction commits (migration 0042), and this one is rolled
    // back: their refresh runs here, inside the timing, as the commit would run it.
    await tx.query('SET CONSTRAINTS ALL IMMEDIATE');
    ms = performance.now() - t0;
    throw new Rollback();
  }).catch((e) => { if (!(e instanceof Rollback)) throw e; });
  return ms;
}

const cases: [string, (tx: Db, round: number) => Promise<void>][] = [
  ['2,000 events, batches of 100', async (tx, r) => {
    for (let b = 0; b < 20; b++) {
      await tx.query(`INSERT INTO events (write_key_id, message_id, type, event, contact_id, properties, timestamp, received_at, processed_at)
        SELECT 1, 'calw-' || $1 || '-' || $2 || '-' || g, (ARRAY['page', 'track'])[1 + g % 2], CASE WHEN g % 2 = 1 THEN 'Content Downloaded' END,
               1 + (g * 977 + $2::int * 31) % 90000, '{}', timestamptz '2026-11-10' + g * interval '1 minute', now(), now()
          FROM generate_series(1, 100) g`, [r, b]);
    }
  }],
  ['1,000 contacts job title', (tx, r) => tx.query(`UPDATE contacts SET job_title = 'Bench ' || $1 WHERE id IN (SELECT id FROM contacts ORDER BY id OFFSET $1::int * 1000 LIMIT 1000)`, [r]).then(() => {})],
  ['100 companies size', (tx, r) => tx.query(`UPDATE companies SET employees = COALESCE(employees, 0) + 1 WHERE id IN (SELECT id FROM companies ORDER BY id OFFSET $1::int * 100 LIMIT 100)`, [r]).then(() => {})],
];

console.log(`# Writes with the calibration triggers off (old) and on (new), ${name} (${backend}), ${ROUNDS} alternating rounds, load ${load()}`);
for (const [label, work] of cases) {
  const times = { old: [] as number[], new: [] as number[] };
  // Round i of either side writes the same rows.
  await alternateOldNew(ROUNDS, async () => { times.old.push(await timed(false, (tx) => work(tx, times.old.length))); return null; },
    async () => { times.new.push(await timed(true, (tx) => work(tx, times.new.length))); return null; });
  const s = (a: number[]) => [...a].sort((x, y) => x - y);
  const [o50, n50] = [percentile(s(times.old), 50), percentile(s(times.new), 50)];
  console.log(`  ${label.padEnd(30)} off p50 ${fmt(o50, 0).padStart(6)} ms | on p50 ${fmt(n50, 0).padStart(6)} ms | on/off ${fmt(n50 / o50, 2)} (off ${times.old.map((x) => fmt(x, 0)).join(' ')}; on ${times.new.map((x) => fmt(x, 0)).join(' ')}) load ${load()}`);
}
await db.close();
