import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { invalid } from '../../shared/errors.js';
import { systemActor, type Ctx } from '../context.js';
import { listDeals, type Deal } from '../crm/deals.js';
import { listStages, type Stage } from '../funnel/stages.js';
import { goalForMonth } from '../goals/goals.js';
import { leadWaterfall } from '../marketing-sla/marketing-sla.js';
import { measuredMqlValues, type MeasuredValue } from '../marketing-sla/mql-value.js';
import { dimensionValueLabel } from '../reports/dimensions.js';
import { assetsReport } from '../reports/marketing-sources.js';
import { campaignsSql, type CampaignRow } from '../reports/queries/marketing-report.js';
import { dayOf, monthOf } from '../reports/report-window.js';
import { openLeadCounts, openLeads, slaCompliance, type OpenLead } from '../sla/sla-dashboard.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { actionItemsSection, overdueActionItems, overdueListItem } from './action-items-section.js';
import { noPresenters, packAgenda, packMeeting, type AgendaItem, type Presenters } from './pack-agenda.js';
import type { PackBlock, PackDocument, PackSection, Tone } from './pack-document.js';
import { funnelWeeksSql, previousMeetingSql, upcomingCampaignsSql } from './queries/weekly-pack.js';
import { activeSeries } from './meeting-series.js';
import { formatValue, plural } from './render/format-value.js';
import { periodOf } from './series-occurrences.js';

/**
 * The weekly Smarketing meeting's agenda (PRODUCT.md §7): one item per section, in this order,
 * with its timebox for the default 35-minute meeting and the side that presents it. The SLA of
 * each team is presented by that team's presenter; the funnel and the promotions are marketing's
 * story, the wins sales'; the at-risk items and the action items belong to both (no presenter).
 * A series of another length scales every timebox (agendaTimeboxes).
 */
export const weeklyAgenda = [
  { key: 'marketing_sla', title: 'Marketing SLA', minutes: 7, side: 'marketing' },
  { key: 'sales_sla', title: 'Sales SLA', minutes: 7, side: 'sales' },
  { key: 'funnel', title: 'Funnel this week', minutes: 5, side: 'marketing' },
  { key: 'highlights', title: 'Highlights and big wins', minutes: 4, side: 'sales' },
  { key: 'at_risk', title: 'At-risk items', minutes: 5, side: null },
  { key: 'promotions', title: 'Upcoming promotions', minutes: 3, side: 'marketing' },
  { key: 'action_items', title: "Last meeting's action items", minutes: 4, side: null },
] as const satisfies readonly AgendaItem[];

export const DEFAULT_WEEKLY_MINUTES = 35;
/**
 * A rep is "under compliance" below this share of SLA clocks met. The SLA policies
 * (sla/sla-policies.ts) set deadlines, not a compliance goal, so the pack uses 90 %: one lead in
 * ten may slip before the meeting talks about the rep.
 */
export const COMPLIANCE_TARGET = 0.9;
/**
 * A falling close rate of an MQL type: the MQLs of the last 90 days against those of the 90 days
 * before, each judged at the same age (the older cohort as it stood 90 days ago), so the recent
 * cohort is not "falling" merely for being young. Flagged only with at least 20 MQLs in each
 * cohort, a relative drop of a quarter or more, and a one-sided two-proportion z-test above 1.28
 * (90 % confidence): a type with a handful of MQLs always looks like it moved.
 */
export const CLOSE_RATE_DAYS = 90;
export const CLOSE_RATE_MIN_MQLS = 20;
export const CLOSE_RATE_MIN_DROP = 0.25;
export const CLOSE_RATE_MIN_Z = 1.28;
/** Funnel stages the pack follows: subscribers are the newsletter's business, evangelists rare. */
const funnelRows: Stage[] = ['lead', 'mql', 'sql', 'opportunity', 'customer'];
/** Rows of the longer tables: the meeting reads the top of each list, the report has the rest. */
const TOP = 5;
const BREACHED_ROWS = 10;
const DAY_MS = 86_400_000;

interface MeetingFrame {
  seriesId: number | null;
  seriesName: string | null;
  duration: number;
  period: string | null;
  presenters: Presenters;
}

