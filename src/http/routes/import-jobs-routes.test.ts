import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

type Job = {
  id: string; status: string; phase: string; rows_total: number | null; rows_done: number;
  summary: { created: number; updated: number; unchanged: number; rows: number; mapping: { column: string; field: string | null }[] } | null;
  error: { message: string; counts: Record<string, number> | null; errors: { row: number | null; column: string; field: string | null; problem: string }[]; total_errors: number; mapping: { column: string; field: string | null; note?: string }[]; imported_rows: number } | null;
};

describe.each(testBackends())('import jobs API on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend);
    h = await t.as('marketing');
  });
  afterAll(() => t.cleanup());

  const start = async (object: string, query: string, csv: string, headers = h): Promise<Job> => {
    const res = await t.app.inject({ method: 'POST', url: `/api/import/jobs/${object}${query}`, headers: { ...headers, 'content-type': 'text/csv' }, payload: csv });
    expect(res.statusCode, res.body).toBe(202);
    return res.json();
  };
  const job = async (id: string, headers = h): Promise<Job> => (await t.app.inject({ method: 'GET', url: `/api/import/jobs/${id}`, headers })).json();
  const finished = async (id: string): Promise<Job> => {
    let j = await job(id);
    while (j.status === 'running') j = await job(id);
    return j;
  };
  const contactCount = async () => (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts'))[0]!.n;

  it('lists the fields a column can feed, with the values of the fixed-list ones', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/api/import/contacts/fields', headers: h });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.can_create_properties).toBe(false);
    const source = body.fields.find((f: { field: string }) => f.field === 'original_source');
    expect(source.options.map((o: { value: string }) => o.value)).toContain('Offline');
    expect(body.fields.find((f: { field: string }) => f.field === 'email').options).toBeNull();
    expect(body.fields.find((f: { field: string }) => f.field === 'lead_status').options[0]).toEqual({ value: 'new', label: 'New' });
    const admin = (await t.app.inject({ method: 'GET', url: '/api/import/contacts/fields', headers: await t.as('admin') })).json();
    expect(admin.can_create_properties).toBe(true);
  });

  it('a dry run lists every problem with its row and column and writes nothing', async () => {
    const before = await contactCount();
    const j = await finished((await start('contacts', '?dry_run=true&map=Notes%3D-', 'Email,First Name,Notes\nana@acme.io,Ana,x\nzoe(at)acme.io,Zoe,y\n')).id);
    expect(j.status).toBe('failed');
    expect(j.rows_total).toBe(2);
    expect(j.error!.errors).toEqual([{ row: 3, column: 'Email', field: 'email', problem: 'is not a valid email address' }]);
    expect(j.error!.mapping.map((m) => [m.column, m.field])).toEqual([['Email', 'email'], ['First Name', 'first_name'], ['Notes', null]]);
    expect(j.error!.counts).toEqual({ created: 1, updated: 0, unchanged: 0, kept_stage: 0, failed: 1, rows: 2 });
    expect(await contactCount()).toBe(before);
  });

  it('a dry run of a good file counts what it would do, and the import then does it', async () => {
    const csv = 'Email,First Name,Lead Source\nben@globex.io,Ben,Webinar\ncarla@initech.io,Carla,webinar\n';
    const query = `?value_map=${encodeURIComponent(JSON.stringify({ 'Lead Source': { Webinar: 'Offline' } }))}`;
    const dry = await finished((await start('contacts', `${query}&dry_run=true`, csv)).id);
    expect(dry.status).toBe('done');
    expect(dry.summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, rows: 2 });
    expect(await t.db.query('SELECT 1 FROM contacts WHERE email = $1', ['ben@globex.io'])).toHaveLength(0);
    const done = await finished((await start('contacts', query, csv)).id);
    expect(done.status).toBe('done');
    expect(done.summary).toMatchObject({ created: 2, rows: 2 });
    const rows = await t.db.query<{ email: string; original_source: string }>(`SELECT email, original_source FROM contacts WHERE email IN ('ben@globex.io', 'carla@initech.io') ORDER BY email`);
    expect(rows).toEqual([{ email: 'ben@globex.io', original_source: 'Offline' }, { email: 'carla@initech.io', original_source: 'Offline' }]);
  });

  it('a real import of a file with a bad row in its last batch writes none of it', async () => {
    const before = await contactCount();
    const lines = Array.from({ length: 1200 }, (_, i) => `late${i}@wayne.io,Late`);
    lines.push('not-an-email,Bad');
    const j = await finished((await start('contacts', '', `Email,First Name\n${lines.join('\n')}\n`)).id);
    expect(j.status).toBe('failed');
    expect(j.error!.errors).toEqual([{ row: 1202, column: 'Email', field: 'email', problem: 'is not a valid email address' }]);
    expect(j.error!.imported_rows).toBe(0);
    expect(await contactCount()).toBe(before);
  });

  it("is seen only by whoever started it", async () => {
    const j = await start('contacts', '?dry_run=true', 'Email\nsolo@acme.io\n');
    expect((await t.app.inject({ method: 'GET', url: `/api/import/jobs/${j.id}`, headers: await t.as('admin') })).statusCode).toBe(404);
    expect((await finished(j.id)).status).toBe('done');
  });
});

// On PGlite one import transaction used to hold the only connection until the whole file was
// written. The check is an ordering, not a timing: a request sent once the import has begun
// writing comes back while the import still has most of the file to write.
describe('requests while an import job writes on PGlite', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite');
  });
  afterAll(() => t.cleanup());

  it('answers the contacts list between the batches of a 4,000-row import', async () => {
    const h = await t.as('admin');
    const total = 4000;
    const csv = `Email,First Name,Company\n${Array.from({ length: total }, (_, i) => `p${i}@firm${i % 40}.com,P${i},Firm ${i % 40}`).join('\n')}\n`;
    const started = (await t.app.inject({ method: 'POST', url: '/api/import/jobs/contacts', headers: { ...h, 'content-type': 'text/csv' }, payload: csv })).json();
    const poll = async () => (await t.app.inject({ method: 'GET', url: `/api/import/jobs/${started.id}`, headers: h })).json();
    let j = await poll();
    while (j.status === 'running' && !(j.phase === 'importing' && j.rows_done > 0)) j = await poll();
    expect(j.phase).toBe('importing');
    const list = await t.app.inject({ method: 'GET', url: '/api/contacts?limit=20', headers: h });
    const after = await poll();
    expect(list.statusCode).toBe(200);
    expect(after.status).toBe('running');
    expect(after.rows_done).toBeLessThan(total / 2);
    while (j.status === 'running') j = await poll();
    expect(j.status).toBe('done');
    expect(j.summary.created).toBe(total);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts'))[0]!.n).toBe(total);
  }, 180_000);
});
