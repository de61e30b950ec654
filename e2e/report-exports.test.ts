// Report exports, the assets chart and the workspace time zone in a real browser (Debian's Chromium
// driven by playwright-core), against the real server on PGlite with a fixed clock: an admin finds a
// "Download CSV" link on each report page whose query is the page's own and whose file is the server's
// CSV with its header row; the assets page draws its landing pages; and Settings refuses a time zone
// that does not exist under its field, then keeps Europe/Madrid.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { monthSeed, seedMonth } from './month-seed.js';

const password = 'e2e-password-1';

describe('report CSV exports, the assets chart and the workspace time zone in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  const { now, clock, month, at } = seedMonth();
  // The funnel page's default months: eleven before this one, to this one.
  const funnelFrom = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 11, 1)).toISOString().slice(0, 10);
  const funnelTo = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 0)).toISOString().slice(0, 10);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const db = t.db;
    await createUser(db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });

    // Two landing pages the contacts viewed, contacts with visits and stage histories, a won deal (the
    // planner's measured contract size) and lead assignments (the SLA's reps).
    const { asset, contact, visit, event, wonDeal, assignment } = monthSeed(db, at);
    const pricing = await asset('page', '/pricing', 'Pricing');
    const demo = await asset('page', '/demo', null);
    const ann = await contact('Ann', 'Paid Search', 1, [['lead', 1], ['mql', 2], ['customer', 5]]);
    await visit(ann, 0.5, 'Paid Search');
    await event(ann, 1.1, 'page', null, pricing);
    await event(ann, 1.2, 'page', null, demo);
    await wonDeal(ann, 3000, 5);
    const ben = await contact('Ben', 'Organic Search', 2, [['lead', 2], ['mql', 3]]);
    await visit(ben, 1.9, 'Organic Search');
    await event(ben, 2.1, 'page', null, pricing);
    await assignment(ann, 2, 30);
    await assignment(ben, 3, null);

    // The month's revenue goal, which the planner starts from.
    await db.query(`INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, updated_at) VALUES ($1, 150000, 0.5, $2)`, [month, now]);

    ({ app, base } = await startApp(db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', clock }));
    await signIn(page, base, 'ada@revloop.test', password);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  /** The page's CSV link once it shows, and the file its href gives with the page's own cookies. */
  const fetchCsv = async (testId: string) => {
    const link = page.locator(`[data-testid="${testId}"]`);
    await link.waitFor({ state: 'visible' });
    expect((await link.textContent())?.trim()).toBe('Download CSV');
    const href = (await link.getAttribute('href'))!;
    const res = await page.request.get(`${base}${href}`);
    expect(res.status(), href).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    return { href, lines: (await res.text()).trimEnd().split(/\r?\n/) };
  };

  // Each page's link carries the query the page itself asks with (the seeded month named: monthly reports open on the last complete one, which e2e/report-periods.test.ts checks).
  const pages = [
    { name: 'sources', path: `/sources?month=${month}`, testId: 'sources-csv', href: `/api/reports/sources/csv?month=${month}`, header: 'channel,visits,contacts,customers,visit→contact rate,contact→customer rate' },
    { name: 'assets', path: `/assets?month=${month}`, testId: 'assets-csv', href: `/api/reports/assets/csv?month=${month}`, header: 'kind,asset,name,views,visitors,submissions,converted,conversion_rate,clicks,click_rate,downloads,contacts,registrations,attendances,attendance_rate' },
    { name: 'funnel', path: '/funnel', testId: 'funnel-csv', href: `/api/reports/funnel/csv?from=${funnelFrom}&to=${funnelTo}`, header: 'from,to,rate,median_days,sample,median_days_in_stage,mean_days_in_stage' },
    {
      name: 'sla',
      path: `/sla?month=${month}`,
      testId: 'sla-csv',
      href: `/api/reports/sla/csv?month=${month}`,
      header: 'who,team,leads,first touch met rate,median min to touch,attempts/lead,attempts met rate,accepted,rejected,recycled',
    },
    { name: 'planner', path: '/reports/planner', testId: 'planner-csv', href: '/api/reports/planner/csv?goal=150000&months=1', header: 'stage,per month,over 1 mo,from,value,source,measured' },
    { name: 'marketing SLA', path: `/marketing-sla?month=${month}`, testId: 'waterfall-csv', href: `/api/reports/waterfall/csv?month=${month}&pace=linear`, header: 'day,mqls,value,cumulative_mqls,cumulative_value,pace_value' },
    { name: 'attempts', path: '/sla/attempts', testId: 'attempts-csv', href: '/api/reports/attempts/csv?min_months=3&dimension=mql_type', header: 'group,attempt,at_risk,conversions,hazard,hazard_ci95,value_of_attempt,cost_of_attempt,pays,cumulative_share,profit_per_lead_sla,note' },
  ];

  for (const p of pages) {
    it(`offers the ${p.name} page's CSV for its own query, and the file is the server's CSV with a header row`, async () => {
      await page.goto(`${base}${p.path}`);
      const { href, lines } = await fetchCsv(p.testId);
      expect(href).toBe(p.href);
      expect(lines[0]).toBe(p.header);
      expect(lines.length).toBeGreaterThan(1);
    });
  }

  it('offers the calibration CSV next to its dates on the qualification page', async () => {
    await page.goto(`${base}/qualification`);
    const { href } = await fetchCsv('calibration-csv');
    expect(href).toBe('/api/reports/calibration/csv');
  });

  it('follows the chosen window: the sources link asks for the last 30 days when the page does', async () => {
    await page.goto(`${base}/sources`);
    await page.click('[data-testid="period"] button[data-value="last30"]');
    const link = page.locator('[data-testid="sources-csv"]');
    await expect.poll(() => link.getAttribute('href')).toMatch(/^\/api\/reports\/sources\/csv\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    const { lines } = await fetchCsv('sources-csv');
    expect(lines[0]).toBe(pages[0]!.header);
  });

  it('groups the sources page by channel and source: the table and its CSV follow the choice', async () => {
    await page.goto(`${base}/sources?month=${month}`);
    await page.click('[data-testid="sources-dimension"] button[data-value="source_detail"]');
    const link = page.locator('[data-testid="sources-csv"]');
    await expect.poll(() => link.getAttribute('href')).toBe(`/api/reports/sources/csv?month=${month}&dimension=source_detail`);
    const api = await getJson<{ channels: { channel: string; detail: string }[] }>(page, base, `/api/reports/sources?month=${month}&dimension=source_detail`);
    expect(api.channels.length).toBeGreaterThan(0);
    const rows = page.locator('[data-testid="source-row"]');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => [...e.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)))).toEqual(api.channels.map((c) => [c.channel, c.detail]));
    expect(await page.locator('[data-testid="sources-table"] thead th').evaluateAll((els) => els.slice(0, 2).map((e) => e.textContent))).toEqual(['Channel', 'Source']);
    const { lines } = await fetchCsv('sources-csv');
    expect(lines[0]).toBe('channel,detail,visits,contacts,customers,visit→contact rate,contact→customer rate');
    expect(lines).toHaveLength(api.channels.length + 1);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'sources-by-source.png'), fullPage: true });
  });

  it('draws the most viewed landing pages on the assets page', async () => {
    await page.goto(`${base}/assets?month=${month}`);
    const chart = page.locator('[data-testid="assets-pages-chart"]');
    await expect.poll(() => chart.locator('canvas, svg').count()).toBeGreaterThan(0);
    expect(await chart.getAttribute('aria-label')).toContain('top landing pages');
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'assets.png'), fullPage: true });
  });

  // Last: the zone it saves moves every report's days and months.
  it('refuses a time zone that does not exist under its field, then keeps Europe/Madrid', async () => {
    expect(await getJson<{ time_zone: string }>(page, base, '/api/settings/workspace')).toEqual({ time_zone: 'UTC', raw_event_months: null });
    await page.goto(`${base}/settings/workspace`);
    const card = page.locator('[data-testid="workspace-settings"]');
    const input = card.locator('input[name="time_zone"]');
    await expect.poll(() => input.inputValue()).toBe('UTC');
    expect(await card.textContent()).toContain('Report days and months begin at midnight in this time zone');

    await input.fill('Mars/Phobos');
    await card.locator('[data-testid="workspace-form"] button[type="submit"]').click();
    const problem = card.locator('.field-error[data-field="time_zone"]');
    await expect.poll(() => problem.count()).toBe(1);
    expect(await problem.textContent()).toContain('must be an IANA time zone name');
    expect(await getJson<{ time_zone: string }>(page, base, '/api/settings/workspace')).toEqual({ time_zone: 'UTC', raw_event_months: null });

    await input.fill('Europe/Madrid');
    await card.locator('[data-testid="workspace-form"] button[type="submit"]').click();
    await expect.poll(() => card.locator('[data-testid="workspace-saved"]').count()).toBe(1);
    expect(await problem.count()).toBe(0);
    expect(await getJson<{ time_zone: string }>(page, base, '/api/settings/workspace')).toEqual({ time_zone: 'Europe/Madrid', raw_event_months: null });

    await page.reload();
    await expect.poll(() => page.locator('[data-testid="workspace-settings"] input[name="time_zone"]').inputValue()).toBe('Europe/Madrid');

    // Raw events kept for three years; nothing under 25 months is offered, and the zone stays.
    const retention = page.locator('[data-testid="retention-form"]');
    const months = retention.locator('select[name="raw_event_months"]');
    expect(await months.locator('option').allTextContents()).toEqual(['Forever', '25 months', '3 years', '4 years', '5 years', '10 years']);
    expect(await retention.textContent()).toContain('nothing shorter than 25 months');
    await months.selectOption({ label: '3 years' });
    await retention.locator('button[type="submit"]').click();
    await expect.poll(() => retention.locator('[data-testid="retention-saved"]').count()).toBe(1);
    expect(await getJson<{ time_zone: string }>(page, base, '/api/settings/workspace')).toEqual({ time_zone: 'Europe/Madrid', raw_event_months: 36 });
  });
});
