import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, type TestDb } from '../testing/test-db.js';
import { createApiToken } from '../domains/auth/api-tokens.js';
import { buildApp } from './build-app.js';

describe('the app shell', () => {
  let t: TestDb;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    const web = mkdtempSync(join(tmpdir(), 'revloop-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Revloop</title><div id="root"></div>');
    writeFileSync(join(web, 'app.js'), 'console.log(1)');
    app = await buildApp({ db: t.db, webDist: web });
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('serves the single-page app for client routes and assets, JSON 404 for unknown API routes', async () => {
    for (const url of ['/', '/contacts/12', '/funnel']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('<div id="root">');
    }
    expect((await app.inject({ method: 'GET', url: '/app.js' })).body).toBe('console.log(1)');
    const api = await app.inject({ method: 'GET', url: '/api/nope', headers: { authorization: `Bearer ${(await createApiToken(t.db, { name: 'x', role: 'viewer' })).token}` } });
    expect(api.statusCode).toBe(404);
    expect(api.json()).toMatchObject({ code: 'not_found' });
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toEqual({ ok: true, database: 'pglite', reads: 'primary', status: 'ok', lag_seconds: 0 });
  });

  it('lets only an admin rename lifecycle stages', async () => {
    const marketing = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'm', role: 'marketing' })).token}` };
    const admin = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'a', role: 'admin' })).token}` };
    expect((await app.inject({ method: 'PUT', url: '/api/funnel/stages/mql', headers: marketing, payload: { label: 'Hot lead' } })).statusCode).toBe(403);
    const ok = await app.inject({ method: 'PUT', url: '/api/funnel/stages/mql', headers: admin, payload: { label: 'Marketing Qualified Lead' } });
    expect(ok.json()).toMatchObject({ key: 'mql', label: 'Marketing Qualified Lead', position: 3 });
    const stages = (await app.inject({ method: 'GET', url: '/api/funnel/stages', headers: marketing })).json().data;
    expect(stages.map((s: { key: string }) => s.key)).toEqual(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other']);
    expect((await app.inject({ method: 'PUT', url: '/api/funnel/stages/hot', headers: admin, payload: { label: 'x' } })).statusCode).toBe(404);
  });
});
