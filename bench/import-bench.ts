// CSV import throughput, every object an import takes, on PGlite and on the PostgreSQL server:
// HubSpot-style exports of companies, contacts (imported twice: create, then every row an
// update), deals and activities (about those contacts, with open SLA clocks on some of them), and
// a touch history of marketing events (page views, forms, downloads, email clicks) stored, then
// processed by the tracking pipeline. Prints rows/s per object and the heap high-water mark.
//
// BENCH_IMPORT_ROWS   contacts (default 100,000); companies are a tenth, deals a fifth,
//                     activities as many as contacts, events half as many (BENCH_IMPORT_EVENTS)
// BENCH_LOAD=N       N busy threads spin beside the import: a loaded machine, reproducibly
// BENCH_BACKEND      pglite | postgres (default both); PGlite runs in a temporary data folder, as the app does
// BENCH_WEBHOOK=1    an active webhook subscribed to every event listens during the import (each
//                    stage move is recorded as a webhook event, not sent: no worker runs here)
// BENCH_PROFILE=1    also prints the statements each import spent its time in (bench/statement-timer.ts)
//
// Each import is followed by its same-run counterpart: a raw COPY of the same file's rows into a
// table of text columns without index or trigger (the floor of moving those bytes into the
// database). On a loaded machine wall time says more about the neighbours than about the import,
// so the CPU time it used is printed too, which load moves far less: this process's (parsing,
// checking; on PGlite the database as well) and, on the server, its backend's (read from /proc:
// the bench must run on the server's machine, else only wall time is printed), with rows per CPU
// second of import and COPY and their ratio. Then the table's own floor: as many rows inserted into the real table,
// indexes and triggers included, in a transaction rolled back (tableFloor).
import { createReadStream, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { Db } from '../src/db/client.js';
import { importCsv, type ImportSummary } from '../src/domains/crm/csv-import/import-csv.js';
import type { ImportObject } from '../src/domains/crm/csv-import/header-aliases.js';
import { createUser } from '../src/domains/crm/users.js';
import { drainEvents } from '../src/domains/ingest/event-processor.js';
import { importEvents } from '../src/domains/ingest/import-events.js';
import { createWebhook } from '../src/domains/alerts/webhooks.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';
import { StatementTimer } from './statement-timer.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const COMPANIES = Math.max(1, Math.round(ROWS / 10));
const DEALS = Math.max(1, Math.round(ROWS / 5));
const ACTIVITIES = ROWS;
const EVENTS = Number(process.env.BENCH_IMPORT_EVENTS ?? Math.round(ROWS / 2));
const LOAD = Number(process.env.BENCH_LOAD ?? 0);
const WEBHOOK = process.env.BENCH_WEBHOOK === '1';
const PROFILE = process.env.BENCH_PROFILE === '1';
const stages = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'salesqualifiedlead', 'Opportunity'];
const day = (i: number) => String(1 + (i % 28)).padStart(2, '0');
const emailOf = (i: number) => `Person.${i}@${i % 7 === 0 ? 'gmail.com' : `company${i % COMPANIES}.example.com`}`;

function companiesFile(): string {
  const lines = ['Record ID,Company name,Company Domain Name,Industry,Number of Employees,Country/Region,Annual Revenue,Lifecycle Stage,Company owner,Create Date'];
  for (let i = 0; i < COMPANIES; i++) {
    lines.push([i, `Company ${i}`, `company${i}.example.com`, ['Software', 'Retail', 'Banking', 'Health'][i % 4], 10 + (i % 900), ['ES', 'DE', 'US', 'FR'][i % 4],
      1_000_000 + i, i % 3 ? 'Lead' : 'Subscriber', `rep${i % 10}@bench.test`, `2024-12-${day(i)} 09:00`].join(','));
  }
  return lines.join('\n') + '\n';
}

