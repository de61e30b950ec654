/**
 * The guide's "optimal number of attempts", as pure functions over leads: group leads by the
 * attempts sales made on them, compute each group's close rate, revenue, cost and profitability per
 * lead, find where profitability stops rising (the recommended N for the SLA) and say, by a seeded
 * bootstrap, how sure that is. The SQL that produces the leads is in queries/attempts-report.ts.
 */
import { Random } from '../../shared/random.js';
import { wilsonInterval, type Interval } from '../scoring/wilson-interval.js';

export interface AttemptLead {
  leadType: string;
  attempts: number;
  customer: boolean;
  revenue: number;
  cost: number;
  /** Rank of the first attempt that connected; null when none did (or unknown). */
  attemptsUntilConnected?: number | null;
}

export interface AttemptsOptions {
  /** Consecutive attempt counts are merged until a group holds at least this many leads; the thin tail becomes "K+". Default 20. */
  minGroupSize?: number;
  /** A later group still counts as "rising" only if it beats the candidate by more than this share of the curve's rise. Default 0.05. */
  tolerance?: number;
  /** ... and by more than this much profit per lead (money). Default 0. */
  minGainPerLead?: number;
  /** The smallest N that can be recommended (0 attempts is shown, not recommended). Default 1. */
  minRecommended?: number;
  /** Bootstrap resamples. Default 500; 0 skips the bootstrap. */
  resamples?: number;
  /** Seed of the bootstrap's random stream (same data + same seed = same answer). Default 'attempts'. */
  seed?: number | string;
}

const defaults = { minGroupSize: 20, tolerance: 0.05, minGainPerLead: 0, minRecommended: 1, resamples: 500, seed: 'attempts' as number | string };
type Options = typeof defaults;

export function attemptsOptions(o: AttemptsOptions = {}): Options {
  const r = { ...defaults };
  for (const [k, v] of Object.entries(o)) if (v !== undefined) (r as Record<string, unknown>)[k] = v;
  return r;
}

/**
 * Confidence levels: agreement = share of resamples within ±1 attempt of N; spread = width of the
 * 90 % interval of the resampled N, in attempts. Both must pass: many resamples near N with a wide
 * interval is still a guess.
 */
export const CONFIDENCE_HIGH = { agreement: 0.7, spread: 2 };
export const CONFIDENCE_MEDIUM = { agreement: 0.4, spread: 3 };
/** Below this many customers the confidence is at most low: a handful of deals decide the whole curve. */
export const CONFIDENCE_MIN_CUSTOMERS = 10;

export function confidenceLevel(agreement: number, interval90: [number, number] | null, customers = Infinity): 'high' | 'medium' | 'low' {
  if (customers < CONFIDENCE_MIN_CUSTOMERS) return 'low';
  const spread = interval90 ? interval90[1] - interval90[0] : Infinity;
  if (agreement >= CONFIDENCE_HIGH.agreement && spread <= CONFIDENCE_HIGH.spread) return 'high';
  if (agreement >= CONFIDENCE_MEDIUM.agreement && spread <= CONFIDENCE_MEDIUM.spread) return 'medium';
  return 'low';
}

