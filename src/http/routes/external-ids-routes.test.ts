import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmHistory } from '../../testing/crm-export-history.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('external ids and id-joined imports through the API on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const h = crmHistory(7, { companies: 12, contacts: 40, deals: 20 });
  beforeAll(async () => {
    t = await createTestApp(backend);
    admin = await t.as('admin');
  });
  afterAll(() => t.cleanup());

  const api = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown, headers = admin) => t.app.inject({ method, url, headers, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const csv = (url: string, body: string, headers = admin) => t.app.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'text/csv' }, payload: body });

  it('creates, reads, lists, changes and refuses duplicate external ids on contacts, companies and deals', async () => {
    const made = await api('POST', '/api/contacts', { first_name: 'Kai', external_id: ' 0035g00000AbCdEfGH ', external_source: 'Salesforce' });
    expect(made.statusCode).toBe(201);
    // The 18-character Salesforce form is kept as its 15-character one, the system name in lower case.
    expect(made.json()).toMatchObject({ email: null, external_id: '0035g00000AbCdE', external_source: 'salesforce' });
    const id = made.json().id as number;
    const dup = await api('POST', '/api/contacts', { email: 'kai@hooli.com', external_id: '0035g00000AbCdE', external_source: 'salesforce' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json()).toMatchObject({ code: 'conflict', field: 'external_id', existing_id: id });
    // The same id from another system is another key.
    expect((await api('POST', '/api/contacts', { first_name: 'Other', external_id: '0035g00000AbCdE', external_source: 'hubspot' })).statusCode).toBe(201);
    const defaulted = await api('POST', '/api/companies', { name: 'Hooli', external_id: 'C-1' });
    expect(defaulted.json()).toMatchObject({ external_id: 'C-1', external_source: 'import' });
    const deal = await api('POST', '/api/deals', { name: 'Kai pilot', stage: 'discovery', contact_id: id, external_id: '0065g00000XyZ12', external_source: 'salesforce' });
    expect(deal.statusCode).toBe(201);
    expect((await api('GET', `/api/deals/${deal.json().id}`)).json()).toMatchObject({ external_id: '0065g00000XyZ12', external_source: 'salesforce' });

    const list = await api('GET', '/api/contacts?external_id=0035g00000AbCdEfGH');
    expect(list.json().data.map((c: { external_source: string }) => c.external_source).sort()).toEqual(['salesforce']);
    const both = await api('GET', '/api/contacts?external_id=0035g00000AbCdE');
    expect(both.json().data).toHaveLength(2);
    expect((await api('GET', '/api/contacts?external_id=0035g00000AbCdE&external_source=hubspot')).json().data).toHaveLength(1);
    expect((await api('GET', '/api/companies?external_source=import')).json().data.map((c: { name: string }) => c.name)).toEqual(['Hooli']);

    const moved = await api('PATCH', `/api/contacts/${id}`, { external_source: 'sfdc' });
    expect(moved.json()).toMatchObject({ external_id: '0035g00000AbCdE', external_source: 'sfdc' });
    const clash = await api('PATCH', `/api/contacts/${id}`, { external_source: 'hubspot' });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().field).toBe('external_id');
    const cleared = await api('PATCH', `/api/contacts/${id}`, { external_id: null });
    expect(cleared.json()).toMatchObject({ external_id: null, external_source: null });
    const lonely = await api('PATCH', `/api/contacts/${id}`, { external_source: 'hubspot' });
    expect(lonely.statusCode).toBe(400);
    expect(lonely.json().errors).toEqual([{ field: 'external_source', problem: 'needs external_id: it names the system that id comes from' }]);
    const bad = await api('POST', '/api/deals', { name: 'x', stage: 'discovery', external_id: '', external_source: 'no spaces please' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['external_id', 'external_source']);
  });

  it('keeps a merged-away contact\'s id finding the survivor, and a second system\'s id too', async () => {
    const winner = (await api('POST', '/api/contacts', { first_name: 'Win', external_id: '501', external_source: 'hubspot' })).json();
    const loser = (await api('POST', '/api/contacts', { first_name: 'Lose', external_id: '0035g00000Merge', external_source: 'salesforce' })).json();
    expect((await api('POST', `/api/contacts/${winner.id}/merge`, { other_id: loser.id })).statusCode).toBe(200);
    const merged = await csv('/api/import/contacts', 'Id,LastName\n0035g00000Merge,Merged\n');
    expect(merged.json()).toMatchObject({ created: 0, updated: 1, external_source: 'salesforce' });
    expect((await api('GET', `/api/contacts/${winner.id}`)).json()).toMatchObject({ last_name: 'Merged', external_id: '501', external_source: 'hubspot' });
    // The same person exported from Salesforce, found by email: the Salesforce id joins the record.
    const byEmail = (await api('POST', '/api/contacts', { email: 'ines@globex.example', external_id: '777', external_source: 'hubspot' })).json();
    expect((await csv('/api/import/contacts', 'Id,Email,Title\n0035g00000Ines1,ines@globex.example,CFO\n')).json()).toMatchObject({ created: 0, updated: 1 });
    const deal = await csv('/api/import/deals', 'OpportunityId,Name,StageName,ContactId\n0065g00000Opp01,Globex,Prospecting,0035g00000Ines1\n');
    expect(deal.json()).toMatchObject({ created: 1 });
    expect((await api('GET', '/api/deals?external_id=0065g00000Opp01')).json().data[0]).toMatchObject({ contact_id: byEmail.id });
  });

  it('imports the id-joined files with create_properties, value_map and map_values, and says what it did', async () => {
    const companies = await csv('/api/import/companies?create_properties=true', h.files.companies);
    expect(companies.statusCode).toBe(200);
    expect(companies.json()).toMatchObject({ created: h.companies.length, external_source: 'hubspot', dry_run: false });
    expect(companies.json().properties_created.map((p: { name: string; type: string }) => `${p.name}:${p.type}`)).toEqual(['tier:enum', 'partner_program:boolean', 'customer_since:date']);
    const valueMap = encodeURIComponent(JSON.stringify({ 'Lifecycle Stage': { 'hot lead': 'mql' }, Persona: { Dev: 'Developer' } }));
    const contacts = await csv(`/api/import/contacts?create_properties=true&ignore_unknown=true&value_map=${valueMap}&map_values=${encodeURIComponent('Original Source:social=Organic Social')}&map=Status%3D-`, h.files.contacts);
    expect(contacts.statusCode).toBe(200);
    expect(contacts.json()).toMatchObject({ created: h.contacts.length, updated: 0 });
    const persona = contacts.json().properties_created.find((p: { name: string }) => p.name === 'persona');
    expect([...persona.options].sort()).toEqual(['Developer', 'Executive', 'Marketer', 'Ops'].filter((o) => h.contacts.some((c) => (c.persona === 'Dev' ? 'Developer' : c.persona) === o)));
    const dry = await csv('/api/import/deals?create_properties=true&dry_run=true', h.files.deals);
    expect(dry.json()).toMatchObject({ dry_run: true, created: h.deals.length, properties_created: [{ name: 'seats', type: 'number' }] });
    expect((await api('GET', '/api/deals?external_source=hubspot')).json().data).toEqual([]);
    const deals = await csv('/api/import/deals?create_properties=true', h.files.deals);
    expect(deals.json()).toMatchObject({ created: h.deals.length });
    const first = h.deals[0]!;
    const [row] = (await api('GET', `/api/deals?external_id=${first.id}`)).json().data;
    const [contact] = (await api('GET', `/api/contacts?external_id=${first.contactIds[0]}&external_source=hubspot`)).json().data;
    expect(row).toMatchObject({ contact_id: contact.id, amount: first.amount, properties: { seats: first.seats } });
    const again = await csv('/api/import/deals', h.files.deals);
    expect(again.json()).toMatchObject({ created: 0, unchanged: h.deals.length });
  });

  it('lets only those who may define properties create them, and names a bad value_map', async () => {
    const refused = await csv('/api/import/companies?create_properties=true', 'Company ID,Company name,Region\n1,A,North\n', await t.as('marketing'));
    expect(refused.statusCode).toBe(403);
    const ignored = await csv('/api/import/companies?ignore_unknown=true', 'Company ID,Company name,Region\n1,A,North\n', await t.as('marketing'));
    expect(ignored.json()).toMatchObject({ created: 1, mapping: [{ column: 'Company ID', field: 'external_id' }, { column: 'Company name', field: 'name' }, { column: 'Region', field: null }] });
    const bad = await csv('/api/import/contacts?value_map=%7B%22a%22%3A1%7D', 'Email\nx@hooli.com\n');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('value_map');
    const unknownColumn = await csv(`/api/import/contacts?map_values=${encodeURIComponent('Stage:a=b')}`, 'Email\nx@hooli.com\n');
    expect(unknownColumn.statusCode).toBe(400);
    expect(unknownColumn.json().errors).toEqual([{ row: 1, column: 'Stage', field: null, problem: 'is named in --map-values (value_map) but the file has no such column' }]);
    const source = await csv('/api/import/contacts?external_source=two%20words', 'Email\nx@hooli.com\n');
    expect(source.statusCode).toBe(400);
    expect(source.json().errors[0].field).toBe('external_source');
  });
});
