import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import { analyseAttempts, type AttemptLead, type AttemptsOptions } from './attempts-analysis.js';
import { attemptsByRepSql, attemptsLeadsSql } from './queries/attempts-report.js';

export interface AttemptsReportInput {
  asOf: Date;
  /** How long a lead must have been an MQL to be counted, in calendar months. Default 3. */
  minMonths?: number;
  /** Optional earliest MQL moment (e.g. to leave out an era before a process change). */
  from?: Date;
  /**
   * Each rep's hourly cost, calls per hour and cost per attempt (default true). Off for readers who
   * may not read costs (costs:read): those price one person's time; the totals and averages stay.
   */
  repCosts?: boolean;
}

/** `d` minus `months` calendar months (UTC), the day clamped to the target month's length. */
export function monthsBefore(d: Date, months: number): Date {
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

interface LeadRow {
  contact_id: number;
  lead_type: string;
  attempts: number;
  cost: number;
  attempts_without_cost: number;
  attempts_until_connected: number | null;
  customer: boolean;
  revenue: number;
}

interface RepRow {
  user_id: number | null;
  name: string | null;
  hourly_cost: number | null;
  calls_per_hour: number | null;
  attempts: number;
  cost: number;
  no_cost: boolean;
}

const cents = (v: number) => Math.round(v * 100) / 100;

/**
 * The guide's optimal number of attempts on the closed-loop record (live or imported history):
 * leads that have been MQLs for at least `minMonths` months before `asOf`, grouped by the attempts
 * made on them, with close rate, revenue, cost and profitability per lead, overall and per lead
 * type; the plateau as the recommended N with its bootstrap confidence; and the chart's data.
 */
export async function attemptsReport(db: Db, input: AttemptsReportInput, opts: AttemptsOptions = {}) {
  const minMonths = input.minMonths ?? 3;
  const problems = [];
  if (!(input.asOf instanceof Date) || Number.isNaN(input.asOf.getTime())) problems.push({ field: 'asOf', problem: 'must be a valid date' });
  if (!Number.isInteger(minMonths) || minMonths < 0 || minMonths > 120) problems.push({ field: 'minMonths', problem: 'must be a whole number of months between 0 and 120' });
  if (input.from && Number.isNaN(input.from.getTime())) problems.push({ field: 'from', problem: 'must be a valid date' });
  if (problems.length) throw invalid(problems);
  const cutoff = monthsBefore(input.asOf, minMonths);
  const params = [input.asOf, cutoff, input.from ?? null];
  const [rows, reps] = await Promise.all([db.query<LeadRow>(attemptsLeadsSql, params), db.query<RepRow>(attemptsByRepSql, params)]);

  const leads: AttemptLead[] = rows.map((r) => ({
    leadType: r.lead_type,
    attempts: r.attempts,
    customer: r.customer,
    revenue: r.revenue,
    cost: r.cost,
    attemptsUntilConnected: r.attempts_until_connected,
  }));
  const analysis = analyseAttempts(leads, opts);

  const attempts = rows.reduce((s, r) => s + r.attempts, 0);
  const withoutCost = rows.reduce((s, r) => s + r.attempts_without_cost, 0);
  const totalCost = rows.reduce((s, r) => s + r.cost, 0);
  const costed = attempts - withoutCost;
  return {
    asOf: input.asOf.toISOString(),
    minMonths,
    /** Leads counted became MQLs at or before this moment (and at or after `mqlFrom` when given). */
    mqlBefore: cutoff.toISOString(),
    mqlFrom: input.from?.toISOString() ?? null,
    method: analysis.method,
    costPerAttempt: {
      attempts,
      attemptsWithoutCost: withoutCost,
      totalCost: cents(totalCost),
      /** Average over the attempts that had cost data; null when none had. */
      average: costed ? cents(totalCost / costed) : null,
      byRep: reps.map((r) => ({
        userId: r.user_id,
        name: r.name,
        hourlyCost: input.repCosts === false ? null : r.hourly_cost,
        callsPerHour: input.repCosts === false ? null : r.calls_per_hour,
        costPerAttempt: input.repCosts === false ? null : r.attempts ? cents(r.cost / r.attempts) : 0,
        attempts: r.attempts,
        missingCost: r.no_cost,
      })),
    },
    overall: analysis.overall,
    byLeadType: analysis.byLeadType,
    chart: analysis.chart,
  };
}

export type AttemptsReport = Awaited<ReturnType<typeof attemptsReport>>;
