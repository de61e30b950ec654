/**
 * Revenue attribution (PRODUCT.md §6, "Attribution"): how much of a conversion's revenue each
 * touchpoint before it earns under five models, and the sums by channel, source detail, campaign
 * or asset.
 * Pure functions, no database; the touchpoints come from queries/attribution-touchpoints.ts.
 *
 * Models (credits of one conversion always sum to exactly 1):
 * - first: 100 % to the first touch.
 * - last: 100 % to the last touch before the conversion.
 * - linear: 1/n to each touch.
 * - u_shaped: 40 % first, 40 % last, the remaining 20 % split equally among the touches in
 *   between. With one touch it gets 100 %; with two touches there is no middle, so each gets
 *   50 % (the middle's 20 % is shared equally between them rather than lost).
 * - time_decay: each touch weighs 2^(−Δdays / halfLife), Δdays being the days from the touch to
 *   the conversion (7-day half-life by default: a touch a week older counts half as much), and
 *   the weights are normalised to sum to 1.
 */

export const attributionModels = ['first', 'last', 'linear', 'u_shaped', 'time_decay'] as const;
export type AttributionModel = (typeof attributionModels)[number];

export const attributionDimensions = ['channel', 'source_detail', 'campaign', 'asset'] as const;
export type AttributionDimension = (typeof attributionDimensions)[number];

export const defaultHalfLifeDays = 7;

export interface Touchpoint {
  at: Date;
  channel: string | null;
  /** Where within the channel: a visit's source (google, partner.io), a declared source's words. */
  source_detail?: string | null;
  campaign: string | null;
  asset: string | null;
}

export interface Conversion {
  revenue: number;
  convertedAt: Date;
  /** In time order (ties keep their order); at least one. */
  touchpoints: readonly Touchpoint[];
}

export interface AttributionOptions {
  halfLifeDays?: number;
}

const DAY_MS = 86_400_000;

/**
 * Credit per touchpoint (same order as given) under one model. Touches are expected before the
 * conversion; one after it would count as Δ = 0 for time decay.
 */
export function modelCredits(model: AttributionModel, touchpoints: readonly Pick<Touchpoint, 'at'>[], convertedAt: Date, opts: AttributionOptions = {}): number[] {
  const n = touchpoints.length;
  if (n === 0) throw new RangeError('a conversion needs at least one touchpoint to attribute');
  const credits = new Array<number>(n).fill(0);
  switch (model) {
    case 'first':
      credits[0] = 1;
      return credits;
    case 'last':
      credits[n - 1] = 1;
      return credits;
    case 'linear':
      return credits.fill(1 / n);
    case 'u_shaped':
      if (n === 1) return [1];
      if (n === 2) return [0.5, 0.5];
      credits.fill(0.2 / (n - 2));
      credits[0] = 0.4;
      credits[n - 1] = 0.4;
      return credits;
    case 'time_decay': {
      const halfLife = opts.halfLifeDays ?? defaultHalfLifeDays;
      if (!(halfLife > 0) || !Number.isFinite(halfLife)) throw new RangeError(`half-life must be a positive number of days, not ${halfLife}`);
      const ages = touchpoints.map((t) => Math.max(0, (convertedAt.getTime() - t.at.getTime()) / DAY_MS));
      // Relative to the most recent touch (weight 1), so a short half-life over a long lookback
      // cannot underflow every weight to 0 and divide 0 by 0; the ratios are unchanged.
      const youngest = Math.min(...ages);
      const weights = ages.map((a) => 2 ** (-(a - youngest) / halfLife));
      const total = weights.reduce((s, w) => s + w, 0);
      return weights.map((w) => w / total);
    }
  }
}

/** Credits under every model at once. */
export function allModelCredits(c: Pick<Conversion, 'convertedAt' | 'touchpoints'>, opts: AttributionOptions = {}): Record<AttributionModel, number[]> {
  return Object.fromEntries(attributionModels.map((m) => [m, modelCredits(m, c.touchpoints, c.convertedAt, opts)])) as Record<AttributionModel, number[]>;
}

