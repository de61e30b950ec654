// The SLA policies and routing rules edited as forms in a real browser (Debian's Chromium driven by
// playwright-core) against the real server on PGlite: an admin sets the catch-all policy to 2 h on
// Madrid office hours with 6 attempts in 10 days, adds a webinar policy above it and saves, and the
// API holds exactly that; 0 attempts is refused next to the field, in words, and nothing is saved;
// a routing rule sends Spanish companies to team Iberia (after the default Fans light-check rule,
// each showing how many contacts it matches now); on a 390 px phone the page does not scroll sideways.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'e2e sla forms 5k!x';

const weekday = [['09:00', '17:00']];
const office = [['09:00', '18:00']];
// The default for requests: 5 minutes from the request, in office hours of the workspace's zone (UTC here).
const contactSales = {
  id: 'contact-sales', name: 'Asked for sales or a demo', match: { mqlTypes: ['contact_sales', 'online_demo'] },
  firstTouchMinutes: 5, attempts: 8, attemptsDays: 14, calendar: { timeZone: 'UTC', hours: { mon: office, tue: office, wed: office, thu: office, fri: office }, holidays: [] },
  monthlyCapacity: null, atRiskShare: 0.75, autoRecycle: true, clockStart: 'request', atRiskAlerts: 'owner',
};
const expectedPolicies = {
  policies: [
    contactSales,
    {
      id: 'webinar-mqls', name: 'Webinar MQLs', match: { mqlTypes: ['webinar'] },
      firstTouchMinutes: 60, attempts: 8, attemptsDays: 14, calendar: null, monthlyCapacity: null, atRiskShare: 0.75, autoRecycle: true,
      clockStart: 'assignment', atRiskAlerts: 'owner_and_manager',
    },
    {
      id: 'default', name: 'Every other MQL', match: {},
      firstTouchMinutes: 120, attempts: 6, attemptsDays: 10,
      calendar: { timeZone: 'Europe/Madrid', hours: { mon: weekday, tue: weekday, wed: weekday, thu: weekday, fri: weekday }, holidays: [] },
      monthlyCapacity: null, atRiskShare: 0.75, autoRecycle: true, clockStart: 'assignment', atRiskAlerts: 'owner',
    },
  ],
};

