import { calendarDay } from '../shared/dates.js';
import { salesReport, salesReportRows } from '../domains/reports/sales-report.js';
import { reportWindow } from '../domains/reports/report-window.js';
import { ATTEMPTS_DEFAULT_DAYS, attemptsReport, attemptsRows } from '../domains/sla/attempts-report.js';
import { dimensionParam } from '../domains/reports/dimensions.js';
import { openLeads, salesDashboard, slaCompliance } from '../domains/sla/sla-dashboard.js';
import { defineReport, lastDays, runningMonth, type Rows } from './report-definition.js';
import { reportParams, wholeParam, windowShape } from './report-params.js';
import { attemptsReportData, handoffsReportData, leadsReportData, salesDashboardReportData, salesReportData, slaReportData } from './sales-report-data.js';
import { handoffsReport } from '../domains/sla/ae-handoffs.js';
import { num, pct } from '../shared/report-cells.js';
import { winLossReport, winLossRows } from '../domains/reports/win-loss-report.js';
import { winLossReportData } from './sales-report-data.js';

export const sales = defineReport({
  summary: 'Revenue won day by day against the quota, % reached, gap and projection; sales cycle lead → customer and MQL → customer (median and mean, by segment, source and any dimension); win/loss by reason and by dimension; results per rep. A month, or any from/to window.',
  data: salesReportData,
  params: reportParams({
    ...windowShape,
    dimension: dimensionParam().optional().describe('split the cycle and win/loss by (default segment): channel, source_detail, segment, industry, country, mql_type, property.<name> or company.property.<name>'),
  }),
  window: runningMonth,
  async run(ctx, p) {
    const w = ctx.window!;
    const data = await salesReport(ctx.db, ctx.clock, w.month ?? { from: w.from, to: w.to }, ctx.zone, p.dimension);
    return { data, rows: salesReportRows(data) };
  },
});

export const sla = defineReport({
  summary: 'SLA compliance of the leads assigned in the window, judged now, per rep and team: first touch met %, median time to first touch, attempts per lead, attempts met %, accepted, rejected by reason, recycled.',
  data: slaReportData,
  params: reportParams(windowShape),
  window: lastDays(30),
  async run(ctx) {
    const data = await slaCompliance(ctx.db, ctx.clock.now(), ctx.window!.from, ctx.window!.to);
    const row = (who: string, team: string | null, r: (typeof data)['total']) => ({
      who, team: team ?? '', leads: r.leads, 'first touch met rate': pct(r.first_touch.met_rate), 'median min to touch': num(r.first_touch.median_minutes),
      'attempts/lead': num(r.attempts.per_lead, 1), 'attempts met rate': pct(r.attempts.met_rate), accepted: r.accepted, rejected: r.rejected, recycled: r.recycled,
    });
    return { data, rows: [...data.reps.map((r) => row(r.owner_name ?? '(unassigned)', r.team, r)), ...data.teams.map((r) => row(`team ${r.team}`, r.team, r)), row('everyone', null, data.total)] };
  },
});

export const leads = defineReport({
  summary: 'Open leads now, most urgent first, with their first-touch and attempts clocks (a sales rep sees their own).',
  data: leadsReportData,
  params: reportParams({}),
  async run(ctx) {
    const data = await openLeads(ctx.db, ctx.clock.now(), { limit: 5000 }, ctx.scope);
    return {
      data,
      rows: data.map((l) => ({ lead: l.name, owner: l.owner_name ?? '—', status: l.status, 'first touch': l.first_touch_status, 'first touch due': l.first_touch_due.toISOString().slice(0, 16), attempts: `${l.attempts}/${l.attempts_required}`, 'attempts due': l.attempts_due.toISOString().slice(0, 10) })),
    };
  },
});

