import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../domains/crm/list-query.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';

// The cases issue 11 listed, each with the answer it now gets. The route fuzz test
// (route-fuzz.test.ts) checks every route for "never a 5xx"; this file pins the exact answers.

type Problem = { field: string; problem: string };

describe.each(testBackends())('bad input answers a named 4xx on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  let contactId: number;
  beforeAll(async () => {
    t = await createTestApp(backend, undefined, { processEvents: false });
    h = await t.as('admin');
    contactId = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'ana@acme.test' } })).json().id;
    for (const email of ['b@acme.test', 'c@acme.test']) await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email } });
  });
  afterAll(() => t.cleanup());

  const send = async (method: string, url: string, payload?: object) => {
    const res = await t.app.inject({ method: method as 'GET', url, headers: h, ...(payload ? { payload } : {}) });
    return { status: res.statusCode, body: res.json() as { code: string; errors?: Problem[] } };
  };
  const fieldsOf = (body: { errors?: Problem[] }) => (body.errors ?? []).map((e) => e.field);

  it.each([
    ['POST', '/api/users', { name: 'Rich', email: 'rich@acme.test', role: 'sales_rep', hourly_cost: 1e21 }, 'hourly_cost', 'must be at most 9,999,999,999.99'],
    ['POST', '/api/users', { name: 'Rich', email: 'rich@acme.test', role: 'sales_rep', calls_per_hour: 1e7 }, 'calls_per_hour', 'must be at most 999,999.99'],
    ['POST', '/api/users', { name: 'Rich', email: 'rich@acme.test', role: 'sales_rep', monthly_capacity: 2 ** 31 }, 'monthly_capacity', 'must be at most 2,147,483,647'],
    ['PUT', '/api/goals/2026-Q1', { revenue_goal: 1e21, marketing_sourced_share: 0.5 }, 'revenue_goal', 'must be at most 999,999,999,999.99'],
    ['PUT', '/api/quotas/2026-Q1', { quotas: [{ team: 'SDR', amount: 1e21 }] }, 'quotas[0].amount', 'must be at most 999,999,999,999.99'],
    ['PUT', '/api/mql-values/webinar', { value: 1e21 }, 'value', 'must be at most 999,999,999,999.99'],
    ['POST', '/api/campaigns', { name: 'Big', type: 'webinar', utm_campaign: 'big', monthly_spend: 1e21 }, 'monthly_spend', 'must be at most 999,999,999,999.99'],
    ['POST', '/api/companies', { name: 'Big', employees: 2 ** 31 }, 'employees', 'must be at most 2,147,483,647'],
    ['POST', '/api/deals', { name: 'Big', stage: 'discovery', amount: 1e21 }, 'amount', 'must be at most 99,999,999,999,999.99'],
    ['POST', '/api/deals', { name: 'Feb', stage: 'discovery', close_date: '2026-02-30' }, 'close_date', '"2026-02-30" is not a day of the calendar'],
    ['POST', '/api/deals', { name: 'Old', stage: 'discovery', close_date: '0000-01-01' }, 'close_date', 'must be between 1900-01-01 and 2999-12-31'],
    ['POST', '/api/campaigns', { name: 'Late', type: 'webinar', utm_campaign: 'late', starts_on: '9999-12-31' }, 'starts_on', 'must be between 1900-01-01 and 2999-12-31'],
    ['POST', '/api/contacts', { email: 'x@acme.test', created_at: '+275760-09-13' }, 'created_at', 'must be between 1900-01-01 and 2999-12-31'],
    ['POST', '/api/contacts', { email: 'x@acme.test', stage_history: [{ stage: 'lead', at: '2026-02-30T10:00:00Z' }] }, 'stage_history.0.at', '"2026-02-30T10:00:00Z" is not a day of the calendar'],
    ['POST', '/api/activities', { type: 'call', contact_id: 1, occurred_at: '0000-01-01' }, 'occurred_at', 'must be between 1900-01-01 and 2999-12-31'],
    ['POST', '/api/contacts', { email: 'x@acme.test', first_name: 'Ana\u0000' }, 'first_name', 'contains a NUL character (\\u0000), which text cannot hold'],
    ['POST', '/api/companies', { name: 'Acme \ud83d' }, 'name', 'contains a lone surrogate (half of a UTF-16 pair), which is not valid Unicode'],
    ['POST', '/api/contacts', { email: 'x@acme.test', properties: { 'a\u0000': 1 } }, 'properties.a\\u0000', 'has a name that contains a NUL character (\\u0000), which text cannot hold'],
    ['PUT', '/api/scoring/model', { fit: [{ id: 'a\u0000' }] }, 'fit.0.id', 'contains a NUL character (\\u0000), which text cannot hold'],
  ])('%s %s %j → 400 naming %s', async (method, url, payload, field, problem) => {
    const res = await send(method, url, payload);
    expect(res.status).toBe(400);
    expect(res.body.errors).toContainEqual({ field, problem });
  });

  it.each([
    ['/api/reports/sales?month=0000-01', ['month']],
    ['/api/reports/sources?month=9999-12', ['month']],
    ['/api/reports/sla?from=0001-01-01&to=9999-12-31', ['from', 'to']],
    ['/api/reports/sla?from=2026-02-30', ['from']],
    ['/api/funnel?from=0000-01', ['from']],
    ['/api/reports/attempts?as_of=9999-12-31', ['as_of']],
    ['/api/reports/planner?goal=1000&month=0000-01', ['month']],
    ['/api/contacts?created_after=2026-02-30', ['created_after']],
    ['/api/contacts?created_before=%2B275760-09-13', ['created_before']],
    ['/api/contacts?owner_id=99999999999999999999', ['owner_id']],
    ['/api/contacts?q=a%00b', ['q']],
    ['/api/funnel?channel=a%00b', ['channel']],
  ])('GET %s → 400 naming %j', async (url, fields) => {
    const res = await send('GET', url);
    expect(res.status).toBe(400);
    expect(fieldsOf(res.body)).toEqual(expect.arrayContaining(fields));
  });

  it('refuses a tampered list cursor naming cursor, and still pages with a real one', async () => {
    const page = await send('GET', '/api/contacts?limit=1&sort=created_at');
    const real = (page.body as unknown as { next_cursor: string }).next_cursor;
    expect(real).toBeTruthy();
    expect((await send('GET', `/api/contacts?limit=1&sort=created_at&cursor=${real}`)).status).toBe(200);
    for (const [sort, cursor] of [
      ['created_at', 'not-a-cursor!!'],
      ['created_at', encodeCursor({ s: 'created_at', v: 'yesterday', id: 1 })],
      ['created_at', encodeCursor({ s: 'created_at', v: '0000-01-01T00:00:00Z', id: 1 })],
      ['created_at', encodeCursor({ s: 'created_at', v: '2026-02-30T00:00:00Z', id: 1 })],
      ['created_at', encodeCursor({ s: 'created_at', v: '2026-01-01T00:00:00Z', id: 1e21 })],
      ['id', encodeCursor({ s: 'id', v: 'abc', id: 1 })],
      ['email', encodeCursor({ s: 'email', v: 'a\u0000', id: 1 })],
    ]) {
      const res = await send('GET', `/api/contacts?limit=1&sort=${sort}&cursor=${cursor}`);
      expect(res.status, cursor).toBe(400);
      expect(fieldsOf(res.body)).toEqual(['cursor']);
    }
    const timeline = await send('GET', `/api/contacts/${contactId}/timeline?cursor=${encodeCursor(['0000-01-01T00:00:00Z', 'stage_change', 1])}`);
    expect(timeline.status).toBe(400);
    expect(fieldsOf(timeline.body)).toEqual(['cursor']);
  });

  it('answers 404 for an unknown id in a nested route', async () => {
    for (const url of ['/api/contacts/999999999/timeline', '/api/companies/999999999/contacts', '/api/contacts/999999999/score', '/api/webhooks/999999999/deliveries']) {
      expect((await send('GET', url)).status, url).toBe(404);
    }
    expect((await send('POST', '/api/users', { name: 'M', email: 'm@acme.test', role: 'sales_rep', manager_id: 999999999 })).status).toBe(404);
  });

  it('answers a path the router cannot decode with the same error shape', async () => {
    for (const url of ['/api/contacts/%FF', '/api/contacts/a%ED%A0%80b']) {
      const res = await send('GET', url);
      expect(res.status).toBe(400);
      expect(res.body).toMatchObject({ code: 'validation_failed', errors: [{ field: '(path)' }] });
    }
    const json = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...h, 'content-type': 'application/json' }, payload: '{"email":' });
    expect(json.statusCode).toBe(400);
    expect(json.json()).toMatchObject({ code: 'invalid_json', errors: [{ field: '(body)' }] });
  });

  it('imports no NUL from a CSV file: the row and column are named', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/import/companies', headers: { ...h, 'content-type': 'text/csv' }, payload: 'name,domain\n"Acme\u0000",acme2.test\n' });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toContainEqual({ row: 2, column: 'name', field: 'name', problem: 'contains a NUL character (\\u0000), which text cannot hold' });
  });
});
