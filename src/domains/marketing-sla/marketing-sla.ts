import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import { requireGoalForMonth } from '../goals/goals.js';
import { valuesForMonth } from './mql-value.js';
import { addMonths, daysOfMonth, monthBounds } from '../reports/report-window.js';
import { monthMqlsSql, typeMixSql } from './queries/month-mqls.js';

export const paces = ['linear', 'working_days'] as const;
export type Pace = (typeof paces)[number];


/**
 * Marketing's commitment for a month (PRODUCT.md §4) and its daily lead waterfall: the target in
 * money (revenue goal × marketing's share), the same as a count of MQLs for the recent type mix,
 * what was delivered so far (each MQL at its type's value for the month), and day by day the
 * cumulative value against the pace that meets the target — linear, or by working days (Mon–Fri)
 * — with the status today and the month-end projection at the current pace. Days are `zone`'s.
 */
export async function leadWaterfall(db: Db, clock: Clock, month: string, pace: Pace = 'linear', zone = 'UTC') {
  if (!(paces as readonly string[]).includes(pace)) throw invalid([{ field: 'pace', problem: `must be one of ${paces.join(', ')}` }]);
  const { from, to } = monthBounds(month, zone);
  const goal = await requireGoalForMonth(db, month);
  const now = clock.now();
  // Judged at `now`: a past day's dashboard or a pack built after its meeting must not count the
  // MQLs that came later in the month (nor later the same day), or its figures change with time.
  const until = now < to ? (now > from ? now : from) : to;
  const [values, byDay, mix] = await Promise.all([
    valuesForMonth(db, clock, month, zone),
    db.query<{ day: string; mql_type: string; mqls: number }>(monthMqlsSql, [from, until, zone]),
    // The type mix of the three months before: a month just begun has no mix of its own yet.
    db.query<{ mql_type: string; mqls: number }>(typeMixSql, [monthBounds(addMonths(month, -3), zone).from, from]),
  ]);
  const valueOf = (t: string) => values.get(t)?.value ?? 0;
  const targetValue = goal.revenue_goal * goal.marketing_sourced_share;
  const mixTotal = mix.reduce((s, m) => s + m.mqls, 0);
  const avgValue = mixTotal ? mix.reduce((s, m) => s + m.mqls * valueOf(m.mql_type), 0) / mixTotal : null;

  const monthDays = daysOfMonth(month, zone);
  const days = monthDays.length;
  const isWorking = (i: number) => monthDays[i]!.weekday !== 0 && monthDays[i]!.weekday !== 6;
  const workingTotal = Array.from({ length: days }, (_, i) => i).filter(isWorking).length;
  let workingSoFar = 0;
  let count = 0;
  let value = 0;
  // Whole days gone plus the share of today gone (a DST day has 23 or 25 hours).
  const today = monthDays.findIndex((d) => now >= d.start && now < d.end);
  const elapsedDays = now >= to ? days : today < 0 ? 0 : today + (now.getTime() - monthDays[today]!.start.getTime()) / (monthDays[today]!.end.getTime() - monthDays[today]!.start.getTime());
  const series = monthDays.map(({ day, start }, i) => {
    if (isWorking(i)) workingSoFar++;
    const fraction = pace === 'linear' ? (i + 1) / days : workingSoFar / workingTotal;
    const rows = byDay.filter((r) => r.day === day);
    const dayCount = rows.reduce((s, r) => s + r.mqls, 0);
    const dayValue = rows.reduce((s, r) => s + r.mqls * valueOf(r.mql_type), 0);
    count += dayCount;
    value += dayValue;
    const past = start.getTime() < now.getTime();
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
