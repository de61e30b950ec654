import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit, type AuditLine } from '../../domains/audit/audit-log.js';
import { createUser } from '../../domains/crm/users.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// As JSON carries it: the time as a string.
type Line = Omit<AuditLine, 'at'> & { at: string };

const password = 'a long and unusual passphrase 42';

describe.each(testBackends())('the audit log on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let call: (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, payload?: unknown) => Promise<{ statusCode: number; json: () => any }>;
  const lines = async (where = 'true') => t.db.query<Line>(`SELECT id, action, actor_type, actor_name, object_type, object_id, details FROM audit_log WHERE ${where} ORDER BY id`);
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-03-02T09:00:00Z');
    admin = await t.as('admin');
    call = async (method, url, payload) => {
      const res = await t.app.inject({ method, url, headers: admin, ...(payload === undefined ? {} : { payload: payload as object }) });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res;
    };
  });
  afterAll(() => t.cleanup());

  it('writes one line for every kind of change an admin makes, with the change', async () => {
    const rae = await createUser(t.db, { name: 'Rae Rep', email: 'rae@revloop.test', role: 'sales_rep', team: 'SDR' });
    // Each step: the request(s), then the audit line it must add (in this order, nothing else).
    const steps: { name: string; run: () => Promise<unknown>; line: Partial<Line> }[] = [
      { name: 'workspace', run: () => call('PUT', '/api/settings/workspace', { time_zone: 'Europe/Madrid' }), line: { action: 'settings.workspace', object_id: 'workspace', details: { time_zone: 'Europe/Madrid' } } },
      { name: 'stage', run: () => call('PUT', '/api/funnel/stages/mql', { label: 'Marketing qualified' }), line: { action: 'settings.stage', object_type: 'stage', object_id: 'mql', details: { label: 'Marketing qualified' } } },
      {
        name: 'pipeline',
        run: () => call('PUT', '/api/pipelines/1/stages', { stages: [{ key: 'discovery', label: 'Discovery' }, { key: 'demo', label: 'Demo' }, { key: 'closed_won', label: 'Won', outcome: 'won' }, { key: 'closed_lost', label: 'Lost', outcome: 'lost' }] }),
        line: { action: 'settings.pipeline', object_type: 'pipeline', object_id: '1', details: { stages: ['discovery', 'demo', 'closed_won', 'closed_lost'] } },
      },
      { name: 'property', run: () => call('POST', '/api/properties', { object_type: 'contact', name: 'plan', label: 'Plan', type: 'string' }), line: { action: 'settings.property', object_type: 'property', object_id: 'contact.plan' } },
      { name: 'scoring model', run: async () => call('PUT', '/api/scoring/model', (await call('GET', '/api/scoring/model')).json().value), line: { action: 'settings.scoring_model', object_type: 'scoring_model', object_id: '1', details: { version: 1 } } },
      { name: 'MQL definition', run: async () => call('PUT', '/api/scoring/mql-definition', (await call('GET', '/api/scoring/mql-definition')).json().value), line: { action: 'settings.mql_definition', object_id: '1' } },
      { name: 'SLA policies', run: async () => call('PUT', '/api/sla/policies', (await call('GET', '/api/sla/policies')).json()), line: { action: 'settings.sla_policies', object_id: 'sla_policies' } },
      { name: 'routing rules', run: () => call('PUT', '/api/routing/rules', { rules: [{ id: 'iberia', name: 'Iberia', conditions: [{ field: 'company.country', op: 'in', value: ['ES', 'PT'] }], team: 'SDR' }] }), line: { action: 'settings.routing_rules', details: { rules: ['iberia'], fallback_team: null } } },
      { name: 'webhook created', run: () => call('POST', '/api/webhooks', { url: 'https://hooks.example.com/services/T000/B000/SECRETPART' }), line: { action: 'webhook.created', object_type: 'webhook', details: { host: 'hooks.example.com', kinds: null } } },
      { name: 'webhook deleted', run: async () => call('DELETE', `/api/webhooks/${(await call('GET', '/api/webhooks')).json().data[0].id}`), line: { action: 'webhook.deleted', object_type: 'webhook', details: { host: 'hooks.example.com' } } },
      { name: 'user created', run: () => call('POST', '/api/users', { name: 'Max Manager', email: 'max@revloop.test', role: 'sales_rep', team: 'SDR' }), line: { action: 'user.created', object_type: 'user', details: { role: 'sales_rep' } } },
      { name: 'role changed', run: () => call('PATCH', `/api/users/${rae.id}`, { role: 'sales_manager' }), line: { action: 'user.role_changed', object_id: String(rae.id), details: { from: 'sales_rep', to: 'sales_manager' } } },
      { name: 'deactivated', run: () => call('PATCH', `/api/users/${rae.id}`, { active: false }), line: { action: 'user.deactivated', object_id: String(rae.id) } },
      { name: 'reactivated', run: () => call('PATCH', `/api/users/${rae.id}`, { active: true }), line: { action: 'user.reactivated', object_id: String(rae.id) } },
      { name: 'password reset', run: () => call('PATCH', `/api/users/${rae.id}`, { password }), line: { action: 'user.password_reset', object_id: String(rae.id), details: {} } },
      { name: 'other fields', run: () => call('PATCH', `/api/users/${rae.id}`, { team: 'North', hourly_cost: 40 }), line: { action: 'user.updated', details: { fields: ['hourly_cost', 'team'] } } },
      { name: 'token created', run: () => call('POST', '/api/tokens', { name: 'ci', role: 'viewer' }), line: { action: 'token.created', object_type: 'token', details: { name: 'ci', role: 'viewer', user_id: null } } },
      { name: 'token revoked', run: async () => call('DELETE', `/api/tokens/${(await call('GET', '/api/tokens')).json().data.find((x: { name: string }) => x.name === 'ci').id}`), line: { action: 'token.revoked', object_type: 'token', details: { name: 'ci', role: 'viewer' } } },
      { name: 'write key created', run: () => call('POST', '/api/write-keys', { name: 'website' }), line: { action: 'write_key.created', object_type: 'write_key', details: { name: 'website' } } },
      { name: 'write key revoked', run: async () => call('DELETE', `/api/write-keys/${(await call('GET', '/api/write-keys')).json().data[0].id}`), line: { action: 'write_key.revoked', object_type: 'write_key', details: { name: 'website' } } },
      { name: 'goal set', run: () => call('PUT', '/api/goals/2026-03', { revenue_goal: 400000, marketing_sourced_share: 0.5 }), line: { action: 'goal.set', object_type: 'goal', object_id: '2026-03', details: { revenue_goal: 400000, marketing_sourced_share: 0.5 } } },
      { name: 'goal deleted', run: () => call('DELETE', '/api/goals/2026-03'), line: { action: 'goal.deleted', object_id: '2026-03' } },
      { name: 'quotas', run: () => call('PUT', '/api/quotas/2026-03', { quotas: [{ user_id: rae.id, amount: 50000 }, { team: 'SDR', amount: 120000 }] }), line: { action: 'quota.set', object_type: 'quota', object_id: '2026-03' } },
      { name: 'MQL value set', run: () => call('PUT', '/api/mql-values/webinar', { value: 1200 }), line: { action: 'mql_value.set', object_type: 'mql_value', object_id: 'webinar', details: { value: 1200 } } },
      { name: 'MQL value cleared', run: () => call('PUT', '/api/mql-values/webinar', { value: null }), line: { action: 'mql_value.cleared', object_id: 'webinar' } },
    ];
    for (const step of steps) {
      const before = await lines();
      await step.run();
      const added = (await lines()).slice(before.length);
      expect(added, step.name).toHaveLength(1);
      expect(added[0], step.name).toMatchObject({ actor_type: 'api', actor_name: 'token:test-admin', ...step.line });
    }
    // Whatever kind, no line carries a secret: the webhook's URL path, a token, a password hash.
    const all = JSON.stringify(await lines());
    expect(all).not.toContain('SECRETPART');
    expect(all).not.toMatch(/rlt_|wk_|scrypt/);
  });

  it('writes nothing when the change is refused', async () => {
    const before = (await lines()).length;
    expect((await t.app.inject({ method: 'PUT', url: '/api/settings/workspace', headers: admin, payload: { time_zone: 'Mars/Olympus' } })).statusCode).toBe(400);
    expect((await t.app.inject({ method: 'PUT', url: '/api/funnel/stages/nope', headers: admin, payload: { label: 'x' } })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'DELETE', url: '/api/goals/2031-01', headers: admin })).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'PUT', url: '/api/mql-values/webinar', headers: admin, payload: { value: null } })).statusCode).toBe(200);
    expect(await lines()).toHaveLength(before);
  });

  it('reads back newest first, a page at a time, filtered by action, actor and day, naming people rather than ids', async () => {
    // A signed-in admin acts two days later, in Madrid's time zone (set above).
    const ada = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    // A line from elsewhere (the erase/export code writes these): an actor whose id is no user id.
    await recordAudit(t.db, { type: 'system', id: 'cli', name: 'cli:ops' }, t.clock.now(), { action: 'contact.exported', objectType: 'contact', objectId: 17, details: { sections: 12 } });
    t.clock.set('2026-03-04T23:30:00Z'); // 00:30 on 5 March in Madrid
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'ada@revloop.test', password } });
    expect(signIn.statusCode).toBe(200);
    const cookie = { cookie: signIn.cookies.map((c) => `${c.name}=${c.value}`).join('; ') };
    const rae = (await t.db.query<{ id: number }>(`SELECT id FROM users WHERE email = 'rae@revloop.test'`))[0]!.id;
    expect((await t.app.inject({ method: 'PATCH', url: `/api/users/${rae}`, headers: cookie, payload: { role: 'sales_rep' } })).statusCode).toBe(200);

    const read = async (query: string, headers = admin) => {
      const res = await t.app.inject({ method: 'GET', url: `/api/audit-log${query}`, headers });
      expect(res.statusCode, res.body).toBe(200);
      return res.json() as { data: Line[]; next_cursor: string | null };
    };
    const first = await read('');
    expect(first.data[0]).toMatchObject({
      action: 'user.role_changed', actor_type: 'user', actor_id: String(ada.id), actor_user_name: 'Ada Admin',
      object_type: 'user', object_id: String(rae), object_name: 'Rae Rep', details: { from: 'sales_manager', to: 'sales_rep' }, at: '2026-03-04T23:30:00.000Z',
    });
    const total = first.data.length;
    expect(total).toBe(27);
    expect(first.data.find((l) => l.action === 'contact.exported')).toMatchObject({ actor_type: 'system', actor_id: 'cli', actor_name: 'cli:ops', actor_user_name: null, object_name: null });
    // Names of the things acted on: the token and the write key, though revoked since.
    expect(first.data.find((l) => l.action === 'token.revoked')).toMatchObject({ object_name: 'ci', actor_name: 'token:test-admin', actor_user_name: null });
    expect(first.data.find((l) => l.action === 'write_key.created')).toMatchObject({ object_name: 'website' });

    // Keyset pages of 4: every line once, in the same order as the one big page.
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await read(`?limit=4${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.data.length).toBeLessThanOrEqual(4);
      seen.push(...page.data.map((l) => l.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(first.data.map((l) => l.id));

    expect((await read('?action=user')).data.map((l) => l.action)).toEqual([
      'user.role_changed', 'user.updated', 'user.password_reset', 'user.reactivated', 'user.deactivated', 'user.role_changed', 'user.created',
    ]);
    expect((await read('?action=user.role_changed')).data).toHaveLength(2);
    expect((await read('?action=settings')).data.map((l) => l.action).reverse()).toEqual([
      'settings.workspace', 'settings.stage', 'settings.pipeline', 'settings.property', 'settings.scoring_model', 'settings.mql_definition', 'settings.sla_policies', 'settings.routing_rules',
    ]);
    expect((await read(`?actor=${ada.id}`)).data.map((l) => l.action)).toEqual(['user.role_changed']);
    expect((await read('?object_type=token')).data.map((l) => l.action)).toEqual(['token.revoked', 'token.created']);
    // Days are the workspace's (Madrid): the 23:30 UTC line is on the 5th, the rest on the 2nd.
    expect((await read('?from=2026-03-05')).data).toHaveLength(1);
    expect((await read('?to=2026-03-04')).data).toHaveLength(total - 1);
    expect((await read('?from=2026-03-02&to=2026-03-02')).data).toHaveLength(total - 1);

    const bad = await t.app.inject({ method: 'GET', url: '/api/audit-log?from=yesterday&action=DROP TABLE&color=red', headers: admin });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['action', 'color', 'from']);
  });

  it('is for admins only', async () => {
    for (const role of ['marketing', 'sales_manager', 'sales_rep', 'viewer'] as const) {
      expect((await t.app.inject({ method: 'GET', url: '/api/audit-log', headers: await t.as(role) })).statusCode, role).toBe(403);
    }
  });
});
