import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { closedDealsSql, quotasSql, repsSql } from './queries/sales-report.js';
import { quarterOf } from '../goals/goals.js';
import { addMonths, daysOfMonth, daysOfWindow, monthBounds, monthOf, type ReportWindow } from './report-window.js';
import { NO_VALUE, parseDimension, sortGroups, type Dimension } from './dimensions.js';
import { Cell, num, pct } from '../../shared/report-cells.js';
import { listDealReasons, UNSPECIFIED_REASON } from '../crm/deal-reasons.js';


interface ClosedDeal {
  id: number;
  outcome: 'won' | 'lost';
  amount: number;
  owner_id: number | null;
  lost_reason: string | null;
  day: string;
  segment: string;
  source: string;
  /** The deal's value of the report's dimension. */
  dim: string;
  lead_days: number | null;
  mql_days: number | null;
}

export interface CycleStats {
  /** Won deals whose cycle could be measured. */
  deals: number;
  median_days: number | null;
  mean_days: number | null;
}
export interface CycleGroup extends CycleStats {
  /** median_days − the overall median: positive is slower than average. */
  vs_average: number | null;
}
export interface Cycle {
  overall: CycleStats & {
    /** Won deals without a usable start (no contact, no MQL moment, or a start after the close). */
    unmeasured: number;
  };
  by_segment: (CycleGroup & { segment: string })[];
  by_source: (CycleGroup & { source: string })[];
  /** By the report's dimension (`dimension`), biggest group first. */
  by_dimension: (CycleGroup & DimensionValue)[];
}

/** A group of the report's dimension: its value (as filtered on) and what it reads as. */
export interface DimensionValue {
  value: string;
  label: string;
}

export interface QuotaSource {
  total: number | null;
  /**
   * 'month' when set for the month, 'quarter' when a third of the quarter's; null when neither.
   * Over a window of several months: the one kind all its months' quotas are, else 'mixed'.
   */
  source: 'month' | 'quarter' | 'mixed' | null;
  /** Each month the window touches: its quota, where it comes from and the share of it in the window. */
  months: { month: string; total: number | null; source: 'month' | 'quarter' | null; share: number }[];
}

/**
 * The sales report (PRODUCT.md §6) for a `YYYY-MM` month or any window [from, to), days and
 * months in `zone`:
 * - quota: a month's team quotas summed, else its rep quotas summed; a month without any takes a
 *   third of its quarter's (team, else rep) — as goalForMonth does for revenue goals. A window
 *   takes each month it touches by the share of the month inside it (a whole month: all of it);
 * - waterfall: revenue won day by day, cumulative against the linear pace to the quota, with the
 *   share reached, the gap, and the end-of-period projection at the current pace (like leadWaterfall);
 * - cycle: for deals won in the period, days from the contact's lead moment and MQL moment to the
 *   win, median and mean, overall and by segment, source and `dimension` (src/domains/reports/
 *   dimensions.ts, default segment) against the overall median;
 * - win_loss: deals closed won or lost in the period, lost ones by reason, and all by `dimension`;
 * - reps: each owner's results, with their own quota (by month as above).
 * Fallbacks for imported data are documented in queries/sales-report.ts. A period without a quota
 * is still reported: quota, pace, reached and gap are then null.
 */
