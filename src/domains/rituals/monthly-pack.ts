import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError, invalid, type FieldProblem } from '../../shared/errors.js';
import type { Ctx } from '../context.js';
import { funnelReport, type FunnelReport } from '../funnel/funnel-report.js';
import { rejectionCode, rejectionReasons } from '../funnel/transitions.js';
import { rejectionReasonLabels } from '../../shared/field-labels.js';
import type { Stage } from '../funnel/stages.js';
import { goalForMonth, type MonthGoal } from '../goals/goals.js';
import { leadWaterfall } from '../marketing-sla/marketing-sla.js';
import { mqlValueSql } from '../marketing-sla/queries/mql-value.js';
import { reverseFunnelPlanner, type PlannerReport } from '../planning/funnel-rates.js';
import type { PlannedValue } from '../planning/reverse-funnel.js';
import { dimensionValueLabel } from '../reports/dimensions.js';
import { marketingReport, type MarketingReport } from '../reports/marketing-report.js';
import { addMonths, dayOf, monthBounds } from '../reports/report-window.js';
import { salesReport, type SalesReport } from '../reports/sales-report.js';
import { wilsonInterval } from '../scoring/wilson-interval.js';
import { attemptsReport, ATTEMPTS_DEFAULT_DAYS, type AttemptsReport } from '../sla/attempts-report.js';
import { slaCompliance } from '../sla/sla-dashboard.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { actionItemsSection, overdueActionItems, overdueListItem } from './action-items-section.js';
import { activeSeries, defaultTiming } from './meeting-series.js';
import { noPresenters, packAgenda, packMeeting, type AgendaItem, type Presenters } from './pack-agenda.js';
import type { Figure, PackBlock, PackDocument, PackSection, Tone } from './pack-document.js';
import { currentDefinitionVersionSql, definitionClauseGroup, definitionVersionsSql } from './queries/monthly-definitions.js';
import { followUpEffortSql, type FollowUpEffortRow } from './queries/monthly-follow-up.js';
import { monthRejectionsSql, type RejectionRow } from './queries/monthly-rejections.js';
import { previousMeetingSql } from './queries/weekly-pack.js';
import { formatValue, plural } from './render/format-value.js';
import { occurrenceAt } from './series-occurrences.js';
import { complianceTone, COMPLIANCE_TARGET } from './weekly-pack.js';

/**
 * The monthly management meeting's agenda (PRODUCT.md §7), in this order, with the timebox of
 * each item in the default 60-minute meeting and the side that presents it. The closed-loop review
 * comes first (marketing's month, then sales'), then the longer view (funnel cohorts, six months of
 * SLA compliance, how the MQL definition performs), the plan for the month ahead, and the debate,
 * which gets the biggest box: the topics are the reason a management meeting exists. Last, as in
 * the weekly pack, the action items of the previous meeting. Both sides answer for the SLA trend
 * and the plan; the debate and the action items belong to everyone. Another duration scales every
 * box (agendaTimeboxes: largest remainders, none under MIN_ITEM_MINUTES; when even those do not
 * fit, the pack says by how much it runs over).
 */
export const monthlyAgenda = [
  { key: 'marketing_review', title: 'Closed loop: marketing', minutes: 10, side: 'marketing' },
  { key: 'sales_review', title: 'Closed loop: sales', minutes: 10, side: 'sales' },
  { key: 'funnel', title: 'Funnel and cohort conversion', minutes: 5, side: 'marketing' },
  { key: 'sla_trend', title: 'SLA compliance over six months', minutes: 5, side: 'both' },
  { key: 'mql_definitions', title: 'MQL definition performance', minutes: 5, side: 'marketing' },
  { key: 'plans', title: 'Plans for next month', minutes: 5, side: 'both' },
  { key: 'debate', title: 'Debate topics', minutes: 15, side: null },
  { key: 'action_items', title: "Last meeting's action items", minutes: 5, side: null },
] as const satisfies readonly AgendaItem[];

/** The SLA trend's length: the month reviewed and the five before it. */
export const TREND_MONTHS = 6;
/**
 * MQL-definition performance is read on the MQLs that qualified in the 12 months up to the end of
 * the month reviewed (the window value per MQL is measured on), their outcomes as the month closed.
 */
export const DEFINITION_MONTHS = 12;
/**
 * A clause or a version "under-delivers" when at least UNDER_DELIVER_MIN_MQLS of its MQLs close at
 * less than UNDER_DELIVER_SHARE of the close rate of all MQLs of the window (half as well). The
 * minimum keeps a clause with a handful of MQLs — which always looks extreme — out of the debate;
 * the margin asks for a gap a meeting should act on, not noise around the average. The 95 %
 * interval is shown with it so the room can judge how sure it is.
 */
export const UNDER_DELIVER_MIN_MQLS = 20;
export const UNDER_DELIVER_SHARE = 0.5;
/**
 * A lead-quality dispute is raised for an MQL type, a source or a campaign that drew at least
 * DISPUTE_MIN_REJECTIONS of the month's rejections and at least DISPUTE_MIN_SHARE of them: one
 * rejection is an anecdote, and a group with a small share is not where quality went wrong.
 */
export const DISPUTE_MIN_REJECTIONS = 3;
export const DISPUTE_MIN_SHARE = 1 / 3;
/**
 * Follow-up effort is debated when the leads never reached got, on average, more than half an
 * attempt fewer (or more) than the recommended number: a difference smaller than that is rounding.
 */
export const EFFORT_MARGIN = 0.5;
/** Campaign rows the review shows: the meeting reads the top of the ranking; the report has the rest. */
const TOP_CAMPAIGNS = 5;
/** The planner's own threshold for a rate measured on too few to rely on (reverse-funnel.ts). */
const SMALL_SAMPLE = 30;
const DAY_MS = 86_400_000;

/** The reason codes sales rejects with (funnel/transitions.ts), as people read them. */
const reasonLabels: Record<(typeof rejectionReasons)[number], string> = rejectionReasonLabels;

/** The funnel rows the pack follows, as in the weekly pack: subscribers are the newsletter's business, evangelists rare. */
const funnelRows: Stage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];

