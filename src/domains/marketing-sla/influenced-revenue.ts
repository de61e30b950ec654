import type { Db } from '../../db/client.js';
import { defaultLookbackDays } from '../reports/attribution-report.js';
import type { ReportWindow } from '../reports/report-window.js';
import type { MonthGoal } from '../goals/goals.js';
import { influencedCustomersSql, type InfluencedCustomerRow } from './queries/influenced-customers.js';

const round2 = (n: number) => Math.round(n * 100) / 100;

/**
 * The revenue marketing influenced (PRODUCT.md §4: "the share marketing influences"): of the
 * revenue won in the window, as attribution counts it (new customers' won deals,
 * queries/attribution-touchpoints.ts), the part whose customer had any marketing touch — a visit
 * or an interaction with a marketing asset — in the attribution lookback before the sale. A
 * customer attribution could only credit to its declared source (no touch seen) is not
 * influenced. Against the goal: revenue goal × the goal's influenced share, when one is set.
 */
export async function influencedRevenue(db: Db, w: ReportWindow, goal: Pick<MonthGoal, 'revenue_goal' | 'marketing_influenced_share'> | null, lookbackDays = defaultLookbackDays) {
  // One row a customer, in contact order (the sums add up in the order they always did).
  const rows = await db.query<InfluencedCustomerRow>(influencedCustomersSql, [w.from, w.to, lookbackDays]);
  return influencedOf(rows.map((r) => ({ revenue: Number(r.revenue ?? 0), touched: r.touched })), goal, lookbackDays);
}

/** The figures of influenced revenue from its customers (revenue, touched or not), in contact order. */
export function influencedOf(all: { revenue: number; touched: boolean }[], goal: Pick<MonthGoal, 'revenue_goal' | 'marketing_influenced_share'> | null, lookbackDays: number) {
  const touched = all.filter((c) => c.touched);
  const revenue = round2(all.reduce((s, c) => s + c.revenue, 0));
  const influenced = round2(touched.reduce((s, c) => s + c.revenue, 0));
  const share = goal?.marketing_influenced_share ?? null;
  const target = goal && share !== null ? round2(goal.revenue_goal * share) : null;
  return {
    lookback_days: lookbackDays,
    revenue,
    customers: all.length,
    influenced_revenue: influenced,
    influenced_customers: touched.length,
    /** Influenced revenue ÷ all revenue won in the window. */
    share_of_revenue: revenue > 0 ? influenced / revenue : null,
    /** Revenue goal × influenced share; null when the goal sets no influenced share. */
    target,
    influenced_share: share,
    share_of_target: target ? influenced / target : null,
  };
}

export type InfluencedRevenue = Awaited<ReturnType<typeof influencedRevenue>>;
