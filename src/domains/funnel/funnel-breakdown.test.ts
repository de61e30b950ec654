import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { funnelBreakdown } from './funnel-breakdown.js';

describe.each(testBackends())('funnel by cohort month, channel, MQL type and segment on %s', (backend) => {
  it('gives each group its reach, conversions and median days, with samples', async () => {
    const t = await createTestDb(backend);
    try {
      const [small] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, domain, segment) VALUES ('S', 's.test', 'small') RETURNING id`);
      const contact = async (email: string, created: string, source: string, mqlType: string | null, companyId: number | null, path: [string, string][]) => {
        const [c] = await t.db.query<{ id: number }>(
          `INSERT INTO contacts (email, email_normalized, created_at, original_source, mql_type, company_id, lifecycle_stage) VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id`,
          [email, created, source, mqlType, companyId, path[path.length - 1]![0]],
        );
        let from: string | null = null;
        for (const [stage, at] of path) {
          await t.db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, 'import', $4, 'import')`, [c!.id, from, stage, at]);
          from = stage;
        }
      };
      // January, Paid Search: one goes lead → MQL (10 days) → SQL (4 days); one stays a lead.
      await contact('a@x.test', '2026-01-05T00:00:00Z', 'Paid Search', 'webinar', small!.id, [['lead', '2026-01-05T00:00:00Z'], ['mql', '2026-01-15T00:00:00Z'], ['sql', '2026-01-19T00:00:00Z']]);
      await contact('b@x.test', '2026-01-20T00:00:00Z', 'Paid Search', null, null, [['lead', '2026-01-20T00:00:00Z']]);
      // February, Organic Search: lead → MQL in 2 days, skipping straight to customer.
      await contact('c@x.test', '2026-02-03T00:00:00Z', 'Organic Search', 'webinar', small!.id, [['lead', '2026-02-03T00:00:00Z'], ['mql', '2026-02-05T00:00:00Z'], ['customer', '2026-03-01T00:00:00Z']]);
      const w = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z') };

      const byMonth = await funnelBreakdown(t.db, w, 'month');
      expect(byMonth.groups.map((g) => [g.group, g.contacts, g.reached.lead, g.reached.mql, g.reached.sql, g.reached.customer])).toEqual([
        ['2026-01', 2, 2, 1, 1, 0],
        ['2026-02', 1, 1, 1, 1, 1], // the skip to customer counts as passing through SQL
      ]);
      const jan = byMonth.groups[0]!.conversions;
      expect(jan.find((c) => c.from === 'lead')).toEqual({ from: 'lead', to: 'mql', rate: 0.5, median_days: 10, sample: 1 });
      expect(jan.find((c) => c.from === 'mql')).toEqual({ from: 'mql', to: 'sql', rate: 1, median_days: 4, sample: 1 });

      const byType = await funnelBreakdown(t.db, w, 'mql_type');
      expect(byType.groups.map((g) => [g.group, g.label, g.contacts])).toEqual([['webinar', 'Webinar', 2], ['(never an MQL)', '(never an MQL)', 1]]);
      expect(byType.groups[0]!.conversions.find((c) => c.from === 'lead')).toMatchObject({ rate: 1, median_days: 6, sample: 2 });

      const bySegment = await funnelBreakdown(t.db, w, 'segment');
      expect(bySegment.groups.map((g) => [g.group, g.label, g.contacts])).toEqual([['small', 'Small', 2], ['(none)', '(none)', 1]]);
      const byChannel = await funnelBreakdown(t.db, w, 'channel');
      expect(byChannel.groups.map((g) => [g.group, g.contacts, g.reached.customer])).toEqual([['Paid Search', 2, 0], ['Organic Search', 1, 1]]); // biggest first
      await expect(funnelBreakdown(t.db, w, 'colour')).rejects.toThrow(/Dimension must be one of month, channel, source_detail, segment, industry, country, mql_type, property.<name>/);
    } finally {
      await t.cleanup();
    }
  });
});
