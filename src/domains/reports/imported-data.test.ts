// Issue 6: the reports must work on a company's own history, imported as two plain CSV files —
// MQLs (first-contact date, landing page, origin, MQL date) and won deals (dates, segment,
// revenue) — with no tracking data at all.
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runReport } from '../../reports/report-registry.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { importCsv } from '../crm/csv-import/import-csv.js';
import { defineProperty } from '../crm/properties.js';

const mqls = `Email,Create Date,Landing page,Original Source,Became a Marketing Qualified Lead Date
ana@acme.com,2026-01-05,/pricing,Paid Search,2026-01-10
ben@beta.io,2026-01-06,/blog/sla,Organic Search,2026-01-12
cai@gamma.com,2026-01-07,/pricing,Paid Search,2026-01-15
dee@delta.com,2026-01-08,/webinar,Organic Search,2026-01-20
eve@epsilon.com,2026-01-09,/demo,Paid Search,2026-01-25
fay@zeta.com,2026-01-10,/blog/funnel,Referral,2026-01-26
`;
// Won deals: amounts and close dates only, the segment on the deal (no company data).
const deals = `Deal Name,Deal Stage,Amount,Close Date,Segment,Contact Email
Acme,Closed Won,30000,2026-03-11,enterprise,ana@acme.com
Gamma,Closed Won,12000,2026-03-20,small,cai@gamma.com
Beta,Closed Won,8000,2026-03-09,small,ben@beta.io
`;

describe.each(testBackends())('reports on imported CSVs only on %s', (backend) => {
  it('gives close rates by source and the sales cycle by segment', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-04-02T10:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'import' as const } };
      await defineProperty(t.db, { object_type: 'contact', name: 'landing_page', label: 'Landing page', type: 'string' });
      await importCsv(ctx, 'contacts', Readable.from([mqls]), { map: ['Landing page=properties.landing_page'] });
      await importCsv(ctx, 'deals', Readable.from([deals]));

      // Close rate by source: MQL → customer per original source.
      const byChannel = (await runReport(t.db, clock, 'funnel-breakdown', { from: '2026-01-01', to: '2026-01-31', dimension: 'channel' })).data as {
        groups: { group: string; reached: Record<string, number> }[];
      };
      const rate = (g: { reached: Record<string, number> }) => g.reached.customer! / g.reached.mql!;
      const by = Object.fromEntries(byChannel.groups.map((g) => [g.group, g]));
      expect(by['Paid Search']!.reached.mql).toBe(3);
      expect(rate(by['Paid Search']!)).toBeCloseTo(2 / 3, 10);
      expect(rate(by['Organic Search']!)).toBe(0.5);
      expect(rate(by.Referral!)).toBe(0);

      // Sales cycle by segment for March's deals, from the first contact (Create Date) and from the MQL date.
      const sales = (await runReport(t.db, clock, 'sales', { month: '2026-03' })).data as {
        waterfall: { closed: number };
        cycle: { lead_to_customer: { overall: { deals: number; median_days: number }; by_segment: { segment: string; deals: number; median_days: number }[] }; mql_to_customer: { by_segment: { segment: string; median_days: number }[] } };
      };
      expect(sales.waterfall.closed).toBe(50_000);
      const seg = Object.fromEntries(sales.cycle.lead_to_customer.by_segment.map((s) => [s.segment, s]));
      // ana: 5 Jan → 11 Mar noon = 65.5 days; small: ben 6 Jan → 9 Mar (62.5), cai 7 Jan → 20 Mar (72.5).
      expect(seg.enterprise).toMatchObject({ deals: 1, median_days: 65.5 });
      expect(seg.small).toMatchObject({ deals: 2, median_days: 67.5 });
      const mqlSeg = Object.fromEntries(sales.cycle.mql_to_customer.by_segment.map((s) => [s.segment, s]));
      // ana 10 Jan → 11 Mar noon = 60.5; ben 12 Jan → 9 Mar = 56.5, cai 15 Jan → 20 Mar = 64.5 → 60.5.
      expect(mqlSeg.enterprise!.median_days).toBe(60.5);
      expect(mqlSeg.small!.median_days).toBe(60.5);
    } finally {
      await t.cleanup();
    }
  });
});