describe('SLA policies and routing rules as forms in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    await createUser(t.db, { name: 'Iñigo Rep', email: 'inigo@revloop.test', password, role: 'sales_rep', team: 'Iberia' });
    await createUser(t.db, { name: 'Sam Rep', email: 'sam@revloop.test', role: 'sales_rep', team: 'SDR' });
    // A marketer's team is no sales team: routing cannot send leads there.
    await createUser(t.db, { name: 'Mo Marketing', email: 'mo@revloop.test', role: 'marketing', team: 'Growth' });
    // Two contacts at a company in Spain and one elsewhere: the rule for Spain says it matches two.
    const [es] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, country) VALUES ('Sol', ' spain ') RETURNING id`);
    const [fr] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, country) VALUES ('Lune', 'France') RETURNING id`);
    for (const [email, company] of [['a@sol.test', es!.id], ['b@sol.test', es!.id], ['c@lune.test', fr!.id]] as const) {
      await t.db.query('INSERT INTO contacts (email, email_normalized, company_id) VALUES ($1, $1, $2)', [email, company]);
    }
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: { width: 1440, height: 1000 } }));
    await signIn(page, base, 'ada@revloop.test', password);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('changes the catch-all policy to 2 h in Madrid office hours and 6 attempts in 10 days, adds a webinar policy, and the API holds exactly that', async () => {
    await page.goto(`${base}/settings/sales-sla`);
    const form = page.locator('[data-testid="sla-policies-form"]');
    const cards = form.locator('[data-testid="sla-policy"]');
    await expect.poll(() => cards.count()).toBe(2);
    // The catch-all has no match to edit, and says why.
    expect(await cards.nth(1).locator('[data-testid="policy-mql-types"]').count()).toBe(0);
    expect(await cards.nth(1).locator('[data-testid="catch-all-note"]').textContent()).toContain('matches every lead');
    // MQL types read as words, never as their keys.
    expect(await cards.nth(0).locator('[data-testid="policy-mql-types"]').textContent()).toContain('Contact sales');
    expect(await form.textContent()).not.toContain('contact_sales');
    expect(await cards.nth(0).locator('label:has-text("Contact sales") input').isChecked()).toBe(true);

    const catchAll = cards.nth(1);
    await catchAll.locator('input[name="hours"]').fill('2');
    await catchAll.locator('input[name="minutes"]').fill('0');
    await catchAll.locator('input[name="attempts"]').fill('6');
    await catchAll.locator('input[name="attemptsDays"]').fill('10');
    await catchAll.locator('label:has-text("In business hours") input').check();
    await catchAll.locator('select[name="timeZone"]').selectOption('Europe/Madrid');
    for (const day of ['mon', 'tue', 'wed', 'thu', 'fri']) {
      const row = catchAll.locator(`[data-testid="weekday-row"][data-day="${day}"]`);
      expect(await row.locator('input[name="open"]').isChecked()).toBe(true);
      await row.locator('input[name="from"]').fill('09:00');
      await row.locator('input[name="to"]').fill('17:00');
    }
    for (const day of ['sat', 'sun']) {
      expect(await catchAll.locator(`[data-testid="weekday-row"][data-day="${day}"] input[name="open"]`).isChecked()).toBe(false);
    }

    // A new policy goes above the catch-all, which stays last.
    await form.locator('[data-testid="add-policy"]').click();
    await expect.poll(() => cards.count()).toBe(3);
    const webinar = cards.nth(1);
    await webinar.locator('input[name="name"]').fill('Webinar MQLs');
    await webinar.locator('label:has-text("Webinar") input').check();
    await webinar.locator('input[name="hours"]').fill('1');
    await webinar.locator('input[name="minutes"]').fill('0');
    // Its at-risk leads are told to the manager too; its clocks start at assignment (a new policy's default).
    expect(await webinar.locator('label:has-text("When the lead is assigned") input').isChecked()).toBe(true);
    await webinar.locator('label:has-text("The rep and their manager") input').check();
    expect(await cards.nth(0).locator('label:has-text("When the lead asked") input').isChecked()).toBe(true);
    expect(await cards.nth(2).locator('input[name="name"]').inputValue()).toBe('Every other MQL');

    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[data-testid="setting-saved"]').count()).toBe(1);
    expect(await getJson(page, base, '/api/sla/policies')).toEqual(expectedPolicies);
  });

  it('refuses 0 attempts next to the field, in words, and saves nothing', async () => {
    const form = page.locator('[data-testid="sla-policies-form"]');
    const catchAll = form.locator('[data-testid="sla-policy"]').nth(2);
    await catchAll.locator('input[name="attempts"]').fill('0');
    await form.locator('button[type="submit"]').click();
    const errors = form.locator('[data-testid="setting-errors"]');
    await expect.poll(() => errors.count()).toBe(1);
    expect(await errors.locator('li').allTextContents()).toEqual(['Policy “Every other MQL”: attempts: must be at least 1 attempt']);
    // Next to the field itself, and no internal path anywhere on screen.
    expect(await catchAll.locator('label.field:has(input[name="attempts"]) .field-error').textContent()).toBe('must be at least 1 attempt');
    expect(await form.textContent()).not.toContain('policies[');
    expect(await getJson(page, base, '/api/sla/policies')).toEqual(expectedPolicies);
  });

  it('adds a routing rule sending Spanish companies to team Iberia, offering only teams with sales users', async () => {
    const form = page.locator('[data-testid="routing-rules-form"]');
    // Until rules are saved, Fans get a light check: that rule is shown first, and kept.
    const fans = form.locator('[data-testid="routing-rule"]').first();
    await expect.poll(() => fans.locator('input[name="name"]').inputValue()).toBe('Fans get a light check');
    expect(await fans.locator('input[name="lightCheck"]').isChecked()).toBe(true);
    expect(await fans.locator('select[name="field"] option:checked').textContent()).toBe('Contact: Quadrant');
    await expect.poll(() => fans.locator('[data-testid="rule-matches"]').textContent()).toBe(
      'Matches 0 contacts now, 0 of them MQLs (this rule alone; an earlier rule may take some first).',
    );
    await form.locator('[data-testid="add-rule"]').click();
    await expect.poll(() => form.locator('[data-testid="routing-rule"]').count()).toBe(2);
    const rule = form.locator('[data-testid="routing-rule"]').nth(1);
    const teams = await rule.locator('select[name="team"] option').allTextContents();
    expect(teams).toEqual(['Any sales rep', 'Iberia', 'SDR']);
    await rule.locator('input[name="name"]').fill('Spain');
    const condition = rule.locator('[data-testid="routing-condition"]');
    await condition.locator('select[name="field"]').selectOption('company.country');
    expect(await condition.locator('select[name="field"] option:checked').textContent()).toBe('Company: Country');
    await condition.locator('select[name="op"]').selectOption({ label: 'is' });
    await condition.locator('input[name="value"]').fill('Spain');
    await rule.locator('select[name="team"]').selectOption('Iberia');
    // Counted in the database as it is written: " spain " is Spain.
    await expect.poll(() => rule.locator('[data-testid="rule-matches"]').textContent()).toBe(
      'Matches 2 contacts now, 0 of them MQLs (this rule alone; an earlier rule may take some first).',
    );
    expect(await form.locator('select[name="fallbackTeam"] option:checked').textContent()).toBe('Nobody: leave them unassigned and tell the managers');
    expect(await form.locator('input[name="keepExistingOwner"]').isChecked()).toBe(true);
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[data-testid="setting-saved"]').count()).toBe(1);
    expect(await getJson(page, base, '/api/routing/rules')).toEqual({
      rules: [
        { id: 'fans-light-check', name: 'Fans get a light check', conditions: [{ field: 'contact.quadrant', op: 'equals', value: 'fan' }], team: null, lightCheck: true },
        { id: 'spain', name: 'Spain', conditions: [{ field: 'company.country', op: 'equals', value: 'Spain' }], team: 'Iberia', lightCheck: false },
      ],
      fallbackTeam: null,
      keepExistingOwner: true,
    });
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'sla-forms.png'), fullPage: true });
  });

  it('keeps the JSON editor as an advanced switch', async () => {
    await page.locator('[data-testid="policies-as-json"]').click();
    const editor = page.locator('[data-testid="sla-policies-editor"] textarea');
    await editor.waitFor();
    expect(JSON.parse(await editor.inputValue())).toEqual(expectedPolicies);
    await page.locator('[data-testid="policies-as-json"]').click();
    await page.locator('[data-testid="sla-policies-form"]').waitFor();
  });

  it('shows a sales rep the same forms, read-only, with no JSON', async () => {
    const rep = await newPage(browser, { viewport: { width: 1440, height: 1000 } });
    try {
      await signIn(rep.page, base, 'inigo@revloop.test', password);
      await rep.page.goto(`${base}/settings/sales-sla`);
      const policies = rep.page.locator('[data-testid="sla-policies-form"]');
      await expect.poll(() => policies.locator('[data-testid="sla-policy"]').count()).toBe(3);
      expect(await policies.locator('input[name="name"]').nth(1).inputValue()).toBe('Webinar MQLs');
      expect(await policies.locator('input[name="attempts"]').nth(2).isDisabled()).toBe(true);
      expect(await policies.locator('button[type="submit"]').count()).toBe(0);
      const rules = rep.page.locator('[data-testid="routing-rules-form"]');
      await expect.poll(() => rules.locator('select[name="team"]').nth(1).inputValue()).toBe('Iberia');
      expect(await rules.locator('select[name="team"]').nth(1).isDisabled()).toBe(true);
      expect(await rep.page.locator('[data-testid="policies-as-json"], pre').count()).toBe(0);
    } finally {
      await rep.context.close();
    }
  });

  it('fits a 390 px phone without scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/settings/sales-sla`);
    // Two calendars of 7 days: the request policy's office hours and the catch-all's.
    await expect.poll(() => page.locator('[data-testid="weekday-row"]').count()).toBe(14);
    await page.locator('[data-testid="routing-rule"]').first().waitFor();
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'sla-forms-phone.png'), fullPage: true });
  });
});
