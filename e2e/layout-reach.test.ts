// The app's layout on a phone and on a laptop screen (issue 15): on a 390 px phone the navigation hides
// behind a menu button and no page is wider than the screen once its tables and charts have data; on a
// 1440×900 screen Sign out and the other account links are in view without scrolling; and an empty month's
// sales waterfall labels its money axis without repeating "€1". Screenshots go to test-results/ to look at.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../src/sim/demo-team.js';
import { simulateCompany } from '../src/sim/simulate-company.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';
import { monthSeed, seedMonth } from './month-seed.js';

const PHONE = { width: 390, height: 844 };
const LAPTOP = { width: 1440, height: 900 };
// How long a page may take to show its data on a loaded machine (expect.poll's own default is one second).
const LOAD = { timeout: 20_000 };
const shot = (name: string) => join(projectRoot(), 'test-results', `layout-${name}.png`);

/** The month `n` months before `month` ('YYYY-MM'). */
function monthsBefore(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(y, m - 1 - n, 1)).toISOString().slice(0, 7);
}

// Records every text ECharts draws on a canvas (canvas charts have no text in the DOM), on the canvas itself,
// with where it was drawn. A full clear starts a new frame, so what is left is the last frame drawn.
// A string, not a function: the page runs it before the app's own scripts, in every document.
const recordCanvasText = `(() => {
  const proto = CanvasRenderingContext2D.prototype;
  const fillText = proto.fillText;
  const clearRect = proto.clearRect;
  proto.clearRect = function (x, y, w, h) {
    if (x === 0 && y === 0) this.canvas.__texts = [];
    return clearRect.call(this, x, y, w, h);
  };
  proto.fillText = function (text, x, y, maxWidth) {
    const m = this.getTransform();
    (this.canvas.__texts ||= []).push({ text: String(text), x: Math.round(m.a * x + m.c * y + m.e), y: Math.round(m.b * x + m.d * y + m.f) });
    return maxWidth === undefined ? fillText.call(this, text, x, y) : fillText.call(this, text, x, y, maxWidth);
  };
})()`;

