import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import { parseDimension, sortGroups } from '../reports/dimensions.js';
import { dayOf } from '../reports/report-window.js';
import { analyseAttempts, type AttemptLead, type AttemptsOptions } from './attempts-analysis.js';
import { attemptsLeadsSql, customerOrBeyondSql } from './queries/attempts-report.js';
import { num, pct } from '../../shared/report-cells.js';

export interface AttemptsReportInput {
  /** What is observed ends here (exclusive): attempts and conversions after it do not count. */
  asOf: Date;
  /** How long a lead must have been an MQL before `asOf` to be counted, in calendar months. Default 3. */
  minMonths?: number;
  /** The window, on the lead's first MQL moment: from (inclusive) and to (exclusive); either may be left open. */
  from?: Date;
  to?: Date;
  /** The split: a dimension (src/domains/reports/dimensions.ts: mql_type, segment, industry, country, channel, source_detail, property.<name>, company.property.<name>). Default mql_type. */
  dimension?: string;
  /** The workspace's time zone: the days of the `applied` sentence. Default UTC. */
  zone?: string;
  /**
   * Each rep's hourly cost, calls per hour and cost per attempt (default true). Off for readers who
   * may not read costs (costs:read): those price one person's time; the totals and averages stay.
   */
  repCosts?: boolean;
}

/** The window when none is asked: leads that became MQLs in the last ten years (the API, the CSV and the CLI alike). */
export const ATTEMPTS_DEFAULT_DAYS = 3650;

/** `d` minus `months` calendar months (UTC), the day clamped to the target month's length. */
export function monthsBefore(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

/** Leads alike (kind 'leads'), or the attempts of one rep on all of them (kind 'rep'). */
type LeadsRow =
  | { kind: 'leads'; lead_type: string; attempts: number; customer: boolean; connected: boolean; leads: number; revenue: number; cost: number; attempts_without_cost: number }
  | { kind: 'rep'; user_id: number | null; attempts: number; cost: number; no_cost: boolean };

interface Rep {
  userId: number | null;
  attempts: number;
  cost: number;
  noCost: boolean;
}

const cents = (v: number) => Math.round(v * 100) / 100;

/**
 * The guide's optimal number of attempts on the closed-loop record (live or imported history):
 * the leads whose first MQL moment falls in the window [from, to) and at least `minMonths` months
 * before `asOf`; for each attempt k, how many of them were still unconverted when they got it, how
 * many converted after it, its value against its cost, and the share of conversions reached within
 * k attempts; the recommended N (the last attempt that still pays) with how sure it is; overall and
 * per value of the dimension (MQL type by default); the groups by attempts made as a second view.
 */
export async function attemptsReport(db: Db, input: AttemptsReportInput, opts: AttemptsOptions = {}) {
  const minMonths = input.minMonths ?? 3;
  const problems = [];
  const bad = (d: Date | undefined) => d !== undefined && (!(d instanceof Date) || Number.isNaN(d.getTime()));
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime())) problems.push({ field: 'asOf', problem: 'must be a valid date' });
  if (!Number.isInteger(minMonths) || minMonths < 0 || minMonths > 120) problems.push({ field: 'minMonths', problem: 'must be a whole number of months between 0 and 120' });
  if (bad(input.from)) problems.push({ field: 'from', problem: 'must be a valid date' });
  if (bad(input.to)) problems.push({ field: 'to', problem: 'must be a valid date' });
  if (!problems.length && input.from && input.to && input.from >= input.to) problems.push({ field: 'from', problem: 'must be before to' });
  if (problems.length) throw invalid(problems);
  const dim = await parseDimension(db, input.dimension, 'mql_type');
  const zone = input.zone ?? 'UTC';

  // The window is applied exactly, then cut where leads are too young to tell: a lead must have
  // had `minMonths` months of follow-up before asOf.
  const maturity = monthsBefore(input.asOf, minMonths);
  const mqlTo = input.to && input.to < maturity ? input.to : maturity;
  const limitedBy: 'window' | 'maturity' = input.to && input.to < maturity ? 'window' : 'maturity';
  const mqlFrom = input.from ?? null;
  const wonStages = (await db.query<{ key: string }>(customerOrBeyondSql)).map((s) => s.key);
  const params = [input.asOf, mqlTo, mqlFrom, wonStages];
  const rows = await db.query<LeadsRow>(attemptsLeadsSql(dim.sql({ contact: 'c', company: 'co' })), params);

  const leads: AttemptLead[] = [];
  const reps = new Map<number | null, Rep>();
  for (const r of rows) {
    if (r.kind === 'leads') {
      leads.push({ group: r.lead_type, count: r.leads, attempts: r.attempts, attemptsWithoutCost: r.attempts_without_cost, customer: r.customer, revenue: r.revenue, cost: r.cost, connected: r.connected });
    } else {
      reps.set(r.user_id, { userId: r.user_id, attempts: r.attempts, cost: r.cost, noCost: r.no_cost });
    }
  }
  const analysis = analyseAttempts(leads, opts);
  const repIds = [...reps.keys()].filter((id): id is number => id !== null);
  const users = new Map(
    (repIds.length ? await db.query<{ id: number; name: string; hourly_cost: number | null; calls_per_hour: number | null }>('SELECT id, name, hourly_cost::float8 AS hourly_cost, calls_per_hour::float8 AS calls_per_hour FROM users WHERE id = ANY($1::bigint[])', [repIds]) : []).map((u) => [Number(u.id), u]),
  );
  // Most attempts first; attempts without a rep after the reps with as many.
  const byRep = [...reps.values()].sort((a, b) => b.attempts - a.attempts || (a.userId === null ? 1 : b.userId === null ? -1 : a.userId - b.userId));

  const attempts = leads.reduce((s, l) => s + l.attempts * l.count!, 0);
  const withoutCost = leads.reduce((s, l) => s + l.attemptsWithoutCost!, 0);
  const totalCost = leads.reduce((s, l) => s + l.cost, 0);
  const costed = attempts - withoutCost;
  // Days as people write them ("Aug 20, 2026"): the sentence is shown on the page and in the CSV's note.
  const dayFmt = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', timeZone: zone });
  const said = (d: Date) => dayFmt.format(d);
  const lastDay = (d: Date) => said(new Date(d.getTime() - 1));
  const empty = mqlFrom !== null && mqlFrom >= mqlTo;
  const applied = empty
    ? `No lead can count: leads must have become MQLs by ${lastDay(mqlTo)} (${input.to && limitedBy === 'window' ? 'the window\'s end' : `at least ${minMonths} month${minMonths === 1 ? '' : 's'} before ${lastDay(input.asOf)}`}), and the window starts on ${said(mqlFrom)}.`
    : `Leads that became MQLs ${mqlFrom ? `from ${said(mqlFrom)} ` : ''}up to ${lastDay(mqlTo)}` +
    (limitedBy === 'maturity' ? ` (at least ${minMonths} month${minMonths === 1 ? '' : 's'} before ${lastDay(input.asOf)}${input.to ? `; the window ran to ${lastDay(input.to)}` : ''})` : '') +
    `, their attempts and conversions up to ${lastDay(input.asOf)}, by ${/^.[a-z]/.test(dim.label) ? dim.label.charAt(0).toLowerCase() + dim.label.slice(1) : dim.label}${zone === 'UTC' ? '' : ` (days in ${zone})`}.`;
  return {
    asOf: input.asOf.toISOString(),
    minMonths,
    /** The window asked for, on the MQL moment (null: open). */
    window: { from: input.from?.toISOString() ?? null, to: input.to?.toISOString() ?? null },
    /** The MQL moments counted: from mqlFrom (inclusive, null: no bound) to mqlTo (exclusive). */
    mqlFrom: mqlFrom?.toISOString() ?? null,
    mqlTo: mqlTo.toISOString(),
    /** What ended the MQL range: the window's end, or the months a lead must have had before asOf. */
    limitedBy,
    applied,
    zone,
    dimension: { key: dim.key, label: dim.label },
    method: analysis.method,
    costPerAttempt: {
      attempts,
      attemptsWithoutCost: withoutCost,
      totalCost: cents(totalCost),
      /** Average over the attempts that had cost data; null when none had. */
      average: costed ? cents(totalCost / costed) : null,
      byRep: byRep.map((r) => {
        const u = r.userId === null ? undefined : users.get(r.userId);
        return {
          userId: r.userId,
          name: u?.name ?? null,
          hourlyCost: input.repCosts === false ? null : u?.hourly_cost ?? null,
          callsPerHour: input.repCosts === false ? null : u?.calls_per_hour ?? null,
          costPerAttempt: input.repCosts === false ? null : r.attempts ? cents(r.cost / r.attempts) : 0,
          attempts: r.attempts,
          missingCost: r.noCost,
        };
      }),
    },
    overall: analysis.overall,
    byGroup: sortGroups(dim, analysis.byGroup.map((g) => ({ ...g, label: dim.labelOf(g.group) })), (g) => g.group, (g) => g.leads),
  };
}

