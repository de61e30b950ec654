// The monthly marketing report old vs new, alternating on the same data: the whole report (as the
// registry runs it, lead-quality and influenced-revenue sections included) and each rewritten
// statement, against the statements they replaced (src/testing/marketing-report-previous.ts). "Old"
// is the same code with the previous statements swapped in, so the two differ in those alone.
// Runs on the data reports-bench.ts kept (BENCH_KEEP=1): the server schema bench_keep_<N>_<M>
// (BENCH_SCHEMA to name another), or with BENCH_BACKEND=pglite the folder bench/.data/bench_keep_<N>_<M>.
// Prints each round, p50/p95 of both, their ratio and the load average; the month is the reports bench's.
//   BENCH_REPORT_CONTACTS=1000000 BENCH_REPORT_EVENTS=10000000 node --import tsx bench/marketing-report-bench.ts
import { loadavg } from 'node:os';
import type { Db } from '../src/db/client.js';
import { pageAssetsSql } from '../src/domains/reports/queries/assets-report.js';
import { contentInfluenceSql } from '../src/domains/reports/queries/marketing-report.js';
import { runReport } from '../src/reports/report-registry.js';
import { fixedClock } from '../src/shared/clock.js';
import {
  previousContentInfluenceSql, previousPageAssetsSql,
} from '../src/testing/marketing-report-previous.js';
import { alternateOldNew, oldNewLine, openKeptReportData } from './bench-db.js';

const { db: raw, name, backend, rounds: ROUNDS } = await openKeptReportData(8);
const clock = fixedClock('2026-11-20T12:00:00Z');
const month = '2026-10';
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');

/** The database as the report saw it before the rewrite: each rewritten statement answered by the one it replaced. */
function previous(d: Db): Db {
  return {
    ...d,
    async query(text: string, params?: readonly unknown[]) {
      const p = params ?? [];
      if (text === pageAssetsSql) return d.query(previousPageAssetsSql, p) as never;
      if (text === contentInfluenceSql) return d.query(previousContentInfluenceSql, p) as never;
      return d.query(text, p) as never;
    },
    tx: (fn) => d.tx((t) => fn(previous(t))),
  };
}

const w = { from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') };
const cohortFrom = new Date('2025-11-01T00:00:00Z');
const cases: [string, (d: Db) => Promise<unknown>][] = [
  ['whole report', (d) => runReport(d, clock, 'marketing', { month })],
  ['landing pages', (d) => d.query(pageAssetsSql, [w.from, w.to])],
  ['content influence', (d) => d.query(contentInfluenceSql, [cohortFrom, w.to, 100])],
];
const only = process.env.BENCH_ONLY;

console.log(`# Monthly marketing report ${month}, ${name} (${backend}), ${ROUNDS} alternating rounds, load at start ${load()}`);
for (const [label, fn] of cases.filter(([l]) => !only || l.includes(only))) {
  const times = await alternateOldNew(ROUNDS, () => fn(previous(raw)), () => fn(raw));
  console.log(oldNewLine(label, 22, times));
}
await raw.close();
