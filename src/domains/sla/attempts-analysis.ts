/**
 * The guide's "optimal number of attempts", as pure functions over leads. The recommendation comes
 * from the marginal value of one more attempt (a discrete-time hazard, Kaplan–Meier style), not from
 * comparing leads grouped by the attempts made on them: leads that convert early stop being called,
 * so those groups' close rates fall with attempts even when every attempt converts as well as the
 * first (a real telemarketing history: 14.6 % at 1 attempt, 5.9 % at 8, yet 98 % of conversions
 * reached only by 8). The groups stay as a secondary view. The SQL that produces the leads is in
 * queries/attempts-report.ts.
 */
import { wilsonInterval, type Interval } from '../scoring/wilson-interval.js';

/**
 * A lead, or `count` leads alike in everything the analysis tells apart (group, attempts, customer,
 * connected): the report reads them grouped so, with their revenue, cost and attempts without cost
 * summed.
 */
export interface AttemptLead {
  /** The lead's group in the breakdown (its MQL type unless another dimension is asked). */
  group: string;
  /** How many leads this stands for. Default 1. */
  count?: number;
  /** Attempts made (on each lead) from its MQL moment until it converted; all of them up to the report's end when it never did. */
  attempts: number;
  /** Of those, attempts whose cost is unknown (no rep, or a rep without an hourly cost), over all `count` leads. Default 0. */
  attemptsWithoutCost?: number;
  customer: boolean;
  /** Over all `count` leads. */
  revenue: number;
  /** Over all `count` leads. */
  cost: number;
  /** One of its attempts connected. Default false. */
  connected?: boolean;
}

const countOf = (l: AttemptLead) => l.count ?? 1;

export interface AttemptsOptions {
  /** An attempt decides only when at least this many leads got it (fewer: shown, marked thin). Default 20. */
  minAtRisk?: number;
  /** Secondary view: consecutive attempt counts merge until a group holds this many leads; the thin tail becomes "K+". Default 20. */
  minGroupSize?: number;
}

const defaults = { minAtRisk: 20, minGroupSize: 20 };
type Options = typeof defaults;

