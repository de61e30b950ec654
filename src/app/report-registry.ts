import { stringify } from 'csv-stringify/sync';
import type { Db } from '../db/client.js';
import type { RecordScope } from '../domains/auth/record-scope.js';
import { escapeFormula } from '../domains/crm/csv-export/formula-escape.js';
import { funnelBreakdown } from '../domains/funnel/funnel-breakdown.js';
import { funnelReport } from '../domains/funnel/funnel-report.js';
import { leadWaterfall, type Pace } from '../domains/marketing-sla/marketing-sla.js';
import { mqlValueTable, mqlValueWindow } from '../domains/marketing-sla/mql-value.js';
import { reverseFunnelPlannerFromQuery } from '../domains/planning/funnel-rates.js';
import { attributionOptions, attributionReport, attributionTable } from '../domains/reports/attribution-report.js';
import { assetsReport, sourcesReport } from '../domains/reports/marketing-sources.js';
import { salesReport, salesReportRows } from '../domains/reports/sales-report.js';
import { marketingReport } from '../domains/reports/marketing-report.js';
import { monthOf, reportWindow, type ReportWindow } from '../domains/reports/report-window.js';
import { calibrationReport } from '../domains/scoring/calibration-report.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import { latestModelReport, trainAndApply } from '../domains/scoring/predictive-training.js';
import { attemptsReport } from '../domains/sla/attempts-report.js';
import { openLeads, slaCompliance } from '../domains/sla/sla-dashboard.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

/**
 * Every report once, for every way it is read: its data (what the API answers) and a flat table
 * (the terminal's table and the CSV export, from the CLI and from GET /api/reports/:name/csv).
 */
export interface ReportQuery {
  month?: string;
  from?: string;
  to?: string;
  /** model: train a new model first (CLI only: a GET never writes). */
  train?: boolean;
  minMonths?: string;
  pace?: string;
  goal?: string;
  months?: string;
  maturityDays?: string;
  model?: string;
  /** attribution: channel, campaign or asset; funnel-breakdown: month, channel, mql_type or segment. */
  dimension?: string;
  lookbackDays?: string;
  halfLifeDays?: string;
  /** planner: entered rates and average contract size (win over the measured ones). */
  visitToLead?: string;
  leadToMql?: string;
  mqlToSql?: string;
  sqlToCustomer?: string;
  averageContractSize?: string;
}

export type Rows = Record<string, unknown>[];