export function attemptsMethod(o: AttemptsOptions = {}): string {
  const p = attemptsOptions(o);
  return [
    'Leads: contacts whose first MQL moment is at least the chosen number of months before the report date; lead type = their MQL type.',
    'Attempts: outbound calls, emails and social touches logged on the lead from its MQL moment until it was won (reached customer or had a won deal close; until the report date if never). Imported history counts like live data.',
    'Cost per attempt: the rep\'s hourly cost ÷ calls per hour; an attempt with no rep or a rep without an hourly cost costs 0 (counted apart).',
    `Groups: leads by attempts made (0, 1, 2, …); consecutive counts are merged until a group has at least ${p.minGroupSize} leads, and a thin tail joins the last group ("K+").`,
    'Per group: leads, customers, close rate with its Wilson 95 % interval, revenue per lead (won deals), cost per lead (its attempts), profitability per lead = revenue per lead − cost per lead.',
    `Recommended N (the plateau): among groups from ${p.minRecommended} attempt(s) up, ordered by attempts, the first group that no later group beats by more than ` +
      `max(${p.minGainPerLead}, ${p.tolerance * 100} % × the curve's rise) in profitability per lead, where the rise = best profitability − profitability of the first group; ` +
      'N is that group\'s smallest attempt count. Going further adds no meaningful profit.',
    'No recommendation when there are no leads, fewer than two groups to compare, or no revenue at all (profit can then only fall with attempts).',
    `How sure: ${p.resamples} bootstrap resamples (seeded, leads drawn with replacement within each lead type, groups kept as found); each resample's plateau is found the same way. ` +
      'Reported: the share of resamples choosing each N, the 90 % interval of those N, and the agreement = share within ±1 attempt of the recommended N. ' +
      `Confidence is high when agreement ≥ ${CONFIDENCE_HIGH.agreement * 100} % and the 90 % interval spans at most ${CONFIDENCE_HIGH.spread} attempts, ` +
      `medium when agreement ≥ ${CONFIDENCE_MEDIUM.agreement * 100} % and it spans at most ${CONFIDENCE_MEDIUM.spread}, low otherwise, ` +
      `and always low with fewer than ${CONFIDENCE_MIN_CUSTOMERS} customers (a handful of deals decides the curve).`,
    'Caveat: attempts stop counting when a lead is won, so leads that close quickly have few attempts by construction; read the curve as "what further attempts bought", not as cause and effect.',
  ].join('\n');
}

export interface AttemptsBucket {
  from: number;
  /** Last attempt count in the group; null for the open tail "K+". */
  to: number | null;
  label: string;
}

/**
 * Buckets over the attempt counts seen: from the smallest count up, counts are added to the current
 * group until it holds `minSize` leads; what is left at the top (fewer than `minSize`) joins the last
 * group. The last group is open-ended ("K+") when it spans more than one count.
 */
