// The first start of a workspace and its team in a real browser (Debian's Chromium driven by
// playwright-core) against the real server on PGlite: the admin's checklist ticks itself as users
// and contacts arrive and goes when hidden; the admin edits a rep (team, manager, hourly cost, away),
// deactivates another (who is then refused at sign-in, told why) and resets a password (the new one
// works, in another browser).
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'e2e users and onboarding 4q!';
const WIDE = { width: 1440, height: 1000 };
const PHONE = { width: 390, height: 844 };
const shot = (name: string) => join(projectRoot(), 'test-results', `${name}.png`);

interface UserRow {
  id: number;
  email: string;
  team: string | null;
  manager_id: number | null;
  hourly_cost?: number;
  away: boolean;
  active: boolean;
}

describe('users and the onboarding checklist in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const others: BrowserContext[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    // An empty workspace: its first admin and nothing else.
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: WIDE }));
    await signIn(page, base, 'ada@revloop.test', password);
  });

  afterAll(async () => {
    for (const c of others) await c.close();
    await closeAll({ context, browser, app, t });
  });

  const users = async () => (await (await page.request.get(`${base}/api/users?limit=100`)).json()).data as UserRow[];
  const userId = async (email: string) => (await users()).find((u) => u.email === email)!.id;
  const pageWidth = () => page.evaluate<number>('document.documentElement.scrollWidth');
  const checklist = () => page.locator('[data-testid="onboarding-checklist"]');
  const doneSteps = async () =>
    (await checklist().locator('[data-testid="onboarding-step"][data-done="true"] .onboarding-label').allTextContents()).map((s) => s.replace(/ \(done\)$/, ''));

  /** The team's settings: their own section once settings are split, else the one settings page. */
  async function openTeamSettings() {
    await page.goto(`${base}/settings/team`);
    const table = page.locator('[data-testid="users-table"]');
    await expect.poll(async () => (await table.count()) + (await page.locator('h1:has-text("Page not found")').count())).toBeGreaterThan(0);
    if (!(await table.count())) await page.goto(`${base}/settings`);
    await table.waitFor();
  }
  const row = (email: string) => page.locator(`[data-testid="user-row"][data-email="${email}"]`);
  async function editUser(email: string) {
    await row(email).locator('[data-testid="edit-user"]').click();
    const dialog = page.locator('[role="dialog"]');
    await dialog.waitFor();
    return dialog;
  }

  it('shows 0 of 5 on an empty workspace, ticks users and contacts once they exist, and is gone for good once hidden', async () => {
    await expect.poll(() => checklist().count()).toBe(1);
    expect(await checklist().locator('[data-testid="onboarding-progress"]').textContent()).toBe('0 of 5 done');
    expect(await checklist().locator('[data-testid="onboarding-step"] .onboarding-label').allTextContents()).toEqual([
      'Set a revenue goal (to do)', 'Add your team (to do)', 'Install the website tracker (to do)', 'Import contacts (to do)', 'Define the MQL (to do)',
    ]);
    // Each step links to where it is done.
    expect(await checklist().locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual([
      '/settings/goals', '/settings/team', '/settings/integrations', '/import', '/settings/mql-definition',
    ]);
    // On a phone the steps start folded under the one-line summary, so the contact list still starts on the first screen.
    await page.setViewportSize(PHONE);
    await page.reload();
    await checklist().locator('[data-testid="onboarding-toggle"]').waitFor();
    expect(await checklist().locator('[data-testid="onboarding-step"]').count()).toBe(0);
    expect(await checklist().locator('[data-testid="onboarding-progress"]').textContent()).toBe('0 of 5 done');
    await checklist().locator('[data-testid="onboarding-toggle"]').click();
    await expect.poll(() => checklist().locator('[data-testid="onboarding-step"]').count()).toBe(5);
    await expect.poll(pageWidth).toBe(PHONE.width);
    await page.screenshot({ path: shot('onboarding-checklist-phone') });
    await page.setViewportSize(WIDE);
    await page.reload();
    await expect.poll(() => checklist().locator('[data-testid="onboarding-step"]').count()).toBe(5);

    // The team arrives and a contact is added: after a reload, those two are ticked.
    for (const [name, email, role, team] of [['Rae Rep', 'rae@revloop.test', 'sales_rep', 'SDR'], ['Sam Seller', 'sam@revloop.test', 'sales_rep', 'SDR'], ['Mia Manager', 'mia@revloop.test', 'sales_manager', 'SDR']]) {
      const res = await page.request.post(`${base}/api/users`, { data: { name, email, role, team, password } });
      expect(res.status(), await res.text()).toBe(201);
    }
    await page.reload();
    await expect.poll(doneSteps).toEqual(['Add your team']);
    expect((await page.request.post(`${base}/api/contacts`, { data: { email: 'first.lead@example.com', first_name: 'First' } })).status()).toBe(201);
    await page.reload();
    await expect.poll(doneSteps).toEqual(['Add your team', 'Import contacts']);
    expect(await checklist().locator('[data-testid="onboarding-progress"]').textContent()).toBe('2 of 5 done');
    await checklist().screenshot({ path: shot('onboarding-checklist') });

    await checklist().locator('[data-testid="onboarding-hide"]').click();
    await expect.poll(() => checklist().count()).toBe(0);
    await page.reload();
    await page.locator('h1').first().waitFor();
    expect(await checklist().count()).toBe(0);
  });

  it("edits a rep's team, manager and hourly cost and sets them away, naming a bad field under its input", async () => {
    await openTeamSettings();
    const dialog = await editUser('rae@revloop.test');
    await dialog.locator('input[name="team"]').fill('Closers');
    await dialog.locator('select[name="manager_id"]').selectOption({ label: 'Mia Manager' });
    await dialog.locator('input[name="hourly_cost"]').fill('45');
    await dialog.locator('input[name="away"]').check();
    // A bad figure is named under its own field, and nothing is saved.
    await dialog.locator('input[name="calls_per_hour"]').fill('0');
    await dialog.locator('button:has-text("Save")').click();
    await expect.poll(() => dialog.locator('.field-error[data-field="calls_per_hour"]').textContent()).toBe('must be more than 0');
    expect((await users()).find((u) => u.email === 'rae@revloop.test')).toMatchObject({ team: 'SDR', manager_id: null, away: false });

    await dialog.locator('input[name="calls_per_hour"]').fill('12');
    await dialog.locator('button:has-text("Save")').click();
    await expect.poll(() => dialog.locator('[role="status"]').textContent()).toBe('Rae Rep is saved.');
    expect(await dialog.locator('.field-error').count()).toBe(0);
    await page.setViewportSize(PHONE);
    await expect.poll(pageWidth).toBe(PHONE.width);
    await page.screenshot({ path: shot('edit-user-phone') });
    await page.setViewportSize(WIDE);
    await dialog.screenshot({ path: shot('edit-user') });
    await dialog.locator('button:has-text("Close")').click();

    const mia = await userId('mia@revloop.test');
    expect((await users()).find((u) => u.email === 'rae@revloop.test')).toMatchObject({ team: 'Closers', manager_id: mia, hourly_cost: 45, away: true, active: true });
    const rae = row('rae@revloop.test');
    await expect.poll(() => rae.locator('[data-testid="user-manager"]').textContent()).toBe('Mia Manager');
    expect(await rae.locator('td').nth(3).textContent()).toBe('Closers');
    expect(await rae.locator('[data-testid="user-hourly-cost"]').textContent()).toBe('45');
    expect(await rae.locator('[data-testid="user-status"]').textContent()).toBe('Away');
  });

  it('deactivates a user after a confirmation saying what it means; they are then refused at sign-in, told why', async () => {
    await openTeamSettings();
    const dialog = await editUser('sam@revloop.test');
    await dialog.locator('[data-testid="toggle-active"]').click();
    const confirm = dialog.locator('[data-testid="confirm-active"]');
    expect(await confirm.textContent()).toContain('Sam Seller will no longer be able to sign in: their sessions and API tokens stop working at once, routing gives them no new leads');
    await confirm.locator('button:has-text("Deactivate")').click();
    await expect.poll(() => dialog.locator('[data-testid="toggle-active"]').textContent()).toBe('Reactivate…');
    await dialog.locator('button:has-text("Close")').click();
    await expect.poll(() => row('sam@revloop.test').locator('[data-testid="user-status"]').textContent()).toBe('Inactive');

    const other = await newPage(browser, { viewport: WIDE });
    others.push(other.context);
    await other.page.goto(`${base}/sign-in`);
    await other.page.fill('input[name="email"]', 'sam@revloop.test');
    await other.page.fill('input[name="password"]', password);
    await other.page.click('button:has-text("Sign in")');
    await expect.poll(() => other.page.locator('[role="alert"]').textContent()).toContain('This account is deactivated. Ask an admin to reactivate it.');
    expect(new URL(other.page.url()).pathname).toBe('/sign-in');
  });

  it("resets a user's password, refusing a weak one with the rule's message; the user signs in with the new one", async () => {
    await openTeamSettings();
    const dialog = await editUser('rae@revloop.test');
    const form = dialog.locator('[data-testid="reset-password-form"]');
    await form.locator('input[type="password"]').fill('password123');
    await form.locator('button:has-text("Set password")').click();
    await expect.poll(() => form.locator('.field-error[data-field="password"]').textContent()).toMatch(/^is too easy to guess/);
    await form.locator('input[type="password"]').fill('violet-harbour-engine-7');
    await form.locator('button:has-text("Set password")').click();
    await expect.poll(() => form.locator('[role="status"]').textContent()).toBe('New password set. Rae Rep was signed out everywhere and signs in with it from now on.');

    const other = await newPage(browser, { viewport: WIDE });
    others.push(other.context);
    await other.page.goto(`${base}/sign-in`);
    await other.page.fill('input[name="email"]', 'rae@revloop.test');
    await other.page.fill('input[name="password"]', password);
    await other.page.click('button:has-text("Sign in")');
    await expect.poll(() => other.page.locator('[role="alert"]').textContent()).toContain('Wrong email or password');
    await signIn(other.page, base, 'rae@revloop.test', 'violet-harbour-engine-7');
    // A rep never sees the admins' checklist.
    await other.page.locator('h1').first().waitFor();
    expect(await other.page.locator('[data-testid="onboarding-checklist"]').count()).toBe(0);
  });
});