export interface AttributionRow {
  /** The channel, source detail, campaign or asset; null for touches without one (no campaign, no asset). */
  key: string | null;
  /** By source detail: the channel the detail belongs to (google is Organic or Paid Search). */
  channel?: string | null;
  /** Revenue credited: Σ revenue × credit. */
  revenue: number;
  /** Conversions credited, fractional: Σ credit. */
  conversions: number;
}

export type AttributionTable = Partial<Record<AttributionDimension, AttributionRow[]>>;

export interface AggregateOptions extends AttributionOptions {
  models?: readonly AttributionModel[];
  dimensions?: readonly AttributionDimension[];
}

/**
 * Sums credits by dimension for each model, rows sorted by revenue (then conversions) descending.
 * Revenue is rounded to cents and conversions to 4 decimals by largest remainder, so each
 * model's rows add up exactly to the (cent-rounded) total revenue and to the conversion count.
 */
export function aggregateAttribution(conversions: readonly Conversion[], opts: AggregateOptions = {}): Partial<Record<AttributionModel, AttributionTable>> {
  const models = opts.models ?? attributionModels;
  const dimensions = opts.dimensions ?? attributionDimensions;
  const sums = new Map<AttributionModel, Map<AttributionDimension, Map<string | null, { revenue: number; conversions: number; t: Touchpoint }>>>();
  for (const m of models) sums.set(m, new Map(dimensions.map((d) => [d, new Map()])));

  for (const c of conversions) {
    for (const m of models) {
      const credits = modelCredits(m, c.touchpoints, c.convertedAt, opts);
      for (const d of dimensions) {
        const byKey = sums.get(m)!.get(d)!;
        c.touchpoints.forEach((t, i) => {
          const credit = credits[i]!;
          if (credit === 0) return;
          // A source detail is counted within its channel: one key per (channel, detail).
          const key = d === 'source_detail' ? JSON.stringify([t.channel, t.source_detail ?? null]) : t[d];
          const s = byKey.get(key) ?? { revenue: 0, conversions: 0, t };
          s.revenue += c.revenue * credit;
          s.conversions += credit;
          byKey.set(key, s);
        });
      }
    }
  }

  const totalRevenue = conversions.reduce((s, c) => s + c.revenue, 0);
  const out: Partial<Record<AttributionModel, AttributionTable>> = {};
  for (const m of models) {
    const table: AttributionTable = {};
    for (const d of dimensions) {
      const entries = [...sums.get(m)!.get(d)!.entries()];
      const revenue = roundToTotal(entries.map(([, s]) => s.revenue), totalRevenue, 2);
      const convs = roundToTotal(entries.map(([, s]) => s.conversions), conversions.length, 4);
      table[d] = entries
        .map(([key, s], i) => (d === 'source_detail'
          ? { key: s.t.source_detail ?? null, channel: s.t.channel, revenue: revenue[i]!, conversions: convs[i]! }
          : { key, revenue: revenue[i]!, conversions: convs[i]! }))
        .sort((a, b) => b.revenue - a.revenue || b.conversions - a.conversions || compareKeys(a.channel ?? null, b.channel ?? null) || compareKeys(a.key, b.key));
    }
    out[m] = table;
  }
  return out;
}

const compareKeys = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);

/**
 * Rounds each value to `decimals` so that the rounded values sum to `total` rounded the same way
 * (largest-remainder method): shares of one total stay a partition of it after rounding.
 */
export function roundToTotal(values: readonly number[], total: number, decimals: number): number[] {
  if (values.length === 0) return [];
  const scale = 10 ** decimals;
  const target = Math.round(total * scale);
  const scaled = values.map((v) => v * scale);
  const floors = scaled.map(Math.floor);
  let missing = target - floors.reduce((s, f) => s + f, 0);
  const order = scaled.map((v, i) => ({ i, rem: v - floors[i]! })).sort((a, b) => b.rem - a.rem || a.i - b.i);
  // Float sums can leave `missing` a unit outside [0, n]; walk the remainders either way.
  for (let k = 0; missing > 0; k = (k + 1) % order.length, missing--) floors[order[k]!.i]! += 1;
  for (let k = order.length - 1; missing < 0; k = (k - 1 + order.length) % order.length, missing++) floors[order[k]!.i]! -= 1;
  return floors.map((f) => f / scale);
}