export async function salesReport(db: Db, clock: Clock, period: string | ReportWindow, zone = 'UTC', dimension?: string) {
  const month = typeof period === 'string' ? period : null;
  const { from, to } = month === null ? (period as ReportWindow) : monthBounds(month, zone);
  const months: string[] = [];
  if (month !== null) months.push(month);
  else for (let m = monthOf(from, zone); monthBounds(m, zone).from < to; m = addMonths(m, 1)) months.push(m);
  const now = clock.now();
  const dim = await parseDimension(db, dimension, 'segment');
  const [deals, quotas] = await Promise.all([
    db.query<ClosedDeal>(closedDealsSql((a) => dim.sql(a)), [from, to, zone]),
    db.query<{ period: string; user_id: number | null; team: string | null; amount: number }>(quotasSql, [[...new Set([...months, ...months.map(quarterOf)])]]),
  ]);

  // Quotas, month by month: the month's own plan wins whole; else a third of the quarter's.
  const totalOf = (qs: typeof quotas) => {
    const teams = qs.filter((q) => q.team !== null);
    return sum((teams.length ? teams : qs).map((q) => q.amount));
  };
  const plans = months.map((m) => {
    const bounds = monthBounds(m, zone);
    const inside = Math.min(bounds.to.getTime(), to.getTime()) - Math.max(bounds.from.getTime(), from.getTime());
    const own = quotas.filter((q) => q.period === m);
    const quarter = quotas.filter((q) => q.period === quarterOf(m));
    return { month: m, share: Math.max(0, inside) / (bounds.to.getTime() - bounds.from.getTime()), own, quarter };
  });
  const monthQuotas = plans.map((p) => ({
    month: p.month,
    share: p.share,
    ...(p.own.length ? { total: round2(totalOf(p.own)), source: 'month' as const } : p.quarter.length ? { total: round2(totalOf(p.quarter) / 3), source: 'quarter' as const } : { total: null, source: null }),
  }));
  const planned = monthQuotas.filter((q) => q.total !== null);
  const kinds = [...new Set(planned.map((q) => q.source))];
  const quota: QuotaSource = {
    total: planned.length ? round2(sum(planned.map((q) => q.total! * q.share))) : null,
    source: kinds.length === 0 ? null : kinds.length === 1 ? kinds[0]! : 'mixed',
    months: monthQuotas.map((q) => ({ ...q, share: Math.round(q.share * 10_000) / 10_000 })),
  };
  const repQuota = (userId: number): number | null => {
    const parts = plans.flatMap((p) => {
      const own = p.own.find((q) => q.user_id === userId);
      if (own) return [own.amount * p.share];
      const q = p.quarter.find((x) => x.user_id === userId);
      return q ? [(q.amount / 3) * p.share] : [];
    });
    return parts.length ? round2(sum(parts)) : null;
  };

  const won = deals.filter((d) => d.outcome === 'won');
  const lost = deals.filter((d) => d.outcome === 'lost');
  const closed = sum(won.map((d) => d.amount));

  // The waterfall, mirroring the marketing one: days not begun yet have no figures.
  const monthDays = month === null ? daysOfWindow({ from, to }, zone) : daysOfMonth(month, zone);
  const days = monthDays.length;
  const target = quota.total;
  let cumulative = 0;
  const series = monthDays.map(({ day, start }, i) => {
    const today = won.filter((d) => d.day === day);
    const revenue = sum(today.map((d) => d.amount));
    cumulative += revenue;
    const past = start.getTime() < now.getTime();
    return {
      day,
      won_deals: past ? today.length : null,
      revenue: past ? round2(revenue) : null,
      cumulative_revenue: past ? round2(cumulative) : null,
      pace: target === null ? null : round2((target * (i + 1)) / days),
    };
  });
  const fractionNow = Math.max(0, Math.min(1, (now.getTime() - from.getTime()) / (to.getTime() - from.getTime())));
  const paceNow = target === null ? null : target * fractionNow;
  const ratio = paceNow ? closed / paceNow : null;
  const projected = fractionNow > 0 ? closed / fractionNow : null;

  const reasons = new Map<string, { deals: number; amount: number }>();
  const lostReasons = (await listDealReasons(db)).lost;
  // Codes of the lost reasons list (deal-reasons.ts), read with their labels.
  const reasonLabel = (code: string) => (code === UNSPECIFIED_REASON ? 'Unspecified' : lostReasons.find((r) => r.code === code)?.label ?? code);
  for (const d of lost) {
    const reason = d.lost_reason?.trim() || UNSPECIFIED_REASON;
    const r = reasons.get(reason) ?? { deals: 0, amount: 0 };
    r.deals++;
    r.amount += d.amount;
    reasons.set(reason, r);
  }

  const byDimension = new Map<string, { won: number; lost: number; revenue: number; lost_amount: number }>();
  for (const d of deals) {
    const g = byDimension.get(d.dim) ?? { won: 0, lost: 0, revenue: 0, lost_amount: 0 };
    if (d.outcome === 'won') {
      g.won++;
      g.revenue += d.amount;
    } else {
      g.lost++;
      g.lost_amount += d.amount;
    }
    byDimension.set(d.dim, g);
  }

  const ownerIds = [...new Set([...deals.map((d) => d.owner_id), ...plans.flatMap((p) => [...p.own, ...p.quarter]).map((q) => q.user_id)].filter((id): id is number => id !== null))];
  const users = ownerIds.length ? await db.query<{ id: number; name: string; team: string | null }>(repsSql, [ownerIds]) : [];
  const owners: (number | null)[] = [...ownerIds, ...(deals.some((d) => d.owner_id === null) ? [null] : [])];
  const reps = owners.map((ownerId) => {
    const user = users.find((u) => u.id === ownerId);
    const w = won.filter((d) => d.owner_id === ownerId);
    const l = lost.filter((d) => d.owner_id === ownerId);
    const revenue = sum(w.map((d) => d.amount));
    const q = ownerId === null ? null : repQuota(ownerId);
    return {
      owner_id: ownerId,
      name: user?.name ?? null,
      team: user?.team ?? null,
      won_deals: w.length,
      revenue: round2(revenue),
      quota: q,
      reached: q ? revenue / q : null,
      lost_deals: l.length,
      win_rate: w.length + l.length ? w.length / (w.length + l.length) : null,
      avg_deal: w.length ? round2(revenue / w.length) : null,
      median_cycle_days: roundOrNull(median(w.flatMap((d) => measured(d.lead_days)))),
    };
  }).sort((a, b) => b.revenue - a.revenue || b.won_deals - a.won_deals || (a.name ?? '\uffff').localeCompare(b.name ?? '\uffff'));

  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    dimension: { key: dim.key, label: dim.label },
    quota,
    waterfall: {
      days: series,
      closed: round2(closed),
      reached: target ? closed / target : null,
      gap: target === null ? null : round2(target - closed),
      today: { pace: paceNow === null ? null : round2(paceNow), ratio, status: ratio === null ? (target === null ? 'no_quota' : 'not_started') : ratio < 0.95 ? 'behind' : ratio > 1.05 ? 'ahead' : 'on_track' },
      projection: { revenue: projected === null ? null : round2(projected), reached: projected !== null && target ? projected / target : null },
    },
    cycle: {
      lead_to_customer: cycle(won, (d) => d.lead_days, dim),
      mql_to_customer: cycle(won, (d) => d.mql_days, dim),
    },
    win_loss: {
      won: { deals: won.length, revenue: round2(closed) },
      lost: { deals: lost.length, amount: round2(sum(lost.map((d) => d.amount))) },
      win_rate: deals.length ? won.length / deals.length : null,
      by_reason: [...reasons].map(([reason, r]) => ({ reason, label: reasonLabel(reason), deals: r.deals, amount: round2(r.amount) }))
        .sort((a, b) => b.deals - a.deals || b.amount - a.amount || a.reason.localeCompare(b.reason)),
      by_dimension: sortGroups(dim, [...byDimension].map(([value, g]) => ({
        value, label: dim.labelOf(value), won: g.won, lost: g.lost, revenue: round2(g.revenue), lost_amount: round2(g.lost_amount), win_rate: g.won / (g.won + g.lost),
      })), (g) => g.value, (g) => g.won + g.lost),
    },
    reps,
  };
}

