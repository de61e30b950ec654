// Configurable company segments and reports split by any dimension, in a real browser (Debian's
// Chromium driven by playwright-core) against the real server on PGlite: an admin relabels, adds and
// reorders segments in Settings (a segment in use cannot be removed), the companies filter offers the
// new list, and the funnel breakdown, the sales report and the MQL values split by a contact's enum
// property and by segment show the groups and labels the API gives.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { defineProperty } from '../src/domains/crm/properties.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { insertId, monthSeed, seedMonth } from './month-seed.js';

const password = 'e2e-password-1';

interface Segments {
  segments: { key: string; label: string; companies: number; deals: number }[];
}
interface Breakdown {
  by: string;
  by_label: string;
  groups: { group: string; label: string; contacts: number }[];
}
interface Sales {
  dimension: { key: string; label: string };
  win_loss: { by_dimension: { value: string; label: string; won: number; lost: number }[] };
}

describe('company segments and reports by any dimension in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const { clock, month, at } = seedMonth();
  const api = <T>(path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    await defineProperty(t.db, { object_type: 'contact', name: 'plan', label: 'Plan', type: 'enum', options: ['free', 'pro', 'team'] });
    const acme = await insertId(t.db, `INSERT INTO companies (name, domain, segment) VALUES ('Acme', 'acme.test', 'enterprise')`, []);
    const seed = monthSeed(t.db, at);
    // Three pro contacts (two won), two free ones (one lost), one without a plan; every one an MQL this month.
    const people: [string, string | null, 'won' | 'lost' | null][] = [['Pia', 'pro', 'won'], ['Pablo', 'pro', 'won'], ['Petra', 'pro', null], ['Fred', 'free', 'lost'], ['Fay', 'free', null], ['Nina', null, null]];
    for (const [i, [name, plan, outcome]] of people.entries()) {
      const path: [string, number][] = [['lead', 1 + i], ['mql', 2 + i], ...(outcome ? ([['opportunity', 3 + i]] as [string, number][]) : []), ...(outcome === 'won' ? ([['customer', 6 + i]] as [string, number][]) : [])];
      const c = await seed.contact(name, 'Paid Search', 1 + i, path);
      await t.db.query(`UPDATE contacts SET company_id = $2, properties = $3, mql_type = 'webinar' WHERE id = $1`, [c, acme, JSON.stringify(plan ? { plan } : {})]);
      if (outcome) await t.db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, company_id, closed_at, lost_reason) VALUES ($1, 1, $2, 1000, $3, $4, $5, $6)`, [`deal ${name}`, outcome === 'won' ? 'closed_won' : 'closed_lost', c, acme, at(8 + i), outcome === 'lost' ? 'price' : null]);
    }
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', clock }));
    await signIn(page, base, 'ada@revloop.test', password);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('relabels, adds and reorders segments in Settings, and keeps a segment in use from being removed', async () => {
    await page.goto(`${base}/settings/workspace`);
    const card = page.locator('[data-testid="segments-settings"]');
    const rows = card.locator('[data-testid="segment-row"]');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(['enterprise', 'mid_market', 'small']);
    // Acme is enterprise (and its deals are too): that one cannot go.
    expect(await rows.nth(0).locator('[data-testid="segment-remove"]').isDisabled()).toBe(true);
    expect(await rows.nth(0).locator('[data-testid="segment-remove"]').getAttribute('title')).toContain('Used by 1 company');

    await rows.nth(2).locator('input').fill('Small business');
    await rows.nth(1).locator('[data-testid="segment-remove"]').click();
    await card.locator('input[name="new-segment"]').fill('Public sector');
    await card.locator('[data-testid="segment-add"]').click();
    await rows.nth(2).locator('button[aria-label="Move Public sector up"]').click();
    await card.locator('button[type="submit"]').click();
    await card.locator('[data-testid="segments-saved"]').waitFor();
    const saved = await api<Segments>('/api/settings/segments');
    expect(saved.segments.map((s) => [s.key, s.label])).toEqual([['enterprise', 'Enterprise'], ['public_sector', 'Public sector'], ['small', 'Small business']]);
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(['enterprise', 'public_sector', 'small']);
    await card.screenshot({ path: join(projectRoot(), 'test-results', 'segments-settings.png') });

    // Value per MQL by segment (the Goals section): this month's MQLs are outside the 12 months before it, so no group yet.
    await page.locator('[data-testid="settings-nav-goals"]').click();
    const values = page.locator('[data-testid="mql-values-by-dimension"]');
    await page.selectOption('[data-testid="mql-value-dimension"]', 'segment');
    await values.locator('[data-testid="mql-values-group-table"]').waitFor();
    expect(await values.locator('th').first().textContent()).toBe('Company segment');
    expect(await values.textContent()).toContain('No MQL in this window.');

    await page.goto(`${base}/companies`);
    const filter = page.locator('select[name="segment"]');
    await expect.poll(() => filter.locator('option').allTextContents()).toEqual(['All segments', 'Enterprise', 'Public sector', 'Small business']);
  });

  it('splits the funnel by a contact property, with the API’s groups and labels', async () => {
    await page.goto(`${base}/funnel`);
    const table = page.locator('[data-testid="breakdown-table"]');
    await table.waitFor();
    await page.selectOption('[data-testid="breakdown-dimension"]', 'property.plan');
    await expect.poll(() => table.getAttribute('data-by')).toBe('property.plan');
    const query = new URL((await page.locator('[data-testid="breakdown-csv"]').getAttribute('href'))!, base).searchParams;
    const report = await api<Breakdown>(`/api/reports/funnel-breakdown?${query}`);
    expect(report.groups.map((g) => [g.group, g.label, g.contacts])).toEqual([['pro', 'pro', 3], ['free', 'free', 2], ['(none)', '(none)', 1]]);
    await expect
      .poll(() => table.locator('[data-testid="breakdown-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-group'), e.querySelector('td')?.textContent])))
      .toEqual(report.groups.map((g) => [g.group, g.label]));
    expect(await table.locator('th').first().textContent()).toBe('Plan');
  });

  it('splits the sales cycle and win/loss by the property, as the API does', async () => {
    // The seeded month named: the report opens on the last complete month otherwise.
    await page.goto(`${base}/reports/sales?month=${month}`);
    await page.locator('[data-testid="sales-report"]').waitFor();
    await page.selectOption('[data-testid="sales-dimension"]', 'property.plan');
    const rows = page.locator('[data-testid="win-loss-dimension-row"]');
    const report = await api<Sales>(`/api/reports/sales?month=${month}&dimension=property.plan`);
    expect(report.win_loss.by_dimension.map((g) => [g.value, g.won, g.lost])).toEqual([['pro', 2, 0], ['free', 0, 1]]);
    await expect
      .poll(() => rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-key'), e.querySelector('[data-col="won"]')?.textContent, e.querySelector('[data-col="lost"]')?.textContent])))
      .toEqual([['pro', '2', '0'], ['free', '0', '1']]);
    expect(await page.locator('[data-testid="sales-cycle"] [data-testid="cycle-segment-table"] th').first().textContent()).toBe('By plan');
    // The CSV link carries the split.
    expect(await page.locator('[data-testid="sales-csv"]').getAttribute('href')).toContain('dimension=property.plan');
    await page.locator('[data-testid="sales-win-loss"]').screenshot({ path: join(projectRoot(), 'test-results', 'sales-win-loss-by-dimension.png') });
  });
});
