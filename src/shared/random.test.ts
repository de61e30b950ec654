import { describe, expect, it } from 'vitest';
import { Random, weightedSampler } from './random.js';

const draws = (r: Random, n: number) => Array.from({ length: n }, () => r.uint32());

describe('Random', () => {
  it('repeats its stream for a seed and differs between seeds and forks', () => {
    expect(draws(new Random(42), 50)).toEqual(draws(new Random(42), 50));
    expect(draws(new Random(42), 50)).not.toEqual(draws(new Random(43), 50));
    const root = new Random(1);
    expect(draws(root.fork('a'), 20)).toEqual(draws(new Random(1).fork('a'), 20));
    expect(draws(root.fork('a'), 20)).not.toEqual(draws(root.fork('b'), 20));
  });

  it('keeps int within bounds, both included, and spreads evenly', () => {
    const r = new Random(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[r.int(0, 5)]!++;
    for (const c of counts) expect(c).toBeGreaterThan(9_400);
    for (const c of counts) expect(c).toBeLessThan(10_600);
  });

  it('draws weighted items in proportion and normals with the asked mean and spread', () => {
    const r = new Random(3);
    let a = 0;
    for (let i = 0; i < 40_000; i++) if (r.weighted([['a', 3], ['b', 1]] as const) === 'a') a++;
    expect(a / 40_000).toBeCloseTo(0.75, 1);
    const xs = Array.from({ length: 40_000 }, () => r.normal(10, 2));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
    const logs = Array.from({ length: 40_000 }, () => r.lognormal(100, 0.5)).sort((x, y) => x - y);
    expect(logs[20_000]! / 100).toBeCloseTo(1, 1);
  });

  it('shuffles into a permutation, picks members, and makes version-4 UUIDs', () => {
    const r = new Random(9);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = r.shuffle([...items]);
    expect(shuffled).not.toEqual(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(items).toContain(r.pick(items));
    expect(r.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('samples long weighted lists by binary search, never picking a zero weight', () => {
    const sample = weightedSampler(['x', 'never', 'y'], (s) => (s === 'never' ? 0 : s === 'x' ? 1 : 3));
    const r = new Random(11);
    const seen = { x: 0, y: 0, never: 0 } as Record<string, number>;
    for (let i = 0; i < 20_000; i++) seen[sample(r)]!++;
    expect(seen.never).toBe(0);
    expect(seen.y! / 20_000).toBeCloseTo(0.75, 1);
  });
});
