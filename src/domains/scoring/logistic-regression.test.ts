import { describe, expect, it } from 'vitest';
import { Random } from '../../shared/random.js';
import { fit, predict, rawCoefficients, sigmoid } from './logistic-regression.js';

/** Rows drawn from a known logistic model: log-odds = bias + Σ coef × x. */
function synthetic(seed: number, n: number, coef: number[], bias: number) {
  const rnd = new Random(seed);
  const X: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    // Different scales per column: standardisation must not change what is recovered.
    const x = coef.map((_, j) => rnd.normal(j, 1 + j));
    X.push(x);
    y.push(rnd.chance(sigmoid(bias + x.reduce((s, v, j) => s + v * coef[j], 0))) ? 1 : 0);
  }
  return { X, y };
}

describe('logistic regression', () => {
  it('recovers the sign and size of known coefficients', () => {
    const coef = [1.5, -0.8, 0];
    const { X, y } = synthetic(7, 5000, coef, -1);
    const model = fit(X, y);
    expect(model.converged).toBe(true);
    const raw = rawCoefficients(model);
    expect(raw.weights[0]).toBeCloseTo(1.5, 0);
    expect(raw.weights[1]).toBeCloseTo(-0.8, 0);
    expect(Math.abs(raw.weights[2])).toBeLessThan(0.1);
    expect(Math.abs(raw.weights[0] - 1.5)).toBeLessThan(0.2);
    expect(Math.abs(raw.weights[1] + 0.8)).toBeLessThan(0.15);
    expect(raw.bias).toBeCloseTo(-1, 0);
  });

  it('is deterministic', () => {
    const { X, y } = synthetic(3, 500, [1, -1], 0);
    expect(fit(X, y)).toEqual(fit(X, y));
  });

  it('stays finite on perfectly separable data thanks to the penalty', () => {
    const X = Array.from({ length: 200 }, (_, i) => [i - 100]);
    const y = X.map(([v]) => (v >= 0 ? 1 : 0));
    const model = fit(X, y);
    expect(model.converged).toBe(true);
    expect(Number.isFinite(model.weights[0])).toBe(true);
    expect(model.weights[0]).toBeGreaterThan(1);
    expect(model.weights[0]).toBeLessThan(100);
    expect(predict(model, [50])).toBeGreaterThan(0.95);
    expect(predict(model, [-50])).toBeLessThan(0.05);
    // A stronger penalty pulls the weight in.
    expect(fit(X, y, { l2: 50 }).weights[0]).toBeLessThan(model.weights[0]);
  });

  it('gives constant columns no weight and survives them', () => {
    const X = Array.from({ length: 100 }, (_, i) => [i % 2, 3]);
    const y = X.map(([a]) => a);
    const model = fit(X, y);
    expect(model.stds[1]).toBe(1);
    expect(model.weights[1]).toBe(0);
  });

  it('predicts probabilities between 0 and 1 without overflow', () => {
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(0)).toBe(0.5);
  });

  it('refuses mismatched or empty input', () => {
    expect(() => fit([], [])).toThrow(RangeError);
    expect(() => fit([[1]], [1, 0])).toThrow(RangeError);
  });
});
