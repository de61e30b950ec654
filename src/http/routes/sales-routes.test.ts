import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.js';
import { webhookSignature } from '../../domains/alerts/deliver.js';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import type { Ctx } from '../../domains/context.js';
import { createUser } from '../../domains/crm/users.js';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { moveStage } from '../../domains/funnel/transitions.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

const H = 3600_000;
const MIN = 60_000;

describe.each(testBackends())('handoff and sales SLA on %s', (backend) => {
  let t: TestApp;
  let mgr: Record<string, string>;
  let ids: { ana: number; ben: number; cal: number; mia: number };
  const tokenFor = async (userId: number, role: 'sales_rep' | 'sales_manager') =>
    ({ authorization: `Bearer ${(await createApiToken(t.db, { name: `u${userId}`, role, user_id: userId })).token}` });
  const ctx = (): Ctx => ({ db: t.db, clock: t.clock, actor: { type: 'user', id: String(ids.mia) } });
  const api = async (method: 'GET' | 'POST' | 'PUT' | 'PATCH', url: string, headers: Record<string, string>, payload?: unknown) =>
    t.app.inject({ method, url, headers, ...(payload === undefined ? {} : { payload: payload as object }) });
  const newMql = async (email: string, extra: Record<string, unknown> = {}) => {
    const c = (await api('POST', '/api/contacts', mgr, { email, first_name: email.split('@')[0], lifecycle_stage: 'lead', ...extra })).json();
    await moveStage(ctx(), 'contact', c.id, 'mql', 'test');
    await t.app.revloop.sales.idle();
    return c.id as number;
  };
  const assignment = async (contactId: number) =>
    (await t.db.query<Record<string, unknown>>('SELECT * FROM lead_assignments WHERE contact_id = $1 ORDER BY id DESC LIMIT 1', [contactId]))[0]!;
  const alertKinds = async (headers: Record<string, string>, contactId: number) =>
    ((await api('GET', '/api/alerts', headers)).json().data as { kind: string; contact_id: number }[]).filter((a) => a.contact_id === contactId).map((a) => a.kind).sort();

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T08:00:00Z');
    const mia = await createUser(t.db, { name: 'Mia Manager', email: 'mia@revloop.test', role: 'sales_manager', team: 'SDR' });
    const ana = await createUser(t.db, { name: 'Ana Rep', email: 'ana@revloop.test', role: 'sales_rep', team: 'SDR' });
    const ben = await createUser(t.db, { name: 'Ben Rep', email: 'ben@revloop.test', role: 'sales_rep', team: 'SDR' });
    const cal = await createUser(t.db, { name: 'Cal Away', email: 'cal@revloop.test', role: 'sales_rep', team: 'SDR', away: true });
    ids = { ana: ana.id, ben: ben.id, cal: cal.id, mia: mia.id };
    mgr = await tokenFor(mia.id, 'sales_manager');
  });
  afterAll(() => t.cleanup());

  it('routes new MQLs round-robin, skipping the rep who is away, with the owner change on the timeline and a handoff alert', async () => {
    const a = await newMql('one@acme.com');
    const b = await newMql('two@acme.com');
    const c = await newMql('three@acme.com');
    expect([(await assignment(a)).owner_id, (await assignment(b)).owner_id, (await assignment(c)).owner_id]).toEqual([ids.ana, ids.ben, ids.ana]);
    const first = await assignment(a);
    // The default policy: 4 hours, 8 attempts, 14 days; at risk after 75 % of the time.
    expect(first).toMatchObject({ policy_id: 'default', attempts_required: 8, assigned_by: 'round-robin' });
    expect(new Date(first.first_touch_due as string).toISOString()).toBe('2026-06-01T12:00:00.000Z');
    expect(new Date(first.first_touch_risk_at as string).toISOString()).toBe('2026-06-01T11:00:00.000Z');
    expect(new Date(first.attempts_due as string).toISOString()).toBe('2026-06-15T08:00:00.000Z');
    const timeline = (await api('GET', `/api/contacts/${a}/timeline`, mgr)).json();
    expect(JSON.stringify(timeline)).toContain('owner_id');
    const contact = (await api('GET', `/api/contacts/${a}`, mgr)).json();
    expect(contact).toMatchObject({ owner_id: ids.ana, lead_status: 'new' });
    const ana = await tokenFor(ids.ana, 'sales_rep');
    const alerts = (await api('GET', '/api/alerts', ana)).json().data as { kind: string; contact_id: number; title: string; body: string }[];
    const handoff = alerts.find((x) => x.contact_id === a && x.kind === 'handoff')!;
    expect(handoff.title).toContain('New MQL for you');
    expect(handoff.body).toContain('First touch due Mon 1 Jun, 12:00 UTC');
  });

  it('alerts at risk, then breached to rep and manager, once each; the first touch and attempts follow logged activities', async () => {
    const id = await newMql('late@acme.com');
    const owner = (await assignment(id)).owner_id as number;
    const rep = await tokenFor(owner, 'sales_rep');
    t.clock.advance(3 * H + MIN);
    await t.app.revloop.sales.idle();
    expect(await alertKinds(rep, id)).toEqual(['first_touch_at_risk', 'handoff']);
    expect(await alertKinds(mgr, id)).toEqual([]);
    t.clock.advance(H);
    await t.app.revloop.sales.idle();
    await t.app.revloop.sales.idle();
    expect(await alertKinds(rep, id)).toEqual(['first_touch_at_risk', 'first_touch_breached', 'handoff']);
    expect(await alertKinds(mgr, id)).toEqual(['first_touch_breached']);
    const queue = (await api('GET', `/api/sla/leads?owner_id=${owner}`, mgr)).json().data as { contact_id: number; status: string; first_touch_status: string }[];
    expect(queue.find((l) => l.contact_id === id)).toMatchObject({ status: 'breached', first_touch_status: 'breached' });
    // Most urgent first: every breached lead before any lead still on time.
    const order = queue.map((l) => l.status);
    expect(order).toEqual([...order].sort((x, y) => (x === 'breached' ? 0 : 1) - (y === 'breached' ? 0 : 1)));
    // Activities: a late first call, attempts counted, lead status follows.
    const call = await api('POST', '/api/activities', rep, { type: 'call', outcome: 'no_answer', contact_id: id });
    expect(call.statusCode).toBe(201);
    const a = await assignment(id);
    expect(a).toMatchObject({ attempts: 1, attempts_in_window: 1, connected_at: null });
    expect(new Date(a.first_touch_at as string).toISOString()).toBe(t.clock.now().toISOString());
    expect((await api('GET', `/api/contacts/${id}`, mgr)).json().lead_status).toBe('attempting');
    const mine = (await api('GET', '/api/sla/my-queue', rep)).json().data as { contact_id: number; first_touch_status: string }[];
    expect(mine.find((l) => l.contact_id === id)!.first_touch_status).toBe('missed');
  });

  it('recycles automatically after 8 attempts in 14 days without a connection', async () => {
    const id = await newMql('never@acme.com');
    const rep = await tokenFor((await assignment(id)).owner_id as number, 'sales_rep');
    for (let i = 0; i < 8; i++) {
      expect((await api('POST', '/api/activities', rep, { type: i % 2 ? 'email' : 'call', outcome: i % 2 ? 'sent' : 'voicemail', contact_id: id })).statusCode).toBe(201);
      t.clock.advance(H);
    }
    await t.app.revloop.sales.idle();
    expect((await api('GET', `/api/contacts/${id}`, mgr)).json().lifecycle_stage).toBe('mql');
    t.clock.advance(14 * 24 * H);
    await t.app.revloop.sales.idle();
    const c = (await api('GET', `/api/contacts/${id}`, mgr)).json();
    expect(c).toMatchObject({ lifecycle_stage: 'lead', lead_status: 'recycled' });
    expect(await assignment(id)).toMatchObject({ close_reason: 'recycled', attempts_in_window: 8 });
    expect(await alertKinds(rep, id)).toContain('recycled');
  });

  it('measures acceptance (MQL → SQL), counts rejections by reason, and refuses bad input', async () => {
    const id = await newMql('yes@acme.com');
    const rep = await tokenFor((await assignment(id)).owner_id as number, 'sales_rep');
    await api('POST', '/api/activities', rep, { type: 'call', outcome: 'connected', contact_id: id });
    expect((await api('GET', `/api/contacts/${id}`, mgr)).json().lead_status).toBe('connected');
    t.clock.advance(2 * H);
    const acc = await api('POST', `/api/contacts/${id}/accept`, rep);
    expect(acc.statusCode).toBe(200);
    expect(acc.json()).toMatchObject({ lifecycle_stage: 'sql', lead_status: 'qualified' });
    expect(await assignment(id)).toMatchObject({ close_reason: 'accepted' });
    expect((await api('POST', `/api/contacts/${id}/accept`, rep)).statusCode).toBe(422);

    const no = await newMql('no@acme.com');
    // Its own rep rejects it (routing may have given it to the other one; a rep rejects only their own).
    const noRep = await tokenFor((await assignment(no)).owner_id as number, 'sales_rep');
    expect((await api('POST', `/api/contacts/${no}/reject`, noRep, {})).statusCode).toBe(400);
    expect((await api('POST', `/api/contacts/${no}/reject`, noRep, { reason_code: 'student' })).statusCode).toBe(200);
    expect(await assignment(no)).toMatchObject({ close_reason: 'rejected' });
    expect((await api('POST', '/api/activities', rep, { type: 'call', contact_id: 999999 })).statusCode).toBe(404);

    const report = (await api('GET', `/api/reports/sla?from=2026-06-01&to=${t.clock.now().toISOString().slice(0, 10)}`, mgr)).json();
    expect(report.total.accepted).toBe(1);
    expect(report.total.rejected).toBe(1);
    expect(report.total.recycled).toBe(1);
    expect(report.total.median_hours_to_accept).toBeCloseTo(2, 5);
    expect(report.rejections).toEqual([{ reason_code: 'student', leads: 1 }]);
    expect(report.reps.map((r: { owner_name: string }) => r.owner_name).sort()).toEqual(['Ana Rep', 'Ben Rep']);
    const dash = (await api('GET', '/api/reports/sales-dashboard', mgr)).json();
    // Every open lead, page after page.
    const open: { status: string }[] = [];
    for (let cursor = ''; ; ) {
      const page = (await api('GET', `/api/sla/leads?limit=500${cursor ? `&cursor=${cursor}` : ''}`, mgr)).json();
      open.push(...page.data);
      if (!page.next_cursor) break;
      cursor = page.next_cursor;
    }
    expect(dash.open).toMatchObject({ open: open.length, breached: open.filter((l) => l.status === 'breached').length, at_risk: open.filter((l) => l.status === 'at_risk').length });
    expect(dash.open.breached).toBeGreaterThanOrEqual(3);
    expect(dash.not_touched_in_time.map((l: { name: string }) => l.name)).toEqual(expect.arrayContaining(['one', 'two', 'three']));
  });

  it('refuses impossible policies with the reason, and applies a business-hours calendar across a DST change', async () => {
    const bad = await api('PUT', '/api/sla/policies', mgr, { policies: [{ id: 'x', name: 'X', firstTouchMinutes: -60, attempts: 0, attemptsDays: 14, calendar: { timeZone: 'Mars/Olympus', hours: { mon: [['09:00', '18:00']] }, holidays: [] } }] });
    expect(bad.statusCode).toBe(400);
    const fields = (bad.json().errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['policies[0].firstTouchMinutes', 'policies[0].attempts', 'policies[0].calendar.timeZone']));
    expect((await api('GET', '/api/sla/policies', mgr)).json().policies.map((p: { id: string }) => p.id)).toEqual(['contact-sales', 'default']);
    const rep = await tokenFor(ids.ana, 'sales_rep');
    expect((await api('PUT', '/api/sla/policies', rep, { policies: [] })).statusCode).toBe(403);

    const week = { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] };
    const ok = await api('PUT', '/api/sla/policies', mgr, { policies: [{ id: 'madrid', name: 'Madrid office hours', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14, calendar: { timeZone: 'Europe/Madrid', hours: week, holidays: [] } }] });
    expect(ok.statusCode).toBe(200);
    // Friday 2026-10-23 16:00 in Madrid (14:00Z): 2 working hours left on Friday, 2 on Monday after
    // the clocks went back on Sunday: Monday 11:00 local, which is now 10:00Z (UTC+1).
    t.clock.set('2026-10-23T14:00:00Z');
    const id = await newMql('madrid@acme.es');
    const a = await assignment(id);
    expect(a.policy_id).toBe('madrid');
    expect(new Date(a.first_touch_due as string).toISOString()).toBe('2026-10-26T10:00:00.000Z');
    // 14 days later at the same local time: 16:00 in Madrid on 2026-11-06 is 15:00Z.
    expect(new Date(a.attempts_due as string).toISOString()).toBe('2026-11-06T15:00:00.000Z');
  });

  it('reassigns by hand with a new clock, and keeps an available owner', async () => {
    const id = await newMql('owned@acme.com', { owner_id: ids.ben });
    expect(await assignment(id)).toMatchObject({ owner_id: ids.ben, assigned_by: 'existing owner' });
    const res = await api('POST', `/api/contacts/${id}/assign`, mgr, { owner_id: ids.ana });
    expect(res.statusCode).toBe(200);
    const rows = await t.db.query<{ owner_id: number; close_reason: string | null }>('SELECT owner_id, close_reason FROM lead_assignments WHERE contact_id = $1 ORDER BY id', [id]);
    expect(rows).toEqual([{ owner_id: ids.ben, close_reason: 'reassigned' }, { owner_id: ids.ana, close_reason: null }]);
    const one = (await api('GET', `/api/sla/leads?contact_id=${id}`, mgr)).json().data;
    expect(one).toHaveLength(1);
    expect(one[0]).toMatchObject({ contact_id: id, owner_id: ids.ana, first_touch_status: 'on_time' });
    expect((await api('POST', `/api/contacts/${id}/assign`, mgr, { owner_id: 424242 })).statusCode).toBe(404);
  });
});

