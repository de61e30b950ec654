import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../../domains/ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('campaigns, sources and assets on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let h: Record<string, string>;
  let n = 0;
  const send = (type: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `x${++n}`, timestamp: '2026-05-10T10:00:00Z', ...body } });
  const ebookCtx = { campaign: { source: 'newsletter', medium: 'email', name: 'Spring-Ebook' }, page: { path: '/ebook', url: 'https://revloop.io/ebook' } };

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-05-20T10:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    h = await t.as('marketing');
    // Three visitors land on the ebook page from the newsletter, before the campaign exists in Revloop.
    for (const v of ['a', 'b', 'c']) await send('page', { anonymousId: v, name: 'Ebook', properties: { path: '/ebook/', url: 'https://revloop.io/ebook/?utm_campaign=Spring-Ebook' }, context: ebookCtx });
    for (const v of ['a', 'b', 'c', 'd']) await send('track', { anonymousId: v, event: 'CTA Viewed', properties: { cta_id: 'hero', cta_name: 'Get the ebook' }, context: ebookCtx });
    await send('track', { anonymousId: 'a', event: 'CTA Clicked', properties: { cta_id: 'hero' }, context: ebookCtx });
    await send('track', { anonymousId: 'a', event: 'Form Submitted', properties: { form_id: 'ebook-form', email: 'a@litware.com' }, context: ebookCtx });
    await send('track', { anonymousId: 'b', event: 'Form Submitted', properties: { form_id: 'ebook-form', email: 'b@litware.com' }, context: ebookCtx });
    await send('track', { anonymousId: 'a', event: 'Content Downloaded', properties: { content_name: 'State of B2B 2026' }, context: ebookCtx });
    await send('track', { anonymousId: 'a', event: 'Webinar Registered', properties: { webinar_id: 'w1', webinar_name: 'Smarketing 101' } });
    await send('track', { anonymousId: 'b', event: 'Webinar Registered', properties: { webinar_id: 'w1' } });
    await send('track', { anonymousId: 'a', event: 'Webinar Attended', properties: { webinar_id: 'w1' } });
    await t.app.revloop.processor.idle();
  });
  afterAll(() => t.cleanup());

  it('links existing and new events to a campaign by utm_campaign, whatever its case', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: h, payload: { name: 'Spring ebook', type: 'whitepaper', utm_campaign: 'spring-ebook', starts_on: '2026-05-01', monthly_spend: 1200 } });
    expect(res.statusCode).toBe(201);
    await send('page', { anonymousId: 'e', properties: { path: '/ebook' }, context: ebookCtx });
    await t.app.revloop.processor.idle();
    const list = (await t.app.inject({ method: 'GET', url: '/api/campaigns', headers: h })).json().data;
    expect(list[0]).toMatchObject({ name: 'Spring ebook', visits: 4, contacts: 2, monthly_spend: 1200 });
    const dup = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: h, payload: { name: 'Again', type: 'webinar', utm_campaign: 'SPRING-EBOOK' } });
    expect(dup.statusCode).toBe(409);
    const bad = await t.app.inject({ method: 'POST', url: '/api/campaigns', headers: h, payload: { name: 'X', type: 'radio', utm_campaign: 'x', starts_on: '2026-05-10', ends_on: '2026-05-01', monthly_spend: -5 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { field: string }) => e.field).sort()).toEqual(['ends_on', 'monthly_spend', 'type']);
  });

  it('reports landing-page, CTA and webinar conversion rates', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/reports/assets?from=2026-05-01&to=2026-05-31', headers: h })).json();
    const page = r.pages.find((p: { path: string }) => p.path === '/ebook');
    // Visitors a, b, c (the three newsletter readers) and e (after the campaign was created); a and b converted.
    // a's submit sent Form Submitted and Content Downloaded at the same moment: one submission, not two.
    expect(page).toMatchObject({ visitors: 4, submissions: 2, submitters: 2, conversion_rate: 0.5 });
    expect(r.ctas).toEqual([expect.objectContaining({ key: 'hero', name: 'Get the ebook', views: 4, clicks: 1, click_rate: 0.25 })]);
    expect(r.forms).toEqual([expect.objectContaining({ key: 'ebook-form', submissions: 2, contacts: 2 })]);
    expect(r.content).toEqual([expect.objectContaining({ key: 'State of B2B 2026', downloads: 1 })]);
    expect(r.webinars).toEqual([expect.objectContaining({ key: 'w1', name: 'Smarketing 101', registrations: 2, attendances: 1, attendance_rate: 0.5 })]);
  });

  it('reports visits, contacts and customers by channel', async () => {
    const r = (await t.app.inject({ method: 'GET', url: '/api/reports/sources?month=2026-05', headers: h })).json();
    const email = r.channels.find((c: { channel: string }) => c.channel === 'Email');
    expect(email).toMatchObject({ visits: 4, visitors: 4, contacts: 2, customers: 0, visit_to_contact: 0.5, contact_to_customer: 0 });
    const bad = await t.app.inject({ method: 'GET', url: '/api/reports/sources?month=2026-5', headers: h });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toBe('month');
  });
});
