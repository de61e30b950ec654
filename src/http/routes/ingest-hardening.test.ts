import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { createContact } from '../../domains/crm/contacts.js';
import { systemActor } from '../../domains/context.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// Issue 11, availability items 1 and 2 and the /v1 items of "bad input": what an attacker with the
// public write key (it is in every page's t.js tag) or a careless client sends must be refused by
// name, message by message, and must leave the server answering.
const deepObject = (levels: number) => JSON.parse('{"a":'.repeat(levels) + '1' + '}'.repeat(levels));
const deepArray = (levels: number) => JSON.parse('['.repeat(levels) + ']'.repeat(levels));

describe.each(testBackends())('hostile and careless tracking input on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    const key = (await createWriteKey(t.db, { name: 'website' })).key;
    basic = { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` };
  });
  afterAll(() => t.cleanup());

  const stored = async (messageIds: string[]) =>
    (await t.db.query<{ message_id: string }>('SELECT message_id FROM events WHERE message_id = ANY($1) ORDER BY message_id', [messageIds])).map((r) => r.message_id);
  const healthy = async () => (await t.app.inject({ method: 'GET', url: '/healthz' })).statusCode;

  it('refuses properties nested 1,500 levels deep by name, and keeps answering', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u-1', event: 'Deep', messageId: 'deep-1', properties: { p: deepObject(1500) } } });
    expect(res.statusCode).toBe(400);
    expect(res.json().message).toMatch(/properties\.p\.a\.a.*nested more than 32 levels/);
    const arr = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u-1', event: 'Deep', messageId: 'deep-2', properties: { list: deepArray(1000) } } });
    expect(arr.statusCode).toBe(400);
    expect(arr.json().message).toMatch(/properties\.list\.0.*nested more than 32 levels/);
    expect(await healthy()).toBe(200);
    const ok = await t.app.inject({ method: 'POST', url: '/v1/track', headers: basic, payload: { userId: 'u-1', event: 'Shallow', messageId: 'shallow-1', properties: { p: deepObject(20) } } });
    expect(ok.json()).toMatchObject({ success: true, stored: 1 });
    await t.app.revloop.processor.idle();
    expect(await stored(['deep-1', 'deep-2', 'shallow-1'])).toEqual(['shallow-1']);
  });

  it('rejects a deep message of a batch on its own and stores the rest', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/v1/batch', headers: basic,
      payload: { batch: [
        { type: 'track', userId: 'u-2', event: 'Fine', messageId: 'bd-1' },
        { type: 'track', userId: 'u-2', event: 'Deep', messageId: 'bd-2', context: { x: deepArray(2000) } },
        { type: 'identify', userId: 'u-2', messageId: 'bd-3', traits: { email: 'deep@northwind.io' } },
      ] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stored: 2, rejected_count: 1, rejected: [{ index: 1, messageId: 'bd-2' }] });
    expect(res.json().rejected[0].reason).toMatch(/^context\.x/);
    expect(await stored(['bd-1', 'bd-2', 'bd-3'])).toEqual(['bd-1', 'bd-3']);
    await t.app.revloop.processor.idle();
    expect(await healthy()).toBe(200);
  });

  it('refuses a deeply nested body under /api by name before it reaches the database', async () => {
    const c = await createContact({ db: t.db, clock: t.clock, actor: systemActor }, { email: 'nested@northwind.io' });
    const headers = await t.as('admin');
    const res = await t.app.inject({ method: 'POST', url: '/api/activities', headers, payload: { type: 'call', contact_id: c.id, properties: { p: deepObject(1500) } } });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toMatchObject({ code: 'validation_failed', errors: [{ field: expect.stringMatching(/^properties\.p\.a/) }] });
    const arr = await t.app.inject({ method: 'POST', url: '/api/activities', headers, payload: { type: 'call', contact_id: c.id, properties: { p: deepArray(1000) } } });
    expect(arr.statusCode).toBe(400);
    const many = Object.fromEntries(Array.from({ length: 10_001 }, (_, i) => [`k${i}`, i]));
    const wide = await t.app.inject({ method: 'POST', url: '/api/activities', headers, payload: { type: 'call', contact_id: c.id, properties: many } });
    expect(wide.statusCode).toBe(400);
    expect(wide.json().message).toMatch(/more than 10,000 keys/);
    expect(await healthy()).toBe(200);
    const fine = await t.app.inject({ method: 'POST', url: '/api/activities', headers, payload: { type: 'call', contact_id: c.id, properties: { p: deepObject(10) } } });
    expect(fine.statusCode).toBe(201);
  });

  it('rejects each message with an impossible time by name and stores the good ones of the batch', async () => {
    const bad = [
      { timestamp: '+010000-01-01T00:00:00Z', why: /timestamp is out of range/ },
      { timestamp: 1e15, why: /timestamp is out of range/ },
      { timestamp: '-000001-01-01T00:00:00Z', why: /timestamp is out of range/ },
      { timestamp: '2026-02-30T10:00:00Z', why: /timestamp is not an ISO-8601 date/ },
      { timestamp: 'hello 5', why: /timestamp is not an ISO-8601 date/ },
      { originalTimestamp: '0000-01-01', why: /originalTimestamp is not an ISO-8601 date/ },
      { sentAt: '+275760-09-13T00:00:00Z', timestamp: '2026-05-01T00:00:00Z', why: /sentAt is out of range/ },
      { sentAt: '9999-12-31T00:00:00Z', timestamp: '1970-01-02T00:00:00Z', why: /clock-corrected time falls outside/ },
    ];
    const batch = [
      { type: 'track', userId: 'u-3', event: 'Good', messageId: 'ts-good-1', timestamp: '2026-05-31T10:00:00Z' },
      ...bad.map(({ why: _, ...b }, i) => ({ type: 'track', userId: 'u-3', event: 'Bad time', messageId: `ts-bad-${i}`, ...b })),
      { type: 'track', userId: 'u-3', event: 'Good', messageId: 'ts-good-2', timestamp: 1780308000000 },
    ];
    const res = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch } });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.stored).toBe(2);
    expect(body.rejected.map((r: { messageId: string }) => r.messageId)).toEqual(bad.map((_, i) => `ts-bad-${i}`));
    bad.forEach((b, i) => expect(body.rejected[i].reason, JSON.stringify(b)).toMatch(b.why));
    expect(await stored(batch.map((b) => b.messageId))).toEqual(['ts-good-1', 'ts-good-2']);
    const [good2] = await t.db.query<{ timestamp: Date }>(`SELECT timestamp FROM events WHERE message_id = 'ts-good-2'`);
    expect(good2!.timestamp.toISOString()).toBe('2026-06-01T10:00:00.000Z');
  });

  it('accepts valid JSON sent as text/plain, as Segment browser clients send it', async () => {
    const res = await t.app.inject({
      method: 'POST', url: '/v1/track', headers: { ...basic, 'content-type': 'text/plain;charset=UTF-8' },
      payload: JSON.stringify({ anonymousId: 'beacon-1', event: 'CTA Clicked', messageId: 'plain-1' }),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ success: true, stored: 1 });
    const broken = await t.app.inject({ method: 'POST', url: '/v1/track', headers: { ...basic, 'content-type': 'text/plain' }, payload: '{"anonymousId": "x",' });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'invalid_json' });
  });

  it('keeps one rejection summary for a call of 8,000 empty events, not 8,000 rows', async () => {
    const before = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM rejected_events'))[0]!.n;
    const res = await t.app.inject({ method: 'POST', url: '/v1/batch', headers: basic, payload: { batch: Array.from({ length: 8000 }, () => ({})) } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ stored: 0, rejected_count: 8000 });
    expect(res.json().rejected).toHaveLength(100);
    const rows = await t.db.query<{ reason: string; payload: { rejected: number; reasons: { reason: string; count: number }[] } }>(
      'SELECT reason, payload FROM rejected_events ORDER BY id OFFSET $1', [before]);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.reason).toMatch(/^8,000 messages of one call were rejected: type must be one of/);
    expect(rows[0]!.payload).toMatchObject({ rejected: 8000, reasons: [{ count: 8000 }] });
  });
});
