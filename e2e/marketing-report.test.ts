// The marketing report and the reverse-funnel planner in a real browser (Debian's Chromium driven by
// playwright-core), against the real server on PGlite with a fixed clock: a marketing user sees the
// month's channels and the campaigns ranked as GET /api/reports/marketing has them, the follow-up
// median, the charts drawn and the server's CSV; the planner works a 200,000 goal back to visits from
// entered rates, and a goal of 0 shows the API's field error next to the goal input.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { insertId, monthSeed, seedMonth } from './month-seed.js';

const password = 'e2e-password-1';

interface MarketingReport {
  month: string;
  channels: { channel: string; detail?: string; visits: number; contacts: number; mqls: number; customers: number; visit_to_contact: number | null; contact_to_customer: number | null }[];
  campaigns: { rank: number; id: number; campaign: string; spend: number; visits: number; leads: number; mqls: number; customers: number; revenue: number; cost_per_lead: number | null; cost_per_customer: number | null; roi: number | null }[];
  content_influence: { id: number; lift: number | null }[];
  follow_up: { assignments: number; median_minutes: number | null; within_4h: number; share_within_4h: number | null; buckets: { bucket: string; count: number }[] };
}
interface PlannerReport {
  plan: { perMonth: Record<'customers' | 'sqls' | 'mqls' | 'leads' | 'visits', { needed: number }>; sources: Record<string, { source: string; value: number | null }> };
}

