import { describe, expect, it } from 'vitest';
import { Random } from '../../shared/random.js';
import { aggregateAttribution, attributionDimensions, attributionModels, modelCredits, roundToTotal, type Conversion, type Touchpoint } from './attribution.js';

const DAY = 86_400_000;
const t0 = Date.UTC(2026, 2, 1);
const day = (d: number) => new Date(t0 + d * DAY);
const touch = (d: number, channel: string | null, campaign: string | null = null, asset: string | null = null): Touchpoint => ({ at: day(d), channel, campaign, asset });

// The worked example: Paid Search on day 0, Email on day 10, Organic Search on day 20, a sale of
// 1000 on day 21.
const example: Conversion = {
  revenue: 1000,
  convertedAt: day(21),
  touchpoints: [touch(0, 'Paid Search', 'Spring', 'Pricing'), touch(10, 'Email', 'Newsletter', 'Whitepaper'), touch(20, 'Organic Search', null, 'Pricing')],
};

const byKey = (rows: { key: string | null; revenue: number; conversions: number }[] | undefined) => Object.fromEntries((rows ?? []).map((r) => [r.key ?? '(none)', r.revenue]));

describe('modelCredits', () => {
  it('first, last and linear on the worked example', () => {
    expect(modelCredits('first', example.touchpoints, example.convertedAt)).toEqual([1, 0, 0]);
    expect(modelCredits('last', example.touchpoints, example.convertedAt)).toEqual([0, 0, 1]);
    expect(modelCredits('linear', example.touchpoints, example.convertedAt)).toEqual([1 / 3, 1 / 3, 1 / 3]);
  });

  it('U-shaped: 40/20/40 with three touches; 100 % with one; 50/50 with two; middle shares 20 %', () => {
    expect(modelCredits('u_shaped', example.touchpoints, example.convertedAt)).toEqual([0.4, 0.2, 0.4]);
    expect(modelCredits('u_shaped', [touch(0, 'Direct')], day(1))).toEqual([1]);
    expect(modelCredits('u_shaped', [touch(0, 'Direct'), touch(1, 'Email')], day(2))).toEqual([0.5, 0.5]);
    const five = modelCredits('u_shaped', [0, 1, 2, 3, 4].map((d) => touch(d, 'Direct')), day(5));
    expect(five[0]).toBe(0.4);
    expect(five[4]).toBe(0.4);
    for (const c of five.slice(1, 4)) expect(c).toBeCloseTo(0.2 / 3, 12);
  });

  it('time decay, half-life 7 days: weights 2^(−21/7), 2^(−11/7), 2^(−1/7) normalised', () => {
    // Weights: 2^-3 = 0.125, 2^(-11/7) = 0.336475048, 2^(-1/7) = 0.905723664; sum 1.367198712.
    // Credits: 0.0914278216, 0.2461054455, 0.6624667329 → of 1000: 91.43, 246.11, 662.47.
    const c = modelCredits('time_decay', example.touchpoints, example.convertedAt);
    expect(c[0]).toBeCloseTo(0.0914278216, 9);
    expect(c[1]).toBeCloseTo(0.2461054455, 9);
    expect(c[2]).toBeCloseTo(0.6624667329, 9);
    // Half-life 1 day: weights 2^-21, 2^-11, 2^-1 → the last touch dominates.
    const sharp = modelCredits('time_decay', example.touchpoints, example.convertedAt, { halfLifeDays: 1 });
    const w = [2 ** -21, 2 ** -11, 2 ** -1];
    const s = w[0]! + w[1]! + w[2]!;
    sharp.forEach((x, i) => expect(x).toBeCloseTo(w[i]! / s, 12));
  });

  it('time decay does not underflow to NaN with a tiny half-life over a long lookback', () => {
    const c = modelCredits('time_decay', [touch(0, 'A'), touch(300, 'B')], day(365), { halfLifeDays: 0.01 });
    expect(c).toEqual([0, 1]);
  });

  it('refuses an empty journey and a non-positive half-life', () => {
    expect(() => modelCredits('linear', [], day(0))).toThrow(RangeError);
    expect(() => modelCredits('time_decay', [touch(0, 'A')], day(1), { halfLifeDays: 0 })).toThrow(RangeError);
  });
});

