// Suppression in Chromium: a marketer suppresses a contact on its page, and the marketing audience
// export from the contacts list no longer holds them (the full contacts export still does); the
// suppression list shows them with the reason, and the nurture list says how much interest each
// good-fit contact still needs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { projectRoot } from '../src/app/paths.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const PASSWORD = 'e2e-password-1';

describe('suppression in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const ids: Record<string, number> = {};
  const shot = (name: string) => page.screenshot({ path: join(projectRoot(), 'test-results', `suppression-${name}.png`), fullPage: true });

  const download = async (testId: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid="${testId}"]`)]);
    const rows = parse(await readFile((await file.path())!, 'utf8'), { columns: true }) as Record<string, string>[];
    return rows.map((r) => r.email).sort();
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mia Marketer', email: 'mia@revloop.test', password: PASSWORD, role: 'marketing' });
    const ctx: Ctx = { db: t.db, clock: fixedClock('2026-01-05T09:00:00Z'), actor: systemActor };
    for (const [first, interest] of [['Ana', 12], ['Bob', null], ['Cy', 25]] as const) {
      const c = await createContact(ctx, { email: `${first.toLowerCase()}@example.org`, first_name: first, last_name: 'Test', lifecycle_stage: 'lead' });
      ids[first] = c.id;
      if (interest !== null) {
        await t.db.query(`INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
          VALUES ($1, 60, $2, 'nurture', '[]', '[]', 1, now())`, [c.id, interest]);
      }
    }
    await t.db.query('DELETE FROM score_queue');
    // No background scoring: the scores above stay as set, and nobody is suppressed but by hand.
    ({ app, base } = await startApp(t.db, { processEvents: false }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true }));
    await signIn(page, base, 'mia@revloop.test', PASSWORD);
  }, 180_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('suppresses a contact from its page, and the marketing audience export leaves them out', async () => {
    await page.goto(`${base}/contacts/${ids.Bob}`);
    await expect.poll(() => page.locator('[data-testid="suppression-status"]').getAttribute('data-suppressed')).toBe('false');
    await page.fill('[data-testid="suppress-form"] input', 'Asked not to be emailed');
    await page.click('[data-testid="suppress-form"] button[type="submit"]');
    await expect.poll(() => page.locator('[data-testid="suppression-status"]').getAttribute('data-suppressed')).toBe('true');
    expect(await page.locator('[data-testid="suppression-status"]').textContent()).toContain('Mia Marketer: Asked not to be emailed');
    await shot('contact');

    await page.goto(`${base}/contacts`);
    await expect.poll(() => page.locator('[data-testid="contact-row"]').count()).toBe(3);
    expect(await download('export-audience')).toEqual(['ana@example.org', 'cy@example.org']);
    // The full record export is not the audience: it keeps everyone.
    expect(await download('export-filtered')).toEqual(['ana@example.org', 'bob@example.org', 'cy@example.org']);
  });

  it('lists the suppressed contact with its reason on the suppression list', async () => {
    await page.goto(`${base}/suppressions`);
    const rows = page.locator('[data-testid="suppression-row"]');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('Asked not to be emailed');
    expect(await rows.first().textContent()).toContain('bob@example.org');
    await shot('list');
  });

  it('lists the nurture quadrant closest to hot first, with the interest still needed', async () => {
    await page.goto(`${base}/nurture`);
    const needed = page.locator('[data-testid="nurture-row"] [data-testid="interest-needed"]');
    await expect.poll(() => needed.allTextContents()).toEqual(['5', '18']);
    await shot('nurture');
  });
});
