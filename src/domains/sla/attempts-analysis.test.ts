import { describe, expect, it } from 'vitest';
import { analyseAttempts, attemptBuckets, confidenceLevel, plateauIndex, type AttemptLead } from './attempts-analysis.js';

/** `leads` leads of one type with `attempts` attempts each, the first `customers` of them won at `deal` each; 3 € per attempt. */
function cohort(leadType: string, attempts: number, leads: number, customers: number, deal: number, perAttempt = 3): AttemptLead[] {
  return Array.from({ length: leads }, (_, i) => ({
    leadType,
    attempts,
    customer: i < customers,
    revenue: i < customers ? deal : 0,
    cost: attempts * perAttempt,
    attemptsUntilConnected: i < customers ? 1 : null,
  }));
}

/** Profit rises until 4 attempts then flattens: 20 leads a group, k customers at 2,000 € for k = 1, 2, 3, 4, 4, 4. */
function risingThenFlat(scale = 1): AttemptLead[] {
  const customers = [1, 2, 3, 4, 4, 4];
  return customers.flatMap((c, i) => cohort('webinar', i + 1, 20 * scale, c * scale, 2000));
}

describe('attempt buckets', () => {
  it('merges counts until a group has the minimum and folds the thin tail into "K+"', () => {
    const attempts = [...Array(25).fill(0), ...Array(30).fill(1), ...Array(22).fill(2), ...Array(12).fill(3), ...Array(7).fill(4), ...Array(3).fill(5), 7];
    // 0:25, 1:30, 2:22 stand alone; 3+4 = 19 < 20, +5 = 22 closes [3, 5]; the lone 7 joins it → "3+".
    expect(attemptBuckets(attempts, 20)).toEqual([
      { from: 0, to: 0, label: '0' },
      { from: 1, to: 1, label: '1' },
      { from: 2, to: 2, label: '2' },
      { from: 3, to: null, label: '3+' },
    ]);
  });

  it('merges a thin middle count into a range', () => {
    // 1:5 is too small alone: 1 and 2 together make 35 → "1–2"; 3:25 stands alone.
    expect(attemptBuckets([...Array(5).fill(1), ...Array(30).fill(2), ...Array(25).fill(3)], 20).map((b) => b.label)).toEqual(['1–2', '3']);
  });

  it('gives one group when everything together is below the minimum', () => {
    expect(attemptBuckets([1, 2, 2, 5], 20)).toEqual([{ from: 1, to: null, label: '1+' }]);
    expect(attemptBuckets([], 20)).toEqual([]);
  });
});

describe('plateau', () => {
  it('is the first point no later point beats by more than the tolerance', () => {
    const pts = (ps: number[]) => ps.map((p, i) => ({ n: i + 1, profitPerLead: p }));
    // rise = 195 − 100 = 95, threshold 5 % = 4.75: 100 (beaten by 95), 180 (by 15), 190 (by 5 > 4.75), 195 (nothing later is higher) → index 3.
    expect(plateauIndex(pts([100, 180, 190, 195, -500]), 0.05, 0)).toBe(3);
    // A minimum gain of 10 per lead makes 190 the plateau: 195 beats it by only 5.
    expect(plateauIndex(pts([100, 180, 190, 195, -500]), 0.05, 10)).toBe(2);
    // Falling from the start: the first point.
    expect(plateauIndex(pts([50, 40, 30]), 0.05, 0)).toBe(0);
    expect(plateauIndex(pts([50]), 0.05, 0)).toBeNull();
  });
});

