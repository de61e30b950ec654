import { z } from 'zod';
import { openLeadOut } from '../domains/sla/open-lead-out.js';

// What the sales reports answer (GET /api/reports/<name>): their response schemas, written from what
// the domain functions return (src/domains/reports/sales-report.ts, src/domains/sla/). The answer is
// parsed with them, so a field left out here is left out of the answer. Counts and amounts arrive
// as numbers on both backends (src/db/client.ts parses int8 and numeric); instants the domain keeps
// as Date objects are written as ISO strings.

const interval = z.tuple([z.number(), z.number()]);
const dimensionInfo = z.object({ key: z.string(), label: z.string() });

// ---------- sales ----------

const cycleStats = { deals: z.number(), median_days: z.number().nullable(), mean_days: z.number().nullable() };
/** vs_average: the group's median − the overall median (positive: slower than average). */
const cycleGroup = { ...cycleStats, vs_average: z.number().nullable() };
const salesCycle = z.object({
  overall: z.object({ ...cycleStats, unmeasured: z.number() }),
  by_segment: z.array(z.object({ segment: z.string(), ...cycleGroup })),
  by_source: z.array(z.object({ source: z.string(), ...cycleGroup })),
  by_dimension: z.array(z.object({ value: z.string(), label: z.string(), ...cycleGroup })),
});

export const salesStatuses = ['behind', 'on_track', 'ahead', 'not_started', 'no_quota'] as const;

/** salesReport: the month's (or window's) revenue against the quota, the cycles, win/loss and each rep. */
export const salesReportData = z.object({
  /** The month asked for; null for a from/to window. */
  month: z.string().nullable(),
  from: z.string(),
  to: z.string(),
  dimension: dimensionInfo,
  quota: z.object({
    total: z.number().nullable(),
    source: z.enum(['month', 'quarter', 'mixed']).nullable(),
    months: z.array(z.object({ month: z.string(), share: z.number(), total: z.number().nullable(), source: z.enum(['month', 'quarter']).nullable() })),
  }),
  waterfall: z.object({
    /** Days not begun yet have null figures; pace is null without a quota. */
    days: z.array(z.object({ day: z.string(), won_deals: z.number().nullable(), revenue: z.number().nullable(), cumulative_revenue: z.number().nullable(), pace: z.number().nullable() })),
    closed: z.number(),
    reached: z.number().nullable(),
    gap: z.number().nullable(),
    today: z.object({ pace: z.number().nullable(), ratio: z.number().nullable(), status: z.enum(salesStatuses) }),
    projection: z.object({ revenue: z.number().nullable(), reached: z.number().nullable() }),
  }),
  cycle: z.object({ lead_to_customer: salesCycle, mql_to_customer: salesCycle }),
  win_loss: z.object({
    won: z.object({ deals: z.number(), revenue: z.number() }),
    lost: z.object({ deals: z.number(), amount: z.number() }),
    win_rate: z.number().nullable(),
    /** reason: a code of the lost reasons list (or unspecified); label: what it reads as. */
    by_reason: z.array(z.object({ reason: z.string(), label: z.string(), deals: z.number(), amount: z.number() })),
    by_dimension: z.array(z.object({ value: z.string(), label: z.string(), won: z.number(), lost: z.number(), revenue: z.number(), lost_amount: z.number(), win_rate: z.number() })),
  }),
  reps: z.array(z.object({
    /** null: the deals without an owner. */
    owner_id: z.number().nullable(),
    name: z.string().nullable(),
    team: z.string().nullable(),
    won_deals: z.number(),
    revenue: z.number(),
    quota: z.number().nullable(),
    reached: z.number().nullable(),
    lost_deals: z.number(),
    win_rate: z.number().nullable(),
    avg_deal: z.number().nullable(),
    median_cycle_days: z.number().nullable(),
  })),
});

// ---------- sla and sales-dashboard ----------

/** One group's compliance (slaCompliance's shape): rates are 0..1, null while nothing is decided. */
const slaCompliance = {
  leads: z.number(),
  first_touch: z.object({ met: z.number(), decided: z.number(), met_rate: z.number().nullable(), late_open: z.number(), median_minutes: z.number().nullable() }),
  attempts: z.object({ per_lead: z.number().nullable(), met: z.number(), decided: z.number(), met_rate: z.number().nullable() }),
  connected: z.number(),
  accepted: z.number(),
  median_hours_to_accept: z.number().nullable(),
  rejected: z.number(),
  recycled: z.number(),
};

/** slaCompliance: the clocks started in the window, judged now, per rep, per team and for everyone. */
export const slaReportData = z.object({
  from: z.string(),
  to: z.string(),
  total: z.object(slaCompliance),
  // Teams and reps are grouped on the team with '(no team)' for none, so theirs is never null.
  teams: z.array(z.object({ team: z.string(), ...slaCompliance })),
  reps: z.array(z.object({ team: z.string(), owner_id: z.number().nullable(), owner_name: z.string().nullable(), ...slaCompliance })),
  rejections: z.array(z.object({ reason_code: z.string(), leads: z.number() })),
});

/** openLeads: the open leads now, most urgent first, as GET /api/sla/leads lists them (a list: no window is added). */
export const leadsReportData = z.array(openLeadOut);

/** salesDashboard: open clocks by state, compliance today and month to date, the leads that need action. */
export const salesDashboardReportData = z.object({
  at: z.string(),
  open: z.object({ open: z.number(), breached: z.number(), at_risk: z.number(), first_touch_breached: z.number(), attempts_breached: z.number(), on_time: z.number() }),
  today: slaReportData,
  month_to_date: slaReportData,
  not_touched_in_time: z.array(openLeadOut),
  not_attempted_enough: z.array(openLeadOut),
});

