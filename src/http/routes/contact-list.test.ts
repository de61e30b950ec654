// The contacts list as the list page reads it: total of the filtered set, sort by any column with
// keyset paging, score/quadrant/MQL type/owner/stage/source/property filters, bad parameters named;
// bulk assign and stage change; saved views; the contacts export with the list's filters.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import { systemActor, type Ctx } from '../../domains/context.js';
import { createContact } from '../../domains/crm/contacts.js';
import { defineProperty } from '../../domains/crm/properties.js';
import { createUser } from '../../domains/crm/users.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

type Row = Record<string, any>;

// name, fit, interest, quadrant (null: unscored), owner, stage, source, mql_type, plan property
const people: [string, number | null, number | null, string | null, 'ana' | 'bo' | null, string, string, string | null, string | null][] = [
  ['Alma Hart', 80, 70, 'hot', 'ana', 'mql', 'Paid Search', 'online_demo', 'pro'],
  ['Bruno Diaz', 65, 20, 'nurture', 'bo', 'lead', 'Organic Search', null, 'free'],
  ['Cleo Park', 30, 75, 'fan', null, 'mql', 'Paid Search', 'webinar', 'pro'],
  ['Dario Venn', 10, 5, 'suppress', 'ana', 'subscriber', 'Email Marketing', null, null],
  ['Elsa Moor', 90, 40, 'hot', null, 'sql', 'Referrals', 'online_demo', 'free'],
  ['Farid Nouri', null, null, null, 'bo', 'customer', 'Offline', null, null],
  ['Gina Lobo', 72, 88, 'hot', 'bo', 'mql', 'Paid Search', 'contact_sales', 'pro'],
];

