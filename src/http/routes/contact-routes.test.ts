import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import { createUser } from '../../domains/crm/users.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

type InjectResult = { statusCode: number; json(): any };

describe.each(testBackends())('contacts API on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend);
    h = await t.as('marketing');
  });
  afterAll(() => t.cleanup());

  it('creates a contact, links its company by domain and refuses a duplicate email with 409', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: '  Ana.Garcia@Acme-Corp.com ', first_name: 'Ana', lifecycle_stage: 'lead' } });
    expect(res.statusCode).toBe(201);
    const c = res.json();
    expect(c.email).toBe('Ana.Garcia@Acme-Corp.com');
    expect(c.company_name).toBe('Acme Corp');
    const dup = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'ana.garcia@acme-corp.com' } });
    expect(dup.statusCode).toBe(409);
    // Named, not numbered: a form shows this message and links "Open Ana" to existing_id.
    expect(dup.json()).toMatchObject({ code: 'conflict', existing_id: c.id, existing_name: 'Ana', errors: [{ field: 'email', problem: 'already belongs to Ana' }] });
    expect(dup.json().message).toBe('A contact with the email ana.garcia@acme-corp.com already exists: Ana.');
  });

  it('20 concurrent creates of one email (any case, spaces) leave one contact and answer 409 to the rest', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: i % 2 ? ` Race@Cyberdyne.com ` : 'race@CYBERDYNE.com' } })));
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes.filter((c) => c === 201)).toHaveLength(1);
    expect(codes.filter((c) => c === 409)).toHaveLength(19);
    const rows = await t.db.query(`SELECT id FROM contacts WHERE email_normalized = 'race@cyberdyne.com'`);
    expect(rows).toHaveLength(1);
    expect((await t.db.query(`SELECT id FROM companies WHERE domain = 'cyberdyne.com'`))).toHaveLength(1);
  });

  it('never makes a company from a free-mail address', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'someone@gmail.com' } });
    expect(res.statusCode).toBe(201);
    expect(res.json().company_id).toBeNull();
  });

  it('names every bad field in one 400 and writes nothing', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts'))[0]!.n;
    const res = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'not-an-email', lifecycle_stage: 'hot', emial: 'x' } });
    expect(res.statusCode).toBe(400);
    const fields = res.json().errors.map((e: { field: string }) => e.field).sort();
    expect(fields).toEqual(['email', 'emial', 'lifecycle_stage']);
    expect((await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts'))[0]!.n).toBe(before);
  });

  it('answers invalid JSON with 400 invalid_json and unknown ids with 404', async () => {
    const bad = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: { ...h, 'content-type': 'application/json' }, payload: '{"email": ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_json');
    const missing = await t.app.inject({ method: 'GET', url: '/api/contacts/999999', headers: h });
    expect(missing.statusCode).toBe(404);
    const badRef = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'x@y.io', owner_id: 4242 } });
    expect(badRef.statusCode).toBe(404);
    expect(badRef.json().field).toBe('owner_id');
  });

  it('moves forward with skips, refuses a backward move with 422, and recycles with a reason', async () => {
    const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'funnel@globex.io', lifecycle_stage: 'lead' } })).json();
    t.clock.advance(3600_000);
    const skip = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { lifecycle_stage: 'sql' } });
    expect(skip.statusCode).toBe(200);
    expect(skip.json().lifecycle_stage).toBe('sql');
    const back = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { lifecycle_stage: 'lead' } });
    expect(back.statusCode).toBe(422);
    expect(back.json().message).toMatch(/recycle/);
    const noReason = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.id}/recycle`, headers: h, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const rec = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.id}/recycle`, headers: h, payload: { reason: 'no budget until Q3' } });
    expect(rec.statusCode).toBe(200);
    expect(rec.json()).toMatchObject({ lifecycle_stage: 'lead', lead_status: 'recycled' });
    expect(Object.keys(rec.json().became)).toEqual(['lead', 'sql']);
    const rows = await t.db.query<{ from_stage: string; to_stage: string; kind: string; reason: string | null; actor_type: string }>(
      `SELECT from_stage, to_stage, kind, reason, actor_type FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 ORDER BY id`, [c.id]);
    expect(rows.map((r) => [r.from_stage, r.to_stage, r.kind])).toEqual([[null, 'lead', 'create'], ['lead', 'sql', 'forward'], ['sql', 'lead', 'recycle']]);
    expect(rows[2]!.reason).toBe('no budget until Q3');
    expect(rows[2]!.actor_type).toBe('api');
  });

  it('lets a viewer read but not write, and answers 401 without credentials', async () => {
    const viewer = await t.as('viewer');
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts', headers: viewer })).statusCode).toBe(200);
    expect((await t.app.inject({ method: 'POST', url: '/api/contacts', headers: viewer, payload: { email: 'v@v.io' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts' })).statusCode).toBe(401);
  });

  it('pages through a filtered list with cursors, without repeats', async () => {
    for (let i = 0; i < 7; i++) {
      t.clock.advance(1000);
      await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: `page${i}@initech.com`, lifecycle_stage: 'mql' } });
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: InjectResult = await t.app.inject({ method: 'GET', url: `/api/contacts?lifecycle_stage=mql&limit=3&sort=email${cursor ? `&cursor=${cursor}` : ''}`, headers: h });
      expect(res.statusCode).toBe(200);
      const body: { data: { email: string }[]; next_cursor: string | null } = res.json();
      seen.push(...body.data.map((c: { email: string }) => c.email));
      cursor = body.next_cursor;
    } while (cursor);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6].map((i) => `page${i}@initech.com`));
    const bad = await t.app.inject({ method: 'GET', url: '/api/contacts?colour=red', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('colour');
  });
});

