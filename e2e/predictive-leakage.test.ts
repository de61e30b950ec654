// The Qualification page on an imported history with leaks (issue 12): training from the page
// shows the features left out as leakage with their reasons and an honest AUC, and calibration
// lists the close rate of every property value — in a real browser, against the real server.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { systemClock } from '../src/shared/clock.js';
import { DAY, leadScoringHistory, writeLeadHistory } from '../src/testing/lead-scoring-history.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

describe('predictive model and property calibration on a leaky history, in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password: 'e2e-password-1', role: 'admin' });
    // 1,500 leads over the last 200 days: all inside the default windows (calibration 365 days, training 730).
    await writeLeadHistory(t.db, leadScoringHistory('e2e', 1500), { start: new Date(Date.now() - 200 * DAY), leak: 'unrecorded' });
    ({ app, base } = await startApp(t.db, { clock: systemClock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT }));
    await signIn(page, base, 'ada@revloop.test', 'e2e-password-1');
    await page.goto(`${base}/qualification`);
  });
  afterAll(() => closeAll({ context, browser, app, t }));

  it('lists the close rate of every property value, labelled as people read them', async () => {
    const table = page.locator('[data-testid="calibration-properties"]');
    await expect.poll(() => table.locator('[data-testid="calibration-property-row"]').count(), { timeout: 20_000 }).toBeGreaterThan(0);
    const report = await getJson<{ properties: { label: string; propertyLabel: string }[] }>(page, base, '/api/reports/calibration');
    const rows = await table.locator('[data-testid="calibration-property-row"]').allTextContents();
    expect(rows).toHaveLength(report.properties.length);
    expect(rows.some((r) => r.includes('Lead Add Form') && r.includes('Lead origin'))).toBe(true);
    expect(rows.some((r) => r.includes('Not set') && r.includes('Current occupation'))).toBe(true);
    // No internal keys on screen.
    expect(rows.join(' ')).not.toMatch(/contact\.|company\.|lead_origin|well_above/);
  });

  it('trains from the page and shows what it left out as leakage, with an honest AUC', async () => {
    const section = page.locator('[data-testid="predictive-model"]');
    await section.locator('[data-testid="train-model"]').click();
    await expect.poll(() => section.locator('[data-testid="train-result"]').count(), { timeout: 60_000 }).toBe(1);
    const leaks = await section.locator('[data-testid="model-leakage"] li').allTextContents();
    expect(leaks).toHaveLength(2);
    expect(leaks.find((l) => l.startsWith('Industry'))).toContain('filled for');
    expect(leaks.find((l) => l.startsWith('Lead quality'))).toMatch(/separates customers from the others almost perfectly \(AUC 0\.9\d\d\)/);
    expect(leaks.join(' ')).not.toMatch(/contact\.|one_class|separates'/);
    const auc = Number(await section.locator('[data-testid="model-auc"]').textContent());
    expect(auc).toBeGreaterThan(0.8);
    expect(auc).toBeLessThan(0.95);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'predictive-leakage.png'), fullPage: true });
    // After a reload the stored model says the same.
    await page.reload();
    await expect.poll(() => page.locator('[data-testid="model-leakage"] li').count(), { timeout: 20_000 }).toBe(2);
  });
});
