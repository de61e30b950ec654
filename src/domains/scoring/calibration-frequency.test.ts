import { describe, expect, it } from 'vitest';
import { type ContactFrequency, frequencyThresholds, thresholdAction } from './calibration-frequency.js';

// 1,000 contacts: every 20th became a customer and downloaded 10–19 assets; the others
// downloaded 0–14, evenly spread. The telling threshold is 10 downloads.
const rows: ContactFrequency[] = Array.from({ length: 1000 }, (_, i) =>
  i % 20 === 0 ? { count: 10 + ((i / 20) % 10), customer: true } : { count: i % 15, customer: false },
);

describe('frequencyThresholds', () => {
  const result = frequencyThresholds(rows);
  const at = (k: number) => result.candidates.find((c) => c.k === k)!;

  it('recommends the count that separates customers from the others', () => {
    expect(result.recommendedK).toBe(10);
    expect(at(10).customerShare).toBe(1);
    expect(at(10).closeRate).toBeGreaterThan(2.5 * result.closeRate!);
  });

  it('reports every candidate with counts, interval and lift', () => {
    expect(result.candidates.map((c) => c.k)).toEqual(Array.from({ length: 19 }, (_, i) => i + 1));
    const c = at(10);
    expect(c.contacts + c.below.contacts).toBe(1000);
    expect(c.customers).toBe(50);
    expect(c.ci[0]).toBeLessThan(c.closeRate);
    expect(c.lift).toBeCloseTo(c.closeRate / 0.05, 10);
    expect(c.below.customers).toBe(0);
  });

  it('explains why k = 1 is not the answer even though it is significant', () => {
    // Contacts with 0 downloads never close, so "≥ 1" beats them — and catches almost everybody.
    expect(result.smallestSignificantK).toBe(1);
    expect(at(1).separation).toBeLessThan(at(10).separation);
    expect(result.rule).toContain('Wilson');
  });

  it('recommends nothing when the action does not tell customers apart', () => {
    const flat = Array.from({ length: 600 }, (_, i) => ({ count: i % 6, customer: i % 10 === 0 }));
    // Customers are i ≡ 0 (mod 10), spread over every count evenly → no threshold is significant.
    const r = frequencyThresholds(flat);
    expect(r.recommendedK).toBeNull();
  });

  it('does not recommend a threshold reached by fewer than minSample contacts', () => {
    const few = [...Array.from({ length: 200 }, () => ({ count: 0, customer: false })), ...Array.from({ length: 5 }, () => ({ count: 3, customer: true }))];
    expect(frequencyThresholds(few).recommendedK).toBeNull();
    expect(frequencyThresholds(few, { minSample: 5 }).recommendedK).toBe(3);
  });

  it('rejects negative or fractional counts', () => {
    expect(() => frequencyThresholds([{ count: -1, customer: false }])).toThrow(RangeError);
    expect(() => frequencyThresholds([{ count: 1.5, customer: false }])).toThrow(RangeError);
  });
});

describe('thresholdAction', () => {
  it('turns the recommended threshold into an action with its MQL condition', () => {
    const action = thresholdAction(frequencyThresholds(rows), { event: 'Asset Downloaded', withinDays: 90 })!;
    expect(action).toEqual({
      key: 'Asset Downloaded 90d ≥ 10',
      kind: 'frequency',
      label: 'Asset Downloaded at least 10 times in 90 days',
      contacts: frequencyThresholds(rows).candidates.find((c) => c.k === 10)!.contacts,
      customers: 50,
      condition: { kind: 'behaviour', event: 'Asset Downloaded', withinDays: 90, minCount: 10 },
    });
  });

  it('is null when no threshold is recommended', () => {
    expect(thresholdAction(frequencyThresholds([{ count: 1, customer: false }]), { event: 'page' })).toBeNull();
  });
});
