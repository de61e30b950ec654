// Win/loss in Chromium against the real server: a deal moved to Closed Lost from its card's menu
// asks the reason from the workspace's list and a note, and the win/loss report then counts it
// under that reason and its deal size band, beside a deal won earlier.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createCompany } from '../src/domains/crm/companies.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const password = 'Quiet-harbour-lantern-1987';
const DAY = 86_400_000;

describe('win/loss: closing a deal as lost with a reason, then reading the report', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const ada = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    const ctx: Ctx = { db: t.db, clock: systemClock, actor: { type: 'user', id: String(ada.id) } };
    const harbor = (await createCompany(ctx, { name: 'Harbor Labs', domain: 'harborlabs.io', segment: 'small' })).id;
    const ana = (await createContact(ctx, { email: 'ana@harborlabs.io', first_name: 'Ana', last_name: 'Ruiz', company_id: harbor })).id;
    const now = Date.now();
    await createDeal(ctx, {
      name: 'Harbor platform', stage: 'closed_won', amount: 20_000, owner_id: ada.id, contact_id: ana, win_reason: 'product_fit',
      created_at: new Date(now - 13 * DAY).toISOString(), closed_at: new Date(now - 3 * DAY).toISOString(),
    });
    await createDeal(ctx, { name: 'Harbor add-on', stage: 'proposal', amount: 5_000, owner_id: ada.id, contact_id: ana });
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT }));
    await signIn(page, base, 'ada@revloop.test', password);
  }, 300_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('asks the lost reason from the list and shows it in the win/loss report', { timeout: 300_000 }, async () => {
    await page.goto(`${base}/deals`);
    const card = page.locator('[data-testid="deal-card"]', { hasText: 'Harbor add-on' });
    await card.locator('[data-testid="deal-move"]').selectOption('closed_lost');
    const dialog = page.locator('[data-testid="lost-reason-dialog"]');
    // No reason, no move: the button waits for one from the list.
    await expect.poll(() => dialog.locator('button:has-text("Mark lost")').isDisabled()).toBe(true);
    const offered = await dialog.locator('select[name="lost_reason"] option').allTextContents();
    expect(offered).toEqual(['Choose a reason…', 'Price', 'Competitor', 'No decision', 'Timing', 'Missing feature', 'No budget', 'Bad fit', 'Unresponsive', 'Other']);
    await dialog.locator('select[name="lost_reason"]').selectOption({ label: 'Price' });
    await dialog.locator('textarea[name="close_note"]').fill('Asked for half the list price');
    await dialog.locator('button:has-text("Mark lost")').click();
    const lostCard = page.locator('[data-testid="deal-column"][data-stage="closed_lost"] [data-testid="deal-card"]', { hasText: 'Harbor add-on' });
    await lostCard.waitFor();
    await expect.poll(() => lostCard.locator('[data-testid="deal-reason"]').textContent()).toBe('Lost: Price');
    const deals = await getJson<{ data: { name: string; lost_reason: string | null; close_note: string | null }[] }>(page, base, '/api/deals?stage=closed_lost');
    expect(deals.data).toMatchObject([{ name: 'Harbor add-on', lost_reason: 'price', close_note: 'Asked for half the list price' }]);

    await page.goto(`${base}/reports/win-loss?period=30d&dimension=deal_size`);
    const report = page.locator('[data-testid="win-loss-report"][data-dimension="deal_size"]');
    await report.waitFor();
    expect(await page.locator('[data-testid="win-loss-won"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('[data-testid="win-loss-lost"]').getAttribute('data-value')).toBe('1');
    expect(await page.locator('[data-testid="win-loss-rate"]').getAttribute('data-value')).toBe('0.5');
    const rows = await page.locator('[data-testid="win-loss-row"]').evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-value'), e.querySelector('td')?.textContent, e.querySelector('[data-col="won"]')?.textContent, e.querySelector('[data-col="lost"]')?.textContent]));
    expect(rows).toEqual([['5k_20k', '5k to 20k', '0', '1'], ['20k_100k', '20k to 100k', '1', '0']]);
    const lostReasons = await page.locator('[data-testid="lost-reason-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-reason'), e.querySelector('td')?.textContent]));
    expect(lostReasons).toEqual([['price', 'Price']]);
    expect(await page.locator('[data-testid="won-reason-row"] td').first().textContent()).toBe('Product fit');
    await page.locator('[data-testid="win-loss-chart"] canvas, [data-testid="win-loss-chart"] svg').first().waitFor();
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'win-loss.png'), fullPage: true });
  });
});
