// The sales report, attribution and funnel breakdown pages in a real browser (Debian's Chromium driven
// by playwright-core), against the real server on PGlite with a fixed clock: a marketing user sees the
// closed revenue, share of quota and per-rep results the API reports with the waterfall chart drawn,
// the attribution table by channel with the API's keys and linear revenue, the funnel broken down by
// segment with the API's groups, and each "Download CSV" link gives the server's own CSV.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { insertId, seedMonth } from './month-seed.js';

const H = 3600_000;
const D = 24 * H;
const password = 'e2e-password-1';

interface SalesReport {
  month: string;
  quota: { total: number | null; source: string | null };
  waterfall: { closed: number; reached: number | null; gap: number | null; today: { status: string }; days: unknown[] };
  win_loss: { won: { deals: number }; lost: { deals: number }; win_rate: number | null };
  reps: { owner_id: number | null; name: string | null; won_deals: number; revenue: number; quota: number | null; reached: number | null; lost_deals: number; win_rate: number | null; avg_deal: number | null; median_cycle_days: number | null }[];
}
interface AttributionReport {
  conversions: number;
  revenue: number;
  conversions_without_touchpoints: number;
  models: Record<string, Record<string, { key: string | null; channel?: string | null; revenue: number; conversions: number }[]>>;
}
interface FunnelBreakdown {
  by: string;
  groups: { group: string; label: string; contacts: number }[];
}