async function meetingFrame(db: Db, meetingId: number | null | undefined): Promise<MeetingFrame> {
  if (meetingId != null) {
    const { seriesId, seriesName, duration, period, presenters } = await packMeeting(db, meetingId, 'weekly');
    return { seriesId, seriesName, duration, period, presenters };
  }
  const s = await activeSeries(db, 'weekly');
  if (!s) return { seriesId: null, seriesName: null, duration: DEFAULT_WEEKLY_MINUTES, period: null, presenters: noPresenters };
  return { seriesId: Number(s.id), seriesName: s.name, duration: s.duration_minutes, period: null, presenters: noPresenters };
}

const money = (v: number | null | undefined) => formatValue(v, 'money');
const pct = (v: number | null | undefined) => formatValue(v, 'percent');
/** A compliance rate against COMPLIANCE_TARGET (the monthly pack's SLA trend judges it the same way). */
export const complianceTone = (rate: number | null): Tone => (rate === null ? 'neutral' : rate >= COMPLIANCE_TARGET ? 'good' : 'bad');

/** "10–17 December 2026", "26 November – 3 December 2026", "29 December 2026 – 5 January 2027". */
function dayRange(from: DateTime, to: DateTime): string {
  if (from.year !== to.year) return `${from.toFormat('d LLLL yyyy')} – ${to.toFormat('d LLLL yyyy')}`;
  if (from.month !== to.month) return `${from.toFormat('d LLLL')} – ${to.toFormat('d LLLL yyyy')}`;
  return `${from.toFormat('d')}–${to.toFormat('d LLLL yyyy')}`;
}

/** `from`/`to` query of a report page: the local days of [from, to), `to` inclusive as the pages take it. */
function daysQuery(from: Date, to: Date, zone: string): string {
  return `from=${dayOf(from, zone)}&to=${dayOf(new Date(to.getTime() - 1), zone)}`;
}

/**
 * The weekly Smarketing meeting pack (PRODUCT.md §7), from live data: the week reviewed is
 * [at − 7 days, at) (calendar days in the workspace zone, so a DST week stays a week). Figures
 * are judged at the earlier of the meeting moment and now: a pack sent before the meeting shows
 * the state now, nothing judged in the future. With `meetingId` it is that meeting's pack (its
 * series' duration and action items, its presenters); without, the active weekly series' (if any).
 */
