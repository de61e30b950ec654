import { describe, expect, it } from 'vitest';
import { quadrantCounts, quadrantOf, type Quadrant } from './quadrant.js';

const thresholds = { fit: 40, interest: 30 };

describe('quadrantOf', () => {
  // [who, fit, interest, quadrant, words the next step must carry]
  const cases: [string, number, number, Quadrant, RegExp][] = [
    ['good fit and interested is hot', 55, 42, 'hot', /MQL.*hand to sales.*SLA/],
    ['good fit, little interest is nurtured', 55, 3, 'nurture', /marketing nurtures/],
    ['interested, poor fit is a fan', -30, 80, 'fan', /light sales check.*evangelist/],
    ['poor fit, no interest is suppressed', 0, 0, 'suppress', /remove from the communication flow/],
    ['exactly at both thresholds is hot', 40, 30, 'hot', /MQL/],
    ['near miss: a hundredth below the fit threshold is a fan', 39.99, 30, 'fan', /light sales check/],
    ['near miss: a hundredth below the interest threshold is nurtured', 40, 29.99, 'nurture', /nurtures/],
  ];
  it.each(cases)('%s', (_, fit, interest, quadrant, step) => {
    const res = quadrantOf(fit, interest, thresholds);
    expect(res.quadrant).toBe(quadrant);
    expect(res.nextStep).toMatch(step);
    expect([res.highFit, res.highInterest]).toEqual([quadrant === 'hot' || quadrant === 'nurture', quadrant === 'hot' || quadrant === 'fan']);
  });
});

describe('quadrantCounts', () => {
  it('counts every quadrant, zeros included, for the 2×2 chart', () => {
    const pairs = [
      { fit: 50, interest: 50 },
      { fit: 50, interest: 31 },
      { fit: 50, interest: 0 },
      { fit: 0, interest: 0 },
    ];
    expect(quadrantCounts(pairs, thresholds)).toEqual({ hot: 2, nurture: 1, fan: 0, suppress: 1 });
    expect(quadrantCounts([], thresholds)).toEqual({ hot: 0, nurture: 0, fan: 0, suppress: 0 });
  });
});
