import { describe, expect, it } from 'vitest';
import { TELEMARKETING_GROUP_RATES, telemarketingLeads } from '../../testing/telemarketing-history.js';
import { analyseAttempts, attemptBuckets, attemptSteps, bestAttempts, type AttemptLead } from './attempts-analysis.js';

/** `n` leads of `group` with `attempts` attempts each, the first `customers` of them won at `deal`; `perAttempt` € an attempt. */
function leads(group: string, attempts: number, n: number, customers: number, deal = 1000, perAttempt = 3): AttemptLead[] {
  return Array.from({ length: n }, (_, i) => ({
    group,
    attempts,
    customer: i < customers,
    revenue: i < customers ? deal : 0,
    cost: attempts * perAttempt,
    connected: i < customers && attempts > 0,
  }));
}

/**
 * PRODUCT.md's shape: 100 leads called until they convert or have had 6 attempts. 10, 9, 8 and 7
 * convert after attempts 1 to 4 (about 10 % of those still unconverted each time), nobody after
 * attempts 5 and 6; 1,000 € a customer, `perAttempt` € an attempt.
 */
function risingThenFlat(group = 'webinar', perAttempt = 5): AttemptLead[] {
  return [...leads(group, 1, 10, 10, 1000, perAttempt), ...leads(group, 2, 9, 9, 1000, perAttempt), ...leads(group, 3, 8, 8, 1000, perAttempt), ...leads(group, 4, 7, 7, 1000, perAttempt), ...leads(group, 6, 66, 0, 1000, perAttempt)];
}

describe('the marginal rows', () => {
  it('counts who was at risk for each attempt and who converted after it, with exact numbers', () => {
    // 2 converted before any attempt; 10 got 1 attempt (2 converted); 8 got 2 (2 converted); 5 got 3 (none).
    const l = [...leads('x', 0, 2, 2), ...leads('x', 1, 10, 2), ...leads('x', 2, 8, 2), ...leads('x', 3, 5, 0)];
    const steps = attemptSteps(l, 1000, 3, 5);
    // At risk for attempt k = leads with at least k attempts: 23, 13, 5. The 8 unconverted after 1
    // attempt are censored there: they are not counted as failures of attempt 2.
    expect(steps.map((s) => [s.attempt, s.atRisk, s.conversions, s.cumulativeConversions, s.thin])).toEqual([
      [1, 23, 2, 4, false],
      [2, 13, 2, 6, false],
      [3, 5, 0, 6, false],
    ]);
    expect(steps[0]!.hazard).toBeCloseTo(2 / 23, 12);
    expect(steps[1]!.hazard).toBeCloseTo(2 / 13, 12);
    expect(steps[2]!.hazard).toBe(0);
    // Value = hazard × 1,000: 86.96, 153.85, 0; cost 3: the first two pay.
    expect(steps.map((s) => [s.value, s.cost, s.pays])).toEqual([[86.96, 3, true], [153.85, 3, true], [0, 3, false]]);
    // Wilson 95 % for 2 / 23: about 2.4 %–26.8 %, times 1,000.
    expect(steps[0]!.hazardCi![0]).toBeCloseTo(0.0241, 3);
    expect(steps[0]!.hazardCi![1]).toBeCloseTo(0.268, 3);
    expect(steps[0]!.valueCi).toEqual([Math.round(steps[0]!.hazardCi![0] * 100000) / 100, Math.round(steps[0]!.hazardCi![1] * 100000) / 100]);
    // Survival: 21/23, then × 11/13, then × 1.
    expect(steps[1]!.survival).toBeCloseTo((21 / 23) * (11 / 13), 12);
    // Expected profit of an SLA of N: (2/23 × 1000 − 3) = 83.96; + 21/23 × (2/13 × 1000 − 3) = 221.69; − 21/23 × 11/13 × 3 = 219.37.
    const p1 = (2 / 23) * 1000 - 3;
    const p2 = p1 + (21 / 23) * ((2 / 13) * 1000 - 3);
    const p3 = p2 - (21 / 23) * (11 / 13) * 3;
    expect(steps.map((s) => s.expectedProfit)).toEqual([p1, p2, p3].map((v) => Math.round(v * 100) / 100));
    // Cumulative share of the 6 conversions: 2 before any attempt, then 4/6, 6/6, 6/6.
    expect(steps.map((s) => s.cumulativeShare)).toEqual([4 / 6, 1, 1]);
    expect(bestAttempts(steps, 1000, 3)).toBe(2);
    // Fewer than 6 at risk is thin: attempt 3 no longer decides, and N stays 2.
    expect(attemptSteps(l, 1000, 3, 6).map((s) => s.thin)).toEqual([false, false, true]);
  });

  it('takes the best total over the attempts, not the first one that does not pay', () => {
    const step = (attempt: number, atRisk: number, conversions: number) => ({ attempt, atRisk, conversions, hazard: conversions / atRisk, thin: false }) as Parameters<typeof bestAttempts>[0][number];
    // Value 100, cost 2: attempt 2 (1 %) does not pay on its own, attempt 3 (5 %) more than makes up for it: N = 3.
    expect(bestAttempts([step(1, 100, 10), step(2, 90, 1), step(3, 89, 4)], 100, 2)).toBe(3);
    // A late attempt that pays a little cannot win back a long run that does not: N = 1.
    expect(bestAttempts([step(1, 100, 10), step(2, 90, 0), step(3, 90, 0), step(4, 90, 2)], 100, 2)).toBe(1);
    // An attempt that only breaks even is not asked for (the smallest N of equal profit).
    expect(bestAttempts([step(1, 100, 10), step(2, 90, 2)], 100, 2.2222222222222223)).toBe(1);
    // Not even the first pays: 0.
    expect(bestAttempts([step(1, 100, 1)], 100, 2)).toBe(0);
  });
});

