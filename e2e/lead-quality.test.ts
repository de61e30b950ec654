// The Lead quality page in a real browser (Debian's Chromium driven by playwright-core), against the
// real server on PGlite: on the hand-built October of src/testing/lead-quality-history.ts a marketing
// user sees the month's rejection rate, the "Autumn webinars" campaign and the webinar clause flagged
// far above average, the rejection under its campaign and under its clause when the chart is split by
// them, the reasons and the definition performance, and can download the table as CSV.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { seedLeadQuality } from '../src/testing/lead-quality-history.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { seedMonth } from './month-seed.js';

const password = 'e2e-password-1';

describe('the Lead quality page in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Today on a fixed clock (the session cookie stays valid); the seeded month is October 2026, before it.
  const { clock } = seedMonth();

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });
    await seedLeadQuality(t.db);
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true, clock }));
    await signIn(page, base, 'mara@revloop.test', password);
  }, 300_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('shows the month, flags the campaign and clause far above average, and files the rejection under them', { timeout: 300_000 }, async () => {
    await page.goto(`${base}/reports/lead-quality?month=2026-10`);
    const report = page.locator('[data-testid="lead-quality-report"]');
    await report.waitFor();
    await expect.poll(() => page.locator('[data-testid="lq-mqls"]').getAttribute('data-value')).toBe('42');
    expect(await page.locator('[data-testid="lq-rejection-rate"]').textContent()).toBe('31.0%');

    const flagged = page.locator('[data-testid="lq-flagged-row"]');
    expect(await flagged.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-dimension')}: ${r.getAttribute('data-label')}`))).toEqual([
      'mql_type: Webinar', 'channel: Paid Social', 'source_detail: Paid Social · facebook', 'campaign: Autumn webinars', 'clause: Attended a webinar (version 2)', 'rep: Ana Reyes',
    ]);
    // The small trade-show group (3 of 3 rejected) is not flagged: below the minimum sample.
    expect(await flagged.filter({ hasText: 'Events' }).count()).toBe(0);

    const groupRow = (label: string) => page.locator(`[data-testid="lq-group"][data-label="${label}"]`);
    const cells = async (label: string) => [
      await groupRow(label).locator('[data-col="mqls"]').textContent(),
      await groupRow(label).locator('[data-col="rejected"]').textContent(),
      await groupRow(label).getAttribute('data-flagged'),
    ];
    await page.locator('[data-testid="lq-dimension"] button[data-value="campaign"]').click();
    await page.locator('[data-testid="lq-by"][data-dimension="campaign"]').waitFor();
    expect(await cells('Autumn webinars')).toEqual(['12', '8', 'yes']);
    expect(await page.locator('[data-testid="lq-chart"] canvas').count()).toBe(1);

    await page.locator('[data-testid="lq-dimension"] button[data-value="clause"]').click();
    await page.locator('[data-testid="lq-by"][data-dimension="clause"]').waitFor();
    expect(await cells('Attended a webinar (version 2)')).toEqual(['13', '9', 'yes']);
    expect(await cells('Demo request (version 3)')).toEqual(['1', '0', 'no']);

    expect(await page.locator('[data-testid="lq-reason"]').evaluateAll((rows) => rows.map((r) => r.querySelector('td')!.textContent))).toEqual(['Bad fit', 'Unreachable', 'No interest', 'Duplicate']);
    const clause = page.locator('[data-testid="lq-clause"][data-label="Asked for a demo (version 2)"]');
    await clause.waitFor();
    expect(await clause.locator('[data-col="accepted"]').textContent()).toBe('3');
    expect(await clause.locator('[data-col="customers"]').textContent()).toBe('2');
    expect(await clause.locator('[data-col="value"]').getAttribute('data-value')).toBe('1200');
    // Nothing internal on screen: no reason codes or enum keys.
    const text = (await report.textContent()) ?? '';
    expect(text).not.toMatch(/bad_fit|online_demo|no_interest/);

    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-testid="lead-quality-csv"]').click()]);
    const csv = await download.path().then((p) => import('node:fs/promises').then((fs) => fs.readFile(p!, 'utf8')));
    expect(csv.split('\n')[0]).toBe('section,group,mqls,rejected,rejection_rate,rejection_rate_low,rejection_rate_high,recycled,recycle_rate,flagged,top_reason');
    expect(csv).toContain('Campaign,Autumn webinars,12,8,0.6667,0.3906,0.8619,1,0.0833,yes,bad_fit');

    await page.screenshot({ path: join(projectRoot(), 'test-results', 'lead-quality.png'), fullPage: true });
  });

  it('fits a phone screen: its tables scroll within their cards, the page does not', { timeout: 300_000 }, async () => {
    const phone = await newPage(browser, { viewport: { width: 390, height: 844 }, locale: 'en-US', clock });
    try {
      await signIn(phone.page, base, 'mara@revloop.test', password);
      await phone.page.goto(`${base}/reports/lead-quality?month=2026-10`);
      await phone.page.locator('[data-testid="lq-clause"]').first().waitFor();
      await phone.page.waitForLoadState('networkidle');
      expect(await phone.page.evaluate<number>('document.documentElement.scrollWidth')).toBe(390);
    } finally {
      await phone.context.close();
    }
  });
});
