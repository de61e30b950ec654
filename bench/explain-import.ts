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
import { explainWrites, printShapes, type ExplainedShape } from './explain-writes.js';

process.env.BENCH_IMPORT_ROWS ??= process.argv[2] ?? '10000';
const { writeBenchFiles } = await import('./import-bench.js');

let shapes = new Map<string, ExplainedShape>();
const explained = (d: Db) => explainWrites(d, shapes);

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
    printShapes(shapes, '  ');
  }
} finally {
  await close();
  rmSync(dir, { recursive: true, force: true });
}