const money = (v: number | null | undefined) => formatValue(v, 'money');
/** A label inside a sentence: "Visit to lead" → "visit to lead", "SQL to customer" kept. */
const inSentence = (label: string) => (/^[A-Z]{2}/.test(label) ? label : label.charAt(0).toLowerCase() + label.slice(1));
const pct = (v: number | null | undefined) => formatValue(v, 'percent');
const num = (v: number | null | undefined) => formatValue(v, 'number');
const round2 = (v: number) => Math.round(v * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const monthName = (m: string) => DateTime.fromFormat(m, 'yyyy-MM', { zone: 'UTC' }).setLocale('en-GB').toFormat('LLLL yyyy');
// Short months in en-US: en-GB's ICU writes "Sept", which a table column of "Aug", "Sept", "Oct" reads as a typo.
const monthShort = (m: string) => DateTime.fromFormat(m, 'yyyy-MM', { zone: 'UTC' }).setLocale('en-US').toFormat('LLL yyyy');
/** Reached or beaten: good; within a tenth: at risk; further short: missed. */
const shareTone = (share: number | null | undefined): Tone => (share == null ? 'neutral' : share >= 1 ? 'good' : share >= 0.9 ? 'warning' : 'bad');

// The report pages every figure links to (contracts.md), on the window the figure is of where the
// page takes one: the month's own report, the funnel's creation months. The attempts, planner and
// qualification pages have no window to open on.
const href = {
  marketing: (m: string) => `/reports/marketing?month=${m}`,
  sales: (m: string) => `/reports/sales?month=${m}`,
  marketingSla: (m: string) => `/marketing-sla?month=${m}`,
  sla: (m: string) => `/sla?month=${m}`,
  /** Rejections by reason, source, campaign and clause, with their rates and intervals. */
  leadQuality: (m: string) => `/reports/lead-quality?month=${m}`,
  /** The cohorts' creation months, first and last ('YYYY-MM'), as the funnel page reads them. */
  funnel: (from: string, to: string) => `/funnel?from=${from}&to=${to}`,
  attempts: '/sla/attempts',
  planner: '/reports/planner',
  qualification: '/qualification',
};

type Item = Extract<PackBlock, { type: 'list' }>['items'][number];

interface MeetingFrame {
  meetingId: number | null;
  seriesId: number | null;
  seriesName: string | null;
  duration: number;
  /** The meeting moment: the meeting's, else the series' (or the default timing's) occurrence in the month after the one reviewed. */
  at: Date;
  presenters: Presenters;
}

/**
 * The meeting the pack is for. With `meetingId`, that meeting: its series' duration and action
 * items, its presenters, its moment. Without, the active monthly series (duration, action items,
 * no presenters: nobody is set until a meeting is planned), else the default 60 minutes and no
 * action items; the moment is then the series' (or the default) meeting in the month after the
 * month reviewed, a meeting's period being the month it takes place in (series-occurrences.ts).
 */
async function meetingFrame(db: Db, month: string, meetingId: number | null | undefined, zone: string): Promise<MeetingFrame> {
  if (meetingId != null) {
    if (!Number.isSafeInteger(meetingId) || meetingId <= 0) throw invalid([{ field: 'meetingId', problem: 'must be a meeting id (a positive whole number)' }]);
    const { seriesId, seriesName, duration, at, presenters } = await packMeeting(db, meetingId, 'monthly');
    return { meetingId, seriesId, seriesName, duration, at, presenters };
  }
  const series = await activeSeries(db, 'monthly');
  const timing = series ?? defaultTiming('monthly');
  return {
    meetingId: null,
    seriesId: series ? Number(series.id) : null,
    seriesName: series?.name ?? null,
    duration: timing.duration_minutes,
    at: occurrenceAt({ ...timing, kind: 'monthly' }, addMonths(month, 1), zone),
    presenters: noPresenters,
  };
}

/**
 * The monthly management meeting pack (PRODUCT.md §7) for `month` ('YYYY-MM', the month reviewed,
 * in the workspace zone), from live data and through the reports' own functions, so every figure
 * is the one its report page shows (each links to it): the closed loop of the month (marketing and
 * sales reports), funnel cohorts, six months of SLA compliance for both sides, how each MQL
 * definition version and clause performs, the plan for the next month, debate topics drawn from
 * the data (lead-quality disputes, follow-up effort, definitions that under-deliver, overdue
 * action items) and the previous meeting's action items. Figures are judged at the earlier of the
 * meeting moment and now: a pack sent the day before shows the state then, a pack of a meeting
 * held long ago the state at the meeting.
 */
export async function monthlyPack(ctx: Ctx, opts: { month: string; meetingId?: number | null }): Promise<PackDocument> {
  const { db } = ctx;
  if (typeof opts.month !== 'string') throw invalid([{ field: 'month', problem: 'must be a month YYYY-MM' }]);
  const month = opts.month;
  const zone = await reportZone(db);
  const { from, to } = monthBounds(month, zone);
  const next = addMonths(month, 1);
  const now = ctx.clock.now();
  const frame = await meetingFrame(db, month, opts.meetingId, zone);
  const asOf = new Date(Math.min(frame.at.getTime(), now.getTime()));
  const clockAt: Clock = { now: () => asOf };
  // Closed-loop outcomes as the month closed (or as of now while it is still running).
  const closedAt = new Date(Math.min(to.getTime(), asOf.getTime()));
  const trendMonths = Array.from({ length: TREND_MONTHS }, (_, i) => addMonths(month, i - TREND_MONTHS + 1));
  const definitionFrom = monthBounds(addMonths(month, -(DEFINITION_MONTHS - 1)), zone).from;

  const [marketing, sales, funnel, marketingTrend, salesTrend, clauseRows, rejections, effortRows, attempts, nextGoal, nextSales, previous, overdue] = await Promise.all([
    marketingReport(db, month, zone),
    salesReport(db, clockAt, month, zone),
    funnelReport(db, { from: trendMonths[0], to: month, now: asOf, zone }),
    Promise.all(trendMonths.map(async (m) => {
      // leadWaterfall refuses a month without a goal; the trend shows the month without a target instead.
      const goal = await goalForMonth(db, m);
      return { month: m, waterfall: goal ? await leadWaterfall(db, clockAt, m, 'linear', zone) : null };
    })),
    Promise.all(trendMonths.map(async (m) => {
      const b = monthBounds(m, zone);
      return { month: m, compliance: await slaCompliance(db, asOf, b.from, b.to) };
    })),
    db.query<{ mql_type: string; grp: string; mqls: number; customers: number; revenue: number }>(mqlValueSql(definitionClauseGroup), [definitionFrom, to, closedAt]),
    db.query<RejectionRow>(monthRejectionsSql, [from, to]),
    db.query<FollowUpEffortRow>(followUpEffortSql, [asOf, from, to]),
    // The attempts report as its page reads it by default (ten years of MQLs, three months mature), as of the month's close.
    attemptsReport(db, { asOf: closedAt, from: new Date(closedAt.getTime() - ATTEMPTS_DEFAULT_DAYS * DAY_MS), to: closedAt, zone, repCosts: false }),
    goalForMonth(db, next),
    salesReport(db, clockAt, next, zone),
    frame.seriesId == null ? Promise.resolve([]) : db.query<{ at: Date | null }>(previousMeetingSql, [frame.seriesId, frame.at]),
    overdueActionItems(db, { seriesId: frame.seriesId, at: frame.at, zone }),
  ]);
  const plan = nextGoal ? await nextMonthPlan(db, nextGoal, definitionFrom, to, asOf, zone) : null;
  const definitions = await definitionPerformance(db, clauseRows, zone);
  const monthWaterfall = marketingTrend[marketingTrend.length - 1]!.waterfall;
  const monthCompliance = salesTrend[salesTrend.length - 1]!.compliance;
  const effort = followUpEffort(effortRows, attempts, monthCompliance.total);
  const rejectedBy = rejectionGroups(rejections);

  const debateItems: Item[] = [
    ...definitionTopics(definitions),
    ...rejectionTopics(rejections, rejectedBy, month),
    ...effortTopics(effort, attempts, month),
    ...overdue.map((o) => overdueListItem(o, `What is holding up "${o.title}"?`)),
  ];

  const agenda = packAgenda(monthlyAgenda, frame.duration, frame.presenters);
  const actionItem = agenda.item('action_items');
  const since = previous[0]?.at ? new Date(previous[0].at) : null;
  const actions = await actionItemsSection(db, { seriesId: frame.seriesId, since, at: frame.at, zone, minutes: actionItem.minutes, title: actionItem.title });

  const sections: PackSection[] = [
    agenda.section('marketing_review', marketingBlocks(marketing, monthWaterfall, month)),
    agenda.section('sales_review', salesBlocks(sales, month)),
    agenda.section('funnel', funnelBlocks(funnel)),
    agenda.section('sla_trend', trendBlocks(marketingTrend, salesTrend)),
    agenda.section('mql_definitions', definitionBlocks(definitions, definitionFrom, closedAt, zone)),
    agenda.section('plans', planBlocks(nextGoal, nextSales, plan, next), `Plans for ${monthName(next)}`),
    agenda.section('debate', [
      { type: 'list', items: debateItems, empty: 'The data raises no dispute this month: no definition under-delivers, no group drew most rejections, and follow-up effort matches the recommended number of attempts.' },
      ...rejectionBlocks(rejections, rejectedBy, month),
      ...effortBlocks(effort),
    ]),
    { ...actions, presenter: actionItem.presenter },
  ];

  const local = DateTime.fromJSDate(frame.at, { zone }).setLocale('en-GB');
  return {
    kind: 'monthly_pack',
    title: `${frame.seriesName ?? 'Monthly management meeting'}: ${monthName(month)}`,
    subtitle: `Review of ${monthName(month)} · ${frame.meetingId == null ? 'next meeting' : 'meeting'} ${local.toFormat('cccc d LLLL, HH:mm')} (${zone})`,
    period: month,
    generated_at: now.toISOString(),
    time_zone: zone,
    ...agenda.finish(sections, 'Lengthen the meeting or move an item to the weekly meeting.'),
  };
}

// ---------- the closed loop: marketing ----------

type Waterfall = Awaited<ReturnType<typeof leadWaterfall>>;

function marketingBlocks(r: MarketingReport, wf: Waterfall | null, month: string): PackBlock[] {
  const report = href.marketing(month);
  const value: Figure = wf
    ? {
        label: 'MQL value delivered', value: wf.delivered.value, format: 'money', target: wf.target.value, tone: shareTone(wf.delivered.share_of_target),
        detail: `${pct(wf.delivered.share_of_target)} of the ${money(wf.target.value)} target · ${plural(wf.delivered.mqls, 'MQL')}`, href: href.marketingSla(month),
      }
    : { label: 'MQL value delivered', value: null, format: 'money', tone: 'neutral', detail: `no revenue goal is set for ${monthName(month)}, so there is no target`, href: href.marketingSla(month) };
  const f = r.follow_up;
  const channels = r.channels
    .filter((c) => c.visits || c.contacts || c.mqls || c.customers)
    .sort((a, b) => b.mqls - a.mqls || b.contacts - a.contacts || b.visits - a.visits || a.channel.localeCompare(b.channel));
  const withMqls = channels.filter((c) => c.mqls > 0);
  return [
    {
      type: 'figures',
      items: [
        value,
        { label: 'MQLs', value: r.total.mqls, format: 'number', href: report },
        { label: 'Visits', value: r.total.visits, format: 'number', href: report },
        { label: 'New contacts', value: r.total.contacts, format: 'number', ...(r.total.visit_to_contact === null ? {} : { detail: `${pct(r.total.visit_to_contact)} of visits` }), href: report },
        {
          label: 'Customers among new contacts', value: r.total.customers, format: 'number',
          ...(r.total.contact_to_customer === null ? {} : { detail: `${pct(r.total.contact_to_customer)} of new contacts` }), href: report,
        },
        {
          label: 'Median time to first touch', value: f.median_minutes, format: 'minutes',
          detail: `${pct(f.share_within_4h)} of ${plural(f.assignments, 'lead')} touched within 4 hours`, href: report,
        },
      ],
    },
    withMqls.length
      ? {
          type: 'chart', title: 'MQLs by channel', kind: 'bar', format: 'number',
          categories: withMqls.map((c) => c.channel), series: [{ name: 'MQLs', values: withMqls.map((c) => c.mqls), style: 'bar' }], href: report,
        }
      : { type: 'text', text: `No contact became an MQL in ${monthName(month)}.` },
    {
      type: 'table',
      title: 'Channels',
      columns: [
        { label: 'Channel', format: 'text' },
        { label: 'Visits', format: 'number' },
        { label: 'New contacts', format: 'number' },
        { label: 'MQLs', format: 'number' },
        { label: 'Customers', format: 'number' },
        { label: 'Visit to contact', format: 'percent' },
        { label: 'Contact to customer', format: 'percent' },
      ],
      rows: channels.map((c) => ({ cells: [c.channel, c.visits, c.contacts, c.mqls, c.customers, c.visit_to_contact, c.contact_to_customer], href: report })),
      empty: 'No visits, contacts or MQLs this month.',
    },
    {
      type: 'table',
      title: 'Campaign ranking',
      columns: [
        { label: 'Campaign', format: 'text' },
        { label: 'Spend', format: 'money' },
        { label: 'Leads', format: 'number' },
        { label: 'MQLs', format: 'number' },
        { label: 'Customers', format: 'number' },
        { label: 'Revenue', format: 'money' },
        { label: 'Return on spend', format: 'percent' },
      ],
      rows: r.campaigns.slice(0, TOP_CAMPAIGNS).map((c) => ({
        cells: [c.campaign, c.spend, c.leads, c.mqls, c.customers, c.revenue, c.roi],
        tone: c.roi === null ? 'neutral' : c.roi >= 0 ? 'good' : 'bad',
        href: report,
      })),
      empty: 'No campaign spent, or brought visits or leads, this month.',
    },
  ];
}

// ---------- the closed loop: sales ----------

function salesBlocks(r: SalesReport, month: string): PackBlock[] {
  const report = href.sales(month);
  const w = r.waterfall;
  const quota = r.quota.total;
  const cycle = (c: SalesReport['cycle']['lead_to_customer']) => `over ${plural(c.overall.deals, 'won deal')}`;
  return [
    {
      type: 'figures',
      items: [
        {
          label: 'Revenue won', value: w.closed, format: 'money', target: quota, tone: shareTone(w.reached), href: report,
          detail: quota === null
            ? `no quota is set for ${monthName(month)}`
            : `${pct(w.reached)} of the ${money(quota)} quota · ${w.gap! > 0 ? `${money(w.gap)} short` : `${money(-w.gap!)} above it`}`,
        },
        { label: 'Deals won', value: r.win_loss.won.deals, format: 'number', detail: `${plural(r.win_loss.lost.deals, 'deal')} lost`, href: report },
        { label: 'Win rate', value: r.win_loss.win_rate, format: 'percent', detail: 'of the deals closed this month', href: report },
        { label: 'MQL to customer, median', value: r.cycle.mql_to_customer.overall.median_days, format: 'days', detail: cycle(r.cycle.mql_to_customer), href: report },
        { label: 'Lead to customer, median', value: r.cycle.lead_to_customer.overall.median_days, format: 'days', detail: cycle(r.cycle.lead_to_customer), href: report },
      ],
    },
    {
      type: 'chart',
      title: 'Revenue won against the quota, day by day',
      kind: 'line',
      format: 'money',
      categories: w.days.map((d) => DateTime.fromISO(d.day).setLocale('en-US').toFormat('d LLL')),
      series: [
        { name: 'Revenue won, cumulative', values: w.days.map((d) => d.cumulative_revenue) },
        ...(quota === null ? [] : [{ name: 'Pace to quota', values: w.days.map((d) => d.pace), style: 'dashed' as const }]),
      ],
      href: report,
    },
    {
      type: 'table',
      title: 'Deals lost, by reason',
      columns: [
        { label: 'Reason', format: 'text' },
        { label: 'Deals', format: 'number' },
        { label: 'Amount', format: 'money' },
      ],
      rows: r.win_loss.by_reason.map((x) => ({ cells: [x.reason === 'unspecified' ? 'No reason given' : x.label, x.deals, x.amount], href: report })),
      empty: 'No deal was lost this month.',
    },
    {
      type: 'table',
      title: 'Results by rep',
      columns: [
        { label: 'Rep', format: 'text' },
        { label: 'Deals won', format: 'number' },
        { label: 'Revenue', format: 'money' },
        { label: 'Quota', format: 'money' },
        { label: 'Quota reached', format: 'percent' },
        { label: 'Win rate', format: 'percent' },
      ],
      rows: r.reps.map((p) => ({ cells: [p.name ?? 'No owner', p.won_deals, p.revenue, p.quota, p.reached, p.win_rate], tone: shareTone(p.reached), href: report })),
      empty: 'No deal was closed this month.',
    },
  ];
}

// ---------- funnel and cohorts ----------

function funnelBlocks(f: FunnelReport): PackBlock[] {
  const label = (s: Stage) => f.stages.find((x) => x.key === s)?.label ?? dimensionValueLabel(s);
  const span = `${monthShort(f.from)} to ${monthShort(f.to)}`;
  const conversions = f.conversions.filter((c) => funnelRows.includes(c.from) && funnelRows.includes(c.to));
  return [
    {
      type: 'table',
      title: `Stage conversion of the contacts created ${span}`,
      columns: [
        { label: 'Step', format: 'text' },
        { label: 'Conversion', format: 'percent' },
        { label: 'Median time', format: 'days' },
        { label: 'Contacts timed', format: 'number' },
      ],
      rows: conversions.map((c) => ({ cells: [`${label(c.from)} to ${label(c.to)}`, c.rate, c.median_days, c.sample], href: href.funnel(f.from, f.to) })),
    },
    {
      type: 'table',
      title: 'Cohorts by month created: how far they have got',
      columns: [
        { label: 'Created in', format: 'text' },
        { label: 'Contacts', format: 'number' },
        ...funnelRows.map((s) => ({ label: label(s), format: 'number' as const })),
        { label: 'Contact to customer', format: 'percent' },
      ],
      rows: f.cohorts.map((c) => ({
        cells: [monthShort(c.month), c.created, ...funnelRows.map((s) => c.reached[s] ?? 0), ratio(c.reached.customer ?? 0, c.created)],
        // A cohort's row opens the funnel of that month's contacts alone.
        href: href.funnel(c.month, c.month),
      })),
    },
  ];
}

// ---------- SLA compliance trend ----------

type Compliance = Awaited<ReturnType<typeof slaCompliance>>;

function trendBlocks(marketing: { month: string; waterfall: Waterfall | null }[], sales: { month: string; compliance: Compliance }[]): PackBlock[] {
  const last = marketing[marketing.length - 1]!.month;
  return [
    {
      type: 'chart',
      title: 'Marketing: MQL value delivered against the target',
      kind: 'bar',
      format: 'money',
      categories: marketing.map((m) => monthShort(m.month)),
      series: [
        { name: 'MQL value delivered', values: marketing.map((m) => m.waterfall?.delivered.value ?? null), style: 'bar' },
        { name: 'Target', values: marketing.map((m) => m.waterfall?.target.value ?? null), style: 'dashed' },
      ],
      href: href.marketingSla(last),
    },
    {
      type: 'table',
      title: "Marketing's commitment, month by month",
      columns: [
        { label: 'Month', format: 'text' },
        { label: 'MQLs', format: 'number' },
        { label: 'MQL value delivered', format: 'money' },
        { label: 'Target', format: 'money' },
        { label: 'Of target', format: 'percent' },
      ],
      rows: marketing.map(({ month, waterfall: w }) => ({
        cells: w ? [monthShort(month), w.delivered.mqls, w.delivered.value, w.target.value, w.delivered.share_of_target] : [`${monthShort(month)} (no goal set)`, null, null, null, null],
        tone: shareTone(w?.delivered.share_of_target),
        href: href.marketingSla(month),
      })),
    },
    {
      type: 'chart',
      title: 'Sales: follow-up in time, by month of assignment',
      kind: 'line',
      format: 'percent',
      categories: sales.map((s) => monthShort(s.month)),
      series: [
        { name: 'First touch in time', values: sales.map((s) => s.compliance.total.first_touch.met_rate) },
        { name: 'Attempts completed in time', values: sales.map((s) => s.compliance.total.attempts.met_rate) },
        { name: 'Target', values: sales.map(() => COMPLIANCE_TARGET), style: 'dashed' },
      ],
      href: href.sla(last),
    },
    {
      type: 'table',
      title: "Sales' commitment, month by month",
      columns: [
        { label: 'Month', format: 'text' },
        { label: 'Leads assigned', format: 'number' },
        { label: 'First touch in time', format: 'percent' },
        { label: 'Attempts completed in time', format: 'percent' },
        { label: 'Rejected', format: 'number' },
        { label: 'Recycled', format: 'number' },
      ],
      rows: sales.map(({ month, compliance: { total: t } }) => {
        const rates = [t.first_touch.met_rate, t.attempts.met_rate].filter((x): x is number => x !== null);
        return {
          cells: [monthShort(month), t.leads, t.first_touch.met_rate, t.attempts.met_rate, t.rejected, t.recycled],
          tone: rates.length ? complianceTone(Math.min(...rates)) : 'neutral',
          href: href.sla(month),
        };
      }),
    },
  ];
}

// ---------- MQL-definition performance ----------

interface Performance {
  mqls: number;
  customers: number;
  revenue: number;
  close_rate: number | null;
  /** Revenue ÷ MQLs: value per MQL as the value report computes it (average revenue per customer × close rate). */
  value: number | null;
}

interface ClausePerformance extends Performance {
  version: number;
  clause: string;
  label: string;
  mqlType: string | null;
  under: boolean;
}

interface VersionPerformance extends Performance {
  version: number;
  /** The local day the version was saved ('YYYY-MM-DD'). */
  since: string | null;
  current: boolean;
  under: boolean;
}

interface DefinitionPerformance {
  all: Performance;
  versions: VersionPerformance[];
  clauses: ClausePerformance[];
  /** MQLs that record no definition (imported history, set by hand): in `all`, never judged. */
  unrecorded: Performance | null;
}

const performance = (mqls: number, customers: number, revenue: number): Performance => ({
  mqls, customers, revenue: round2(revenue), close_rate: ratio(customers, mqls), value: mqls ? round2(revenue / mqls) : null,
});

const underDelivers = (p: Performance, overall: number | null) =>
  overall !== null && overall > 0 && p.mqls >= UNDER_DELIVER_MIN_MQLS && p.close_rate !== null && p.close_rate < overall * UNDER_DELIVER_SHARE;

/**
 * Close rate and value per MQL by definition version and clause: the value report's own query
 * (mqlValueSql) split by the version and clause each MQL recorded, so "customer" and "revenue" are
 * what value per MQL counts. Clause words come from the version's definition.
 */
async function definitionPerformance(db: Db, rows: { mql_type: string; grp: string; mqls: number; customers: number; revenue: number }[], zone: string): Promise<DefinitionPerformance> {
  const groups = new Map<string, { mqls: number; customers: number; revenue: number; types: Map<string, number> }>();
  for (const r of rows) {
    const g = groups.get(r.grp) ?? { mqls: 0, customers: 0, revenue: 0, types: new Map<string, number>() };
    g.mqls += r.mqls;
    g.customers += r.customers;
    g.revenue += r.revenue;
    g.types.set(r.mql_type, (g.types.get(r.mql_type) ?? 0) + r.mqls);
    groups.set(r.grp, g);
  }
  const sum = (k: 'mqls' | 'customers' | 'revenue') => [...groups.values()].reduce((s, g) => s + g[k], 0);
  const all = performance(sum('mqls'), sum('customers'), sum('revenue'));
  const recorded = [...groups].flatMap(([grp, g]) => {
    const i = grp.indexOf(':');
    const version = Number(grp.slice(0, i));
    return grp.slice(0, i) === '' || !Number.isInteger(version) ? [] : [{ version, clause: grp.slice(i + 1), ...g }];
  });
  const unrecordedGroups = [...groups].filter(([grp]) => !recorded.some((r) => `${r.version}:${r.clause}` === grp)).map(([, g]) => g);
  const versionNumbers = [...new Set(recorded.map((r) => r.version))];
  const [defs, [current]] = await Promise.all([
    versionNumbers.length ? db.query<{ version: number; definition: { clauses?: { id: string; label?: string; mqlType?: string }[] }; created_at: Date }>(definitionVersionsSql, [versionNumbers]) : Promise.resolve([]),
    db.query<{ version: number | null }>(currentDefinitionVersionSql),
  ]);
  const clauses: ClausePerformance[] = recorded.map((r) => {
    const def = defs.find((d) => Number(d.version) === r.version)?.definition.clauses?.find((c) => c.id === r.clause);
    const dominant = [...r.types].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
    const p = performance(r.mqls, r.customers, r.revenue);
    return { version: r.version, clause: r.clause, label: def?.label ?? 'A clause no longer on record', mqlType: def?.mqlType ?? dominant, ...p, under: underDelivers(p, all.close_rate) };
  }).sort((a, b) => b.version - a.version || b.mqls - a.mqls || a.label.localeCompare(b.label));
  const versions: VersionPerformance[] = versionNumbers.map((v) => {
    const cs = recorded.filter((r) => r.version === v);
    const p = performance(cs.reduce((s, c) => s + c.mqls, 0), cs.reduce((s, c) => s + c.customers, 0), cs.reduce((s, c) => s + c.revenue, 0));
    const d = defs.find((x) => Number(x.version) === v);
    return { version: v, since: d ? dayOf(new Date(d.created_at), zone) : null, current: current?.version != null && Number(current.version) === v, ...p, under: underDelivers(p, all.close_rate) };
  }).sort((a, b) => b.version - a.version);
  const unrecorded = unrecordedGroups.length
    ? performance(unrecordedGroups.reduce((s, g) => s + g.mqls, 0), unrecordedGroups.reduce((s, g) => s + g.customers, 0), unrecordedGroups.reduce((s, g) => s + g.revenue, 0))
    : null;
  return { all, versions, clauses, unrecorded };
}

function definitionBlocks(d: DefinitionPerformance, from: Date, closedAt: Date, zone: string): PackBlock[] {
  const first = monthShort(DateTime.fromJSDate(from, { zone }).toFormat('yyyy-MM'));
  const last = DateTime.fromJSDate(new Date(closedAt.getTime() - 1), { zone }).setLocale('en-GB').toFormat('d LLLL yyyy');
  const perf = (p: Performance) => [p.mqls, p.customers, p.close_rate, p.value] as const;
  const columns = [
    { label: 'MQLs', format: 'number' as const },
    { label: 'Customers', format: 'number' as const },
    { label: 'Close rate', format: 'percent' as const },
    { label: 'Value per MQL', format: 'money' as const },
  ];
  return [
    {
      type: 'text',
      text: `MQLs that qualified from ${first} to ${last}, and what they had become by then. A clause or version under-delivers when at least ${UNDER_DELIVER_MIN_MQLS} of its MQLs close at less than half the rate of all MQLs.`,
    },
    {
      type: 'figures',
      items: [
        { label: 'Close rate of all MQLs', value: d.all.close_rate, format: 'percent', detail: `${d.all.customers} customers of ${plural(d.all.mqls, 'MQL')}`, href: href.qualification },
        { label: 'Value per MQL', value: d.all.value, format: 'money', detail: `${money(d.all.revenue)} won from them`, href: href.qualification },
      ],
    },
    {
      type: 'table',
      title: 'By definition version',
      columns: [{ label: 'Version', format: 'text' }, { label: 'In force from', format: 'date' }, ...columns],
      rows: [
        ...d.versions.map((v) => ({
          cells: [`Version ${v.version}${v.current ? ' (current)' : ''}`, v.since, ...perf(v)],
          tone: v.under ? 'bad' as const : 'neutral' as const,
          href: href.qualification,
        })),
        ...(d.unrecorded ? [{ cells: ['No definition recorded (imported or set by hand)', null, ...perf(d.unrecorded)], tone: 'neutral' as const, href: href.qualification }] : []),
      ],
      empty: 'No contact became an MQL in these months.',
    },
    {
      type: 'table',
      title: 'By clause',
      columns: [{ label: 'Clause', format: 'text' }, { label: 'Version', format: 'text' }, { label: 'MQL type', format: 'text' }, ...columns],
      rows: d.clauses.map((c) => ({
        cells: [c.label, `Version ${c.version}`, c.mqlType ? dimensionValueLabel(c.mqlType) : 'None', ...perf(c)],
        tone: c.under ? 'bad' as const : 'neutral' as const,
        href: href.qualification,
      })),
      empty: 'No MQL of these months records the clause that qualified it.',
    },
  ];
}

function definitionTopics(d: DefinitionPerformance): Item[] {
  const evidence = (p: Performance) => {
    const ci = wilsonInterval(p.customers, p.mqls);
    return `${p.customers} of ${plural(p.mqls, 'MQL')} became customers (${pct(p.close_rate)}; 95 % interval ${pct(ci?.[0])} to ${pct(ci?.[1])}) against ${pct(d.all.close_rate)} for all MQLs; ${money(p.value)} per MQL against ${money(d.all.value)}`;
  };
  return [
    ...d.versions.filter((v) => v.under).map((v): Item => ({
      text: `Is version ${v.version} of the MQL definition letting in leads that do not buy?`,
      detail: evidence(v),
      tone: 'bad',
      href: href.qualification,
    })),
    ...d.clauses.filter((c) => c.under).map((c): Item => ({
      text: `Should "${c.label}" (version ${c.version}) stay in the MQL definition?`,
      detail: evidence(c),
      tone: 'bad',
      href: href.qualification,
    })),
  ];
}

// ---------- plans for the next month ----------

interface Plan {
  report: PlannerReport | null;
  /** Why there is no plan: the values that could not be measured, in words. */
  problem: string | null;
}

const plannedLabels: Record<PlannedValue, string> = {
  visitToLead: 'Visit to lead',
  leadToMql: 'Lead to MQL',
  mqlToSql: 'MQL to SQL',
  sqlToCustomer: 'SQL to customer',
  averageContractSize: 'Average contract size',
};

/**
 * The reverse funnel for the next month's revenue goal, on the rates measured over the same 12
 * months as the definition performance (contacts created then, as the planner measures them). A
 * rate that cannot be measured is a reason, not a plan.
 */
async function nextMonthPlan(db: Db, goal: MonthGoal, from: Date, to: Date, asOf: Date, zone: string): Promise<Plan> {
  try {
    const report = await reverseFunnelPlanner(db, { revenueGoal: goal.revenue_goal, months: 1, from: dayOf(from, zone), to: dayOf(new Date(to.getTime() - 1), zone) }, asOf, 365, zone);
    return { report, problem: null };
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== 'validation_failed') throw e;
    const fields = ((e.details.errors ?? []) as FieldProblem[]).map((p) => p.field.replace(/^rates\./, '') as PlannedValue);
    const names = fields.map((f) => (plannedLabels[f] ? inSentence(plannedLabels[f]) : f));
    return { report: null, problem: `Not enough history to plan from: ${names.join(', ')} could not be measured over the last 12 months.` };
  }
}