export function attemptsOptions(o: AttemptsOptions = {}): Options {
  const r = { ...defaults };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

/** Below this many customers the confidence is at most low: a handful of deals decide every hazard. */
export const CONFIDENCE_MIN_CUSTOMERS = 10;

export function attemptsMethod(o: AttemptsOptions = {}): string {
  const p = attemptsOptions(o);
  return [
    'Leads: contacts whose first MQL moment falls in the window and at least the chosen number of months before the report date ("as of"), split by the chosen dimension (MQL type unless another is asked).',
    'Attempts: outbound calls, emails and social touches logged on the lead from its MQL moment until it converted (reached customer or had a won deal close); until the report date if it never did. Imported history counts like live data.',
    'Conversion at attempt k: the lead converted after its k-th attempt and before a (k+1)-th. A conversion that comes later without another attempt still counts at the last attempt made; one before any attempt counts at 0 (it is in the cumulative share, never at risk).',
    'At risk for attempt k: the leads that got a k-th attempt while still unconverted (attempts stop counting at the conversion, so: leads with at least k attempts). A lead never converted and called fewer than k times leaves the count from attempt k on (censored); it is not counted as a failure of attempt k.',
    `Hazard h(k) = conversions at attempt k ÷ leads at risk for it, with its Wilson 95 % interval. Attempts that fewer than ${p.minAtRisk} leads got are shown but do not decide.`,
    "Value of attempt k = h(k) × the value of a conversion (the group's won deals' amounts ÷ its customers). Cost of an attempt = the rep's hourly cost ÷ calls per hour, averaged over the group's attempts that have cost data (all leads' average when the group has none); attempts with no rep or a rep without an hourly cost are counted apart.",
    'Cumulative share within k attempts = the conversions at attempts 0 to k ÷ all conversions of the group.',
    'Expected profit per lead of an SLA of N attempts = the sum over k = 1..N of S(k−1) × (h(k) × value − cost), where S(k) = (1 − h(1)) × … × (1 − h(k)) is the share still unconverted after k attempts.',
    'Recommended N: the N with the highest expected profit per lead (the smallest such N). Attempt N still pays (its value is above its cost) and the attempts after it, taken together, do not; when the hazard falls with attempts this is the last attempt whose value is above its cost. N = 0 means not even the first attempt pays.',
    'How sure: high when attempt N\'s value is above the cost over its whole 95 % interval and attempt N+1\'s is below it over its whole interval; medium when only one of the two is clear (or nobody got attempt N+1); low otherwise, ' +
      `and always low with fewer than ${CONFIDENCE_MIN_CUSTOMERS} customers. The value of a conversion and the cost of an attempt are taken as measured.`,
    `Secondary view: leads grouped by the attempts made on them (consecutive counts merged until a group has ${p.minGroupSize} leads), with close rate and profit per lead. It does not decide: leads that convert early stop being called, so these groups' close rates fall with attempts even when later attempts still pay.`,
  ].join('\n');
}

// ---------- the marginal analysis ----------

export interface AttemptStep {
  /** k: the attempt this row is about. */
  attempt: number;
  /** Leads that got attempt k while still unconverted. */
  atRisk: number;
  /** Leads that converted after attempt k and before a (k+1)-th. */
  conversions: number;
  hazard: number | null;
  hazardCi: Interval | null;
  /** Expected value of attempt k = hazard × value of a conversion (null without a value). */
  value: number | null;
  valueCi: Interval | null;
  cost: number;
  /** Its value is above its cost (null without a value). */
  pays: boolean | null;
  /** Share of the leads still unconverted after k attempts (Kaplan–Meier). */
  survival: number;
  /** Expected profit per lead of an SLA of k attempts (null without a value). */
  expectedProfit: number | null;
  /** Conversions at attempts 0..k, and their share of all conversions. */
  cumulativeConversions: number;
  cumulativeShare: number | null;
  cumulativeShareCi: Interval | null;
  /** Fewer leads at risk than the minimum: shown, not used to decide. */
  thin: boolean;
}

export interface AttemptsRecommendation {
  /** Recommended attempts per lead; null when there is nothing to decide on (see reason). */
  n: number | null;
  /** Share of the conversions reached within n attempts. */
  cumulativeShare: number | null;
  cumulativeShareCi: Interval | null;
  /** Expected profit per lead of an SLA of n attempts. */
  expectedProfit: number | null;
  reason: string;
  confidence: 'high' | 'medium' | 'low' | 'none';
  confidenceText: string;
}

export interface AttemptsBucket {
  from: number;
  /** Last attempt count in the group; null for the open tail "K+". */
  to: number | null;
  label: string;
}

export interface AttemptsGroup extends AttemptsBucket {
  leads: number;
  customers: number;
  closeRate: number | null;
  closeRateCi: Interval | null;
  revenue: number;
  revenuePerLead: number | null;
  cost: number;
  costPerLead: number | null;
  profitPerLead: number | null;
  /** Leads with at least one connected attempt. */
  connected: number;
  /** Fewer leads than the minimum group size (only possible when all leads fit in one group). */
  small: boolean;
}

export interface AttemptsCurve {
  leads: number;
  customers: number;
  /** Customers that converted before any attempt. */
  convertedWithoutAttempt: number;
  /** Average revenue per customer (null without customers). */
  valuePerConversion: number | null;
  /** Average cost of an attempt with cost data (null when no attempt has any). */
  costPerAttempt: number | null;
  /** Where the cost came from: the group's own attempts, all leads' (the group has none with cost data), or none (counted as 0). */
  costSource: 'measured' | 'overall' | 'none';
  /** Hazard an attempt needs to pay: cost ÷ value. */
  breakEvenHazard: number | null;
  steps: AttemptStep[];
  recommended: AttemptsRecommendation;
  /** Secondary view: leads grouped by the attempts made on them. */
  byAttemptsMade: AttemptsGroup[];
}

export interface AttemptsAnalysis {
  method: string;
  overall: AttemptsCurve;
  byGroup: (AttemptsCurve & { group: string })[];
}

const cents = (v: number) => Math.round(v * 100) / 100;
const money = (v: number) => v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (v: number) => `${(Math.round(v * 1000) / 10).toLocaleString('en-US')} %`;

/** The marginal rows of one set of leads, for a value per conversion (null: none) and a cost per attempt. */
export function attemptSteps(leads: readonly AttemptLead[], value: number | null, cost: number, minAtRisk: number): AttemptStep[] {
  const max = leads.reduce((m, l) => Math.max(m, l.attempts), 0);
  const ending = new Array<number>(max + 1).fill(0); // leads whose attempts stop at a
  const converted = new Array<number>(max + 1).fill(0); // converted after exactly a attempts
  let all = 0;
  for (const l of leads) {
    ending[l.attempts]! += countOf(l);
    if (l.customer) converted[l.attempts]! += countOf(l);
    all += countOf(l);
  }
  const totalConversions = converted.reduce((s, c) => s + c, 0);
  let atRisk = all - ending[0]!;
  let cumulative = converted[0]!;
  let survival = 1;
  let profit = 0;
  const steps: AttemptStep[] = [];
  for (let k = 1; k <= max; k++) {
    const conversions = converted[k]!;
    const hazard = atRisk ? conversions / atRisk : null;
    const ci = wilsonInterval(conversions, atRisk);
    if (hazard !== null && value !== null) profit += survival * (hazard * value - cost);
    if (hazard !== null) survival *= 1 - hazard;
    cumulative += conversions;
    steps.push({
      attempt: k,
      atRisk,
      conversions,
      hazard,
      hazardCi: ci,
      value: hazard === null || value === null ? null : cents(hazard * value),
      valueCi: ci && value !== null ? [cents(ci[0] * value), cents(ci[1] * value)] : null,
      cost: cents(cost),
      pays: hazard === null || value === null ? null : hazard * value > cost,
      survival,
      expectedProfit: value === null ? null : cents(profit),
      cumulativeConversions: cumulative,
      cumulativeShare: totalConversions ? cumulative / totalConversions : null,
      cumulativeShareCi: wilsonInterval(cumulative, totalConversions),
      thin: atRisk < minAtRisk,
    });
    atRisk -= ending[k]!;
  }
  return steps;
}

/**
 * The N with the highest expected profit per lead over the attempts enough leads got (the
 * smallest N on a tie, so an attempt that only breaks even is not asked for). Returns 0 when not
 * even the first attempt pays. Unrounded, from the steps' counts.
 */
export function bestAttempts(steps: readonly AttemptStep[], value: number, cost: number): number {
  let best = 0;
  let n = 0;
  let profit = 0;
  let survival = 1;
  for (const s of steps) {
    if (s.thin || s.hazard === null) break;
    profit += survival * (s.hazard * value - cost);
    survival *= 1 - s.hazard;
    // A relative epsilon: sums of the same terms in another order must not flip the choice.
    if (profit > best + 1e-9 * Math.max(1, Math.abs(best))) {
      best = profit;
      n = s.attempt;
    }
  }
  return n;
}

const none = (reason: string): AttemptsRecommendation => ({
  n: null, cumulativeShare: null, cumulativeShareCi: null, expectedProfit: null, reason, confidence: 'none', confidenceText: `No recommendation: ${reason}`,
});

function recommend(c: Omit<AttemptsCurve, 'recommended' | 'byAttemptsMade'>, p: Options): AttemptsRecommendation {
  if (!c.leads) return none('No leads in this window have been MQLs long enough.');
  if (!c.customers) return none('None of these leads converted: there is no value of a conversion to weigh an attempt against.');
  const value = c.valuePerConversion!;
  const cost = c.costPerAttempt ?? 0;
  if (value <= 0) return none("These leads' customers have no revenue (no won deal with an amount): every attempt would only cost.");
  if (!c.steps.length || c.steps[0]!.thin) {
    return none(`Fewer than ${p.minAtRisk} leads got a first attempt: too few to measure what an attempt brings.`);
  }
  const n = bestAttempts(c.steps, value, cost);
  const at = n > 0 ? c.steps[n - 1]! : null;
  const next = c.steps[n] ?? null;
  const share = at ? at.cumulativeShare : c.convertedWithoutAttempt / c.customers;
  const shareCi = at ? at.cumulativeShareCi : wilsonInterval(c.convertedWithoutAttempt, c.customers);
  const costText = c.costSource === 'none' ? 'no cost (no attempt has cost data)' : `${money(cost)} an attempt`;
  const worth = (s: AttemptStep) => `${pct(s.hazard!)} of the ${s.atRisk.toLocaleString('en-US')} leads still unconverted converted after it, worth ${money(s.value!)} a lead`;
  const after = !next
    ? `no lead got a ${ordinal(n + 1)} attempt.`
    : next.thin
      ? `fewer than ${p.minAtRisk} leads got a ${ordinal(n + 1)} attempt (${next.atRisk}), too few to tell whether it would pay.`
      : next.pays
        ? `attempt ${n + 1} pays on its own (${money(next.value!)}) but the attempts after it, taken together, cost more than they bring.`
        : `attempt ${n + 1} does not: ${worth(next)}.`;
  const reason = n === 0
    ? `Not even the first attempt pays against ${costText}: ${worth(c.steps[0]!)}.`
    : `Attempt ${n} still pays against ${costText}: ${worth(at!)}; ${after}`;

  // How sure: the deciding attempts' values, over their 95 % intervals, against the cost.
  const clearIn = at ? at.valueCi![0] > cost : null;
  const clearOut = next && next.valueCi ? next.valueCi[1] < cost : null;
  const confidence: AttemptsRecommendation['confidence'] =
    c.customers < CONFIDENCE_MIN_CUSTOMERS ? 'low'
      : n === 0 ? (clearOut ? 'high' : 'low')
        : clearIn && clearOut ? 'high'
          : clearIn || clearOut ? 'medium'
            : 'low';
  const range = (s: AttemptStep) => `${money(s.valueCi![0])}–${money(s.valueCi![1])}`;
  const parts: string[] = [];
  if (at) parts.push(`attempt ${n}'s value is ${clearIn ? '' : 'not '}above the cost over its whole 95 % interval (${range(at)} against ${money(cost)})`);
  if (next && next.valueCi) parts.push(`attempt ${n + 1}'s is ${clearOut ? '' : 'not '}below it over its whole interval (${range(next)})`);
  else parts.push(`no lead got attempt ${n + 1}, so what it would bring is unknown`);
  const few = c.customers < CONFIDENCE_MIN_CUSTOMERS ? ` Only ${c.customers} customer(s): too few to be sure.` : '';
  const sentence = parts.join('; ');
  return {
    n,
    cumulativeShare: share,
    cumulativeShareCi: shareCi,
    expectedProfit: at ? at.expectedProfit : 0,
    reason,
    confidence,
    confidenceText: `${confidence[0]!.toUpperCase()}${confidence.slice(1)}: ${sentence}.${few}`,
  };
}

function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : ['th', 'st', 'nd', 'rd'][n % 10] ?? 'th';
  return `${n}${s}`;
}

