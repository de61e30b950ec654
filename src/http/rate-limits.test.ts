import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../domains/crm/users.js';
import { createWriteKey } from '../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { loadConfig } from '../app/config.js';

const basic = (key: string) => ({ authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` });

// The limits are in-process counters (no database in them): PGlite is enough here.
describe('request rate limits', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('pglite', '2026-03-02T09:00:00Z', { rateLimits: { apiPerMinute: 3, trackingPerMinute: 2 }, processEvents: false });
  });
  afterAll(() => t.cleanup());

  it('answers 429 with Retry-After once an API token passes its limit a minute; other tokens and sessions keep theirs', async () => {
    const viewer = await t.as('viewer');
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: viewer })).statusCode).toBe(200);
    const over = await t.app.inject({ method: 'GET', url: '/api/users', headers: viewer });
    expect(over.statusCode).toBe(429);
    expect(Number(over.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(over.headers['retry-after'])).toBeLessThanOrEqual(60);
    expect(over.json()).toMatchObject({ code: 'rate_limited', limit_per_minute: 3, message: expect.stringMatching(/^Too many requests with this API token: at most 3 a minute\. Try again in \d+ seconds?\.$/) });

    expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: await t.as('admin') })).statusCode).toBe(200);
    await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', role: 'sales_rep', password: 'correct horse battery' });
    const signIn = await t.app.inject({ method: 'POST', url: '/api/auth/sign-in', payload: { email: 'rita@revloop.test', password: 'correct horse battery' } });
    const cookie = String(signIn.headers['set-cookie']).split(';')[0]!;
    for (let i = 0; i < 3; i++) expect((await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    const session = await t.app.inject({ method: 'GET', url: '/api/auth/me', headers: { cookie } });
    expect(session.statusCode).toBe(429);
    expect(session.json().message).toMatch(/^Too many requests in this session/);
    // Health checks and the web app's files are never limited.
    for (let i = 0; i < 5; i++) expect((await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
  });

  it('limits the tracking API per write key', async () => {
    const site = basic((await createWriteKey(t.db, { name: 'site' })).key);
    const other = basic((await createWriteKey(t.db, { name: 'other' })).key);
    const track = (headers: Record<string, string>) =>
      t.app.inject({ method: 'POST', url: '/v1/track', headers, payload: { userId: 'u1', event: 'Signed Up', messageId: `m-${Math.random()}` } });
    expect((await track(site)).statusCode).toBe(200);
    expect((await track(site)).statusCode).toBe(200);
    const over = await track(site);
    expect(over.statusCode).toBe(429);
    expect(over.headers['retry-after']).toBeDefined();
    expect(over.json().message).toMatch(/^Too many requests with this write key: at most 2 a minute/);
    expect((await track(other)).statusCode).toBe(200);
  });

  it('reads the limits from the environment, 0 turning one off', () => {
    expect(loadConfig({}, {}).rateLimits).toEqual({ apiPerMinute: 1200, trackingPerMinute: 600_000 });
    expect(loadConfig({}, { RATE_LIMIT_API: '0', RATE_LIMIT_TRACKING: '20000' }).rateLimits).toEqual({ apiPerMinute: 0, trackingPerMinute: 20000 });
    expect(() => loadConfig({}, { RATE_LIMIT_API: 'lots' })).toThrow(/RATE_LIMIT_API must be a number/);
    expect(loadConfig({}, { SESSION_IDLE_HOURS: '0.5' }).sessionIdleHours).toBe(0.5);
    expect(() => loadConfig({}, { SESSION_IDLE_HOURS: '0' })).toThrow(/SESSION_IDLE_HOURS/);
    expect(loadConfig({}, {}).trustProxy).toBe(false);
    expect(loadConfig({}, { TRUST_PROXY: '10.0.0.0/8,127.0.0.1' }).trustProxy).toBe('10.0.0.0/8,127.0.0.1');
    const hops = loadConfig({}, { TRUST_PROXY: '1' }).trustProxy as (a: string, hop: number) => boolean;
    expect([hops('10.0.0.1', 0), hops('10.0.0.2', 1)]).toEqual([true, false]);
  });
});

describe('request rate limits turned off', () => {
  it('lets any number through when a limit is 0', async () => {
    const t = await createTestApp('pglite', '2026-03-02T09:00:00Z', { rateLimits: { apiPerMinute: 0, trackingPerMinute: 0 }, processEvents: false });
    try {
      const viewer = await t.as('viewer');
      for (let i = 0; i < 10; i++) expect((await t.app.inject({ method: 'GET', url: '/api/users', headers: viewer })).statusCode).toBe(200);
    } finally {
      await t.cleanup();
    }
  });
});
