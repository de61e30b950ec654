// The marketing SLA in a real browser (Debian's Chromium driven by playwright-core), against the real
// server on PGlite with a fixed clock: a marketing user sets the month's revenue goal and a webinar's
// value in Settings (and a negative goal is refused under its field), then the Marketing SLA page shows
// the target, what was delivered and the status the API reports, draws the lead waterfall, downloads
// the days as CSV, and tells how to set a goal for a month that has none.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import type { Db } from '../src/db/client.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { seedMonth } from './month-seed.js';

const H = 3600_000;
const D = 24 * H;
const password = 'e2e-password-1';

interface Goal {
  period: string;
  revenue_goal: number;
  marketing_sourced_share: number;
}
interface ValueRow {
  mql_type: string;
  override: number | null;
  value: number;
  source: string;
}
interface Waterfall {
  month: string;
  pace: string;
  target: { value: number; mqls: number | null };
  delivered: { mqls: number; value: number };
  today: { status: string };
  days: { day: string; mqls: number | null; cumulative_value: number | null; pace_value: number }[];
}

/** n MQLs of a type at `at`, as an import writes them (as in src/domains/marketing-sla/marketing-sla.test.ts). */
async function mqls(db: Db, type: string, n: number, at: Date) {
  const ids = (
    await db.query<{ id: number }>(
      `INSERT INTO contacts (email, email_normalized, lifecycle_stage, mql_type)
       SELECT e, e, 'mql', $2 FROM (SELECT $2 || '-' || $3 || '-' || g || '@x.test' AS e FROM generate_series(1, $1::int) g) x RETURNING id`,
      [n, type, at.getTime()],
    )
  ).map((r) => r.id);
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'lead', 'mql', 'import', $2, 'import' FROM unnest($1::bigint[]) id`,
    [ids, at],
  );
}

describe('marketing SLA, goals and MQL values in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // The month's MQLs are on its first day at 08:00–09:00, always before now.
  const { now, clock, month, next, monthStart } = seedMonth();
  const daysInMonth = Math.round((Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1) - monthStart.getTime()) / D);

  const api = <T>(path: string) => getJson<T>(page, base, path);

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    await createUser(t.db, { name: 'Mara Marketing', email: 'mara@revloop.test', password, role: 'marketing' });
    await createUser(t.db, { name: 'Ana Rep', email: 'ana@revloop.test', role: 'sales_rep', team: 'SDR' });
    await createUser(t.db, { name: 'Ben Rep', email: 'ben@revloop.test', role: 'sales_rep', team: 'SDR' });

    // The type mix of the three months before: half webinars, half contact-sales.
    await mqls(t.db, 'webinar', 10, new Date(monthStart.getTime() - 20 * D));
    await mqls(t.db, 'contact_sales', 10, new Date(monthStart.getTime() - 19 * D));
    // This month: 20 webinars and 5 contact-sales requests on day 1.
    await mqls(t.db, 'webinar', 20, new Date(monthStart.getTime() + 8 * H));
    await mqls(t.db, 'contact_sales', 5, new Date(monthStart.getTime() + 9 * H));

    ({ app, base } = await startApp(t.db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-US', acceptDownloads: true, clock }));
    await signIn(page, base, 'mara@revloop.test', password);

    // The contact-sales value is set through the API; the webinar's through the UI below.
    const res = await page.request.put(`${base}/api/mql-values/contact_sales`, { data: { value: 11_000 } });
    expect(res.status()).toBe(200);
  }, 120_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('sets the month goal in Settings, refuses a negative one under its field, and saves a webinar override', async () => {
    await page.goto(`${base}/settings/goals`);
    const card = page.locator('[data-testid="goals-settings"]');
    await card.waitFor();
    // One quota row per sales rep, then the team.
    await expect.poll(() => card.locator('[data-testid="quota-row"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-key')))).toHaveLength(3);
    expect(await card.locator('[data-testid="quota-row"] .cell-main').allTextContents()).toEqual(['Ana RepSDR', 'Ben RepSDR', 'SDRTeam']);

    const form = card.locator('[data-testid="goal-form"]');
    await form.locator('input[name="period"]').fill(month);
    await form.locator('input[name="revenue_goal"]').fill('400000');
    await form.locator('input[name="marketing_sourced_share"]').fill('50');
    await form.locator('button[type="submit"]').click();
    await expect.poll(async () => (await api<Goal[]>(`/api/goals?year=${month.slice(0, 4)}`)).find((g) => g.period === month)).toMatchObject({
      period: month,
      revenue_goal: 400_000,
      marketing_sourced_share: 0.5,
    });
    await expect.poll(() => card.locator(`[data-testid="goal-row"][data-period="${month}"]`).count()).toBe(1);
    expect(await card.locator('[data-testid="goal-saved"]').textContent()).toContain('200,000');

    // A negative goal: the API's problem sits under the revenue field and nothing is stored.
    await form.locator('input[name="period"]').fill(next);
    await form.locator('input[name="revenue_goal"]').fill('-1000');
    await form.locator('button[type="submit"]').click();
    const fieldError = form.locator('.field-error[data-field="revenue_goal"]');
    await expect.poll(() => fieldError.textContent()).toBe('must be more than 0');
    expect(await form.locator('.field-error').count()).toBe(1);
    expect((await api<Goal[]>(`/api/goals?year=${next.slice(0, 4)}`)).some((g) => g.period === next)).toBe(false);

    // Webinar's value: override to 1,500 in the MQL values card.
    const row = page.locator('[data-testid="mql-value-row"][data-type="webinar"]');
    await row.locator('input[name="override"]').fill('1500');
    await row.locator('button[type="submit"]').click();
    await expect.poll(async () => (await api<{ types: ValueRow[] }>('/api/reports/mql-value')).types.find((r) => r.mql_type === 'webinar')).toMatchObject({
      override: 1500,
      value: 1500,
      source: 'override',
    });
    await expect.poll(() => row.locator('[data-col="source"]').textContent()).toBe('Override');
    expect(await row.locator('input[name="override"]').inputValue()).toBe('1500');
    expect(await page.locator('[data-testid="mql-value-formula"]').textContent()).toContain('close rate');
    await card.screenshot({ path: join(projectRoot(), 'test-results', 'marketing-sla-goals.png') });
    await page.locator('[data-testid="mql-values-settings"]').screenshot({ path: join(projectRoot(), 'test-results', 'marketing-sla-mql-values.png') });
  });

  it('shows the target, what was delivered and the status the API reports, with the waterfall chart', async () => {
    const report = await api<Waterfall>(`/api/reports/lead-waterfall?month=${month}&pace=linear`);
    expect(report.target.value).toBe(200_000);
    // 20 webinars at 1,500 and 5 contact-sales at 11,000, all on day 1.
    expect(report.delivered).toEqual({ mqls: 25, value: 85_000, share_of_target: 0.425 });
    expect(report.days).toHaveLength(daysInMonth);

    expect(await page.locator('a.nav-link:has-text("Marketing SLA")').getAttribute('href')).toBe('/marketing-sla');
    await page.click('a.nav-link:has-text("Marketing SLA")');
    await page.waitForURL(/\/marketing-sla$/);
    // The last complete month first; the MQLs are this month's, one click away.
    await expect.poll(() => page.locator('[data-testid="month-note"]').textContent()).toMatch(/, the last complete month$/);
    await page.click('[data-testid="month-shortcut"] button[data-value="this"]');
    await page.waitForURL(new RegExp(`/marketing-sla\\?month=${month}$`));
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(month);

    const target = page.locator('[data-testid="target-value"]');
    await expect.poll(() => target.getAttribute('data-value')).toBe('200000');
    expect(await target.textContent()).toBe('€200,000');
    expect(await page.locator('[data-testid="target-mqls"]').getAttribute('data-value')).toBe(String(report.target.mqls ?? ''));
    const delivered = page.locator('[data-testid="delivered-value"]');
    expect(await delivered.getAttribute('data-value')).toBe(String(report.delivered.value));
    expect(await delivered.textContent()).toBe('€85,000');
    expect(await page.locator('[data-testid="delivered-mqls"]').textContent()).toBe(String(report.delivered.mqls));
    const chip = page.locator('[data-testid="status-chip"]');
    expect(await chip.getAttribute('data-status')).toBe(report.today.status);
    expect((await chip.textContent())?.toLowerCase().replace(/ /g, '_')).toBe(report.today.status);

    await expect.poll(() => page.locator('[data-testid="msla-chart"] canvas').count()).toBe(1);
    const rows = page.locator('[data-testid="msla-type-row"]');
    expect(await rows.evaluateAll((els) => els.map((e) => e.getAttribute('data-type')))).toEqual(['contact_sales', 'webinar']);
    expect(await rows.locator('[data-col="source"]').allTextContents()).toEqual(['Override', 'Override']);

    // Working-days pace: the report follows the toggle and the chip still agrees with the API.
    await page.click('[data-testid="msla-pace"] button[data-value="working_days"]');
    await expect.poll(() => page.locator('[data-testid="msla-report"]').getAttribute('data-pace')).toBe('working_days');
    const working = await api<Waterfall>(`/api/reports/lead-waterfall?month=${month}&pace=working_days`);
    await expect.poll(() => chip.getAttribute('data-status')).toBe(working.today.status);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'marketing-sla.png'), fullPage: true });
    await page.click('[data-testid="msla-pace"] button[data-value="linear"]');
    await expect.poll(() => page.locator('[data-testid="msla-report"]').getAttribute('data-pace')).toBe('linear');
  });

  it('downloads the days as CSV: a header and one row per day', async () => {
    const report = await api<Waterfall>(`/api/reports/lead-waterfall?month=${month}&pace=linear`);
    // The server's export (GET /api/reports/waterfall/csv), the same file the CLI writes.
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid="waterfall-csv"]')]);
    expect(download.suggestedFilename()).toBe(`waterfall-${report.days[0]!.day}-to-${report.days[report.days.length - 1]!.day}.csv`);
    const text = await readFile((await download.path())!, 'utf8');
    const lines = text.trimEnd().split(/\r?\n/);
    expect(lines[0]).toBe('day,mqls,value,cumulative_mqls,cumulative_value,pace_value');
    expect(lines).toHaveLength(report.days.length + 1);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(report.days.map((d) => d.day));
    // Day 1 carries the month's MQLs; days not yet begun have empty counts.
    expect(lines[1]!.split(',').slice(1, 5)).toEqual(['25', '85000', '25', '85000']);
    expect(lines[lines.length - 1]!.split(',')[5]).toBe('200000');
  });

  it('says how to set a goal for a month that has none, with a link to Settings', async () => {
    const res = await page.request.get(`${base}/api/reports/lead-waterfall?month=${next}`);
    expect(res.status()).toBe(404);
    const { message } = (await res.json()) as { message: string };
    const nextName = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${next}-01T00:00:00Z`));
    expect(message).toBe(`No revenue goal is set for ${nextName} (nor for its quarter). Set one in Settings, under Goals and quotas.`);

    await page.fill('input[name="month"]', next);
    const msg = page.locator('[data-testid="msla-no-goal-message"]');
    await expect.poll(() => msg.textContent()).toBe(message);
    expect(await page.locator('[data-testid="msla-report"]').count()).toBe(0);
    expect(await page.locator('[data-testid="msla-set-goal"]').getAttribute('href')).toBe('/settings/goals');
    await page.click('[data-testid="msla-set-goal"]');
    await page.waitForURL(/\/settings\/goals$/);
    await page.locator('[data-testid="goal-form"]').waitFor();
  });
});
