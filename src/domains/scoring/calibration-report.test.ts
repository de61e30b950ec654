import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { simulateCompany } from '../../sim/simulate-company.js';
import { calibrationReport } from './calibration-report.js';

describe.each(testBackends())('closed-loop calibration on the demo company (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await simulateCompany(t.db, fixedClock('2026-11-20T12:00:00Z'), { seed: 3, contacts: 1500, months: 12, events: 'pipeline' });
  });
  afterAll(() => t.cleanup());

  it('finds the hand-raisers well above the average close rate, with intervals, and proposes them as MQL clauses', async () => {
    const r = await calibrationReport(t.db, { from: new Date('2025-11-01T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') });
    expect(r.baseline.contacts).toBe(1500);
    const sales = r.actions.find((a) => a.kind === 'event' && a.key === 'Contact Sales Requested')!;
    // The simulator converts contact-sales MQLs at ~10 % (PRODUCT.md's table) against well under 2 % overall.
    expect(sales.closeRate!).toBeGreaterThan(r.baseline.rate! * 3);
    expect(sales.ci![0]).toBeLessThan(sales.closeRate!);
    expect(sales.ci![1]).toBeGreaterThan(sales.closeRate!);
    expect(sales.suggestedPoints).toBeGreaterThan(0);
    const pages = r.actions.find((a) => a.kind === 'event' && a.key === 'page');
    expect(pages?.lift ?? 1).toBeLessThan(sales.lift!);
    // Proposals are the well-above actions (up to five, best lift first), each with its evidence.
    const wellAbove = r.actions.filter((a) => a.flag === 'well_above').length;
    expect(r.proposals.length).toBe(Math.min(5, r.actions.filter((a) => a.flag === 'well_above' && (a.kind !== 'campaign' || a.condition)).length));
    if (sales.flag === 'well_above') expect(wellAbove).toBeGreaterThan(0);
    for (const p of r.proposals) expect(p.evidence).toMatch(/vs .* average, n=\d+/);
    expect(r.formula).toMatch(/log2/);
  });

});
