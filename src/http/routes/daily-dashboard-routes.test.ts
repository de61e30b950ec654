import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import { createUser } from '../../domains/crm/users.js';
import { dailyRep, dailySalesManager } from '../../domains/rituals/daily-dashboards.js';
import { saveWorkspaceSettings } from '../../domains/workspace/workspace-settings.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('daily dashboard routes on %s', (backend) => {
  let t: TestApp;
  let rae: number;
  let auth: { authorization: string };

  beforeAll(async () => {
    // 23:30 UTC on 13 October is already the 14th in Madrid.
    t = await createTestApp(backend, '2026-10-13T23:30:00Z', { processEvents: false, publicUrl: 'https://crm.example.com' });
    await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
    rae = (await createUser(t.db, { name: 'Rae Rep', email: 'rae@daily-routes.test', role: 'sales_rep' })).id;
    auth = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'rae', role: 'sales_rep', user_id: rae })).token}` };
  });
  afterAll(() => t.cleanup());

  it("answers the domain's document for today in the workspace's zone, field for field, as JSON, a page and a PDF", async () => {
    const asRae = { db: t.db, clock: t.clock, actor: { type: 'api' as const, id: String(rae), role: 'sales_rep' as const } };
    const json = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/rep', headers: auth });
    expect(json.statusCode).toBe(200);
    expect(json.json()).toEqual(JSON.parse(JSON.stringify(await dailyRep(asRae, { day: '2026-10-14', userId: rae }))));
    expect(json.json()).toMatchObject({ kind: 'daily_rep', period: '2026-10-14' });
    const sales = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/sales-manager?day=2026-10-13', headers: auth });
    expect(sales.json()).toEqual(JSON.parse(JSON.stringify(await dailySalesManager(asRae, { day: '2026-10-13' }))));

    const page = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/rep.html', headers: auth });
    expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(page.body).toContain('Your lead queue');
    expect(page.body).toContain('https://crm.example.com/queue');
    const pdf = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/marketing.pdf?day=2026-10-14', headers: auth });
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="daily-marketing-2026-10-14.pdf"');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('refuses a day that is not one, or has not begun, naming it', async () => {
    const bad = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/marketing?day=14-10-2026', headers: auth });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'day', problem: 'must be a date YYYY-MM-DD, e.g. 2026-03-31' }]);
    const future = await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/sales-manager?day=2026-10-15', headers: auth });
    expect(future.json().errors).toEqual([{ field: 'day', problem: 'has not begun yet in Europe/Madrid: a dashboard shows a day that has started' }]);
    expect((await t.app.inject({ method: 'GET', url: '/api/daily-dashboards/rep?user_id=abc', headers: auth })).statusCode).toBe(400);
  });
});
