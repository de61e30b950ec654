import { z } from 'zod';
import { leadWaterfall, paces } from '../domains/marketing-sla/marketing-sla.js';
import { measuredMqlValues, mqlValuesBy, mqlValueTable } from '../domains/marketing-sla/mql-value.js';
import { dimensionParam } from '../domains/reports/dimensions.js';
import { reverseFunnelPlannerFromQuery } from '../domains/planning/funnel-rates.js';
import { marketingSlaReportData, mqlScoresReportData, mqlValueReportData, plannerReportData, waterfallReportData } from './planning-report-data.js';
import { MQL_SCORE_MONTHS, mqlScores } from '../domains/marketing-sla/mql-scores.js';
import { defineReport, lastDays, monthsBefore, runningMonth, type Rows } from './report-definition.js';
import { enumParam, monthShape, numberParam, reportParams, wholeParam, windowShape } from './report-params.js';
import { num, pct } from '../shared/report-cells.js';
import { influencedForMonth, influencedRevenueData } from './lead-quality-reports.js';

export const mqlValue = defineReport({
  summary: 'Value per MQL by type: average revenue per customer × MQL → customer close rate, measured over MQLs of the window (default the 12 months before the running one), with hand-set values that win.',
  params: reportParams({
    ...windowShape,
    by: enumParam(['type', 'segment']).optional().describe('segment: also by company segment'),
    dimension: dimensionParam().optional().describe('also by this dimension: segment, industry, country, channel, source_detail, mql_type, property.<name> or company.property.<name>'),
  }),
  window: monthsBefore(12),
  data: mqlValueReportData,
  async run(ctx, p) {
    const now = ctx.clock.now();
    const w = ctx.window!;
    const types = await mqlValueTable(ctx.db, w, now);
    const data = {
      from: w.from.toISOString(),
      to: w.to.toISOString(),
      formula: "value per MQL = average revenue per customer of the type × the type's MQL → customer close rate (= revenue ÷ MQLs)",
      types,
      ...(p.by === 'segment' ? { by_segment: await measuredMqlValues(ctx.db, w, now, true) } : {}),
      ...(p.dimension ? { by_dimension: await mqlValuesBy(ctx.db, w, now, p.dimension) } : {}),
    };
    // With a dimension the table is its groups, each over all types and then per type.
    const split = data.by_dimension;
    return {
      data,
      rows: split
        ? split.groups.flatMap((g) => [g, ...g.types.map((t) => ({ ...t, label: g.label }))].map((r) => ({
            [split.dimension.label]: r.label, mql_type: 'types' in r ? 'all' : r.mql_type, mqls: r.mqls, customers: r.customers, close_rate: pct(r.close_rate),
            avg_revenue_per_customer: num(r.avg_revenue_per_customer), value: num(r.value),
          })))
        : types.map((t) => ({ mql_type: t.mql_type, mqls: t.mqls ?? 0, customers: t.customers ?? 0, close_rate: pct(t.close_rate), avg_revenue_per_customer: num(t.avg_revenue_per_customer), measured: num(t.measured), override: num(t.override), value: num(t.value), source: t.source })),
    };
  },
});

const waterfallParams = reportParams({ ...monthShape, pace: enumParam(paces).optional().describe('the pace line: linear (default) or working_days') });

export const marketingSla = defineReport({
  summary: "Marketing's commitment for a month: target in money and MQLs, delivered so far, pace and status today, month-end projection, by MQL type.",
  params: waterfallParams,
  window: runningMonth,
  data: marketingSlaReportData.extend({ influenced: influencedRevenueData }),
  async run(ctx, p) {
    // Revenue marketing influenced so far this month, against goal × influenced share; read beside
    // the waterfall (on a server the two run on two connections at once).
    const [{ days: _days, ...sla }, influenced] = await Promise.all([
      leadWaterfall(ctx.db, ctx.clock, ctx.window!.month!, p.pace ?? 'linear', ctx.zone),
      influencedForMonth(ctx.db, ctx.window!.month!, ctx.window!, ctx.clock.now()),
    ]);
    const data = { ...sla, influenced };
    const rows: Rows = [
      { item: 'target (goal × marketing share)', mqls: num(data.target.mqls), value: num(data.target.value) },
      { item: 'delivered so far', mqls: data.delivered.mqls, value: num(data.delivered.value) },
      { item: `pace today (${data.pace.replace('_', ' ')})`, mqls: '', value: num(data.today.pace_value) },
      { item: `status: ${data.today.status.replace('_', ' ')}`, mqls: '', value: pct(data.today.ratio) },
      { item: 'month-end projection', mqls: '', value: num(data.projection.value) },
      ...data.by_type.map((t) => ({ item: `  ${t.mql_type} at ${num(t.value_per_mql)} (${t.value_source})`, mqls: t.mqls, value: num(t.value) })),
      { item: 'revenue influenced by marketing', mqls: '', value: num(data.influenced.influenced_revenue) },
      { item: 'influenced target (goal × influenced share)', mqls: '', value: num(data.influenced.target) },
    ];
    return { data, rows };
  },
});

