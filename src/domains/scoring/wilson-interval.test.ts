import { describe, expect, it } from 'vitest';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  it('matches published values for 3 of 100', () => {
    const [lo, hi] = wilsonInterval(3, 100)!;
    expect(lo).toBeCloseTo(0.0103, 4);
    expect(hi).toBeCloseTo(0.0845, 4);
  });

  it('starts at exactly 0 when nobody succeeded, and still has a real upper bound', () => {
    const [lo, hi] = wilsonInterval(0, 20)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.1611, 3);
  });

  it('ends at exactly 1 when everybody succeeded', () => {
    const [lo, hi] = wilsonInterval(20, 20)!;
    expect(hi).toBe(1);
    expect(lo).toBeCloseTo(1 - 0.1611, 3);
  });

  it('has no interval without data', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('narrows as the sample grows at the same rate', () => {
    const small = wilsonInterval(1, 10)!;
    const large = wilsonInterval(100, 1000)!;
    expect(large[1] - large[0]).toBeLessThan(small[1] - small[0]);
    expect(large[0]).toBeLessThan(0.1);
    expect(large[1]).toBeGreaterThan(0.1);
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(5, 4)).toThrow(RangeError);
    expect(() => wilsonInterval(-1, 4)).toThrow(RangeError);
  });
});
