import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { salesReport, salesReportRows } from './sales-report.js';

const id = async (db: Db, sql: string, params: unknown[]) => (await db.query<{ id: number }>(`${sql} RETURNING id`, params))[0]!.id;

/**
 * An imported book of business (all moments at 12:00 UTC, so every cycle is whole days):
 * users Ana and Ben (team north), Cara and Dan (team south);
 * 2026-03 quotas: teams north 60,000 + south 40,000; reps Ana 30,000, Ben 30,000, Dan 10,000;
 * 2026-Q1 quotas: teams north 180,000 + south 120,000; rep Cara 36,000 (→ 12,000 a month).
 */
async function seed(db: Db) {
  const user = (name: string, team: string) => id(db, `INSERT INTO users (email, name, role, team) VALUES ($1, $2, 'sales_rep', $3)`, [`${name.toLowerCase()}@x.test`, name, team]);
  const ana = await user('Ana', 'north');
  const ben = await user('Ben', 'north');
  const cara = await user('Cara', 'south');
  const dan = await user('Dan', 'south');
  const quota = (period: string, userId: number | null, team: string | null, amount: number) =>
    db.query('INSERT INTO sales_quotas (period, user_id, team, amount) VALUES ($1, $2, $3, $4)', [period, userId, team, amount]);
  await quota('2026-03', null, 'north', 60_000);
  await quota('2026-03', null, 'south', 40_000);
  await quota('2026-03', ana, null, 30_000);
  await quota('2026-03', ben, null, 30_000);
  await quota('2026-03', dan, null, 10_000);
  await quota('2026-Q1', null, 'north', 180_000);
  await quota('2026-Q1', null, 'south', 120_000);
  await quota('2026-Q1', cara, null, 36_000);

  const acme = await id(db, `INSERT INTO companies (name, segment) VALUES ('Acme', 'enterprise')`, []);
  const bolt = await id(db, `INSERT INTO companies (name, segment) VALUES ('Bolt', NULL)`, []);
  const contact = async (source: string | null, createdAt: string, companyId: number | null, transitions: [string, string][]) => {
    const c = await id(db, `INSERT INTO contacts (original_source, created_at, company_id, lifecycle_stage) VALUES ($1, $2, $3, 'customer')`, [source, createdAt, companyId]);
    for (const [stage, at] of transitions) {
      await db.query(`INSERT INTO stage_transitions (object_type, object_id, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, 'import', $3, 'import')`, [c, stage, at]);
    }
    return c;
  };
  // c1: full history.                       lead 01-01, MQL 01-11.
  const c1 = await contact('organic_search', '2026-01-01T12:00:00Z', acme, [['lead', '2026-01-01T12:00:00Z'], ['mql', '2026-01-11T12:00:00Z']]);
  // c2: the MQL CSV: created at import (03-01), only an 'mql' transition on 02-01 → lead = 02-01 (never after the MQL).
  const c2 = await contact('paid_search', '2026-03-01T00:00:00Z', null, [['mql', '2026-02-01T12:00:00Z']]);
  // c3: only an 'mql' transition (02-20), created 02-10 → lead = created_at 02-10.
  const c3 = await contact('organic_search', '2026-02-10T12:00:00Z', null, [['mql', '2026-02-20T12:00:00Z']]);
  // c4: lead 2025-12-02, MQL 2026-01-01; company without a segment.
  const c4 = await contact('referrals', '2025-12-02T12:00:00Z', bolt, [['lead', '2025-12-02T12:00:00Z'], ['mql', '2026-01-01T12:00:00Z']]);
  // c5: no source, no history at all → lead = created_at 02-25, no MQL moment.
  const c5 = await contact(null, '2026-02-25T12:00:00Z', null, []);

  const deal = (stage: string, o: { amount: number | null; owner: number | null; contact?: number; company?: number; segment?: string; closedAt?: string; closeDate?: string; reason?: string }) =>
    db.query(
      `INSERT INTO deals (name, pipeline_id, stage, amount, owner_id, contact_id, company_id, segment, closed_at, close_date, lost_reason)
       VALUES ('deal', 1, $1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [stage, o.amount, o.owner, o.contact ?? null, o.company ?? null, o.segment ?? null, o.closedAt ?? null, o.closeDate ?? null, o.reason ?? null],
    );
  // March, won (84,000):
  await deal('closed_won', { amount: 20_000, owner: ana, contact: c1, company: acme, closedAt: '2026-03-02T12:00:00Z' }); // d1 enterprise (company's)
  await deal('closed_won', { amount: 10_000, owner: ana, contact: c2, segment: 'small', closeDate: '2026-03-05' }); // d2 close_date only
  await deal('closed_won', { amount: 30_000, owner: ben, contact: c3, segment: 'small', closeDate: '2026-03-10' }); // d3 close_date only
  await deal('closed_won', { amount: 15_000, owner: cara, contact: c4, company: bolt, closedAt: '2026-03-10T12:00:00Z' }); // d4 segment unknown
  await deal('closed_won', { amount: 5_000, owner: ben, contact: c5, segment: 'enterprise', closeDate: '2026-03-15' }); // d5
  await deal('closed_won', { amount: 4_000, owner: null, segment: 'mid_market', closedAt: '2026-03-15T08:00:00Z' }); // d6 no contact, no owner
  // March, lost (25,000):
  await deal('closed_lost', { amount: 8_000, owner: ana, closedAt: '2026-03-03T12:00:00Z', reason: 'price' });
  await deal('closed_lost', { amount: 12_000, owner: ben, closeDate: '2026-03-08', reason: 'price' });
  await deal('closed_lost', { amount: 5_000, owner: ben, closedAt: '2026-03-12T12:00:00Z' });
  await deal('closed_lost', { amount: null, owner: cara, closedAt: '2026-03-13T12:00:00Z', reason: 'competitor' });
  // Not March: closed_at (Feb 28) wins over close_date (Mar 1); April; an open deal; May.
  await deal('closed_won', { amount: 50_000, owner: ana, closedAt: '2026-02-28T23:00:00Z', closeDate: '2026-03-01' });
  await deal('closed_won', { amount: 7_000, owner: ben, closeDate: '2026-04-01' });
  await deal('proposal', { amount: 99_000, owner: ana, closeDate: '2026-03-20' });
  await deal('closed_won', { amount: 9_000, owner: cara, closeDate: '2026-05-10' });
  return { ana, ben, cara, dan };
}

describe.each(testBackends())('monthly sales report on %s', (backend) => {
  it('reports a month: waterfall against the quota, cycles by segment and source, win/loss, reps', async () => {
    const t = await createTestDb(backend);
    try {
      const { ana, ben, cara, dan } = await seed(t.db);
      // 15 of March's 31 days gone.
      const r = await salesReport(t.db, fixedClock('2026-03-16T00:00:00Z'), '2026-03');

      // The month's team quotas: 60,000 + 40,000 (rep quotas are not added on top).
      expect(r.quota).toEqual({ total: 100_000, source: 'month', months: [{ month: '2026-03', total: 100_000, source: 'month', share: 1 }] });

      // Waterfall: 20,000 + 10,000 + 30,000 + 15,000 + 5,000 + 4,000 = 84,000; 84% reached; 16,000 to go.
      const w = r.waterfall;
      expect(w.closed).toBe(84_000);
      expect(w.reached).toBe(0.84);
      expect(w.gap).toBe(16_000);
      expect(w.days).toHaveLength(31);
      // pace = 100,000 × day/31: day 1 3,225.81; day 15 48,387.10; day 31 100,000.
      expect(w.days[0]).toEqual({ day: '2026-03-01', won_deals: 0, revenue: 0, cumulative_revenue: 0, pace: 3_225.81 });
      expect(w.days[1]).toEqual({ day: '2026-03-02', won_deals: 1, revenue: 20_000, cumulative_revenue: 20_000, pace: 6_451.61 });
      // d2 closed with only a close_date: counted on that day.
      expect(w.days[4]).toEqual({ day: '2026-03-05', won_deals: 1, revenue: 10_000, cumulative_revenue: 30_000, pace: 16_129.03 });
      expect(w.days[9]).toEqual({ day: '2026-03-10', won_deals: 2, revenue: 45_000, cumulative_revenue: 75_000, pace: 32_258.06 });
      expect(w.days[14]).toEqual({ day: '2026-03-15', won_deals: 2, revenue: 9_000, cumulative_revenue: 84_000, pace: 48_387.1 });
      // Days not begun: no figures, only the pace.
      expect(w.days[15]).toEqual({ day: '2026-03-16', won_deals: null, revenue: null, cumulative_revenue: null, pace: 51_612.9 });
      expect(w.days[30]).toEqual({ day: '2026-03-31', won_deals: null, revenue: null, cumulative_revenue: null, pace: 100_000 });
      // Pace now 48,387.10; 84,000 / 48,387.10 = 1.736 → ahead; projection 84,000 × 31/15 = 173,600 (173.6 %).
      expect(w.today).toEqual({ pace: 48_387.1, ratio: expect.closeTo(1.736, 10), status: 'ahead' });
      expect(w.projection.revenue).toBe(173_600);
      expect(w.projection.reached).toBeCloseTo(1.736, 10);

      // Lead → customer, won deals: d1 01-01→03-02 = 60; d2 02-01→03-05 = 32; d3 02-10→03-10 = 28;
      // d4 2025-12-02→03-10 = 98; d5 02-25→03-15 = 18; d6 has no contact (unmeasured).
      // Sorted 18, 28, 32, 60, 98: median 32, mean 236/5 = 47.2.
      const lead = r.cycle.lead_to_customer;
      expect(lead.overall).toEqual({ deals: 5, median_days: 32, mean_days: 47.2, unmeasured: 1 });
      expect(lead.by_segment).toEqual([
        { segment: 'enterprise', deals: 2, median_days: 39, mean_days: 39, vs_average: 7 }, // d1 60 (company's segment), d5 18
        { segment: 'small', deals: 2, median_days: 30, mean_days: 30, vs_average: -2 }, // d2 32, d3 28 (deal's segment)
        { segment: '(none)', deals: 1, median_days: 98, mean_days: 98, vs_average: 66 }, // d4: neither has one
      ]);
      expect(lead.by_source).toEqual([
        { source: 'organic_search', deals: 2, median_days: 44, mean_days: 44, vs_average: 12 }, // 60, 28
        { source: 'paid_search', deals: 1, median_days: 32, mean_days: 32, vs_average: 0 },
        { source: 'referrals', deals: 1, median_days: 98, mean_days: 98, vs_average: 66 },
        { source: 'Unknown', deals: 1, median_days: 18, mean_days: 18, vs_average: -14 },
      ]);
      // MQL → customer: d1 01-11→03-02 = 50; d2 32; d3 02-20→03-10 = 18; d4 01-01→03-10 = 68;
      // d5 (no MQL) and d6 unmeasured. Sorted 18, 32, 50, 68: median 41, mean 42.
      const mql = r.cycle.mql_to_customer;
      expect(mql.overall).toEqual({ deals: 4, median_days: 41, mean_days: 42, unmeasured: 2 });
      expect(mql.by_segment).toEqual([
        { segment: 'small', deals: 2, median_days: 25, mean_days: 25, vs_average: -16 },
        { segment: 'enterprise', deals: 1, median_days: 50, mean_days: 50, vs_average: 9 },
        { segment: '(none)', deals: 1, median_days: 68, mean_days: 68, vs_average: 27 },
      ]);
      expect(mql.by_source).toEqual([
        { source: 'organic_search', deals: 2, median_days: 34, mean_days: 34, vs_average: -7 },
        { source: 'paid_search', deals: 1, median_days: 32, mean_days: 32, vs_average: -9 },
        { source: 'referrals', deals: 1, median_days: 68, mean_days: 68, vs_average: 27 },
      ]);

      // Win/loss: 6 won (84,000), 4 lost (8,000 + 12,000 + 5,000 + none = 25,000); 6/10.
      expect(r.win_loss).toEqual({
        won: { deals: 6, revenue: 84_000 },
        lost: { deals: 4, amount: 25_000 },
        win_rate: 0.6,
        by_reason: [
          { reason: 'price', label: 'Price', deals: 2, amount: 20_000 },
          { reason: 'unspecified', label: 'Unspecified', deals: 1, amount: 5_000 },
          { reason: 'competitor', label: 'Competitor', deals: 1, amount: 0 },
        ],
        // By segment (the default dimension): the deal's own, else its company's; the lost deals have none.
        // Enterprise and Small both won 2 (by label then), Mid-market 1, "(none)" last whatever its size.
        by_dimension: [
          { value: 'enterprise', label: 'Enterprise', won: 2, lost: 0, revenue: 25_000, lost_amount: 0, win_rate: 1 },
          { value: 'small', label: 'Small', won: 2, lost: 0, revenue: 40_000, lost_amount: 0, win_rate: 1 },
          { value: 'mid_market', label: 'Mid-market', won: 1, lost: 0, revenue: 4_000, lost_amount: 0, win_rate: 1 },
          { value: '(none)', label: '(none)', won: 1, lost: 4, revenue: 15_000, lost_amount: 25_000, win_rate: 0.2 },
        ],
      });

      expect(r.reps).toEqual([
        // Ben: 30,000 + 5,000; 35/30; won 2 of 4; cycles 28, 18 → 23.
        { owner_id: ben, name: 'Ben', team: 'north', won_deals: 2, revenue: 35_000, quota: 30_000, reached: 35_000 / 30_000, lost_deals: 2, win_rate: 0.5, avg_deal: 17_500, median_cycle_days: 23 },
        // Ana: 20,000 + 10,000 against 30,000; won 2 of 3; cycles 60, 32 → 46. (February's 50,000 is not March's.)
        { owner_id: ana, name: 'Ana', team: 'north', won_deals: 2, revenue: 30_000, quota: 30_000, reached: 1, lost_deals: 1, win_rate: 2 / 3, avg_deal: 15_000, median_cycle_days: 46 },
        // Cara: no March quota of her own → a third of Q1's 36,000 = 12,000; 15,000 / 12,000 = 1.25.
        { owner_id: cara, name: 'Cara', team: 'south', won_deals: 1, revenue: 15_000, quota: 12_000, reached: 1.25, lost_deals: 1, win_rate: 0.5, avg_deal: 15_000, median_cycle_days: 98 },
        { owner_id: null, name: null, team: null, won_deals: 1, revenue: 4_000, quota: null, reached: null, lost_deals: 0, win_rate: 1, avg_deal: 4_000, median_cycle_days: null },
        // Dan has a quota and nothing closed: still listed.
        { owner_id: dan, name: 'Dan', team: 'south', won_deals: 0, revenue: 0, quota: 10_000, reached: 0, lost_deals: 0, win_rate: null, avg_deal: null, median_cycle_days: null },
      ]);

      // The flat table: same columns on every row.
      const rows = salesReportRows(r);
      const cols = Object.keys(rows[0]!);
      expect(rows.every((row) => Object.keys(row).join() === cols.join())).toBe(true);
      // Shown as "84.0%" in a terminal, the figures are numbers underneath (CSV, JSON).
      const closed = rows.find((row) => row.item === 'closed')!;
      expect(Object.fromEntries(['deals', 'amount', 'quota', 'share'].map((k) => [k, String(closed[k])]))).toEqual({ deals: '6', amount: '84000', quota: '100000', share: '84.0%' });
      expect(JSON.parse(JSON.stringify(closed))).toMatchObject({ deals: 6, amount: 84000, quota: 100000, share: 0.84 });
    } finally {
      await t.cleanup();
    }
  });

  it("takes a third of the quarter's quota for a month without its own, and reports a month with none", async () => {
    const t = await createTestDb(backend);
    try {
      const { ana, cara } = await seed(t.db);
      const clock = fixedClock('2026-06-01T00:00:00Z');

      // February: no 2026-02 quotas → Q1 teams (180,000 + 120,000) / 3 = 100,000; the month is over.
      const feb = await salesReport(t.db, clock, '2026-02');
      expect(feb.quota).toEqual({ total: 100_000, source: 'quarter', months: [{ month: '2026-02', total: 100_000, source: 'quarter', share: 1 }] });
      expect(feb.waterfall.days).toHaveLength(28);
      expect(feb.waterfall.days[27]).toEqual({ day: '2026-02-28', won_deals: 1, revenue: 50_000, cumulative_revenue: 50_000, pace: 100_000 });
      expect(feb.waterfall).toMatchObject({ closed: 50_000, reached: 0.5, gap: 50_000, today: { pace: 100_000, ratio: 0.5, status: 'behind' }, projection: { revenue: 50_000, reached: 0.5 } });
      expect(feb.reps).toEqual([
        { owner_id: ana, name: 'Ana', team: 'north', won_deals: 1, revenue: 50_000, quota: null, reached: null, lost_deals: 0, win_rate: 1, avg_deal: 50_000, median_cycle_days: null },
        { owner_id: cara, name: 'Cara', team: 'south', won_deals: 0, revenue: 0, quota: 12_000, reached: 0, lost_deals: 0, win_rate: null, avg_deal: null, median_cycle_days: null },
      ]);
      expect(feb.cycle.lead_to_customer.overall).toEqual({ deals: 0, median_days: null, mean_days: null, unmeasured: 1 });

      // May: no quota for the month nor for Q2 → null, not an error; 9,000 closed (close_date only).
      const may = await salesReport(t.db, clock, '2026-05');
      expect(may.quota).toEqual({ total: null, source: null, months: [{ month: '2026-05', total: null, source: null, share: 1 }] });
      expect(may.waterfall).toMatchObject({ closed: 9_000, reached: null, gap: null, today: { pace: null, ratio: null, status: 'no_quota' }, projection: { revenue: 9_000, reached: null } });
      expect(may.waterfall.days[9]).toEqual({ day: '2026-05-10', won_deals: 1, revenue: 9_000, cumulative_revenue: 9_000, pace: null });
      expect(may.waterfall.days.every((d) => d.pace === null)).toBe(true);
      expect(may.reps).toEqual([{ owner_id: cara, name: 'Cara', team: 'south', won_deals: 1, revenue: 9_000, quota: null, reached: null, lost_deals: 0, win_rate: 1, avg_deal: 9_000, median_cycle_days: null }]);
      expect(salesReportRows(may).length).toBeGreaterThan(31);

      // An empty month with no quota: all zeros and nulls.
      const empty = await salesReport(t.db, fixedClock('2025-01-01T00:00:00Z'), '2025-07');
      expect(empty).toMatchObject({ quota: { total: null, source: null }, waterfall: { closed: 0, reached: null, gap: null, projection: { revenue: null } }, win_loss: { win_rate: null, by_reason: [] }, reps: [] });

      await expect(salesReport(t.db, clock, '2026-13')).rejects.toThrow(/month/);
    } finally {
      await t.cleanup();
    }
  });
});
