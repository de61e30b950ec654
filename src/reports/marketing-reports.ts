import { z } from 'zod';
import { funnelBreakdown } from '../domains/funnel/funnel-breakdown.js';
import { dimensionParam } from '../domains/reports/dimensions.js';
import { funnelReport } from '../domains/funnel/funnel-report.js';
import { attributionDimensions, attributionModels } from '../domains/reports/attribution.js';
import { attributionReport, attributionTable, defaultLookbackDays } from '../domains/reports/attribution-report.js';
import { campaignResults, marketingReport } from '../domains/reports/marketing-report.js';
import { assetsReport, defaultReportPageSize, sourceDimensions, sourcesReport } from '../domains/reports/marketing-sources.js';
import { addMonths, dayOf, monthBounds, monthOf, reportWindow } from '../domains/reports/report-window.js';
import { speedToLead } from '../domains/reports/speed-to-lead.js';
import { speedToLeadData } from './marketing-report-data.js';
import { assetsReportData, attributionReportData, campaignsReportData, funnelBreakdownReportData, funnelReportData, marketingReportData, sourcesReportData } from './marketing-report-data.js';
import { defineReport, lastDays, runningMonth, type ReportContext, type Rows } from './report-definition.js';
import { dayOrMonthParam, enumParam, monthShape, numberParam, pageShape, reportParams, wholeParam, windowShape } from './report-params.js';
import { num, pct } from '../shared/report-cells.js';
import { influencedRevenueData, leadQualityReportData, marketingLeadSections, mqlDefinitionReportData } from './lead-quality-reports.js';

/** A page of a paged report: what was asked, else the whole list for a file and the first 100 rows for the API. */
const pageOf = (ctx: ReportContext, p: { limit?: number; cursor?: string }) => ({ limit: p.limit ?? (ctx.complete ? null : defaultReportPageSize), cursor: p.cursor });

export const sources = defineReport({
  summary: 'Visits, new contacts and customers by channel, with visit → contact and contact → customer rates.',
  params: reportParams({ ...windowShape, dimension: enumParam(sourceDimensions).optional().describe('channel (default), or source_detail: each channel split by its source'), ...pageShape }),
  window: lastDays(30),
  paged: true,
  data: sourcesReportData,
  async run(ctx, p) {
    const data = await sourcesReport(ctx.db, ctx.window!, pageOf(ctx, p), p.dimension);
    return {
      data,
      rows: data.channels.map((c) => ({
        channel: c.channel, ...(data.dimension === 'source_detail' ? { detail: c.detail ?? '' } : {}),
        visits: c.visits, contacts: c.contacts, customers: c.customers, 'visit→contact rate': pct(c.visit_to_contact), 'contact→customer rate': pct(c.contact_to_customer),
      })),
    };
  },
});

export const assets = defineReport({
  summary: 'Landing pages (views, visitors, conversion), forms, CTAs (click rate), content downloads and webinars.',
  params: reportParams({ ...windowShape, ...pageShape }),
  window: lastDays(30),
  paged: true,
  data: assetsReportData,
  async run(ctx, p) {
    const data = await assetsReport(ctx.db, ctx.window!, pageOf(ctx, p));
    // Every list of the answer, one kind after the other, so the file holds all of it.
    const blank = { views: '', visitors: '', submissions: '', converted: '', conversion_rate: '', clicks: '', click_rate: '', downloads: '', contacts: '', registrations: '', attendances: '', attendance_rate: '' };
    const rows: Rows = [
      ...data.pages.map((a) => ({ kind: 'page', asset: a.path, name: a.name ?? '', ...blank, views: a.views, visitors: a.visitors, submissions: a.submissions, converted: a.submitters, conversion_rate: pct(a.conversion_rate) })),
      ...data.forms.map((a) => ({ kind: 'form', asset: a.key, name: a.name ?? '', ...blank, submissions: a.submissions, contacts: a.contacts })),
      ...data.ctas.map((a) => ({ kind: 'cta', asset: a.key, name: a.name ?? '', ...blank, views: a.views, clicks: a.clicks, click_rate: pct(a.click_rate) })),
      ...data.content.map((a) => ({ kind: 'content', asset: a.key, name: a.name ?? '', ...blank, downloads: a.downloads, contacts: a.contacts })),
      ...data.webinars.map((a) => ({ kind: 'webinar', asset: a.key, name: a.name ?? '', ...blank, registrations: a.registrations, attendances: a.attendances, attendance_rate: pct(a.attendance_rate) })),
    ];
    return { data, rows };
  },
});

