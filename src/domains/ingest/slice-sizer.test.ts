import { describe, expect, it } from 'vitest';
import { SliceSizer } from './slice-sizer.js';

describe('SliceSizer', () => {
  it('grows full slices that finish within the budget, at most twice at a time, up to its bound', () => {
    const s = new SliceSizer('postgres');
    expect(s.size).toBe(2500);
    s.record(2500, 10);
    expect(s.size).toBe(5000);
    for (let i = 0; i < 10; i++) s.record(s.size, 10);
    expect(s.size).toBe(10000);
  });

  it('shrinks after a slow slice, at most by half, never below its floor', () => {
    const s = new SliceSizer('pglite');
    for (let i = 0; i < 5; i++) s.record(s.size, 1);
    expect(s.size).toBe(1000);
    s.record(1000, 10_000);
    expect(s.size).toBe(500);
    s.record(500, 500);
    expect(s.size).toBe(250);
    for (let i = 0; i < 5; i++) s.record(s.size, 10_000);
    expect(s.size).toBe(100);
  });

  it('learns nothing from a slice that drained the backlog', () => {
    const s = new SliceSizer('postgres');
    s.record(10, 1);
    expect(s.size).toBe(2500);
  });

  it('hands each slice its size and times it', async () => {
    const s = new SliceSizer('pglite');
    const asked: number[] = [];
    expect(await s.run(async (limit) => (asked.push(limit), limit))).toBe(100);
    expect(await s.run(async (limit) => (asked.push(limit), 0))).toBe(0);
    expect(asked[0]).toBe(100);
    expect(asked[1]).toBeGreaterThanOrEqual(100);
  });
});
