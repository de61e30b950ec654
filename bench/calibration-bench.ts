// The calibration report old vs new, alternating on the same data: the whole report (as the
// registry runs it, its default window of the last 365 days up to the bench's moment, so both ends
// are partial days) and its two statements alone, against the statements they replaced (counts:
// src/testing/calibration-counts-previous.ts, every contact of the window joined to its actions;
// property tallies: propertyTalliesOfWindowSql, every contact of the window as it was at its
// moment). "Old" is the same code with the previous statements swapped in.
// Runs on the data reports-bench.ts kept (BENCH_KEEP=1): the server schema bench_keep_<N>_<M>
// (BENCH_SCHEMA to name another), or with BENCH_BACKEND=pglite the folder bench/.data/bench_keep_<N>_<M>.
// Opening it applies pending migrations (the first run times the rollup's backfill). Each round's
// answers must be equal, or it stops. Prints p50/p95 of both, their ratio and the load average.
//   BENCH_REPORT_CONTACTS=1000000 BENCH_REPORT_EVENTS=10000000 node --import tsx bench/calibration-bench.ts
import { loadavg } from 'node:os';
import type { Db } from '../src/db/client.js';
import { migrate } from '../src/db/migrate.js';
import { calibrationCountsSql } from '../src/domains/scoring/queries/calibration-actions.js';
import { wholeDayParams } from '../src/domains/scoring/queries/customer-cohort.js';
import { propertyTalliesOfWindowSql, propertyTalliesSql } from '../src/domains/scoring/queries/predictive-records.js';
import { runReport } from '../src/reports/report-registry.js';
import { fixedClock } from '../src/shared/clock.js';
import { previousCalibrationCountsSql } from '../src/testing/calibration-counts-previous.js';
import { alternateOldNew, fmt, oldNewLine, openKeptReportData } from './bench-db.js';

const { db: raw, name, backend, rounds: ROUNDS } = await openKeptReportData(8);
const load = () => loadavg().map((l) => l.toFixed(1)).join(' ');
const t0 = performance.now();
const applied = await migrate(raw);
if (applied.length) console.log(`# migrations ${applied.join(', ')} applied in ${fmt((performance.now() - t0) / 1000)} s, load ${load()}`);

const clock = fixedClock('2026-11-20T12:00:00Z');
const w = { from: new Date(clock.now().getTime() - 365 * 86_400_000), to: clock.now() };

/** The database as the report saw it before the rollup: the counts answered by the statement it replaced. */
function previous(d: Db): Db {
  return {
    ...d,
    async query(text: string, params?: readonly unknown[]) {
      if (text === calibrationCountsSql) return d.query(previousCalibrationCountsSql, (params ?? []).slice(0, 2)) as never;
      if (text === propertyTalliesSql) return d.query(propertyTalliesOfWindowSql, (params ?? []).slice(0, 2)) as never;
      return d.query(text, params ?? []) as never;
    },
    tx: (fn) => d.tx((t) => fn(previous(t))),
  };
}

// Rows in a fixed order: the two statements need not give them in the same one.
const sorted = (rows: readonly object[]) => rows.map((r) => JSON.stringify(r)).sort();
const cases: [string, (d: Db) => Promise<unknown>][] = [
  ['whole report', (d) => runReport(d, clock, 'calibration', {})],
  ['counts', async (d) => sorted(await d.query<object>(calibrationCountsSql, wholeDayParams(w)))],
  ['property tallies', async (d) => sorted(await d.query<object>(propertyTalliesSql, wholeDayParams(w)))],
];
const only = process.env.BENCH_ONLY;

console.log(`# Calibration ${w.from.toISOString()} – ${w.to.toISOString()}, ${name} (${backend}), ${ROUNDS} alternating rounds, load at start ${load()}`);
for (const [label, fn] of cases.filter(([l]) => !only || l.includes(only))) {
  const times = await alternateOldNew(ROUNDS, () => fn(previous(raw)), () => fn(raw));
  console.log(oldNewLine(label, 18, times));
}
await raw.close();
