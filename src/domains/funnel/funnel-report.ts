import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import { funnelOf, type CohortCountRow, type VelocityRow } from './funnel-breakdown.js';
import { funnelMovementSql, funnelSql, funnelStageDaysSql } from './queries/funnel-report.js';
import { addMonths, monthBounds, monthOf, type ReportWindow } from '../reports/report-window.js';
import { funnelStages, listStages, type Stage } from './stages.js';

/** Days the cohort spent in a stage, over the stays that ended (null when none has). */
export interface StageDays {
  median_days_in_stage: number | null;
  mean_days_in_stage: number | null;
  /** Stays in the stage that ended: what the median and mean are of. */
  stays: number;
}

export interface FunnelReport {
  from: string;
  to: string;
  /** count: the cohort now in the stage; reached: the cohort that got at least that far; moved: contacts of any age first reaching it in the window. */
  stages: ({ key: Stage; label: string; count: number; reached: number; moved: number } & StageDays)[];
  conversions: { from: Stage; to: Stage; rate: number | null; median_days: number | null; sample: number }[];
  cohorts: { month: string; created: number; reached: Partial<Record<Stage, number>> }[];
}

/**
 * The one funnel for contacts created between two months (inclusive), or in `window` exactly
 * (its cohorts then the months it touches). "Reached" counts a contact
 * at every stage up to the furthest it ever got (skips count as passed through), so conversion
 * between neighbours is reached(next) / reached(this). Months are the workspace zone's.
 */
export async function funnelReport(
  db: Db,
  opts: { from?: string; to?: string; window?: ReportWindow; channel?: string; segment?: string; now: Date; zone?: string },
): Promise<FunnelReport> {
  const zone = opts.zone ?? 'UTC';
  const last = opts.window ? monthOf(new Date(opts.window.to.getTime() - 1), zone) : opts.to ?? monthOf(opts.now, zone);
  const first = opts.window ? monthOf(opts.window.from, zone) : opts.from ?? addMonths(last, -11);
  const range = opts.window ?? { from: monthBounds(first, zone, 'from').from, to: monthBounds(last, zone, 'to').to };
  if (range.from >= range.to) throw invalid([{ field: 'from', problem: 'must not be after to' }]);
  const params = [range.from, range.to, opts.channel ?? null, opts.segment ?? null];
  // Reach rows are the counts, split further by current stage: funnelOf sums them all the same.
  const [reach, velocity, movement, labels, days] = await Promise.all([
    db.query<CohortCountRow>(funnelSql.counts, [...params, zone]),
    db.query<VelocityRow>(funnelSql.velocity, params), // over the whole cohort: no months, no zone
    db.query<{ stage: Stage; n: number }>(funnelMovementSql, params),
    listStages(db),
    db.query<{ stage: Stage; stays: number; median_days: number | null; mean_days: number | null }>(funnelStageDaysSql, params),
  ]);
  const current = funnelStages.map((stage) => ({ stage, n: reach.filter((r) => r.lifecycle_stage === stage).reduce((s, r) => s + r.n, 0) }));
  const round1 = (n: number | null | undefined) => (n === null || n === undefined ? null : Math.round(Number(n) * 10) / 10);
  const daysIn = (k: Stage): StageDays => {
    const d = days.find((x) => x.stage === k);
    return { median_days_in_stage: round1(d?.median_days), mean_days_in_stage: round1(d?.mean_days), stays: d?.stays ?? 0 };
  };
  const label = (k: Stage) => labels.find((l) => l.key === k)?.label ?? k;
  const all = funnelOf(reach, velocity);
  const stages = funnelStages.map((key) => ({ key, label: label(key), count: current.find((c) => c.stage === key)?.n ?? 0, reached: all.reached[key], moved: movement.find((m) => m.stage === key)?.n ?? 0, ...daysIn(key) }));
  const conversions = all.conversions;
  const months: string[] = [];
  for (let m = first; m <= last; m = addMonths(m, 1)) months.push(m);
  const cohorts = months.map((month) => {
    const { contacts, reached } = funnelOf(reach.filter((r) => r.grp === month), []);
    return { month, created: contacts, reached };
  });
  return { from: first, to: last, stages, conversions, cohorts };
}
