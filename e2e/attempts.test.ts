// The Optimal attempts page in a real browser (Debian's Chromium driven by playwright-core), against
// the real server on PGlite with a fixed clock: an imported history of 60 MQLs (two lead types, two
// reps at 3 € an attempt, varied numbers of outbound calls, a few won deals) gives a recommendation;
// the page's headline, chart, group table and cost summary agree with GET /api/reports/attempts, and a
// cohort nobody is old enough for shows an empty state, not an error.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { logActivity } from '../src/domains/crm/activities.js';
import { createContact } from '../src/domains/crm/contacts.js';
import { createDeal } from '../src/domains/crm/deals.js';
import { createUser } from '../src/domains/crm/users.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const H = 3600_000;
const D = 24 * H;
const password = 'e2e-password-1';

interface Group {
  label: string;
  leads: number;
  customers: number;
}
interface Curve {
  leads: number;
  customers: number;
  groups: Group[];
  recommended: { n: number | null; label: string | null; confidence: string; confidenceText: string; reason: string };
}
interface Report {
  minMonths: number;
  overall: Curve;
  byLeadType: (Curve & { leadType: string })[];
  costPerAttempt: { attempts: number; attemptsWithoutCost: number; average: number | null; byRep: { name: string | null; attempts: number }[] };
  chart: { x: number[]; series: { name: string }[] };
  method: string;
}

