import { z } from 'zod';
import { influencedRevenue } from '../domains/marketing-sla/influenced-revenue.js';
import { leadQualityDimensions, leadQualityEpisodes, leadQualityReport, mqlDefinitionPerformance, type LeadQualityReport, type MqlDefinitionPerformance } from '../domains/reports/lead-quality.js';
import { goalForMonth } from '../domains/goals/goals.js';
import type { ReportWindow } from '../domains/reports/report-window.js';
import { num, pct } from '../shared/report-cells.js';
import { defineReport, monthsBefore, type Rows } from './report-definition.js';
import { reportParams, wholeParam, windowShape } from './report-params.js';

// Lead quality back to marketing: the lead-quality and mql-definition reports, and the influenced
// revenue the marketing SLA and the monthly marketing report show against the goal.

const rate = z.number().nullable();
const counts = { mqls: z.number(), rejected: z.number(), recycled: z.number(), rejection_rate: rate, recycle_rate: rate };

const leadQualityGroup = z.object({
  key: z.string(),
  label: z.string(),
  ...counts,
  /** 95 % Wilson interval of the rejection rate, [low, high]. */
  interval: z.tuple([z.number(), z.number()]).nullable(),
  flagged: z.boolean(),
  top_reason: z.string().nullable(),
  top_reason_count: z.number(),
});

export const leadQualityReportData = z.object({
  from: z.string(),
  to: z.string(),
  as_of: z.string(),
  min_sample: z.number(),
  total: z.object(counts),
  reasons: z.array(z.object({ reason: z.string(), rejected: z.number(), share: rate })),
  dimensions: z.array(z.object({ dimension: z.enum(leadQualityDimensions), label: z.string(), groups: z.array(leadQualityGroup) })),
  flagged: z.array(leadQualityGroup.extend({ dimension: z.enum(leadQualityDimensions), dimension_label: z.string() })),
  trend: z.array(z.object({ month: z.string(), ...counts })),
});

const performanceRow = z.object({
  key: z.string(),
  label: z.string(),
  version: z.number().nullable(),
  mqls: z.number(),
  accepted: z.number(),
  rejected: z.number(),
  customers: z.number(),
  revenue: z.number(),
  close_rate: rate,
  value_per_mql: z.number().nullable(),
  median_days_to_customer: z.number().nullable(),
});

export const mqlDefinitionReportData = z.object({
  from: z.string(),
  to: z.string(),
  as_of: z.string(),
  all: performanceRow,
  versions: z.array(performanceRow.extend({ since: z.string().nullable() })),
  clauses: z.array(performanceRow),
});

export const influencedRevenueData = z.object({
  lookback_days: z.number(),
  revenue: z.number(),
  customers: z.number(),
  influenced_revenue: z.number(),
  influenced_customers: z.number(),
  share_of_revenue: rate,
  target: z.number().nullable(),
  influenced_share: z.number().nullable(),
  share_of_target: rate,
});

/** The lead-quality table: the totals, then every group of every split, then the reasons and months. */
export function leadQualityRows(d: LeadQualityReport): Rows {
  const row = (section: string, group: string, c: { mqls: number; rejected: number; recycled: number; rejection_rate: number | null; recycle_rate: number | null }, extra: { low?: number | null; high?: number | null; flagged?: boolean; top_reason?: string | null } = {}) => ({
    section, group, mqls: c.mqls, rejected: c.rejected, rejection_rate: pct(c.rejection_rate), rejection_rate_low: pct(extra.low ?? null), rejection_rate_high: pct(extra.high ?? null),
    recycled: c.recycled, recycle_rate: pct(c.recycle_rate), flagged: extra.flagged ? 'yes' : '', top_reason: extra.top_reason ?? '',
  });
  return [
    row('all MQLs', 'all', d.total),
    ...d.dimensions.flatMap((dim) => dim.groups.map((g) => row(dim.label, g.label, g, { low: g.interval?.[0], high: g.interval?.[1], flagged: g.flagged, top_reason: g.top_reason }))),
    ...d.reasons.map((r) => ({ ...row('rejection reason', r.reason, { mqls: 0, rejected: r.rejected, recycled: 0, rejection_rate: null, recycle_rate: null }), mqls: '', recycled: '', rejection_rate: pct(r.share) })),
    ...d.trend.map((t) => row('month', t.month, t)),
  ];
}

export function mqlDefinitionRows(d: MqlDefinitionPerformance): Rows {
  const row = (section: string, r: MqlDefinitionPerformance['all']) => ({
    section, name: r.label, mqls: r.mqls, accepted: r.accepted, rejected: r.rejected, customers: r.customers, close_rate: pct(r.close_rate),
    revenue: num(r.revenue), value_per_mql: num(r.value_per_mql, 2), median_days_to_customer: num(r.median_days_to_customer, 1),
  });
  return [row('all', d.all), ...d.versions.map((v) => row('version', v)), ...d.clauses.map((c) => row('clause', c))];
}

const minSample = wholeParam('MQLs', 1, 100_000).optional().describe('flag a group only from this many MQLs (default 10)');

export const leadQuality = defineReport({
  summary: 'Rejected and recycled MQLs of the MQLs that qualified in the window (default the 6 months before the running one): rates by MQL type, source channel and detail, campaign, MQL-definition clause and version, and rep, with 95 % intervals; groups far above the average flagged; rejection reasons; the trend by month.',
  params: reportParams({ ...windowShape, min_sample: minSample }),
  window: monthsBefore(6),
  data: leadQualityReportData,
  async run(ctx, p) {
    const data = await leadQualityReport(ctx.db, ctx.window!, { asOf: ctx.clock.now(), zone: ctx.zone, minSample: p.min_sample });
    return { data, rows: leadQualityRows(data) };
  },
});

export const mqlDefinition = defineReport({
  summary: 'MQL-definition performance per clause and per version, over the MQLs that qualified in the window (default the 12 months before the running one): MQLs, accepted, rejected, customers, close rate, value per MQL, median days to customer.',
  params: reportParams({ ...windowShape }),
  window: monthsBefore(12),
  data: mqlDefinitionReportData,
  async run(ctx) {
    const data = await mqlDefinitionPerformance(ctx.db, ctx.window!, { asOf: ctx.clock.now(), zone: ctx.zone });
    return { data, rows: mqlDefinitionRows(data) };
  },
});

/** Influenced revenue of a month up to now, against that month's goal (null goal: no target). */
export async function influencedForMonth(db: Parameters<typeof influencedRevenue>[0], month: string, w: ReportWindow, now: Date) {
  const until = now < w.to ? (now > w.from ? now : w.from) : w.to;
  return influencedRevenue(db, { from: w.from, to: until }, await goalForMonth(db, month));
}

/** The monthly marketing report's extra sections: the month's lead quality and definition performance, and influenced revenue. */
export async function marketingLeadSections(db: Parameters<typeof influencedRevenue>[0], month: string, w: ReportWindow, now: Date, zone: string) {
  // The MQL episodes once for both sections: the query is the costliest of the report.
  const [episodes, influenced] = await Promise.all([leadQualityEpisodes(db, w, now, zone), influencedForMonth(db, month, w, now)]);
  const [lead_quality, mql_definitions] = await Promise.all([
    leadQualityReport(db, w, { asOf: now, zone, episodes }),
    mqlDefinitionPerformance(db, w, { asOf: now, zone, episodes }),
  ]);
  return { lead_quality, mql_definitions, influenced };
}
