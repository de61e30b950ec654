// The import page and the list exports in a real browser (Debian's Chromium driven by
// playwright-core) against the real server on PGlite: a marketer uploads a messy HubSpot-style
// contacts export (a column nobody recognises, lead sources in the team's own words, one bad
// email), skips the unknown column, maps a source value to a channel, sees the dry run's problem
// at its exact row and column and downloads it as CSV, drops a corrected file on the page,
// imports it with a progress bar, and finds the contacts with the mapped values. Then the
// companies and deals lists export the rows their filters show.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { systemActor, type Ctx } from '../src/domains/context.js';
import { createCompany } from '../src/domains/crm/companies.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { listPipelines } from '../src/domains/crm/pipelines.js';
import { createUser } from '../src/domains/crm/users.js';
import { fixedClock } from '../src/shared/clock.js';
import { createCampaign } from '../src/domains/ingest/campaigns.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'e2e import wizard 7q!';
const header = 'Record ID,First Name,Last Name,Email,Lifecycle Stage,Original Source,Favourite Colour';
const messy = [
  header,
  '101,Ana,Alonso,ana@acme-e2e.io,Lead,Webinar,Blue',
  '102,Ben,Brown,ben@globex-e2e.io,Subscriber,ORGANIC_SEARCH,Red',
  '103,Cara,Chen,cara(at)initech-e2e.io,Lead,webinar,Green',
].join('\n') + '\n';
// The corrected file: Cara's email fixed, and enough rows that the import is seen in progress.
const extra = Array.from({ length: 1500 }, (_, i) => `${1000 + i},Bulk,Person ${i},bulk${i}@wayne-e2e.io,Subscriber,Trade Show,`);
const fixed = messy.replace('cara(at)initech-e2e.io', 'cara@initech-e2e.io') + extra.join('\n') + '\n';

type Contact = { email: string; original_source: string | null; lifecycle_stage: string; first_name: string };

