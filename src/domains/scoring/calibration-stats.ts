/**
 * Closed-loop calibration (PRODUCT.md §3): for every action done by contacts created in a
 * window, how often did those contacts become customers, compared with everybody created in
 * that window? Pure arithmetic over counts; the queries that produce the counts live elsewhere.
 */
import type { MqlDefinitionInput } from './mql-definition.js';
import { type Interval, wilsonInterval } from './wilson-interval.js';

/** A behaviour condition as a user writes it in an MQL definition (minCount may be left out). */
export type BehaviourConditionInput = Extract<MqlDefinitionInput['clauses'][number]['conditions'][number], { kind: 'behaviour' }>;

/** 'property': a value (or numeric range) of a contact or company property (calibration-properties.ts). */
export type ActionKind = 'event' | 'asset' | 'campaign' | 'frequency' | 'property';

export interface ActionCount {
  /** Stable identifier of the action (event name, asset id, campaign key, frequency rule key). */
  key: string;
  kind: ActionKind;
  label: string;
  /** Contacts in the window who did the action. */
  contacts: number;
  /** Of those, how many became customers. */
  customers: number;
  /**
   * The MQL condition that matches this action. Needed for assets (the condition names the event
   * too), campaigns (the MQL language has no campaign condition, so without one they are not
   * proposed) and frequency rules; an `event` action defaults to `{ event: key }`.
   */
  condition?: BehaviourConditionInput;
}

export interface CohortCount {
  contacts: number;
  customers: number;
}

export interface CalibrationOptions {
  /** Below this many contacts an action is flagged `too_few`; also the shrinkage weight m. */
  minSample?: number;
  /** Points per doubling of the close rate over the average. */
  pointsScale?: number;
}

/**
 * - `well_above`: the 95 % interval's lower bound is above the average AND lift ≥ 2 — twice
 *   as likely to close, and not by luck. These are the MQL clause candidates.
 * - `above`: the lower bound is above the average but lift < 2 (real, but modest).
 * - `below`: the upper bound is under the average.
 * - `average`: the interval contains the average: the data cannot tell it apart, whatever the
 *   point estimate says.
 * - `too_few`: fewer than `minSample` contacts did it, or the window has no customers to compare
 *   with; no verdict.
 */
export type CalibrationFlag = 'well_above' | 'above' | 'average' | 'below' | 'too_few';

export interface CalibratedAction extends ActionCount {
  closeRate: number | null;
  ci: Interval | null;
  /** closeRate ÷ baseline rate; null when either is undefined. */
  lift: number | null;
  /** The close rate pulled toward the average (see `formula`); what the points are based on. */
  shrunkRate: number | null;
  suggestedPoints: number;
  flag: CalibrationFlag;
}

export interface CalibrationResult {
  baseline: CohortCount & { rate: number | null; ci: Interval | null };
  minSample: number;
  pointsScale: number;
  /** The points formula in words, shown next to the numbers so nobody has to trust a black box. */
  formula: string;
  actions: CalibratedAction[];
}

export const DEFAULT_MIN_SAMPLE = 30;
/** 10 points per doubling: a typical action (≈ average) scores 0, a 4× action 20, a ½× action −10. */
export const DEFAULT_POINTS_SCALE = 10;
/** The lift an action must reach (with significance) to be `well_above`. */
export const WELL_ABOVE_LIFT = 2;

function describeFormula(m: number, scale: number): string {
  return (
    `suggestedPoints = round(${scale} × log2(shrunkRate ÷ averageRate)), ` +
    `shrunkRate = (customers + averageRate × ${m}) ÷ (contacts + ${m}). ` +
    `The shrink adds ${m} imaginary contacts who close at the average rate, so an action seen on ` +
    `few contacts is pulled toward the average (≈ 0 points) and one seen on many keeps its own rate; ` +
    `each doubling of the close rate over the average earns ${scale} points, each halving loses ${scale}.`
  );
}

function flagFor(contacts: number, ci: Interval | null, lift: number | null, baseRate: number | null, minSample: number): CalibrationFlag {
  if (contacts < minSample || ci === null || lift === null || baseRate === null) return 'too_few';
  if (ci[0] > baseRate) return lift >= WELL_ABOVE_LIFT ? 'well_above' : 'above';
  if (ci[1] < baseRate) return 'below';
  return 'average';
}