function planBlocks(goal: MonthGoal | null, nextSales: SalesReport, plan: Plan | null, next: string): PackBlock[] {
  const name = monthName(next);
  const quota = nextSales.quota.total;
  const quotaFigure: Figure = {
    label: 'Sales quota', value: quota, format: 'money',
    detail: quota === null ? `no quota is set for ${name}` : nextSales.quota.source === 'quarter' ? "a third of the quarter's quota" : `the quota set for ${name}`,
    href: href.sales(next),
  };
  if (!goal) {
    return [
      { type: 'figures', items: [quotaFigure] },
      { type: 'text', text: `No revenue goal is set for ${name} (nor for its quarter), so there is no marketing target and no reverse-funnel plan. Set the goal before the month starts.` },
    ];
  }
  const blocks: PackBlock[] = [
    {
      type: 'figures',
      items: [
        { label: 'Revenue goal', value: goal.revenue_goal, format: 'money', detail: goal.from === 'quarter' ? "a third of the quarter's goal" : `the goal set for ${name}`, href: href.marketingSla(next) },
        {
          label: "Marketing's target in MQL value", value: round2(goal.revenue_goal * goal.marketing_sourced_share), format: 'money',
          detail: `${pct(goal.marketing_sourced_share)} of the goal, sourced by marketing`, href: href.marketingSla(next),
        },
        quotaFigure,
        ...(plan?.report ? [{ label: 'MQLs needed', value: plan.report.plan.perMonth.mqls.needed, format: 'number' as const, detail: 'by the reverse funnel below', href: href.planner }] : []),
      ],
    },
  ];
  if (!plan?.report) {
    blocks.push({ type: 'text', text: plan?.problem ?? 'No plan.' });
    return blocks;
  }
  const p = plan.report.plan;
  const s = p.sources;
  // Each stage with the value it is worked out from and the sample that value was measured on (an entered value has none).
  const row = (stage: string, needed: number, key: PlannedValue, rate: number | null, from = plannedLabels[key]) => {
    const m = s[key].source === 'measured' ? s[key].measured : null;
    return { cells: [stage, needed, from, rate, m ? m.denominator : null], tone: m && m.denominator < SMALL_SAMPLE ? 'warning' as const : 'neutral' as const, href: href.planner };
  };
  blocks.push({
    type: 'table',
    title: `Reverse funnel: what ${money(p.revenueGoal)} takes in ${name}`,
    columns: [
      { label: 'Stage', format: 'text' },
      { label: 'Needed', format: 'number' },
      { label: 'From', format: 'text' },
      { label: 'Rate', format: 'percent' },
      { label: 'Measured on', format: 'number' },
    ],
    rows: [
      row('Customers', p.perMonth.customers.needed, 'averageContractSize', null, `Average contract size ${money(p.averageContractSize)}`),
      row('SQLs', p.perMonth.sqls.needed, 'sqlToCustomer', p.rates.sqlToCustomer),
      row('MQLs', p.perMonth.mqls.needed, 'mqlToSql', p.rates.mqlToSql),
      row('Leads', p.perMonth.leads.needed, 'leadToMql', p.rates.leadToMql),
      row('Visits', p.perMonth.visits.needed, 'visitToLead', p.rates.visitToLead),
    ],
  });
  const small = (Object.keys(plannedLabels) as PlannedValue[]).filter((k) => s[k].source === 'measured' && s[k].measured && s[k].measured.denominator < SMALL_SAMPLE);
  if (small.length) {
    blocks.push({ type: 'text', text: `Measured on fewer than ${SMALL_SAMPLE}: ${small.map((k) => inSentence(plannedLabels[k])).join(', ')}. Treat those steps as a rough guide.` });
  }
  return blocks;
}

