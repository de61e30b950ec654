// The Optimal attempts page in a real browser (Debian's Chromium driven by playwright-core), against
// the real server on PGlite with a fixed clock: a generated telemarketing-shaped history (3,000
// MQLs, close rate by attempts made falling with each attempt while nearly every conversion comes
// within 8 attempts; src/testing/telemarketing-history.ts) imported as contacts, calls and won
// deals, two reps at 3 € an attempt. The page's recommendation, both curves, the attempt table,
// the split by dimension and the cost summary agree with GET /api/reports/attempts, and a cohort
// nobody is old enough for shows an empty state, not an error.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { insertRows } from '../src/db/bulk-insert.js';
import { createUser } from '../src/domains/crm/users.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { historyOf, telemarketingLeads, writeHistory } from '../src/testing/telemarketing-history.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const H = 3600_000;
const D = 24 * H;
const password = 'e2e-password-1';

interface Step {
  attempt: number;
  atRisk: number;
  conversions: number;
  thin: boolean;
}
interface Curve {
  leads: number;
  customers: number;
  steps: Step[];
  byAttemptsMade: { label: string; leads: number }[];
  recommended: { n: number | null; cumulativeShare: number | null; confidence: string; confidenceText: string; reason: string };
}
interface Report {
  minMonths: number;
  applied: string;
  dimension: { key: string; label: string };
  overall: Curve;
  byGroup: (Curve & { group: string; label: string })[];
  costPerAttempt: { attempts: number; attemptsWithoutCost: number; average: number | null; byRep: { name: string | null; attempts: number }[] };
  method: string;
}