describe('sales report, attribution and funnel breakdown in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // The month's deals close on its first day at 08:00–10:00, always before now.
  const { clock, month, next, monthStart } = seedMonth();
  const at = (days: number, hours = 0) => new Date(monthStart.getTime() + days * D + hours * H);
  let ana = 0;
  let ben = 0;

  const api = <T>(path: string) => getJson<T>(page, base, path);
  /** The header line of the server's CSV for the same report and query. */
  const serverCsvHeader = async (path: string) => {
    const res = await page.request.get(`${base}${path}`);
    expect(res.status(), path).toBe(200);
    expect(res.headers()['content-type']).toContain('text/csv');
    return (await res.text()).split(/\r?\n/)[0]!;
  };
  /** Clicks a CSV link and returns the downloaded file's lines. */
  const download = async (selector: string) => {
    const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
    const text = await readFile((await file.path())!, 'utf8');
    return { name: file.suggestedFilename(), lines: text.trimEnd().split(/\r?\n/) };
  };

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const db = t.db;
    await createUser(db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });
    ana = (await createUser(db, { name: 'Ana Rep', email: 'ana@revloop.test', role: 'sales_rep', team: 'north' })).id;
    ben = (await createUser(db, { name: 'Ben Rep', email: 'ben@revloop.test', role: 'sales_rep', team: 'north' })).id;

    // Companies and contacts with imported histories (as src/domains/funnel/funnel-breakdown.test.ts does).
    const acme = await insertId(db, `INSERT INTO companies (name, domain, segment) VALUES ('Acme', 'acme.test', 'enterprise')`, []);
    const bolt = await insertId(db, `INSERT INTO companies (name, domain, segment) VALUES ('Bolt', 'bolt.test', 'small')`, []);
    const contact = async (email: string, source: string, companyId: number | null, path: [string, Date][]) => {
      const c = await insertId(
        db,
        `INSERT INTO contacts (email, email_normalized, created_at, original_source, company_id, lifecycle_stage) VALUES ($1, $1, $2, $3, $4, $5)`,
        [email, path[0]![1], source, companyId, path[path.length - 1]![0]],
      );
      let from: string | null = null;
      for (const [stage, when] of path) {
        await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, 'import', $4, 'import')`, [c, from, stage, when]);
        from = stage;
      }
      return c;
    };
    const c1 = await contact('c1@x.test', 'Paid Search', acme, [['lead', at(-40)], ['mql', at(-20)], ['customer', at(0, 8)]]);
    const c2 = await contact('c2@x.test', 'Organic Search', bolt, [['lead', at(-10)], ['mql', at(-5)], ['customer', at(0, 9)]]);
    await contact('c3@x.test', 'Paid Search', null, [['lead', at(-30)]]);
    await contact('c4@x.test', 'Referral', acme, [['lead', at(-25)], ['mql', at(-24)]]);

    // Visits with channels: c1 came through Paid Search, then an Email; c2 through Organic Search.
    const visit = (contactId: number, when: Date, channel: string) =>
      db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, channel, channel_rule) VALUES ($1, $2, $3, $3, 'https://x.test/', $4, 'test')`, [`v${contactId}`, contactId, when, channel]);
    await visit(c1, at(-20), 'Paid Search');
    await visit(c1, at(-3), 'Email');
    await visit(c2, at(-6), 'Organic Search');

    // Deals closed on day 1: Ana won 30,000 (c1); Ben won 12,000 (c2) and lost 5,000 on price.
    const deal = (stage: string, amount: number, owner: number, contactId: number | null, closedAt: Date, reason: string | null = null) =>
      db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, owner_id, contact_id, closed_at, lost_reason) VALUES ('deal', 1, $1, $2, $3, $4, $5, $6)`, [stage, amount, owner, contactId, closedAt, reason]);
    await deal('closed_won', 30_000, ana, c1, at(0, 8));
    await deal('closed_won', 12_000, ben, c2, at(0, 9));
    await deal('closed_lost', 5_000, ben, null, at(0, 10), 'price');

    ({ app, base } = await startApp(db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true, clock }));
    await signIn(page, base, 'mara@revloop.test', password);

    // The month's quotas: the team's 100,000, Ana 60,000, Ben 40,000.
    const res = await page.request.put(`${base}/api/quotas/${month}`, {
      data: { quotas: [{ team: 'north', amount: 100_000 }, { user_id: ana, amount: 60_000 }, { user_id: ben, amount: 40_000 }] },
    });
    expect(res.status()).toBe(200);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('shows the closed revenue, share of quota and per-rep results the API reports, with the waterfall chart', async () => {
    const report = await api<SalesReport>(`/api/reports/sales?month=${month}`);
    expect(report.quota).toMatchObject({ total: 100_000, source: 'month' });
    expect(report.waterfall.closed).toBe(42_000);
    expect(report.waterfall.reached).toBe(0.42);
    expect(report.reps.map((r) => r.owner_id)).toEqual([ana, ben]);

    expect(await page.locator('a.nav-link:has-text("Sales report")').getAttribute('href')).toBe('/reports/sales');
    await page.click('a.nav-link:has-text("Sales report")');
    await page.waitForURL(/\/reports\/sales$/);
    // The report opens on the last complete month; the deals are this month's, one click away.
    await expect.poll(() => page.locator('[data-testid="month-note"]').textContent()).toMatch(/, the last complete month$/);
    await page.click('[data-testid="month-shortcut"] button[data-value="this"]');
    await page.waitForURL(new RegExp(`/reports/sales\\?month=${month}$`));
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(month);

    const closed = page.locator('[data-testid="closed-value"]');
    await expect.poll(() => closed.getAttribute('data-value')).toBe(String(report.waterfall.closed));
    expect(await closed.textContent()).toBe('€42,000');
    const reached = page.locator('[data-testid="reached-value"]');
    expect(await reached.getAttribute('data-value')).toBe(String(report.waterfall.reached));
    expect(await reached.textContent()).toBe('42.0%');
    expect(await page.locator('[data-testid="quota-value"]').textContent()).toBe('€100,000');
    expect(await page.locator('[data-testid="gap-value"]').getAttribute('data-value')).toBe(String(report.waterfall.gap));
    expect(await page.locator('[data-testid="sales-status-chip"]').getAttribute('data-status')).toBe(report.waterfall.today.status);

    await expect.poll(() => page.locator('[data-testid="sales-chart"] canvas').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="cycle-chart"] canvas').count()).toBe(1);

    const rows = page.locator('[data-testid="sales-rep-row"]');
    const cells = await rows.evaluateAll((els) =>
      els.map((e) => {
        const v = (col: string) => e.querySelector(`[data-col="${col}"]`)?.getAttribute('data-value') ?? null;
        return {
          owner: e.getAttribute('data-owner'),
          name: e.querySelector('[data-col="name"]')?.firstChild?.textContent ?? null,
          won: v('won'), revenue: v('revenue'), quota: v('quota'), reached: v('reached'), lost: v('lost'), win_rate: v('win-rate'), avg_deal: v('avg-deal'), median: v('median-cycle'),
        };
      }),
    );
    const s = (x: number | null) => (x === null ? '' : String(x));
    expect(cells).toEqual(
      report.reps.map((r) => ({
        owner: s(r.owner_id), name: r.name ?? '(unassigned)',
        won: s(r.won_deals), revenue: s(r.revenue), quota: s(r.quota), reached: s(r.reached), lost: s(r.lost_deals), win_rate: s(r.win_rate), avg_deal: s(r.avg_deal), median: s(r.median_cycle_days),
      })),
    );
    // Ana: 30,000 of 60,000; Ben: 12,000 of 40,000 with one deal lost on price.
    expect(await rows.locator('[data-col="revenue"]').allTextContents()).toEqual(['€30,000', '€12,000']);
    expect(await rows.locator('[data-col="reached"]').allTextContents()).toEqual(['50.0%', '30.0%']);
    expect(await page.locator('[data-testid="loss-reason-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-reason')))).toEqual(['price']);
    expect(await page.locator('[data-testid="win-rate"]').getAttribute('data-value')).toBe(String(report.win_loss.win_rate));
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'sales-report.png'), fullPage: true });
  });

  it('downloads the sales report as the server CSV', async () => {
    expect(await page.locator('[data-testid="sales-csv"]').getAttribute('href')).toBe(`/api/reports/sales/csv?month=${month}`);
    const { name, lines } = await download('[data-testid="sales-csv"]');
    expect(name).toMatch(/^sales-.*\.csv$/);
    expect(lines[0]).toBe(await serverCsvHeader(`/api/reports/sales/csv?month=${month}`));
    expect(lines[0]).toBe('section,item,deals,amount,quota,share,median_days,mean_days,vs_average');
  });

  it('says when a month has no quota, with a link to Settings', async () => {
    await page.fill('input[name="month"]', next);
    await expect.poll(() => page.locator('[data-testid="sales-report"]').getAttribute('data-month')).toBe(next);
    await expect.poll(() => page.locator('[data-testid="quota-value"]').textContent()).toBe('No quota set');
    expect(await page.locator('[data-testid="sales-set-quota"]').getAttribute('href')).toBe('/settings/goals');
    expect(await page.locator('[data-testid="sales-status-chip"]').getAttribute('data-status')).toBe('no_quota');
  });

  it('shows attribution by channel with the API keys and linear revenue, and downloads its CSV', async () => {
    const report = await api<AttributionReport>(`/api/reports/attribution?month=${month}&dimension=channel`);
    // Two customers won in the month: 30,000 over Paid Search and Email, 12,000 from Organic Search.
    expect(report.conversions).toBe(2);
    expect(report.revenue).toBe(42_000);
    const linear = Object.fromEntries(report.models.linear!.channel!.map((r) => [r.key ?? '(none)', r.revenue]));
    expect(linear).toEqual({ 'Paid Search': 15_000, Email: 15_000, 'Organic Search': 12_000 });

    await page.click('a.nav-link:has-text("Attribution")');
    await page.waitForURL(/\/reports\/attribution$/);
    // Last complete month first; the customers were won this month.
    await page.click('[data-testid="month-shortcut"] button[data-value="this"]');
    await page.waitForURL(new RegExp(`/reports/attribution\\?month=${month}$`));
    const conversions = page.locator('[data-testid="attribution-conversions"]');
    await expect.poll(() => conversions.getAttribute('data-value')).toBe(String(report.conversions));
    expect(await page.locator('[data-testid="attribution-revenue"]').getAttribute('data-value')).toBe(String(report.revenue));
    expect(await page.locator('[data-testid="attribution-untouched"]').getAttribute('data-value')).toBe(String(report.conversions_without_touchpoints));
    expect(await page.locator('[data-testid="attribution-report"]').getAttribute('data-dimension')).toBe('channel');

    const rows = page.locator('[data-testid="attribution-row"]');
    const shown = await rows.evaluateAll((els) => els.map((e) => [e.getAttribute('data-key'), Number(e.querySelector('[data-col="linear"]')?.getAttribute('data-value'))] as const));
    // Every key of any model, in the first model's order, as the server's table has them.
    const keys = [...new Set(['first', 'last', 'linear', 'u_shaped', 'time_decay'].flatMap((m) => report.models[m]!.channel!.map((r) => r.key ?? '(none)')))];
    expect(shown.map(([k]) => k)).toEqual(keys);
    expect(Object.fromEntries(shown)).toEqual(Object.fromEntries(keys.map((k) => [k, linear[k] ?? 0])));
    expect(await page.locator('thead th[data-model]').evaluateAll((els) => els.map((e) => e.getAttribute('data-model')))).toEqual(['first', 'last', 'linear', 'u_shaped', 'time_decay']);
    await expect.poll(() => page.locator('[data-testid="attribution-chart"] canvas').count()).toBe(1);

    const href = await page.locator('[data-testid="attribution-csv"]').getAttribute('href');
    expect(href).toBe(`/api/reports/attribution/csv?month=${month}&dimension=channel`);
    const { lines } = await download('[data-testid="attribution-csv"]');
    expect(lines[0]).toBe(await serverCsvHeader(href!));
    expect(lines[0]).toBe('dimension,key,first,last,linear,u_shaped,time_decay');
    expect(lines).toHaveLength(keys.length + 1);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'attribution.png'), fullPage: true });

    // The campaign tab follows: no campaign on any touch, so one "(none)" row.
    await page.click('[data-testid="attribution-dimension"] button[data-value="campaign"]');
    await expect.poll(() => page.locator('[data-testid="attribution-report"]').getAttribute('data-dimension')).toBe('campaign');
    const byCampaign = await api<AttributionReport>(`/api/reports/attribution?month=${month}&dimension=campaign`);
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(byCampaign.models.linear!.campaign!.map((r) => r.key ?? '(none)'));

    // By source: each channel split by its source, read as "Channel · source" (the CSV's key too).
    await page.click('[data-testid="attribution-dimension"] button[data-value="source_detail"]');
    await expect.poll(() => page.locator('[data-testid="attribution-report"]').getAttribute('data-dimension')).toBe('source_detail');
    const bySource = await api<AttributionReport>(`/api/reports/attribution?month=${month}&dimension=source_detail`);
    const sourceKeys = [...new Set(['first', 'last', 'linear', 'u_shaped', 'time_decay'].flatMap((m) => bySource.models[m]!.source_detail!.map((r) => `${r.channel ?? '(none)'} · ${r.key ?? '(none)'}`)))];
    expect(sourceKeys).toContain('Paid Search · (none)');
    await expect.poll(() => rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toEqual(sourceKeys);
    expect(await page.locator('[data-testid="attribution-report"] .card-title').textContent()).toBe('Revenue by source and model');
    const sourceCsv = await page.request.get(`${base}/api/reports/attribution/csv?month=${month}&dimension=source_detail`);
    expect((await sourceCsv.text()).trimEnd().split(/\r?\n/).slice(1).map((l) => l.split(',')[1])).toEqual(sourceKeys);
  });

  it('breaks the funnel down by segment as the API does, keeps the funnel itself, and downloads the CSV', async () => {
    await page.click('a.nav-link:has-text("Funnel")');
    await page.waitForURL(/\/funnel$/);
    await page.locator('[data-testid="funnel-chart"] canvas').waitFor();
    await page.locator('[data-testid="breakdown-table"]').waitFor();
    await page.selectOption('[data-testid="breakdown-dimension"]', 'segment');
    const table = page.locator('[data-testid="breakdown-table"]');
    await expect.poll(() => table.getAttribute('data-by')).toBe('segment');

    // The section asks for the page's months as dates; the CSV link carries the same query.
    const href = (await page.locator('[data-testid="breakdown-csv"]').getAttribute('href'))!;
    const query = new URL(href, base).searchParams;
    expect(query.get('dimension')).toBe('segment');
    expect(query.get('to')!.slice(0, 7)).toBe(month);
    const report = await api<FunnelBreakdown>(`/api/reports/funnel-breakdown?${query}`);
    // Biggest first; a contact without a company's segment is "(none)", last.
    expect(report.groups.map((g) => [g.group, g.label, g.contacts])).toEqual([['enterprise', 'Enterprise', 2], ['small', 'Small', 1], ['(none)', '(none)', 1]]);

    await expect
      .poll(() => table.locator('[data-testid="breakdown-row"]').evaluateAll((els) => els.map((e) => [e.getAttribute('data-group'), e.querySelector('td')?.textContent, Number(e.querySelector('[data-col="contacts"]')?.textContent)])))
      .toEqual(report.groups.map((g) => [g.group, g.label, g.contacts]));
    // Each step's sample is on hover.
    const enterpriseLeadToMql = table.locator('[data-testid="breakdown-row"][data-group="enterprise"] td[data-step="lead-mql"]');
    expect(await enterpriseLeadToMql.getAttribute('title')).toContain('2 of 2 reached');

    const { lines } = await download('[data-testid="breakdown-csv"]');
    expect(lines[0]).toBe(await serverCsvHeader(href));
    expect(lines[0]!.startsWith('segment,contacts,')).toBe(true);
    expect(lines).toHaveLength(report.groups.length + 1);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'funnel-breakdown.png'), fullPage: true });
  });
});