// ---------- attempts ----------

const attemptStep = z.object({
  attempt: z.number(),
  atRisk: z.number(),
  conversions: z.number(),
  hazard: z.number().nullable(),
  hazardCi: interval.nullable(),
  value: z.number().nullable(),
  valueCi: interval.nullable(),
  cost: z.number(),
  pays: z.boolean().nullable(),
  survival: z.number(),
  expectedProfit: z.number().nullable(),
  cumulativeConversions: z.number(),
  cumulativeShare: z.number().nullable(),
  cumulativeShareCi: interval.nullable(),
  thin: z.boolean(),
});

const attemptsGroup = z.object({
  from: z.number(),
  /** null for the open tail "K+". */
  to: z.number().nullable(),
  label: z.string(),
  leads: z.number(),
  customers: z.number(),
  closeRate: z.number().nullable(),
  closeRateCi: interval.nullable(),
  revenue: z.number(),
  revenuePerLead: z.number().nullable(),
  cost: z.number(),
  costPerLead: z.number().nullable(),
  profitPerLead: z.number().nullable(),
  connected: z.number(),
  small: z.boolean(),
});

const attemptsRecommendation = z.object({
  n: z.number().nullable(),
  cumulativeShare: z.number().nullable(),
  cumulativeShareCi: interval.nullable(),
  expectedProfit: z.number().nullable(),
  reason: z.string(),
  confidence: z.enum(['high', 'medium', 'low', 'none']),
  confidenceText: z.string(),
});

const attemptsCurve = {
  leads: z.number(),
  customers: z.number(),
  convertedWithoutAttempt: z.number(),
  valuePerConversion: z.number().nullable(),
  costPerAttempt: z.number().nullable(),
  costSource: z.enum(['measured', 'overall', 'none']),
  breakEvenHazard: z.number().nullable(),
  steps: z.array(attemptStep),
  recommended: attemptsRecommendation,
  byAttemptsMade: z.array(attemptsGroup),
};

/**
 * attemptsReport. Its own `window` (the MQL window asked for) is not listed: the answer states the
 * applied window instead, as every report with a window does (runReport replaces it).
 */
export const attemptsReportData = z.object({
  asOf: z.string(),
  minMonths: z.number(),
  mqlFrom: z.string().nullable(),
  mqlTo: z.string(),
  limitedBy: z.enum(['window', 'maturity']),
  applied: z.string(),
  zone: z.string(),
  dimension: dimensionInfo,
  method: z.string(),
  costPerAttempt: z.object({
    attempts: z.number(),
    attemptsWithoutCost: z.number(),
    totalCost: z.number(),
    average: z.number().nullable(),
    // A reader without costs:read gets null hourly cost, calls per hour and cost per attempt.
    byRep: z.array(z.object({
      userId: z.number().nullable(),
      name: z.string().nullable(),
      hourlyCost: z.number().nullable(),
      callsPerHour: z.number().nullable(),
      costPerAttempt: z.number().nullable(),
      attempts: z.number(),
      missingCost: z.boolean(),
    })),
  }),
  overall: z.object(attemptsCurve),
  byGroup: z.array(z.object({ group: z.string(), label: z.string(), ...attemptsCurve })),
});

// ---------- win-loss ----------

const winLossStats = {
  won: z.number(),
  lost: z.number(),
  win_rate: z.number().nullable(),
  won_amount: z.number(),
  avg_won_deal: z.number().nullable(),
  /** Won deals: days from the deal's creation to its close. */
  median_cycle_days: z.number().nullable(),
};
const reasonShare = z.object({ code: z.string(), label: z.string(), deals: z.number(), share: z.number(), amount: z.number() });

/** winLossReport: deals closed in the window, won against lost, by a dimension, with the reasons. */
export const winLossReportData = z.object({
  from: z.string(),
  to: z.string(),
  dimension: dimensionInfo,
  /** The deal size bands (the deal_size dimension); `below` is exclusive, null for the last. */
  size_bands: z.array(z.object({ key: z.string(), label: z.string(), below: z.number().nullable() })),
  overall: z.object(winLossStats),
  groups: z.array(z.object({ value: z.string(), label: z.string(), ...winLossStats })),
  reasons: z.object({ won: z.array(reasonShare), lost: z.array(reasonShare) }),
  /** Per group and outcome, the reason whose share differs most from its share overall, biggest difference first. */
  distinctive: z.array(z.object({
    value: z.string(),
    label: z.string(),
    outcome: z.enum(['won', 'lost']),
    reason: z.string(),
    reason_label: z.string(),
    /** Deals of the group with that reason, of `of_deals` won (or lost) deals of the group. */
    deals: z.number(),
    of_deals: z.number(),
    group_share: z.number(),
    overall_share: z.number(),
    difference: z.number(),
  })),
});

// ---------- handoffs (SDR → account executive) ----------

/** One group's figures (handoffsReport): hours are elapsed, the share within SLA is of the decided leads (null while none is). */
const handoffStats = {
  leads: z.number(),
  done: z.number(),
  median_hours: z.number().nullable(),
  mean_hours: z.number().nullable(),
  decided: z.number(),
  within_sla: z.number(),
  within_sla_share: z.number().nullable(),
};
const handoffGroups = z.object({
  total: z.object(handoffStats),
  teams: z.array(z.object({ team: z.string(), ...handoffStats })),
  people: z.array(z.object({ team: z.string(), user_id: z.number().nullable(), name: z.string().nullable(), ...handoffStats })),
});

/** handoffsReport: time to accept (per SDR) and time to the AE's first meeting (per AE), per team and for everyone. */
export const handoffsReportData = z.object({
  from: z.string(),
  to: z.string(),
  accept: handoffGroups,
  first_meeting: handoffGroups,
});
