// The first-party tracker in a real browser: a website on another origin includes /t.js, a visitor
// arrives from a campaign link, browses, submits a form; Revloop ends up with one contact carrying
// the whole visit. Do-Not-Track is honoured when the site asks for it.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../src/domains/ingest/write-keys.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, startApp } from './browser.js';

describe('tracker script t.js in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let site: Server;
  let browser: Browser;
  let siteBase: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const key = (await createWriteKey(t.db, { name: 'website' })).key;
    // The API only: the tracker script and its endpoints, no web app.
    const started = await startApp(t.db, { webDist: null });
    app = started.app;
    const revloop = started.base;
    const page = (title: string, body: string, attrs = '') => `<!doctype html><html><head><title>${title}</title>
      <script async src="${revloop}/t.js" data-write-key="${key}" ${attrs}></script></head><body>${body}</body></html>`;
    site = createServer((req, res) => {
      res.setHeader('content-type', 'text/html');
      const path = (req.url ?? '/').split('?')[0];
      if (path === '/landing') res.end(page('Spring ebook', '<a id="next" href="/pricing">Pricing</a>'));
      else if (path === '/pricing') res.end(page('Pricing', `<form id="demo-form" data-form-name="Request a demo" action="/thanks" method="post">
          <input name="firstName" value=""><input type="email" name="email"><input type="password" name="password">
          <button type="submit">Send</button></form>`));
      else if (path === '/private') res.end(page('Private', '<p>dnt</p>', 'data-respect-dnt'));
      else res.end(page('Thanks', '<p>Thanks!</p>'));
    });
    await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
    siteBase = `http://localhost:${(site.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    site?.close();
    await closeAll({ browser, app, t });
  });

  const eventCount = async () => (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events'))[0]!.n;

  it('tracks a campaign visit and a form submission onto one contact', async () => {
    const page = await browser.newPage();
    await page.goto(`${siteBase}/landing?utm_source=newsletter&utm_medium=email&utm_campaign=spring-ebook`);
    await expect.poll(eventCount).toBe(1);
    await page.click('#next');
    await page.waitForURL(/pricing/);
    await expect.poll(eventCount).toBe(2);
    await page.fill('input[name="firstName"]', 'Marta');
    await page.fill('input[name="email"]', 'Marta.Ruiz@Adventure-Works.com');
    await page.fill('input[name="password"]', 'never-sent');
    await page.click('button[type="submit"]');
    await page.waitForURL(/thanks/);
    await expect.poll(eventCount).toBe(5); // page, page, identify, Form Submitted, page (thanks)
    await app.revloop.processor.idle();

    const events = await t.db.query<{ type: string; event: string | null; anonymous_id: string; contact_id: number | null; properties: Record<string, unknown>; context: { campaign?: Record<string, string>; page?: { url: string } } }>(
      'SELECT type, event, anonymous_id, contact_id, properties, context FROM events ORDER BY timestamp, id');
    expect(new Set(events.map((e) => e.anonymous_id)).size).toBe(1);
    expect(events[0]!.context.campaign).toEqual({ source: 'newsletter', medium: 'email', name: 'spring-ebook' });
    const form = events.find((e) => e.event === 'Form Submitted')!;
    expect(form.properties).toMatchObject({ form_id: 'demo-form', form_name: 'Request a demo', email: 'Marta.Ruiz@Adventure-Works.com', firstName: 'Marta' });
    expect(JSON.stringify(events)).not.toContain('never-sent');
    const [c] = await t.db.query<{ id: number; lifecycle_stage: string; first_name: string }>(`SELECT id, lifecycle_stage, first_name FROM contacts WHERE email_normalized = 'marta.ruiz@adventure-works.com'`);
    expect(c).toMatchObject({ lifecycle_stage: 'lead', first_name: 'Marta' });
    expect(events.every((e) => e.contact_id === c!.id)).toBe(true);
    const cookies = await page.context().cookies();
    expect(cookies.find((k) => k.name === 'rl_anon')?.value).toBe(events[0]!.anonymous_id);
    await page.close();
  });

  it('sends nothing when the site respects Do-Not-Track and the browser asks for it', async () => {
    const page = await browser.newPage();
    await page.addInitScript(`Object.defineProperty(Navigator.prototype, 'doNotTrack', { get: () => '1' })`);
    const before = await eventCount();
    await page.goto(`${siteBase}/private`);
    await expect.poll(() => page.evaluate('window.revloop && window.revloop.disabled')).toBe(true);
    expect(await eventCount()).toBe(before);
    await page.close();
  });
});
