// Reports people can share (issue "A product people run their day in"), in real Chromium against the
// real server on PGlite: a report opened without a period shows the last complete month and says so;
// "This month so far" is one click and goes into the URL, which a reload keeps; days of one's own go
// into the URL and come back from it; and while a slow period loads, the previous figures stay greyed
// under a spinner instead of passing for the new answer.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { monthSeed, seedMonth } from './month-seed.js';

const password = 'e2e report periods 7q!';
const monthName = (m: string) => new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${m}-01T00:00:00Z`));

describe('report periods in the URL, the last complete month first, stale figures greyed', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const { clock, month, monthStart, at } = seedMonth();
  // The month before this one, 'YYYY-MM'.
  const last = new Date(Date.UTC(monthStart.getUTCFullYear(), monthStart.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const firstDay = `${month}-01`;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });
    const seed = monthSeed(t.db, at);
    // Last month: three Paid Search visits, five days before this month began.
    const ann = await seed.contact('Ann', 'Paid Search', -120, [['lead', -120]]);
    for (let i = 0; i < 3; i++) await seed.visit(ann, -120 + i, 'Paid Search');
    // This month, on its first day before noon: two Email visits.
    const bob = await seed.contact('Bob', 'Email', 1, [['lead', 1]]);
    for (let i = 0; i < 2; i++) await seed.visit(bob, 1 + i, 'Email');
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', timezoneId: 'UTC', clock }));
    await signIn(page, base, 'mara@revloop.test', password);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  const search = () => new URL(page.url()).searchParams;
  /** The sources table as [channel, visits] rows. */
  const rows = () => page.locator('[data-testid="source-row"]').evaluateAll((els) => els.map((e) => [e.children[0]!.textContent, e.children[1]!.textContent]));
  const shortcut = (v: 'last' | 'this') => page.locator(`[data-testid="month-shortcut"] button[data-value="${v}"]`);

  it('opens a monthly report on the last complete month and says so', async () => {
    await page.goto(`${base}/sources`);
    await expect.poll(rows).toEqual([['Paid Search', '3']]);
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(last);
    expect(await page.locator('[data-testid="month-note"]').textContent()).toBe(`${monthName(last)}, the last complete month`);
    expect(await shortcut('last').getAttribute('aria-pressed')).toBe('true');
    // The default stays out of the URL: a shared link without a period means "the last complete month".
    expect(search().get('month')).toBeNull();

    await page.goto(`${base}/reports/sales`);
    await expect.poll(() => page.locator('[data-testid="sales-report"]').getAttribute('data-month')).toBe(last);
    expect(await page.locator('[data-testid="month-note"]').textContent()).toBe(`${monthName(last)}, the last complete month`);
  });

  it('switches to this month so far in the URL, and a reload keeps it', async () => {
    await page.goto(`${base}/sources`);
    await expect.poll(rows).toEqual([['Paid Search', '3']]);
    await shortcut('this').click();
    await expect.poll(() => search().get('month')).toBe(month);
    await expect.poll(rows).toEqual([['Email', '2']]);
    expect(await page.locator('[data-testid="month-note"]').textContent()).toBe(`${monthName(month)} so far, not yet complete`);

    await page.reload();
    await expect.poll(rows).toEqual([['Email', '2']]);
    expect(search().get('month')).toBe(month);
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(month);
    expect(await shortcut('this').getAttribute('aria-pressed')).toBe('true');
  });

  it('offers the rolling windows and quarters, and keeps days of one’s own in the URL', async () => {
    const chip = (v: string) => page.locator(`[data-testid="period"] button[data-value="${v}"]`);
    expect(await page.locator('[data-testid="period"] button').allTextContents()).toEqual([
      'Month', 'Last 7 days', 'Last 30 days', 'Last 90 days', 'This quarter so far', 'Last quarter', 'Custom days',
    ]);
    await chip('last90').click();
    await expect.poll(() => search().get('period')).toBe('90d');
    await expect.poll(rows).toEqual([['Paid Search', '3'], ['Email', '2']]);

    // Custom days start from the days shown, then take the ones typed.
    await chip('custom').click();
    await expect.poll(() => search().get('from')).not.toBeNull();
    expect(search().get('period')).toBeNull();
    // The day fields render after the URL has its days: setting a value on a field not yet there
    // failed on CI ("Illegal invocation" on a null element).
    await page.locator('input[name="from"]').waitFor();
    await page.locator('input[name="to"]').waitFor();
    // Both fields changed in one go, before the page can re-render (Playwright's fill waits too
    // long in between to show it): each sends only its own day, so the second change cannot put
    // the first one's old value back.
    await page.evaluate(`(() => {
      const setValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value').set;
      for (const name of ['to', 'from']) {
        const input = document.querySelector('input[name="' + name + '"]');
        setValue.call(input, ${JSON.stringify(firstDay)});
        input.dispatchEvent(new Event('input', { bubbles: true }));
      }
    })()`);
    await expect.poll(() => [search().get('from'), search().get('to')]).toEqual([firstDay, firstDay]);
    await expect.poll(rows).toEqual([['Email', '2']]);

    const shared = page.url();
    await page.goto(`${base}/contacts`);
    await page.goto(shared);
    await expect.poll(rows).toEqual([['Email', '2']]);
    await expect.poll(() => page.locator('input[name="from"]').inputValue()).toBe(firstDay);
    await expect.poll(() => page.locator('input[name="to"]').inputValue()).toBe(firstDay);
    expect(await chip('range').getAttribute('aria-pressed')).toBe('true');
  });

  it('greys the previous figures under a spinner while a slow period loads', async () => {
    await page.goto(`${base}/sources?month=${month}`);
    await expect.poll(rows).toEqual([['Email', '2']]);
    const body = page.locator('.report-body');
    expect(await body.getAttribute('class')).not.toContain('is-stale');

    // Last month's answer is held back until the page has been looked at.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    await page.route(
      (url) => url.pathname === '/api/reports/sources' && url.searchParams.get('month') === last,
      async (route) => {
        await held;
        await route.continue();
      },
    );
    await shortcut('last').click();
    await expect.poll(() => body.getAttribute('class')).toContain('is-stale');
    expect(await body.getAttribute('aria-busy')).toBe('true');
    expect(await page.locator('[data-testid="report-loading"]').textContent()).toContain('Loading');
    // The old rows are still there, greyed, not replaced by a blank page.
    expect(await rows()).toEqual([['Email', '2']]);
    // The greying fades in over 0.2 s, so a loaded machine may read it mid-transition.
    await expect
      .poll(() => page.locator('.report-body .report-figures').evaluate((e) => Number((globalThis as any).getComputedStyle(e).opacity)))
      .toBeLessThan(1);

    release();
    await expect.poll(rows).toEqual([['Paid Search', '3']]);
    expect(await body.getAttribute('class')).not.toContain('is-stale');
    expect(await body.getAttribute('aria-busy')).toBeNull();
    expect(await page.locator('[data-testid="report-loading"]').count()).toBe(0);
  });
});
