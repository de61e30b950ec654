import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { importMqls } from '../../testing/imported-mqls.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { setGoal } from '../goals/goals.js';
import { leadWaterfall } from './marketing-sla.js';
import { measuredMqlValues, mqlValueTable, setMqlValueOverride, valuesForMonth } from './mql-value.js';

describe.each(testBackends())('value per MQL and the marketing SLA on %s', (backend) => {
  it("computes PRODUCT.md's value table from the closed loop (webinar = 1,500), with sample sizes and overrides", async () => {
    const t = await createTestDb(backend);
    try {
      await importMqls(t.db, 'whitepaper', 100, '2025-06-10T10:00:00Z', 1, 160_000);
      await importMqls(t.db, 'webinar', 200, '2025-06-10T10:00:00Z', 3, 300_000);
      await importMqls(t.db, 'online_demo', 50, '2025-06-10T10:00:00Z', 1, 150_000);
      await importMqls(t.db, 'trade_show', 100, '2025-06-10T10:00:00Z', 1, 125_000);
      await importMqls(t.db, 'contact_sales', 10, '2025-06-10T10:00:00Z', 1, 110_000);
      const w = { from: new Date('2025-06-01T00:00:00Z'), to: new Date('2025-07-01T00:00:00Z') };
      const rows = await measuredMqlValues(t.db, w, new Date('2026-01-01T00:00:00Z'));
      const byType = Object.fromEntries(rows.map((r) => [r.mql_type, r]));
      expect(byType.whitepaper).toMatchObject({ mqls: 100, customers: 1, close_rate: 0.01, avg_revenue_per_customer: 160_000, value: 1_600 });
      expect(byType.webinar).toMatchObject({ mqls: 200, customers: 3, close_rate: 0.015, avg_revenue_per_customer: 100_000, value: 1_500 });
      expect(byType.online_demo).toMatchObject({ value: 3_000 });
      expect(byType.trade_show).toMatchObject({ value: 1_250 });
      expect(byType.contact_sales).toMatchObject({ close_rate: 0.1, value: 11_000 });
      // Outcomes after asOf do not count: before the deals closed, nothing was won yet.
      const early = await measuredMqlValues(t.db, w, new Date('2025-07-01T00:00:00Z'));
      expect(early.every((r) => r.customers === 0 && r.value === 0)).toBe(true);

      await setMqlValueOverride({ db: t.db, clock: fixedClock('2026-01-01T00:00:00Z'), actor: { type: 'system' } }, 'webinar', 2_000);
      const table = await mqlValueTable(t.db, w, new Date('2026-01-01T00:00:00Z'));
      expect(table.find((r) => r.mql_type === 'webinar')).toMatchObject({ value: 2_000, measured: 1_500, override: 2_000, source: 'override' });
      expect(table.find((r) => r.mql_type === 'newsletter')).toMatchObject({ value: 0, source: 'default' });
      await expect(setMqlValueOverride({ db: t.db, clock: fixedClock('2026-01-01T00:00:00Z'), actor: { type: 'system' } }, 'podcast', 5)).rejects.toThrow(/mql_type/);
    } finally {
      await t.cleanup();
    }
  });

  it('tracks the month against its target day by day, linear and by working days, with status and projection', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-03-16T00:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'system' as const } };
      await setGoal(ctx, '2026-03', { revenue_goal: 400_000, marketing_sourced_share: 0.5 });
      await setMqlValueOverride(ctx, 'webinar', 1_500);
      await setMqlValueOverride(ctx, 'contact_sales', 11_000);
      // The mix of the three months before: half webinars, half contact-sales → 6,250 per MQL.
      await importMqls(t.db, 'webinar', 10, '2026-02-10T10:00:00Z');
      await importMqls(t.db, 'contact_sales', 10, '2026-02-11T10:00:00Z');
      await importMqls(t.db, 'webinar', 20, '2026-03-02T10:00:00Z');
      await importMqls(t.db, 'contact_sales', 5, '2026-03-03T10:00:00Z');

      const linear = await leadWaterfall(t.db, clock, '2026-03', 'linear');
      expect(linear.target).toMatchObject({ value: 200_000, mqls: 32, average_value_per_mql: 6_250 });
      expect(linear.delivered).toEqual({ mqls: 25, value: 85_000, share_of_target: 0.425 });
      // 15 of 31 days gone: pace 200,000 × 15/31 = 96,774.19; 85,000 / 96,774.19 = 0.878 → behind.
      expect(linear.today.pace_value).toBeCloseTo(96_774.19, 2);
      expect(linear.today.status).toBe('behind');
      expect(linear.projection.value).toBeCloseTo(175_666.67, 2);
      expect(linear.days).toHaveLength(31);
      expect(linear.days[2]).toMatchObject({ day: '2026-03-03', mqls: 5, cumulative_mqls: 25, cumulative_value: 85_000 });
      expect(linear.days[20]).toMatchObject({ day: '2026-03-21', cumulative_value: null });
      expect(linear.days[30]!.pace_value).toBe(200_000);
      // March 2026 has 22 working days, 10 of them by the 15th: pace 90,909.09, still behind.
      const working = await leadWaterfall(t.db, clock, '2026-03', 'working_days');
      expect(working.today.pace_value).toBeCloseTo(90_909.09, 2);
      expect(working.today.status).toBe('behind');
      expect(working.days[0]!.pace_value).toBe(0); // Sunday 1 March: no working time, no pace.

      // A quarter goal gives each month a third.
      await setGoal(ctx, '2026-Q2', { revenue_goal: 900_000, marketing_sourced_share: 0.4 });
      clock.set('2026-04-10T00:00:00Z');
      expect((await leadWaterfall(t.db, clock, '2026-04')).target.value).toBe(120_000);
      await expect(leadWaterfall(t.db, clock, '2026-07')).rejects.toThrow(/No revenue goal is set for July 2026/);
      await expect(setGoal(ctx, '2026-05', { revenue_goal: 0, marketing_sourced_share: 1.5 })).rejects.toThrow(/Revenue goal must be more than 0.*Marketing-sourced share must be at most 1/);
    } finally {
      await t.cleanup();
    }
  });

  it("freezes a closed month's values the first time it is reported", async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-03-05T00:00:00Z');
      await importMqls(t.db, 'webinar', 100, '2025-06-10T10:00:00Z', 1, 100_000);
      const feb = await valuesForMonth(t.db, clock, '2026-02');
      expect(feb.get('webinar')).toEqual({ value: 1_000, source: 'measured' });
      // A later deal changes today's value, not February's.
      await importMqls(t.db, 'webinar', 1, '2025-06-11T10:00:00Z', 1, 100_000);
      expect((await valuesForMonth(t.db, clock, '2026-02')).get('webinar')).toEqual({ value: 1_000, source: 'measured' });
      expect((await valuesForMonth(t.db, clock, '2026-03')).get('webinar')!.value).toBeCloseTo(200_000 / 101, 2);
    } finally {
      await t.cleanup();
    }
  });
});