describe('optimal number of attempts', () => {
  it('profit rising until 4 attempts then flat → recommends 4, with exact groups', () => {
    const a = analyseAttempts(risingThenFlat(), { resamples: 0 });
    // Per group of 20: revenue per lead = k × 2,000 / 20 = 100 k; cost per lead = 3 × attempts.
    // Profit per lead: 1 → 100 − 3 = 97; 2 → 200 − 6 = 194; 3 → 300 − 9 = 291; 4 → 400 − 12 = 388; 5 → 385; 6 → 382.
    expect(a.overall.groups.map((g) => [g.label, g.leads, g.customers, g.revenuePerLead, g.costPerLead, g.profitPerLead])).toEqual([
      ['1', 20, 1, 100, 3, 97],
      ['2', 20, 2, 200, 6, 194],
      ['3', 20, 3, 300, 9, 291],
      ['4', 20, 4, 400, 12, 388],
      ['5', 20, 4, 400, 15, 385],
      ['6', 20, 4, 400, 18, 382],
    ]);
    expect(a.overall.groups[3]!.closeRate).toBe(0.2);
    // Wilson 95 % for 4 / 20: about 8.1 %–41.6 %.
    expect(a.overall.groups[3]!.closeRateCi![0]).toBeCloseTo(0.0807, 3);
    expect(a.overall.groups[3]!.closeRateCi![1]).toBeCloseTo(0.416, 3);
    expect(a.overall.groups[3]!.revenue).toBe(8000);
    expect(a.overall.groups[3]!.cost).toBe(240);
    expect(a.overall.groups[3]!.connected).toBe(4);
    // Rise = 388 − 97 = 291, threshold 5 % = 14.55: at 3 the best later (388) is 97 higher; at 4 nothing later is higher → 4.
    expect(a.overall.recommended).toMatchObject({ n: 4, label: '4', profitPerLead: 388, confidence: 'none', bootstrap: null });
    expect(a.byLeadType).toHaveLength(1);
    expect(a.byLeadType[0]!.recommended.n).toBe(4);
    expect(a.chart).toEqual({ x: [1, 2, 3, 4, 5, 6], series: [{ name: 'webinar', y: [97, 194, 291, 388, 385, 382], leads: [20, 20, 20, 20, 20, 20], labels: ['1', '2', '3', '4', '5', '6'] }] });
    expect(a.method).toMatch(/first group that no later group beats/);
  });

  it('the same curve on many leads is a confident 4; the bootstrap is reproducible from its seed', () => {
    const leads = risingThenFlat(50); // 1,000 leads a group, same rates
    const a = analyseAttempts(leads, { resamples: 300, seed: 7 });
    const r = a.overall.recommended;
    expect(r.n).toBe(4);
    expect(r.confidence).toBe('high');
    expect(r.bootstrap!.agreement).toBeGreaterThanOrEqual(0.7);
    expect(r.bootstrap!.resamples).toBe(300);
    expect(r.bootstrap!.distribution.reduce((s, d) => s + d.share, 0)).toBeCloseTo(1, 10);
    expect(r.bootstrap!.interval90![0]).toBeLessThanOrEqual(4);
    expect(r.bootstrap!.interval90![1]).toBeGreaterThanOrEqual(4);
    expect(r.confidenceText).toMatch(/^High: \d+ % of 300 bootstrap resamples/);
    expect(analyseAttempts(leads, { resamples: 300, seed: 7 }).overall.recommended).toEqual(r);
  });

  it('a noisy small sample gets a recommendation with low confidence', () => {
    // 20 leads a group at 1..6 attempts, customers 1, 0, 2, 1, 1, 0 at 5,000 €: one deal more or less swings profit by 250 € a lead.
    const customers = [1, 0, 2, 1, 1, 0];
    const leads = customers.flatMap((c, i) => cohort('trade_show', i + 1, 20, c, 5000));
    const a = analyseAttempts(leads, { seed: 1 });
    // Profit per lead: 247, −6, 491, 238, 235, −18 → the plateau is 3 (491, nothing later higher).
    expect(a.overall.groups.map((g) => g.profitPerLead)).toEqual([247, -6, 491, 238, 235, -18]);
    expect(a.overall.recommended.n).toBe(3);
    // 2 and 4 count as agreeing with 3, yet the resamples also pick 1 and 5: the 90 % interval is
    // wider than 3 attempts, so the confidence is low whatever the agreement.
    const b = a.overall.recommended.bootstrap!;
    expect(b.distribution.length).toBeGreaterThan(3);
    expect(b.interval90![1] - b.interval90![0]).toBeGreaterThan(3);
    expect(a.overall.recommended.confidence).toBe('low');
    expect(a.overall.recommended.confidenceText).toMatch(/^Low: /);
  });

  it('a flat noisy curve (one 5,000 € deal in every group of 20) → low agreement, low confidence', () => {
    const leads = [1, 2, 3, 4, 5, 6].flatMap((n) => cohort('whitepaper', n, 20, 1, 5000));
    const r = analyseAttempts(leads, { seed: 1 }).overall.recommended;
    // Profit per lead 250 − 3n falls: the plateau is the first group, 1; resamples scatter over 1..6.
    expect(r.n).toBe(1);
    expect(r.bootstrap!.agreement).toBeLessThan(0.4);
    expect(r.confidence).toBe('low');
  });

  it('confidence needs both agreement and a narrow interval', () => {
    expect(confidenceLevel(0.9, [3, 5])).toBe('high');
    expect(confidenceLevel(0.9, [2, 5])).toBe('medium');
    expect(confidenceLevel(0.5, [3, 4])).toBe('medium');
    expect(confidenceLevel(0.7, [1, 5])).toBe('low');
    expect(confidenceLevel(0.3, [4, 4])).toBe('low');
    expect(confidenceLevel(1, null)).toBe('low');
    // Fewer than 10 customers: low, however consistent the resamples.
    expect(confidenceLevel(1, [4, 4], 9)).toBe('low');
    expect(confidenceLevel(1, [4, 4], 10)).toBe('high');
  });

  it('per lead type, with its own groups, and a chart over the shared x axis', () => {
    // Webinar: groups 1..6 of 20 (as above). Demo: 25 leads at 1 and 30 at 2 attempts, + 5 at 3 that join "2+".
    const leads = [...risingThenFlat(), ...cohort('demo', 1, 25, 5, 3000), ...cohort('demo', 2, 30, 9, 3000), ...cohort('demo', 3, 5, 0, 3000)];
    const a = analyseAttempts(leads, { resamples: 0 });
    const demo = a.byLeadType.find((t) => t.leadType === 'demo')!;
    // Demo 1: 5 × 3,000 / 25 = 600 − 3 = 597; "2+": 9 × 3,000 / 35 = 771.43, cost (30 × 6 + 5 × 9) / 35 = 6.43 → 765.
    expect(demo.groups.map((g) => [g.label, g.leads, g.customers, g.profitPerLead])).toEqual([['1', 25, 5, 597], ['2+', 35, 9, 765]]);
    expect(demo.recommended.n).toBe(2);
    expect(a.byLeadType.map((t) => t.leadType)).toEqual(['demo', 'webinar']);
    // Overall: 1 (45 leads), 2 (50), 3 (25), 4, 5, 6 (20 each).
    expect(a.overall.groups.map((g) => [g.label, g.leads])).toEqual([['1', 45], ['2', 50], ['3', 25], ['4', 20], ['5', 20], ['6', 20]]);
    expect(a.chart.x).toEqual([1, 2, 3, 4, 5, 6]);
    expect(a.chart.series[0]).toEqual({ name: 'demo', y: [597, 765, null, null, null, null], leads: [25, 35, null, null, null, null], labels: ['1', '2+', null, null, null, null] });
  });

  it('shows the 0-attempt group but does not recommend 0', () => {
    const leads = [...cohort('unknown', 0, 20, 10, 1000), ...risingThenFlat().map((l) => ({ ...l, leadType: 'unknown' }))];
    const a = analyseAttempts(leads, { resamples: 0 });
    expect(a.overall.groups[0]).toMatchObject({ label: '0', profitPerLead: 500 });
    expect(a.overall.recommended.n).toBe(4);
  });

  it('says why there is no recommendation: no leads, a single group, no revenue', () => {
    const none = analyseAttempts([]);
    expect(none.overall).toMatchObject({ leads: 0, customers: 0, groups: [], recommended: { n: null, confidence: 'none' } });
    expect(none.overall.recommended.reason).toMatch(/No leads/);
    expect(none.byLeadType).toEqual([]);
    expect(none.chart).toEqual({ x: [], series: [] });

    const single = analyseAttempts(cohort('webinar', 2, 10, 2, 1000));
    expect(single.overall.groups).toHaveLength(1);
    expect(single.overall.groups[0]).toMatchObject({ label: '2', leads: 10, small: true, profitPerLead: 194 });
    expect(single.overall.recommended).toMatchObject({ n: null, bootstrap: null });
    expect(single.overall.recommended.reason).toMatch(/Only one group/);

    const zero = analyseAttempts(risingThenFlat().map((l) => ({ ...l, customer: false, revenue: 0 })));
    expect(zero.overall.groups[0]!.profitPerLead).toBe(-3);
    expect(zero.overall.recommended.n).toBeNull();
    expect(zero.overall.recommended.reason).toMatch(/No revenue/);
  });
});