export const marketing = defineReport({
  summary: 'The monthly marketing report: channels with MQLs, campaigns with spend, cost per lead and customer and ROI, landing pages and CTAs, content influence, speed of follow-up.',
  params: reportParams({ ...monthShape, dimension: enumParam(sourceDimensions).optional().describe('the channels section by channel (default), or source_detail: each channel split by its source') }),
  window: runningMonth,
  data: marketingReportData.extend({ lead_quality: leadQualityReportData, mql_definitions: mqlDefinitionReportData, influenced: influencedRevenueData }),
  async run(ctx, p) {
    // Both halves at once: on a server they run on separate connections.
    const [report, leadSections] = await Promise.all([
      marketingReport(ctx.db, ctx.window!.month!, ctx.zone, p.dimension),
      marketingLeadSections(ctx.db, ctx.window!.month!, ctx.window!, ctx.clock.now(), ctx.zone),
    ]);
    const data = { ...report, ...leadSections };
    const f = data.follow_up;
    const blank = { visits: '', contacts: '', mqls: '', customers: '', 'visit→contact rate': '', 'contact→customer rate': '', spend: '', revenue: '', 'cost/lead': '', 'cost/customer': '', roi: '' };
    const rows: Rows = [
      ...data.channels.map((c) => ({ section: 'channel', name: c.detail === undefined ? c.channel : `${c.channel} · ${c.detail}`, ...blank, visits: c.visits, contacts: c.contacts, mqls: c.mqls, customers: c.customers, 'visit→contact rate': pct(c.visit_to_contact), 'contact→customer rate': pct(c.contact_to_customer) })),
      ...data.campaigns.map((c) => ({ section: `campaign #${c.rank}`, name: c.campaign, ...blank, visits: c.visits, contacts: c.leads, mqls: c.mqls, customers: c.customers, spend: num(c.spend), revenue: num(c.revenue), 'cost/lead': num(c.cost_per_lead, 2), 'cost/customer': num(c.cost_per_customer, 2), roi: pct(c.roi) })),
      { section: 'follow-up', name: `${f.assignments} assignments · median ${num(f.median_minutes)} min · within 5 min ${pct(f.share_within_5m)} · within 4 h ${pct(f.share_within_4h)}`, ...blank },
      // One row per bucket: how many, and the customers among them (the value of speed).
      ...f.buckets.map((b) => ({ section: 'follow-up', name: `first touch ${b.bucket}`, ...blank, contacts: b.count, customers: b.customers, 'contact→customer rate': pct(b.customer_rate) })),
      { section: 'lead quality', name: `${data.lead_quality.total.mqls} MQLs · rejected ${data.lead_quality.total.rejected} (${pct(data.lead_quality.total.rejection_rate)}) · recycled ${data.lead_quality.total.recycled} (${pct(data.lead_quality.total.recycle_rate)})${data.lead_quality.flagged.map((g) => ` · flagged: ${g.dimension_label} ${g.label} ${pct(g.rejection_rate)}`).join('')}`, ...blank },
      { section: 'influenced revenue', name: `${num(data.influenced.influenced_revenue)} of ${num(data.influenced.revenue)} won · target ${num(data.influenced.target)} (${pct(data.influenced.share_of_target)})`, ...blank, revenue: num(data.influenced.influenced_revenue) },
    ];
    return { data, rows };
  },
});

export const campaigns = defineReport({
  summary: "Campaigns in any window (a month, the last 30 days by default, or the days a weekly meeting pack reviewed): visits, new leads, MQLs, customers and revenue, the window's spend, cost per lead and customer, ROI, ranked as in the marketing report.",
  params: reportParams({ ...windowShape }),
  window: lastDays(30),
  data: campaignsReportData,
  async run(ctx) {
    const data = await campaignResults(ctx.db, ctx.window!, ctx.zone);
    const rows: Rows = data.campaigns.map((c) => ({
      rank: c.rank, campaign: c.campaign, type: c.type, visits: c.visits, leads: c.leads, mqls: c.mqls, customers: c.customers,
      spend: num(c.spend), revenue: num(c.revenue), 'cost/lead': num(c.cost_per_lead, 2), 'cost/customer': num(c.cost_per_customer, 2), roi: pct(c.roi),
    }));
    return { data, rows };
  },
});

export const attribution = defineReport({
  summary: 'Revenue won in the window credited to the touches before it, under first, last, linear, U-shaped and time-decay models, by channel, source detail, campaign and asset.',
  params: reportParams({
    ...windowShape,
    model: enumParam(attributionModels).optional().describe('one model (default all five)'),
    dimension: enumParam(attributionDimensions).optional().describe('one dimension (default all four): channel, source_detail (each channel split by its source), campaign or asset'),
    lookback_days: wholeParam('days', 1, 3650).optional().describe(`how far before a conversion touches count (default ${defaultLookbackDays})`),
    half_life_days: numberParam(z.number({ error: 'must be a number of days' }).positive('must be a positive number of days').max(3650, 'must be at most 3650')).optional().describe('time-decay half-life in days (default 7)'),
  }),
  window: lastDays(30),
  data: attributionReportData,
  async run(ctx, p) {
    const data = await attributionReport(ctx.db, ctx.window!, { model: p.model, dimension: p.dimension, lookbackDays: p.lookback_days, halfLifeDays: p.half_life_days });
    return { data, rows: attributionTable(data) };
  },
});