// ---------- debate: lead-quality disputes ----------

// rejectionCode lives with the reason codes (funnel/transitions.ts); re-exported for the pack's callers.
export { rejectionCode };

interface RejectionGroup {
  dimension: 'mql_type' | 'channel' | 'campaign';
  value: string;
  label: string;
  rejected: number;
  topReason: string;
  topReasonCount: number;
}

const dimensionLabels: Record<RejectionGroup['dimension'], string> = { mql_type: 'MQL type', channel: 'Source', campaign: 'Campaign' };

function rejectionGroups(rows: RejectionRow[]): RejectionGroup[] {
  const out: RejectionGroup[] = [];
  for (const dimension of ['mql_type', 'channel', 'campaign'] as const) {
    const by = new Map<string, RejectionRow[]>();
    for (const r of rows) {
      const v = r[dimension];
      if (v !== null) by.set(v, [...(by.get(v) ?? []), r]);
    }
    for (const [value, rs] of by) {
      const reasons = new Map<string, number>();
      for (const r of rs) reasons.set(rejectionCode(r.reason), (reasons.get(rejectionCode(r.reason)) ?? 0) + 1);
      const [top, count] = [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]!;
      out.push({
        dimension, value, label: dimension === 'mql_type' ? dimensionValueLabel(value) : value, rejected: rs.length,
        topReason: reasonLabels[top as keyof typeof reasonLabels], topReasonCount: count,
      });
    }
  }
  return out.sort((a, b) => ['mql_type', 'channel', 'campaign'].indexOf(a.dimension) - ['mql_type', 'channel', 'campaign'].indexOf(b.dimension) || b.rejected - a.rejected || a.label.localeCompare(b.label));
}