export const waterfall = defineReport({
  summary: "The month's daily lead waterfall: MQLs and their value day by day, cumulative, against the pace to marketing's target.",
  params: waterfallParams,
  window: runningMonth,
  data: waterfallReportData.extend({ influenced: influencedRevenueData }),
  async run(ctx, p) {
    // The marketing SLA page reads this report: it shows influenced revenue beside the waterfall.
    const [waterfallData, influenced] = await Promise.all([
      leadWaterfall(ctx.db, ctx.clock, ctx.window!.month!, p.pace ?? 'linear', ctx.zone),
      influencedForMonth(ctx.db, ctx.window!.month!, ctx.window!, ctx.clock.now()),
    ]);
    const data = { ...waterfallData, influenced };
    // Plain numbers (days not begun yet blank): the file is for spreadsheets and the page's "Download CSV".
    return { data, rows: data.days.map((d) => ({ day: d.day, mqls: d.mqls ?? '', value: d.value ?? '', cumulative_mqls: d.cumulative_mqls ?? '', cumulative_value: d.cumulative_value ?? '', pace_value: d.pace_value })) };
  },
});

const rate = (what: string) =>
  numberParam(z.number({ error: 'must be a number' }).gt(0, 'must be more than 0').max(1, 'must be a share between 0 and 1 (25 % is 0.25)')).optional().describe(`entered ${what} rate, a share such as 0.02 (wins over the measured one)`);

export const planner = defineReport({
  summary: 'The reverse funnel: from a revenue goal, the customers, SQLs, MQLs, leads and visits needed per month, from rates measured over the window (default the last 365 days) or entered ones, which win.',
  params: reportParams({
    goal: numberParam(z.number({ error: 'must be a number' }).gt(0, 'must be more than 0')).describe('the revenue goal for the period, e.g. 200000'),
    months: wholeParam('months', 1, 120).optional().describe('months the goal covers (default 1)'),
    ...windowShape,
    maturityDays: wholeParam('days', 0, 3650).optional().describe('leave out contacts younger than this many days when measuring rates'),
    visitToLead: rate('visit → lead'),
    leadToMql: rate('lead → MQL'),
    mqlToSql: rate('MQL → SQL'),
    sqlToCustomer: rate('SQL → customer'),
    averageContractSize: numberParam(z.number({ error: 'must be a number' }).gt(0, 'must be more than 0')).optional().describe('entered average contract size (wins over the measured one)'),
  }),
  window: lastDays(365),
  data: plannerReportData,
  async run(ctx, p) {
    // The domain reads the query's own names and texts, and names them back when it refuses one.
    const q = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined).map(([k, v]) => [k, String(v)]));
    const data = await reverseFunnelPlannerFromQuery(ctx.db, q, ctx.clock.now(), 365, ctx.zone);
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
});

export const mqlScoresReport = defineReport({
  summary: `The average fit and interest score of the MQLs delivered (scores at the MQL moment), per month for the ${MQL_SCORE_MONTHS} months up to the month asked and per MQL type, against marketing's target, with a warning when the month falls below it.`,
  params: reportParams({ ...monthShape }),
  window: runningMonth,
  data: mqlScoresReportData,
  async run(ctx) {
    const data = await mqlScores(ctx.db, ctx.window!.month!, ctx.zone);
    const row = (month: string, type: string, f: { mqls: number; scored: number; avg_fit: number | null; avg_interest: number | null }) => ({
      month, mql_type: type, mqls: f.mqls, scored: f.scored, avg_fit: num(f.avg_fit, 2), avg_interest: num(f.avg_interest, 2),
    });
    const rows: Rows = data.months.flatMap((m) => [
      { ...row(m.month, 'all', m), below_target: [m.below_target.fit && 'fit', m.below_target.interest && 'interest'].filter(Boolean).join(', ') },
      ...m.by_type.map((t) => ({ ...row(m.month, t.mql_type, t), below_target: '' })),
    ]);
    rows.push({ month: 'target', mql_type: '', mqls: '', scored: '', avg_fit: num(data.target.fit, 2), avg_interest: num(data.target.interest, 2), below_target: '' });
    return { data, rows };
  },
});
