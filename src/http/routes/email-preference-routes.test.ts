import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import { createUser, updateUser } from '../../domains/crm/users.js';
import { packEmailOptOuts } from '../../domains/rituals/email-preferences.js';
import { sendRitualEmail } from '../../domains/rituals/ritual-mail.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('email preferences and the ritual outbox on %s', (backend) => {
  let t: TestApp;
  const auth: Record<string, { authorization: string }> = {};
  const users: Record<string, number> = {};

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-10-14T06:00:00Z', { processEvents: false });
    for (const [name, role] of [['mara', 'marketing'], ['rae', 'sales_rep'], ['vic', 'viewer'], ['ada', 'admin']] as const) {
      users[name] = (await createUser(t.db, { name, email: `${name}@prefs.test`, role })).id;
      auth[name] = { authorization: `Bearer ${(await createApiToken(t.db, { name, role, user_id: users[name] })).token}` };
    }
  });
  afterAll(() => t.cleanup());

  const get = async (who: string) => t.app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: auth[who] });
  const put = async (who: string, payload: unknown) => t.app.inject({ method: 'PUT', url: '/api/me/email-preferences', headers: auth[who], payload: payload as object });

  it("answers each user's own, with the defaults of their role until they change one", async () => {
    expect((await get('mara')).json()).toEqual({
      daily_email: false, daily_hour: 8, daily_dashboard: 'marketing', daily_dashboard_options: ['marketing', 'sales_manager', 'rep'],
      daily_every_day: false, weekly_pack_email: true, monthly_pack_email: true, time_zone: 'UTC',
    });
    expect((await get('rae')).json()).toMatchObject({ daily_dashboard: 'rep', daily_dashboard_options: ['rep', 'marketing'] });
    expect((await get('ada')).json()).toMatchObject({ daily_dashboard: 'sales_manager' });
    expect((await get('vic')).json()).toMatchObject({ daily_dashboard: 'marketing' });
  });

  it('changes only the fields sent, and refuses bad input naming every field without writing any of it', async () => {
    const first = await put('mara', { daily_email: true, daily_hour: 7, daily_dashboard: 'sales_manager' });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ daily_email: true, daily_hour: 7, daily_dashboard: 'sales_manager', weekly_pack_email: true });
    expect((await put('mara', { weekly_pack_email: false })).json()).toMatchObject({ daily_email: true, daily_hour: 7, daily_dashboard: 'sales_manager', weekly_pack_email: false, monthly_pack_email: true });
    // What a meeting's send leaves out.
    expect([...(await packEmailOptOuts(t.db, 'weekly'))]).toEqual([users.mara]);
    expect([...(await packEmailOptOuts(t.db, 'monthly'))]).toEqual([]);

    const bad = await put('mara', { daily_email: 'yes', daily_hour: 24, daily_dashbord: 'rep', monthly_pack_email: false });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'daily_email', problem: 'must be true or false (send me the daily dashboard)' },
      { field: 'daily_hour', problem: 'must be a whole hour from 0 to 23' },
      { field: 'daily_dashbord', problem: 'is not a known field' },
    ]);
    expect((await put('mara', { daily_hour: 7.5 })).json().errors).toEqual([{ field: 'daily_hour', problem: 'must be a whole hour from 0 to 23' }]);
    expect((await put('mara', { daily_dashboard: 'ceo' })).json().errors).toEqual([{ field: 'daily_dashboard', problem: "must be one of marketing, sales_manager, rep (or null for your role's)" }]);
    expect((await get('mara')).json()).toMatchObject({ daily_hour: 7, monthly_pack_email: true });

    // null goes back to the role's dashboard.
    expect((await put('mara', { daily_dashboard: null })).json()).toMatchObject({ daily_dashboard: 'marketing', daily_hour: 7 });
  });

  it("keeps a rep to their queue or marketing's, also after a change of role", async () => {
    const refused = await put('rae', { daily_dashboard: 'sales_manager' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual([{ field: 'daily_dashboard', problem: "a sales rep gets one of rep or marketing: the sales manager's dashboard lists every rep's leads" }]);
    expect((await put('rae', { daily_dashboard: 'marketing' })).json()).toMatchObject({ daily_dashboard: 'marketing' });

    // A manager's choice of the sales dashboard falls back to the rep's queue once they are a rep.
    const sid = (await createUser(t.db, { name: 'Sid', email: 'sid@prefs.test', role: 'sales_manager' })).id;
    const sidAuth = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'sid', role: 'sales_manager', user_id: sid })).token}` };
    await t.app.inject({ method: 'PUT', url: '/api/me/email-preferences', headers: sidAuth, payload: { daily_dashboard: 'sales_manager' } });
    await updateUser(t.db, sid, { role: 'sales_rep' });
    const repToken = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'sid2', role: 'sales_rep', user_id: sid })).token}` };
    expect((await t.app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: repToken })).json()).toMatchObject({ daily_dashboard: 'rep' });
  });

  it('has no preferences for a token made without a user', async () => {
    const token = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'script', role: 'admin' })).token}` };
    const res = await t.app.inject({ method: 'GET', url: '/api/me/email-preferences', headers: token });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('Email preferences belong to a user: sign in, or use an API token created for a user.');
  });

  it('lets an admin read every ritual email kept without SMTP, newest first, a page at a time', async () => {
    for (const n of [1, 2, 3]) {
      await sendRitualEmail(t.db, t.clock, null, { kind: 'daily_rep', ref: `daily:2026-10-1${n}:${users.rae}`, userId: users.rae!, to: 'rae@prefs.test', subject: `Queue ${n}`, text: `text ${n}`, html: `<p>${n}</p>` });
    }
    const page = await t.app.inject({ method: 'GET', url: '/api/outbox/ritual-emails?limit=2', headers: auth.ada });
    expect(page.statusCode).toBe(200);
    const body = page.json();
    expect(body.data.map((e: { subject: string }) => e.subject)).toEqual(['Queue 3', 'Queue 2']);
    expect(body.data[0]).toMatchObject({ kind: 'daily_rep', ref: `daily:2026-10-13:${users.rae}`, user_id: users.rae, to: 'rae@prefs.test', text: 'text 3', html: '<p>3</p>', status: 'outbox', error: null, sent_at: null });
    const rest = (await t.app.inject({ method: 'GET', url: `/api/outbox/ritual-emails?limit=2&cursor=${body.next_cursor}`, headers: auth.ada })).json();
    expect(rest).toMatchObject({ data: [{ subject: 'Queue 1' }], next_cursor: null });
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox/ritual-emails?status=failed', headers: auth.ada })).json()).toEqual({ data: [], next_cursor: null });
    const bad = await t.app.inject({ method: 'GET', url: '/api/outbox/ritual-emails?status=lost', headers: auth.ada });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('status');
    expect((await t.app.inject({ method: 'GET', url: '/api/outbox/ritual-emails', headers: auth.mara })).statusCode).toBe(403);
  });
});