describe('the import wizard and list exports in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mia Marketing', email: 'mia@revloop.test', password, role: 'marketing' });
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: { width: 1440, height: 1000 }, acceptDownloads: true }));
    await signIn(page, base, 'mia@revloop.test', password);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('maps a messy export, shows the bad row, downloads the problems, and imports the corrected file', async () => {
    await page.click('a.nav-link:has-text("Import")');
    await page.waitForURL((u) => u.pathname === '/import');
    await page.locator('select[name="object"]').selectOption({ label: 'Contacts' });
    await page.setInputFiles('input[type="file"]', { name: 'hubspot-contacts.csv', mimeType: 'text/csv', buffer: Buffer.from(messy) });
    await page.click('button:has-text("Read the file")');
    await page.click('button:has-text("Next: map the columns")');

    const row = (column: string) => page.locator(`[data-testid="mapping-row"][data-column="${column}"]`);
    await row('Email').waitFor();
    expect(await row('Email').locator('select').inputValue()).toBe('email');
    expect(await row('Original Source').locator('select').inputValue()).toBe('original_source');
    // The unknown column must be decided before the file can be checked.
    expect(await row('Favourite Colour').textContent()).toContain('Not recognised');
    expect(await page.locator('button:has-text("Check the file")').isDisabled()).toBe(true);
    await row('Favourite Colour').locator('select').selectOption({ label: 'Skip this column' });
    // The source column's values, as the file writes them, each mappable to a channel.
    const values = page.locator('[data-testid="value-mapping"]', { hasText: 'Values of "Original Source"' });
    expect(await values.locator('[data-testid="value-row"]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-value')))).toEqual(['Webinar', 'ORGANIC_SEARCH', 'webinar']);
    await values.locator('[data-testid="value-row"][data-value="Webinar"] select').selectOption({ label: 'Offline' });
    await values.locator('[data-testid="value-row"][data-value="webinar"] select').selectOption({ label: 'Offline' });
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'import-mapping.png'), fullPage: true });
    // On a phone the page fits its width: wide tables scroll inside their cards.
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'import-mapping-phone.png'), fullPage: true });
    await page.setViewportSize({ width: 1440, height: 1000 });
    await page.click('button:has-text("Check the file")');

    const problems = page.locator('[data-testid="problem-row"]');
    await problems.first().waitFor();
    expect(await problems.evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent)))).toEqual([
      ['4', 'Email', 'Email', 'is not a valid email address'],
    ]);
    const count = (label: string) => page.locator(`[data-testid="dry-run-counts"] [data-count="${label}"] dd`).textContent();
    expect(await count('Rows')).toBe('3');
    expect(await count('New contacts')).toBe('2');
    expect(await count('Rows with problems')).toBe('1');
    expect(await page.locator('button:has-text("Import")').last().isDisabled()).toBe(true);
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="download-problems"]')]);
    expect(download.suggestedFilename()).toBe('import-problems.csv');
    expect(await readFile((await download.path())!, 'utf8')).toBe('Row,Column,Field,Problem\r\n4,Email,Email,is not a valid email address\r\n');
    expect((await getJson<{ data: unknown[] }>(page, base, '/api/contacts?q=acme-e2e')).data).toHaveLength(0);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'import-problems.png'), fullPage: true });

    // A corrected file, dropped on the page: the choices made for its columns are kept.
    await page.click('button:has-text("Choose a corrected file")');
    // Built in the page: a drop carries the browser's own DataTransfer with the file in it.
    const drop = await page.evaluateHandle(`(() => {
      const dt = new DataTransfer();
      dt.items.add(new File([${JSON.stringify(fixed)}], 'hubspot-contacts-fixed.csv', { type: 'text/csv' }));
      return dt;
    })()`);
    await page.dispatchEvent('[data-testid="drop-zone"]', 'drop', { dataTransfer: drop });
    await page.locator('[data-testid="drop-zone"]:has-text("hubspot-contacts-fixed.csv")').waitFor();
    await page.click('button:has-text("Read the file")');
    await page.click('button:has-text("Next: map the columns")');
    expect(await row('Favourite Colour').locator('select').inputValue()).toBe('-');
    await values.locator('[data-testid="value-row"][data-value="Trade Show"]').waitFor();
    await page.click('button:has-text("Check the file")');
    await page.locator('[data-testid="dry-run-result"]:has-text("Ready to import")').waitFor();
    expect(await count('Rows')).toBe('1,503');
    expect(await count('New contacts')).toBe('1,503');

    await page.click('button:has-text("Import 1,503 rows")');
    await page.locator('[data-testid="import-progress"]').waitFor();
    const imported = page.locator('[data-testid="import-counts"]');
    await imported.waitFor();
    expect(await imported.locator('[data-count="New contacts"] dd').textContent()).toBe('1,503');
    expect(await imported.locator('[data-count="Updated"] dd').textContent()).toBe('0');

    const ana = (await getJson<{ data: Contact[] }>(page, base, '/api/contacts?q=ana%40acme-e2e.io')).data;
    expect(ana.map((c) => [c.email, c.first_name, c.original_source, c.lifecycle_stage])).toEqual([['ana@acme-e2e.io', 'Ana', 'Offline', 'lead']]);
    const cara = (await getJson<{ data: Contact[] }>(page, base, '/api/contacts?q=cara%40initech-e2e.io')).data;
    expect(cara.map((c) => c.original_source)).toEqual(['Offline']);
    const ben = (await getJson<{ data: Contact[] }>(page, base, '/api/contacts?q=ben%40globex-e2e.io')).data;
    expect(ben.map((c) => c.original_source)).toEqual(['Organic Search']);
    await page.click('[data-testid="imported-list-link"]');
    await page.waitForURL((u) => u.pathname === '/contacts');
  });

  it('imports a touch history as it is, listing the rows it refused', async () => {
    await page.goto(`${base}/import`);
    await page.locator('select[name="object"]').selectOption({ label: 'Events (a touch history)' });
    const csv = 'Email,Event,Timestamp\nana@acme-e2e.io,Form Submitted,2026-01-15 10:00\nben@globex-e2e.io,Form Submitted,not a date\n';
    await page.setInputFiles('input[type="file"]', { name: 'touches.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.click('button:has-text("Import the events")');
    const counts = page.locator('[data-testid="event-import-counts"]');
    await counts.waitFor();
    expect(await counts.locator('[data-count="Rows"] dd').textContent()).toBe('2');
    expect(await counts.locator('[data-count="New events"] dd').textContent()).toBe('1');
    expect(await counts.locator('[data-count="Rows refused"] dd').textContent()).toBe('1');
    const refused = await page.locator('[data-testid="problem-row"]').evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)));
    expect(refused).toEqual([['3', 'Timestamp']]);
  });

  it('exports the companies and the deals the lists filter to', async () => {
    const ctx: Ctx = { db: t.db, clock: fixedClock('2026-03-02T09:00:00Z'), actor: systemActor };
    await createCompany(ctx, { name: 'Northwind Export', domain: 'northwind-x.io', segment: 'enterprise' });
    await createCompany(ctx, { name: 'Northwind Small', domain: 'northwind-small-x.io', segment: 'small' });
    await createCompany(ctx, { name: 'Contoso Export', domain: 'contoso-x.io', segment: 'enterprise' });
    await page.goto(`${base}/companies?segment=enterprise&q=northwind`);
    await page.locator('[data-testid="company-row"]:has-text("Northwind Export")').waitFor();
    await expect.poll(() => page.locator('[data-testid="company-row"]').count()).toBe(1);
    const [companies] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-companies"]')]);
    const companyRows = (await readFile((await companies.path())!, 'utf8')).trim().split('\n');
    expect(companyRows[0]).toMatch(/^id,name,domain,/);
    expect(companyRows.slice(1).map((l) => l.split(',')[1])).toEqual(['Northwind Export']);

    const rep = await createUser(t.db, { name: 'Rob Rep', email: 'rob@revloop.test', role: 'sales_rep' });
    const pipeline = (await listPipelines(t.db))[0]!;
    const open = pipeline.stages.find((s) => s.outcome === 'open')!.key;
    await createDeal(ctx, { name: 'Rob big deal', stage: open, owner_id: rep.id, amount: 50000 });
    await createDeal(ctx, { name: 'Rob small deal', stage: open, owner_id: rep.id, amount: 900 });
    await createDeal(ctx, { name: 'Unowned deal', stage: open, amount: 100 });
    await page.goto(`${base}/deals?owner_id=${rep.id}`);
    await page.locator('[data-testid="deal-board"]').waitFor();
    const [deals] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-deals"]')]);
    const dealRows = (await readFile((await deals.path())!, 'utf8')).trim().split('\n');
    expect(dealRows.slice(1).map((l) => l.split(',')[1]).sort()).toEqual(['Rob big deal', 'Rob small deal']);

    // The campaigns list exports every campaign, in the columns an import reads back.
    await createCampaign(t.db, { name: 'Spring webinar', type: 'webinar', utm_campaign: 'spring-webinar', monthly_spend: 1200 }, systemActor);
    await page.goto(`${base}/campaigns`);
    const [campaigns] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="export-campaigns"]')]);
    const campaignRows = (await readFile((await campaigns.path())!, 'utf8')).trim().split('\n');
    expect(campaignRows[0]).toMatch(/^id,name,type,utm_campaign,/);
    expect(campaignRows.slice(1).map((l) => l.split(',')[1])).toContain('Spring webinar');
  });
});
