// The words on screen (issue "A product people run their day in"): the main pages, with the demo
// company's data and a contact whose owner changed and who was called, read as a person reads them
// in real Chromium: no API paths, no snake_case or camelCase keys, no ISO timestamps, no
// "definition v—, clause —"; and the sentences that replaced them are there.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../src/sim/demo-team.js';
import { simulateCompany } from '../src/sim/simulate-company.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { seedMonth } from './month-seed.js';

const shot = (name: string) => join(projectRoot(), 'test-results', `words-${name}.png`);

/** What a person should never have to read, each with the text around it so a failure says where. */
export function internalWords(text: string): string[] {
  // Addresses, emails and file names are allowed to carry underscores and dots.
  const prose = text.replace(/\bhttps?:\/\/\S+/g, ' ').replace(/\S+@\S+/g, ' ');
  const found: string[] = [];
  const look = (re: RegExp) => {
    for (const m of prose.matchAll(re)) found.push(prose.slice(Math.max(0, m.index! - 30), m.index! + m[0].length + 30).replace(/\s+/g, ' '));
  };
  look(/\/api\//g);
  look(/\b[a-z]+_[a-z_]+\b/g);
  // camelCase: a lower-case run then an upper-case letter then lower case (not "iPhone"-like brand words we do not have).
  look(/\b[a-z]{2,}[A-Z][a-z]+[A-Za-z]*\b/g);
  // ISO timestamps and bare ISO days: dates are written as people write them.
  look(/\b\d{4}-\d{2}-\d{2}(T\d{2}:\d{2})?\b/g);
  look(/—, clause|definition v—|clause —/g);
  look(/\bid changed\b|\(user \d+\)/g);
  return found;
}

describe('the words on the main pages in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  let contactId = 0;
  let ownerName = '';
  const { clock } = seedMonth();

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    // The demo company: months of contacts, deals, SLA clocks, marketing events and meetings, so every page has rows.
    await simulateCompany(t.db, clock, { seed: 15, contacts: 300, months: 4, events: 'pipeline' });
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', clock }));
    await signIn(page, base, DEMO_ADMIN_EMAIL, DEMO_PASSWORD);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  const visible = () => page.locator('body').innerText();

  it('shows the contact page with an owner change and a call as sentences, and no keys', async () => {
    // An MQL made one by hand (no definition version, no clause) and without an owner; an admin gives it
    // to a rep and logs a voicemail.
    const [c] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE lifecycle_stage = 'mql' AND mql_at IS NOT NULL ORDER BY id LIMIT 1`);
    await t.db.query('UPDATE contacts SET owner_id = NULL, mql_definition_version = NULL, mql_clause = NULL WHERE id = $1', [c!.id]);
    const [rep] = await t.db.query<{ id: number; name: string }>(`SELECT id, name FROM users WHERE role = 'sales_rep' AND active ORDER BY id LIMIT 1`);
    contactId = c!.id;
    ownerName = rep!.name;
    const patch = await page.request.patch(`${base}/api/contacts/${contactId}`, { data: { owner_id: rep!.id } });
    expect(patch.status()).toBe(200);
    const call = await page.request.post(`${base}/api/activities`, { data: { type: 'call', outcome: 'voicemail', contact_id: contactId } });
    expect(call.status()).toBe(201);

    await page.goto(`${base}/contacts/${contactId}`);
    const timeline = page.locator('[data-testid="timeline"]');
    await expect.poll(() => timeline.textContent()).toContain(`Owner set to ${ownerName}`);
    expect(await timeline.textContent()).toContain('Called, left a voicemail');
    // Why it is an MQL, in a sentence, instead of "definition v—, clause —".
    await expect.poll(() => page.locator('[data-testid="mql-since"]').textContent()).toMatch(/^MQL since \w{3} \d{1,2}, \d{4}( \([^)]+\))?, not by the MQL definition \(set by hand or imported\)\.$/);
    await page.screenshot({ path: shot('contact'), fullPage: true });
    expect(internalWords(await visible())).toEqual([]);
  });

  const pages: [string, string, string][] = [
    ['qualification', '/qualification', 'main h1'],
    ['planner', '/reports/planner', '[data-testid="planner-form"]'],
    ['attempts', '/sla/attempts', '[data-testid="attempts-report"]'],
    ['sales-report', '/reports/sales', '[data-testid="sales-report"]'],
    ['marketing-report', '/reports/marketing', '[data-testid="marketing-report"]'],
    ['marketing-sla', '/marketing-sla', 'main h1'],
    ['sla', '/sla', '[data-testid="sla-today"]'],
    ['sources', '/sources', 'main h1'],
    ['attribution', '/reports/attribution', 'main h1'],
    ['settings', '/settings', 'main h1'],
  ];
  it.each(pages)('shows the %s page without internal words', async (name, path, ready) => {
    await page.goto(`${base}${path}`);
    await page.locator(ready).first().waitFor();
    // Every request the page started has answered: nothing left loading.
    await expect.poll(() => page.locator('[role="status"]:has(.spinner)').count()).toBe(0);
    await page.screenshot({ path: shot(name), fullPage: true });
    expect(internalWords(await visible())).toEqual([]);
  });

  it('lists alerts as sentences', async () => {
    await page.goto(`${base}/contacts`);
    await page.locator('[data-testid="alerts-bell"]').click();
    await page.locator('[data-testid="alerts-panel"]').waitFor();
    await expect.poll(() => page.locator('[data-testid="alerts-panel"] [role="status"]').count()).toBe(0);
    expect(internalWords(await page.locator('[data-testid="alerts-panel"]').innerText())).toEqual([]);
  });
});
