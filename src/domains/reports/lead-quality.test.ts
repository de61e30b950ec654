import { describe, expect, it } from 'vitest';
import { runReport } from '../../reports/report-registry.js';
import { fixedClock } from '../../shared/clock.js';
import { asOf, day, october, seedLeadQuality } from '../../testing/lead-quality-history.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { setGoal } from '../goals/goals.js';
import { influencedRevenue } from '../marketing-sla/influenced-revenue.js';
import { leadQualityReport, mqlDefinitionPerformance, type LeadQualityReport } from './lead-quality.js';

const group = (r: LeadQualityReport, dimension: string, label: string) => r.dimensions.find((d) => d.dimension === dimension)!.groups.find((g) => g.label === label);
const figures = (g: { mqls: number; rejected: number; recycled: number; flagged: boolean } | undefined) => g && [g.mqls, g.rejected, g.recycled, g.flagged];

describe.each(testBackends())('lead quality on %s', (backend) => {
  it('files each rejection under the campaign and clause of its MQL episode, with rates, flags, reasons and trend', { timeout: 300_000 }, async () => {
    const t = await createTestDb(backend);
    try {
      const ids = await seedLeadQuality(t.db);
      const r = await leadQualityReport(t.db, october, { asOf });
      expect(r.total).toEqual({ mqls: 42, rejected: 13, recycled: 2, rejection_rate: 13 / 42, recycle_rate: 2 / 42 });

      // The rejection appears under its campaign and its clause.
      expect(figures(group(r, 'campaign', 'Autumn webinars'))).toEqual([12, 8, 1, true]);
      expect(group(r, 'campaign', 'Autumn webinars')!.key).toBe(String(ids.autumn));
      // X's first episode (rejected) stays under the webinar clause of version 2; its second,
      // known only from the contact's columns, is under version 3's clause, not rejected.
      expect(figures(group(r, 'clause', 'Attended a webinar (version 2)'))).toEqual([13, 9, 1, true]);
      expect(figures(group(r, 'clause', 'Demo request (version 3)'))).toEqual([1, 0, 0, false]);
      expect(figures(group(r, 'clause', 'Asked for a demo (version 2)'))).toEqual([25, 1, 1, false]);
      expect(figures(group(r, 'clause', 'No clause recorded (imported or set by hand)'))).toEqual([3, 3, 0, false]);
      expect(figures(group(r, 'version', 'Version 2'))).toEqual([38, 10, 2, false]);
      expect(figures(group(r, 'mql_type', 'Webinar'))).toEqual([13, 9, 1, true]);
      expect(figures(group(r, 'mql_type', 'Unspecified'))).toEqual([3, 3, 0, false]);
      expect(figures(group(r, 'source_detail', 'Paid Social · facebook'))).toEqual([12, 8, 1, true]);
      expect(figures(group(r, 'rep', 'Ana Reyes'))).toEqual([12, 8, 1, true]);
      expect(figures(group(r, 'rep', 'Unassigned'))).toEqual([5, 4, 0, false]);

      // 8 of 12: Wilson 95 % interval 39.1 % to 86.2 %, its low end above the 31.0 % average.
      const a = group(r, 'campaign', 'Autumn webinars')!;
      expect(a.interval![0]).toBeCloseTo(0.3906, 4);
      expect(a.interval![1]).toBeCloseTo(0.8619, 4);
      expect(a.top_reason).toBe('bad_fit');
      expect(a.top_reason_count).toBe(6);
      // The trade-show MQLs: 3 of 3 rejected (interval from 43.9 %), but 3 is below the minimum sample.
      const events = group(r, 'channel', 'Events')!;
      expect(events.interval![0]).toBeCloseTo(0.4385, 4);
      expect(events.flagged).toBe(false);
      expect(r.flagged.map((g) => `${g.dimension}:${g.label}`)).toEqual([
        'mql_type:Webinar', 'channel:Paid Social', 'source_detail:Paid Social · facebook', 'campaign:Autumn webinars', 'clause:Attended a webinar (version 2)', 'rep:Ana Reyes',
      ]);
      const small = await leadQualityReport(t.db, october, { asOf, minSample: 3 });
      expect(small.flagged.map((g) => `${g.dimension}:${g.label}`)).toContain('channel:Events');
      expect(small.flagged.map((g) => `${g.dimension}:${g.label}`)).toContain('clause:No clause recorded (imported or set by hand)');

      expect(r.reasons).toEqual([
        { reason: 'bad_fit', rejected: 7, share: 7 / 13 },
        { reason: 'unreachable', rejected: 3, share: 3 / 13 },
        { reason: 'no_interest', rejected: 2, share: 2 / 13 },
        { reason: 'duplicate', rejected: 1, share: 1 / 13 },
      ]);

      const two = await leadQualityReport(t.db, { from: new Date('2026-09-01T00:00:00Z'), to: october.to }, { asOf });
      expect(two.trend.map((m) => [m.month, m.mqls, m.rejected, m.recycled])).toEqual([['2026-09', 1, 0, 0], ['2026-10', 42, 13, 2]]);
      // Outcomes after asOf do not count: by noon on 10 October, four of A's rejections, one of C's and X's had happened.
      const early = await leadQualityReport(t.db, october, { asOf: day(10) });
      expect(early.total.rejected).toBe(4 + 1 + 1);
    } finally {
      await t.cleanup();
    }
  });

  it('measures each MQL-definition clause and version: accepted, rejected, customers, close rate, value per MQL, days to customer', { timeout: 300_000 }, async () => {
    const t = await createTestDb(backend);
    try {
      await seedLeadQuality(t.db);
      const d = await mqlDefinitionPerformance(t.db, october, { asOf });
      const pick = ({ label, mqls, accepted, rejected, customers, revenue, close_rate, value_per_mql, median_days_to_customer }: typeof d.all) =>
        ({ label, mqls, accepted, rejected, customers, revenue, close_rate, value_per_mql, median_days_to_customer });
      expect(d.clauses.map(pick)).toEqual([
        { label: 'Demo request (version 3)', mqls: 1, accepted: 0, rejected: 0, customers: 0, revenue: 0, close_rate: 0, value_per_mql: 0, median_days_to_customer: null },
        { label: 'Asked for a demo (version 2)', mqls: 25, accepted: 3, rejected: 1, customers: 2, revenue: 30_000, close_rate: 0.08, value_per_mql: 1_200, median_days_to_customer: 20 },
        { label: 'Attended a webinar (version 2)', mqls: 13, accepted: 0, rejected: 9, customers: 0, revenue: 0, close_rate: 0, value_per_mql: 0, median_days_to_customer: null },
        { label: 'No clause recorded (imported or set by hand)', mqls: 3, accepted: 0, rejected: 3, customers: 0, revenue: 0, close_rate: 0, value_per_mql: 0, median_days_to_customer: null },
      ]);
      expect(d.versions.map((v) => [v.label, v.since, v.mqls, v.accepted, v.rejected, v.customers, v.value_per_mql])).toEqual([
        ['Version 3', '2026-10-15', 1, 0, 0, 0, 0],
        ['Version 2', '2026-06-01', 38, 3, 10, 2, 789.47],
        ['No definition recorded', null, 3, 0, 3, 0, 0],
      ]);
      expect(pick(d.all)).toMatchObject({ mqls: 42, accepted: 3, rejected: 13, customers: 2, revenue: 30_000, median_days_to_customer: 20 });
    } finally {
      await t.cleanup();
    }
  });

  it('counts the revenue marketing influenced against goal × influenced share, in the SLA and monthly marketing reports', { timeout: 300_000 }, async () => {
    const t = await createTestDb(backend);
    try {
      await seedLeadQuality(t.db);
      const clock = fixedClock(asOf.toISOString());
      await setGoal({ db: t.db, clock, actor: { type: 'system' } }, '2026-10', { revenue_goal: 100_000, marketing_sourced_share: 0.5, marketing_influenced_share: 0.4 });
      const goal = { revenue_goal: 100_000, marketing_influenced_share: 0.4 };
      // 30,000 won in October; the 10,000 customer had a visit before the sale, the 20,000 one no touch.
      expect(await influencedRevenue(t.db, october, goal)).toEqual({
        lookback_days: 365, revenue: 30_000, customers: 2, influenced_revenue: 10_000, influenced_customers: 1,
        share_of_revenue: 1 / 3, target: 40_000, influenced_share: 0.4, share_of_target: 0.25,
      });
      expect((await influencedRevenue(t.db, october, { revenue_goal: 100_000, marketing_influenced_share: null })).target).toBeNull();

      const sla = (await runReport(t.db, clock, 'marketing-sla', { month: '2026-10' })).data as { influenced: { influenced_revenue: number; target: number } };
      expect(sla.influenced).toMatchObject({ influenced_revenue: 10_000, target: 40_000, share_of_target: 0.25 });

      const monthly = await runReport(t.db, clock, 'marketing', { month: '2026-10' });
      const data = monthly.data as { lead_quality: LeadQualityReport; influenced: { influenced_revenue: number } };
      expect(data.lead_quality.total.rejected).toBe(13);
      expect(data.lead_quality.flagged.find((g) => g.dimension === 'campaign')?.label).toBe('Autumn webinars');
      expect(data.influenced.influenced_revenue).toBe(10_000);
      expect(monthly.rows.find((row) => row.section === 'lead quality')?.name).toContain('42 MQLs · rejected 13 (31.0%)');

      const csv = await runReport(t.db, clock, 'lead-quality', { month: '2026-10' });
      expect(csv.rows.find((row) => row.section === 'Campaign' && row.group === 'Autumn webinars')).toMatchObject({ mqls: 12, rejected: 8, flagged: 'yes', top_reason: 'bad_fit' });
      const def = await runReport(t.db, clock, 'mql-definition', { month: '2026-10' });
      expect(def.rows.find((row) => row.section === 'clause' && row.name === 'Asked for a demo (version 2)')).toMatchObject({ mqls: 25, accepted: 3, rejected: 1, customers: 2 });
    } finally {
      await t.cleanup();
    }
  });
});