export const salesDashboardReport = defineReport({
  summary: 'Now: open leads by state, compliance today and month to date, leads not touched in time and not attempted enough (a sales rep sees their own leads).',
  data: salesDashboardReportData,
  params: reportParams({}),
  async run(ctx) {
    const data = await salesDashboard(ctx.db, ctx.clock.now(), ctx.zone, ctx.scope);
    const compliance = (label: string, c: (typeof data)['today']['total']) => ({ section: label, item: `${c.leads} leads · first touch met ${pct(c.first_touch.met_rate)} · attempts met ${pct(c.attempts.met_rate)}`, owner: '', due: '' });
    const rows: Rows = [
      { section: 'open', item: `${data.open.open} open · ${data.open.on_time} on time · ${data.open.at_risk} at risk · ${data.open.breached} breached`, owner: '', due: '' },
      compliance('today', data.today.total),
      compliance('month to date', data.month_to_date.total),
      ...data.not_touched_in_time.map((l) => ({ section: 'not touched in time', item: l.name, owner: l.owner_name ?? '—', due: l.first_touch_due.toISOString().slice(0, 16) })),
      ...data.not_attempted_enough.map((l) => ({ section: 'not attempted enough', item: l.name, owner: l.owner_name ?? '—', due: l.attempts_due.toISOString().slice(0, 16) })),
    ];
    return { data, rows };
  },
});

export const attempts = defineReport({
  summary: 'The optimal number of attempts: for leads that became MQLs in the window (default the last ten years) and long enough before as_of, what each further attempt converts, its value against its cost, and the recommended number, overall and by a dimension.',
  data: attemptsReportData,
  params: reportParams({
    ...windowShape,
    as_of: calendarDay().optional().describe('what is observed ends with this day, YYYY-MM-DD (default now)'),
    min_months: wholeParam('months', 0, 120).optional().describe('months a lead must have been an MQL before as_of to count (default 3)'),
    dimension: dimensionParam().optional().describe('split by mql_type (default), segment, industry, country, channel, source_detail, property.<name> or company.property.<name>'),
  }),
  // The window is on the leads' MQL moment.
  window: lastDays(ATTEMPTS_DEFAULT_DAYS),
  async run(ctx, p) {
    const asOf = p.as_of ? reportWindow({ to: p.as_of }, ctx.clock.now(), 1, ctx.zone).to : ctx.clock.now();
    const w = ctx.window!;
    const data = await attemptsReport(ctx.db, { asOf, minMonths: p.min_months, from: w.from, to: w.to, dimension: p.dimension, zone: ctx.zone, repCosts: ctx.can('costs:read') });
    return { data, rows: attemptsRows(data) };
  },
});

export const winLoss = defineReport({
  summary: 'Win/loss of the deals closed in the window (default the last 90 days): won, lost, win rate, average won deal and median cycle (created → closed) by segment, channel, source detail, MQL type, rep, deal size band or any enum property; win and lost reasons, and per group the reason that differs most from the whole.',
  data: winLossReportData,
  params: reportParams({
    ...windowShape,
    dimension: dimensionParam().optional().describe('split by (default segment): rep, deal_size, segment, channel, source_detail, mql_type, industry, country, deal.property.<name>, property.<name> or company.property.<name>'),
  }),
  window: lastDays(90),
  async run(ctx, p) {
    const w = ctx.window!;
    const data = await winLossReport(ctx.db, { from: w.from, to: w.to }, ctx.zone, p.dimension);
    return { data, rows: winLossRows(data) };
  },
});

export const handoffs = defineReport({
  summary: 'The SDR → account executive handoff over the window, judged now: time to accept (SDR assigned → accepted, per SDR and team) and time to the AE\'s first meeting (handed → first meeting held, per AE and team): leads, done, median and mean hours, share within the SLA.',
  data: handoffsReportData,
  params: reportParams(windowShape),
  window: lastDays(30),
  async run(ctx) {
    const data = await handoffsReport(ctx.db, ctx.clock.now(), ctx.window!.from, ctx.window!.to);
    type Stats = (typeof data)['accept']['total'];
    const row = (measure: string, who: string, team: string | null, r: Stats) => ({
      measure, who, team: team ?? '', leads: r.leads, done: r.done, 'median hours': num(r.median_hours, 1), 'mean hours': num(r.mean_hours, 1),
      decided: r.decided, 'within SLA': r.within_sla, 'within SLA share': pct(r.within_sla_share),
    });
    const rows = (measure: string, g: (typeof data)['accept']) => [
      ...g.people.map((p) => row(measure, p.name ?? '(unassigned)', p.team, p)),
      ...g.teams.map((t) => row(measure, `team ${t.team}`, t.team, t)),
      row(measure, 'everyone', null, g.total),
    ];
    return { data, rows: [...rows('time to accept', data.accept), ...rows('time to first meeting', data.first_meeting)] };
  },
});
