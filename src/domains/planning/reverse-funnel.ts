import { fieldLabel } from '../../shared/field-labels.js';
import { z } from 'zod';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';

/**
 * Reverse funnel (PRODUCT.md §4): from a revenue goal back to the visits it takes.
 *
 *   customers = revenue goal ÷ average contract size
 *   SQLs      = customers ÷ SQL→customer
 *   MQLs      = SQLs ÷ MQL→SQL
 *   leads     = MQLs ÷ lead→MQL          (= customers ÷ lead→customer)
 *   visits    = leads ÷ visit→lead
 *
 * Pure: the measured rates come in as an argument (see measuredFunnelRates); any value entered
 * by hand overrides the measured one, and `sources` says which was used for each.
 *
 * Rounding: every stage is computed from the unrounded stage after it (10 customers ÷ 0.25 =
 * 40 SQLs, never ceil(9.2) ÷ 0.25), and only then rounded up for display (`needed`): you cannot
 * win 9.2 customers, so you need 10. Both are kept: `exact` for further sums, `needed` to show.
 * Rounding up first at every stage would compound and overstate the top of the funnel.
 */

export const rateKeys = ['visitToLead', 'leadToMql', 'mqlToSql', 'sqlToCustomer'] as const;
export type RateKey = (typeof rateKeys)[number];
export type PlannedValue = RateKey | 'averageContractSize';

/** A measured value with its sample, so a reader can judge how sure it is. */
export interface MeasuredValue {
  /** null when the denominator is 0 (nothing to measure). */
  value: number | null;
  numerator: number;
  denominator: number;
}

/** What the planner needs from a measurement (measuredFunnelRates returns a superset). */
export interface MeasuredInputs {
  rates: Record<RateKey, MeasuredValue>;
  averageContractSize: MeasuredValue;
}

/** What the denominator of each measured value counts, for messages ("0 MQLs in the window"). */
export const denominatorNoun: Record<PlannedValue, string> = {
  visitToLead: 'visits',
  leadToMql: 'leads',
  mqlToSql: 'MQLs',
  sqlToCustomer: 'SQLs',
  averageContractSize: 'customers with a won deal',
};
const numeratorNoun: Record<PlannedValue, string> = {
  visitToLead: 'became leads',
  leadToMql: 'became MQLs',
  mqlToSql: 'became SQLs',
  sqlToCustomer: 'became customers',
  averageContractSize: 'revenue',
};

const rate = z
  .number('must be a number')
  .gt(0, 'must be more than 0')
  .max(1, 'must be a share between 0 and 1 (25 % is 0.25)');

export const reverseFunnelInput = z.strictObject({
  revenueGoal: z.number({ error: (iss) => (iss.input === undefined ? 'is required' : 'must be a number') }).gt(0, 'must be more than 0'),
  /** How many months the goal covers; the plan is given per month and for the whole period. */
  months: z.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(120, 'must be at most 120').default(1),
  rates: z
    .strictObject({
      visitToLead: rate.optional(),
      leadToMql: rate.optional(),
      mqlToSql: rate.optional(),
      sqlToCustomer: rate.optional(),
    })
    .default({}),
  averageContractSize: z.number('must be a number').gt(0, 'must be more than 0').optional(),
});
export type ReverseFunnelInput = z.input<typeof reverseFunnelInput>;

export type Source = 'entered' | 'measured' | 'missing';

export interface SourceOf {
  source: Source;
  /** The value the plan used (null only when missing). */
  value: number | null;
  /** The measurement, also when an entered value overrode it (to compare); null when not measured. */
  measured: MeasuredValue | null;
}

/** A count needed: `exact` from unrounded values, `needed` rounded up for display. */
export interface Need {
  exact: number;
  needed: number;
}

export interface StageNeeds {
  customers: Need;
  sqls: Need;
  mqls: Need;
  leads: Need;
  visits: Need;
}

export interface ReverseFunnelPlan {
  revenueGoal: number;
  months: number;
  revenuePerMonth: number;
  averageContractSize: number;
  rates: Record<RateKey, number> & { leadToCustomer: number };
  perMonth: StageNeeds;
  /** For the whole period (months × per month, each rounded up on its own). */
  total: StageNeeds;
  sources: Record<PlannedValue, SourceOf>;
  warnings: string[];
}

/**
 * Round up, ignoring floating-point noise: 500 ÷ 0.02 must give 25,000 visits, not 25,001
 * because the division came out as 25000.000000000004.
 */
export function roundUp(x: number): number {
  return Math.ceil(Math.round(x * 1e6) / 1e6);
}