describe('optimal attempts page in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Today 12:00 UTC; every MQL is 4 to 10 months earlier, so the default 3-month cohort holds them all.
  const now = new Date(Math.floor(Date.now() / 86400_000) * 86400_000 + 12 * H);
  const clock = fixedClock(now);

  const api = <T>(path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mia Manager', email: 'mia@revloop.test', password, role: 'sales_manager', team: 'SDR' });
    const reps = [
      (await createUser(t.db, { name: 'Ana Rep', email: 'ana@revloop.test', role: 'sales_rep', team: 'SDR', hourly_cost: 30, calls_per_hour: 10 })).id,
      (await createUser(t.db, { name: 'Ben Rep', email: 'ben@revloop.test', role: 'sales_rep', team: 'SDR', hourly_cost: 30, calls_per_hour: 10 })).id,
    ];

    // An import, as in src/domains/sla/attempts-report.test.ts: contacts with their past stage dates
    // (stage_transitions of kind 'import'), the MQL type set apart, then calls and won deals with past dates.
    const imp: Ctx = { db: t.db, clock, actor: { type: 'import' } };
    const iso = (ms: number) => new Date(ms).toISOString();
    for (let i = 0; i < 60; i++) {
      // Lead types alternate in pairs, so each type has every attempt count.
      const type = Math.floor(i / 2) % 2 === 0 ? 'webinar' : 'demo';
      const mqlAt = now.getTime() - (125 + i * 3) * D; // about 4 to 10 months ago
      const c = await createContact(imp, {
        email: `lead${i}@lead${i}-corp.com`,
        first_name: `Lead${i}`,
        created_at: iso(mqlAt - 20 * D),
        stage_history: [
          { stage: 'lead', at: iso(mqlAt - 20 * D) },
          { stage: 'mql', at: iso(mqlAt) },
        ],
      });
      await t.db.query('UPDATE contacts SET mql_type = $2 WHERE id = $1', [c.id, type]);
      // Three cohorts of 20 (the default minimum group size): 1–2, 3–4 and 5–7 outbound calls, one every
      // other day after the MQL moment, by alternating reps.
      const tier = Math.floor(i / 20);
      const attempts = tier === 0 ? 1 + (i % 2) : tier === 1 ? 3 + (i % 2) : 5 + (i % 3);
      for (let k = 0; k < attempts; k++) {
        await logActivity(imp, { type: 'call', direction: 'outbound', outcome: 'no_answer', contact_id: c.id, user_id: reps[(i + k) % 2], occurred_at: iso(mqlAt + (k + 1) * 2 * D) });
      }
      // Few wins after 1–2 attempts (2 of 20), many after 3–4 (13 of 20), no more after 5+ (12 of 20, at
      // more cost): profit per lead rises to the 3–4 group and no later group beats it, so N = 3.
      const won = tier === 0 ? i % 10 === 0 : tier === 1 ? i % 3 !== 0 : i < 58 && i % 3 !== 0;
      if (won) {
        await createDeal(imp, { name: `Deal ${i}`, stage: 'closed_won', amount: 5000, contact_id: c.id, created_at: iso(mqlAt + 20 * D), closed_at: iso(mqlAt + 30 * D) });
      }
    }

    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, clock }));
    await signIn(page, base, 'mia@revloop.test', password);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('is listed in the nav and linked from the Sales SLA page', async () => {
    expect(await page.locator('a.nav-link:has-text("Optimal attempts")').getAttribute('href')).toBe('/sla/attempts');
    await page.click('a.nav-link:has-text("Sales SLA")');
    await page.waitForURL(/\/sla$/);
    await page.click('[data-testid="attempts-link"]');
    await page.waitForURL(/\/sla\/attempts$/);
    // Only the sub-page's nav item is lit, not Sales SLA's too.
    await expect.poll(() => page.locator('a.nav-link.active').allTextContents()).toEqual(['Optimal attempts']);
  });

  it('shows the recommended N, the chart, the groups and the cost per attempt the API returns', async () => {
    const report = await api<Report>('/api/reports/attempts');
    expect(report.minMonths).toBe(3);
    expect(report.overall.leads).toBe(60);
    expect(report.byLeadType.map((lt) => [lt.leadType, lt.leads])).toEqual([
      ['demo', 30],
      ['webinar', 30],
    ]);
    // The seed is built to have a plateau; without one the headline check below would be vacuous.
    expect(report.overall.groups.map((g) => [g.label, g.leads])).toEqual([
      ['1–2', 20],
      ['3–4', 20],
      ['5+', 20],
    ]);
    expect(report.overall.recommended).toMatchObject({ n: 3, label: '3–4' });

    const headline = page.locator('[data-testid="attempts-headline"]');
    await expect.poll(() => headline.locator('[data-testid="recommended-n"]').textContent()).toBe(report.overall.recommended.label);
    expect(await headline.locator('[data-testid="confidence-text"]').textContent()).toBe(report.overall.recommended.confidenceText);
    expect((await headline.locator('[data-testid="recommended-confidence"]').textContent())?.toLowerCase()).toContain(report.overall.recommended.confidence);
    expect(await headline.locator('[data-testid="overall-leads"]').textContent()).toBe('60');

    await expect.poll(() => page.locator('[data-testid="attempts-chart"] canvas').count()).toBe(1);

    // "All" is the first tab: one row per overall group, same labels and leads.
    const table = page.locator('[data-testid="attempts-table"][data-lead-type="all"]');
    const rows = table.locator('[data-testid="attempts-group-row"]');
    await expect.poll(() => rows.count()).toBe(report.overall.groups.length);
    expect(await rows.locator('[data-col="leads"]').allTextContents()).toEqual(report.overall.groups.map((g) => String(g.leads)));
    expect(await rows.locator('[data-col="customers"]').allTextContents()).toEqual(report.overall.groups.map((g) => String(g.customers)));
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toEqual(report.overall.groups.map((g) => g.label));
    // The recommended group is marked, the close rate carries its 95 % interval, and the recommendation row says why.
    expect(await table.locator(`tr[data-label="${report.overall.recommended.label}"]`).getAttribute('class')).toContain('attempts-chosen');
    expect(await rows.first().locator('[data-col="close-rate"]').textContent()).toContain('95%:');
    expect(await table.locator('[data-testid="attempts-recommendation-row"]').textContent()).toContain(`Recommended: ${report.overall.recommended.label} attempts`);

    // Another lead type's tab shows its own groups.
    const webinar = report.byLeadType.find((lt) => lt.leadType === 'webinar')!;
    await page.click('[data-testid="attempts-tabs"] button[data-value="webinar"]');
    const webinarRows = page.locator('[data-testid="attempts-table"][data-lead-type="webinar"] [data-testid="attempts-group-row"]');
    await expect.poll(() => webinarRows.locator('[data-col="leads"]').allTextContents()).toEqual(webinar.groups.map((g) => String(g.leads)));

    // Cost per attempt: 30 € an hour at 10 calls an hour is 3 € for every attempt, both reps costed.
    expect(report.costPerAttempt).toMatchObject({ attemptsWithoutCost: 0, average: 3 });
    const cost = page.locator('[data-testid="attempts-cost"]');
    expect(await cost.locator('[data-testid="cost-attempts"] .stat-value').textContent()).toBe(String(report.costPerAttempt.attempts));
    expect(await cost.locator('[data-testid="cost-without"] .stat-value').textContent()).toBe('0');
    expect(await cost.locator('[data-testid="cost-average"] .stat-value').textContent()).toMatch(/3/);
    expect(await cost.locator('[data-testid="cost-rep-row"] [data-col="rep"]').allTextContents()).toEqual(report.costPerAttempt.byRep.map((r) => r.name));
    expect(await cost.locator('[data-testid="cost-rep-row"] [data-col="attempts"]').allTextContents()).toEqual(report.costPerAttempt.byRep.map((r) => String(r.attempts)));

    // The method sits in a closed details block.
    const method = page.locator('[data-testid="attempts-method"]');
    expect(await method.locator('summary').textContent()).toBe('How this is computed');
    expect(await method.locator('p').textContent()).toBe(report.method);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'attempts.png'), fullPage: true });
  });

  it('shows an empty state, not an error, when no lead has been an MQL long enough', async () => {
    const none = await api<Report>('/api/reports/attempts?min_months=120');
    expect(none.overall).toMatchObject({ leads: 0, groups: [], recommended: { n: null } });

    await page.fill('input[name="min_months"]', '120');
    const report = page.locator('[data-testid="attempts-report"]');
    await expect.poll(() => report.getAttribute('data-min-months')).toBe('120');
    await expect.poll(() => page.locator('[data-testid="attempts-empty"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="attempts-empty"]').textContent()).toContain('No leads to analyse');
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('[data-testid="attempts-chart"]').count()).toBe(0);
    expect(await page.locator('[data-testid="attempts-table"][data-lead-type="all"] [data-testid="attempts-no-leads"]').count()).toBe(1);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'attempts-empty.png'), fullPage: true });

    // Back to 3 months: the recommendation returns.
    await page.fill('input[name="min_months"]', '3');
    await expect.poll(() => page.locator('[data-testid="recommended-n"]').count()).toBe(1);
  });
});
