import { Analytics } from '@segment/analytics-node';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('Segment tracking API on %s', (backend) => {
  let t: TestApp;
  let key: string;
  let basic: Record<string, string>;
  let base: string;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    key = (await createWriteKey(t.db, { name: 'website' })).key;
    basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  afterAll(() => t.cleanup());

  const count = async (sql: string, params: unknown[] = []) => (await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${sql}`, params))[0]!.n;

  it('accepts the unmodified @segment/analytics-node client pointed at Revloop', async () => {
    const analytics = new Analytics({ writeKey: key, host: base, flushAt: 3, maxRetries: 0 });
    analytics.identify({ userId: 'u-100', traits: { email: 'Maria@Northwind.com', name: 'Maria' } });
    analytics.track({ userId: 'u-100', event: 'Webinar Registered', properties: { webinar_id: 'w-7' } });
    analytics.page({ anonymousId: 'anon-1', name: 'Pricing', properties: { url: 'https://revloop.io/pricing' } });
    await analytics.closeAndFlush({ timeout: 10_000 });
    const rows = await t.db.query<{ type: string; event: string | null; user_id: string | null; traits: { email?: string }; context: { library?: { name?: string } } }>(
      `SELECT type, event, user_id, traits, context FROM events ORDER BY id`);
    expect(rows.map((r) => [r.type, r.event])).toEqual([['identify', null], ['track', 'Webinar Registered'], ['page', 'Pricing']]);
    expect(rows[0]!.traits.email).toBe('Maria@Northwind.com');
    expect(rows[1]!.context.library?.name).toBe('@segment/analytics-node');
  });

  it('stores a repeated messageId once, however often and however concurrently it is sent', async () => {
    const msg = { userId: 'u-1', event: 'CTA Clicked', messageId: 'dup-1', timestamp: '2026-06-01T09:00:00Z' };
    const first = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: msg });
    expect(first.json()).toMatchObject({ success: true, stored: 1, duplicates: 0 });
    const again = await Promise.all(Array.from({ length: 25 }, () => t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: msg })));
    expect(again.every((r) => r.statusCode === 200 && r.json().duplicates === 1)).toBe(true);
    const burst = await Promise.all(Array.from({ length: 25 }, () => t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { ...msg, messageId: 'dup-2' } })));
    expect(burst.reduce((s, r) => s + r.json().stored, 0)).toBe(1);
    expect(await count(`events WHERE message_id = ANY($1)`, [['dup-1', 'dup-2']])).toBe(2);
  });

  it('keeps the good messages of a batch and rejects the bad ones one by one, with reasons', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/v1/batch', headers: basic,
      payload: {
        batch: [
          { type: 'track', event: 'Form Submitted', anonymousId: 'a-9', messageId: 'b-1', properties: { form_id: 'demo' } },
          { type: 'track', anonymousId: 'a-9', messageId: 'b-2' },
          { type: 'page', messageId: 'b-3' },
          { type: 'identify', userId: 'u-9', messageId: 'b-4', traits: { email: 'x@y.io' } },
          { type: 'teleport', userId: 'u-9', messageId: 'b-5' },
        ],
      },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ success: true, stored: 2, duplicates: 0 });
    expect(res.json().rejected).toEqual([
      { index: 1, messageId: 'b-2', reason: expect.stringContaining('event is required') },
      { index: 2, messageId: 'b-3', reason: 'userId or anonymousId is required' },
      { index: 4, messageId: 'b-5', reason: expect.stringContaining('type must be one of') },
    ]);
    const rejected = await t.app.inject({ method: 'GET', url: '/api/events/rejected?limit=10', headers: await t.as('marketing') });
    expect(rejected.json().data.map((r: { message_id: string }) => r.message_id)).toEqual(expect.arrayContaining(['b-2', 'b-3', 'b-5']));
    expect(rejected.json().data.find((r: { message_id: string }) => r.message_id === 'b-2').payload).toEqual({ type: 'track', anonymousId: 'a-9', messageId: 'b-2' });
  });

  it('answers 413 with the limit, 400 to malformed JSON, 401 to an unknown write key', async () => {
    const big = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u', event: 'Big', properties: { x: 'y'.repeat(40_000) } } });
    expect(big.statusCode).toBe(413);
    expect(big.json()).toMatchObject({ code: 'payload_too_large', limit_bytes: 32768 });
    expect(big.json().message).toContain('32 KB');
    const hugeBatch = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch: Array.from({ length: 30 }, (_, i) => ({ type: 'track', userId: 'u', event: 'E', messageId: `h${i}`, properties: { x: 'y'.repeat(20_000) } })) } });
    expect(hugeBatch.statusCode).toBe(413);
    expect(hugeBatch.json().message).toContain('500 KB');
    const bad = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { ...basic, 'content-type': 'application/json' }, payload: '{"userId": "u", ' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().code).toBe('invalid_json');
    const unknown = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { authorization: `Basic ${Buffer.from('wk_nope:').toString('base64')}` }, payload: { userId: 'u', event: 'E' } });
    expect(unknown.statusCode).toBe(401);
    const none = await t.app.inject({ method: 'POST', url: '/v1/track', payload: { userId: 'u', event: 'E' } });
    expect(none.statusCode).toBe(401);
  });

  it('rejects a single invalid call with 400 and keeps it in rejected_events; a NUL byte cannot poison a commit', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/group', headers: basic, payload: { userId: 'u', messageId: 'g-1' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toContain('groupId is required');
    expect(await count(`rejected_events WHERE message_id = 'g-1'`)).toBe(1);
    const [nul, ok] = await Promise.all([
      t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u', event: 'E\u0000vil', messageId: 'n-1' } }),
      t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u', event: 'Fine', messageId: 'n-2' } }),
    ]);
    expect(nul.statusCode).toBe(400);
    expect(ok.json()).toMatchObject({ stored: 1 });
  });
});
