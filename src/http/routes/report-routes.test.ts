import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('reports by name on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-16T10:00:00Z');
    h = await t.as('admin');
    await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'a@acme.com', original_source: 'Paid Search', lifecycle_stage: 'lead' } });
  });
  afterAll(() => t.cleanup());

  it('lists every report, and refuses a name that is not one with 400 naming the known ones', async () => {
    const list = (await t.app.inject({ method: 'GET', url: '/api/reports', headers: h })).json();
    expect(list.reports.map((r: { name: string }) => r.name)).toEqual(expect.arrayContaining(['sources', 'sla', 'attempts', 'marketing-sla', 'attribution', 'planner']));
    const bad = await t.app.inject({ method: 'GET', url: '/api/reports/profit', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/There is no report "profit"; try one of .*sources/);
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/profit/csv', headers: h })).statusCode).toBe(400);
  });

  it('defuses formula-looking cells in a CSV export', async () => {
    const { rowsToCsv } = await import('../../reports/report-registry.js');
    expect(rowsToCsv([{ lead: '=HYPERLINK("http://x")', n: -5 }])).toBe('lead,n\n"\'=HYPERLINK(""http://x"")",-5\n');
  });

  it('a month that does not parse is a 400 naming month', async () => {
    for (const url of ['/api/reports/sources?month=2026-13', '/api/reports/sources/csv?month=March', '/api/reports/waterfall?month=26-03']) {
      const res = await t.app.inject({ method: 'GET', url, headers: h });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().errors[0].field).toBe('month');
    }
  });

  it("exports the planner with entered rates: PRODUCT.md's 200,000 € → 10 customers, 40 SQLs, 100 MQLs, 500 leads, 25,000 visits", async () => {
    const q = 'goal=200000&visitToLead=0.02&leadToMql=0.2&mqlToSql=0.4&sqlToCustomer=0.25&averageContractSize=20000';
    const res = await t.app.inject({ method: 'GET', url: `/api/reports/planner/csv?${q}`, headers: h });
    expect(res.statusCode).toBe(200);
    const lines = res.body.trimEnd().split('\n');
    const needed = Object.fromEntries(lines.slice(1, 6).map((l) => l.split(',').slice(0, 2)));
    expect(needed).toEqual({ customers: '10', sqls: '40', mqls: '100', leads: '500', visits: '25000' });
    expect(lines.slice(1, 6).every((l) => l.includes(',entered,'))).toBe(true);
  });

  it('exports any report as CSV with the same numbers as its data', async () => {
    const data = (await t.app.inject({ method: 'GET', url: '/api/reports/sources?month=2026-03', headers: h })).json();
    const res = await t.app.inject({ method: 'GET', url: '/api/reports/sources/csv?month=2026-03', headers: h });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="sources-2026-03-01-to-2026-03-31.csv"');
    const [header, ...lines] = res.body.trim().split('\n');
    // Shares are ratios, numbers a spreadsheet computes with, in columns named as rates.
    expect(header).toBe('channel,visits,contacts,customers,visit→contact rate,contact→customer rate');
    const paid = lines.find((l) => l.startsWith('Paid Search,'))!;
    const row = data.channels.find((c: { channel: string }) => c.channel === 'Paid Search');
    const ratio = (v: number | null) => (v === null ? '' : String(+v.toFixed(4)));
    expect(paid.split(',').slice(1, 4).map(Number)).toEqual([row.visits, row.contacts, row.customers]);
    expect(paid.split(',').slice(4, 6)).toEqual([ratio(row.visit_to_contact), ratio(row.contact_to_customer)]);
    expect(paid).not.toContain('%');
    // Exports need the export permission, as record exports do.
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/reports/sources/csv', headers: viewer })).statusCode).toBe(403);
  });
});