const num = (v: number | null | undefined, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');
const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');

/** Each report: its data (as the API answers it) and the table a person reads in a terminal. */
/** `scope`: the reader's record scope, for reports that list records rather than count them. */
export const reports: Record<string, { defaultDays: number; run(db: Db, clock: Clock, w: ReportWindow, q: ReportQuery, zone: string, scope: RecordScope | null): Promise<{ data: unknown; rows: Rows }> }> = {
  sources: {
    defaultDays: 30,
    async run(db, clock, w) {
      const data = await sourcesReport(db, w);
      return { data, rows: data.channels.map((c) => ({ channel: c.channel, visits: c.visits, contacts: c.contacts, customers: c.customers, 'visit→contact': pct(c.visit_to_contact), 'contact→customer': pct(c.contact_to_customer) })) };
    },
  },
  assets: {
    defaultDays: 30,
    async run(db, clock, w) {
      const data = await assetsReport(db, w);
      return { data, rows: data.pages.map((p) => ({ page: p.path, views: p.views, visitors: p.visitors, converted: p.submitters, conversion: pct(p.conversion_rate) })) };
    },
  },
  funnel: {
    defaultDays: 365,
    async run(db, clock, _w, q, zone) {
      const data = await funnelReport(db, { from: q.month ?? q.from?.slice(0, 7), to: q.month ?? q.to?.slice(0, 7), now: clock.now(), zone });
      return { data, rows: data.conversions.map((c) => ({ from: c.from, to: c.to, rate: pct(c.rate), median_days: c.median_days ?? '—', sample: c.sample })) };
    },
  },
  model: {
    defaultDays: 730,
    async run(db, clock, w, q) {
      const data = q.train ? await trainAndApply({ db, clock: clock, actor: { type: 'system', id: 'cli' } }, w) : await latestModelReport(db);
      if (!data) throw new AppError('not_found', 'No predictive model yet: run `revloop report model --train`.');
      const e = data.evaluation as { auc: number; brier: number; n_train: number; n_test: number; positives_test: number; calibration: { bucket: string; predicted_mean: number | null; observed_rate: number | null; n: number }[] };
      const rows: Rows = e.calibration.map((b) => ({ bucket: b.bucket, contacts: b.n, predicted: pct(b.predicted_mean), observed: pct(b.observed_rate) }));
      rows.unshift({ bucket: `AUC ${e.auc.toFixed(3)} · Brier ${e.brier.toFixed(4)} · held out ${e.n_test} (${e.positives_test} customers) · trained on ${e.n_train}`, contacts: '', predicted: '', observed: '' });
      return { data, rows };
    },
  },
  attempts: {
    defaultDays: 3650,
    async run(db, clock, w, q) {
      const data = await attemptsReport(db, { asOf: w.to, minMonths: q.minMonths === undefined ? undefined : Number(q.minMonths), from: q.from || q.month ? w.from : undefined });
      const rows: Rows = [];
      for (const c of [{ leadType: 'all', ...data.overall }, ...data.byLeadType]) {
        const r = c.recommended;
        rows.push({ type: c.leadType, attempts: `recommended: ${r.label ?? '—'}`, leads: c.leads, customers: c.customers, close_rate: '', ci95: '', revenue_per_lead: '', cost_per_lead: '', profit_per_lead: r.n === null ? r.reason : r.confidenceText });
        for (const g of c.groups) {
          rows.push({ type: c.leadType, attempts: g.label, leads: g.leads, customers: g.customers, close_rate: pct(g.closeRate), ci95: g.closeRateCi ? `${pct(g.closeRateCi[0])}–${pct(g.closeRateCi[1])}` : '—', revenue_per_lead: num(g.revenuePerLead), cost_per_lead: num(g.costPerLead, 2), profit_per_lead: num(g.profitPerLead) });
        }
      }
      return { data, rows };
    },
  },
  'mql-value': {
    defaultDays: 365,
    async run(db, clock, _w, q, zone) {
      // Without a month or dates: the 12 months before the running one, not the last 365 days.
      const now = clock.now();
      const win = mqlValueWindow(q, now, zone);
      const data = await mqlValueTable(db, win, now);
      return {
        data: { from: win.from.toISOString(), to: win.to.toISOString(), types: data },
        rows: data.map((t) => ({ mql_type: t.mql_type, mqls: t.mqls ?? 0, customers: t.customers ?? 0, close_rate: pct(t.close_rate), avg_revenue_per_customer: num(t.avg_revenue_per_customer), measured: num(t.measured), override: num(t.override), value: num(t.value), source: t.source })),
      };
    },
  },
  'marketing-sla': {
    defaultDays: 30,
    async run(db, clock, _w, q, zone) {
      const data = await leadWaterfall(db, clock, q.month ?? monthOf(clock.now(), zone), (q.pace as Pace | undefined) ?? 'linear', zone);
      const rows: Rows = [
        { item: 'target (goal × marketing share)', mqls: data.target.mqls ?? '—', value: num(data.target.value) },
        { item: 'delivered so far', mqls: data.delivered.mqls, value: num(data.delivered.value) },
        { item: `pace today (${data.pace.replace('_', ' ')})`, mqls: '', value: num(data.today.pace_value) },
        { item: `status: ${data.today.status.replace('_', ' ')}`, mqls: '', value: data.today.ratio === null ? '—' : pct(data.today.ratio) },
        { item: 'month-end projection', mqls: '', value: num(data.projection.value) },
        ...data.by_type.map((t) => ({ item: `  ${t.mql_type} at ${num(t.value_per_mql)} (${t.value_source})`, mqls: t.mqls, value: num(t.value) })),
      ];
      return { data, rows };
    },
  },
  waterfall: {
    defaultDays: 30,
    async run(db, clock, _w, q, zone) {
      const data = await leadWaterfall(db, clock, q.month ?? monthOf(clock.now(), zone), (q.pace as Pace | undefined) ?? 'linear', zone);
      // Plain numbers (days not begun yet blank): the file is for spreadsheets and the page's "Download CSV".
      return { data, rows: data.days.map((d) => ({ day: d.day, mqls: d.mqls ?? '', value: d.value ?? '', cumulative_mqls: d.cumulative_mqls ?? '', cumulative_value: d.cumulative_value ?? '', pace_value: d.pace_value })) };
    },
  },
  planner: {
    defaultDays: 365,
    async run(db, clock, _w, q, zone) {
      const { goal, months, month, from, to, maturityDays, visitToLead, leadToMql, mqlToSql, sqlToCustomer, averageContractSize } = q;
      const data = await reverseFunnelPlannerFromQuery(db, { goal, months, month, from, to, maturityDays, visitToLead, leadToMql, mqlToSql, sqlToCustomer, averageContractSize }, clock.now(), 365, zone);
      const { plan } = data;
      const basis = { customers: 'averageContractSize', sqls: 'sqlToCustomer', mqls: 'mqlToSql', leads: 'leadToMql', visits: 'visitToLead' } as const;
      const show = (k: string, v: number | null) => (k === 'averageContractSize' ? num(v) : pct(v));
      const rows: Rows = (Object.keys(basis) as (keyof typeof basis)[]).map((stage) => {
        const k = basis[stage];
        const s = plan.sources[k];
        return {
          stage, 'per month': plan.perMonth[stage].needed, [`over ${plan.months} mo`]: plan.total[stage].needed,
          from: k, value: show(k, s.value), source: s.source, measured: s.measured ? `${show(k, s.measured.value)} (${s.measured.numerator}/${s.measured.denominator})` : '—',
        };
      });
      for (const n of [...plan.warnings, ...data.measured.notes]) rows.push({ stage: `note: ${n}`, 'per month': '', [`over ${plan.months} mo`]: '', from: '', value: '', source: '', measured: '' });
      return { data, rows };
    },
  },
  'funnel-breakdown': {
    defaultDays: 365,
    async run(db, _clock, w, q, zone) {
      const data = await funnelBreakdown(db, w, q.dimension ?? 'month', zone);
      return {
        data,
        rows: data.groups.map((g) => ({
          [data.by]: g.group, contacts: g.contacts,
          ...Object.fromEntries(g.conversions.flatMap((c) => [[`${c.from}→${c.to}`, pct(c.rate)], [`${c.from}→${c.to} days`, num(c.median_days, 1)]])),
        })),
      };
    },
  },
  marketing: {
    defaultDays: 30,
    async run(db, clock, _w, q, zone) {
      const data = await marketingReport(db, q.month ?? monthOf(clock.now(), zone), zone);
      const f = data.follow_up;
      const blank = { visits: '', contacts: '', mqls: '', customers: '', 'visit→contact': '', 'contact→customer': '', spend: '', revenue: '', 'cost/lead': '', 'cost/customer': '', roi: '' };
      const rows: Rows = [
        ...data.channels.map((c) => ({ section: 'channel', name: c.channel, ...blank, visits: c.visits, contacts: c.contacts, mqls: c.mqls, customers: c.customers, 'visit→contact': pct(c.visit_to_contact), 'contact→customer': pct(c.contact_to_customer) })),
        ...data.campaigns.map((c) => ({ section: `campaign #${c.rank}`, name: c.campaign, ...blank, visits: c.visits, contacts: c.leads, mqls: c.mqls, customers: c.customers, spend: num(c.spend), revenue: num(c.revenue), 'cost/lead': num(c.cost_per_lead, 2), 'cost/customer': num(c.cost_per_customer, 2), roi: pct(c.roi) })),
        { section: 'follow-up', name: `${f.assignments} assignments · median ${num(f.median_minutes)} min · within 4 h ${pct(f.share_within_4h)} · ${f.buckets.map((b) => `${b.bucket} ${b.count}`).join(' · ')}`, ...blank },
      ];
      return { data, rows };
    },
  },
  sales: {
    defaultDays: 30,
    async run(db, clock, _w, q, zone) {
      const data = await salesReport(db, clock, q.month ?? monthOf(clock.now(), zone), zone);
      return { data, rows: salesReportRows(data) };
    },
  },
  attribution: {
    defaultDays: 30,
    async run(db, clock, w, q) {
      const data = await attributionReport(db, w, attributionOptions({ model: q.model, dimension: q.dimension, lookback_days: q.lookbackDays, half_life_days: q.halfLifeDays }));
      return { data, rows: attributionTable(data) };
    },
  },
  sla: {
    defaultDays: 30,
    async run(db, clock, w) {
      const data = await slaCompliance(db, clock.now(), w.from, w.to);
      const row = (who: string, team: string | null, r: (typeof data)['total']) => ({
        who, team: team ?? '', leads: r.leads, 'first touch met': pct(r.first_touch.met_rate), 'median min to touch': num(r.first_touch.median_minutes),
        'attempts/lead': num(r.attempts.per_lead, 1), 'attempts met': pct(r.attempts.met_rate), accepted: r.accepted, rejected: r.rejected, recycled: r.recycled,
      });
      return { data, rows: [...data.reps.map((r) => row(r.owner_name ?? '(unassigned)', r.team, r)), ...data.teams.map((r) => row(`team ${r.team}`, r.team, r)), row('everyone', null, data.total)] };
    },
  },
  leads: {
    defaultDays: 30,
    async run(db, clock, _w, _q, _zone, scope) {
      const data = await openLeads(db, clock.now(), { limit: 5000 }, scope);
      return {
        data,
        rows: data.map((l) => ({ lead: l.name, owner: l.owner_name ?? '—', status: l.status, 'first touch': l.first_touch_status, 'first touch due': l.first_touch_due.toISOString().slice(0, 16), attempts: `${l.attempts}/${l.attempts_required}`, 'attempts due': l.attempts_due.toISOString().slice(0, 10) })),
      };
    },
  },
  calibration: {
    defaultDays: 365,
    async run(db, clock, w) {
      const data = await calibrationReport(db, w);
      const rows = data.actions.map((a) => ({
        action: `${a.kind}: ${a.label}`, contacts: a.contacts, customers: a.customers, close_rate: pct(a.closeRate),
        ci95: a.ci ? `${pct(a.ci[0])}–${pct(a.ci[1])}` : '—', lift: a.lift === null ? '—' : a.lift.toFixed(2), points: a.suggestedPoints, flag: a.flag,
      }));
      return { data, rows };
    },
  },
};

/** Month reports default to the running month (their header then says so). */
const monthly = new Set(['marketing-sla', 'waterfall', 'sales', 'marketing']);

export const reportNames = () => Object.keys(reports);

/** Runs a report by name: 400 naming the known ones when there is no such report. A rep's `scope` limits the lists. */
export async function runReport(db: Db, clock: Clock, name: string, q: ReportQuery, scope: RecordScope | null = null) {
  const report = Object.hasOwn(reports, name) ? reports[name] : undefined;
  if (!report) {
    throw new AppError('validation_failed', `There is no report "${name}"; try one of ${reportNames().join(', ')}.`, { errors: [{ field: 'name', problem: `must be one of ${reportNames().join(', ')}` }] });
  }
  const zone = await reportZone(db);
  const query = monthly.has(name) && !q.month && !q.from && !q.to ? { ...q, month: monthOf(clock.now(), zone) } : q;
  const window = reportWindow(query, clock.now(), report.defaultDays, zone);
  return { window, zone, ...(await report.run(db, clock, window, query, zone, scope)) };
}

/** A report's table as CSV, safe to open in a spreadsheet (no cell runs as a formula). */
export function rowsToCsv(rows: Rows): string {
  return stringify(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'string' ? escapeFormula(v) : v]))), { header: true });
}
