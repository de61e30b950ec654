/**
 * Frequency thresholds for the interest score ("10 downloads", "more than 15 visits in 30
 * days", PRODUCT.md §3): from how often each contact did an action and whether they became a
 * customer, find the count from which contacts close clearly more often than those below it.
 */
import { type ActionCount, type BehaviourConditionInput, DEFAULT_MIN_SAMPLE } from './calibration-stats.js';
import { type Interval, wilsonInterval } from './wilson-interval.js';

export interface ContactFrequency {
  /** How many times the contact did the action in the chosen period (e.g. visits in 30 days). */
  count: number;
  customer: boolean;
  /** How many contacts this row stands for (a histogram's bar); 1 when left out. */
  contacts?: number;
}

export interface FrequencyCandidate {
  /** The rule "count ≥ k". */
  k: number;
  contacts: number;
  customers: number;
  closeRate: number;
  ci: Interval;
  /** closeRate ÷ the close rate of all contacts; null when nobody closed. */
  lift: number | null;
  below: { contacts: number; customers: number; closeRate: number | null };
  /** Share of all customers the rule catches (sensitivity). */
  customerShare: number;
  /** Share of all non-customers the rule also catches (false-positive rate). */
  otherShare: number;
  /** customerShare − otherShare (Youden's J): how well this k splits the two groups. */
  separation: number;
  /** ≥ minSample contacts at or above k, and the CI's lower bound beats the rate below k. */
  significant: boolean;
}

export interface FrequencyThresholds {
  contacts: number;
  customers: number;
  closeRate: number | null;
  candidates: FrequencyCandidate[];
  /** The recommended threshold, or null when no k is significant. */
  recommendedK: number | null;
  /** The smallest significant k, shown because it is the most inclusive defensible rule. */
  smallestSignificantK: number | null;
  rule: string;
}

export interface FrequencyOptions {
  minSample?: number;
}

const RULE =
  'A threshold k is significant when at least the minimum sample of contacts did the action k times or more and the ' +
  "95 % Wilson interval of their close rate lies wholly above the close rate of contacts below k. Among significant " +
  'thresholds the recommended k maximises separation = share of customers at ≥ k − share of non-customers at ≥ k ' +
  "(Youden's J); ties go to the smaller k.";

/**
 * Why not simply "the smallest significant k": contacts who never did the action usually close
 * least, so k = 1 is nearly always significant and says nothing useful; separation instead
 * rewards a k that keeps the customers while dropping the others.
 */
export function frequencyThresholds(rows: ContactFrequency[], opts: FrequencyOptions = {}): FrequencyThresholds {
  const minSample = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const histogram = new Map<number, { contacts: number; customers: number }>();
  let total = 0;
  let totalCustomers = 0;
  for (const r of rows) {
    if (!(Number.isInteger(r.count) && r.count >= 0)) throw new RangeError(`count must be a whole number ≥ 0, got ${r.count}`);
    const n = r.contacts ?? 1;
    const h = histogram.get(r.count) ?? { contacts: 0, customers: 0 };
    h.contacts += n;
    h.customers += r.customer ? n : 0;
    histogram.set(r.count, h);
    total += n;
    if (r.customer) totalCustomers += n;
  }
  const others = total - totalCustomers;
  const overallRate = total > 0 ? totalCustomers / total : null;

  // Walk the distinct counts from the top so "≥ k" totals accumulate in one pass.
  const levels = [...histogram.keys()].filter((k) => k >= 1).sort((a, b) => b - a);
  let atLeast = 0;
  let atLeastCustomers = 0;
  const candidates: FrequencyCandidate[] = [];
  for (const k of levels) {
    const h = histogram.get(k)!;
    atLeast += h.contacts;
    atLeastCustomers += h.customers;
    const closeRate = atLeastCustomers / atLeast;
    const ci = wilsonInterval(atLeastCustomers, atLeast)!;
    const belowContacts = total - atLeast;
    const belowCustomers = totalCustomers - atLeastCustomers;
    const belowRate = belowContacts > 0 ? belowCustomers / belowContacts : null;
    const customerShare = totalCustomers > 0 ? atLeastCustomers / totalCustomers : 0;
    const otherShare = others > 0 ? (atLeast - atLeastCustomers) / others : 0;
    candidates.push({
      k,
      contacts: atLeast,
      customers: atLeastCustomers,
      closeRate,
      ci,
      lift: overallRate ? closeRate / overallRate : null,
      below: { contacts: belowContacts, customers: belowCustomers, closeRate: belowRate },
      customerShare,
      otherShare,
      separation: customerShare - otherShare,
      significant: atLeast >= minSample && belowRate !== null && ci[0] > belowRate,
    });
  }
  candidates.reverse();

  const significant = candidates.filter((c) => c.significant);
  // `>` (not `>=`) keeps the first, i.e. smallest, k on ties.
  const best = significant.reduce<FrequencyCandidate | null>((b, c) => (b === null || c.separation > b.separation ? c : b), null);
  return {
    contacts: total,
    customers: totalCustomers,
    closeRate: overallRate,
    candidates,
    recommendedK: best?.k ?? null,
    smallestSignificantK: significant[0]?.k ?? null,
    rule: RULE,
  };
}

/**
 * The recommended threshold as an action for `calibrate`, carrying the MQL condition that
 * expresses it (e.g. `{ event: 'page', withinDays: 30, minCount: 16 }`), so a frequency rule
 * is weighed and proposed like any other action. Null when nothing is recommended.
 */
export function thresholdAction(result: FrequencyThresholds, rule: Omit<BehaviourConditionInput, 'kind' | 'minCount'>, label?: string): ActionCount | null {
  const c = result.candidates.find((x) => x.k === result.recommendedK);
  if (!c) return null;
  const what = [rule.event, rule.asset, rule.withinDays !== undefined ? `${rule.withinDays}d` : undefined].filter(Boolean).join(' ');
  return {
    key: `${what} ≥ ${c.k}`,
    kind: 'frequency',
    label: label ?? `${rule.event}${rule.asset ? ` "${rule.asset}"` : ''} at least ${c.k} times${rule.withinDays !== undefined ? ` in ${rule.withinDays} days` : ''}`,
    contacts: c.contacts,
    customers: c.customers,
    condition: { kind: 'behaviour', ...rule, minCount: c.k },
  };
}
