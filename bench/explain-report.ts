// Not a benchmark: EXPLAIN ANALYZE of every statement a report runs, on a kept bench schema of the
// server (BENCH_KEEP=1 leaves one behind), to see where a slow report spends its time:
//   node --import tsx bench/explain-report.ts <report> <schema> [key=value ...]
//   e.g. node --import tsx bench/explain-report.ts marketing bench_keep_1000000_10000000 month=2026-10
// SHORT=1 prints only the nodes that took 100 ms or more. Not run by `npm run bench` (no -bench suffix).
// BENCH_BACKEND=pglite: <schema> is instead a kept PGlite folder under bench/.data/ (e.g. bench_keep_100000_2000000).
import { openDb, type Db } from '../src/db/client.js';
import { runReport } from '../src/reports/report-registry.js';
import { fixedClock } from '../src/shared/clock.js';
import { serverUrl } from './bench-db.js';

const [name, schema, ...kv] = process.argv.slice(2);
if (!name || !schema) throw new Error('usage: explain-report.ts <report> <schema> [key=value ...]');
const q = Object.fromEntries(kv.map((s) => s.split('=')));
const raw = process.env.BENCH_BACKEND === 'pglite'
  ? await openDb({ dataDir: new URL(`./.data/${schema}`, import.meta.url).pathname })
  : await openDb({ databaseUrl: serverUrl(), schema, poolSize: 2 });

const explained = (d: Db): Db => ({
  ...d,
  async query(text: string, params?: readonly unknown[]) {
    if (/^\s*(WITH|SELECT)/i.test(text)) {
      const t = performance.now();
      const plan = await d.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE) ${text}`, params);
      const lines = plan.map((r) => r['QUERY PLAN']).filter((l) => !process.env.SHORT || /actual time=\d{3,}|Planning|Execution/.test(l));
      console.log(`---- ${Math.round(performance.now() - t)} ms\n${text.slice(0, 300)}\n${lines.join('\n')}`);
    }
    return d.query(text, params as unknown[]) as never;
  },
  tx: (fn) => d.tx((t) => fn(explained(t))),
});

await runReport(explained(raw), fixedClock('2026-11-20T12:00:00Z'), name, q);
await raw.close();
