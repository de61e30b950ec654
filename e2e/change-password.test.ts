// Changing one's password in the browser, from the user menu: a weak password and a mistyped
// confirmation are refused under their fields, the change signs out the user's other sessions,
// and only the new password signs in afterwards. The same pages run under the app's
// Content-Security-Policy, so any inline script or style it blocked would show up here.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { moveStage } from '../src/domains/funnel/transitions.js';
import { systemClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp } from './browser.js';

const OLD = 'e2e-password-1';
const NEW = 'violet-harbour-engine';

describe('change password in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const cspViolations: string[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const ada = await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: OLD, role: 'admin' });
    const ctx: Ctx = { db: t.db, clock: systemClock, actor: { type: 'user', id: String(ada.id) } };
    const c = await createContact(ctx, { email: 'grace@hopper-labs.com', first_name: 'Grace', last_name: 'Hopper', lifecycle_stage: 'lead', original_source: 'Organic Search' });
    await moveStage(ctx, 'contact', c.id, 'mql', 'downloaded the pricing guide');
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser));
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
    });
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('changes the password from the user menu, refusing a weak one, and ends the other sessions', async () => {
    const other = await newPage(browser);
    try {
      await signIn(other.page, base, 'ada@revloop.test', OLD);
      await signIn(page, base, 'ada@revloop.test', OLD);
      await page.click('a:has-text("Change password")');
      await page.waitForURL(/\/account\/password$/);
      await page.waitForSelector('h1:has-text("Change password")');

      await page.fill('input[name="current_password"]', OLD);
      await page.fill('input[name="new_password"]', 'password123');
      await page.fill('input[name="confirm_password"]', 'password123');
      await page.click('button[type="submit"]:has-text("Change password")');
      await expect.poll(() => page.textContent('[data-field="new_password"]')).toMatch(/^is too easy to guess/);

      await page.fill('input[name="new_password"]', NEW);
      await page.fill('input[name="confirm_password"]', `${NEW}x`);
      await page.click('button[type="submit"]:has-text("Change password")');
      await expect.poll(() => page.textContent('[data-field="confirm_password"]')).toBe('does not match the new password');

      await page.fill('input[name="confirm_password"]', NEW);
      await page.click('button[type="submit"]:has-text("Change password")');
      await expect.poll(() => page.textContent('[role="status"]')).toContain('Your password is changed');
      const body = (await page.textContent('body')) ?? '';
      for (const internal of ['new_password', 'current_password', '/api/', 'validation_failed']) expect(body).not.toContain(internal);
      await page.screenshot({ path: join(projectRoot(), 'test-results', 'change-password.png'), fullPage: true });

      // This tab keeps its (new) session; the other browser was signed out by the change.
      await page.goto(`${base}/contacts`);
      await page.waitForSelector('[data-testid="contact-row"]');
      await other.page.goto(`${base}/contacts`);
      await other.page.waitForURL(/sign-in/);
    } finally {
      await other.context.close();
    }
  });

  it('signs in with the new password only', async () => {
    await page.click('button:has-text("Sign out")');
    await page.waitForURL(/sign-in/);
    await page.fill('input[name="email"]', 'ada@revloop.test');
    await page.fill('input[name="password"]', OLD);
    await page.click('button:has-text("Sign in")');
    await expect.poll(() => page.textContent('body')).toContain('Wrong email or password');
    await page.fill('input[name="password"]', NEW);
    await page.click('button:has-text("Sign in")');
    await page.waitForURL(/\/contacts/);
  });

  it('renders the app, charts and their tooltips included, without a Content-Security-Policy violation', async () => {
    await page.goto(`${base}/funnel`);
    await page.waitForSelector('canvas');
    // Sweep the pointer over the charts: ECharts' tooltips are HTML with inline style attributes.
    const boxes = await page.locator('canvas').evaluateAll((els) => els.map((e) => { const r = e.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; }));
    for (const b of boxes) for (let fx = 0.1; fx < 1; fx += 0.2) for (let fy = 0.2; fy < 1; fy += 0.2) await page.mouse.move(b.x + b.width * fx, b.y + b.height * fy);
    await page.goto(`${base}/contacts`);
    await page.waitForSelector('[data-testid="contact-row"]');
    expect(cspViolations).toEqual([]);
  });
});