// ---------- the secondary view: groups by attempts made ----------

/**
 * Buckets over the attempt counts seen: from the smallest count up, counts are added to the current
 * group until it holds `minSize` leads; what is left at the top (fewer than `minSize`) joins the last
 * group. The last group is open-ended ("K+") when it spans more than one count.
 */
export function attemptBuckets(attempts: readonly number[], minSize: number, weights?: readonly number[]): AttemptsBucket[] {
  const counts = new Map<number, number>();
  attempts.forEach((a, i) => counts.set(a, (counts.get(a) ?? 0) + (weights?.[i] ?? 1)));
  const values = [...counts.keys()].sort((x, y) => x - y);
  const out: { from: number; to: number; n: number }[] = [];
  let cur: { from: number; to: number; n: number } | null = null;
  for (const v of values) {
    cur ??= { from: v, to: v, n: 0 };
    cur.to = v;
    cur.n += counts.get(v)!;
    if (cur.n >= minSize) {
      out.push(cur);
      cur = null;
    }
  }
  if (cur) {
    const last = out.pop();
    out.push(last ? { from: last.from, to: cur.to, n: last.n + cur.n } : cur);
  }
  return out.map((g, i) => {
    const top = i === out.length - 1 && g.to > g.from;
    return { from: g.from, to: top ? null : g.to, label: g.from === g.to ? `${g.from}` : top ? `${g.from}+` : `${g.from}–${g.to}` };
  });
}

