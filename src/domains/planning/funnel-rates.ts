import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { reportWindow, type ReportWindow } from '../reports/report-window.js';
import { cohortReachSql, visitsInWindowSql, wonRevenueSql } from './queries/funnel-rates.js';
import { planReverseFunnel, reverseFunnelInput, type MeasuredValue, type RateKey, type ReverseFunnelPlan } from './reverse-funnel.js';

const DAY = 86400_000;

/**
 * Measured funnel rates for a window, for the reverse-funnel planner.
 *
 * Choices (each a trade-off, stated so the numbers can be read right):
 * - Stage rates are by COHORT: contacts created in the window, and how far each has got to date
 *   (the funnel report's "reached": skips pass through, recycling does not undo). A contact
 *   created in March and won in June counts as a March conversion. Caveat: recent cohorts have
 *   not finished converting, so rates from a window ending near today understate the lower
 *   funnel. `maturityDays` leaves out contacts younger than that many days at `now` (the cohort,
 *   and the visits with it, end at now − maturityDays); `notes` warns when it was not used.
 * - visit→lead is leads ÷ visits in the same period: leads = cohort contacts that reached lead
 *   or beyond; visits = all visits started in the period (known and anonymous visitors). It is a
 *   ratio of two counts, not a per-visitor conversion (following anonymous visitors to the
 *   contact they became is not reliable enough); leads from offline sources inflate it, even
 *   above 1, which the planner flags.
 * - Subscribers (reached subscriber, never lead) are counted separately and are not leads.
 * - Opportunity is folded into SQL→customer (the planner's rate), and also shown split as
 *   SQL→opportunity and opportunity→customer for reading.
 * - Average contract size = mean revenue per won customer: won deals closed in the window
 *   (by closed_at; the whole window, not the maturity-shortened cohort, since deals closing now
 *   come from older contacts), summed per contact, averaged over those contacts. Deals without
 *   an amount or a contact are counted but not used. Amounts are not converted between
 *   currencies; `currencies` lists those seen.
 *
 * Every rate carries numerator and denominator (the sample) so the UI can say how sure it is.
 */
export interface MeasuredRate extends MeasuredValue {
  /** What is counted: "leads ÷ visits". */
  of: string;
}

export interface MeasuredFunnelRates {
  window: { from: string; to: string };
  /** The contacts (and visits) measured: created in [from, to). */
  cohort: { from: string; to: string; maturityDays: number };
  counts: { visits: number; contacts: number; subscribers: number; leads: number; mqls: number; sqls: number; opportunities: number; customers: number };
  rates: Record<RateKey, MeasuredRate> & { sqlToOpportunity: MeasuredRate; opportunityToCustomer: MeasuredRate; leadToCustomer: MeasuredRate };
  averageContractSize: MeasuredRate & { deals: number; dealsWithoutAmount: number; dealsWithoutContact: number; currencies: string[] };
  notes: string[];
}

const measuredRate = (numerator: number, denominator: number, of: string): MeasuredRate => ({
  value: denominator > 0 ? numerator / denominator : null,
  numerator,
  denominator,
  of,
});

export async function measuredFunnelRates(db: Db, window: ReportWindow, opts: { now?: Date; maturityDays?: number } = {}): Promise<MeasuredFunnelRates> {
  const maturityDays = opts.maturityDays ?? 0;
  if (maturityDays > 0 && !opts.now) throw new Error('measuredFunnelRates: maturityDays needs now');
  let cohortTo = window.to;
  if (maturityDays > 0) {
    const cutoff = new Date(opts.now!.getTime() - maturityDays * DAY);
    if (cutoff < cohortTo) cohortTo = cutoff;
  }
  // A cutoff before the window leaves an empty cohort (every rate then has no sample).
  if (cohortTo < window.from) cohortTo = window.from;

  const [[reach], [visits], [won]] = await Promise.all([
    db.query<{ contacts: number; subscribers: number; leads: number; mqls: number; sqls: number; opportunities: number; customers: number }>(cohortReachSql, [window.from, cohortTo]),
    db.query<{ visits: number }>(visitsInWindowSql, [window.from, cohortTo]),
    db.query<{ deals: number; deals_without_amount: number; deals_without_contact: number; revenue: number; customers: number; currencies: string[] }>(wonRevenueSql, [window.from, window.to]),
  ]);
  const counts = { visits: visits!.visits, ...reach! };

  const notes: string[] = [];
  if (opts.now && cohortTo.getTime() > opts.now.getTime() - 90 * DAY) {
    notes.push('The cohort includes contacts created in the last 90 days; many have not finished converting, so the lower-funnel rates are likely understated. Plan from an older window, or leave the newest contacts out (maturity days).');
  }
  if (won!.deals_without_amount) notes.push(`${won!.deals_without_amount} won deal(s) without an amount were left out of the average contract size.`);
  if (won!.deals_without_contact) notes.push(`${won!.deals_without_contact} won deal(s) without a contact were left out of the average contract size.`);
  if (won!.currencies.length > 1) notes.push(`Won deals are in several currencies (${won!.currencies.join(', ')}); amounts were added without conversion.`);

  return {
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    cohort: { from: window.from.toISOString(), to: cohortTo.toISOString(), maturityDays },
    counts,
    rates: {
      visitToLead: measuredRate(counts.leads, counts.visits, 'leads ÷ visits'),
      leadToMql: measuredRate(counts.mqls, counts.leads, 'MQLs ÷ leads'),
      mqlToSql: measuredRate(counts.sqls, counts.mqls, 'SQLs ÷ MQLs'),
      sqlToCustomer: measuredRate(counts.customers, counts.sqls, 'customers ÷ SQLs'),
      sqlToOpportunity: measuredRate(counts.opportunities, counts.sqls, 'opportunities ÷ SQLs'),
      opportunityToCustomer: measuredRate(counts.customers, counts.opportunities, 'customers ÷ opportunities'),
      leadToCustomer: measuredRate(counts.customers, counts.leads, 'customers ÷ leads'),
    },
    averageContractSize: {
      ...measuredRate(won!.revenue, won!.customers, 'won revenue ÷ customers with a won deal'),
      deals: won!.deals,
      dealsWithoutAmount: won!.deals_without_amount,
      dealsWithoutContact: won!.deals_without_contact,
      currencies: won!.currencies,
    },
    notes,
  };
}