describe('optimal attempts page in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Today 12:00 UTC; every MQL is 4 to 16 months earlier, so the default 3-month cohort holds them all.
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
    const companies = (await insertRows<{ id: number }>(t.db, 'companies', [['name', 'text'], ['industry', 'text']], [['Bank One', 'Banking'], ['Shop One', 'Retail']], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    const leads = historyOf('e2e', telemarketingLeads('e2e', 3000), {
      reps, companies, amounts: [200, 300, 400], prefix: 'lead',
      mqlFrom: new Date(now.getTime() - 480 * D), mqlTo: new Date(now.getTime() - 125 * D),
    });
    await writeHistory(t.db, leads);

    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, clock }));
    await signIn(page, base, 'mia@revloop.test', password);
  }, 180_000);

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

  it('shows the recommendation, both curves and the attempt table the API returns', async () => {
    const report = await api<Report>('/api/reports/attempts');
    expect(report.minMonths).toBe(3);
    expect(report.overall.leads).toBe(3000);
    // The telemarketing shape: the answer is about 8 attempts, with nearly all conversions within them.
    const rec = report.overall.recommended;
    expect(rec.n).toBeGreaterThanOrEqual(7);
    expect(rec.n).toBeLessThanOrEqual(9);
    expect(rec.cumulativeShare).toBeGreaterThanOrEqual(0.98);

    const headline = page.locator('[data-testid="attempts-headline"]');
    await expect.poll(() => headline.locator('[data-testid="recommended-n"]').textContent()).toBe(String(rec.n));
    expect(await headline.locator('[data-testid="recommended-reason"]').textContent()).toBe(rec.reason);
    expect(await headline.locator('[data-testid="confidence-text"]').textContent()).toBe(rec.confidenceText);
    expect((await headline.locator('[data-testid="recommended-confidence"]').textContent())?.toLowerCase()).toContain(rec.confidence);
    // The share of conversions reached within N, next to it.
    expect(await headline.locator('[data-testid="recommended-share"]').textContent()).toMatch(new RegExp(`^${Math.floor(rec.cumulativeShare! * 100)}`));
    expect(await headline.locator('[data-testid="overall-leads"]').textContent()).toBe('3,000');
    expect(await headline.locator('[data-testid="attempts-applied"]').textContent()).toBe(report.applied);

    // Both curves: the value of one more attempt against its cost, and the cumulative share.
    await expect.poll(() => page.locator('[data-testid="attempts-value-chart"] canvas').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="attempts-share-chart"] canvas').count()).toBe(1);

    // The attempt table of all leads: one row per attempt, the API's counts, the recommended row marked.
    const table = page.locator('[data-testid="attempts-table"][data-group="all"]');
    const rows = table.locator('[data-testid="attempts-step-row"]');
    await expect.poll(() => rows.count()).toBe(report.overall.steps.length);
    expect(await rows.locator('[data-col="at-risk"]').allTextContents()).toEqual(report.overall.steps.map((s) => s.atRisk.toLocaleString('en-US')));
    expect(await rows.locator('[data-col="conversions"]').allTextContents()).toEqual(report.overall.steps.map((s) => s.conversions.toLocaleString('en-US')));
    expect(await table.locator(`tr[data-attempt="${rec.n}"]`).getAttribute('class')).toContain('attempts-chosen');
    expect(await rows.first().locator('[data-col="hazard"]').textContent()).toContain('95%:');
    expect(await page.locator('[data-testid="attempts-recommendation-row"]').textContent()).toContain(`Recommended: ${rec.n} attempts`);

    // The groups by attempts made sit in a closed details block, as a second view.
    const groups = page.locator('[data-testid="attempts-groups"]');
    expect(await groups.getAttribute('open')).toBeNull();
    await groups.locator('summary').click();
    expect(await groups.locator('[data-testid="attempts-group-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-label')))).toEqual(report.overall.byAttemptsMade.map((g) => g.label));

    // Cost per attempt: 30 € an hour at 10 calls an hour is 3 € for every attempt, both reps costed.
    expect(report.costPerAttempt).toMatchObject({ attemptsWithoutCost: 0, average: 3 });
    const cost = page.locator('[data-testid="attempts-cost"]');
    expect(await cost.locator('[data-testid="cost-without"] .stat-value').textContent()).toBe('0');
    expect(await cost.locator('[data-testid="cost-rep-row"] [data-col="rep"]').allTextContents()).toEqual(report.costPerAttempt.byRep.map((r) => r.name));

    // The method sits in a closed details block.
    const method = page.locator('[data-testid="attempts-method"]');
    expect(await method.locator('summary').textContent()).toBe('How this is computed');
    expect(await method.locator('p').textContent()).toBe(report.method);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'attempts.png'), fullPage: true });
  });

  it('splits by MQL type and by industry, with each group’s own answer and no internal keys on screen', async () => {
    const byType = await api<Report>('/api/reports/attempts');
    const summary = page.locator('[data-testid="attempts-group-summary-row"]');
    await expect.poll(() => summary.locator('[data-col="group"]').allTextContents()).toEqual(['All leads', ...byType.byGroup.map((g) => g.label)]);
    // Every 20th lead has no MQL type: it reads "Unspecified", never a key.
    expect(byType.byGroup.map((g) => g.label)).toEqual(['Telemarketing', 'Unspecified']);

    // The group's tab shows its own attempt table.
    const tm = byType.byGroup[0]!;
    await page.click(`[data-testid="attempts-tabs"] button[data-value="${tm.group}"]`);
    const tmRows = page.locator(`[data-testid="attempts-table"][data-group="${tm.group}"] [data-testid="attempts-step-row"] [data-col="at-risk"]`);
    await expect.poll(() => tmRows.allTextContents()).toEqual(tm.steps.map((s) => s.atRisk.toLocaleString('en-US')));

    // Split by industry: the select asks the API for it.
    const byIndustry = await api<Report>('/api/reports/attempts?dimension=industry');
    expect(byIndustry.byGroup.map((g) => g.label).sort()).toEqual(['Banking', 'Retail']);
    await page.selectOption('[data-testid="attempts-dimension"]', 'industry');
    await expect.poll(() => summary.locator('[data-col="group"]').allTextContents()).toEqual(['All leads', ...byIndustry.byGroup.map((g) => g.label)]);
    expect(await summary.locator('[data-col="leads"]').allTextContents()).toEqual([byIndustry.overall.leads, ...byIndustry.byGroup.map((g) => g.leads)].map((n) => n.toLocaleString('en-US')));
    const text = (await page.locator('main').textContent()) ?? '';
    for (const key of ['mql_type', 'telemarketing', 'unspecified', '/api/', 'byGroup']) expect(text, key).not.toContain(key);
    await page.selectOption('[data-testid="attempts-dimension"]', 'mql_type');
  });

  it('shows an empty state, not an error, when no lead has been an MQL long enough', async () => {
    const none = await api<Report>('/api/reports/attempts?min_months=120');
    expect(none.overall).toMatchObject({ leads: 0, steps: [], recommended: { n: null } });

    await page.fill('input[name="min_months"]', '120');
    const report = page.locator('[data-testid="attempts-report"]');
    await expect.poll(() => report.getAttribute('data-min-months')).toBe('120');
    await expect.poll(() => page.locator('[data-testid="attempts-empty"]').isVisible()).toBe(true);
    expect(await page.locator('[data-testid="attempts-empty"]').textContent()).toContain('No leads to analyse');
    expect(await page.locator('[data-testid="attempts-empty"]').textContent()).toContain(none.applied);
    expect(await page.locator('[role="alert"]').count()).toBe(0);
    expect(await page.locator('[data-testid="attempts-value-chart"]').count()).toBe(0);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'attempts-empty.png'), fullPage: true });

    // Back to 3 months: the recommendation returns.
    await page.fill('input[name="min_months"]', '3');
    await expect.poll(() => page.locator('[data-testid="recommended-n"]').count()).toBe(1);
  });
});
