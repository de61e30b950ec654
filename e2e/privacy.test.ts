// Erase and export (GDPR) on the contact page, in Chromium against the real server: an admin
// downloads a person's data and erases them behind a confirmation; other roles see neither.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'Quiet-harbour-lantern-1987';

describe('erase and export on the contact page', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let contactId: number;
  let dealId: number;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const admin = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    await createUser(t.db, { name: 'Mia Marketing', email: 'mia@revloop.test', password, role: 'marketing' });
    const ctx: Ctx = { db: t.db, clock: systemClock, actor: { type: 'user', id: String(admin.id) } };
    contactId = (await createContact(ctx, { email: 'liesel@moerbeck-works.de', first_name: 'Liesel', last_name: 'Moerbeck', job_title: 'Head of IT' })).id;
    dealId = (await createDeal(ctx, { name: 'Moerbeck Works - Liesel pilot', stage: 'demo', amount: 18000, contact_id: contactId })).id;
    ({ app, base } = await startApp(t.db));
  });

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeAll({ browser, app, t });
  });

  it('offers neither to a marketing user', async () => {
    const { context, page } = await newPage(browser);
    contexts.push(context);
    await signIn(page, base, 'mia@revloop.test', password);
    await page.goto(`${base}/contacts/${contactId}`);
    await page.waitForSelector('[data-testid="contact-name"]');
    await page.waitForSelector('[data-testid="reject-form"]');
    expect(await page.locator('[data-testid="personal-data"]').count()).toBe(0);
  });

  it("lets an admin download the person's data, then erase them after confirming", async () => {
    const { context, page } = await newPage(browser, { acceptDownloads: true });
    contexts.push(context);
    await signIn(page, base, 'ada@revloop.test', password);
    await page.goto(`${base}/contacts/${contactId}`);
    const card = page.locator('[data-testid="personal-data"]');
    await card.waitFor();
    expect(await card.textContent()).not.toMatch(/api|\/contacts|_/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-personal-data"]')]);
    expect(download.suggestedFilename()).toBe(`contact-${contactId}-personal-data.json`);
    const data = JSON.parse(readFileSync((await download.path())!, 'utf8'));
    expect(data.contact).toMatchObject({ email: 'liesel@moerbeck-works.de', first_name: 'Liesel' });
    expect(data.deals).toMatchObject([{ name: 'Moerbeck Works - Liesel pilot', amount: 18000 }]);

    // Cancelling keeps the person.
    await page.click('[data-testid="erase-contact"]');
    const dialog = page.locator('[data-testid="erase-dialog"]');
    await dialog.waitFor();
    expect(await page.locator('[role="dialog"]').getAttribute('aria-label')).toBe('Erase Liesel Moerbeck?');
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'erase-dialog.png') });
    await page.click('[data-testid="erase-dialog"] button:has-text("Cancel")');
    await dialog.waitFor({ state: 'detached' });
    expect((await page.request.get(`${base}/api/contacts/${contactId}`)).status()).toBe(200);

    await page.click('[data-testid="erase-contact"]');
    await page.click('[data-testid="erase-dialog"] button:has-text("Erase for good")');
    await page.waitForURL(/\/contacts$/);
    await expect.poll(() => page.textContent('body')).toContain('Liesel Moerbeck was erased');
    await expect.poll(() => page.textContent('[data-testid="contacts-table"]')).toContain('No contacts yet.');
    expect((await page.request.get(`${base}/api/contacts/${contactId}`)).status()).toBe(404);
    const deal = await page.request.get(`${base}/api/deals/${dealId}`);
    expect(await deal.json()).toMatchObject({ name: 'Deal (erased contact)', amount: 18000, contact_id: null });

    // Adding the person again by hand asks for their renewed consent first.
    await page.click('button:has-text("New contact")');
    const form = page.locator('[data-testid="new-contact-form"]');
    await form.locator('input[name="email"]').fill('Liesel@Moerbeck-Works.de');
    await form.locator('button:has-text("Create contact")').click();
    await page.locator('[data-testid="consent-again"]').waitFor();
    expect(await form.textContent()).toContain('belongs to a person whose data was erased');
    expect(await form.textContent()).not.toContain('consent_again');
    await page.check('[data-testid="consent-again"] input');
    await form.locator('button:has-text("Create contact")').click();
    await expect.poll(() => page.textContent('body')).toContain('Created');
    await expect.poll(() => page.locator('[data-testid="contact-row"]').count()).toBe(1);
  });
});
