// SDR verification → account executive in Chromium against the real server on PGlite: the SDR
// accepts an MQL from their queue, and the account executive the AE rules chose finds it in their
// own queue with its first-meeting clock (due two working days later).
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

const PASSWORD = 'e2e-ae-handoff-5';

describe('SDR accepts, the account executive sees it, in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let base: string;
  let leadId: number;
  let ada: number;
  // A Monday 10:00 UTC close to today (the session cookie's expiry is judged by the browser's real
  // clock): the AE's first meeting is due that Wednesday at 10:00.
  const monday = new Date(Date.now() - 7 * 86_400_000);
  monday.setUTCDate(monday.getUTCDate() + ((8 - monday.getUTCDay()) % 7));
  monday.setUTCHours(10, 0, 0, 0);
  const clock = fixedClock(monday);
  const wednesday = new Date(monday.getTime() + 2 * 86_400_000).toISOString();

  const pageFor = async (email: string): Promise<Page> => {
    const { context, page } = await newPage(browser, { clock, timezoneId: 'UTC' });
    contexts.push(context);
    await signIn(page, base, email, PASSWORD);
    return page;
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    ada = (await createUser(t.db, { name: 'Ada Exec', email: 'ada@revloop.test', password: PASSWORD, role: 'sales_rep', team: 'AE', sales_role: 'ae' })).id;
    await createUser(t.db, { name: 'Sam Dev', email: 'sam@revloop.test', password: PASSWORD, role: 'sales_rep', team: 'SDR', sales_role: 'sdr' });
    const ctx: Ctx = { db: t.db, clock, actor: { type: 'system' } };
    const c = await createContact(ctx, { email: 'mae@jemison.dev', first_name: 'Mae', last_name: 'Jemison', lifecycle_stage: 'lead' });
    await advanceTo(ctx, 'contact', c.id, 'mql', 'requested a demo');
    await routeQueuedLeads(ctx);
    leadId = c.id;
    ({ app, base } = await startApp(t.db, { clock }));
  }, 300_000);

  afterAll(async () => {
    for (const c of contexts) await c.close();
    await closeAll({ browser, app, t });
  });

  it('the SDR accepts in their queue and the AE finds the lead in theirs, due in two working days', async () => {
    const sam = await pageFor('sam@revloop.test');
    await sam.goto(`${base}/queue`);
    const row = sam.locator(`[data-testid="queue-row"][data-contact-id="${leadId}"]`);
    await expect.poll(() => row.count(), { timeout: 60_000 }).toBe(1);
    await row.locator('[data-testid="accept-lead"]').click();
    await expect.poll(() => sam.locator(`[data-testid="queue-row"][data-contact-id="${leadId}"]`).count(), { timeout: 60_000 }).toBe(0);
    // The SDR is told who has the lead now, since its page is no longer theirs to open.
    await sam.locator('[data-testid="handoff-notice"]').waitFor({ timeout: 60_000 });
    expect(await sam.locator('[data-testid="handoff-notice"]').textContent()).toMatch(/^Accepted\. Mae Jemison is now with Ada Exec, who will take it from here\.$/);
    // The lead is Ada's now: a rep reads only their own, so Sam no longer can.
    expect((await sam.request.get(`${base}/api/contacts/${leadId}`)).status()).toBe(403);

    const adaPage = await pageFor('ada@revloop.test');
    const contact = await getJson<{ lifecycle_stage: string; owner_id: number }>(adaPage, base, `/api/contacts/${leadId}`);
    expect(contact).toMatchObject({ lifecycle_stage: 'sql', owner_id: ada });
    await adaPage.goto(`${base}/queue`);
    const handed = adaPage.locator(`[data-testid="ae-handoff-row"][data-contact-id="${leadId}"]`);
    await expect.poll(() => handed.count(), { timeout: 60_000 }).toBe(1);
    expect(await handed.locator('.row-link').textContent()).toBe('Mae Jemison');
    expect(await handed.locator('[data-testid="ae-handoff-status"]').getAttribute('data-status')).toBe('on_time');
    expect(await handed.textContent()).toContain('Sam Dev');
    // Office hours 09:00–17:00 on weekdays: two working days after Monday 10:00 is Wednesday 10:00.
    expect(await handed.locator('[data-testid="ae-handoff-due"]').getAttribute('datetime')).toBe(wednesday);
    // The handoff alert is Ada's.
    const alerts = await getJson<{ data: { kind: string; title: string }[] }>(adaPage, base, '/api/alerts');
    expect(alerts.data.map((a) => [a.kind, a.title])).toContainEqual(['ae_handoff', 'New sales lead for you: Mae Jemison']);
  });
});
