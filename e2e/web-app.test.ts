// The web app in a real browser (Debian's Chromium driven by playwright-core), against the real
// server on PGlite: sign in, find a contact, read its timeline, open the funnel and the deals board.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { logActivity } from '../src/domains/crm/activities.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { createUser } from '../src/domains/crm/users.js';
import { moveStage } from '../src/domains/funnel/transitions.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, startApp } from './browser.js';

// Signing in is what this file tests (a wrong password first), so it fills the form itself rather than use signIn.
describe('web app in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let contactId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const clock = fixedClock(new Date(Date.now() - 10 * 86400_000));
    const admin = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: 'e2e-password-1', role: 'admin' });
    const ctx: Ctx = { db: t.db, clock, actor: { type: 'user', id: String(admin.id) } };
    const c = await createContact(ctx, { email: 'grace@hopper-labs.com', first_name: 'Grace', last_name: 'Hopper', job_title: 'CTO', lifecycle_stage: 'lead', original_source: 'Organic Search' });
    contactId = c.id;
    await createContact(ctx, { email: 'alan@turing.io', first_name: 'Alan', last_name: 'Turing', lifecycle_stage: 'subscriber' });
    clock.advance(86400_000);
    await moveStage(ctx, 'contact', c.id, 'mql', 'downloaded the pricing guide');
    clock.advance(3600_000);
    await logActivity(ctx, { type: 'call', outcome: 'no_answer', contact_id: c.id, subject: 'Intro call' });
    clock.advance(86400_000);
    await createDeal(ctx, { name: 'Hopper Labs platform', stage: 'demo', amount: 42000, contact_id: c.id });
    ({ app, base } = await startApp(t.db, { clock: { now: () => new Date() } }));
    ({ context, page } = await newPage(browser));
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('signs in, lists contacts, searches, and shows a contact timeline', async () => {
    await page.goto(`${base}/contacts`);
    await page.waitForURL(/sign-in/);
    await page.fill('input[name="email"]', 'ada@revloop.test');
    await page.fill('input[name="password"]', 'wrong-password');
    await page.click('button:has-text("Sign in")');
    await expect.poll(() => page.textContent('body')).toContain('Wrong email or password');
    await page.fill('input[name="password"]', 'e2e-password-1');
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/contacts/);
    await page.waitForSelector('[data-testid="contact-row"]');
    expect(await page.locator('[data-testid="contact-row"]').count()).toBe(2);
    await page.fill('input[type="search"], input[name="q"]', 'hopper');
    await expect.poll(() => page.locator('[data-testid="contact-row"]').count()).toBe(1);
    await page.locator('[data-testid="contact-row"]').first().locator('a').first().click();
    await page.waitForURL(new RegExp(`/contacts/${contactId}$`));
    await page.waitForSelector('[data-testid="timeline-item"]');
    const timeline = await page.textContent('[data-testid="timeline"]');
    expect(timeline).toContain('Called, no answer');
    expect(timeline).toContain('Deal “Hopper Labs platform” created');
    expect(timeline).toContain('Moved from Lead to MQL');
    const items = await page.locator('[data-testid="timeline-item"]').allTextContents();
    // Newest first: the deal moved the contact to Opportunity after the call.
    expect(items.findIndex((s) => s.includes('Hopper Labs platform” created'))).toBeLessThan(items.findIndex((s) => s.includes('Called, no answer')));
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'contact-page.png'), fullPage: true });
  });

  it('shows the funnel with a chart and the deals board by stage', async () => {
    await page.goto(`${base}/funnel`);
    await page.waitForSelector('canvas');
    expect(await page.textContent('body')).toMatch(/MQL/);
    await page.goto(`${base}/deals`);
    await expect.poll(() => page.textContent('body')).toContain('Hopper Labs platform');
    expect(await page.textContent('body')).toContain('Demo');
  });
});

describe('first run in Chromium', () => {
  it('lets the first visitor create the admin and lands on the contacts list', async () => {
    const browser = await launchBrowser();
    const t = await createTestDb('pglite');
    // No users and no seed: the empty database is what makes this a first run.
    const { app, base } = await startApp(t.db);
    try {
      const { page } = await newPage(browser);
      await page.goto(`${base}/`);
      await page.waitForSelector('input[name="name"]');
      expect(await page.textContent('body')).toContain('create the first admin');
      await page.fill('input[name="name"]', 'Olga Owner');
      await page.fill('input[name="email"]', 'olga@acme.io');
      await page.fill('input[name="password"]', 'first-admin-pass');
      await page.click('button:has-text("Create admin")');
      await page.waitForURL(/\/contacts/);
      await expect.poll(() => page.textContent('body')).toContain('Olga Owner');
    } finally {
      await closeAll({ browser, app, t });
    }
  });
});
