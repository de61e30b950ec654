// A rep's queue in Chromium against the real server on PGlite: with the default routing rules a Fan
// MQL is routed to a light check (one attempt, 3 working days) and listed apart from the leads on
// the full SLA, so the rep sees at a glance what needs a real sales effort.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { advanceTo } from '../src/domains/funnel/transitions.js';
import { routeQueuedLeads } from '../src/domains/sla/route-leads.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, launchBrowser, newPage, signIn, startApp } from './browser.js';

const PASSWORD = 'e2e-queue-light-check-3';

describe('the light check list in the queue, in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', password: PASSWORD, role: 'sales_rep', team: 'SDR' });
    const ctx: Ctx = { db: t.db, clock: { now: () => new Date() }, actor: { type: 'system' } };
    for (const [email, first, quadrant] of [['fay@fan.test', 'Fay', 'fan'], ['hal@hot.test', 'Hal', 'hot']] as const) {
      const c = await createContact(ctx, { email, first_name: first, last_name: 'Lead', lifecycle_stage: 'lead' });
      await t.db.query(
        `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at) VALUES ($1, 10, 80, $2, '[]', '[]', 1, now())
         ON CONFLICT (contact_id) DO UPDATE SET quadrant = EXCLUDED.quadrant`,
        [c.id, quadrant],
      );
      await advanceTo(ctx, 'contact', c.id, 'mql', 'test');
    }
    await routeQueuedLeads(ctx);
    ({ app, base } = await startApp(t.db, { clock: { now: () => new Date() } }));
    ({ context, page } = await newPage(browser));
    await signIn(page, base, 'rita@revloop.test', PASSWORD);
  }, 180_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('lists the Fan apart, with its one attempt, and the Hot lead in the main queue', async () => {
    await page.goto(`${base}/queue`);
    const names = (table: string) => page.locator(`[data-testid="${table}"] [data-testid="queue-lead"]`).allTextContents();
    await expect.poll(() => names('queue-table')).toEqual(['Hal Lead']);
    await expect.poll(() => names('light-check-table')).toEqual(['Fay Lead']);
    expect(await page.locator('[data-testid="light-check-queue"] .card-title').textContent()).toBe('Light check');
    expect(await page.locator('[data-testid="light-check-table"] [data-testid="queue-attempts"]').textContent()).toBe('0 / 1');
    expect(await page.locator('[data-testid="queue-table"] [data-testid="queue-attempts"]').textContent()).toBe('0 / 8');
  });
});