export type SalesReport = Awaited<ReturnType<typeof salesReport>>;

/** A cycle that can be measured: known and not negative (a start after the win is bad data). */
const measured = (days: number | null): number[] => (days !== null && days >= 0 ? [days] : []);

function cycle(won: ClosedDeal[], daysOf: (d: ClosedDeal) => number | null, dim: Dimension): Cycle {
  const all = won.flatMap((d) => measured(daysOf(d)));
  const overallMedian = median(all);
  const byDim = new Map<string, number[]>();
  for (const d of won) for (const v of measured(daysOf(d))) byDim.set(d.dim, [...(byDim.get(d.dim) ?? []), v]);
  const byDimension = [...byDim].map(([value, values]) => {
    const m = median(values);
    return { value, label: dim.labelOf(value), ...stats(values), vs_average: m === null || overallMedian === null ? null : round2(m - overallMedian) };
  });
  const groups = <K extends 'segment' | 'source'>(key: K) => {
    const by = new Map<string, number[]>();
    for (const d of won) for (const v of measured(daysOf(d))) by.set(d[key], [...(by.get(d[key]) ?? []), v]);
    return [...by].map(([name, values]) => {
      const m = median(values);
      return { [key]: name, ...stats(values), vs_average: m === null || overallMedian === null ? null : round2(m - overallMedian) } as CycleGroup & Record<K, string>;
    }).sort((a, b) => Number(a[key] === NO_VALUE) - Number(b[key] === NO_VALUE) || b.deals - a.deals || a[key].localeCompare(b[key]));
  };
  return {
    overall: { ...stats(all), unmeasured: won.length - all.length },
    by_segment: groups('segment'),
    by_source: groups('source'),
    by_dimension: sortGroups(dim, byDimension, (g) => g.value, (g) => g.deals),
  };
}