/** Index of the bucket holding `attempts`: the last one starting at or below it. */
function bucketIndex(buckets: readonly AttemptsBucket[], attempts: number): number {
  let i = 0;
  while (i + 1 < buckets.length && buckets[i + 1]!.from <= attempts) i++;
  return i;
}

function attemptGroups(leads: readonly AttemptLead[], minSize: number): AttemptsGroup[] {
  const buckets = attemptBuckets(leads.map((l) => l.attempts), minSize, leads.map(countOf));
  const accs = buckets.map(() => ({ leads: 0, customers: 0, revenue: 0, cost: 0, connected: 0 }));
  for (const l of leads) {
    const a = accs[bucketIndex(buckets, l.attempts)]!;
    const n = countOf(l);
    a.leads += n;
    if (l.customer) a.customers += n;
    a.revenue += l.revenue;
    a.cost += l.cost;
    if (l.connected) a.connected += n;
  }
  return buckets.map((b, i) => {
    const a = accs[i]!;
    const per = (v: number) => (a.leads ? cents(v / a.leads) : null);
    return {
      ...b,
      leads: a.leads,
      customers: a.customers,
      closeRate: a.leads ? a.customers / a.leads : null,
      closeRateCi: wilsonInterval(a.customers, a.leads),
      revenue: cents(a.revenue),
      revenuePerLead: per(a.revenue),
      cost: cents(a.cost),
      costPerLead: per(a.cost),
      profitPerLead: per(a.revenue - a.cost),
      connected: a.connected,
      small: a.leads < minSize,
    };
  });
}