function contactsFile(): string {
  const lines = ['Record ID,First Name,Last Name,Email,Job Title,Phone Number,Company Name,Lifecycle Stage,Lead Status,Contact owner,Create Date,Original Source,Became a Lead Date,Became a Marketing Qualified Lead Date'];
  for (let i = 0; i < ROWS; i++) {
    const free = i % 7 === 0;
    const stage = stages[i % stages.length]!;
    lines.push([i, `First${i}`, `Last${i}`, emailOf(i), `Title ${i % 40}`, `+34 600 ${String(i).padStart(6, '0')}`, free ? '' : `Company ${i % COMPANIES}`,
      stage, i % 2 ? 'OPEN' : 'ATTEMPTED_TO_CONTACT', `rep${i % 10}@bench.test`, `2025-01-${day(i)} 10:00`, 'Organic Search',
      i % 5 >= 1 ? `2025-02-${day(i)} 10:00` : '', i % 5 >= 2 ? `2025-03-${day(i)} 10:00` : ''].join(','));
  }
  return lines.join('\n') + '\n';
}

function dealsFile(): string {
  const dealStages = ['appointmentscheduled', 'Demo', 'Proposal', 'closedwon', 'closedlost', 'Negotiation'];
  const lines = ['Deal Name,Pipeline,Deal Stage,Amount,Close Date,Deal owner,Associated Contact Email,Company Domain Name,Create Date,Closed Lost Reason'];
  for (let i = 0; i < DEALS; i++) {
    const c = (i * 5) % ROWS;
    const stage = dealStages[i % dealStages.length]!;
    lines.push([`Deal ${i}`, 'Sales pipeline', stage === 'appointmentscheduled' ? 'Discovery' : stage, 5000 + (i % 50) * 1000, `2025-06-${day(i)}`, `rep${i % 10}@bench.test`,
      emailOf(c), c % 7 === 0 ? '' : `company${c % COMPANIES}.example.com`, `2025-04-${day(i)} 11:00`, stage === 'closedlost' ? 'Price' : ''].join(','));
  }
  return lines.join('\n') + '\n';
}

function activitiesFile(): string {
  const kinds = [['Call', 'Outbound', 'Connected'], ['Email', 'Outbound', ''], ['Call', 'Outbound', 'No answer'], ['Meeting', 'Outbound', 'Completed'], ['Email', 'Inbound', '']];
  const lines = ['Activity Type,Direction,Outcome,Subject,Contact Email,Activity assigned to,Activity Date,Call Duration'];
  for (let i = 0; i < ACTIVITIES; i++) {
    const [type, direction, outcome] = kinds[i % kinds.length]!;
    lines.push([type, direction, outcome, `Touch ${i}`, emailOf((i * 3) % ROWS), `rep${i % 10}@bench.test`, `2025-03-${day(i)} ${String(8 + (i % 10)).padStart(2, '0')}:15`,
      type === 'Call' ? 60 + (i % 600) : ''].join(','));
  }
  return lines.join('\n') + '\n';
}

/**
 * A GA4-style touch history: visitors of ten page views in bursts a minute apart, one in five
 * filling a form (half of them contacts the CRM import made, half new people), downloads and
 * email clicks by email only.
 */
function eventsFile(): string {
  const lines = ['event_name,event_timestamp,user_pseudo_id,email,page_location,page_referrer,source,medium,campaign,form_id,asset'];
  const start = Date.parse('2025-01-01T08:00:00Z');
  const referrers = ['https://www.google.com/', 'https://www.linkedin.com/', '', 'https://partner.example.org/'];
  for (let i = 0; i < EVENTS; i++) {
    const v = Math.floor(i / 10);
    const at = (start + v * 3_600_000 + (i % 10) * 60_000) * 1000;
    const email = v % 2 ? emailOf((v * 7) % ROWS) : `visitor${v}@new${v % 500}.example.net`;
    const k = i % 10;
    if (k === 4 && v % 5 === 0) lines.push(['form_submit', at, `anon-${v}`, email, 'https://revloop.io/contact', '', '', '', '', 'contact-us', ''].join(','));
    else if (k === 7 && v % 5 === 0) lines.push(['file_download', at, '', email, '', '', '', '', '', '', 'State of B2B'].join(','));
    else if (k === 9 && v % 10 === 0) lines.push(['email_click', at, '', email, '', '', '', '', '', '', ''].join(','));
    else {
      const paid = k === 0 && v % 3 === 0;
      lines.push(['page_view', at, `anon-${v}`, '', `https://revloop.io/page-${i % 40}`, k === 0 ? referrers[v % referrers.length] : 'https://revloop.io/', paid ? 'google' : '', paid ? 'cpc' : '', paid ? 'brand' : '', '', ''].join(','));
    }
  }
  return lines.join('\n') + '\n';
}