export function attemptBuckets(attempts: readonly number[], minSize: number): AttemptsBucket[] {
  const counts = new Map<number, number>();
  for (const a of attempts) counts.set(a, (counts.get(a) ?? 0) + 1);
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

interface Acc {
  leads: number;
  customers: number;
  revenue: number;
  cost: number;
  connected: number;
}
const emptyAcc = (): Acc => ({ leads: 0, customers: 0, revenue: 0, cost: 0, connected: 0 });
const cents = (v: number) => Math.round(v * 100) / 100;

function groupOf(b: AttemptsBucket, a: Acc, minSize: number): AttemptsGroup {
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
}

export interface PlateauPoint {
  n: number;
  profitPerLead: number;
}

/**
 * The plateau of a profitability curve (points ordered by n): the first point that no later point
 * beats by more than max(minGain, tolerance × rise), rise = max profit − first profit. Returns its
 * index, or null with fewer than two points.
 */
export function plateauIndex(points: readonly PlateauPoint[], tolerance: number, minGain: number): number | null {
  if (points.length < 2) return null;
  const best = Math.max(...points.map((p) => p.profitPerLead));
  const threshold = Math.max(minGain, tolerance * (best - points[0]!.profitPerLead));
  // bestAfter[i] = max profit of points after i.
  const bestAfter: number[] = new Array(points.length).fill(-Infinity);
  for (let i = points.length - 2; i >= 0; i--) bestAfter[i] = Math.max(bestAfter[i + 1]!, points[i + 1]!.profitPerLead);
  for (let i = 0; i < points.length; i++) if (bestAfter[i]! - points[i]!.profitPerLead <= threshold) return i;
  return points.length - 1;
}

type Decision = { n: number; index: number } | { n: null; reason: string };

/** The recommendation for one curve of accumulated groups (unrounded sums). */
function decide(buckets: readonly AttemptsBucket[], accs: readonly Acc[], p: Options): Decision {
  const leads = accs.reduce((s, a) => s + a.leads, 0);
  if (!leads) return { n: null, reason: 'No leads have been in the funnel long enough.' };
  if (!accs.some((a) => a.revenue > 0)) return { n: null, reason: 'No revenue from these leads: profitability can only fall with more attempts, so there is no plateau to find.' };
  const points: (PlateauPoint & { index: number })[] = [];
  buckets.forEach((b, i) => {
    const a = accs[i]!;
    if (b.from >= p.minRecommended && a.leads > 0) points.push({ n: b.from, profitPerLead: (a.revenue - a.cost) / a.leads, index: i });
  });
  const k = plateauIndex(points, p.tolerance, p.minGainPerLead);
  if (k === null) {
    return { n: null, reason: points.length ? `Only one group with at least ${p.minRecommended} attempt(s): nothing to compare.` : `No lead had at least ${p.minRecommended} attempt(s).` };
  }
  return { n: points[k]!.n, index: points[k]!.index };
}

export interface Bootstrap {
  resamples: number;
  /** Share of resamples choosing each N (null = no recommendation in that resample), by N. */
  distribution: { n: number | null; share: number }[];
  /** 5th and 95th percentile of the N chosen (resamples without a recommendation left out). */
  interval90: [number, number] | null;
  /** Share of resamples whose N is within ±1 attempt of the recommended N. */
  agreement: number | null;
}

export interface AttemptsRecommendation {
  n: number | null;
  /** The label of the recommended group ("4", "8+"). */
  label: string | null;
  profitPerLead: number | null;
  reason: string;
  bootstrap: Bootstrap | null;
  confidence: 'high' | 'medium' | 'low' | 'none';
  confidenceText: string;
}

export interface AttemptsCurve {
  leads: number;
  customers: number;
  groups: AttemptsGroup[];
  recommended: AttemptsRecommendation;
}

export interface AttemptsAnalysis {
  method: string;
  overall: AttemptsCurve;
  byLeadType: (AttemptsCurve & { leadType: string })[];
  chart: AttemptsChart;
}

export interface AttemptsChart {
  /** Attempt counts (each group's smallest count; a "K+" group sits at K). */
  x: number[];
  series: { name: string; y: (number | null)[]; leads: (number | null)[]; labels: (string | null)[] }[];
}

interface Curve {
  buckets: AttemptsBucket[];
  /** Indices (into the leads) of the curve's leads. */
  members: number[];
  /** Bucket index by lead index (only the curve's members are set). */
  memberBucket: Int32Array;
}

function accumulate(leads: readonly AttemptLead[], curve: Curve, indices: Iterable<number>): Acc[] {
  const accs = curve.buckets.map(emptyAcc);
  for (const li of indices) {
    const l = leads[li]!;
    const a = accs[curve.memberBucket[li]!]!;
    a.leads++;
    if (l.customer) a.customers++;
    a.revenue += l.revenue;
    a.cost += l.cost;
    if (l.attemptsUntilConnected != null) a.connected++;
  }
  return accs;
}

function pct(v: number) {
  return `${Math.round(v * 100)} %`;
}

function recommendation(buckets: AttemptsBucket[], accs: Acc[], draws: (number | null)[] | null, p: Options): AttemptsRecommendation {
  const d = decide(buckets, accs, p);
  if (d.n === null) return { n: null, label: null, profitPerLead: null, reason: d.reason, bootstrap: null, confidence: 'none', confidenceText: `No recommendation: ${d.reason}` };
  const a = accs[d.index]!;
  const rec: AttemptsRecommendation = {
    n: d.n,
    label: buckets[d.index]!.label,
    profitPerLead: cents((a.revenue - a.cost) / a.leads),
    reason: `Profitability per lead stops rising at ${buckets[d.index]!.label} attempts: no group with more attempts does meaningfully better.`,
    bootstrap: null,
    confidence: 'none',
    confidenceText: 'Not measured (no bootstrap resamples).',
  };
  if (!draws || !draws.length) return rec;
  const counts = new Map<number | null, number>();
  for (const n of draws) counts.set(n, (counts.get(n) ?? 0) + 1);
  const distribution = [...counts.entries()]
    .sort(([x], [y]) => (x === null ? 1 : y === null ? -1 : x - y))
    .map(([n, c]) => ({ n, share: c / draws.length }));
  const chosen = draws.filter((n): n is number => n !== null).sort((x, y) => x - y);
  const q = (f: number) => chosen[Math.min(chosen.length - 1, Math.max(0, Math.ceil(f * chosen.length) - 1))]!;
  const interval90: [number, number] | null = chosen.length ? [q(0.05), q(0.95)] : null;
  const agreement = draws.filter((n) => n !== null && Math.abs(n - d.n) <= 1).length / draws.length;
  rec.bootstrap = { resamples: draws.length, distribution, interval90, agreement };
  const customers = accs.reduce((s, x) => s + x.customers, 0);
  rec.confidence = confidenceLevel(agreement, interval90, customers);
  const range = !interval90 ? 'none of them found one' : interval90[0] === interval90[1] ? `90 % of them at ${interval90[0]} attempts` : `90 % of them between ${interval90[0]} and ${interval90[1]} attempts`;
  const few = customers < CONFIDENCE_MIN_CUSTOMERS ? ` Only ${customers} customer(s): too few to be sure.` : '';
  rec.confidenceText = `${rec.confidence[0]!.toUpperCase()}${rec.confidence.slice(1)}: ${pct(agreement)} of ${draws.length} bootstrap resamples put the plateau within ±1 attempt of ${d.n}; ${range}.${few}`;
  return rec;
}

/**
 * One stratum of a bootstrap resample: as many draws (with replacement) from `members` as it has,
 * tallied first (`times[j]` = how often member j was drawn), then each drawn lead added, times its
 * multiplicity, to its bucket's sums in both curves (4 slots a bucket: leads, customers, revenue,
 * cost). Tallying keeps the random-access loop minimal; the adding pass runs in order.
 */
function drawInto(
  rng: Random, members: readonly number[], times: Int32Array, typeBucket: Int32Array, overallBucket: Int32Array, ts: Float64Array, os: Float64Array,
  customer: Uint8Array, revenue: Float64Array, cost: Float64Array,
): void {
  const n = members.length;
  times.fill(0, 0, n);
  for (let k = 0; k < n; k++) times[Math.floor(rng.next() * n)]!++;
  for (let j = 0; j < n; j++) {
    const w = times[j]!;
    if (w === 0) continue;
    const li = members[j]!;
    const t4 = 4 * typeBucket[li]!;
    const o4 = 4 * overallBucket[li]!;
    const cu = w * customer[li]!;
    const re = w * revenue[li]!;
    const co = w * cost[li]!;
    ts[t4] = ts[t4]! + w;
    ts[t4 + 1] = ts[t4 + 1]! + cu;
    ts[t4 + 2] = ts[t4 + 2]! + re;
    ts[t4 + 3] = ts[t4 + 3]! + co;
    os[o4] = os[o4]! + w;
    os[o4 + 1] = os[o4 + 1]! + cu;
    os[o4 + 2] = os[o4 + 2]! + re;
    os[o4 + 3] = os[o4 + 3]! + co;
  }
}

/** The whole analysis: overall, per lead type, the chart, and the method. */
export function analyseAttempts(leads: readonly AttemptLead[], options: AttemptsOptions = {}): AttemptsAnalysis {
  const p = attemptsOptions(options);
  const types = [...new Set(leads.map((l) => l.leadType))].sort();
  const byType = new Map<string, number[]>(types.map((t) => [t, []]));
  leads.forEach((l, i) => byType.get(l.leadType)!.push(i));

  const makeCurve = (indices: number[]): Curve => {
    const buckets = attemptBuckets(indices.map((i) => leads[i]!.attempts), p.minGroupSize);
    const memberBucket = new Int32Array(leads.length);
    for (const i of indices) memberBucket[i] = bucketIndex(buckets, leads[i]!.attempts);
    return { buckets, members: indices, memberBucket };
  };
  const all = leads.map((_, i) => i);
  const overallCurve = makeCurve(all);
  const typeCurves = types.map((t) => makeCurve(byType.get(t)!));

  // Bootstrap: each resample draws, within each lead type, as many leads as it has (with
  // replacement); the overall curve is the union of those draws (a stratified resample).
  const overallDraws: (number | null)[] = [];
  const typeDraws: (number | null)[][] = types.map(() => []);
  const worth = (c: Curve) => decide(c.buckets, accumulate(leads, c, c.members), p).n !== null;
  const doOverall = worth(overallCurve);
  const doType = typeCurves.map(worth);
  if (p.resamples > 0 && (doOverall || doType.some(Boolean))) {
    // Flat arrays: 100k leads × 500 resamples is 50M draws, each adding to two curves.
    const revenue = Float64Array.from(leads, (l) => l.revenue);
    const cost = Float64Array.from(leads, (l) => l.cost);
    const customer = Uint8Array.from(leads, (l) => (l.customer ? 1 : 0));
    const rng = new Random(p.seed);
    // Sums per bucket, 4 slots each: leads, customers, revenue, cost.
    const toAccs = (f: Float64Array, n: number): Acc[] =>
      Array.from({ length: n }, (_, i) => ({ leads: f[4 * i]!, customers: f[4 * i + 1]!, revenue: f[4 * i + 2]!, cost: f[4 * i + 3]!, connected: 0 }));
    const overallSums = new Float64Array(4 * overallCurve.buckets.length);
    const typeSums = typeCurves.map((c) => new Float64Array(4 * c.buckets.length));
    const times = new Int32Array(Math.max(0, ...typeCurves.map((c) => c.members.length)));
    for (let b = 0; b < p.resamples; b++) {
      overallSums.fill(0);
      for (let ti = 0; ti < typeCurves.length; ti++) {
        const c = typeCurves[ti]!;
        const ts = typeSums[ti]!;
        ts.fill(0);
        drawInto(rng, c.members, times, c.memberBucket, overallCurve.memberBucket, ts, overallSums, customer, revenue, cost);
        if (doType[ti]) typeDraws[ti]!.push(decide(c.buckets, toAccs(ts, c.buckets.length), p).n);
      }
      if (doOverall) overallDraws.push(decide(overallCurve.buckets, toAccs(overallSums, overallCurve.buckets.length), p).n);
    }
  }

  const summarise = (c: Curve, draws: (number | null)[]): AttemptsCurve => {
    const accs = accumulate(leads, c, c.members);
    return {
      leads: c.members.length,
      customers: accs.reduce((s, a) => s + a.customers, 0),
      groups: c.buckets.map((b, i) => groupOf(b, accs[i]!, p.minGroupSize)),
      recommended: recommendation(c.buckets, accs, draws, p),
    };
  };
  const overall = summarise(overallCurve, overallDraws);
  const byLeadType = types.map((leadType, ti) => ({ leadType, ...summarise(typeCurves[ti]!, typeDraws[ti]!) }));
  return { method: attemptsMethod(options), overall, byLeadType, chart: attemptsChart(overall, byLeadType) };
}

/** One line per lead type over a shared x axis; a type without a group starting at x has null there. */
export function attemptsChart(overall: AttemptsCurve, byLeadType: readonly (AttemptsCurve & { leadType: string })[]): AttemptsChart {
  const xs = new Set<number>();
  for (const c of [overall, ...byLeadType]) for (const g of c.groups) xs.add(g.from);
  const x = [...xs].sort((a, b) => a - b);
  return {
    x,
    series: byLeadType.map((c) => {
      const at = new Map(c.groups.map((g) => [g.from, g]));
      return {
        name: c.leadType,
        y: x.map((v) => at.get(v)?.profitPerLead ?? null),
        leads: x.map((v) => at.get(v)?.leads ?? null),
        labels: x.map((v) => at.get(v)?.label ?? null),
      };
    }),
  };
}
