import { describe, expect, it } from 'vitest';
import { Random } from '../../shared/random.js';
import { auc, brierScore, calibrationTable } from './predictive-evaluation.js';

describe('auc', () => {
  const labels = [0, 0, 1, 0, 1, 1];

  it('is 1 for a perfect ranking and 0 for a reversed one', () => {
    expect(auc([0.1, 0.2, 0.7, 0.3, 0.8, 0.9], labels)).toBe(1);
    expect(auc([0.9, 0.8, 0.2, 0.7, 0.1, 0.0], labels)).toBe(0);
  });

  it('counts a tie between a positive and a negative as one half', () => {
    expect(auc([0.5, 0.5], [0, 1])).toBe(0.5);
    expect(auc([0.5, 0.5, 0.5, 0.5, 0.5, 0.5], labels)).toBe(0.5);
    // Pairs (pos, neg): 0.9 beats both; 0.4 ties 0.4 and beats 0.1 → (2 + 1.5) / 4.
    expect(auc([0.9, 0.4, 0.4, 0.1], [1, 1, 0, 0])).toBe(0.875);
  });

  it('is about 0.5 for random scores', () => {
    const rnd = new Random(11);
    const n = 20_000;
    const a = auc(
      Array.from({ length: n }, () => rnd.next()),
      Array.from({ length: n }, () => (rnd.chance(0.1) ? 1 : 0)),
    )!;
    expect(Math.abs(a - 0.5)).toBeLessThan(0.03);
  });

  it('is undefined with a single class', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNull();
    expect(auc([], [])).toBeNull();
  });
});

describe('calibrationTable', () => {
  it('puts every row in one of ten buckets, 1.0 in the last', () => {
    const p = [0, 0.05, 0.15, 0.15, 0.95, 1];
    const y = [0, 0, 1, 0, 1, 1];
    const table = calibrationTable(p, y);
    expect(table).toHaveLength(10);
    expect(table[0]).toEqual({ bucket: '0–10%', predicted_mean: 0.025, observed_rate: 0, n: 2 });
    expect(table[1]).toMatchObject({ bucket: '10–20%', observed_rate: 0.5, n: 2 });
    expect(table[5]).toEqual({ bucket: '50–60%', predicted_mean: null, observed_rate: null, n: 0 });
    expect(table[9]).toMatchObject({ bucket: '90–100%', n: 2, observed_rate: 1 });
    expect(table.reduce((s, b) => s + b.n, 0)).toBe(p.length);
  });
});

describe('brierScore', () => {
  it('is 0 for certain, correct predictions and p(1−p) for the base rate', () => {
    expect(brierScore([1, 0], [1, 0])).toBe(0);
    expect(brierScore([0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0])).toBeCloseTo(0.25 * 0.75, 12);
  });
});