describe.each(testBackends())('returning contacts on %s', (backend) => {
  it('tells the owner within the pipeline pass when their contact views pricing or asks for sales, once per reason and hour, and the managers when an unowned hot contact comes back', async () => {
    const t = await createTestApp(backend, '2026-06-01T08:00:00Z');
    try {
      const rae = await createUser(t.db, { name: 'Rae Rep', email: 'rae@revloop.test', role: 'sales_rep', team: 'SDR' });
      const rep = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'rae', role: 'sales_rep', user_id: rae.id })).token}` };
      const basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
      let n = 0;
      const send = (type: string, body: Record<string, unknown>) =>
        t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `m${++n}`, anonymousId: 'anon-1', timestamp: t.clock.now().toISOString(), ...body } });
      await send('identify', { traits: { email: 'olga@initech.com', firstName: 'Olga' } });
      await t.app.revloop.processor.idle();
      const [c] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email_normalized = 'olga@initech.com'`);
      // Not owned yet: nobody to tell.
      await send('page', { properties: { path: '/pricing' } });
      await t.app.revloop.processor.idle();
      expect(await t.db.query(`SELECT 1 FROM alerts WHERE kind = 'contact_returned'`)).toHaveLength(0);
      const admin = await t.as('admin');
      expect((await t.app.inject({ method: 'POST', url: `/api/contacts/${c!.id}/assign`, headers: admin, payload: { owner_id: rae.id } })).statusCode).toBe(200);
      t.clock.advance(60_000);
      await send('page', { properties: { path: '/pricing' } });
      await send('page', { properties: { path: '/pricing' } });
      await send('track', { event: 'Contact Sales Requested', properties: { form_id: 'contact-sales' } });
      await t.app.revloop.processor.idle();
      const alerts = (await t.app.inject({ method: 'GET', url: '/api/alerts', headers: rep })).json().data as { kind: string; title: string }[];
      expect(alerts.filter((a) => a.kind === 'contact_returned').map((a) => a.title).sort()).toEqual(['Olga asked to talk to sales', 'Olga is looking at pricing']);

      // A hot contact nobody owns (here: hot by the scores, but not an MQL by the definition)
      // coming back is the sales managers' to hear about.
      const mgr = await createUser(t.db, { name: 'Max Manager', email: 'max@revloop.test', role: 'sales_manager', team: 'SDR' });
      const manager = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'max', role: 'sales_manager', user_id: mgr.id })).token}` };
      const model = (await t.app.inject({ method: 'GET', url: '/api/scoring/model', headers: admin })).json().value;
      expect((await t.app.inject({ method: 'PUT', url: '/api/scoring/model', headers: admin, payload: { ...model, fit: [{ id: 'vp', label: 'VP', field: 'contact.job_title', op: 'matches', value: '\\bVP\\b', points: 30 }], interest: [{ id: 'pages', label: 'Page view', event: 'page', points: 40 }], frequency: [], thresholds: { fit: 25, interest: 30 } } })).statusCode).toBe(200);
      expect((await t.app.inject({ method: 'PUT', url: '/api/scoring/mql-definition', headers: admin, payload: { clauses: [{ id: 'cs', label: 'Contact sales', mqlType: 'contact_sales', conditions: [{ kind: 'behaviour', event: 'Contact Sales Requested' }] }] } })).statusCode).toBe(200);
      await send('identify', { anonymousId: 'anon-2', traits: { email: 'vic@initrode.com', firstName: 'Vic', title: 'VP Sales' } });
      await t.app.revloop.processor.idle();
      await send('page', { anonymousId: 'anon-2', properties: { path: '/pricing' } });
      await t.app.revloop.processor.idle();
      const [vic] = await t.db.query<{ owner_id: number | null; lifecycle_stage: string; quadrant: string }>(
        `SELECT c.owner_id, c.lifecycle_stage, s.quadrant FROM contacts c JOIN contact_scores s ON s.contact_id = c.id WHERE c.email_normalized = 'vic@initrode.com'`);
      expect(vic).toMatchObject({ owner_id: null, quadrant: 'hot' });
      expect(vic!.lifecycle_stage).not.toBe('mql');
      const forManager = (await t.app.inject({ method: 'GET', url: '/api/alerts', headers: manager })).json().data as { kind: string; title: string; body: string }[];
      expect(forManager.filter((a) => a.kind === 'contact_returned').map((a) => a.title)).toEqual(['Vic is looking at pricing']);
      expect(forManager[0]!.body).toContain('A hot contact without an owner: assign it.');
    } finally {
      await t.cleanup();
    }
  });
});

describe.each(testBackends())('alert deliveries on %s', (backend) => {
  it('signs webhooks, retries with backoff and logs every attempt; keeps emails in the outbox without SMTP', async () => {
    const received: { headers: IncomingMessage['headers']; body: string }[] = [];
    let failFirst = true;
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        res.statusCode = failFirst ? 503 : 200;
        failFirst = false;
        res.end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const t = await createTestApp(backend, '2026-06-01T08:00:00Z');
    try {
      const admin = await t.as('admin');
      const hook = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: admin, payload: { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, kinds: ['lead.handoff'] } });
      expect(hook.statusCode).toBe(201);
      const { id: hookId, secret } = hook.json();
      expect((await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: admin, payload: { url: 'ftp://nope' } })).statusCode).toBe(400);
      await createUser(t.db, { name: 'Rae Rep', email: 'rae@revloop.test', role: 'sales_rep', team: 'SDR' });
      const c = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: 'hook@acme.com', lifecycle_stage: 'lead' } })).json();
      await moveStage({ db: t.db, clock: t.clock, actor: { type: 'system' } }, 'contact', c.id, 'mql', 'test');
      await t.app.revloop.sales.idle();
      expect(received).toHaveLength(1);
      const log1 = (await t.app.inject({ method: 'GET', url: `/api/webhooks/${hookId}/deliveries`, headers: admin })).json().data;
      expect(log1[0]).toMatchObject({ kind: 'handoff', status: 'pending', attempts: 1, last_error: 'HTTP 503 from ' + `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` });
      // Not retried before its backoff (30 s), retried after — by a restarted app: nothing
      // pending lives in memory, and the restart raises no second alert for the same handoff.
      await t.app.revloop.sales.idle();
      expect(received).toHaveLength(1);
      await t.app.close();
      const restarted = await buildApp({ db: t.db, clock: t.clock, webDist: null, processEvents: false });
      t.clock.advance(31_000);
      await restarted.revloop.sales.idle();
      expect(received).toHaveLength(2);
      expect(await t.db.query(`SELECT id FROM alerts WHERE kind = 'handoff'`)).toHaveLength(1);
      const log2 = (await restarted.inject({ method: 'GET', url: `/api/webhooks/${hookId}/deliveries`, headers: admin })).json().data;
      expect(log2[0]).toMatchObject({ status: 'sent', attempts: 2 });
      expect(log2[0].log.map((x: { ok: boolean; status_code: number }) => [x.ok, x.status_code])).toEqual([[false, 503], [true, 200]]);
      const last = received[1]!;
      const sig = webhookSignature(secret, String(last.headers['x-revloop-timestamp']), last.body);
      expect(last.headers['x-revloop-signature']).toBe(`sha256=${sig}`);
      expect(JSON.parse(last.body)).toMatchObject({ kind: 'handoff', contact_id: c.id });
      const outbox = (await restarted.inject({ method: 'GET', url: '/api/outbox', headers: admin })).json().data;
      expect(outbox).toEqual([expect.objectContaining({ to: 'rae@revloop.test', kind: 'handoff' })]);
      await restarted.close();
    } finally {
      await t.cleanup();
      server.close();
    }
  });
});
