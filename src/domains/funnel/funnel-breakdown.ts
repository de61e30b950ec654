import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import type { ReportWindow } from '../reports/report-window.js';
import { breakdownGroups, breakdownReachSql, breakdownVelocitySql, type BreakdownBy } from './queries/funnel-breakdown.js';
import { funnelStages, type Stage } from './stages.js';

export const breakdownDimensions = Object.keys(breakdownGroups) as BreakdownBy[];

/**
 * Stage conversion and median time between stages for contacts created in the window, split by
 * cohort month, original channel, MQL type or company segment (PRODUCT.md §6), each group with
 * its sample sizes. Conversion = reached(next) / reached(this), as in the funnel report. Cohort
 * months are `zone`'s.
 */
export async function funnelBreakdown(db: Db, w: ReportWindow, by: string = 'month', zone = 'UTC') {
  if (!(breakdownDimensions as string[]).includes(by)) throw invalid([{ field: 'dimension', problem: `must be one of ${breakdownDimensions.join(', ')}` }]);
  const dim = by as BreakdownBy;
  // Only the month grouping reads the zone ($3); an unused parameter would have no type.
  const params = dim === 'month' ? [w.from, w.to, zone] : [w.from, w.to];
  const [reach, velocity] = await Promise.all([
    db.query<{ grp: string; max_pos: number; n: number }>(breakdownReachSql(dim), params),
    db.query<{ grp: string; from_stage: Stage; to_stage: Stage; n: number; median_days: number | null }>(breakdownVelocitySql(dim), params),
  ]);
  const groups = [...new Set(reach.map((r) => r.grp))].sort();
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    by: dim,
    groups: groups.map((grp) => ({ group: grp, ...funnelOf(reach.filter((r) => r.grp === grp), velocity.filter((v) => v.grp === grp)) })),
  };
}

export interface ReachRow { max_pos: number; n: number }
export interface VelocityRow { from_stage: Stage; to_stage: Stage; n: number; median_days: number | null }

/**
 * One cohort's funnel from its reach rows (contacts by furthest funnel position, 1-based) and its
 * velocity rows: how many contacts, how many reached each stage (skips count as passed through),
 * and each neighbouring conversion with its median days and sample.
 */
export function funnelOf(reach: readonly ReachRow[], velocity: readonly VelocityRow[]) {
  const reached = funnelStages.map((_, i) => reach.filter((r) => r.max_pos >= i + 1).reduce((s, r) => s + r.n, 0));
  return {
    contacts: reach.reduce((s, r) => s + r.n, 0),
    reached: Object.fromEntries(funnelStages.map((k, i) => [k, reached[i]!])) as Record<Stage, number>,
    conversions: funnelStages.slice(0, -1).map((key, i) => {
      const next = funnelStages[i + 1]!;
      const v = velocity.find((x) => x.from_stage === key && x.to_stage === next);
      return {
        from: key,
        to: next,
        rate: reached[i] ? reached[i + 1]! / reached[i]! : null,
        median_days: v?.median_days == null ? null : Math.round(Number(v.median_days) * 10) / 10,
        sample: v?.n ?? 0,
      };
    }),
  };
}