/** The planner request (POST body): the plan's input plus the window to measure rates over. */
export const plannerBody = reverseFunnelInput.extend({
  month: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  maturityDays: z.number('must be a number').int('must be a whole number').min(0, 'must be 0 or more').max(3650, 'must be at most 3650').optional(),
});

export interface PlannerReport {
  plan: ReverseFunnelPlan;
  measured: MeasuredFunnelRates;
}

/**
 * Measure the rates over the window (`month`, or `from`/`to`, default the last `defaultDays`
 * days) and plan from them, entered values overriding measured ones.
 */
export async function reverseFunnelPlanner(db: Db, input: unknown, now: Date, defaultDays = 365, zone = 'UTC'): Promise<PlannerReport> {
  const { month, from, to, maturityDays, ...planInput } = parseInput(plannerBody, input);
  const window = reportWindow({ month, from, to }, now, defaultDays, zone);
  const measured = await measuredFunnelRates(db, window, { now, maturityDays });
  return { plan: planReverseFunnel(planInput, measured), measured };
}

/** GET query parameters: flat, all strings (checked by the domain, which names the parameter). */
export const plannerQuery = z.strictObject({
  goal: z.string().optional(),
  months: z.string().optional(),
  month: z.string().optional(),
  from: z.string().optional(),
  to: z.string().optional(),
  maturityDays: z.string().optional(),
  visitToLead: z.string().optional(),
  leadToMql: z.string().optional(),
  mqlToSql: z.string().optional(),
  sqlToCustomer: z.string().optional(),
  averageContractSize: z.string().optional(),
});
export type PlannerQuery = z.infer<typeof plannerQuery>;

/** A number when the text is one; otherwise the text itself, so validation says "must be a number". */
const numeric = (s: string | undefined): number | string | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s);
  return s.trim() !== '' && Number.isFinite(n) ? n : s;
};

const queryField = (field: string) => (field === 'revenueGoal' ? 'goal' : field.replace(/^rates\./, ''));

/** The planner from GET query parameters: errors name the parameter (goal, mqlToSql, ...). */
export async function reverseFunnelPlannerFromQuery(db: Db, q: PlannerQuery, now: Date, defaultDays = 365, zone = 'UTC'): Promise<PlannerReport> {
  const rates = Object.fromEntries(
    (['visitToLead', 'leadToMql', 'mqlToSql', 'sqlToCustomer'] as const).filter((k) => q[k] !== undefined).map((k) => [k, numeric(q[k])]),
  );
  const body = Object.fromEntries(
    Object.entries({
      revenueGoal: q.goal === undefined ? undefined : numeric(q.goal),
      months: numeric(q.months),
      rates,
      averageContractSize: numeric(q.averageContractSize),
      month: q.month,
      from: q.from,
      to: q.to,
      maturityDays: numeric(q.maturityDays),
    }).filter(([, v]) => v !== undefined),
  );
  try {
    return await reverseFunnelPlanner(db, body, now, defaultDays, zone);
  } catch (e) {
    if (e instanceof AppError && e.code === 'validation_failed' && Array.isArray(e.details.errors)) {
      throw invalid((e.details.errors as FieldProblem[]).map((p) => ({ ...p, field: queryField(p.field) })));
    }
    throw e;
  }
}
