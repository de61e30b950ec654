// A sales rep's day in a real browser (Debian's Chromium driven by playwright-core), against the real
// server on PGlite: logging a call made earlier, with notes and an outcome that fits a call, and seeing
// it on the timeline and in the SLA panel's attempts; a stage menu that offers only the moves the API
// accepts; and signing in from a link, which lands back on the page the link asked for.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { advanceTo } from '../src/domains/funnel/transitions.js';
import { routeQueuedLeads } from '../src/domains/sla/route-leads.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

// Far from UTC, so a local time read as UTC (or the other way round) would be off by half a day.
const ZONE = 'Pacific/Auckland';
const PASSWORD = 'e2e-password-1';

/** `YYYY-MM-DDTHH:mm` of an instant in ZONE: what the rep types into the datetime-local input. */
function localInput(at: Date): string {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(at)
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`;
}

const optionValues = (page: Page, select: string) =>
  page.locator(`${select} option`).evaluateAll((els) => els.map((e) => e.getAttribute('value')).filter(Boolean));

describe('a rep’s day in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let mqlId: number;
  let leadId: number;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: PASSWORD, role: 'admin' });
    const rep = await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', password: PASSWORD, role: 'sales_rep', team: 'SDR' });
    // The lead became an MQL and was handed to Rita three hours ago: her clock is open, nothing tried yet.
    const clock = fixedClock(new Date(Date.now() - 3 * 3600_000));
    const ctx: Ctx = { db: t.db, clock, actor: { type: 'system' } };
    const mql = await createContact(ctx, { email: 'grace@hopper-labs.com', first_name: 'Grace', last_name: 'Hopper', lifecycle_stage: 'lead' });
    mqlId = mql.id;
    await advanceTo(ctx, 'contact', mqlId, 'mql', 'downloaded the pricing guide');
    const [routed] = await routeQueuedLeads(ctx);
    expect(routed!.ownerId).toBe(rep.id);
    const lead = await createContact(ctx, { email: 'alan@turing.io', first_name: 'Alan', last_name: 'Turing', lifecycle_stage: 'lead', owner_id: rep.id });
    leadId = lead.id;
    ({ app, base } = await startApp(t.db, { clock: { now: () => new Date() } }));
    ({ context, page } = await newPage(browser, { timezoneId: ZONE }));
    await signIn(page, base, 'rita@revloop.test', PASSWORD);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('logs a call made an hour ago with notes: the timeline shows it at that time and the SLA panel counts the attempt', async () => {
    await page.goto(`${base}/contacts/${mqlId}`);
    const form = page.locator('[data-testid="log-activity-form"]');
    await form.waitFor();
    const attempts = page.locator('[data-testid="sla-panel-attempts"]');
    await expect.poll(() => attempts.textContent()).toBe('0 / 8');

    // The time starts at now, in the browser's local time.
    const when = form.locator('input[name="occurred_at"]');
    // Read in the page: only the browser knows which instant its local time means.
    const sinceNow = async () => page.evaluate((v) => Date.now() - new Date(v).getTime(), await when.inputValue());
    const offset = await sinceNow();
    expect(offset).toBeGreaterThanOrEqual(0);
    expect(offset).toBeLessThan(2 * 60_000);

    // Outcomes fit the type; changing the type drops an outcome that no longer fits.
    expect(await optionValues(page, '[data-testid="log-activity-form"] select[name="outcome"]')).toEqual(['connected', 'no_answer', 'voicemail', 'left_message', 'busy', 'wrong_number', 'gatekeeper']);
    await form.locator('select[name="outcome"]').selectOption('voicemail');
    await form.locator('select[name="type"]').selectOption('email');
    expect(await optionValues(page, '[data-testid="log-activity-form"] select[name="outcome"]')).toEqual(['sent', 'replied', 'bounced']);
    expect(await form.locator('select[name="outcome"]').inputValue()).toBe('');
    await form.locator('select[name="outcome"]').selectOption('sent');
    await form.locator('select[name="type"]').selectOption('meeting');
    expect(await optionValues(page, '[data-testid="log-activity-form"] select[name="outcome"]')).toEqual(['scheduled', 'completed', 'no_show', 'cancelled']);
    expect(await form.locator('select[name="outcome"]').inputValue()).toBe('');
    expect(await form.locator('select[name="outcome"] option[value="completed"]').textContent()).toBe('Held');
    await form.locator('select[name="type"]').selectOption('call');
    await form.locator('select[name="outcome"]').selectOption('voicemail');
    expect(await form.locator('select[name="outcome"] option:checked').textContent()).toBe('Left voicemail');

    // A time still to come is refused next to the field, and nothing is logged.
    await when.fill(localInput(new Date(Date.now() + 2 * 3600_000)));
    await form.locator('textarea[name="body"]').fill('Rang the main line.\nPA says she is back on Monday.');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => form.locator('[data-field="occurred_at"]').textContent()).toContain('is in the future');
    const logged = async () => (await getJson<{ data: { occurred_at: string; body: string | null; outcome: string | null }[] }>(page, base, `/api/activities?contact_id=${mqlId}`)).data;
    expect(await logged()).toEqual([]);
    expect(await attempts.textContent()).toBe('0 / 8');

    // An hour ago (after the lead was handed over, so it is an attempt on her clock), to the minute.
    const at = new Date(Math.floor((Date.now() - 3600_000) / 60_000) * 60_000);
    await when.fill(localInput(at));
    await form.locator('input[name="subject"]').fill('Follow-up on the pricing guide');
    await form.locator('button[type="submit"]').click();

    await expect.poll(() => attempts.textContent()).toBe('1 / 8');
    const [call] = await logged();
    expect(call).toMatchObject({ occurred_at: at.toISOString(), outcome: 'voicemail', body: 'Rang the main line.\nPA says she is back on Monday.' });

    const item = page.locator('[data-testid="timeline-item"][data-type="activity"]');
    await item.waitFor();
    // A sentence, not "Outbound call: voicemail".
    expect(await item.locator('.timeline-title').textContent()).toBe('Called, left a voicemail');
    expect(await item.locator('time').getAttribute('datetime')).toBe(at.toISOString());
    const shownTime = await page.evaluate(
      (iso) => new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)),
      at.toISOString(),
    );
    expect(await item.locator('time').textContent()).toBe(shownTime);
    expect(await item.locator('[data-testid="timeline-notes"]').innerText()).toBe('Rang the main line.\nPA says she is back on Monday.');
    // The form is ready for the next one: no outcome, notes empty, the time back at now.
    expect(await form.locator('select[name="outcome"]').inputValue()).toBe('');
    expect(await form.locator('textarea[name="body"]').inputValue()).toBe('');
    expect(await sinceNow()).toBeLessThan(2 * 60_000);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'rep-day-activity.png'), fullPage: true });
  });

  it('offers a lead only the stages the API accepts from Lead, and an MQL only those from MQL', async () => {
    const menu = '[data-testid="change-stage-form"] select[name="lifecycle_stage"]';
    await page.goto(`${base}/contacts/${leadId}`);
    await page.locator(menu).waitFor();
    await expect.poll(() => optionValues(page, menu)).toEqual(['mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other']);
    // Each one offered is one the API takes: move the lead on with the menu.
    await page.locator(menu).selectOption('mql');
    await page.click('[data-testid="change-stage-form"] button:has-text("Change stage")');
    await expect.poll(() => optionValues(page, menu)).toEqual(['sql', 'opportunity', 'customer', 'evangelist', 'other']);
    expect(await page.locator('[data-testid="change-stage-form"] [role="alert"]').count()).toBe(0);
    expect((await getJson<{ lifecycle_stage: string }>(page, base, `/api/contacts/${leadId}`)).lifecycle_stage).toBe('mql');
  });
});

describe('signing in from a link in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: PASSWORD, role: 'admin' });
    ({ app, base } = await startApp(t.db));
  });

  afterAll(() => closeAll({ browser, app, t }));

  const fillAndSubmit = async (page: Page) => {
    await page.fill('input[name="email"]', 'ada@revloop.test');
    await page.fill('input[name="password"]', PASSWORD);
    await page.click('button:has-text("Sign in")');
  };

  it('lands on the page the link asked for, query string included', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`${base}/reports/sales?month=2026-01`);
      await page.waitForURL(/\/sign-in$/);
      await fillAndSubmit(page);
      await page.waitForURL((u) => u.pathname !== '/sign-in');
      expect(page.url()).toBe(`${base}/reports/sales?month=2026-01`);
    } finally {
      await context.close();
    }
  });

  it('never follows a return address that leaves the app', async () => {
    // The first is a path of the app, to show the address planted below is the one the page reads.
    const cases: [string, string][] = [['/companies?q=acme', '/companies?q=acme'],
      ...['//evil.example/steal', 'https://evil.example/steal', '/\\evil.example/steal', '/\t/evil.example/steal'].map((f): [string, string] => [f, '/contacts'])];
    for (const [from, landing] of cases) {
      const { context, page } = await newPage(browser);
      try {
        await page.goto(`${base}/sign-in`);
        await page.waitForSelector('input[name="email"]');
        // The router keeps a location's state in history.state.usr: this is what a redirect with `from` leaves there.
        await page.evaluate((f) => (globalThis as unknown as { history: { replaceState(state: unknown, unused: string): void } }).history.replaceState({ usr: { from: f }, key: 'e2e', idx: 0 }, ''), from);
        await page.reload();
        await page.waitForSelector('input[name="email"]');
        await fillAndSubmit(page);
        await page.waitForURL((u) => u.pathname !== '/sign-in');
        expect(page.url(), from).toBe(`${base}${landing}`);
      } finally {
        await context.close();
      }
    }
  });
});