describe.each(testBackends())('contacts list on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let manager: Record<string, string>;
  const ids: Record<string, number> = {};
  const users: Record<string, number> = {};

  const get = async (url: string, h = admin) => {
    const res = await t.app.inject({ method: 'GET', url, headers: h });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as { data: Row[]; next_cursor: string | null; total: number | null };
  };
  const names = (rows: Row[]) => rows.map((r) => `${r.first_name} ${r.last_name}`);
  const bad = async (url: string) => {
    const res = await t.app.inject({ method: 'GET', url, headers: admin });
    expect(res.statusCode, url).toBe(400);
    return (res.json().errors as { field: string }[]).map((e) => e.field);
  };

  beforeAll(async () => {
    // No background scoring: the scores below are hand-set and must stay as set.
    t = await createTestApp(backend, undefined, { processEvents: false });
    admin = await t.as('admin');
    const ctx: Ctx = { db: t.db, clock: t.clock, actor: systemActor };
    users.ana = (await createUser(t.db, { name: 'Ana Rep', email: 'ana@revloop.test', role: 'sales_rep' })).id;
    users.bo = (await createUser(t.db, { name: 'Bo Rep', email: 'bo@revloop.test', role: 'sales_rep' })).id;
    users.mia = (await createUser(t.db, { name: 'Mia Manager', email: 'mia@revloop.test', role: 'sales_manager' })).id;
    manager = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'mia', role: 'sales_manager', user_id: users.mia })).token}` };
    await defineProperty(t.db, { object_type: 'contact', name: 'plan', label: 'Plan', type: 'string' });
    for (const [i, [name, fit, interest, quadrant, owner, stage, source, mqlType, plan]] of people.entries()) {
      const [first, last] = name.split(' ');
      t.clock.set(new Date(Date.UTC(2026, 0, 1 + i)));
      const c = await createContact(ctx, {
        email: `${first!.toLowerCase()}@example.org`, first_name: first, last_name: last, lifecycle_stage: stage, original_source: source,
        owner_id: owner ? users[owner] : null, properties: plan ? { plan } : {},
      });
      ids[name] = c.id;
      if (quadrant) {
        await t.db.query(`INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
          VALUES ($1, $2, $3, $4, '[]', '[]', 1, now()) ON CONFLICT (contact_id) DO UPDATE SET fit = $2, interest = $3, quadrant = $4`, [c.id, fit, interest, quadrant]);
      } else {
        await t.db.query('DELETE FROM contact_scores WHERE contact_id = $1', [c.id]);
      }
      if (mqlType) await t.db.query('UPDATE contacts SET mql_type = $2, mql_at = now() WHERE id = $1', [c.id, mqlType]);
    }
  });
  afterAll(() => t.cleanup());

  it('answers the total of the filtered set with the first page, and each contact with its scores', async () => {
    const all = await get('/api/contacts?limit=3');
    expect(all.total).toBe(7);
    expect(all.data).toHaveLength(3);
    const next = await get(`/api/contacts?limit=3&cursor=${all.next_cursor}`);
    expect(next.total).toBeNull();
    const alma = (await get('/api/contacts?q=alma')).data[0]!;
    expect(alma).toMatchObject({ fit: 80, interest: 70, quadrant: 'hot', mql_type: 'online_demo', owner_name: 'Ana Rep', last_activity_at: null });
    const farid = (await get('/api/contacts?q=farid')).data[0]!;
    expect(farid).toMatchObject({ fit: null, interest: null, quadrant: null, mql_type: null });
  });

  it('filters by quadrant, score ranges, MQL type, owner, stage, source and custom property', async () => {
    const hot = await get('/api/contacts?quadrant=hot&sort=name');
    expect(names(hot.data)).toEqual(['Alma Hart', 'Elsa Moor', 'Gina Lobo']);
    expect(hot.total).toBe(3);
    expect(names((await get('/api/contacts?quadrant=hot&fit_min=75&sort=name')).data)).toEqual(['Alma Hart', 'Elsa Moor']);
    expect(names((await get('/api/contacts?fit_min=30&fit_max=72&sort=name')).data)).toEqual(['Bruno Diaz', 'Cleo Park', 'Gina Lobo']);
    expect(names((await get('/api/contacts?interest_min=70&sort=name')).data)).toEqual(['Alma Hart', 'Cleo Park', 'Gina Lobo']);
    expect(names((await get('/api/contacts?mql_type=online_demo&sort=name')).data)).toEqual(['Alma Hart', 'Elsa Moor']);
    expect(names((await get(`/api/contacts?owner_id=${users.bo}&sort=name`)).data)).toEqual(['Bruno Diaz', 'Farid Nouri', 'Gina Lobo']);
    expect(names((await get('/api/contacts?unassigned=true&sort=name')).data)).toEqual(['Cleo Park', 'Elsa Moor']);
    expect(names((await get('/api/contacts?lifecycle_stage=mql&original_source=Paid%20Search&sort=name')).data)).toEqual(['Alma Hart', 'Cleo Park', 'Gina Lobo']);
    const pro = await get('/api/contacts?property.plan=pro&interest_max=80&sort=name');
    expect(names(pro.data)).toEqual(['Alma Hart', 'Cleo Park']);
    expect(pro.total).toBe(2);
  });

  it('sorts by any column both ways, unscored last when descending, and pages through a sort without gaps', async () => {
    expect(names((await get('/api/contacts?sort=-fit')).data)).toEqual(['Elsa Moor', 'Alma Hart', 'Gina Lobo', 'Bruno Diaz', 'Cleo Park', 'Dario Venn', 'Farid Nouri']);
    expect(names((await get('/api/contacts?sort=interest')).data)).toEqual(['Farid Nouri', 'Dario Venn', 'Bruno Diaz', 'Elsa Moor', 'Alma Hart', 'Cleo Park', 'Gina Lobo']);
    expect(names((await get('/api/contacts?sort=quadrant')).data).slice(0, 3).sort()).toEqual(['Alma Hart', 'Elsa Moor', 'Gina Lobo']);
    expect(names((await get('/api/contacts?sort=-lifecycle_stage')).data)).toEqual(['Farid Nouri', 'Elsa Moor', 'Gina Lobo', 'Cleo Park', 'Alma Hart', 'Bruno Diaz', 'Dario Venn']);
    expect(names((await get('/api/contacts?sort=owner')).data).slice(0, 2).sort()).toEqual(['Cleo Park', 'Elsa Moor']);
    for (const sort of ['-fit', 'interest', 'quadrant', 'owner', 'company', 'mql_type', '-lifecycle_stage', 'original_source', 'name', '-last_activity_at']) {
      const whole = names((await get(`/api/contacts?sort=${sort}&limit=500`)).data);
      const paged: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<typeof get>> = await get(`/api/contacts?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        paged.push(...names(page.data));
        cursor = page.next_cursor;
      } while (cursor);
      expect(paged, sort).toEqual(whole);
      expect(new Set(paged).size).toBe(7);
    }
  });

  it('refuses each bad parameter with a 400 naming it', async () => {
    expect(await bad('/api/contacts?sort=colour')).toEqual(['sort']);
    expect(await bad('/api/contacts?sort=fit;drop table contacts')).toEqual(['sort']);
    expect(await bad('/api/contacts?quadrant=warm')).toEqual(['quadrant']);
    expect((await bad('/api/contacts?fit_min=high&interest_max=&interest_min=x')).sort()).toEqual(['fit_min', 'interest_min']);
    expect(await bad('/api/contacts?owner_id=ana')).toEqual(['owner_id']);
    expect(await bad('/api/contacts?lifecycle_stage=warm')).toEqual(['lifecycle_stage']);
    expect(await bad('/api/contacts?property.colour=red')).toEqual(['property.colour']);
    expect(await bad('/api/contacts?property.Bad-Name=x')).toEqual(['property.Bad-Name']);
    expect(await bad('/api/contacts?ids=1,x')).toEqual(['ids']);
    expect(await bad('/api/contacts?mql_type=podcast')).toEqual(['mql_type']);
    expect(await bad('/api/contacts?lead_status=warm')).toEqual(['lead_status']);
  });

  it('bulk-assigns contacts to a rep in one go, and refuses an unknown contact without assigning any', async () => {
    const refused = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/assign', headers: manager, payload: { contact_ids: [ids['Cleo Park']!, 999999], owner_id: users.ana } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('contact_ids');
    expect((await get(`/api/contacts?q=cleo`)).data[0]!.owner_id).toBeNull();

    const res = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/assign', headers: manager, payload: { contact_ids: [ids['Cleo Park']!, ids['Elsa Moor']!], owner_id: users.ana } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ assigned: 2, contact_ids: [ids['Cleo Park'], ids['Elsa Moor']].sort((a, b) => a! - b!) });
    expect(names((await get(`/api/contacts?owner_id=${users.ana}&sort=name`)).data)).toEqual(['Alma Hart', 'Cleo Park', 'Dario Venn', 'Elsa Moor']);
    // Cleo is an MQL: as with the single assign, her SLA clock starts for the new owner.
    const [clock] = await t.db.query<{ owner_id: number }>('SELECT owner_id FROM lead_assignments WHERE contact_id = $1 AND closed_at IS NULL', [ids['Cleo Park']]);
    expect(Number(clock!.owner_id)).toBe(users.ana);

    const rep = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'ana', role: 'sales_rep', user_id: users.ana })).token}` };
    expect((await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/assign', headers: rep, payload: { contact_ids: [ids['Alma Hart']!], owner_id: users.ana } })).statusCode).toBe(403);
  });

  it('bulk-moves stages: legal moves happen, a backward move is reported with the contact, not skipped silently', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/stage', headers: admin, payload: { filter: { quadrant: 'hot' }, to_stage: 'sql' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      moved: [ids['Alma Hart'], ids['Gina Lobo']].sort((a, b) => a! - b!),
      unchanged: [ids['Elsa Moor']],
      refused: [],
    });
    const back = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/stage', headers: admin, payload: { contact_ids: [ids['Bruno Diaz']!, ids['Farid Nouri']!], to_stage: 'opportunity' } });
    expect(back.json()).toEqual({
      moved: [ids['Bruno Diaz']],
      unchanged: [],
      refused: [{ contact_id: ids['Farid Nouri'], name: 'Farid Nouri', from: 'customer', problem: 'would move back in the funnel: recycle or reject it instead, with a reason' }],
    });
    expect((await get('/api/contacts?q=farid')).data[0]!.lifecycle_stage).toBe('customer');
    const badFilter = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/stage', headers: admin, payload: { filter: { quadrant: 'warm' }, to_stage: 'sql' } });
    expect(badFilter.statusCode).toBe(400);
    expect(badFilter.json().errors.map((e: { field: string }) => e.field)).toEqual(['filter.quadrant']);
    const badStage = await t.app.inject({ method: 'POST', url: '/api/contacts/bulk/stage', headers: admin, payload: { contact_ids: [ids['Bruno Diaz']!], to_stage: 'warm' } });
    expect(badStage.statusCode).toBe(400);
  });

  it('exports the filtered contacts as CSV: exactly the rows the list shows', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/export/contacts?quadrant=hot&fit_min=75', headers: admin });
    expect(res.statusCode, res.body).toBe(200);
    const rows = parse(res.body, { columns: true }) as Row[];
    expect(rows.map((r) => r.email).sort()).toEqual(['alma@example.org', 'elsa@example.org']);
    const picked = parse((await t.app.inject({ method: 'GET', url: `/api/export/contacts?ids=${ids['Dario Venn']},${ids['Gina Lobo']}`, headers: admin })).body, { columns: true }) as Row[];
    expect(picked.map((r) => r.email)).toEqual(['dario@example.org', 'gina@example.org']);
    expect((await t.app.inject({ method: 'GET', url: '/api/export/contacts?quadrant=warm', headers: admin })).statusCode).toBe(400);
    const deals = await t.app.inject({ method: 'GET', url: '/api/export/deals?quadrant=hot', headers: admin });
    expect(deals.statusCode).toBe(400);
    expect(deals.json().errors[0].field).toBe('quadrant');
  });

  it('saves views per user: list, replace by name, delete; another user sees none of them', async () => {
    const save = (name: string, query: string, h = manager) => t.app.inject({ method: 'POST', url: '/api/saved-views', headers: h, payload: { object_type: 'contacts', name, query } });
    expect((await save('Hot leads', 'quadrant=hot&sort=-fit')).statusCode).toBe(200);
    const again = (await save('hot leads', 'quadrant=hot&sort=-interest')).json();
    await save('Mine', `owner_id=${users.mia}`);
    const list = (await t.app.inject({ method: 'GET', url: '/api/saved-views?object_type=contacts', headers: manager })).json().data as Row[];
    expect(list.map((v) => [v.name, v.query])).toEqual([['hot leads', 'quadrant=hot&sort=-interest'], ['Mine', `owner_id=${users.mia}`]]);
    const rep = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'bo', role: 'sales_rep', user_id: users.bo })).token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/saved-views?object_type=contacts', headers: rep })).json().data).toEqual([]);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/saved-views/${again.id}`, headers: rep })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/saved-views/${again.id}`, headers: manager })).statusCode).toBe(204);
    expect(((await t.app.inject({ method: 'GET', url: '/api/saved-views?object_type=contacts', headers: manager })).json().data as Row[]).map((v) => v.name)).toEqual(['Mine']);
    const blank = await save('  ', 'x=1');
    expect(blank.statusCode).toBe(400);
    expect(blank.json().errors[0].field).toBe('name');
    // A token for no user has no views to keep.
    expect((await t.app.inject({ method: 'GET', url: '/api/saved-views?object_type=contacts', headers: admin })).statusCode).toBe(403);
  });
});