/** CPU burners beside the import: the "loaded machine" of the issue, the same every run. */
function startLoad(n: number): () => Promise<void> {
  const workers = Array.from({ length: n }, () => new Worker('let x = 0; for (;;) x = (x * 31 + 7) % 1000003;', { eval: true }));
  return async () => {
    await Promise.all(workers.map((w) => w.terminate()));
  };
}

interface Timed {
  object: string;
  rows: number;
  seconds: number;
  note: string;
}

let rawTables = 0;

/** CPU seconds (user + system) a server backend has used, from /proc; null when it is not on this machine. */
function backendCpu(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return null;
  }
}

/** Counts the CPU of the server backends the wrapped Db's transactions run on (an import runs in one). */
class CpuMeter {
  private start = new Map<number, number | null>();

  wrap(db: Db): Db {
    return {
      ...db,
      tx: (fn) => db.tx(async (tx) => {
        if (tx.kind === 'postgres') {
          const [{ pid }] = (await tx.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')) as [{ pid: number }];
          if (!this.start.has(pid)) this.start.set(pid, backendCpu(pid));
        }
        return fn(tx);
      }),
    };
  }

  /** Server CPU seconds since each backend was first seen; null on PGlite or a server elsewhere. */
  seconds(): number | null {
    let sum = 0;
    for (const [pid, t0] of this.start) {
      const t1 = backendCpu(pid);
      if (t0 === null || t1 === null) return null;
      sum += t1 - t0;
    }
    return this.start.size ? sum : null;
  }
}

const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
};

interface Cost {
  wall: number;
  /** This process's CPU seconds. */
  client: number;
  /** The server backend's CPU seconds (null on PGlite, whose work is in `client`). */
  server: number | null;
}

const cpuOf = (c: Cost) => c.client + (c.server ?? 0);

/** The same-run floor: the file's data rows COPYed as they are into a bare table of text columns. */
async function rawCopy(db: Db, file: string): Promise<Cost> {
  const text = readFileSync(file, 'utf8');
  const body = text.slice(text.indexOf('\n') + 1);
  const width = text.slice(0, text.indexOf('\n')).split(',').length;
  const table = `bench_raw_${++rawTables}`;
  const columns = Array.from({ length: width }, (_, i) => `c${i}`);
  await db.exec(`CREATE TABLE ${table} (${columns.map((c) => `${c} text`).join(', ')})`);
  const meter = new CpuMeter();
  const [t0, c0] = [performance.now(), cpuNow()];
  await meter.wrap(db).tx((tx) => tx.copyCsv(table, columns, body));
  const cost = { wall: (performance.now() - t0) / 1000, client: cpuNow() - c0, server: meter.seconds() };
  await db.exec(`DROP TABLE ${table}`);
  return cost;
}

/** Thrown to roll a floor's transaction back. */
class RolledBack {}

/**
 * The table's own floor, in the same run: as many rows as the import created, made in SQL and
 * inserted into the real table, with its indexes, constraints and triggers, then rolled back. It is
 * what writing those rows costs the database before any import logic, stage history, company
 * roll-up or lookup: how far an import can get, whatever its code does, while the table stays as
 * it is. Deals and activities are spread over the contacts already there, as the import's are.
 */
