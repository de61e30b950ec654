// Old against new, alternating on one copy of the data: the lead-quality and MQL-definition reports
// as they were (src/testing/lead-quality-previous.ts: every episode sent to Node) and as they are
// (the mql_episodes rollup of migration 0037, counted in SQL). On a kept bench schema of the server
// or a kept PGlite folder (BENCH_KEEP=1 of reports-bench.ts leaves one behind):
//   node --import tsx bench/lead-quality-bench.ts <schema>      (BENCH_BACKEND=pglite: a folder under bench/.data/)
// Opening it applies pending migrations, so the first run times the rollup's backfill. Each pair's
// answers must be equal, or it stops. Not run by `npm run bench` (no -bench suffix in the name).
import { loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { openDb } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { leadQualityReport, mqlDefinitionPerformance } from '../src/domains/reports/lead-quality.js';
import { previousLeadQualityReport, previousMqlDefinitionPerformance } from '../src/testing/lead-quality-previous.js';
import { fmt, percentile, serverUrl } from './bench-db.js';

const [schema] = process.argv.slice(2);
if (!schema) throw new Error('usage: lead-quality-bench.ts <schema>');
const RUNS = Number(process.env.BENCH_REPORT_RUNS ?? 5);
const db = process.env.BENCH_BACKEND === 'pglite'
  ? await openDb({ dataDir: new URL(`./.data/${schema}`, import.meta.url).pathname })
  : await openDb({ databaseUrl: serverUrl(), schema, poolSize: 2 });
let t = performance.now();
const applied = await migrate(db);
if (applied.length) console.log(`migrations ${applied.join(', ')} applied in ${fmt((performance.now() - t) / 1000)} s`);

// The reports' default windows at the bench's moment: six and twelve months before November 2026.
const asOf = new Date('2026-11-20T12:00:00Z');
const to = new Date('2026-11-01T00:00:00Z');
const cases = [
  { name: 'lead quality', w: { from: new Date('2026-05-01T00:00:00Z'), to }, old: (w: { from: Date; to: Date }) => previousLeadQualityReport(db, w, { asOf }), now: (w: { from: Date; to: Date }) => leadQualityReport(db, w, { asOf }) },
  { name: 'MQL definition', w: { from: new Date('2025-11-01T00:00:00Z'), to }, old: (w: { from: Date; to: Date }) => previousMqlDefinitionPerformance(db, w, { asOf }), now: (w: { from: Date; to: Date }) => mqlDefinitionPerformance(db, w, { asOf }) },
];
console.log(`# old vs new, alternating, ${RUNS} runs each, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
for (const c of cases) {
  const times = { old: [] as number[], now: [] as number[] };
  for (let i = 0; i < RUNS; i++) {
    const order = i % 2 ? (['now', 'old'] as const) : (['old', 'now'] as const);
    const answers: Record<string, unknown> = {};
    for (const which of order) {
      t = performance.now();
      answers[which] = await c[which](c.w);
      times[which].push(performance.now() - t);
    }
    if (!isDeepStrictEqual(answers.old, answers.now)) throw new Error(`${c.name}: the answers differ\nold ${JSON.stringify(answers.old)}\nnew ${JSON.stringify(answers.now)}`);
  }
  for (const k of ['old', 'now'] as const) times[k].sort((a, b) => a - b);
  const p = (k: 'old' | 'now', q: number) => percentile(times[k], q);
  console.log(`  ${c.name.padEnd(16)} old p50 ${fmt(p('old', 50), 0).padStart(7)} p95 ${fmt(p('old', 95), 0).padStart(7)} ms   new p50 ${fmt(p('now', 50), 0).padStart(7)} p95 ${fmt(p('now', 95), 0).padStart(7)} ms   ${fmt(p('old', 50) / p('now', 50), 1)}× p50, same answers`);
}
console.log(`# load after ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await db.close();
