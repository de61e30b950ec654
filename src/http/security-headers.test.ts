import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app/build-app.js';
import { createTestDb, type TestDb } from '../testing/test-db.js';

describe('security headers', () => {
  let t: TestDb;
  let web: string;
  let app: Awaited<ReturnType<typeof buildApp>>;
  beforeAll(async () => {
    t = await createTestDb('pglite');
    web = mkdtempSync(join(tmpdir(), 'revloop-web-'));
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Revloop</title><div id="root"></div>');
    app = await buildApp({ db: t.db, webDist: web, processEvents: false });
  });
  afterAll(async () => {
    await app.close();
    await t.cleanup();
  });

  it('sends a CSP that forbids framing and foreign scripts, nosniff and no referrer, on the app, the API and errors', async () => {
    for (const url of ['/', '/contacts/12', '/api/auth/setup', '/api/contacts', '/api/nope']) {
      const res = await app.inject({ method: 'GET', url });
      const csp = String(res.headers['content-security-policy']);
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("script-src 'self';");
      expect(csp, url).toContain("style-src 'self';");
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("object-src 'none'");
      expect(csp, url).not.toContain('upgrade-insecure-requests');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-resource-policy'], url).toBe('same-origin');
      // Over plain http HSTS would pin a browser to https the server does not speak.
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('lets other sites load the tracker and reach the tracking API (CORS and Cross-Origin-Resource-Policy)', async () => {
    const script = await app.inject({ method: 'GET', url: '/t.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const preflight = await app.inject({ method: 'OPTIONS', url: '/v1/track', headers: { origin: 'https://www.example.com', 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' } });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('https://www.example.com');
    const tracked = await app.inject({ method: 'POST', url: '/v1/track', payload: {} });
    expect(tracked.headers['cross-origin-resource-policy']).toBe('cross-origin');
    // Every other security header as on the app's own answers (both lists are taken from helmet once).
    const page = await app.inject({ method: 'GET', url: '/' });
    for (const name of ['content-security-policy', 'x-content-type-options', 'x-frame-options', 'referrer-policy', 'cross-origin-opener-policy', 'origin-agent-cluster', 'x-dns-prefetch-control', 'x-download-options', 'x-permitted-cross-domain-policies']) {
      expect(tracked.headers[name], name).toBeDefined();
      expect(tracked.headers[name], name).toBe(page.headers[name]);
    }
  });

  it('adds HSTS and upgrade-insecure-requests when the app is served over https', async () => {
    const https = await buildApp({ db: t.db, webDist: web, processEvents: false, publicUrl: 'https://crm.example.com' });
    try {
      const res = await https.inject({ method: 'GET', url: '/' });
      expect(res.headers['strict-transport-security']).toBe('max-age=15552000');
      expect(String(res.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
    } finally {
      await https.close();
    }
  });
});
