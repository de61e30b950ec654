// Not a benchmark: each statement of a report timed ALONE (the report's Promise.all made serial),
// on a kept bench schema of the server or a kept PGlite folder, to say which statements a slow
// report's time goes to before the side-by-side run mixes them up:
//   node --import tsx bench/report-statements.ts <report> <schema> [key=value ...]
//   e.g. BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/k1m node --import tsx bench/report-statements.ts marketing bench_keep_1000000_10000000 month=2026-10
// BENCH_BACKEND=pglite: <schema> is a kept PGlite folder under bench/.data/. BENCH_ROUNDS (default 3)
// runs of the report; each statement's times are printed in order, slowest first, with the load.
import { loadavg } from 'node:os';
import { openDb, type Db } from '../src/db/client.js';
import { runReport } from '../src/reports/report-registry.js';
import { fixedClock } from '../src/shared/clock.js';
import { serverUrl } from './bench-db.js';

const [name, schema, ...kv] = process.argv.slice(2);
if (!name || !schema) throw new Error('usage: report-statements.ts <report> <schema> [key=value ...]');
const q = Object.fromEntries(kv.map((s) => s.split('=')));
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const raw = process.env.BENCH_BACKEND === 'pglite'
  ? await openDb({ dataDir: new URL(`./.data/${schema}`, import.meta.url).pathname })
  : await openDb({ databaseUrl: serverUrl(), schema, poolSize: 2 });

const times = new Map<string, number[]>();
let queue: Promise<unknown> = Promise.resolve();
// One statement at a time: each waits for the one before, so its time is its own.
const serial = (d: Db): Db => ({
  ...d,
  query(text: string, params?: readonly unknown[]) {
    const run = queue.then(async () => {
      const t = performance.now();
      try {
        return await d.query(text, params as unknown[]);
      } finally {
        const shape = text.replace(/\s+/g, ' ').trim().slice(0, 120);
        times.set(shape, [...(times.get(shape) ?? []), performance.now() - t]);
      }
    });
    queue = run.catch(() => undefined);
    return run as never;
  },
  tx: (fn) => d.tx((t) => fn(serial(t))),
});

const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
console.log(`# ${name} ${JSON.stringify(q)} on ${schema}: each statement alone, ${rounds} rounds, load at start ${load()}`);
for (let i = 0; i < rounds; i++) await runReport(serial(raw), fixedClock('2026-11-20T12:00:00Z'), name, q);
const rows = [...times].map(([shape, t]) => ({ shape, t, sum: t.reduce((a, b) => a + b, 0) / rounds })).sort((a, b) => b.sum - a.sum);
for (const r of rows) console.log(`${r.sum.toFixed(0).padStart(7)} ms/run  [${r.t.map((x) => x.toFixed(0)).join(' ')}]  ${r.shape}`);
console.log(`total ${rows.reduce((a, r) => a + r.sum, 0).toFixed(0)} ms per run; load at end ${load()}`);
await raw.close();