export type AttemptsReport = Awaited<ReturnType<typeof attemptsReport>>;

// Money stays a number in CSV (report cells): a cell "-2.32" as text would be escaped as a formula.
const money = (v: number | null) => num(v, 2);

/**
 * The report as a flat table (terminal and CSV): the window applied, then per curve (all leads,
 * then each group) its recommendation and one row per attempt. Sentences go in the last column
 * (`note`), so the numbers stay in narrow columns in a terminal.
 */
export function attemptsRows(r: AttemptsReport): Record<string, unknown>[] {
  const blank = { group: '', attempt: '', at_risk: '', conversions: '', hazard: '', hazard_ci95: '', value_of_attempt: '', cost_of_attempt: '', pays: '', cumulative_share: '', profit_per_lead_sla: '', note: '' };
  const rows: Record<string, unknown>[] = [{ ...blank, group: 'applied', note: r.applied }];
  for (const c of [{ label: 'All leads', ...r.overall }, ...r.byGroup]) {
    const rec = c.recommended;
    rows.push({
      ...blank, group: c.label,
      attempt: rec.n === null ? 'recommended: —' : `recommended: ${rec.n}`,
      at_risk: c.leads, conversions: c.customers,
      cumulative_share: pct(rec.cumulativeShare), profit_per_lead_sla: money(rec.expectedProfit),
      note: rec.n === null ? rec.reason : `${rec.reason} ${rec.confidenceText}`,
    });
    for (const s of c.steps) {
      rows.push({
        group: c.label, attempt: s.attempt, at_risk: s.atRisk, conversions: s.conversions,
        hazard: pct(s.hazard), hazard_ci95: s.hazardCi ? `${pct(s.hazardCi[0])}–${pct(s.hazardCi[1])}` : '—',
        value_of_attempt: money(s.value), cost_of_attempt: money(s.cost), pays: s.pays === null ? '—' : s.pays ? 'yes' : 'no',
        cumulative_share: pct(s.cumulativeShare), profit_per_lead_sla: money(s.expectedProfit),
        note: s.thin ? 'too few leads to decide' : '',
      });
    }
  }
  return rows;
}