describe.each(testBackends())('contact timeline API on %s', (backend) => {
  let t: TestApp;
  let h: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-04-01T08:00:00Z');
    h = await t.as('sales_manager');
  });
  afterAll(() => t.cleanup());

  it('shows stage changes, activities, deals and property changes newest first, paged by cursor', async () => {
    const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'tl@stark.com', lifecycle_stage: 'mql' } })).json();
    t.clock.advance(3600_000);
    const act = await t.app.inject({ method: 'POST', url: '/api/activities', headers: h, payload: { type: 'call', outcome: 'no_answer', contact_id: c.id, subject: 'First try' } });
    expect(act.statusCode).toBe(201);
    t.clock.advance(3600_000);
    await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { job_title: 'CTO', lead_status: 'connected' } });
    t.clock.advance(3600_000);
    await t.app.inject({ method: 'POST', url: '/api/deals', headers: h, payload: { name: 'Stark deal', stage: 'discovery', amount: 50000, contact_id: c.id } });
    t.clock.advance(3600_000);
    const unknown = await t.app.inject({ method: 'POST', url: '/api/activities', headers: h, payload: { type: 'call', contact_id: 987654 } });
    expect(unknown.statusCode).toBe(404);

    const all: { type: string; title: string; at: string }[] = [];
    let cursor: string | null = null;
    do {
      const res: InjectResult = await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/timeline?limit=2${cursor ? `&cursor=${cursor}` : ''}`, headers: h });
      expect(res.statusCode).toBe(200);
      all.push(...res.json().data);
      cursor = res.json().next_cursor;
    } while (cursor);
    // Score changes are on the timeline too, written whenever the background scoring gets to the contact: not this test's subject.
    expect(all.filter((i) => i.type !== 'score_change').map((i) => i.title)).toEqual([
      'Moved from MQL to Opportunity',
      'Deal “Stark deal” created',
      'Lead status set to Connected',
      'Job title set to CTO',
      'Called, no answer',
      'Created as MQL',
    ]);
    const times = all.map((i) => Date.parse(i.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts/424242/timeline', headers: h })).statusCode).toBe(404);
  });
});

describe.each(testBackends())('custom properties and lead status on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.cleanup());

  it('accepts only defined custom properties, coerces them, and filters lists by them', async () => {
    const admin = await t.as('admin');
    const def = await t.app.inject({ method: 'POST', url: '/api/properties', headers: admin, payload: { object_type: 'contact', name: 'mql_type', label: 'MQL type', type: 'enum', options: ['webinar', 'whitepaper'] } });
    expect(def.statusCode).toBe(201);
    await t.app.inject({ method: 'POST', url: '/api/properties', headers: admin, payload: { object_type: 'contact', name: 'seats', label: 'Seats', type: 'number' } });
    const bad = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: 'p@q.io', properties: { mql_type: 'podcast', seats: 'many', colour: 'red' } } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['properties.colour', 'properties.mql_type', 'properties.seats']);
    const ok = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: 'p@q.io', properties: { mql_type: 'webinar', seats: '1,200' } } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().properties).toEqual({ mql_type: 'webinar', seats: 1200 });
    await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: 'r@q.io', properties: { mql_type: 'whitepaper' } } });
    const list = await t.app.inject({ method: 'GET', url: '/api/contacts?property.mql_type=webinar', headers: admin });
    expect(list.json().data.map((c: { email: string }) => c.email)).toEqual(['p@q.io']);
  });

  it('unqualified needs a reason code; every change is on the timeline', async () => {
    // A rep signed in as themselves: the contact they create is theirs to change (record-scope.ts).
    const rita = await createUser(t.db, { name: 'Rita Rep', email: 'rita@contacts.test', role: 'sales_rep' });
    const h = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'rita', role: 'sales_rep', user_id: rita.id })).token}` };
    const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'u@wonka.com', lead_status: 'new' } })).json();
    t.clock.advance(60_000);
    const noCode = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { lead_status: 'unqualified', lead_status_reason: 'meh' } });
    expect(noCode.statusCode).toBe(400);
    expect(noCode.json().errors[0].field).toBe('lead_status_reason');
    const ok = await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { lead_status: 'unqualified', lead_status_reason: 'student: thesis research' } });
    expect(ok.json()).toMatchObject({ lead_status: 'unqualified', lead_status_reason: 'student: thesis research' });
    const tl = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}/timeline`, headers: h })).json();
    // The background scoring's lines (score_change) may come first: the latest change a person made is this one.
    expect(tl.data.find((i: { type: string }) => i.type !== 'score_change')).toMatchObject({ type: 'property_change', title: 'Lead status changed from New to Unqualified (student: thesis research)', detail: 'by Rita Rep' });
  });
});

describe.each(testBackends())('erasing a contact on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
  });
  afterAll(() => t.cleanup());

  it('removes the contact and its history, keeps an audit line, and a viewer cannot do it', async () => {
    const h = await t.as('marketing');
    const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'gone@erase.io', lifecycle_stage: 'lead' } })).json();
    await t.app.inject({ method: 'PATCH', url: `/api/contacts/${c.id}`, headers: h, payload: { job_title: 'CEO' } });
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contacts/${c.id}`, headers: await t.as('viewer') })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contacts/${c.id}`, headers: h })).statusCode).toBe(204);
    expect((await t.app.inject({ method: 'GET', url: `/api/contacts/${c.id}`, headers: h })).statusCode).toBe(404);
    const left = await t.db.query(`SELECT 1 FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1
      UNION ALL SELECT 1 FROM property_changes WHERE object_type = 'contact' AND object_id = $1`, [c.id]);
    expect(left).toHaveLength(0);
    const audit = await t.db.query<{ action: string; details: object }>(`SELECT action, details FROM audit_log WHERE object_type = 'contact' AND object_id = $1`, [String(c.id)]);
    // Counts only: the line must not keep what it erased.
    // (Scores and the score queue are counted too when the background scorer got to the contact first.)
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: 'contact.erased',
      details: { deleted: { contacts: 1, stage_transitions: 1, property_changes: 1 }, anonymised: { stage_transitions: 1 }, suppressed: { email: 1, user_id: 0, anonymous_id: 0, external_id: 0 } },
    });
    expect(JSON.stringify(audit)).not.toContain('erase.io');
    expect((await t.app.inject({ method: 'DELETE', url: `/api/contacts/${c.id}`, headers: h })).statusCode).toBe(404);
  });
});

describe.each(testBackends())('declared sources on %s', (backend) => {
  it('stores the channel with the words as given, and Offline for hand-made contacts', async () => {
    const t = await createTestApp(backend);
    try {
      const h = await t.as('sales_rep');
      const show = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'booth@x.io', original_source: 'Trade Show' } })).json();
      expect(show).toMatchObject({ original_source: 'Offline', original_source_detail: 'Trade Show' });
      const hub = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'hub@x.io', original_source: 'ORGANIC_SEARCH' } })).json();
      expect(hub).toMatchObject({ original_source: 'Organic Search', original_source_detail: 'ORGANIC_SEARCH' });
      const hand = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'hand@x.io' } })).json();
      expect(hand).toMatchObject({ original_source: 'Offline', original_source_detail: 'CRM' });
    } finally {
      await t.cleanup();
    }
  });
});