const tableFloors: Partial<Record<ImportObject, (n: number) => string>> = {
  companies: (n) => `INSERT INTO companies (name, domain, industry, employees, country, lifecycle_stage, created_at)
    SELECT 'Floor ' || i, 'floor' || i || '.example.org', 'Software', 10 + i % 900, 'ES', 'lead', now() FROM generate_series(1, ${n}) i`,
  contacts: (n) => `INSERT INTO contacts (email, email_normalized, first_name, last_name, job_title, phone, lifecycle_stage, lead_status, original_source, latest_source, properties, created_at)
    SELECT e, lower(e), 'First' || i, 'Last' || i, 'Title ' || i % 40, '+34 700 ' || i, 'lead', 'new', 'Organic Search', 'Organic Search', '{}', now()
      FROM generate_series(1, ${n}) i, LATERAL (SELECT 'Floor.' || i || '@floor' || i % 1000 || '.example.org' AS e) x`,
  deals: (n) => `INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, company_id, created_at)
    SELECT 'Floor ' || c.rn, (SELECT id FROM pipelines WHERE is_default), 'discovery', 5000, c.id, c.company_id, now()
      FROM (SELECT id, company_id, row_number() OVER (ORDER BY id) AS rn FROM contacts LIMIT ${n}) c`,
  activities: (n) => `INSERT INTO activities (type, direction, outcome, subject, contact_id, occurred_at)
    SELECT 'call', 'outbound', 'Connected', 'Floor ' || i, c.id, now()
      FROM generate_series(1, ${n}) i
      JOIN (SELECT id, row_number() OVER (ORDER BY id) AS rn FROM contacts) c ON c.rn = 1 + i % (SELECT count(*) FROM contacts)`,
};

async function tableFloor(db: Db, object: ImportObject, n: number): Promise<Cost | null> {
  const make = tableFloors[object];
  if (!make || n === 0) return null;
  const meter = new CpuMeter();
  const [t0, c0] = [performance.now(), cpuNow()];
  let cost: Cost | null = null;
  await meter.wrap(db).tx(async (tx) => {
    await tx.query(make(n));
    cost = { wall: (performance.now() - t0) / 1000, client: cpuNow() - c0, server: meter.seconds() };
    throw new RolledBack();
  }).catch((err: unknown) => {
    if (!(err instanceof RolledBack)) throw err;
  });
  return cost;
}

async function timeImport(db: Db, object: ImportObject, file: string, label: string = object): Promise<Timed> {
  const timer = PROFILE ? new StatementTimer() : null;
  const meter = new CpuMeter();
  const ctx = { db: meter.wrap(timer ? timer.wrap(db) : db), clock: systemClock, actor: { type: 'import' as const } };
  let heapPeak = process.memoryUsage().heapUsed;
  const [t0, c0] = [performance.now(), cpuNow()];
  const s: ImportSummary = await importCsv(ctx, object, createReadStream(file), { onBatch: () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)) });
  const cost: Cost = { wall: (performance.now() - t0) / 1000, client: cpuNow() - c0, server: meter.seconds() };
  const raw = await rawCopy(db, file);
  const floor = await tableFloor(db, object, s.created);
  if (timer) console.log(`  ${label}: ${fmt(timer.total / 1000)} s in statements of ${fmt(cost.wall)} s\n${timer.report()}`);
  const perCpu = (c: Cost) => fmt(s.rows / cpuOf(c), 0);
  const cpu = `CPU ${fmt(cpuOf(cost))} s (${cost.server === null ? 'one process' : `client ${fmt(cost.client)} + server ${fmt(cost.server)}`}) = ${perCpu(cost)} rows/CPU-s`;
  return {
    object: label, rows: s.rows, seconds: cost.wall,
    note: `${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged; ${cpu}; raw COPY ${fmt(s.rows / raw.wall, 0)} rows/s, ${perCpu(raw)} rows/CPU-s; ` +
      `import/COPY ${fmt((raw.wall / cost.wall) * 100)}% wall, ${fmt((cpuOf(raw) / cpuOf(cost)) * 100)}% CPU; ` +
      (floor ? `the ${s.created.toLocaleString()} rows inserted into the table alone (indexes, triggers; rolled back) ${fmt(s.created / floor.wall, 0)} rows/s, ${fmt(s.created / cpuOf(floor), 0)} rows/CPU-s, import/table ${fmt((floor.wall / cost.wall) * 100)}% wall, ${fmt((cpuOf(floor) / cpuOf(cost)) * 100)}% CPU; ` : '') +
      `heap peak ${fmt(heapPeak / 1024 / 1024, 0)} MB`,
  };
}

