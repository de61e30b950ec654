// CSV import throughput: a 100k-row HubSpot-style contacts export (owners, work and free-mail
// emails, stage dates) imported into an empty database, then imported again (every row an
// update), on PGlite and on the PostgreSQL server. Prints rows/s and the heap high-water mark.
import { createReadStream, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importCsv } from '../src/domains/crm/csv-import/import-csv.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { benchBackends, fmt, openBenchDb, type BenchBackend } from './bench-db.js';

const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 100_000);
const stages = ['Subscriber', 'Lead', 'Marketing Qualified Lead', 'salesqualifiedlead', 'Opportunity'];

function writeFile(path: string): void {
  const lines = ['Record ID,First Name,Last Name,Email,Job Title,Phone Number,Company Name,Lifecycle Stage,Lead Status,Contact owner,Create Date,Original Source,Became a Lead Date,Became a Marketing Qualified Lead Date'];
  for (let i = 0; i < ROWS; i++) {
    const free = i % 7 === 0;
    const domain = free ? 'gmail.com' : `company${i % 10_000}.example.com`;
    const stage = stages[i % stages.length]!;
    const day = String(1 + (i % 28)).padStart(2, '0');
    lines.push([i, `First${i}`, `Last${i}`, `Person.${i}@${domain}`, `Title ${i % 40}`, `+34 600 ${String(i).padStart(6, '0')}`, free ? '' : `Company ${i % 10_000}`,
      stage, i % 2 ? 'OPEN' : 'ATTEMPTED_TO_CONTACT', `rep${i % 10}@bench.test`, `2025-01-${day} 10:00`, 'Organic Search',
      i % 5 >= 1 ? `2025-02-${day} 10:00` : '', i % 5 >= 2 ? `2025-03-${day} 10:00` : ''].join(','));
  }
  writeFileSync(path, lines.join('\n') + '\n');
}

async function run(backend: BenchBackend, file: string): Promise<void> {
  const { db, close } = await openBenchDb(backend);
  try {
    for (let r = 0; r < 10; r++) await createUser(db, { email: `rep${r}@bench.test`, name: `Rep ${r}`, role: 'sales_rep' });
    const ctx = { db, clock: systemClock, actor: { type: 'import' as const } };
    for (const pass of ['create', 'update'] as const) {
      let heapPeak = process.memoryUsage().heapUsed;
      const t0 = performance.now();
      const s = await importCsv(ctx, 'contacts', createReadStream(file), { onBatch: () => (heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed)) });
      const seconds = (performance.now() - t0) / 1000;
      console.log(`[${backend}] ${pass} pass: ${s.rows.toLocaleString()} rows (${s.created} created, ${s.updated} updated, ${s.unchanged} unchanged) in ${fmt(seconds)} s = ` +
        `${fmt(s.rows / seconds, 0)} rows/s; heap peak ${fmt(heapPeak / 1024 / 1024, 0)} MB`);
    }
  } finally {
    await close();
  }
}

export async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'revloop-import-bench-'));
  const file = join(dir, 'contacts.csv');
  try {
    writeFile(file);
    console.log(`CSV import: ${ROWS.toLocaleString()} HubSpot-style contact rows, ${fmt(statSync(file).size / 1024 / 1024)} MB`);
    for (const backend of await benchBackends()) await run(backend, file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
