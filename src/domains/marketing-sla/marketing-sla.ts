import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import { requireGoalForMonth } from '../goals/goals.js';
import { monthBounds, valuesForMonth } from './mql-value.js';
import { monthMqlsSql, typeMixSql } from './queries/month-mqls.js';

export const paces = ['linear', 'working_days'] as const;
export type Pace = (typeof paces)[number];

const DAY = 86400_000;

/**
 * Marketing's commitment for a month (PRODUCT.md §4) and its daily lead waterfall: the target in
 * money (revenue goal × marketing's share), the same as a count of MQLs for the recent type mix,
 * what was delivered so far (each MQL at its type's value for the month), and day by day the
 * cumulative value against the pace that meets the target — linear, or by working days (Mon–Fri)
 * — with the status today and the month-end projection at the current pace. Days are UTC days.
 */
export async function leadWaterfall(db: Db, clock: Clock, month: string, pace: Pace = 'linear') {
  if (!(paces as readonly string[]).includes(pace)) throw invalid([{ field: 'pace', problem: `must be one of ${paces.join(', ')}` }]);
  const goal = await requireGoalForMonth(db, month);
  const { from, to } = monthBounds(month);
  const now = clock.now();
  const [values, byDay, mix] = await Promise.all([
    valuesForMonth(db, clock, month),
    db.query<{ day: string; mql_type: string; mqls: number }>(monthMqlsSql, [from, to]),
    // The type mix of the three months before: a month just begun has no mix of its own yet.
    db.query<{ mql_type: string; mqls: number }>(typeMixSql, [new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() - 3, 1)), from]),
  ]);
  const valueOf = (t: string) => values.get(t)?.value ?? 0;
  const targetValue = goal.revenue_goal * goal.marketing_sourced_share;
  const mixTotal = mix.reduce((s, m) => s + m.mqls, 0);
  const avgValue = mixTotal ? mix.reduce((s, m) => s + m.mqls * valueOf(m.mql_type), 0) / mixTotal : null;

  const days = Math.round((to.getTime() - from.getTime()) / DAY);
  const isWorking = (i: number) => {
    const wd = new Date(from.getTime() + i * DAY).getUTCDay();
    return wd !== 0 && wd !== 6;
  };
  const workingTotal = Array.from({ length: days }, (_, i) => i).filter(isWorking).length;
  let workingSoFar = 0;
  let count = 0;
  let value = 0;
  const elapsedDays = Math.max(0, Math.min(days, (now.getTime() - from.getTime()) / DAY));
  const series = Array.from({ length: days }, (_, i) => {
    const day = new Date(from.getTime() + i * DAY).toISOString().slice(0, 10);
    if (isWorking(i)) workingSoFar++;
    const fraction = pace === 'linear' ? (i + 1) / days : workingSoFar / workingTotal;
    const rows = byDay.filter((r) => r.day === day);
    const dayCount = rows.reduce((s, r) => s + r.mqls, 0);
    const dayValue = rows.reduce((s, r) => s + r.mqls * valueOf(r.mql_type), 0);
    count += dayCount;
    value += dayValue;
    const past = from.getTime() + i * DAY < now.getTime();
    return { day, mqls: past ? dayCount : null, value: past ? round2(dayValue) : null, cumulative_mqls: past ? count : null, cumulative_value: past ? round2(value) : null, pace_value: round2(targetValue * fraction), pace_fraction: fraction };
  });
  // Where the pace line is now (within today, by the share of the day gone).
  const fractionNow = (() => {
    if (elapsedDays <= 0) return 0;
    if (elapsedDays >= days) return 1;
    if (pace === 'linear') return elapsedDays / days;
    const whole = Math.floor(elapsedDays);
    const before = Array.from({ length: whole }, (_, i) => i).filter(isWorking).length;
    return (before + (isWorking(whole) ? elapsedDays - whole : 0)) / workingTotal;
  })();
  const paceNow = targetValue * fractionNow;
  const ratio = paceNow > 0 ? value / paceNow : null;
  const status = ratio === null ? 'not_started' : ratio < 0.95 ? 'behind' : ratio > 1.05 ? 'ahead' : 'on_track';
  return {
    month,
    pace,
    goal,
    target: { value: round2(targetValue), mqls: avgValue ? Math.ceil(targetValue / avgValue) : null, average_value_per_mql: avgValue === null ? null : round2(avgValue), mix: mix.map((m) => ({ ...m, value: valueOf(m.mql_type) })) },
    delivered: { mqls: count, value: round2(value), share_of_target: targetValue ? value / targetValue : null },
    by_type: [...new Set(byDay.map((r) => r.mql_type))].map((t) => {
      const n = byDay.filter((r) => r.mql_type === t).reduce((s, r) => s + r.mqls, 0);
      return { mql_type: t, mqls: n, value_per_mql: valueOf(t), value: round2(n * valueOf(t)), value_source: values.get(t)?.source ?? 'default' };
    }),
    today: { pace_value: round2(paceNow), ratio, status },
    projection: { value: fractionNow > 0 ? round2(value / fractionNow) : null, share_of_target: fractionNow > 0 && targetValue ? value / fractionNow / targetValue : null },
    days: series,
  };
}

const round2 = (n: number) => Math.round(n * 100) / 100;