const stats = (values: number[]): CycleStats => ({
  deals: values.length,
  median_days: roundOrNull(median(values)),
  mean_days: values.length ? round2(sum(values) / values.length) : null,
});

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

const sum = (values: number[]) => values.reduce((s, v) => s + v, 0);
const round2 = (n: number) => Math.round(n * 100) / 100;
const roundOrNull = (n: number | null) => (n === null ? null : round2(n));

const money = (v: number | null) => num(v);
const fmtDays = (v: number | null) => num(v, 1);

/** The report as one flat table (terminal and CSV): a section column, then the same columns throughout. */
export function salesReportRows(r: SalesReport): Record<string, string | number | Cell>[] {
  const row = (section: string, item: string, o: Partial<Record<'deals' | 'amount' | 'quota' | 'share' | 'median_days' | 'mean_days' | 'vs_average', string | number | Cell>> = {}) => ({
    section, item, deals: o.deals ?? '', amount: o.amount ?? '', quota: o.quota ?? '', share: o.share ?? '', median_days: o.median_days ?? '', mean_days: o.mean_days ?? '', vs_average: o.vs_average ?? '',
  });
  const w = r.waterfall;
  const signed = (v: number | null) => (v === null ? num(null) : new Cell(Number(v.toFixed(1)), `${v > 0 ? '+' : ''}${v.toFixed(1)}`, 'number'));
  const dimension = r.dimension.label.toLowerCase();
  const cycleRows = (name: string, c: Cycle) => [
    row('cycle', `${name}: all (${c.overall.unmeasured} unmeasured)`, { deals: c.overall.deals, median_days: fmtDays(c.overall.median_days), mean_days: fmtDays(c.overall.mean_days) }),
    ...c.by_dimension.map((g) => row('cycle', `${name}: ${dimension} ${g.label}`, { deals: g.deals, median_days: fmtDays(g.median_days), mean_days: fmtDays(g.mean_days), vs_average: signed(g.vs_average) })),
    ...c.by_source.map((g) => row('cycle', `${name}: source ${g.source}`, { deals: g.deals, median_days: fmtDays(g.median_days), mean_days: fmtDays(g.mean_days), vs_average: signed(g.vs_average) })),
  ];
  return [
    row('waterfall', `quota (${r.quota.source ?? 'none set'})`, { quota: money(r.quota.total) }),
    row('waterfall', 'closed', { deals: r.win_loss.won.deals, amount: money(w.closed), quota: money(r.quota.total), share: pct(w.reached) }),
    row('waterfall', 'gap', { amount: money(w.gap) }),
    row('waterfall', `pace today (${w.today.status.replace('_', ' ')})`, { amount: money(w.today.pace), share: pct(w.today.ratio) }),
    row('waterfall', r.month === null ? 'end-of-period projection' : 'month-end projection', { amount: money(w.projection.revenue), quota: money(r.quota.total), share: pct(w.projection.reached) }),
    ...w.days.map((d) => row('day', d.day, { deals: d.won_deals ?? '', amount: d.cumulative_revenue === null ? '' : money(d.cumulative_revenue), quota: money(d.pace) })),
    ...cycleRows('lead → customer', r.cycle.lead_to_customer),
    ...cycleRows('MQL → customer', r.cycle.mql_to_customer),
    row('win/loss', 'won', { deals: r.win_loss.won.deals, amount: money(r.win_loss.won.revenue), share: pct(r.win_loss.win_rate) }),
    row('win/loss', 'lost', { deals: r.win_loss.lost.deals, amount: money(r.win_loss.lost.amount) }),
    ...r.win_loss.by_reason.map((x) => row('win/loss', `  lost: ${x.label}`, { deals: x.deals, amount: money(x.amount) })),
    ...r.win_loss.by_dimension.map((x) => row('win/loss', `${dimension} ${x.label}: ${x.won} won, ${x.lost} lost (${money(x.lost_amount)})`, { deals: x.won + x.lost, amount: money(x.revenue), share: pct(x.win_rate) })),
    ...r.reps.map((p) => row('rep', `${p.name ?? '(unassigned)'}${p.team ? ` (${p.team})` : ''}: ${p.lost_deals} lost, win rate ${pct(p.win_rate)}, avg deal ${money(p.avg_deal)}`, {
      deals: p.won_deals, amount: money(p.revenue), quota: money(p.quota), share: pct(p.reached), median_days: fmtDays(p.median_cycle_days),
    })),
  ];
}
