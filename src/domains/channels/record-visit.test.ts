import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('visits and sources from page views on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let n = 0;
  const page = (anon: string, at: string, path: string, context: Record<string, unknown> = {}) =>
    t.app.inject({ method: 'POST', url: '/v1/page', headers: basic, payload: { anonymousId: anon, messageId: `p${++n}`, timestamp: at, properties: { url: `https://revloop.io${path}`, path }, context } });

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T12:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
  });
  afterAll(() => t.cleanup());

  it('splits page views after 30 minutes, gives each visit its first hit channel, and sets the contact sources', async () => {
    await page('v1', '2026-06-01T09:00:00Z', '/pricing', { campaign: { source: 'google', medium: 'cpc', name: 'brand' }, page: { referrer: 'https://www.google.com/' } });
    await page('v1', '2026-06-01T09:10:00Z', '/features');
    await page('v1', '2026-06-01T09:39:00Z', '/docs'); // 29 minutes after the last hit: same visit
    await page('v1', '2026-06-01T10:20:00Z', '/blog/post', { page: { referrer: 'https://www.linkedin.com/feed/' } }); // 41 minutes: new visit
    await t.app.revloop.processor.idle();
    const visits = await t.db.query<{ channel: string; landing_page: string; page_count: number; pages: string[]; started_at: Date; ended_at: Date; campaign: string | null }>(
      `SELECT channel, landing_page, page_count, pages, started_at, ended_at, campaign FROM visits WHERE visitor_id = 'v1' ORDER BY started_at`);
    expect(visits.map((v) => [v.channel, v.landing_page, v.page_count, v.campaign])).toEqual([
      ['Paid Search', '/pricing', 3, 'brand'],
      ['Organic Social', '/blog/post', 1, null],
    ]);
    expect(visits[0]!.pages).toEqual(['/pricing', '/features', '/docs']);
    expect(new Date(visits[0]!.ended_at).getTime() - new Date(visits[0]!.started_at).getTime()).toBe(39 * 60_000);

    await t.app.inject({ method: 'POST', url: '/v1/identify', headers: basic, payload: { anonymousId: 'v1', messageId: `p${++n}`, traits: { email: 'visitor@contoso.com' } } });
    await t.app.revloop.processor.idle();
    const [c] = await t.db.query<{ id: number; original_source: string; latest_source: string }>(`SELECT id, original_source, latest_source FROM contacts WHERE email_normalized = 'visitor@contoso.com'`);
    expect(c).toMatchObject({ original_source: 'Paid Search', latest_source: 'Organic Social' });
    expect(await t.db.query('SELECT 1 FROM visits WHERE contact_id = $1', [c!.id])).toHaveLength(2);
  });

  it('a late hit before a visit start becomes its landing page and decides its channel', async () => {
    await page('v2', '2026-06-01T11:00:00Z', '/second', {});
    await page('v2', '2026-06-01T10:50:00Z', '/first', { campaign: { source: 'newsletter', medium: 'email' } });
    await t.app.revloop.processor.idle();
    const [v] = await t.db.query<{ channel: string; landing_page: string; pages: string[] }>(`SELECT channel, landing_page, pages FROM visits WHERE visitor_id = 'v2'`);
    expect(v).toEqual({ channel: 'Email', landing_page: '/first', pages: ['/first', '/second'] });
    const [e] = await t.db.query<{ channel: string; medium: string }>(`SELECT channel, medium FROM events WHERE anonymous_id = 'v2' AND properties->>'path' = '/first'`);
    expect(e).toEqual({ channel: 'Email', medium: 'email' });
  });

  it('keeps a declared (imported) original source', async () => {
    const h = await t.as('marketing');
    await t.app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'booth@fabrikam.com', original_source: 'Offline' } });
    await page('v3', '2026-06-01T11:30:00Z', '/pricing', { page: { referrer: 'https://duckduckgo.com/' } });
    await t.app.inject({ method: 'POST', url: '/v1/identify', headers: basic, payload: { anonymousId: 'v3', messageId: `p${++n}`, traits: { email: 'booth@fabrikam.com' } } });
    await t.app.revloop.processor.idle();
    const [c] = await t.db.query<{ original_source: string; latest_source: string }>(`SELECT original_source, latest_source FROM contacts WHERE email_normalized = 'booth@fabrikam.com'`);
    expect(c).toEqual({ original_source: 'Offline', latest_source: 'Organic Search' });
  });
});
