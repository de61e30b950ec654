// Not a benchmark: EXPLAIN ANALYZE of every INSERT and UPDATE the CSV imports run on the server,
// summed per statement shape with the time each trigger took, to see where an import spends it
// (pg_stat_statements is not installed):
//   node --import tsx bench/explain-import.ts [rows]
// Runs the import bench's files (companies, contacts twice, deals, activities) on a throwaway schema.
// Not run by `npm run bench` (no -bench suffix).
import { createReadStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Db } from '../src/db/client.js';
import { importCsv } from '../src/domains/crm/csv-import/import-csv.js';
import type { ImportObject } from '../src/domains/crm/csv-import/header-aliases.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { openBenchDb } from './bench-db.js';

process.env.BENCH_IMPORT_ROWS ??= process.argv[2] ?? '10000';
const { writeBenchFiles } = await import('./import-bench.js');

type Shape = { calls: number; ms: number; nodes: Map<string, number> };
let shapes = new Map<string, Shape>();

const explained = (d: Db): Db => ({
  ...d,
  async query(text: string, params?: readonly unknown[]) {
    if (!/^\s*(INSERT|UPDATE|DELETE)/i.test(text) || /RETURNING/i.test(text)) return d.query(text, params as unknown[]) as never;
    const plan = (await d.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${text}`, params)).map((r) => r['QUERY PLAN']);
    const shape = text.replace(/\s+/g, ' ').trim().slice(0, 70);
    const s = shapes.get(shape) ?? { calls: 0, ms: 0, nodes: new Map() };
    s.calls++;
    for (const line of plan) {
      const exec = /^Execution Time: ([\d.]+)/.exec(line);
      if (exec) s.ms += Number(exec[1]);
      const trig = /^Trigger (.+?)(?: on \S+)?: time=([\d.]+)/.exec(line);
      if (trig) s.nodes.set(`trigger ${trig[1]}`, (s.nodes.get(`trigger ${trig[1]}`) ?? 0) + Number(trig[2]));
      const top = /^(?:\S.*?) \(actual time=[\d.]+\.\.([\d.]+)/.exec(line);
      if (top && !line.startsWith(' ')) s.nodes.set('statement itself', (s.nodes.get('statement itself') ?? 0) + Number(top[1]));
    }
    shapes.set(shape, s);
    return [] as never;
  },
  tx: (fn) => d.tx((t) => fn(explained(t))),
});

const dir = mkdtempSync(join(tmpdir(), 'revloop-explain-import-'));
const { db, close } = await openBenchDb('postgres');
try {
  const files = writeBenchFiles(dir);
  for (let r = 0; r < 10; r++) await createUser(db, { email: `rep${r}@bench.test`, name: `Rep ${r}`, role: 'sales_rep' });
  const steps: [ImportObject, string][] = [['companies', 'companies'], ['contacts', 'contacts'], ['contacts', 'contacts'], ['deals', 'deals'], ['activities', 'activities']];
  for (const [object, file] of steps) {
    if (object === 'deals') {
      await db.query(`INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due,
                                    attempts_required, attempts_risk_at, attempts_due)
       SELECT c.id, c.owner_id, '2025-03-01', 'bench', 'bench', '{}', '2025-03-01 03:00', '2025-03-01 04:00', 8, '2025-03-12', '2025-03-15'
         FROM contacts c WHERE c.id % 5 = 0 AND c.owner_id IS NOT NULL`);
    }
    shapes = new Map();
    const t0 = performance.now();
    const s = await importCsv({ db: explained(db), clock: systemClock, actor: { type: 'import' } }, object, createReadStream(files[file]!));
    console.log(`== ${object}: ${s.rows} rows in ${Math.round(performance.now() - t0)} ms (explained)`);
    for (const [shape, v] of [...shapes].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`  ${v.ms.toFixed(0).padStart(7)} ms ${String(v.calls).padStart(4)}×  ${shape}`);
      for (const [node, ms] of [...v.nodes].sort((a, b) => b[1] - a[1])) console.log(`           ${ms.toFixed(0).padStart(7)} ms  ${node}`);
    }
  }
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