/** Per split (MQL type, source, campaign): its biggest group, when it drew enough of the month's rejections to be a dispute. */
function rejectionTopics(rows: RejectionRow[], groups: RejectionGroup[], month: string): Item[] {
  const total = rows.length;
  const questions: Record<RejectionGroup['dimension'], (label: string) => string> = {
    mql_type: (l) => `Why does sales reject so many ${l} MQLs?`,
    channel: (l) => `Are the leads from ${l} worth passing to sales?`,
    campaign: (l) => `Is the "${l}" campaign bringing the right people?`,
  };
  return (['mql_type', 'channel', 'campaign'] as const).flatMap((dimension) => {
    const top = groups.find((g) => g.dimension === dimension);
    if (!top || top.rejected < DISPUTE_MIN_REJECTIONS || top.rejected < total * DISPUTE_MIN_SHARE) return [];
    return [{
      text: questions[dimension](top.label),
      detail: `${top.rejected} of the ${plural(total, 'rejection')} in ${monthName(month)}; the most common reason: ${inSentence(top.topReason)} (${top.topReasonCount})`,
      tone: 'warning' as const,
      href: href.leadQuality(month),
    }];
  });
}

function rejectionBlocks(rows: RejectionRow[], groups: RejectionGroup[], month: string): PackBlock[] {
  const reasons = new Map<string, number>();
  for (const r of rows) reasons.set(rejectionCode(r.reason), (reasons.get(rejectionCode(r.reason)) ?? 0) + 1);
  return [
    {
      type: 'table',
      title: `Why sales rejected MQLs in ${monthName(month)}`,
      columns: [
        { label: 'Reason', format: 'text' },
        { label: 'Rejected', format: 'number' },
        { label: 'Share', format: 'percent' },
      ],
      rows: [...reasons].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([code, n]) => ({
        cells: [reasonLabels[code as keyof typeof reasonLabels], n, ratio(n, rows.length)],
        href: href.leadQuality(month),
      })),
      empty: 'Sales rejected no MQL this month.',
    },
    ...(rows.length
      ? [{
          type: 'table' as const,
          title: 'Where the rejected MQLs came from',
          columns: [
            { label: 'By', format: 'text' as const },
            { label: 'Group', format: 'text' as const },
            { label: 'Rejected', format: 'number' as const },
            { label: 'Most common reason', format: 'text' as const },
          ],
          rows: groups.map((g) => ({
            cells: [dimensionLabels[g.dimension], g.label, g.rejected, `${g.topReason} (${g.topReasonCount})`],
            href: href.leadQuality(month),
          })),
        }]
      : []),
  ];
}

