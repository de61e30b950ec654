import type { Db } from '../db/client.js';
import { attributionTouchpointsSql, type AttributionTouchpointRow } from '../domains/reports/queries/attribution-touchpoints.js';
import type { ReportWindow } from '../domains/reports/report-window.js';
import { influencedOf } from '../domains/marketing-sla/influenced-revenue.js';

/**
 * Influenced revenue as it was computed before queries/influenced-customers.ts: from every
 * touchpoint row of attribution, a customer touched when one of its rows is not "none" (the
 * figures from there on are influencedOf's, unchanged). Kept for the test that holds the new
 * statement to it and for bench/influenced-revenue-bench.ts.
 */
export async function influencedFromTouchpoints(db: Db, w: ReportWindow, goal: { revenue_goal: number; marketing_influenced_share: number | null } | null, lookbackDays: number) {
  const rows = await db.query<AttributionTouchpointRow>(attributionTouchpointsSql, [w.from, w.to, lookbackDays]);
  const customers = new Map<number, { revenue: number; touched: boolean }>();
  for (const r of rows) {
    const c = customers.get(r.contact_id) ?? { revenue: Number(r.revenue ?? 0), touched: false };
    if (r.kind !== 'none') c.touched = true;
    customers.set(r.contact_id, c);
  }
  return influencedOf([...customers.values()], goal, lookbackDays);
}
