import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appSecret } from '../../domains/notify/app-secret.js';
import { clickUrl, openPixelUrl, scannerVerdict, signTrackingToken, verifyTrackingToken } from '../../domains/notify/tracking-links.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

const human = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko)';

describe('tracking tokens and scanner detection', () => {
  it('verifies its own signature and refuses a tampered token', () => {
    const tok = signTrackingToken('s3cret', { e: 'digest-1', c: 7, t: 1_780_000_000, u: 'https://revloop.io/x' });
    expect(verifyTrackingToken('s3cret', tok)).toEqual({ e: 'digest-1', c: 7, t: 1_780_000_000, u: 'https://revloop.io/x' });
    expect(verifyTrackingToken('other', tok)).toBeNull();
    const [body, mac] = tok.split('.');
    const forged = Buffer.from(JSON.stringify({ e: 'digest-1', c: 8, t: 1_780_000_000, u: 'https://evil.example' })).toString('base64url');
    expect(verifyTrackingToken('s3cret', `${forged}.${mac}`)).toBeNull();
    expect(verifyTrackingToken('s3cret', `${body}.x${mac!.slice(1)}`)).toBeNull();
  });

  it.each([
    [{ userAgent: human, seconds: 3600 }, false],
    [{ userAgent: human, seconds: 4 }, true],
    [{ userAgent: 'Mozilla/5.0 (compatible; Barracuda Sentinel)', seconds: 3600 }, true],
    [{ userAgent: 'python-requests/2.31', seconds: 3600 }, true],
    [{ userAgent: undefined, seconds: 3600 }, true],
    [{ userAgent: human, seconds: 3600, method: 'HEAD' }, true],
  ])('flags %j as scanner: %s', (h, expected) => {
    const sentAt = new Date('2026-06-01T08:00:00Z');
    expect(scannerVerdict({ sentAt, at: new Date(sentAt.getTime() + h.seconds * 1000), userAgent: h.userAgent, method: (h as { method?: string }).method }).scanner).toBe(expected);
  });
});