const need = (exact: number): Need => ({ exact, needed: roundUp(exact) });

/** A count as people write it: 150,000. */
const count = (n: number) => new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 }).format(n);

function describeSample(key: PlannedValue, m: MeasuredValue): string {
  if (key === 'averageContractSize') return `${count(m.numerator)} revenue over ${count(m.denominator)} ${denominatorNoun[key]}`;
  if (key === 'visitToLead') return `${count(m.numerator)} leads from ${count(m.denominator)} visits`;
  return `${count(m.numerator)} of ${count(m.denominator)} ${denominatorNoun[key]} ${numeratorNoun[key]}`;
}

function stageNeeds(revenue: number, acs: number, r: Record<RateKey, number>): StageNeeds {
  const customers = revenue / acs;
  const sqls = customers / r.sqlToCustomer;
  const mqls = sqls / r.mqlToSql;
  const leads = mqls / r.leadToMql;
  const visits = leads / r.visitToLead;
  return { customers: need(customers), sqls: need(sqls), mqls: need(mqls), leads: need(leads), visits: need(visits) };
}

/**
 * The plan, or a validation error (400) naming every field that is wrong or missing: a value
 * that was neither entered nor measurable ("rates.mqlToSql: no measured value (0 MQLs in the
 * window); enter one") and a measured rate of 0 (nothing would ever convert) both ask for a value.
 */
export function planReverseFunnel(input: unknown, measured?: MeasuredInputs | null): ReverseFunnelPlan {
  const v = parseInput(reverseFunnelInput, input);
  const problems: FieldProblem[] = [];
  const warnings: string[] = [];

  const resolve = (key: PlannedValue, field: string, entered: number | undefined): SourceOf => {
    const m = measured ? (key === 'averageContractSize' ? measured.averageContractSize : measured.rates[key]) : null;
    if (entered !== undefined) return { source: 'entered', value: entered, measured: m };
    if (!m) {
      problems.push({ field, problem: 'no measured value (no measurement available); enter one' });
      return { source: 'missing', value: null, measured: null };
    }
    if (m.value === null || m.denominator === 0) {
      problems.push({ field, problem: `no measured value (0 ${denominatorNoun[key]} in the window); enter one` });
      return { source: 'missing', value: null, measured: m };
    }
    if (!(m.value > 0)) {
      problems.push({ field, problem: `measured ${m.value} (${describeSample(key, m)}), which cannot be planned from; enter one` });
      return { source: 'missing', value: null, measured: m };
    }
    if (key !== 'averageContractSize' && m.value > 1) {
      warnings.push(
        `${fieldLabel(field)}: measured ${m.value.toFixed(3)} (${describeSample(key, m)}): more than one per visit, so most leads do not come from site visits; visits needed is understated — consider entering a rate.`,
      );
    }
    return { source: 'measured', value: m.value, measured: m };
  };

  const sources = {
    visitToLead: resolve('visitToLead', 'rates.visitToLead', v.rates.visitToLead),
    leadToMql: resolve('leadToMql', 'rates.leadToMql', v.rates.leadToMql),
    mqlToSql: resolve('mqlToSql', 'rates.mqlToSql', v.rates.mqlToSql),
    sqlToCustomer: resolve('sqlToCustomer', 'rates.sqlToCustomer', v.rates.sqlToCustomer),
    averageContractSize: resolve('averageContractSize', 'averageContractSize', v.averageContractSize),
  } satisfies Record<PlannedValue, SourceOf>;
  if (problems.length) throw invalid(problems);

  for (const key of [...rateKeys, 'averageContractSize'] as const) {
    const s = sources[key];
    if (s.source === 'measured' && s.measured && s.measured.denominator < 30) {
      warnings.push(`${fieldLabel(key)}: measured from a small sample (${describeSample(key, s.measured)}); treat it as a rough guide.`);
    }
  }

  const r = {
    visitToLead: sources.visitToLead.value!,
    leadToMql: sources.leadToMql.value!,
    mqlToSql: sources.mqlToSql.value!,
    sqlToCustomer: sources.sqlToCustomer.value!,
  };
  const acs = sources.averageContractSize.value!;
  const perMonth = stageNeeds(v.revenueGoal / v.months, acs, r);
  const total = stageNeeds(v.revenueGoal, acs, r);
  return {
    revenueGoal: v.revenueGoal,
    months: v.months,
    revenuePerMonth: v.revenueGoal / v.months,
    averageContractSize: acs,
    rates: { ...r, leadToCustomer: r.leadToMql * r.mqlToSql * r.sqlToCustomer },
    perMonth,
    total,
    sources,
    warnings,
  };
}
