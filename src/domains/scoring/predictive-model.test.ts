import { describe, expect, it } from 'vitest';
import { Random } from '../../shared/random.js';
import { sigmoid } from './logistic-regression.js';
import type { LabelledRecord } from './predictive-features.js';
import { explain, scoreContact, stratifiedSplit, trainPredictiveModel } from './predictive-model.js';

const INDUSTRIES: [string, number][] = [
  ['Financial Services', 2],
  ['Retail', 3],
  ['Manufacturing', 3],
  ['Software', 2],
  ['Healthcare', 1],
];

/** Conversion driven by Financial Services and downloads; country and employees are noise. */
function syntheticContacts(seed: number, n: number): LabelledRecord[] {
  const rnd = new Random(seed);
  return Array.from({ length: n }, (_, i) => {
    const industry = rnd.chance(0.05) ? null : rnd.weighted(INDUSTRIES);
    // Heavy-tailed counts, as downloads are.
    const downloads = Math.floor(Math.exp(rnd.normal(0.5, 1)));
    const logOdds = -3.5 + (industry === 'Financial Services' ? 2.2 : 0) + 0.35 * Math.min(downloads, 12);
    return {
      id: `c${i}`,
      label: rnd.chance(sigmoid(logOdds)) ? 1 : 0,
      numeric: { downloads, employees: rnd.chance(0.2) ? null : Math.round(Math.exp(rnd.normal(4, 1.5))) },
      categorical: { industry, country: rnd.pick(['US', 'DE', 'FR', 'UK']) },
    };
  });
}

describe('trainPredictiveModel', () => {
  const rows = syntheticContacts(42, 3000);
  const trained = trainPredictiveModel(rows, { seed: 1, holdout: 0.25 });

  it('ranks held-out contacts well', () => {
    expect(trained.evaluation.auc).toBeGreaterThan(0.75);
    expect(trained.evaluation.n_train + trained.evaluation.n_test).toBe(3000);
  });

  it('holds out a stratified quarter', () => {
    const positives = rows.filter((r) => r.label === 1).length;
    const e = trained.evaluation;
    expect(e.n_test).toBeGreaterThanOrEqual(749);
    expect(e.n_test).toBeLessThanOrEqual(751);
    expect(e.positives_test).toBe(Math.round(positives * 0.25));
    expect(e.positives_train + e.positives_test).toBe(positives);
  });

  it('reports a calibration table covering every held-out contact', () => {
    const table = trained.evaluation.calibration;
    expect(table.reduce((s, b) => s + b.n, 0)).toBe(trained.evaluation.n_test);
    // Where there is enough data, predicted and observed rates agree roughly.
    for (const b of table.filter((b) => b.n >= 200)) expect(Math.abs(b.predicted_mean! - b.observed_rate!)).toBeLessThan(0.08);
  });

  it('explains a likely customer by the features that drive conversion', () => {
    const best = rows
      .map((r) => ({ r, p: scoreContact(trained, r).probability }))
      .filter(({ r }) => r.label === 1)
      .sort((a, b) => b.p - a.p)[0].r;
    const [first] = explain(trained, best);
    expect(first.feature).toMatch(/^(industry = Financial Services|log1p\(downloads\))$/);
    expect(first.direction).toBe('raises');
    expect(first.contribution).toBeGreaterThan(0);
  });

  it('sorts factors by the size of their contribution', () => {
    const factors = explain(trained, rows[0], 8);
    const sizes = factors.map((f) => Math.abs(f.contribution));
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    expect(factors.every((f) => (f.contribution >= 0) === (f.direction === 'raises'))).toBe(true);
  });

  it('is reproducible from its seed, and another seed splits differently', () => {
    expect(trainPredictiveModel(rows, { seed: 1 })).toEqual(trained);
    const other = stratifiedSplit(rows, 2, 0.25).test.map((r) => r.id);
    expect(other).not.toEqual(stratifiedSplit(rows, 1, 0.25).test.map((r) => r.id));
    // The split follows ids, not the order rows arrive in.
    expect(stratifiedSplit([...rows].reverse(), 1, 0.25).test.map((r) => r.id)).toEqual(stratifiedSplit(rows, 1, 0.25).test.map((r) => r.id));
  });

  it('refuses data without both outcomes', () => {
    const allLost = rows.map((r) => ({ ...r, label: 0 as const }));
    expect(() => trainPredictiveModel(allLost, { seed: 1 })).toThrow(RangeError);
  });
});
