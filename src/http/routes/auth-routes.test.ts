import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../../domains/crm/users.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('sign-in, sessions and roles on %s', (backend) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(backend);
    await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', password: 'correct horse battery', role: 'sales_rep' });
  });
  afterAll(() => t.cleanup());

  it('signs in with a password into an HttpOnly SameSite session cookie, and signs out', async () => {
    const wrong = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'rita@revloop.test', password: 'nope' } });
    expect(wrong.statusCode).toBe(401);
    const res = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: ' RITA@revloop.test', password: 'correct horse battery' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().user).toMatchObject({ name: 'Rita Rep', role: 'sales_rep' });
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/revloop_session=rls_/);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const cookie = setCookie.split(';')[0]!;
    const me = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(me.json().user.email).toBe('rita@revloop.test');
    // A rep works contacts but cannot manage users.
    expect((await t.app.inject({ method: 'POST', url: '/api/contacts', headers: { cookie }, payload: { email: 'lead@acme.io' } })).statusCode).toBe(201);
    expect((await t.app.inject({ method: 'POST', url: '/api/users', headers: { cookie }, payload: { name: 'X', email: 'x@x.io', role: 'admin' } })).statusCode).toBe(403);
    await t.app.inject({ method: 'POST', url: '/api/auth/sign-out', headers: { cookie } });
    expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('stores only a scrypt hash and never returns it', async () => {
    const [row] = await t.db.query<{ password_hash: string }>(`SELECT password_hash FROM users WHERE email = 'rita@revloop.test'`);
    expect(row!.password_hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(row!.password_hash).not.toContain('correct horse');
    const users = await t.app.inject({ method: 'GET', url: '/api/users', headers: await t.as('admin') });
    expect(users.statusCode).toBe(200);
    expect(users.body).not.toContain('scrypt');
    expect(users.json().data[0]).not.toHaveProperty('password_hash');
  });

  it('answers 401 to an unknown token and publishes an OpenAPI document without auth', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/api/contacts', headers: { authorization: 'Bearer rlt_nope' } })).statusCode).toBe(401);
    const doc = await t.app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(doc.statusCode).toBe(200);
    const spec = doc.json();
    expect(spec.openapi).toMatch(/^3\./);
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/contacts', '/api/contacts/{id}', '/api/deals', '/api/companies', '/api/activities', '/api/contacts/{id}/timeline']));
    expect(spec.paths['/api/contacts'].post.requestBody).toBeDefined();
  });

  it('admin creates users; weak passwords and bad roles are refused with every field named', async () => {
    const admin = await t.as('admin');
    const bad = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name: '', email: 'x', password: 'short', role: 'boss' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name', 'password', 'role']);
    const ok = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name: 'Sam SDR', email: 'sam@revloop.test', role: 'sales_rep', team: 'SDR', hourly_cost: 30 } });
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ team: 'SDR', hourly_cost: 30 });
    const dup = await t.app.inject({ method: 'POST', url: '/api/users', headers: admin, payload: { name: 'Sam', email: 'SAM@revloop.test', role: 'viewer' } });
    expect(dup.statusCode).toBe(409);
  });
});

describe.each(testBackends())('first-run setup on %s', (backend) => {
  it('creates the first admin from the browser once, and never again', async () => {
    const t = await createTestApp(backend);
    try {
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/setup' })).json()).toEqual({ needed: true });
      const weak = await t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { name: 'Olga', email: 'olga@acme.io', password: 'short' } });
      expect(weak.statusCode).toBe(400);
      const [a, b] = await Promise.all([
        t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { name: 'Olga', email: 'olga@acme.io', password: 'first-admin-pass' } }),
        t.app.inject({ method: 'POST', url: '/api/auth/setup', payload: { name: 'Mallory', email: 'mallory@evil.io', password: 'second-admin-pass' } }),
      ]);
      expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      const winner = a.statusCode === 201 ? a : b;
      expect(winner.json().user.role).toBe('admin');
      expect(String(winner.headers['set-cookie'])).toMatch(/revloop_session=/);
      expect((await t.app.inject({ method: 'GET', url: '/api/auth/setup' })).json()).toEqual({ needed: false });
      expect((await t.db.query('SELECT 1 FROM users'))).toHaveLength(1);
      // The installation's first audit line says who became its admin, and that setup did it.
      expect(await t.db.query(`SELECT action, actor_type, actor_id, object_id FROM audit_log WHERE action = 'user.created'`)).toEqual([
        { action: 'user.created', actor_type: 'system', actor_id: 'setup', object_id: String(winner.json().user.id) },
      ]);
    } finally {
      await t.cleanup();
    }
  });
});
