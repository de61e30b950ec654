import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// The "done when": a suppressed contact is absent from the marketing audience export, and
// the email and ad tools can read the suppression list (API and CSV).
describe.each(testBackends())('suppression over HTTP (%s)', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let marketing: Record<string, string>;
  const ids: Record<string, number> = {};
  const get = (url: string, headers = admin) => t.app.inject({ method: 'GET', url, headers });
  const emails = (csv: string) => csv.trim().split('\n').slice(1).map((l) => l.split(',')[1]).sort();

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-02T09:00:00Z');
    admin = await t.as('admin');
    marketing = await t.as('marketing');
    // Blank contacts score in the suppress quadrant: with automatic suppression off, only people suppress here.
    const off = await t.app.inject({ method: 'PUT', url: '/api/settings/suppression', headers: admin, payload: { auto_suppress: false } });
    expect(off.statusCode, off.body).toBe(200);
    for (const k of ['ana', 'bob', 'cy']) {
      const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: `${k}@example.test`, external_id: `crm-${k}`, external_source: 'hubspot' } });
      expect(res.statusCode, res.body).toBe(201);
      ids[k] = (res.json() as { id: number }).id;
    }
  }, 120_000);
  afterAll(() => t.cleanup());

  it('refuses a suppression without a reason, naming the field, and writes nothing', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/contacts/${ids.bob}/suppression`, headers: marketing, payload: { reason: '  ' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ field: 'reason', problem: 'must say why (it is shown on the suppression list)' }]);
    expect((await get(`/api/contacts/${ids.bob}/suppression`)).json()).toEqual({ suppression: null });
  });

  it('leaves a suppressed contact out of the marketing audience export, and keeps them in the full contacts export', async () => {
    const res = await t.app.inject({ method: 'POST', url: `/api/contacts/${ids.bob}/suppression`, headers: marketing, payload: { reason: 'Asked not to be emailed' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ source: 'manual', reason: 'Asked not to be emailed', suppressed_at: '2026-03-02T09:00:00.000Z' });
    const audience = await get('/api/audience/export?format=csv');
    expect(audience.statusCode).toBe(200);
    expect(audience.headers['content-disposition']).toBe('attachment; filename="marketing-audience.csv"');
    expect(emails(audience.body)).toEqual(['ana@example.test', 'cy@example.test']);
    expect(emails((await get('/api/export/contacts?format=csv')).body)).toEqual(['ana@example.test', 'bob@example.test', 'cy@example.test']);
    // With the list's filters: the picked rows, still without the suppressed.
    expect(emails((await get(`/api/audience/export?ids=${ids.ana},${ids.bob}`)).body)).toEqual(['ana@example.test']);
    const page = (await get('/api/audience?sort=email')).json() as { data: { email: string; suppressed: boolean }[]; total: number };
    expect([page.total, page.data.map((c) => c.email)]).toEqual([2, ['ana@example.test', 'cy@example.test']]);
    expect((await get('/api/audience?suppressed=true')).statusCode).toBe(400);
  });

  it('lists the suppressed for the email and ad tools: the API pages, the CSV holds email and external id', async () => {
    await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/suppress', headers: admin, payload: { contact_ids: [ids.cy, ids.bob], reason: 'Competitor' } });
    const first = (await get('/api/reports/suppressions?sort=name&limit=1')).json() as { data: { email: string; source: string; reason: string }[]; next_cursor: string };
    expect(first.data).toMatchObject([{ email: 'bob@example.test', source: 'manual', reason: 'Asked not to be emailed' }]);
    const second = (await get(`/api/reports/suppressions?sort=name&limit=1&cursor=${first.next_cursor}`)).json() as { data: { email: string; reason: string }[]; next_cursor: string | null };
    expect([second.data.map((s) => [s.email, s.reason]), second.next_cursor]).toEqual([[['cy@example.test', 'Competitor']], null]);
    const csv = await get('/api/reports/suppressions/csv?sort=name');
    expect(csv.statusCode).toBe(200);
    expect(csv.body.trim().split('\n')).toEqual([
      'email,external_id,external_source,name,company,suppressed_by,reason,suppressed_at',
      // The company is the one the email's domain made; tokens act for no user: "a person".
      'bob@example.test,crm-bob,hubspot,bob@example.test,Example,a person,Asked not to be emailed,2026-03-02T09:00:00.000Z',
      'cy@example.test,crm-cy,hubspot,cy@example.test,Example,a person,Competitor,2026-03-02T09:00:00.000Z',
    ]);
    expect(emails((await get('/api/audience/export')).body)).toEqual(['ana@example.test']);
  });

  it('lifts a suppression by hand: the contact is back in the audience', async () => {
    const res = await t.app.inject({ method: 'DELETE', url: `/api/contacts/${ids.cy}/suppression`, headers: marketing });
    expect(res.statusCode).toBe(204);
    expect((await get(`/api/contacts/${ids.cy}/suppression`)).json()).toEqual({ suppression: null });
    expect(emails((await get('/api/audience/export')).body)).toEqual(['ana@example.test', 'cy@example.test']);
  });
});