// ---------- debate: follow-up effort ----------

interface EffortGroup {
  mqlType: string | null;
  label: string;
  leads: number;
  perLead: number | null;
  /** Attempts per lead on the clocks that ended (or whose window ended) without ever reaching the lead. */
  unreachedPerLead: number | null;
  unreached: number;
  /** The attempts the SLA policy asked for (the most common among the month's clocks). */
  required: number | null;
  recommended: number | null;
  confidence: AttemptsReport['overall']['recommended']['confidence'];
  /** Never-reached leads left after fewer attempts than recommended. */
  shortOfRecommended: number | null;
}

interface Effort {
  all: EffortGroup;
  byType: EffortGroup[];
}

function effortGroup(rows: FollowUpEffortRow[], rec: AttemptsReport['overall']['recommended'] | null, mqlType: string | null, perLead: number | null, leads: number): EffortGroup {
  const unreached = rows.filter((r) => r.finished && !r.reached);
  const unreachedLeads = unreached.reduce((s, r) => s + r.leads, 0);
  const required = new Map<number, number>();
  for (const r of rows) required.set(r.attempts_required, (required.get(r.attempts_required) ?? 0) + r.leads);
  const n = rec?.n ?? null;
  return {
    mqlType,
    label: mqlType === null ? 'All MQL types' : dimensionValueLabel(mqlType),
    leads,
    perLead: perLead === null ? null : round2(perLead),
    unreachedPerLead: unreachedLeads ? round2(unreached.reduce((s, r) => s + r.attempts * r.leads, 0) / unreachedLeads) : null,
    unreached: unreachedLeads,
    required: [...required].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? null,
    recommended: n,
    confidence: rec?.confidence ?? 'none',
    shortOfRecommended: n === null ? null : unreached.filter((r) => r.attempts < n).reduce((s, r) => s + r.leads, 0),
  };
}

