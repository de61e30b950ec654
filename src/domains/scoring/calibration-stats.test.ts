import { describe, expect, it } from 'vitest';
import { type ActionCount, calibrate, proposeMqlClauses } from './calibration-stats.js';
import { mqlDefinitionSchema } from './mql-definition.js';

// The guide's picture: most actions close around 1 %, a handful at 3–5 %.
const baseline = { contacts: 10_000, customers: 100 };
const actions: ActionCount[] = [
  { key: 'webinar_attended', kind: 'event', label: 'Attended a webinar', contacts: 500, customers: 5 },
  { key: 'demo_requested', kind: 'event', label: 'Requested a demo', contacts: 812, customers: 34 },
  { key: 'careers', kind: 'asset', label: 'Careers page', contacts: 600, customers: 1 },
  { key: 'pricing_calc', kind: 'asset', label: 'Pricing calculator', contacts: 10, customers: 2 },
  { key: 'roi_whitepaper', kind: 'asset', label: 'ROI white paper', contacts: 400, customers: 10, condition: { kind: 'behaviour', event: 'Asset Downloaded', asset: 'ROI white paper' } },
  { key: 'newsletter', kind: 'campaign', label: 'Newsletter', contacts: 4000, customers: 60 },
  { key: 'trade_show', kind: 'campaign', label: 'Trade show', contacts: 40, customers: 1 },
  { key: 'visits_30d_16', kind: 'frequency', label: 'More than 15 visits in 30 days', contacts: 300, customers: 12, condition: { kind: 'behaviour', event: 'page', withinDays: 30, minCount: 16 } },
  // Well above average, but the MQL language has no campaign condition: shown, not proposed.
  { key: 'exec_dinner', kind: 'campaign', label: 'Executive dinner', contacts: 200, customers: 9 },
];

describe('calibrate', () => {
  const result = calibrate(actions, baseline);
  const byKey = Object.fromEntries(result.actions.map((a) => [a.key, a]));

  it('computes close rate, interval and lift against the window average', () => {
    const demo = byKey.demo_requested;
    expect(result.baseline.rate).toBeCloseTo(0.01, 10);
    expect(demo.closeRate).toBeCloseTo(34 / 812, 10);
    expect(demo.lift).toBeCloseTo(34 / 812 / 0.01, 10);
    expect(demo.ci![0]).toBeLessThan(demo.closeRate!);
    expect(demo.ci![1]).toBeGreaterThan(demo.closeRate!);
  });

  it('flags by evidence, not by point estimate', () => {
    expect(byKey.demo_requested.flag).toBe('well_above');
    expect(byKey.roi_whitepaper.flag).toBe('well_above');
    expect(byKey.visits_30d_16.flag).toBe('well_above');
    // 1.5 % on 4,000 contacts: surely above average, but not twice it.
    expect(byKey.newsletter.flag).toBe('above');
    expect(byKey.webinar_attended.flag).toBe('average');
    // 2.5 % on 40 contacts: lift 2.5, but one customer could be luck.
    expect(byKey.trade_show.flag).toBe('average');
    expect(byKey.careers.flag).toBe('below');
    // 20 % on 10 contacts: nobody should decide on that.
    expect(byKey.pricing_calc.flag).toBe('too_few');
  });

  it('sorts by lift with too-few samples last', () => {
    const keys = result.actions.map((a) => a.key);
    expect(keys.at(-1)).toBe('pricing_calc');
    const lifts = result.actions.slice(0, -1).map((a) => a.lift!);
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
    expect(keys.slice(0, 2)).toEqual(['exec_dinner', 'demo_requested']);
  });

  it('suggests points from the shrunk rate: ~0 for average, positive above, negative below', () => {
    expect(byKey.webinar_attended.suggestedPoints).toBe(0);
    // shrunk = (34 + 0.01·30) / (812 + 30) = 0.040736 → 10·log2(4.07) = 20.3
    expect(byKey.demo_requested.shrunkRate).toBeCloseTo(34.3 / 842, 10);
    expect(byKey.demo_requested.suggestedPoints).toBe(20);
    expect(byKey.careers.suggestedPoints).toBeLessThan(0);
    // Shrinkage: 2 of 10 (lift 20) scores far less than its raw lift would give (10·log2 20 ≈ 43).
    expect(byKey.pricing_calc.suggestedPoints).toBe(Math.round(10 * Math.log2(2.3 / 40 / 0.01)));
    expect(byKey.pricing_calc.suggestedPoints).toBeLessThan(Math.round(10 * Math.log2(20)));
    expect(result.formula).toContain('log2');
    expect(result.formula).toContain('30');
  });

  it('honours pointsScale and minSample', () => {
    const r = calibrate(actions, baseline, { pointsScale: 5, minSample: 5 });
    const demo = r.actions.find((a) => a.key === 'demo_requested')!;
    expect(demo.suggestedPoints).toBe(Math.round(5 * Math.log2((34 + 0.05) / 817 / 0.01)));
    expect(r.actions.find((a) => a.key === 'pricing_calc')!.flag).not.toBe('too_few');
  });

  it('copes with a window that has no customers yet', () => {
    const r = calibrate([{ key: 'x', kind: 'event', label: 'X', contacts: 50, customers: 0 }], { contacts: 100, customers: 0 });
    expect(r.baseline.rate).toBe(0);
    expect(r.actions[0]).toMatchObject({ lift: null, suggestedPoints: 0, flag: 'too_few' });
  });

  it('rejects more customers than contacts', () => {
    expect(() => calibrate([{ key: 'x', kind: 'event', label: 'X', contacts: 1, customers: 2 }], baseline)).toThrow(RangeError);
  });
});

describe('proposeMqlClauses', () => {
  it('proposes the well-above actions with their evidence', () => {
    const proposals = proposeMqlClauses(calibrate(actions, baseline));
    expect(proposals.map((p) => p.condition)).toEqual([
      { kind: 'behaviour', event: 'demo_requested' },
      { kind: 'behaviour', event: 'page', withinDays: 30, minCount: 16 },
      { kind: 'behaviour', event: 'Asset Downloaded', asset: 'ROI white paper' },
    ]);
    expect(calibrate(actions, baseline).actions.find((a) => a.key === 'exec_dinner')!.flag).toBe('well_above');
    expect(proposals[0].evidence).toMatch(/^closes 4\.2% \(CI \d\.\d–\d\.\d%\) vs 1\.0% average, n=812$/);
    expect(proposeMqlClauses(calibrate(actions, baseline), 1)).toHaveLength(1);
  });

  it('proposes conditions the MQL definition accepts as they are', () => {
    const clauses = proposeMqlClauses(calibrate(actions, baseline)).map((p, i) => ({ id: `p${i}`, label: p.label, conditions: [p.condition] }));
    expect(mqlDefinitionSchema.safeParse({ clauses }).success).toBe(true);
  });
});