describe('layout and reach in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext | undefined;
  let base: string;
  const { clock, month } = seedMonth();

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    // The demo company: four months of contacts, deals, SLA clocks, marketing events and meetings, so every
    // page has rows in its tables and lines in its charts.
    await simulateCompany(t.db, clock, { seed: 15, contacts: 300, months: 4, events: 'pipeline' });
    // A deal won this month (on its first day), so the sales report's tables have a row whatever day it is.
    const [contact] = await t.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id LIMIT 1');
    await monthSeed(t.db, seedMonth().at).wonDeal(contact!.id, 48_250, 1);
    ({ app, base } = await startApp(t.db, { clock }));
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  async function signedIn(viewport: { width: number; height: number }): Promise<Page> {
    await context?.close();
    const opened = await newPage(browser, { viewport, locale: 'en-US', clock });
    context = opened.context;
    await signIn(opened.page, base, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
    return opened.page;
  }

  const expanded = (page: Page) => page.getAttribute('[data-testid="menu-button"]', 'aria-expanded');
  // Page-side expressions are strings: this project's TypeScript has no DOM types.
  const focused = (page: Page) => page.evaluate<string | null>(`(() => {
    const el = document.activeElement;
    return el ? el.getAttribute('data-testid') ?? el.tagName.toLowerCase() : null;
  })()`);

  it('on a phone, hides the navigation behind a menu button that opens and closes it', async () => {
    const page = await signedIn(PHONE);
    await page.waitForSelector('[data-testid="contact-row"]');
    const button = page.locator('[data-testid="menu-button"]');
    const nav = page.locator('nav[aria-label="Main"]');

    // Closed: the page's own content is on the first screen, not a screenful of links.
    expect(await button.isVisible()).toBe(true);
    expect(await expanded(page)).toBe('false');
    expect(await button.getAttribute('aria-controls')).toBe(await page.locator('aside.sidebar').getAttribute('id'));
    expect(await nav.isVisible()).toBe(false);
    expect((await page.locator('h1').boundingBox())!.y).toBeLessThan(150);
    expect((await page.locator('[data-testid="contact-row"]').first().boundingBox())!.y).toBeLessThan(PHONE.height);
    await page.screenshot({ path: shot('phone-menu-closed') });

    // Open: the links and the account block, Sign out included, on the screen.
    await button.click();
    await expect.poll(() => expanded(page), LOAD).toBe('true');
    expect(await nav.isVisible()).toBe(true);
    const signOut = page.locator('button:has-text("Sign out")');
    expect(await signOut.isVisible()).toBe(true);
    const signOutBox = (await signOut.boundingBox())!;
    expect(signOutBox.y + signOutBox.height).toBeLessThanOrEqual(PHONE.height);
    await page.screenshot({ path: shot('phone-menu-open') });

    // Escape closes it and gives the focus back to the button.
    await page.keyboard.press('Escape');
    await expect.poll(() => expanded(page), LOAD).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await focused(page)).toBe('menu-button');

    // From the keyboard: Enter opens it, Tab goes into it.
    await page.keyboard.press('Enter');
    await expect.poll(() => expanded(page), LOAD).toBe('true');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<boolean>(`Boolean(document.activeElement?.closest('#sidebar'))`)).toBe(true);

    // Following a link closes it, and the focus lands on the page that opened.
    await page.click('a.nav-link:has-text("Sales SLA")');
    await page.waitForURL(/\/sla$/);
    await expect.poll(() => expanded(page), LOAD).toBe('false');
    expect(await nav.isVisible()).toBe(false);
    expect(await focused(page)).toBe('main');
  });

  it('on a phone, keeps every page within the screen once its tables and charts are loaded', async () => {
    const page = await signedIn(PHONE);
    const company = (await getJson<{ data: { id: number }[] }>(page, base, '/api/companies?limit=1')).data[0]!;
    // The latest meeting (the demo plans the next weekly one, its pack built from live data).
    const meeting = (await getJson<{ data: { id: number }[] }>(page, base, '/api/meetings')).data[0]!;
    // Each page and what shows it has loaded with data (rows in its tables, a drawn chart).
    const pages: [name: string, path: string, ready: string][] = [
      ['contacts', '/contacts', '[data-testid="contact-row"]'],
      ['company', `/companies/${company.id}`, '.table tbody tr'],
      ['funnel', '/funnel?period=30d', '[data-testid="funnel-chart"] canvas'],
      ['sources', '/sources?period=30d', '[data-testid="source-row"]'],
      ['assets', '/assets?period=30d', '[data-testid="pages-table"] tbody tr'],
      ['qualification', '/qualification', '[data-testid="calibration-row"]'],
      ['sla', '/sla?period=30d', '[data-testid="sla-rep-row"]'],
      ['attempts', '/sla/attempts', '[data-testid="attempts-group-row"]'],
      // With the month's goal its chart and days; without one, the card that says how to set it.
      ['marketing-sla', `/marketing-sla?month=${month}`, '[data-testid="msla-chart-card"] canvas, [data-testid="msla-no-goal"]'],
      ['sales-report', `/reports/sales?month=${month}`, '[data-testid="sales-rep-row"]'],
      ['attribution', `/reports/attribution?month=${month}`, '[data-testid="attribution-row"]'],
      ['meetings', '/meetings', '[data-testid="history-row"]'],
      ['meeting', `/meetings/${meeting.id}`, '[data-testid="meeting"] .table tbody tr'],
    ];
    const widths: Record<string, number> = {};
    for (const [name, path, ready] of pages) {
      await page.goto(`${base}${path}`);
      await expect.poll(() => page.locator(ready).count(), { ...LOAD, message: `${name}: ${ready}` }).toBeGreaterThan(0);
      // Every request the page makes answered, and no spinner left: the page is as wide as it gets.
      await page.waitForLoadState('networkidle');
      await expect.poll(() => page.locator('.loading').count(), { ...LOAD, message: `${name} still loading` }).toBe(0);
      widths[name] = await page.evaluate<number>('document.documentElement.scrollWidth');
      await page.screenshot({ path: shot(`phone-${name}`), fullPage: true });
    }
    expect(widths).toEqual(Object.fromEntries(pages.map(([name]) => [name, PHONE.width])));

    // A table wider than the screen scrolls inside its card rather than widen the page.
    await page.goto(`${base}/reports/sales?month=${month}`);
    const wrap = page.locator('[data-testid="sales-reps"] .table-wrap');
    await expect.poll(() => page.locator('[data-testid="sales-rep-row"]').count(), LOAD).toBeGreaterThan(0);
    const box = await wrap.evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth, right: el.getBoundingClientRect().right }));
    expect(box.right).toBeLessThanOrEqual(PHONE.width);
    expect(box.scroll).toBeGreaterThan(box.client);
  }, 240_000);

  it('on a 1440×900 screen, keeps Sign out and the account links in view without scrolling the page', async () => {
    const page = await signedIn(LAPTOP);
    expect(await page.locator('[data-testid="menu-button"]').isVisible()).toBe(false);
    for (const path of ['/contacts', `/reports/sales?month=${month}`]) {
      await page.goto(`${base}${path}`);
      await page.waitForLoadState('networkidle');
      for (const scrolled of [false, true]) {
        // The sidebar stays put when a long page is scrolled to its end.
        if (scrolled) await page.evaluate('window.scrollTo(0, document.documentElement.scrollHeight)');
        for (const control of ['button:has-text("Sign out")', 'a:has-text("Email preferences")', 'a.nav-link:has-text("Settings")']) {
          const b = (await page.locator(control).boundingBox())!;
          expect(b, `${control} on ${path}${scrolled ? ' scrolled' : ''}`).not.toBeNull();
          expect(b.y, control).toBeGreaterThanOrEqual(0);
          expect(b.y + b.height, `${control} on ${path}${scrolled ? ' scrolled' : ''}`).toBeLessThanOrEqual(LAPTOP.height);
        }
      }
    }
    await page.goto(`${base}/contacts`);
    await page.waitForSelector('[data-testid="contact-row"]');
    expect(await page.evaluate<number>('window.scrollY')).toBe(0);
    await page.screenshot({ path: shot('laptop-sidebar') });
  });

  it('labels an empty sales waterfall’s money axes with distinct amounts, not "€1 €1 €1 €0 €0 €0"', async () => {
    const page = await signedIn(LAPTOP);
    await page.addInitScript(recordCanvasText);
    // Before the demo's history: no deal closed, no quota, every value of the month 0.
    const empty = monthsBefore(month, 8);
    await page.goto(`${base}/reports/sales?month=${empty}`);
    await expect.poll(() => page.getAttribute('[data-testid="closed-value"]', 'data-value'), LOAD).toBe('0');
    const chart = page.locator('[data-testid="sales-chart"] canvas').first();
    await chart.waitFor();
    // The money labels of the last frame drawn, per axis (each axis's labels share the x they are aligned on).
    const axes = async () => {
      const texts = await chart.evaluate((c) => ((c as unknown as { __texts?: { text: string; x: number }[] }).__texts ?? []).slice());
      const byX = new Map<number, string[]>();
      for (const { text, x } of texts.filter((l) => /^€\d/.test(l.text))) byX.set(x, [...(byX.get(x) ?? []), text]);
      return [...byX.values()].filter((labels) => labels.length > 1);
    };
    // Two axes (closed revenue and revenue per day), once the chart has drawn them.
    await expect.poll(async () => (await axes()).length, LOAD).toBe(2);
    for (const labels of await axes()) {
      expect(new Set(labels).size, labels.join(' ')).toBe(labels.length);
      expect(labels).toContain('€0');
    }
    await page.locator('[data-testid="sales-chart-card"]').screenshot({ path: shot('empty-waterfall') });
  });
});