// ---------- the whole analysis ----------

interface CostSums {
  cost: number;
  costed: number;
}

function costSums(leads: readonly AttemptLead[]): CostSums {
  let cost = 0;
  let costed = 0;
  for (const l of leads) {
    cost += l.cost;
    costed += l.attempts * countOf(l) - (l.attemptsWithoutCost ?? 0);
  }
  return { cost, costed };
}

function curveOf(leads: readonly AttemptLead[], p: Options, overallCost: number | null): AttemptsCurve {
  const count = (keep: (l: AttemptLead) => boolean) => leads.reduce((s, l) => s + (keep(l) ? countOf(l) : 0), 0);
  const customers = count((l) => l.customer);
  const revenue = leads.reduce((s, l) => s + l.revenue, 0);
  const value = customers ? revenue / customers : null;
  const own = costSums(leads);
  const costSource: AttemptsCurve['costSource'] = own.costed > 0 ? 'measured' : overallCost !== null ? 'overall' : 'none';
  const cost = own.costed > 0 ? own.cost / own.costed : overallCost;
  const steps = attemptSteps(leads, value, cost ?? 0, p.minAtRisk);
  const base = {
    leads: count(() => true),
    customers,
    convertedWithoutAttempt: count((l) => l.customer && l.attempts === 0),
    valuePerConversion: value === null ? null : cents(value),
    costPerAttempt: cost === null ? null : cents(cost),
    costSource,
    breakEvenHazard: value ? (cost ?? 0) / value : null,
    steps,
  };
  // Decided on the unrounded value and cost; the rows carry rounded money for display.
  const recommended = recommend({ ...base, valuePerConversion: value, costPerAttempt: cost }, p);
  return { ...base, recommended, byAttemptsMade: attemptGroups(leads, p.minGroupSize) };
}

/** The whole analysis: overall and per group (MQL type or another dimension's value), with the method. */
export function analyseAttempts(leads: readonly AttemptLead[], options: AttemptsOptions = {}): AttemptsAnalysis {
  const p = attemptsOptions(options);
  const all = costSums(leads);
  const overallCost = all.costed > 0 ? all.cost / all.costed : null;
  const byGroup = new Map<string, AttemptLead[]>();
  for (const l of leads) {
    const list = byGroup.get(l.group);
    if (list) list.push(l);
    else byGroup.set(l.group, [l]);
  }
  const groups = [...byGroup.keys()].sort();
  return {
    method: attemptsMethod(options),
    overall: curveOf(leads, p, overallCost),
    byGroup: groups.map((group) => ({ group, ...curveOf(byGroup.get(group)!, p, overallCost) })),
  };
}