describe('aggregateAttribution', () => {
  it('credits the worked example by channel under each model', () => {
    const out = aggregateAttribution([example]);
    expect(byKey(out.first!.channel)).toEqual({ 'Paid Search': 1000 }); // touches with no credit are not listed
    expect(byKey(out.last!.channel)).toEqual({ 'Organic Search': 1000 });
    const linear = byKey(out.linear!.channel);
    expect(Object.values(linear).reduce((a, b) => a + b, 0)).toBe(1000);
    for (const k of ['Paid Search', 'Email', 'Organic Search']) expect(Math.abs(linear[k]! - 333.33)).toBeLessThanOrEqual(0.011);
    expect(byKey(out.u_shaped!.channel)).toEqual({ 'Paid Search': 400, Email: 200, 'Organic Search': 400 });
    expect(byKey(out.time_decay!.channel)).toEqual({ 'Paid Search': 91.43, Email: 246.1, 'Organic Search': 662.47 });
    // Sorted by revenue, descending.
    expect(out.time_decay!.channel!.map((r) => r.key)).toEqual(['Organic Search', 'Email', 'Paid Search']);
    expect(out.u_shaped!.channel!.map((r) => r.conversions)).toEqual([0.4, 0.4, 0.2]);
  });

  it('by campaign and asset: a touch without one counts under null; one key touched twice adds up', () => {
    const out = aggregateAttribution([example]);
    expect(byKey(out.u_shaped!.campaign)).toEqual({ Spring: 400, Newsletter: 200, '(none)': 400 });
    expect(byKey(out.u_shaped!.asset)).toEqual({ Pricing: 800, Whitepaper: 200 });
    expect(out.u_shaped!.asset![0]).toEqual({ key: 'Pricing', revenue: 800, conversions: 0.8 });
    expect(byKey(out.first!.asset)).toEqual({ Pricing: 1000 });
  });

  it('keeps to the models and dimensions asked for', () => {
    const out = aggregateAttribution([example], { models: ['last'], dimensions: ['asset'] });
    expect(Object.keys(out)).toEqual(['last']);
    expect(Object.keys(out.last!)).toEqual(['asset']);
  });

  it('property: for every model, one conversion\'s credits sum to 1 and attributed revenue to the total (seeded random cases)', () => {
    const rng = new Random('attribution-property');
    const channels = ['Organic Search', 'Paid Search', 'Email', 'Direct', null];
    const conversions: Conversion[] = [];
    for (let i = 0; i < 500; i++) {
      const convertedAt = t0 + rng.int(0, 400) * DAY + rng.int(0, DAY - 1);
      const n = rng.int(1, 12);
      const ats = Array.from({ length: n }, () => convertedAt - rng.float(0, 365) * DAY).sort((a, b) => a - b);
      // Same-instant touches too.
      if (n > 2 && rng.chance(0.2)) ats[1] = ats[0]!;
      const touchpoints = ats.map((at) => ({ at: new Date(at), channel: rng.pick(channels), campaign: rng.chance(0.5) ? `c${rng.int(1, 20)}` : null, asset: rng.chance(0.3) ? `a${rng.int(1, 50)}` : null }));
      const revenue = rng.chance(0.1) ? 0 : Math.round(rng.lognormal(5000, 1.2) * 100) / 100;
      conversions.push({ revenue, convertedAt: new Date(convertedAt), touchpoints });
      for (const m of attributionModels) {
        const credits = modelCredits(m, touchpoints, new Date(convertedAt), { halfLifeDays: rng.pick([0.5, 7, 30]) });
        expect(credits).toHaveLength(n);
        for (const c of credits) expect(c).toBeGreaterThanOrEqual(0);
        expect(credits.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      }
    }
    const total = conversions.reduce((s, c) => s + c.revenue, 0);
    const out = aggregateAttribution(conversions, { halfLifeDays: 7 });
    for (const m of attributionModels) {
      for (const d of attributionDimensions) {
        const rows = out[m]![d]!;
        // Exact to the cent after largest-remainder rounding.
        expect(Math.round(rows.reduce((s, r) => s + r.revenue, 0) * 100)).toBe(Math.round(total * 100));
        expect(Math.round(rows.reduce((s, r) => s + r.conversions, 0) * 1e4)).toBe(conversions.length * 1e4);
        for (let i = 1; i < rows.length; i++) expect(rows[i - 1]!.revenue).toBeGreaterThanOrEqual(rows[i]!.revenue);
      }
    }
  });
});

describe('roundToTotal', () => {
  it('rounds shares so they still add up to the total', () => {
    expect(roundToTotal([1000 / 3, 1000 / 3, 1000 / 3], 1000, 2)).toEqual([333.34, 333.33, 333.33]);
    expect(roundToTotal([91.4278216, 246.1054455, 662.4667329], 1000, 2)).toEqual([91.43, 246.1, 662.47]);
    expect(roundToTotal([], 0, 2)).toEqual([]);
    expect(roundToTotal([-10.005, 20.005], 10, 2).reduce((a, b) => a + b, 0)).toBeCloseTo(10, 10);
  });
});