/**
 * Effort on the month's leads against the recommended number of attempts: for everyone (attempts
 * per lead as the SLA report gives it) and per MQL type (the same mean over that type's clocks),
 * each with the attemptsReport's recommendation for it.
 */
function followUpEffort(rows: FollowUpEffortRow[], attempts: AttemptsReport, total: Compliance['total']): Effort {
  const types = [...new Set(rows.map((r) => r.mql_type))];
  return {
    all: effortGroup(rows, attempts.overall.recommended, null, total.attempts.per_lead, total.leads),
    byType: types.map((t) => {
      const rs = rows.filter((r) => r.mql_type === t);
      const leads = rs.reduce((s, r) => s + r.leads, 0);
      const group = attempts.byGroup.find((g) => g.group === t);
      return effortGroup(rs, group?.recommended ?? null, t, leads ? rs.reduce((s, r) => s + r.attempts * r.leads, 0) / leads : null, leads);
    }).sort((a, b) => b.leads - a.leads || a.label.localeCompare(b.label)),
  };
}

function effortTopics(e: Effort, attempts: AttemptsReport, month: string): Item[] {
  const a = e.all;
  const n = a.recommended;
  if (n === null || n < 1 || a.confidence === 'none') return [];
  const sure = `${a.confidence} confidence`;
  const upTo = DateTime.fromISO(attempts.mqlTo).setZone(attempts.zone).minus({ milliseconds: 1 }).setLocale('en-GB').toFormat('d LLLL yyyy');
  const out: Item[] = [];
  if (a.unreachedPerLead !== null && a.unreachedPerLead < n - EFFORT_MARGIN) {
    out.push({
      text: 'Are reps giving up on leads too early?',
      detail: `The ${plural(a.unreached, 'lead')} of ${monthName(month)} never reached got ${num(a.unreachedPerLead)} attempts on average, ${a.shortOfRecommended} of them fewer than ${n}; the closed loop says attempt ${n} still pays (${sure})`,
      tone: 'warning',
      href: href.attempts,
    });
  } else if (a.unreachedPerLead !== null && a.unreachedPerLead > n + EFFORT_MARGIN) {
    out.push({
      text: 'Are reps calling leads past the point where it pays?',
      detail: `The ${plural(a.unreached, 'lead')} of ${monthName(month)} never reached got ${num(a.unreachedPerLead)} attempts on average; the closed loop says attempts after the ${ordinal(n)} cost more than they bring (${sure})`,
      tone: 'warning',
      href: href.attempts,
    });
  }
  if (a.required !== null && a.required !== n) {
    out.push({
      text: `Should the SLA ask for ${n} attempts per lead instead of ${a.required}?`,
      detail: `The follow-up policy asks for ${a.required}; on the leads that became MQLs up to ${upTo}, attempt ${n} is the last that pays for itself (${sure})`,
      tone: 'warning',
      href: href.attempts,
    });
  }
  return out;
}

function effortBlocks(e: Effort): PackBlock[] {
  if (!e.all.leads) return [];
  const row = (g: EffortGroup) => ({
    cells: [g.label, g.leads, g.perLead, g.unreachedPerLead, g.required, g.recommended, g.shortOfRecommended],
    tone: g.shortOfRecommended ? 'warning' as const : 'neutral' as const,
    href: href.attempts,
  });
  return [{
    type: 'table',
    title: 'Follow-up effort against the recommended number of attempts',
    columns: [
      { label: 'MQL type', format: 'text' },
      { label: 'Leads assigned', format: 'number' },
      { label: 'Attempts per lead', format: 'number' },
      { label: 'Attempts per lead never reached', format: 'number' },
      { label: 'Attempts the SLA asks for', format: 'number' },
      { label: 'Recommended attempts', format: 'number' },
      { label: 'Left short of the recommended', format: 'number' },
    ],
    rows: [row(e.all), ...e.byType.map(row)],
  }];
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}