describe('optimal number of attempts', () => {
  it("PRODUCT.md's shape: profit per lead rises until 4 attempts, then stops → 4, with exact figures", () => {
    const a = analyseAttempts(risingThenFlat(), { minAtRisk: 20 });
    const c = a.overall;
    expect(c).toMatchObject({ leads: 100, customers: 34, convertedWithoutAttempt: 0, valuePerConversion: 1000, costPerAttempt: 5, costSource: 'measured', breakEvenHazard: 0.005 });
    expect(c.steps.map((s) => [s.attempt, s.atRisk, s.conversions, s.value, s.pays])).toEqual([
      [1, 100, 10, 100, true],
      [2, 90, 9, 100, true],
      [3, 81, 8, 98.77, true],
      [4, 73, 7, 95.89, true],
      [5, 66, 0, 0, false],
      [6, 66, 0, 0, false],
    ]);
    // Expected profit per lead of an SLA of N, with S = 1, 0.9, 0.81, 0.73, 0.66 still unconverted before each attempt:
    // 100 − 5 = 95; + 0.9 × (100 − 5) = 180.5; + 0.81 × (8/81 × 1,000 − 5) = 256.45; + 0.73 × (7/73 × 1,000 − 5) = 322.8; then − 0.66 × 5 each.
    expect(c.steps.map((s) => s.expectedProfit)).toEqual([95, 180.5, 256.45, 322.8, 319.5, 316.2]);
    expect(c.recommended).toMatchObject({ n: 4, cumulativeShare: 1, expectedProfit: 322.8 });
    expect(c.recommended.reason).toMatch(/^Attempt 4 still pays against 5\.00 an attempt: 9\.6 % of the 73 leads still unconverted converted after it, worth 95\.89 a lead; attempt 5 does not: 0 % of the 66 leads/);
    expect(a.byGroup.map((g) => [g.group, g.recommended.n])).toEqual([['webinar', 4]]);
    expect(a.method).toMatch(/Conversion at attempt k: the lead converted after its k-th attempt and before a \(k\+1\)-th/);
  });

  it('says how sure from the deciding attempts\' intervals', () => {
    // The shape above: attempt 4's value (Wilson 95 % of 7 / 73 × 1,000 = 47–185 €) is clearly above 5 €; attempt 5's
    // (0 / 66: 0 to 3.84 / 69.84 × 1,000 = 55 €) is not clearly below: medium.
    const shape = analyseAttempts(risingThenFlat()).overall.recommended;
    expect(shape.confidence).toBe('medium');
    expect(shape.confidenceText).toBe("Medium: attempt 4's value is above the cost over its whole 95 % interval (47.23–184.96 against 5.00); attempt 5's is not below it over its whole interval (0.00–55.00).");
    // Ten times the leads: attempt 5's interval (0 / 660: 0–0.58 % × 1,000 = 0–5.8 €) still reaches 5 €; at 50 € an attempt both are clear.
    const big = (perAttempt: number) => analyseAttempts(Array.from({ length: 10 }, () => risingThenFlat('webinar', perAttempt)).flat()).overall.recommended;
    expect(big(5)).toMatchObject({ n: 4, confidence: 'medium' });
    expect(big(50)).toMatchObject({ n: 4, confidence: 'high' });
    expect(big(50).confidenceText).toMatch(/^High: attempt 4's value is above .*; attempt 5's is below it over its whole interval/);
    // Neither clear: low. 40 leads, 2 convert at attempt 1, 1 at attempt 2 of 38, none after; 1,000 € against 20 €.
    const unsure = [...leads('x', 1, 2, 2), ...leads('x', 2, 1, 1), ...leads('x', 3, 37, 0)].map((l) => ({ ...l, cost: l.attempts * 20 }));
    // Only 3 customers: low whatever the intervals say.
    expect(analyseAttempts(unsure).overall.recommended).toMatchObject({ confidence: 'low' });
    expect(analyseAttempts(unsure).overall.recommended.confidenceText).toMatch(/Only 3 customer\(s\): too few to be sure\.$/);
  });

  it('the telemarketing shape: falling group rates, 98 % of conversions by 8 attempts → 8, not 1', () => {
    // 45,211 generated leads (src/testing/telemarketing-history.ts), 300 € a conversion, 3 € an attempt.
    const gen = telemarketingLeads(1, 45_211);
    const l: AttemptLead[] = gen.map((g) => ({ group: 'telemarketing', attempts: g.attempts, customer: g.converted, revenue: g.converted ? 300 : 0, cost: 3 * g.attempts }));

    // The shape, counted here from the generated leads: close rate by attempts made falls from about
    // 14.6 % at 1 to 5.9 % at 8 (as in the real campaign), and at least 98 % of conversions come within 8.
    const made = (k: number) => gen.filter((g) => g.attempts === k);
    const rate = (k: number) => made(k).filter((g) => g.converted).length / made(k).length;
    const rates = [1, 2, 3, 4, 5, 6, 7, 8].map(rate);
    rates.forEach((r, i) => expect(Math.abs(r - TELEMARKETING_GROUP_RATES[i]!)).toBeLessThan(0.012));
    expect(rates[0]).toBeGreaterThan(rates[3]!);
    expect(rates[3]).toBeGreaterThan(rates[7]!);
    const conversions = gen.filter((g) => g.converted);
    const within8 = conversions.filter((g) => g.attempts <= 8).length / conversions.length;
    expect(within8).toBeGreaterThanOrEqual(0.98);

    const a = analyseAttempts(l);
    const r = a.overall.recommended;
    expect(r.n).toBe(8);
    expect(r.cumulativeShare).toBeCloseTo(within8, 12);
    expect(r.cumulativeShare).toBeGreaterThanOrEqual(0.98);
    expect(r.confidence).toBe('high');
    // Every row is the generated leads' own count: at risk for k = leads with at least k attempts.
    for (const s of a.overall.steps.slice(0, 12)) {
      expect(s.atRisk).toBe(gen.filter((g) => g.attempts >= s.attempt).length);
      expect(s.conversions).toBe(gen.filter((g) => g.converted && g.attempts === s.attempt).length);
    }
    // The attempts up to 8 pay (value > 3 €), the 9th does not.
    expect(a.overall.steps.slice(0, 8).every((s) => s.pays)).toBe(true);
    expect(a.overall.steps[8]!.pays).toBe(false);
    // The confounded view that used to decide: profit per lead by attempts made is highest at 1 attempt.
    const best = a.overall.byAttemptsMade.reduce((b, g) => (g.profitPerLead! > b.profitPerLead! ? g : b));
    expect(best.label).toBe('1');
    expect(a.overall.byAttemptsMade[0]!.closeRate).toBeCloseTo(rates[0]!, 12);
  });

  it('per group, each with its own value and cost; a group without cost data takes the average of all', () => {
    // Webinar: PRODUCT.md's shape (4). Demo: 60 leads, 20 convert at attempt 1, 2 of the 40 left at attempt 2,
    // none at 3; 500 € a customer, no cost data on its attempts: it takes the overall 5 € (webinar's).
    const demo = [...leads('demo', 1, 20, 20, 500), ...leads('demo', 2, 2, 2, 500), ...leads('demo', 3, 38, 0, 500)].map((l) => ({ ...l, cost: 0, attemptsWithoutCost: l.attempts }));
    const a = analyseAttempts([...risingThenFlat(), ...demo]);
    const d = a.byGroup.find((g) => g.group === 'demo')!;
    expect(d).toMatchObject({ leads: 60, customers: 22, valuePerConversion: 500, costPerAttempt: 5, costSource: 'overall' });
    // Attempt 2: 2 / 40 × 500 = 25 € > 5 €; attempt 3: 0 / 38 → 0.
    expect(d.steps.map((s) => [s.atRisk, s.conversions, s.value])).toEqual([[60, 20, 166.67], [40, 2, 25], [38, 0, 0]]);
    expect(d.recommended.n).toBe(2);
    expect(a.byGroup.find((g) => g.group === 'webinar')!.recommended.n).toBe(4);
    expect(a.byGroup.map((g) => g.group)).toEqual(['demo', 'webinar']);
    // Overall: value = (34 × 1,000 + 22 × 500) / 56; cost = webinar's 5 € (demo's attempts have none).
    expect(a.overall.valuePerConversion).toBe(Math.round(((34_000 + 11_000) / 56) * 100) / 100);
    expect(a.overall.costPerAttempt).toBe(5);
    // No cost data anywhere: cost 0, said so; any attempt that converts someone pays.
    const free = analyseAttempts(demo).overall;
    expect(free).toMatchObject({ costPerAttempt: null, costSource: 'none' });
    expect(free.recommended.n).toBe(2);
    expect(free.recommended.reason).toMatch(/against no cost \(no attempt has cost data\)/);
  });

  it('recommends 0 when not even the first attempt pays', () => {
    // 100 leads, 1 converts at attempt 1 (100 €): 1 € of value an attempt against 3 €.
    const a = analyseAttempts([...leads('x', 1, 1, 1, 100), ...leads('x', 2, 99, 0, 100)]);
    expect(a.overall.recommended).toMatchObject({ n: 0, cumulativeShare: 0, expectedProfit: 0 });
    expect(a.overall.recommended.reason).toMatch(/^Not even the first attempt pays against 3\.00 an attempt/);
  });

  it('an attempt too few leads got does not decide', () => {
    // PRODUCT.md's shape plus 5 leads who got a 7th attempt, 2 of whom converted after it (40 %).
    const l = [...risingThenFlat().filter((x, i) => !(x.attempts === 6 && i % 66 < 5)), ...leads('webinar', 7, 5, 2)].map((x) => ({ ...x, cost: x.attempts * 5 }));
    const a = analyseAttempts(l);
    const seventh = a.overall.steps[6]!;
    expect(seventh).toMatchObject({ attempt: 7, atRisk: 5, conversions: 2, thin: true, pays: true });
    expect(a.overall.recommended.n).toBe(4);
    // With a minimum of 5 leads at risk it counts, and the two 1,000 € deals make 7 attempts the best.
    expect(analyseAttempts(l, { minAtRisk: 5 }).overall.recommended.n).toBe(7);
  });

  it('says why there is no recommendation: no leads, no conversions, no revenue, too few first attempts', () => {
    const none = analyseAttempts([]);
    expect(none.overall).toMatchObject({ leads: 0, customers: 0, steps: [], byAttemptsMade: [], recommended: { n: null, confidence: 'none' } });
    expect(none.overall.recommended.reason).toMatch(/No leads/);
    expect(none.byGroup).toEqual([]);
    expect(analyseAttempts(leads('x', 2, 30, 0)).overall.recommended.reason).toMatch(/None of these leads converted/);
    expect(analyseAttempts(leads('x', 2, 30, 5, 0)).overall.recommended.reason).toMatch(/no revenue/);
    const few = analyseAttempts(leads('x', 2, 10, 5));
    expect(few.overall.recommended).toMatchObject({ n: null, confidence: 'none' });
    expect(few.overall.recommended.reason).toMatch(/Fewer than 20 leads got a first attempt/);
  });
});

