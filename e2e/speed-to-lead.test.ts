// Speed to lead and the quality of MQLs in a real browser (Debian's Chromium driven by playwright-core)
// against the real server on PGlite with a fixed clock: the Sales SLA page shows the month's first
// touches by bucket with what each converted to, as the API has them; a marketer sets the MQL score
// target in Settings (a negative one is refused under its field), and the Marketing SLA page warns that
// the month's average fit score is below it.
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../src/domains/crm/users.js';
import type { Db } from '../src/db/client.js';
import { scoredMql } from '../src/testing/scored-mql.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { seedMonth } from './month-seed.js';

const password = 'e2e-speed-to-lead-1';

const mql = (db: Db, email: string, type: string, at: Date, fit: number, interest: number) => scoredMql(db, email, type, at, [fit, interest]);

/** A handoff whose clock started at `start` and was first touched `minutes` later (null: not yet). */
async function handoff(db: Db, contactId: number, s: Date, minutes: number | null) {
  await db.query(
    `INSERT INTO lead_assignments (contact_id, assigned_at, clock_started_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at)
     VALUES ($1, $2, $2, 'rule', 'contact-sales', '{}', $2, $2, 1, $2, $2, $3)`,
    [contactId, s, minutes === null ? null : new Date(s.getTime() + minutes * 60_000)],
  );
}

describe('speed to lead and MQL scores in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Today 12:00 UTC; everything happens on the 1st of this month before noon.
  const { clock, month, at } = seedMonth();

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });
    // Three MQLs: two contact-sales at fit 80 and 30, a demo request at 55 (average 55); interest 60, 40, 50 (average 50).
    const fast = await mql(t.db, 'fast@x.test', 'contact_sales', at(1), 80, 60);
    const slow = await mql(t.db, 'slow@x.test', 'contact_sales', at(2), 30, 40);
    const waiting = await mql(t.db, 'waiting@x.test', 'online_demo', at(3), 55, 50);
    // Their handoffs: touched after 3 minutes (a customer since), after 45 minutes, and not yet.
    await handoff(t.db, fast, at(1), 3);
    await t.db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'mql', 'customer', 'forward', $2, 'deal')`, [fast, at(8)]);
    await handoff(t.db, slow, at(2), 45);
    await handoff(t.db, waiting, at(3), null);
    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', clock }));
    await signIn(page, base, 'mara@revloop.test', password);
  }, 180_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it("shows the month's first touches by bucket on the Sales SLA page, with what each converted to, as the API says", async () => {
    const api = await getJson<{ buckets: { bucket: string; count: number; customer_rate: number | null }[]; share_within_5m: number }>(page, base, `/api/reports/speed-to-lead?month=${month}`);
    expect(api.buckets.map((b) => b.count)).toEqual([1, 0, 1, 0, 0, 0, 1]);
    await page.goto(`${base}/sla`);
    const card = page.locator('[data-testid="speed-to-lead"]');
    await card.waitFor();
    await expect.poll(() => card.locator('[data-testid="follow-up-row"]').count()).toBe(7);
    const row = (bucket: string) => card.locator(`[data-testid="follow-up-row"][data-bucket="${bucket}"]`);
    expect(await row('≤5 min').locator('[data-col="count"]').textContent()).toBe('1');
    expect(await row('≤5 min').locator('[data-col="customer-rate"]').getAttribute('data-value')).toBe('1');
    expect(await row('30–60 min').locator('[data-col="count"]').textContent()).toBe('1');
    expect(await row('30–60 min').locator('[data-col="customer-rate"]').getAttribute('data-value')).toBe('0');
    expect(await card.locator('[data-testid="follow-up-within-5m"]').getAttribute('data-value')).toBe(String(api.share_within_5m));
    expect(await card.locator('[data-testid="follow-up-chart"]').count()).toBe(1);
    expect(await card.locator('[data-testid="speed-to-lead-csv"]').getAttribute('href')).toBe(`/api/reports/speed-to-lead/csv?month=${month}`);
  });

  it('sets the MQL score target in Settings, refusing a negative one under its field, and the Marketing SLA page warns below it', async () => {
    await page.goto(`${base}/settings/goals`);
    const card = page.locator('[data-testid="mql-score-target"]');
    await card.waitFor();
    await card.locator('input[name="fit"]').fill('60');
    await card.locator('input[name="interest"]').fill('-3');
    await card.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('.field-error[data-field="interest"]').textContent()).toBe('cannot be negative');
    expect(await getJson(page, base, '/api/mql-score-target')).toEqual({ fit: null, interest: null });
    await card.locator('input[name="interest"]').fill('');
    await card.locator('button[type="submit"]').click();
    await expect.poll(() => card.locator('[data-testid="mql-score-target-saved"]').count()).toBe(1);
    expect(await getJson(page, base, '/api/mql-score-target')).toEqual({ fit: 60, interest: null });

    await page.goto(`${base}/marketing-sla?month=${month}`);
    const scores = page.locator('[data-testid="mql-scores-card"]');
    await scores.waitFor();
    await expect.poll(() => scores.locator('[data-testid="mql-scores-warning"]').textContent()).toBe("The average fit score of this month's MQLs is 55, below the target of 60.");
    expect(await scores.locator('[data-testid="mql-scores-avg-fit"]').getAttribute('data-value')).toBe('55');
    expect(await scores.locator('[data-testid="mql-scores-avg-interest"]').getAttribute('data-value')).toBe('50');
    expect(await scores.locator('[data-testid="mql-scores-row"] .cell-main').allTextContents()).toEqual(['Contact sales', 'Online demo']);
    expect(await scores.textContent()).not.toContain('contact_sales');
  });
});
