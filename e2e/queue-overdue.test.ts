// A rep's queue in Chromium against the real server on PGlite: leads whose attempts window closed
// weeks ago (handed over, never worked) are set apart from today's work, and are sent back to
// marketing in one action with a reason; the queue then holds only what can still be won.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Ctx } from '../src/domains/context.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createUser } from '../src/domains/crm/users.js';
import { advanceTo } from '../src/domains/funnel/transitions.js';
import { routeQueuedLeads } from '../src/domains/sla/route-leads.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp } from './browser.js';

const PASSWORD = 'e2e-queue-overdue-7';
const DAY = 86_400_000;

describe('long-overdue leads in the queue, in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const ids: Record<string, number> = {};

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Rita Rep', email: 'rita@revloop.test', password: PASSWORD, role: 'sales_rep', team: 'SDR' });
    // Two MQLs handed to Rita 40 days ago and never touched, one this morning.
    const handOver = async (key: string, email: string, first: string, last: string, ago: number) => {
      const ctx: Ctx = { db: t.db, clock: fixedClock(new Date(Date.now() - ago)), actor: { type: 'system' } };
      const c = await createContact(ctx, { email, first_name: first, last_name: last, lifecycle_stage: 'lead' });
      await advanceTo(ctx, 'contact', c.id, 'mql', 'requested a demo');
      await routeQueuedLeads(ctx);
      ids[key] = c.id;
    };
    await handOver('old1', 'ines@quarry.io', 'Inés', 'Quarry', 40 * DAY);
    await handOver('old2', 'otto@lindqvist.se', 'Otto', 'Lindqvist', 40 * DAY);
    await handOver('fresh', 'mae@jemison.dev', 'Mae', 'Jemison', 2 * 3600_000);
    ({ app, base } = await startApp(t.db, { clock: { now: () => new Date() } }));
    ({ context, page } = await newPage(browser));
    await signIn(page, base, 'rita@revloop.test', PASSWORD);
  });

  afterAll(() => closeAll({ context, browser, app, t }));

  it('sets the leads whose window closed weeks ago apart from today’s, and sends the ticked ones back to marketing', async () => {
    await page.goto(`${base}/queue`);
    const queueNames = () => page.locator('[data-testid="queue-table"] [data-testid="queue-lead"]').allTextContents();
    const overdueNames = () => page.locator('[data-testid="overdue-row"] .row-link').allTextContents();
    await expect.poll(queueNames).toEqual(['Mae Jemison']);
    await expect.poll(overdueNames).toEqual(expect.arrayContaining(['Inés Quarry', 'Otto Lindqvist']));
    expect(await page.locator('[data-testid="overdue-leads"] .card-title').textContent()).toBe('Overdue for more than a week (2)');

    // Otto is kept to work by hand: only Inés goes back.
    await page.getByLabel('Select Otto Lindqvist').uncheck();
    await expect.poll(() => page.locator('[data-testid="recycle-overdue"]').textContent()).toBe('Send 1 back to marketing');
    await page.locator('input[name="overdue-reason"]').fill('Never reached; nurture with the Q1 webinar');
    await page.locator('[data-testid="recycle-overdue"]').click();
    await expect.poll(overdueNames).toEqual(['Otto Lindqvist']);
    expect(await queueNames()).toEqual(['Mae Jemison']);

    const contact = async (id: number) => getJson<{ lifecycle_stage: string }>(page, base, `/api/contacts/${id}`);
    expect((await contact(ids.old1!)).lifecycle_stage).toBe('lead');
    expect((await contact(ids.old2!)).lifecycle_stage).toBe('mql');
    expect((await contact(ids.fresh!)).lifecycle_stage).toBe('mql');
    const timeline = await getJson<{ data: { title: string; body?: string | null }[] }>(page, base, `/api/contacts/${ids.old1}/timeline`);
    expect(JSON.stringify(timeline.data)).toContain('Never reached; nurture with the Q1 webinar');
  });
});