export async function weeklyPack(ctx: Ctx, opts: { at: Date; meetingId?: number | null }): Promise<PackDocument> {
  const { db } = ctx;
  const at = opts.at;
  if (!(at instanceof Date) || Number.isNaN(at.getTime())) throw invalid([{ field: 'at', problem: 'must be a valid date and time' }]);
  const now = ctx.clock.now();
  const asOf = new Date(Math.min(at.getTime(), now.getTime()));
  const clockAt: Clock = { now: () => asOf };
  const zone = await reportZone(db);
  const local = DateTime.fromJSDate(at, { zone }).setLocale('en-GB');
  const from = local.minus({ days: 7 }).toJSDate();
  // A pack read before its meeting covers the week so far: its comparisons take the same days and
  // hours of the weeks before, and its labels say "so far".
  const partial = asOf < at;
  const weekStarts = [1, 2, 3, 4, 5].map((k) => local.minus({ days: 7 * k }).toJSDate());
  const elapsed = Math.max(0, asOf.getTime() - from.getTime());
  const spans = weekStarts.flatMap((start, k) => [start, partial ? new Date(start.getTime() + elapsed) : k === 0 ? at : weekStarts[k - 1]!]);
  const thisWeek = partial ? 'so far this week' : 'this week';
  const month = monthOf(at, zone);
  const frame = await meetingFrame(db, opts.meetingId);
  const agenda = packAgenda(weeklyAgenda, frame.duration, frame.presenters);
  const week = daysQuery(from, at, zone);
  const fourWeeks = daysQuery(local.minus({ days: 28 }).toJSDate(), at, zone);

  const [goal, weekSla, fourWeekSla, breachedCounts, breached, funnel, stageLabels, won, campaigns, assets, upcoming, recentRates, priorRates, previous, overdue] = await Promise.all([
    goalForMonth(db, month),
    slaCompliance(db, asOf, from, at),
    slaCompliance(db, asOf, local.minus({ days: 28 }).toJSDate(), at),
    openLeadCounts(db, asOf),
    // The rows and the per-rep counts; the totals come from openLeadCounts, which has no limit.
    openLeads(db, asOf, { status: 'breached', limit: 1000 }),
    db.query<{ stage: Stage; this_week: number; last_week: number; prior_four_weeks: number }>(funnelWeeksSql, spans),
    listStages(db),
    wonDeals(ctx, from, asOf),
    db.query<CampaignRow>(campaignsSql, [from, asOf, dayOf(from, zone), dayOf(at, zone)]),
    assetsReport(db, { from, to: asOf }, { limit: null }),
    db.query<{ id: number; name: string; type: string; starts_on: string; ends_on: string | null }>(upcomingCampaignsSql, [local.toISODate(), local.plus({ days: 14 }).toISODate()]),
    measuredMqlValues(db, { from: new Date(asOf.getTime() - CLOSE_RATE_DAYS * DAY_MS), to: asOf }, asOf),
    measuredMqlValues(db, { from: new Date(asOf.getTime() - 2 * CLOSE_RATE_DAYS * DAY_MS), to: new Date(asOf.getTime() - CLOSE_RATE_DAYS * DAY_MS) }, new Date(asOf.getTime() - CLOSE_RATE_DAYS * DAY_MS)),
    frame.seriesId == null ? Promise.resolve([]) : db.query<{ at: Date | null }>(previousMeetingSql, [frame.seriesId, at]),
    overdueActionItems(db, { seriesId: frame.seriesId, at, zone }),
  ]);
  // Needs the goal: leadWaterfall refuses a month without one, and the pack says so instead.
  const waterfall = goal ? await leadWaterfall(db, clockAt, month, 'linear', zone) : null;
  const monthName = DateTime.fromFormat(month, 'yyyy-MM', { zone }).setLocale('en-GB').toFormat('LLLL yyyy');
  const slaHref = `/marketing-sla?month=${month}`;

  // — Marketing SLA
  const marketingBlocks: PackBlock[] = [];
  if (!waterfall) {
    marketingBlocks.push({ type: 'text', text: `No revenue goal is set for ${monthName}, so marketing's SLA has no target to be measured against. Set the month's or the quarter's goal in the settings.` });
  } else {
    const w = waterfall;
    const status = { behind: 'Behind pace', on_track: 'On track', ahead: 'Ahead of pace', not_started: 'Not started' }[w.today.status as 'behind' | 'on_track' | 'ahead' | 'not_started'];
    const paceTone: Tone = w.today.status === 'behind' ? 'warning' : w.today.status === 'not_started' ? 'neutral' : 'good';
    const projectedShare = w.projection.share_of_target;
    const projectionTone: Tone = projectedShare === null ? 'neutral' : projectedShare >= 1 ? 'good' : 'warning';
    marketingBlocks.push({
      type: 'figures',
      items: [
        {
          label: `MQL value delivered in ${monthName}`, value: w.delivered.value, format: 'money', target: w.target.value, tone: paceTone,
          detail: `of ${money(w.target.value)} target · projected ${money(w.projection.value)}`, href: slaHref,
        },
        {
          label: `MQLs delivered in ${monthName}`, value: w.delivered.mqls, format: 'number', target: w.target.mqls, tone: paceTone,
          detail: w.target.mqls === null ? 'no target in MQLs yet: no MQLs in the three months before' : `of ${plural(w.target.mqls, 'MQL')} at the current type mix`, href: slaHref,
        },
        {
          label: 'Against pace', value: w.today.ratio, format: 'percent', target: 1, tone: paceTone,
          detail: `${status}: ${money(w.delivered.value)} delivered, ${money(w.today.pace_value)} expected by now`, href: slaHref,
        },
        {
          label: 'Projected at month end', value: w.projection.value, format: 'money', target: w.target.value, tone: projectionTone,
          detail: projectedShare === null ? 'the month has not started' : `${pct(projectedShare)} of target`, href: slaHref,
        },
      ],
    });
    marketingBlocks.push({
      type: 'chart',
      title: 'Cumulative MQL value against the pace to target',
      kind: 'line',
      format: 'money',
      categories: w.days.map((d) => DateTime.fromISO(d.day).setLocale('en-GB').toFormat('d LLL')),
      series: [
        { name: 'MQL value', values: w.days.map((d) => d.cumulative_value) },
        { name: 'Pace to target', values: w.days.map((d) => d.pace_value), style: 'dashed' },
      ],
      href: slaHref,
    });
  }

  // — Sales SLA
  const ftBreached = breachedCounts.first_touch_breached;
  const attBreached = breachedCounts.attempts_breached;
  const breachedTotal = breachedCounts.breached;
  const reps = repCompliance(weekSla, fourWeekSla, breached);
  const salesBlocks: PackBlock[] = [
    {
      type: 'figures',
      items: [
        {
          label: 'First touch in time this week', value: weekSla.total.first_touch.met_rate, format: 'percent', target: COMPLIANCE_TARGET, tone: complianceTone(weekSla.total.first_touch.met_rate),
          detail: `${weekSla.total.first_touch.met} of ${plural(weekSla.total.first_touch.decided, 'lead')} assigned this week and due by now`, href: `/sla?${week}`,
        },
        {
          label: 'Attempts completed, last 4 weeks', value: fourWeekSla.total.attempts.met_rate, format: 'percent', target: COMPLIANCE_TARGET, tone: complianceTone(fourWeekSla.total.attempts.met_rate),
          // Four weeks, not one: an attempts window runs for days, so a week's own leads are mostly undecided.
          detail: `${fourWeekSla.total.attempts.met} of ${plural(fourWeekSla.total.attempts.decided, 'lead')} whose attempts are decided`, href: `/sla?${fourWeeks}`,
        },
        {
          label: 'Leads breached now', value: breachedTotal, format: 'number', target: 0, tone: breachedTotal ? 'bad' : 'good',
          detail: `${ftBreached} not touched in time · ${attBreached} short of attempts`, href: '/sla',
        },
      ],
    },
    {
      type: 'table',
      title: 'SLA compliance by rep',
      columns: [
        { label: 'Rep', format: 'text' },
        { label: 'Leads this week', format: 'number' },
        { label: 'First touch in time', format: 'percent' },
        { label: 'Attempts completed (4 weeks)', format: 'percent' },
        { label: 'Breached now', format: 'number' },
      ],
      rows: reps.map((r) => ({ cells: [r.name, r.leads, r.firstTouch, r.attempts, r.breached], tone: r.under ? 'bad' : r.breached ? 'warning' : 'good', href: `/sla?${week}` })),
      empty: 'No leads were assigned to reps in the last four weeks.',
    },
    {
      type: 'table',
      title: 'Leads breached now',
      columns: [
        { label: 'Lead', format: 'text' },
        { label: 'Rep', format: 'text' },
        { label: 'Breached', format: 'text' },
        { label: 'Due', format: 'date' },
      ],
      rows: breached.slice(0, BREACHED_ROWS).map((l) => ({
        cells: [leadLabel(l), l.owner_name ?? 'No owner', breachText(l), new Date(l.first_touch_status === 'breached' ? l.first_touch_due : l.attempts_due).toISOString()],
        tone: 'bad' as const,
        href: `/contacts/${Number(l.contact_id)}`,
      })),
      empty: 'No lead is past its SLA.',
    },
  ];
  if (breachedTotal > BREACHED_ROWS) salesBlocks.push({ type: 'text', text: `And ${plural(breachedTotal - BREACHED_ROWS, 'more lead')} on the SLA page.` });

  // — Funnel movement
  const labelOf = (s: Stage) => stageLabels.find((l) => l.key === s)?.label ?? dimensionValueLabel(s);
  const movement = funnelRows.map((stage) => {
    const r = funnel.find((f) => f.stage === stage);
    const avg = Math.round(((r?.prior_four_weeks ?? 0) / 4) * 100) / 100;
    return { stage, label: labelOf(stage), thisWeek: r?.this_week ?? 0, lastWeek: r?.last_week ?? 0, avg };
  });
  const funnelHref = `/funnel?${week}`;
  const funnelBlocks: PackBlock[] = [
    {
      type: 'table',
      title: 'Contacts reaching each stage for the first time',
      columns: [
        { label: 'Stage', format: 'text' },
        { label: partial ? 'This week so far' : 'This week', format: 'number' },
        { label: partial ? 'Last week, same days' : 'Last week', format: 'number' },
        { label: partial ? 'Average of the 4 weeks before, same days' : 'Average of the 4 weeks before', format: 'number' },
      ],
      rows: movement.map((m) => ({ cells: [m.label, m.thisWeek, m.lastWeek, m.avg], tone: m.thisWeek > m.avg ? 'good' : m.thisWeek < m.avg ? 'warning' : 'neutral', href: funnelHref })),
    },
    {
      type: 'chart',
      title: partial ? 'Funnel movement so far this week, against the same days of last week and the 4-week average' : 'Funnel movement: this week, last week and the 4-week average',
      kind: 'bar',
      format: 'number',
      categories: movement.map((m) => m.label),
      series: [
        { name: partial ? 'This week so far' : 'This week', values: movement.map((m) => m.thisWeek) },
        { name: partial ? 'Last week, same days' : 'Last week', values: movement.map((m) => m.lastWeek) },
        { name: '4-week average', values: movement.map((m) => m.avg), style: 'dashed' },
      ],
      href: funnelHref,
    },
  ];

  // — Highlights and big wins
  const revenueWon = Math.round(won.reduce((s, d) => s + (d.amount ?? 0), 0) * 100) / 100;
  const bestCampaigns = campaigns
    .filter((c) => c.leads > 0 || c.visits > 0)
    .sort((a, b) => b.mqls - a.mqls || b.leads - a.leads || b.visits - a.visits || a.campaign.localeCompare(b.campaign))
    .slice(0, 3);
  const bestAssets = assetResults(assets).slice(0, TOP);
  const highlightBlocks: PackBlock[] = [
    {
      type: 'figures',
      items: [
        { label: `Deals won ${thisWeek}`, value: won.length, format: 'number', tone: won.length ? 'good' : 'neutral', href: `/deals?${week}` },
        { label: `Revenue won ${thisWeek}`, value: revenueWon, format: 'money', tone: revenueWon > 0 ? 'good' : 'neutral', href: `/deals?${week}` },
      ],
    },
    {
      type: 'table',
      title: 'Deals won',
      columns: [
        { label: 'Deal', format: 'text' },
        { label: 'Company', format: 'text' },
        { label: 'Rep', format: 'text' },
        { label: 'Amount', format: 'money' },
      ],
      rows: won.slice(0, TOP).map((d) => ({ cells: [d.name, d.company_name, d.owner_name, d.amount], tone: 'good' as const, href: `/deals?${week}` })),
      empty: `No deal was won ${thisWeek}.`,
    },
    ...(won.length > TOP ? [{ type: 'text' as const, text: `And ${plural(won.length - TOP, 'more deal')} won: see the deals page.` }] : []),
    {
      type: 'table',
      title: `Best campaigns ${thisWeek}`,
      columns: [
        { label: 'Campaign', format: 'text' },
        { label: 'Type', format: 'text' },
        { label: 'Visits', format: 'number' },
        { label: 'New leads', format: 'number' },
        { label: 'MQLs among them', format: 'number' },
      ],
      rows: bestCampaigns.map((c) => ({ cells: [c.campaign, dimensionValueLabel(c.type), c.visits, c.leads, c.mqls], href: `/campaigns?${week}` })),
      empty: `No campaign brought visits or leads ${thisWeek}.`,
    },
    {
      type: 'table',
      title: `Best assets ${thisWeek}`,
      columns: [
        { label: 'Asset', format: 'text' },
        { label: 'Result', format: 'text' },
        { label: 'Count', format: 'number' },
      ],
      rows: bestAssets.map((a) => ({ cells: [a.name, a.what, a.count], href: `/assets?${week}` })),
      empty: `No asset converted anyone ${thisWeek}.`,
    },
  ];

  // — At-risk items
  const falling = fallingCloseRates(recentRates, priorRates);
  const risks: Extract<PackBlock, { type: 'list' }>['items'] = [];
  if (breachedTotal) {
    risks.push({ text: `${plural(breachedTotal, 'lead')} past the follow-up SLA`, detail: `${ftBreached} not touched in time · ${attBreached} short of attempts`, tone: 'bad', href: '/sla' });
  }
  for (const r of reps.filter((x) => x.under)) {
    risks.push({
      text: `${r.name} is under ${Math.round(COMPLIANCE_TARGET * 100)}% SLA compliance`,
      detail: `first touch in time ${pct(r.firstTouch)} this week · attempts completed ${pct(r.attempts)} over 4 weeks`,
      tone: 'bad',
      href: `/sla?${week}`,
    });
  }
  if (waterfall && waterfall.today.status === 'behind') {
    risks.push({
      text: 'Marketing is behind pace on its SLA',
      detail: `${money(waterfall.delivered.value)} delivered against ${money(waterfall.today.pace_value)} expected by now · projected ${money(waterfall.projection.value)} of ${money(waterfall.target.value)}`,
      tone: 'warning',
      href: slaHref,
    });
  }
  for (const f of falling) {
    risks.push({
      text: `Close rate of ${dimensionValueLabel(f.type)} MQLs is falling`,
      detail: `${pct(f.recent.close_rate)} (${f.recent.customers} of ${f.recent.mqls}) for the last ${CLOSE_RATE_DAYS} days' MQLs against ${pct(f.prior.close_rate)} (${f.prior.customers} of ${f.prior.mqls}) for the ${CLOSE_RATE_DAYS} days before, at the same age`,
      tone: 'warning',
      href: slaHref,
    });
  }
  for (const o of overdue) risks.push(overdueListItem(o, `Action item overdue: ${o.title}`));

  // — Upcoming promotions
  const promotionBlocks: PackBlock[] = [
    {
      type: 'table',
      title: 'Campaigns and webinars starting in the next two weeks',
      columns: [
        { label: 'Campaign', format: 'text' },
        { label: 'Type', format: 'text' },
        { label: 'Starts', format: 'date' },
        { label: 'Ends', format: 'date' },
      ],
      rows: upcoming.map((c) => ({ cells: [c.name, dimensionValueLabel(c.type), c.starts_on, c.ends_on], href: '/campaigns' })),
      empty: 'No campaign or webinar starts in the next two weeks.',
    },
  ];

  // — Action items (shared with the monthly pack)
  const since = previous[0]?.at ? new Date(previous[0].at) : null;
  const actionItem = agenda.item('action_items');
  const actions = await actionItemsSection(db, { seriesId: frame.seriesId, since, at, zone, minutes: actionItem.minutes, title: actionItem.title });

  const sections: PackSection[] = [
    agenda.section('marketing_sla', marketingBlocks),
    agenda.section('sales_sla', salesBlocks),
    agenda.section('funnel', funnelBlocks),
    agenda.section('highlights', highlightBlocks),
    agenda.section('at_risk', [{ type: 'list', items: risks, empty: 'Nothing is at risk this week.' }]),
    agenda.section('promotions', promotionBlocks),
    { ...actions, presenter: actionItem.presenter },
  ];

  const meetingLine = `meeting ${local.toFormat('cccc d LLLL, HH:mm')} (${zone})`;
  return {
    kind: 'weekly_pack',
    title: frame.seriesName ?? 'Weekly Smarketing meeting',
    subtitle: `Week of ${dayRange(DateTime.fromJSDate(from, { zone }).setLocale('en-GB'), local)}${partial ? `, so far (to ${DateTime.fromJSDate(asOf, { zone }).setLocale('en-GB').toFormat('cccc d LLLL, HH:mm')})` : ''} · ${meetingLine}`,
    period: frame.period ?? periodOf('weekly', at, zone),
    generated_at: now.toISOString(),
    time_zone: zone,
    ...agenda.finish(sections, 'Lengthen the meeting or drop an item.'),
  };
}

