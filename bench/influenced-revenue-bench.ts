// Influenced revenue (marketing SLA, waterfall, monthly marketing) old vs new, alternating on the
// same data: the new statement (src/domains/marketing-sla/queries/influenced-customers.ts) against
// the computation it replaced, from every attribution touchpoint (src/testing/influenced-from-touchpoints.ts).
// Runs on the data reports-bench.ts kept (BENCH_KEEP=1): the server schema bench_keep_<N>_<M>, or
// with BENCH_BACKEND=pglite the folder bench/.data/bench_keep_<N>_<M>. Prints each pair, the
// medians, their ratio and the load average; the window is the running month of the reports bench.
//   BENCH_REPORT_CONTACTS=1000000 BENCH_REPORT_EVENTS=10000000 node --import tsx bench/influenced-revenue-bench.ts
import { loadavg } from 'node:os';
import { openDb } from '../src/db/client.js';
import { influencedRevenue } from '../src/domains/marketing-sla/influenced-revenue.js';
import { influencedFromTouchpoints } from '../src/testing/influenced-from-touchpoints.js';
import { alternateOldNew, fmt, percentile, serverUrl } from './bench-db.js';

const N = Number(process.env.BENCH_REPORT_CONTACTS ?? 100_000);
const M = Number(process.env.BENCH_REPORT_EVENTS ?? 2_000_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);
const name = `bench_keep_${N}_${M}`;
const db = process.env.BENCH_BACKEND === 'pglite'
  ? await openDb({ dataDir: new URL(`./.data/${name}`, import.meta.url).pathname })
  : await openDb({ databaseUrl: serverUrl(), schema: name, poolSize: 2 });
const w = { from: new Date('2026-11-01T00:00:00Z'), to: new Date('2026-11-20T12:00:00Z') };
const goal = { revenue_goal: 400_000, marketing_influenced_share: 0.5 };
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

console.log(`# Influenced revenue, ${name} (${process.env.BENCH_BACKEND ?? 'postgres'}), load at start ${load()}`);
const times = await alternateOldNew(ROUNDS, () => influencedFromTouchpoints(db, w, goal, 365), () => influencedRevenue(db, w, goal, 365),
  (i, t) => console.log(`  round ${i + 1}: old ${fmt(t.old[i]!)} ms, new ${fmt(t.new[i]!)} ms`));
const sorted = (a: number[]) => [...a].sort((x, y) => x - y);
const [o, n] = [percentile(sorted(times.old), 50), percentile(sorted(times.new), 50)];
console.log(`  p50 old ${fmt(o)} ms, new ${fmt(n)} ms: ${(o / n).toFixed(1)}× (load at end ${load()})`);
await db.close();