/** The funnel's cohorts are whole months unless days are asked for; by default the 12 months up to the running one. */
function funnelWindow(p: { month?: string; from?: string; to?: string }, now: Date, zone: string) {
  const isMonth = (v: string) => v.length === 7;
  if (p.month) return { ...monthBounds(p.month, zone), zone, month: p.month };
  const running = monthOf(now, zone);
  const to = p.to === undefined ? monthBounds(running, zone).to : isMonth(p.to) ? monthBounds(p.to, zone, 'to').to : reportWindow({ to: p.to }, now, 1, zone).to;
  const from = p.from === undefined ? monthBounds(addMonths(monthOf(new Date(to.getTime() - 1), zone), -11), zone).from : isMonth(p.from) ? monthBounds(p.from, zone, 'from').from : reportWindow({ from: p.from, to: dayOf(new Date(to.getTime() - 1), zone) }, now, 1, zone).from;
  return { from, to, zone, month: null };
}

export const funnel = defineReport({
  summary: 'Contacts created in the window: how many reached each stage, conversion between stages, median days between them, and a cohort table by creation month.',
  params: reportParams({
    month: windowShape.month,
    from: dayOrMonthParam().optional().describe('first day YYYY-MM-DD, or first month YYYY-MM'),
    to: dayOrMonthParam().optional().describe('last day YYYY-MM-DD, or last month YYYY-MM (included)'),
    channel: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional().describe("only contacts of this original source (e.g. 'Paid Search')"),
    segment: z.string().trim().min(1, 'must not be empty').max(200, 'must be at most 200 characters').optional().describe('only contacts of companies in this segment'),
  }),
  window: funnelWindow,
  data: funnelReportData,
  async run(ctx, p) {
    const data = await funnelReport(ctx.db, { window: ctx.window!, channel: p.channel, segment: p.segment, now: ctx.clock.now(), zone: ctx.zone });
    // The days in a stage are those of the conversion's `from` stage: how long its contacts stayed there.
    const inStage = (k: string) => data.stages.find((st) => st.key === k);
    return {
      data,
      rows: data.conversions.map((c) => ({
        from: c.from, to: c.to, rate: pct(c.rate), median_days: num(c.median_days, 1), sample: c.sample,
        median_days_in_stage: num(inStage(c.from)?.median_days_in_stage ?? null, 1), mean_days_in_stage: num(inStage(c.from)?.mean_days_in_stage ?? null, 1),
      })),
    };
  },
});

export const funnelBreakdownReport = defineReport({
  summary: 'Stage conversion and median days between stages for contacts created in the window, split by cohort month, channel, source detail, segment, industry, country, MQL type or an enum property.',
  params: reportParams({ ...windowShape, dimension: dimensionParam().optional().describe('what to split by (default month): month, channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name>') }),
  window: lastDays(365),
  data: funnelBreakdownReportData,
  async run(ctx, p) {
    const data = await funnelBreakdown(ctx.db, ctx.window!, p.dimension ?? 'month', ctx.zone);
    return {
      data,
      rows: data.groups.map((g) => ({
        [data.by]: g.label, contacts: g.contacts,
        ...Object.fromEntries(g.conversions.flatMap((c) => [[`${c.from}→${c.to} rate`, pct(c.rate)], [`${c.from}→${c.to} days`, num(c.median_days, 1)]])),
      })),
    };
  },
});

export const speedToLeadReport = defineReport({
  summary: "Speed to lead in a month: the MQL handoffs by time to first touch from the clock's start (≤ 5 min, 5–30 min, 30–60 min, 1–4 h, 4–24 h, > 24 h, not yet), each with its share and its MQL → SQL and MQL → customer rates.",
  params: reportParams({ ...monthShape }),
  window: runningMonth,
  data: speedToLeadData,
  async run(ctx) {
    const w = ctx.window!;
    const data = await speedToLead(ctx.db, w.from, w.to);
    const rows: Rows = data.buckets.map((b) => ({
      'first touch': b.bucket, leads: b.count, share: pct(b.share), 'to SQL': b.sqls, 'MQL→SQL rate': pct(b.sql_rate), customers: b.customers, 'MQL→customer rate': pct(b.customer_rate),
    }));
    rows.push({ 'first touch': 'all', leads: data.assignments, share: pct(data.assignments ? 1 : null), 'to SQL': data.sqls, 'MQL→SQL rate': pct(data.sql_rate), customers: data.customers, 'MQL→customer rate': pct(data.customer_rate) });
    return { data, rows };
  },
});