describe('marketing report and planner in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Everything seeded happens on the month's first day before 12:00, so always before now.
  const { now, clock, month, monthStart, at } = seedMonth();
  const firstDay = monthStart.toISOString().slice(0, 10);
  let spring = 0;
  let ebookCampaign = 0;

  const api = <T>(path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const db = t.db;
    await createUser(db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });

    // As src/domains/reports/marketing-report.test.ts seeds: campaigns, assets, contacts with visits,
    // events, stage transitions, won deals and lead assignments.
    const campaign = (name: string, type: string, spend: number) =>
      insertId(db, 'INSERT INTO campaigns (name, type, utm_campaign, starts_on, ends_on, monthly_spend) VALUES ($1, $2, $3, $4, NULL, $5)', [name, type, name.toLowerCase().replace(/ /g, '-'), firstDay, spend]);
    spring = await campaign('Spring Ads', 'paid_ads', 1000);
    ebookCampaign = await campaign('Ebook', 'whitepaper', 500);
    const { asset, contact, visit, event, wonDeal, assignment } = monthSeed(db, at);
    const pricing = await asset('page', '/pricing', 'Pricing');
    const ebook = await asset('content', 'ebook', 'Ebook');

    // Ann: a Spring Ads visit makes her a Spring Ads lead; MQL, then customer with 3,000 won; viewed pricing.
    const ann = await contact('Ann', 'Paid Search', 1, [['lead', 1], ['mql', 2], ['customer', 5]]);
    await visit(ann, 0.5, 'Paid Search', spring);
    await event(ann, 1.1, 'page', null, pricing);
    await wonDeal(ann, 3000, 5);
    // Ben: a Spring Ads lead who became an MQL; viewed pricing.
    const ben = await contact('Ben', 'Paid Search', 2, [['lead', 2], ['mql', 3]]);
    await visit(ben, 1.9, 'Paid Search', spring);
    await event(ben, 2.1, 'page', null, pricing);
    // Cat: organic, downloaded the ebook through the Ebook campaign: an Ebook lead, MQL, customer with 800 won.
    const cat = await contact('Cat', 'Organic Search', 3, [['lead', 3], ['mql', 4], ['customer', 6]]);
    await visit(cat, 2.9, 'Organic Search');
    await event(cat, 3, 'track', 'Content Downloaded', ebook, ebookCampaign);
    await wonDeal(cat, 800, 6);
    // Dan: organic, no campaign, still a lead.
    const dan = await contact('Dan', 'Organic Search', 4, [['lead', 4]]);
    await visit(dan, 3.9, 'Organic Search');

    // Follow-up: 30 min, 120 min, 300 min, and one not touched yet: median 120 min, 2 of 4 within 4 h.
    await assignment(ann, 2, 30);
    await assignment(ben, 3, 120);
    await assignment(cat, 4, 300);
    await assignment(dan, 5, null);

    // The month's revenue goal, which the planner starts from.
    await db.query(`INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, updated_at) VALUES ($1, 150000, 0.5, $2)`, [month, now]);

    ({ app, base } = await startApp(db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true, clock }));
    await signIn(page, base, 'mara@revloop.test', password);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('shows the channels, campaign ranking and follow-up speed the API reports, with the charts', async () => {
    const report = await api<MarketingReport>(`/api/reports/marketing?month=${month}`);
    // The seed as the server reads it: Spring Ads (3,000 on 1,000: ROI 2) ahead of Ebook (800 on 500: ROI 0.6).
    expect(report.campaigns.map((c) => [c.id, c.leads, c.customers, c.revenue, c.roi])).toEqual([
      [spring, 2, 1, 3000, 2],
      [ebookCampaign, 1, 1, 800, 0.6],
    ]);
    expect(report.follow_up.median_minutes).toBe(120);
    expect(report.follow_up.share_within_4h).toBe(0.5);
    expect(Object.fromEntries(report.channels.filter((c) => c.mqls > 0).map((c) => [c.channel, c.mqls]))).toEqual({ 'Paid Search': 2, 'Organic Search': 1 });

    expect(await page.locator('a.nav-link:has-text("Marketing report")').getAttribute('href')).toBe('/reports/marketing');
    await page.click('a.nav-link:has-text("Marketing report")');
    await page.waitForURL(/\/reports\/marketing$/);
    // The last complete month first; the month seeded is this one, one click away.
    await expect.poll(() => page.locator('[data-testid="month-note"]').textContent()).toMatch(/, the last complete month$/);
    await page.click('[data-testid="month-shortcut"] button[data-value="this"]');
    await page.waitForURL(new RegExp(`/reports/marketing\\?month=${month}$`));
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(month);
    await expect.poll(() => page.locator('[data-testid="marketing-report"]').getAttribute('data-month')).toBe(month);

    const s = (x: number | null) => (x === null ? '' : String(x));
    const channelRows = await page.locator('[data-testid="channel-row"]').evaluateAll((els) =>
      els.map((e) => {
        const v = (col: string) => e.querySelector(`[data-col="${col}"]`)?.getAttribute('data-value') ?? null;
        return { channel: e.getAttribute('data-channel'), visits: v('visits'), contacts: v('contacts'), mqls: v('mqls'), customers: v('customers'), v2c: v('visit-to-contact'), c2c: v('contact-to-customer') };
      }),
    );
    expect(channelRows).toEqual(
      report.channels.map((c) => ({
        channel: c.channel, visits: s(c.visits), contacts: s(c.contacts), mqls: s(c.mqls), customers: s(c.customers), v2c: s(c.visit_to_contact), c2c: s(c.contact_to_customer),
      })),
    );

    const campaignRows = await page.locator('[data-testid="campaign-row"]').evaluateAll((els) =>
      els.map((e) => {
        const v = (col: string) => e.querySelector(`[data-col="${col}"]`)?.getAttribute('data-value') ?? null;
        return {
          id: e.getAttribute('data-id'), rank: e.getAttribute('data-rank'), name: e.querySelector('[data-col="campaign"]')?.firstChild?.textContent ?? null,
          spend: v('spend'), visits: v('visits'), leads: v('leads'), mqls: v('mqls'), customers: v('customers'), revenue: v('revenue'), cpl: v('cost-per-lead'), cpc: v('cost-per-customer'), roi: v('roi'),
        };
      }),
    );
    expect(campaignRows).toEqual(
      report.campaigns.map((c) => ({
        id: s(c.id), rank: s(c.rank), name: c.campaign,
        spend: s(c.spend), visits: s(c.visits), leads: s(c.leads), mqls: s(c.mqls), customers: s(c.customers), revenue: s(c.revenue), cpl: s(c.cost_per_lead), cpc: s(c.cost_per_customer), roi: s(c.roi),
      })),
    );
    expect(await page.locator('[data-testid="campaign-row"] [data-col="roi"]').allTextContents()).toEqual(['200.0%', '60.0%']);

    const median = page.locator('[data-testid="follow-up-median"]');
    expect(await median.getAttribute('data-value')).toBe(String(report.follow_up.median_minutes));
    expect(await median.textContent()).toBe('2 h');
    expect(await page.locator('[data-testid="follow-up-within-4h"]').getAttribute('data-value')).toBe(String(report.follow_up.share_within_4h));
    expect(await page.locator('[data-testid="follow-up-assignments"]').getAttribute('data-value')).toBe(String(report.follow_up.assignments));

    // Content influence: the API's assets, sorted by lift (highest first, unknown lift last).
    const influence = await page.locator('[data-testid="influence-row"]').evaluateAll((els) => els.map((e) => ({ id: Number(e.getAttribute('data-id')), lift: e.getAttribute('data-lift') })));
    expect(influence.map((r) => r.id).sort()).toEqual(report.content_influence.map((r) => r.id).sort());
    const lifts = influence.map((r) => r.lift).filter((l): l is string => l !== '').map(Number);
    expect(lifts).toEqual([...lifts].sort((a, b) => b - a));
    expect(await page.locator('[data-testid="influence-window"]').textContent()).toContain('12 months');

    for (const chart of ['channel-chart', 'roi-chart', 'follow-up-chart']) {
      await expect.poll(() => page.locator(`[data-testid="${chart}"] canvas`).count(), { message: chart }).toBe(1);
    }
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'marketing-report.png'), fullPage: true });
  });

  it('downloads the marketing report as the server CSV', async () => {
    if (!page.url().endsWith(`/reports/marketing?month=${month}`)) await page.goto(`${base}/reports/marketing?month=${month}`);
    const href = await page.locator('[data-testid="marketing-csv"]').getAttribute('href');
    expect(href).toBe(`/api/reports/marketing/csv?month=${month}`);
    const res = await page.request.get(`${base}${href}`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    const serverHeader = (await res.text()).split(/\r?\n/)[0];
    const [file] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="marketing-csv"]')]);
    const lines = (await readFile((await file.path())!, 'utf8')).trimEnd().split(/\r?\n/);
    expect(file.suggestedFilename()).toMatch(/^marketing-.*\.csv$/);
    expect(lines[0]).toBe(serverHeader);
  });

  it('splits the channels by source when asked, as the API does, and the CSV link follows', async () => {
    if (!page.url().endsWith(`/reports/marketing?month=${month}`)) await page.goto(`${base}/reports/marketing?month=${month}`);
    await page.click('[data-testid="marketing-channels-dimension"] button[data-value="source_detail"]');
    await expect.poll(() => page.locator('[data-testid="marketing-csv"]').getAttribute('href')).toBe(`/api/reports/marketing/csv?month=${month}&dimension=source_detail`);
    const bySource = await api<MarketingReport>(`/api/reports/marketing?month=${month}&dimension=source_detail`);
    expect(bySource.channels.every((c) => typeof c.detail === 'string')).toBe(true);
    await expect.poll(() => page.locator('[data-testid="channel-row"] td.cell-main').allTextContents()).toEqual(bySource.channels.map((c) => `${c.channel} · ${c.detail}`));
    await page.click('[data-testid="marketing-channels-dimension"] button[data-value="channel"]');
    await expect.poll(() => page.locator('[data-testid="marketing-csv"]').getAttribute('href')).toBe(`/api/reports/marketing/csv?month=${month}`);
  });

  it('plans 200,000 back to 25,000 visits from entered rates, each marked entered', async () => {
    await page.click('a.nav-link:has-text("Planner")');
    await page.waitForURL(/\/reports\/planner$/);
    // Prefilled from the month's goal.
    await expect.poll(() => page.locator('input[name="goal"]').inputValue()).toBe('150000');

    await page.fill('input[name="goal"]', '200000');
    await page.fill('input[name="visitToLead"]', '2');
    await page.fill('input[name="leadToMql"]', '20');
    await page.fill('input[name="mqlToSql"]', '40');
    await page.fill('input[name="sqlToCustomer"]', '25');
    await page.fill('input[name="averageContractSize"]', '20000');

    const expected = { customers: '10', sqls: '40', mqls: '100', leads: '500', visits: '25,000' };
    const stageTexts = () =>
      page.locator('[data-testid="planner-stage"]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.getAttribute('data-stage'), e.querySelector('[data-col="per-month"]')?.textContent ?? ''])));
    await expect.poll(stageTexts).toEqual(expected);
    await expect
      .poll(() => page.locator('[data-testid="planner-rate-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-key'), e.querySelector('[data-testid="planner-source"]')?.textContent])))
      .toEqual([
        ['visitToLead', 'entered'],
        ['leadToMql', 'entered'],
        ['mqlToSql', 'entered'],
        ['sqlToCustomer', 'entered'],
        ['averageContractSize', 'entered'],
      ]);
    expect(await page.locator('[data-testid="planner-rate-row"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))))).toEqual([0.02, 0.2, 0.4, 0.25, 20000]);

    // The same as the API.
    const plan = await api<PlannerReport>('/api/reports/planner?goal=200000&visitToLead=0.02&leadToMql=0.2&mqlToSql=0.4&sqlToCustomer=0.25&averageContractSize=20000');
    const p = plan.plan.perMonth;
    expect([p.customers.needed, p.sqls.needed, p.mqls.needed, p.leads.needed, p.visits.needed]).toEqual([10, 40, 100, 500, 25_000]);
    expect(await page.locator('[data-testid="planner-stage"]').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-value'))))).toEqual([25_000, 500, 100, 40, 10]);
    await expect.poll(() => page.locator('[data-testid="planner-chart"] canvas').count()).toBe(1);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'planner.png'), fullPage: true });
  });

  it('shows the API field error next to the goal when the goal is 0', async () => {
    const res = await page.request.get(`${base}/api/reports/planner?goal=0&visitToLead=0.02&leadToMql=0.2&mqlToSql=0.4&sqlToCustomer=0.25&averageContractSize=20000`);
    expect(res.status()).toBe(400);
    const body = (await res.json()) as { errors: { field: string; problem: string }[] };
    const problem = body.errors.find((e) => e.field === 'goal')?.problem;
    expect(problem).toBeTruthy();

    await page.fill('input[name="goal"]', '0');
    const fieldError = page.locator('.field-error[data-field="goal"]');
    await expect.poll(() => fieldError.count()).toBe(1);
    expect(await fieldError.textContent()).toBe(problem);
    expect(await page.locator('[data-testid="planner-result"]').count()).toBe(0);

    // Back to a valid goal: the error goes and the plan comes back.
    await page.fill('input[name="goal"]', '200000');
    await expect.poll(() => fieldError.count()).toBe(0);
    await expect.poll(() => page.locator('[data-testid="planner-stage"][data-stage="customers"]').getAttribute('data-value')).toBe('10');
  });
});
