// Settings → API tokens, Website tracking and the audit log in a real browser (Debian's Chromium
// driven by playwright-core) against the real server on PGlite: an admin creates a token (its secret
// shown once), sees it listed, revokes it after confirming, and the token stops working at once;
// creates a write key with its tracker snippet; then reads all of it back on the audit page.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp } from './browser.js';

const password = 'e2e tokens and audit 9z!';

describe('API tokens, website tracking and the audit log in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let token = '';

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });
    await createUser(t.db, { name: 'Rae Rep', email: 'rae@revloop.test', role: 'sales_rep', team: 'SDR' });
    ({ app, base } = await startApp(t.db));
    ({ context, page } = await newPage(browser, { viewport: { width: 1400, height: 1000 } }));
    // Revoking asks "are you sure?" with the browser's own dialog: the admin says yes.
    page.on('dialog', (d) => void d.accept());
    await signIn(page, base, 'ada@revloop.test', password);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('creates a token showing its secret once, lists it, and revokes it after confirming', async () => {
    await page.goto(`${base}/settings/integrations`);
    const card = page.locator('[data-testid="api-tokens"]');
    await card.locator('input[name="name"]').fill('nightly export');
    await card.locator('select[name="role"]').selectOption('marketing');
    await card.locator('select[name="user_id"]').selectOption({ label: 'Rae Rep' });
    await card.locator('button:has-text("Create token")').click();
    const secret = card.locator('[data-testid="api-token-secret"]');
    await secret.waitFor();
    token = (await secret.locator('code').textContent())!;
    expect(token).toMatch(/^rlt_[\w-]{20,}$/);
    expect(await secret.textContent()).toContain('shown only this once');

    const row = card.locator('[data-testid="api-token-row"][data-name="nightly export"]');
    await row.waitFor();
    expect(await row.textContent()).toMatch(/nightly export.*Marketing.*Rae Rep.*Never.*Active/);
    // The list never carries the secret: only the one-time notice does.
    expect(await card.locator('[data-testid="api-tokens-table"]').textContent()).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await page.request.get(`${base}/api/funnel/stages`, { headers: bearer })).status()).toBe(200);
    await card.screenshot({ path: join(projectRoot(), 'test-results', 'settings-api-tokens.png') });

    await row.locator('button:has-text("Revoke")').click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    expect(await row.locator('button:has-text("Revoke")').count()).toBe(0);
    expect((await page.request.get(`${base}/api/funnel/stages`, { headers: bearer })).status()).toBe(401);
  });

  it('creates a write key with the tracker snippet for this server, and revokes it', async () => {
    const card = page.locator('[data-testid="website-tracking"]');
    await card.locator('input[name="name"]').fill('www.example.com');
    await card.locator('button:has-text("Create write key")').click();
    const snippet = card.locator('[data-testid="tracker-snippet"]');
    await snippet.waitFor();
    const key = (await card.locator('[data-testid="write-key-secret"] code').first().textContent())!;
    expect(key).toMatch(/^wk_/);
    expect(await snippet.textContent()).toBe(`<script async src="${base}/t.js" data-write-key="${key}" data-respect-dnt></script>`);
    const row = card.locator('[data-testid="write-key-row"][data-name="www.example.com"]');
    await row.waitFor();
    expect(await card.locator('[data-testid="write-keys-table"]').textContent()).not.toContain('internal');
    await card.screenshot({ path: join(projectRoot(), 'test-results', 'settings-website-tracking.png') });

    const track = () => page.request.post(`${base}/v1/track`, { headers: { authorization: `Basic ${Buffer.from(`${key}:`).toString('base64')}` }, data: { userId: 'u-1', event: 'Signed Up' } });
    expect((await track()).status()).toBe(200);
    await row.locator('button:has-text("Revoke")').click();
    await expect.poll(() => row.textContent()).toContain('Revoked');
    // Within about a second on every instance; this one checks at most once a second.
    await expect.poll(async () => (await track()).status()).toBe(401);
  });

  it('shows who did what on the audit page, and filters by action', async () => {
    await page.locator('[data-testid="settings-nav-audit-log"]').click();
    await page.waitForURL(/\/settings\/audit-log$/);
    const rows = page.locator('[data-testid="audit-row"]');
    await expect.poll(() => rows.count()).toBe(4);
    const texts = await rows.allTextContents();
    // Newest first, each with its person, its label and what it was about; no action keys or ids.
    expect(texts[0]).toMatch(/Ada Admin.*Write key revoked.*Write key “www\.example\.com”/);
    expect(texts[1]).toMatch(/Ada Admin.*Write key created.*Write key “www\.example\.com”/);
    expect(texts[2]).toMatch(/Ada Admin.*API token revoked.*API token “nightly export”.*Role: Marketing/);
    expect(texts[3]).toMatch(/Ada Admin.*API token created.*API token “nightly export”.*Role: Marketing/);
    expect(texts.join(' ')).not.toMatch(/token\.|write_key|\{|rlt_|wk_/);

    await page.selectOption('select[name="action"]', 'token');
    await expect.poll(() => rows.count()).toBe(2);
    expect(page.url()).toContain('action=token');
    await page.fill('input[name="from"]', '2000-01-01');
    await page.fill('input[name="to"]', '2000-01-31');
    await expect.poll(() => page.locator('[data-testid="audit-table"]').textContent()).toContain('Nothing matches these filters.');
    await page.click('button:has-text("Clear filters")');
    await expect.poll(() => rows.count()).toBe(4);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'audit-log.png'), fullPage: true });
  });
});
