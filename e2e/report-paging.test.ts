// Lists that end (issue 12), in a real browser: the assets page shows the first 100 landing pages
// the API answers and "Show more" reads the next ones until every page is there; the sources page
// has nothing more to show for its eleven channels.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../src/db/bulk-insert.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { seedMonth } from './month-seed.js';

const password = 'e2e-password-1';
const PAGES = 230;

describe('the assets page shows more landing pages on request, to the last one, in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const { clock, month, at } = seedMonth();

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    const [key] = await t.db.query<{ id: number }>(`INSERT INTO write_keys (name, key_hash) VALUES ('paging', 'paging-hash') RETURNING id`);
    const assets = await insertRows<{ id: number }>(t.db, 'assets', [['kind', 'text'], ['key', 'text'], ['first_seen', 'timestamptz']],
      Array.from({ length: PAGES }, (_, i) => ['page', `/landing/${i}`, at(0)]), { suffix: 'RETURNING id' });
    // Page i is viewed (i % 7) + 1 times, in the month's first hours (so before now).
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['anonymous_id', 'text'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz'], ['asset_id', 'bigint']],
      assets.flatMap((a, i) => Array.from({ length: (i % 7) + 1 }, (_, k) => [key!.id, `m${i}-${k}`, 'page', `v${i}-${k}`, at(1), at(1), a.id])));
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', clock }));
    await signIn(page, base, 'ada@revloop.test', password);
  }, 120_000);
  afterAll(() => closeAll({ context, browser, app, t }));

  it('starts with 100 landing pages and shows more until all of them are there', async () => {
    await page.goto(`${base}/assets?month=${month}`);
    const rows = page.locator('[data-testid="pages-table"] tbody tr');
    const more = page.getByRole('button', { name: 'Show more' });
    await expect.poll(() => rows.count()).toBe(100);
    await more.click();
    await expect.poll(() => rows.count()).toBe(200);
    await more.click();
    await expect.poll(() => rows.count()).toBe(PAGES);
    expect(await more.count()).toBe(0);
    // Every page once, whatever page of the answer it came in.
    const paths = await page.locator('[data-testid="pages-table"] tbody tr .cell-main').allTextContents();
    expect(new Set(paths).size).toBe(PAGES);
  });
});