async function run(backend: BenchBackend, files: Record<string, string>): Promise<void> {
  // PGlite as the app runs it (a data folder), not in memory.
  const { db, close } = await openBenchDb(backend, { onDisk: true });
  const stopLoad = startLoad(LOAD);
  try {
    for (let r = 0; r < 10; r++) await createUser(db, { email: `rep${r}@bench.test`, name: `Rep ${r}`, role: 'sales_rep' });
    if (WEBHOOK) await createWebhook(db, { url: 'https://hooks.bench.test/revloop' }, { clock: systemClock, actor: { type: 'import' } });
    const print = (t: Timed) => console.log(`[${backend}${LOAD ? `, ${LOAD} busy threads` : ''}] ${t.object.padEnd(18)} ${t.rows.toLocaleString().padStart(8)} rows in ${fmt(t.seconds).padStart(6)} s = ${fmt(t.rows / t.seconds, 0).padStart(7)} rows/s (${t.note})`);
    print(await timeImport(db, 'companies', files.companies!));
    print(await timeImport(db, 'contacts', files.contacts!, 'contacts (create)'));
    print(await timeImport(db, 'contacts', files.contacts!, 'contacts (update)'));
    // Open SLA clocks on a fifth of the contacts, so activities do the trigger's real work.
    await db.query(
      `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due,
                                    attempts_required, attempts_risk_at, attempts_due)
       SELECT c.id, c.owner_id, '2025-03-01', 'bench', 'bench', '{}', '2025-03-01 03:00', '2025-03-01 04:00', 8, '2025-03-12', '2025-03-15'
         FROM contacts c WHERE c.id % 5 = 0 AND c.owner_id IS NOT NULL`,
    ).catch((err: Error) => console.log(`(no SLA clocks: ${err.message})`));
    print(await timeImport(db, 'deals', files.deals!));
    print(await timeImport(db, 'activities', files.activities!));
    // Events: stored (short transactions of 1,000 rows), then processed by the pipeline, timed apart.
    const ctx = { db, clock: systemClock, actor: { type: 'import' as const } };
    let t0 = performance.now();
    const s = await importEvents(ctx, createReadStream(files.events!));
    const stored = (performance.now() - t0) / 1000;
    print({ object: 'events (stored)', rows: s.rows, seconds: stored, note: `${s.stored} stored, ${s.failed} refused` });
    t0 = performance.now();
    const n = await drainEvents(ctx);
    const processed = (performance.now() - t0) / 1000;
    print({ object: 'events (processed)', rows: n, seconds: processed, note: 'identity, visits, channels, assets, campaigns, rollups, scoring' });
    print({ object: 'events (both)', rows: s.rows, seconds: stored + processed, note: 'stored, then processed' });
    const [hooked] = await db.query<{ events: number; deliveries: number }>(
      'SELECT (SELECT count(*) FROM integration_events)::int AS events, (SELECT count(*) FROM deliveries WHERE event_id IS NOT NULL)::int AS deliveries');
    console.log(`[${backend}] webhook events recorded: ${hooked!.events.toLocaleString()} (${hooked!.deliveries.toLocaleString()} deliveries)${WEBHOOK ? '' : '; no webhook listened'}`);
  } finally {
    await stopLoad();
    await close();
  }
}

/** The bench's files in `dir` (also for profiling one import alone). */
export function writeBenchFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, make] of Object.entries({ companies: companiesFile, contacts: contactsFile, deals: dealsFile, activities: activitiesFile, events: eventsFile })) {
    files[name] = join(dir, `${name}.csv`);
    writeFileSync(files[name]!, make());
  }
  return files;
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'revloop-import-bench-'));
  try {
    const files = writeBenchFiles(dir);
    const size = (f: string) => `${fmt(statSync(f).size / 1024 / 1024)} MB`;
    console.log(`CSV import: ${COMPANIES.toLocaleString()} companies (${size(files.companies!)}), ${ROWS.toLocaleString()} contacts (${size(files.contacts!)}), ` +
      `${DEALS.toLocaleString()} deals (${size(files.deals!)}), ${ACTIVITIES.toLocaleString()} activities (${size(files.activities!)}), ` +
      `${EVENTS.toLocaleString()} events (${size(files.events!)}); ` +
      `load average before: ${loadavg().map((l) => fmt(l, 2)).join(' ')} on ${cpus().length} cores${LOAD ? `; ${LOAD} busy threads beside it (loaded)` : ''}`);
    for (const backend of await benchBackends()) await run(backend, files);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