describe('the secondary view: leads grouped by attempts made', () => {
  it('merges counts until a group has the minimum and folds the thin tail into "K+"', () => {
    const attempts = [...Array(25).fill(0), ...Array(30).fill(1), ...Array(22).fill(2), ...Array(12).fill(3), ...Array(7).fill(4), ...Array(3).fill(5), 7];
    // 0:25, 1:30, 2:22 stand alone; 3+4 = 19 < 20, +5 = 22 closes [3, 5]; the lone 7 joins it → "3+".
    expect(attemptBuckets(attempts, 20)).toEqual([
      { from: 0, to: 0, label: '0' },
      { from: 1, to: 1, label: '1' },
      { from: 2, to: 2, label: '2' },
      { from: 3, to: null, label: '3+' },
    ]);
    // 1:5 is too small alone: 1 and 2 together make 35 → "1–2"; 3:25 stands alone.
    expect(attemptBuckets([...Array(5).fill(1), ...Array(30).fill(2), ...Array(25).fill(3)], 20).map((b) => b.label)).toEqual(['1–2', '3']);
    expect(attemptBuckets([1, 2, 2, 5], 20)).toEqual([{ from: 1, to: null, label: '1+' }]);
    expect(attemptBuckets([], 20)).toEqual([]);
  });

  it('gives each group its close rate, revenue, cost and profit per lead', () => {
    const a = analyseAttempts(risingThenFlat(), { minGroupSize: 1 });
    // 1–4: every lead of the group converted (they stopped being called when they did): 100 %; 6: none of 66.
    expect(a.overall.byAttemptsMade.map((g) => [g.label, g.leads, g.customers, g.closeRate, g.revenuePerLead, g.costPerLead, g.profitPerLead, g.connected, g.small])).toEqual([
      ['1', 10, 10, 1, 1000, 5, 995, 10, false],
      ['2', 9, 9, 1, 1000, 10, 990, 9, false],
      ['3', 8, 8, 1, 1000, 15, 985, 8, false],
      ['4', 7, 7, 1, 1000, 20, 980, 7, false],
      ['6', 66, 0, 0, 0, 30, -30, 0, false],
    ]);
    // With the default minimum of 20 leads, 1–3 merge (27 leads) and 4 joins the tail: "4+".
    expect(analyseAttempts(risingThenFlat()).overall.byAttemptsMade.map((g) => [g.label, g.leads, g.customers])).toEqual([['1–3', 27, 27], ['4+', 73, 7]]);
  });
});
