import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../domains/crm/users.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('import and export API on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend);
    h = await t.as('marketing');
  });
  afterAll(() => t.cleanup());

  const post = (url: string, payload: string, headers = h) => t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'text/csv' }, payload });

  it('imports a CSV body and answers counts and the detected mapping', async () => {
    const res = await post('/api/import/contacts', '\uFEFFFirst Name;Email;Lifecycle Stage\nAna;ana@acme.io;Marketing Qualified Lead\nZoe;zoe(at)acme.io;lead\n');
    expect(res.statusCode).toBe(400);
    expect(res.json().errors).toEqual([{ row: 3, column: 'Email', field: 'email', problem: 'is not a valid email address' }]);
    const ok = await post('/api/import/contacts', 'First Name;Email;Lifecycle Stage\nAna;ana@acme.io;Marketing Qualified Lead\nAna;ANA@acme.io;\n');
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toMatchObject({ created: 1, updated: 0, unchanged: 1, failed: 0, mapping: [{ column: 'First Name', field: 'first_name', source: 'recognised' }, { column: 'Email', field: 'email' }, { column: 'Lifecycle Stage', field: 'lifecycle_stage' }] });
    const list = (await t.app.inject({ method: 'GET', url: '/api/contacts?q=ana', headers: h })).json();
    expect(list.data).toHaveLength(1);
    expect(list.data[0]).toMatchObject({ email: 'ana@acme.io', lifecycle_stage: 'mql', company_name: 'Acme' });
    const [tr] = await t.db.query<{ actor_type: string; actor_id: string | null }>(`SELECT actor_type, actor_id FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1`, [list.data[0].id]);
    expect(tr!.actor_type).toBe('import');
  });

  it('takes repeatable map= parameters and refuses unknown columns with 400 naming them', async () => {
    const csv = 'Correo,Notas\nluis@globex.es,call Monday\n';
    const refused = await post('/api/import/contacts', csv);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ code: 'validation_failed', total_errors: 2 });
    expect(refused.json().errors.map((e: { column: string }) => e.column)).toEqual(['Correo', 'Notas']);
    const ok = await post(`/api/import/contacts?map=${encodeURIComponent('Correo=email')}&map=${encodeURIComponent('Notas=-')}`, csv);
    expect(ok.statusCode).toBe(200);
    expect(ok.json().created).toBe(1);
  });

  it('needs the import permission and a CSV body', async () => {
    expect((await post('/api/import/contacts', 'Email\nx@y.io\n', await t.as('sales_rep'))).statusCode).toBe(403);
    const json = await t.app.inject({ method: 'POST', url: '/api/import/contacts', headers: h, payload: { email: 'x@y.io' } });
    expect(json.statusCode).toBe(400);
    expect(json.json().message).toMatch(/text\/csv/);
    expect((await post('/api/import/widgets', 'Email\nx@y.io\n')).statusCode).toBe(400);
  });

  it('streams CSV and JSON Lines exports, formula-safe, with the export permission', async () => {
    await post('/api/import/contacts', 'Email,First Name\nsum@evil.io,=SUM(A1)\n');
    const csv = await t.app.inject({ method: 'GET', url: '/api/export/contacts?format=csv', headers: h });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.headers['content-disposition']).toBe('attachment; filename="contacts.csv"');
    expect(csv.body.split('\n')[0]).toMatch(/^id,email,first_name,/);
    expect(csv.body).toContain(`sum@evil.io,'=SUM(A1),`);
    const json = await t.app.inject({ method: 'GET', url: '/api/export/contacts?format=json', headers: h });
    expect(json.headers['content-type']).toMatch(/^application\/x-ndjson/);
    const lines = json.body.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.find((l) => l.email === 'sum@evil.io')).toMatchObject({ first_name: '=SUM(A1)', properties: {} });
    expect((await t.app.inject({ method: 'GET', url: '/api/export/contacts', headers: await t.as('viewer') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/export/contacts?format=xml', headers: h })).statusCode).toBe(400);
  });

  it('exports companies and deals filtered as their lists are, and refuses a filter an export does not take', async () => {
    await post('/api/import/companies', 'Name,Domain,Segment\nFiltered Alpha,alpha-f.io,enterprise\nFiltered Beta,beta-f.io,small\nOther Gamma,gamma-f.io,enterprise\n');
    const companies = await t.app.inject({ method: 'GET', url: '/api/export/companies?q=filtered&segment=enterprise', headers: h });
    expect(companies.statusCode).toBe(200);
    expect(companies.body.trim().split('\n').slice(1).map((l) => l.split(',')[1])).toEqual(['Filtered Alpha']);
    const owner = await createUser(t.db, { name: 'Owen Owner', email: 'owen@acme.io', role: 'sales_rep' });
    await post('/api/import/deals', 'Deal Name,Deal Stage,Owner\nOwen deal,Closed Won,owen@acme.io\nNobody deal,Closed Won,\n');
    const deals = await t.app.inject({ method: 'GET', url: `/api/export/deals?owner_id=${owner.id}`, headers: h });
    expect(deals.statusCode).toBe(200);
    expect(deals.body.trim().split('\n').slice(1).map((l) => l.split(',')[1])).toEqual(['Owen deal']);
    const bad = await t.app.inject({ method: 'GET', url: '/api/export/deals?colour=red', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('colour');
    const unfiltered = await t.app.inject({ method: 'GET', url: '/api/export/activities?q=x', headers: h });
    expect(unfiltered.statusCode).toBe(400);
    expect(unfiltered.json().errors).toEqual([{ field: 'q', problem: 'is not a filter of the activities export (it exports every record)' }]);
  });
});
