import { z } from 'zod';
import { paces } from '../domains/marketing-sla/marketing-sla.js';
import { rateKeys } from '../domains/planning/reverse-funnel.js';
import { typeValueOut } from '../domains/marketing-sla/mql-value.js';

// What the planning reports answer (GET /api/reports/<name>), written from their domain functions
// (src/domains/marketing-sla, src/domains/planning, src/domains/goals): the routes' response
// schemas, and through them the web app's types. Counts and money are numbers on both backends;
// instants are ISO text, days YYYY-MM-DD and months YYYY-MM.

/** Where the value an MQL type is counted at comes from: set by hand, measured, or 0 without evidence. */
const mqlValueSource = z.enum(['measured', 'override', 'default']);

// ---------- mql-value ----------

/** The closed-loop figures of a sample of MQLs (customers ÷ MQLs, revenue ÷ customers, and their product). */
const measuredFigures = {
  mqls: z.number(),
  customers: z.number(),
  revenue: z.number(),
  close_rate: z.number().nullable(),
  avg_revenue_per_customer: z.number().nullable(),
  /** Null with no MQLs; 0 with MQLs but no customer yet. */
  value: z.number().nullable(),
};

/** Value per MQL measured for one type (and segment, by segment). */
const measuredMqlValue = z.object({ mql_type: z.string(), segment: z.string().nullable(), ...measuredFigures });


/** A report's split: its key as asked (`segment`, `property.plan`…) and what it is called. */
const dimensionInfo = z.object({ key: z.string(), label: z.string() });

/** Value per MQL of one group of a dimension, over all its MQLs, then per type (biggest first). */
const mqlValueGroup = z.object({
  group: z.string(),
  label: z.string(),
  ...measuredFigures,
  types: z.array(z.object({ mql_type: z.string(), ...measuredFigures })),
});

export const mqlValueReportData = z.object({
  from: z.string(),
  to: z.string(),
  formula: z.string(),
  types: z.array(typeValueOut),
  /** With by=segment. */
  by_segment: z.array(measuredMqlValue).optional(),
  /** With a dimension. */
  by_dimension: z.object({ dimension: dimensionInfo, groups: z.array(mqlValueGroup) }).optional(),
});

// ---------- marketing-sla and waterfall ----------

const waterfallDay = z.object({
  day: z.string(),
  /** Null for days not begun yet. */
  mqls: z.number().nullable(),
  value: z.number().nullable(),
  cumulative_mqls: z.number().nullable(),
  cumulative_value: z.number().nullable(),
  pace_value: z.number(),
  pace_fraction: z.number(),
});

/** Marketing's commitment for a month: the marketing-sla report's answer; the waterfall adds its days. */
export const marketingSlaReportData = z.object({
  month: z.string(),
  pace: z.enum(paces),
  goal: z.object({
    month: z.string(),
    revenue_goal: z.number(),
    marketing_sourced_share: z.number(),
    marketing_influenced_share: z.number().nullable(),
    /** 'quarter': a third of the quarter's goal. */
    from: z.enum(['month', 'quarter']),
  }),
  target: z.object({
    value: z.number(),
    mqls: z.number().nullable(),
    average_value_per_mql: z.number().nullable(),
    mix: z.array(z.object({ mql_type: z.string(), mqls: z.number(), value: z.number() })),
  }),
  delivered: z.object({ mqls: z.number(), value: z.number(), share_of_target: z.number().nullable() }),
  by_type: z.array(z.object({ mql_type: z.string(), mqls: z.number(), value_per_mql: z.number(), value: z.number(), value_source: mqlValueSource })),
  today: z.object({ pace_value: z.number(), ratio: z.number().nullable(), status: z.enum(['behind', 'on_track', 'ahead', 'not_started']) }),
  projection: z.object({ value: z.number().nullable(), share_of_target: z.number().nullable() }),
});

export const waterfallReportData = marketingSlaReportData.extend({ days: z.array(waterfallDay) });

// ---------- planner ----------

/** A measured value with its sample; null when the denominator is 0. */
const measuredValue = z.object({ value: z.number().nullable(), numerator: z.number(), denominator: z.number() });
/** A measured rate and what it counts ("leads ÷ visits"). */
const measuredRate = measuredValue.extend({ of: z.string() });

/** A count needed: `exact` from unrounded values, `needed` rounded up. */
const need = z.object({ exact: z.number(), needed: z.number() });
const stageNeeds = z.object({ customers: need, sqls: need, mqls: need, leads: need, visits: need });

/** The average contract size measured: won revenue ÷ customers with a won deal, and the deals it rests on. */
const measuredContractSize = measuredRate.extend({ deals: z.number(), dealsWithoutAmount: z.number(), dealsWithoutContact: z.number(), currencies: z.array(z.string()) });

/**
 * Which value the plan used, and the measurement (also when an entered value won over it): the
 * planner hands over the measured rate or contract size itself, so it reads as in `measured`.
 */
const plannedSource = <T extends z.ZodType>(measurement: T) => z.object({ source: z.enum(['entered', 'measured', 'missing']), value: z.number().nullable(), measured: measurement.nullable() });

const rates = <T extends z.ZodType>(schema: T) => z.object(Object.fromEntries(rateKeys.map((k) => [k, schema])) as Record<(typeof rateKeys)[number], T>);

export const plannerReportData = z.object({
  plan: z.object({
    revenueGoal: z.number(),
    months: z.number(),
    revenuePerMonth: z.number(),
    averageContractSize: z.number(),
    rates: rates(z.number()).extend({ leadToCustomer: z.number() }),
    perMonth: stageNeeds,
    total: stageNeeds,
    sources: rates(plannedSource(measuredRate)).extend({ averageContractSize: plannedSource(measuredContractSize) }),
    warnings: z.array(z.string()),
  }),
  measured: z.object({
    window: z.object({ from: z.string(), to: z.string() }),
    cohort: z.object({ from: z.string(), to: z.string(), maturityDays: z.number() }),
    counts: z.object({ visits: z.number(), contacts: z.number(), subscribers: z.number(), leads: z.number(), mqls: z.number(), sqls: z.number(), opportunities: z.number(), customers: z.number() }),
    rates: rates(measuredRate).extend({ sqlToOpportunity: measuredRate, opportunityToCustomer: measuredRate, leadToCustomer: measuredRate }),
    averageContractSize: measuredContractSize,
    notes: z.array(z.string()),
  }),
});

// ---------- mql-scores ----------

const mqlScoreFigures = {
  mqls: z.number(),
  /** MQLs with a score (the averages are over these). */
  scored: z.number(),
  /** Of those, averaged at their current score (recorded before scores were kept at the MQL moment). */
  at_current: z.number(),
  avg_fit: z.number().nullable(),
  avg_interest: z.number().nullable(),
};

export const mqlScoresReportData = z.object({
  month: z.string(),
  target: z.object({ fit: z.number().nullable(), interest: z.number().nullable() }),
  months: z.array(z.object({
    month: z.string(),
    ...mqlScoreFigures,
    below_target: z.object({ fit: z.boolean(), interest: z.boolean() }),
    by_type: z.array(z.object({ mql_type: z.string(), ...mqlScoreFigures })),
  })),
  /** In words, for the month asked: each average below its target. */
  warnings: z.array(z.string()),
});
