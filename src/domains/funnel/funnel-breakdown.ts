import type { Db } from '../../db/client.js';
import { builtinDimensions, parseDimension, sortGroups } from '../reports/dimensions.js';
import type { ReportWindow } from '../reports/report-window.js';
import { breakdownFunnelSql } from './queries/funnel-breakdown.js';
import { funnelStages, type Stage } from './stages.js';

/**
 * Stage conversion and median time between stages for contacts created in the window, split by
 * cohort month or any dimension (src/domains/reports/dimensions.ts: channel, source detail,
 * segment, industry, country, MQL type, a contact's or company's enum property; PRODUCT.md §6),
 * each group with its sample sizes. Conversion = reached(next) / reached(this), as in the funnel
 * report. Cohort months are `zone`'s and in calendar order; other groups biggest first.
 */
export async function funnelBreakdown(db: Db, w: ReportWindow, by: string = 'month', zone = 'UTC') {
  const dim = await parseDimension(db, by, 'month', { builtins: builtinDimensions });
  // Only the month grouping reads the zone ($3); an unused parameter would have no type.
  const params = dim.usesZone ? [w.from, w.to, zone] : [w.from, w.to];
  const sql = breakdownFunnelSql((contact) => dim.sql({ contact, company: 'co', zone: '$3' }));
  // Reach rows are the counts, split further by current stage: funnelOf sums them all the same.
  const [reach, velocity] = await Promise.all([db.query<CohortCountRow>(sql.counts, params), db.query<VelocityRow & { grp: string }>(sql.velocity, params)]);
  const groups = [...new Set(reach.map((r) => r.grp))].map((grp) => ({
    group: grp,
    label: dim.labelOf(grp),
    ...funnelOf(reach.filter((r) => r.grp === grp), velocity.filter((v) => v.grp === grp)),
  }));
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    by: dim.key,
    by_label: dim.label,
    groups: sortGroups(dim, groups, (g) => g.group, (g) => g.contacts),
  };
}

/** A row of funnelOfCohortSql's counts: the cohort's contacts in a group, now in a stage, that got at most that far. */
export interface CohortCountRow { grp: string; lifecycle_stage: Stage; max_pos: number; n: number }

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