function assertCounts(what: string, c: CohortCount): void {
  if (!(c.contacts >= 0 && c.customers >= 0 && c.customers <= c.contacts)) {
    throw new RangeError(`${what}: customers (${c.customers}) must lie between 0 and contacts (${c.contacts})`);
  }
}

/** Tie-breaks make the order deterministic: more evidence first, then by key. */
function compareActions(a: CalibratedAction, b: CalibratedAction): number {
  const tooFew = Number(a.flag === 'too_few') - Number(b.flag === 'too_few');
  if (tooFew !== 0) return tooFew;
  const lift = (b.lift ?? -Infinity) - (a.lift ?? -Infinity);
  if (lift !== 0 && !Number.isNaN(lift)) return lift;
  return b.contacts - a.contacts || a.key.localeCompare(b.key);
}

export function calibrate(actions: ActionCount[], baseline: CohortCount, opts: CalibrationOptions = {}): CalibrationResult {
  const m = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const scale = opts.pointsScale ?? DEFAULT_POINTS_SCALE;
  assertCounts('baseline', baseline);
  // A zero average rate (no customers yet) leaves lift undefined: every action is then `too_few`
  // and scores 0 rather than dividing by zero.
  const baseRate = baseline.contacts > 0 && baseline.customers > 0 ? baseline.customers / baseline.contacts : null;

  const calibrated = actions.map((a): CalibratedAction => {
    assertCounts(`action ${a.key}`, a);
    const closeRate = a.contacts > 0 ? a.customers / a.contacts : null;
    const ci = wilsonInterval(a.customers, a.contacts);
    const lift = closeRate !== null && baseRate !== null ? closeRate / baseRate : null;
    const shrunkRate = baseRate !== null ? (a.customers + baseRate * m) / (a.contacts + m) : null;
    // `|| 0` turns −0 into 0 so the JSON never shows "-0 points".
    const suggestedPoints = shrunkRate !== null && baseRate !== null ? Math.round(scale * Math.log2(shrunkRate / baseRate)) || 0 : 0;
    return { ...a, closeRate, ci, lift, shrunkRate, suggestedPoints, flag: flagFor(a.contacts, ci, lift, baseRate, m) };
  });

  return {
    baseline: { ...baseline, rate: baseRate ?? (baseline.contacts > 0 ? 0 : null), ci: wilsonInterval(baseline.customers, baseline.contacts) },
    minSample: m,
    pointsScale: scale,
    formula: describeFormula(m, scale),
    actions: calibrated.sort(compareActions),
  };
}

export interface MqlClauseProposal {
  label: string;
  condition: BehaviourConditionInput;
  suggestedPoints: number;
  lift: number;
  evidence: string;
}

/** 0.0423 → "4.2%"; one decimal is as precise as close rates of a few percent deserve. */
export function formatPercent(rate: number): string {
  return `${(rate * 100).toFixed(1)}%`;
}

function conditionOf(a: ActionCount): BehaviourConditionInput | null {
  if (a.condition) return a.condition;
  return a.kind === 'event' ? { kind: 'behaviour', event: a.key } : null;
}

/**
 * The `well_above` actions, best first, as clauses a marketer can add to the MQL definition.
 * Actions the MQL language cannot express (no `condition`, not an event) are left out; they
 * still show in the calibration table.
 */
export function proposeMqlClauses(result: CalibrationResult, max = 5): MqlClauseProposal[] {
  const average = result.baseline.rate ?? 0;
  const proposals: MqlClauseProposal[] = [];
  for (const a of result.actions) {
    const condition = conditionOf(a);
    if (a.flag !== 'well_above' || condition === null || proposals.length >= max) continue;
    // well_above guarantees closeRate, ci and lift are present.
    const [lo, hi] = a.ci!;
    proposals.push({
      label: a.label,
      condition,
      suggestedPoints: a.suggestedPoints,
      lift: a.lift!,
      evidence: `closes ${formatPercent(a.closeRate!)} (CI ${(lo * 100).toFixed(1)}–${formatPercent(hi)}) vs ${formatPercent(average)} average, n=${a.contacts}`,
    });
  }
  return proposals;
}