/**
 * Deals won in [from, to), biggest first, through the deals list itself. Read as the system: the
 * pack is the team's one document (emailed to every attendee, snapshotted when held), not the
 * caller's view; who may open a pack is the route's permission.
 */
async function wonDeals(ctx: Ctx, from: Date, to: Date): Promise<Deal[]> {
  const sys = { ...ctx, actor: systemActor };
  const out: Deal[] = [];
  let cursor: string | undefined;
  do {
    const page = await listDeals(sys, { limit: 500, sort: '-amount', cursor, filters: { outcome: 'won', closed_after: from.toISOString(), closed_before: to.toISOString() } });
    out.push(...page.data);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return out;
}

type Compliance = Awaited<ReturnType<typeof slaCompliance>>;

interface RepRow {
  name: string;
  leads: number;
  firstTouch: number | null;
  attempts: number | null;
  breached: number;
  under: boolean;
}

/** Per rep: this week's first touch, four weeks' attempts, breached leads now; under the target on either is "under compliance". */
function repCompliance(week: Compliance, fourWeeks: Compliance, breached: OpenLead[]): RepRow[] {
  const ids = new Map<number, string>();
  for (const r of [...week.reps, ...fourWeeks.reps]) if (r.owner_id != null) ids.set(Number(r.owner_id), r.owner_name ?? 'Unnamed rep');
  for (const l of breached) if (l.owner_id != null) ids.set(Number(l.owner_id), l.owner_name ?? 'Unnamed rep');
  return [...ids]
    .map(([id, name]) => {
      const w = week.reps.find((r) => Number(r.owner_id) === id);
      const f = fourWeeks.reps.find((r) => Number(r.owner_id) === id);
      const firstTouch = w?.first_touch.met_rate ?? null;
      const attempts = f?.attempts.met_rate ?? null;
      const under = (firstTouch !== null && firstTouch < COMPLIANCE_TARGET) || (attempts !== null && attempts < COMPLIANCE_TARGET);
      return { name, leads: w?.leads ?? 0, firstTouch, attempts, breached: breached.filter((l) => Number(l.owner_id) === id).length, under };
    })
    .sort((a, b) => Number(b.under) - Number(a.under) || b.breached - a.breached || a.name.localeCompare(b.name));
}

function leadLabel(l: OpenLead): string {
  return l.name ?? l.email ?? 'A lead without a name';
}

function breachText(l: OpenLead): string {
  const both = l.first_touch_status === 'breached' && l.attempts_status === 'breached';
  if (both) return 'First touch and attempts';
  return l.first_touch_status === 'breached' ? 'First touch' : `Attempts (${l.attempts} of ${l.attempts_required})`;
}

/** What each asset did in the week, as one comparable count: conversions, downloads, registrations, clicks, submissions. */
function assetResults(a: Awaited<ReturnType<typeof assetsReport>>): { name: string; what: string; count: number }[] {
  const rows = [
    ...a.pages.map((p) => ({ name: p.name ?? p.path, what: 'Landing page conversions', count: p.submitters })),
    ...a.content.map((c) => ({ name: c.name ?? c.key, what: 'Downloads', count: c.downloads })),
    ...a.webinars.map((w) => ({ name: w.name ?? w.key, what: 'Webinar registrations', count: w.registrations })),
    ...a.ctas.map((c) => ({ name: c.name ?? c.key, what: 'Call-to-action clicks', count: c.clicks })),
    ...a.forms.map((f) => ({ name: f.name ?? f.key, what: 'Form submissions', count: f.submissions })),
  ];
  return rows.filter((r) => r.count > 0).sort((x, y) => y.count - x.count || x.name.localeCompare(y.name));
}

export interface FallingCloseRate {
  type: string;
  recent: MeasuredValue;
  prior: MeasuredValue;
  z: number;
}

/** MQL types whose close rate fell, by the rule at CLOSE_RATE_DAYS: enough MQLs, a real drop, and unlikely to be chance. */
export function fallingCloseRates(recent: MeasuredValue[], prior: MeasuredValue[]): FallingCloseRate[] {
  const out: FallingCloseRate[] = [];
  for (const r of recent) {
    const p = prior.find((x) => x.mql_type === r.mql_type);
    if (!p || r.mqls < CLOSE_RATE_MIN_MQLS || p.mqls < CLOSE_RATE_MIN_MQLS || p.close_rate === null || r.close_rate === null || p.close_rate === 0) continue;
    if (r.close_rate > p.close_rate * (1 - CLOSE_RATE_MIN_DROP)) continue;
    const pooled = (r.customers + p.customers) / (r.mqls + p.mqls);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / r.mqls + 1 / p.mqls));
    const z = se > 0 ? (p.close_rate - r.close_rate) / se : 0;
    if (z >= CLOSE_RATE_MIN_Z) out.push({ type: r.mql_type, recent: r, prior: p, z });
  }
  return out.sort((a, b) => b.z - a.z || a.type.localeCompare(b.type));
}