describe.each(testBackends())('open pixel and click redirect on %s', (backend) => {
  let t: TestApp;
  let contactId: number;
  let secret: string;
  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T08:00:00Z');
    contactId = (await t.app.inject({ method: 'POST', url: '/api/contacts', headers: await t.as('admin'), payload: { email: 'rep@revloop.test' } })).json().id;
    secret = await appSecret(t.db);
  });
  afterAll(() => t.cleanup());

  it('records a human open and click, flags the scanner that clicked on delivery, and redirects only signed links', async () => {
    const sentAt = Math.floor(Date.parse('2026-06-01T08:00:00Z') / 1000);
    const pixel = openPixelUrl('http://x', secret, { e: 'digest-23', c: contactId, t: sentAt }).replace('http://x', '');
    const link = clickUrl('http://x', secret, { e: 'digest-23', c: contactId, t: sentAt, u: 'https://revloop.io/blog/new-webinar' }).replace('http://x', '');

    t.clock.set('2026-06-01T08:00:02Z');
    const scan = await t.app.inject({ method: 'GET', url: link, headers: { 'user-agent': human } });
    expect(scan.statusCode).toBe(302);
    t.clock.set('2026-06-01T09:15:00Z');
    const open = await t.app.inject({ method: 'GET', url: pixel, headers: { 'user-agent': human } });
    expect(open.headers['content-type']).toBe('image/gif');
    const click = await t.app.inject({ method: 'GET', url: link, headers: { 'user-agent': human } });
    expect(click.statusCode).toBe(302);
    expect(click.headers.location).toBe('https://revloop.io/blog/new-webinar');

    const rows = await t.db.query<{ event: string; contact_id: number; properties: { scanner: boolean; email_id: string; scanner_reason?: string } }>(
      `SELECT event, contact_id, properties FROM events WHERE contact_id = $1 ORDER BY timestamp, id`, [contactId]);
    expect(rows.map((r) => [r.event, r.properties.scanner])).toEqual([['Email Link Clicked', true], ['Email Opened', false], ['Email Link Clicked', false]]);
    expect(rows[0]!.properties.scanner_reason).toContain('after delivery');
    expect(rows.every((r) => r.properties.email_id === 'digest-23')).toBe(true);

    const tampered = await t.app.inject({ method: 'GET', url: link.slice(0, -3) + 'AAA' });
    expect(tampered.statusCode).toBe(404);
    expect(tampered.headers.location).toBeUndefined();
  });

  const clicks = (email: string) =>
    t.db.query<{ url: string; scanner: boolean }>(
      `SELECT properties->>'url' AS url, (properties->>'scanner')::boolean AS scanner FROM events
        WHERE contact_id = $1 AND event = 'Email Link Clicked' AND properties->>'email_id' = $2 ORDER BY id`, [contactId, email]);

  it('counts a replayed click once per recipient and link within 10 minutes, even when the replays arrive together', async () => {
    const sentAt = Math.floor(Date.parse('2026-06-02T08:00:00Z') / 1000);
    const link = (u: string) => clickUrl('http://x', secret, { e: 'digest-24', c: contactId, t: sentAt, u }).replace('http://x', '');
    const a = link('https://revloop.io/a');
    t.clock.set('2026-06-02T10:00:00Z');
    const together = await Promise.all(Array.from({ length: 5 }, () => t.app.inject({ method: 'GET', url: a, headers: { 'user-agent': human } })));
    expect(together.map((r) => r.statusCode)).toEqual([302, 302, 302, 302, 302]);
    t.clock.set('2026-06-02T10:09:59Z');
    await t.app.inject({ method: 'GET', url: a, headers: { 'user-agent': human } });
    // Another link of the same email is another click.
    await t.app.inject({ method: 'GET', url: link('https://revloop.io/b'), headers: { 'user-agent': human } });
    expect(await clicks('digest-24')).toEqual([{ url: 'https://revloop.io/a', scanner: false }, { url: 'https://revloop.io/b', scanner: false }]);
    // Past the window from the counted click, it counts again.
    t.clock.set('2026-06-02T10:10:01Z');
    await t.app.inject({ method: 'GET', url: a, headers: { 'user-agent': human } });
    expect((await clicks('digest-24')).map((c) => c.url)).toEqual(['https://revloop.io/a', 'https://revloop.io/b', 'https://revloop.io/a']);
  });

  it('never puts CR/LF into Location, even from a signed link, and answers 404 to a tampered one', async () => {
    const sentAt = Math.floor(Date.parse('2026-06-03T08:00:00Z') / 1000);
    t.clock.set('2026-06-03T10:00:00Z');
    // Signed by us, as a link built from stored text could be: the URL parser drops the line break.
    const token = signTrackingToken(secret, { e: 'digest-25', c: contactId, t: sentAt, u: 'https://revloop.io/a\r\nSet-Cookie: stolen=1' });
    const res = await t.app.inject({ method: 'GET', url: `/e/c/${token}`, headers: { 'user-agent': human } });
    expect(res.statusCode).toBe(302);
    expect(res.headers.location).toBe('https://revloop.io/aSet-Cookie:%20stolen=1');
    expect(res.headers['set-cookie']).toBeUndefined();
    for (const bad of [`${token}%0D%0ASet-Cookie:%20stolen=1`, `%0D%0A${token}`, `${token.split('.')[0]}.%0D%0A`, 'a%00b', 'x.y']) {
      const r = await t.app.inject({ method: 'GET', url: `/e/c/${bad}`, headers: { 'user-agent': human } });
      expect(r.statusCode, bad).toBe(404);
      expect(r.headers.location).toBeUndefined();
      expect(r.headers['set-cookie']).toBeUndefined();
      const o = await t.app.inject({ method: 'GET', url: `/e/o/${bad}.gif`, headers: { 'user-agent': human } });
      expect(o.statusCode, bad).toBe(200);
      expect(o.headers['content-type']).toBe('image/gif');
    }
    // Signed, but not a link a redirect may follow, or not a recipient: no redirect either.
    for (const p of [{ u: 'javascript:alert(1)', c: contactId }, { u: 'https://revloop.io/', c: 1e21 }, { u: 'https://revloop.io/', c: -1 }]) {
      const r = await t.app.inject({ method: 'GET', url: `/e/c/${signTrackingToken(secret, { e: 'digest-25', t: sentAt, ...p })}`, headers: { 'user-agent': human } });
      expect(r.statusCode).toBe(404);
    }
    expect(await clicks('digest-25')).toHaveLength(1);
  });

  it('keeps the generated signing secret across restarts', async () => {
    expect(await appSecret(t.db)).toBe(secret);
    expect(await appSecret(t.db, 'from-env')).toBe('from-env');
  });
});
