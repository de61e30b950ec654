// The falling click-through warning of the weekly update in Chromium. Each case seeds its own
// history of issues the way they happen: drafted and sent with the domain functions a week apart
// (the sender's clock moved back), over a real SMTP server, then opened and clicked by the sales
// reps through the tracking links in the emails they received, with a browser's user agent, well
// after the scanner window. A falling history shows the warning with the guide's advice in words
// on the updates page; a steady one, with an ordinary dip, shows none.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/app/mailer.js';
import { projectRoot } from '../src/app/paths.js';
import type { Ctx } from '../src/domains/context.js';
import { createUser } from '../src/domains/crm/users.js';
import { sendUpdate } from '../src/domains/updates/send-update.js';
import { fallingCtrAdvice } from '../src/domains/updates/update-report.js';
import { createUpdate } from '../src/domains/updates/weekly-updates.js';
import { fixedClock } from '../src/shared/clock.js';
import { mimeParts } from '../src/testing/mime-parts.js';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const PASSWORD = 'e2e-ctr-pass';
const SECRET = 'e2e-ctr-tracking-secret';
const REPS = 10;
const WEEK = 7 * 86400_000;
const browserAgent = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };

/** Words that only the code knows: none of them may reach the screen. */
const internalWords = ['/api/', 'average_ctr', 'margin_points', 'falling_in_a_row', 'weekly_update', 'sales_rep', 'undefined', 'NaN', '[object'];

async function expectNoInternalWords(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const word of internalWords) expect(text, `"${word}" on ${page.url()}`).not.toContain(word);
  expect(text, `an ISO week on ${page.url()}`).not.toMatch(/\d{4}-W\d{2}/);
}

interface Trend {
  issues: { id: number; ctr: number | null; delivered: number }[];
  flag: { falling: boolean; reasons: string[]; advice: string | null };
}

describe('the falling click-through warning of the weekly update in Chromium', () => {
  let browser: Browser;
  let smtp: SmtpSink;
  const clock = fixedClock(new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const open: { context?: BrowserContext; app?: FastifyInstance; t?: TestDb }[] = [];

  beforeAll(async () => {
    browser = await launchBrowser();
    smtp = await startSmtpSink();
  });

  afterAll(async () => {
    for (const o of open) await closeAll(o);
    await closeAll({ browser });
    if (smtp) await smtp.close();
  });

  /**
   * A workspace of its own (database, app, marketer, REPS reps) whose issues, sent a week apart up
   * to yesterday, were clicked by clickers[i] of the REPS reps: a CTR of clickers[i] ÷ REPS each.
   */
  async function workspace(clickers: number[]): Promise<{ page: Page; base: string; issueIds: number[] }> {
    const o: (typeof open)[number] = {};
    open.push(o);
    const t = (o.t = await createTestDb('pglite'));
    const mia = (await createUser(t.db, { name: 'Mia Marketing', email: 'mia@revloop.test', password: PASSWORD, role: 'marketing' })).id;
    for (let r = 1; r <= REPS; r++) await createUser(t.db, { name: `Rep ${String(r).padStart(2, '0')}`, email: `rep${String(r).padStart(2, '0')}@revloop.test`, role: 'sales_rep' });
    const started = await startApp(t.db, { clock, secret: SECRET });
    o.app = started.app;
    const base = started.base;
    const mailer = smtpMailer(smtp.url, 'Revloop <revloop@revloop.test>');

    const issueIds: number[] = [];
    for (const [i, clicking] of clickers.entries()) {
      // Oldest first, the last one sent yesterday; the reps click "now", days after the scanner window.
      const sentAt = new Date(clock.now().getTime() - 86400_000 - (clickers.length - 1 - i) * WEEK);
      const ctx: Ctx = { db: t.db, clock: fixedClock(sentAt), actor: { type: 'user', id: String(mia), role: 'marketing', name: 'Mia Marketing' } };
      const draft = await createUpdate(ctx, {
        subject: `Marketing update, issue ${i + 1}`,
        promotions: [],
        product_updates: [
          { title: 'Planner export', body: 'The plan now exports as CSV.', url: `https://example.com/changelog/${i + 1}` },
          { title: 'Pricing page', body: 'New prices for the small plan.', url: 'https://example.com/pricing' },
        ],
      });
      smtp.mails.length = 0;
      const sent = await sendUpdate(ctx, { mailer, baseUrl: base, secret: SECRET }, draft.id, {});
      expect(sent).toMatchObject({ sent: REPS, outbox: 0, failed: 0 });
      issueIds.push(draft.id);

      // Each rep's own copy as the mail server received it: the first `clicking` reps click one of its
      // links; two more only open it (their images load), so opens and clicks tell apart.
      const copies = smtp.mails.map((m) => ({ to: m.to.join(), html: mimeParts(m.data).find((p) => p.type === 'text/html')!.content })).sort((a, b) => a.to.localeCompare(b.to));
      expect(copies).toHaveLength(REPS);
      for (const [k, copy] of copies.entries()) {
        if (k < clicking) {
          const links = [...copy.html.matchAll(/href="https?:\/\/[^"/]+(\/e\/c\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
          expect(links, copy.to).toHaveLength(2);
          const res = await fetch(`${base}${links[k % 2]}`, { headers: browserAgent, redirect: 'manual' });
          expect(res.status, copy.to).toBe(302);
        } else if (k < clicking + 2) {
          const pixel = /src="https?:\/\/[^"/]+(\/e\/o\/[^"]+)"/.exec(copy.html)?.[1];
          expect(pixel, copy.to).toBeDefined();
          expect((await fetch(`${base}${pixel!.replace(/&amp;/g, '&')}`, { headers: browserAgent })).status, copy.to).toBe(200);
        }
      }
    }
    const { context, page } = await newPage(browser, { clock, viewport: WIDE_VIEWPORT });
    o.context = context;
    await signIn(page, base, 'mia@revloop.test', PASSWORD);
    return { page, base, issueIds };
  }

  it('warns, in words and with the guide’s advice, when the click-through rate falls', async () => {
    // 50 %, 60 %, 50 %, then down three issues in a row to 20 %, far below the average of the issues before it.
    const { page, base, issueIds } = await workspace([5, 6, 5, 4, 3, 2]);
    const trend = await getJson<Trend>(page, base, '/api/updates/trend');
    expect(trend.issues.map((i) => [i.id, i.delivered, i.ctr])).toEqual(issueIds.map((id, i) => [id, REPS, [0.5, 0.6, 0.5, 0.4, 0.3, 0.2][i]]));
    const reasons = [
      'The click-through rate fell 3 issues in a row: 50.0% → 40.0% → 30.0% → 20.0%.',
      'The latest click-through rate (20.0%) is more than 5 points below the average of the 5 issues before it (46.0%).',
    ];
    expect(trend.flag).toEqual({ falling: true, reasons, advice: fallingCtrAdvice });

    await page.goto(`${base}/updates`);
    const warning = page.locator('[data-testid="updates-trend"] [data-testid="ctr-falling"]');
    await warning.waitFor();
    expect(await warning.getAttribute('role')).toBe('alert');
    const text = (await warning.innerText()).split('\n').map((l) => l.trim()).filter(Boolean);
    expect(text).toEqual(['The click-through rate is falling.', ...reasons, fallingCtrAdvice]);
    // The advice speaks to the marketer about the sales reps, not in the code's terms.
    expect(await warning.locator('[data-testid="ctr-advice"]').textContent()).toContain('Fewer sales reps are clicking through');
    await page.waitForSelector('[data-testid="updates-trend-chart"]');
    // Newest first: the latest issue's click-through rate is the one the warning names.
    const latest = page.locator('[data-testid="update-row"]').first();
    expect(await latest.locator('a').textContent()).toBe('Marketing update, issue 6');
    expect(await latest.locator('[data-col="ctr"]').textContent()).toMatch(/^20(\.0)?\s?%$/);
    expect(await latest.locator('[data-col="open-rate"]').textContent()).toMatch(/^40(\.0)?\s?%$/);
    await expectNoInternalWords(page);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'updates-ctr-falling.png'), fullPage: true });

    // The issue's own report shows the rate behind the warning, and which links were still clicked.
    await latest.locator('a').click();
    await page.waitForSelector('[data-testid="update-report"]');
    expect(await page.locator('[data-testid="report-ctr"] .stat-value').getAttribute('data-value')).toBe('0.2');
    expect(await page.locator('[data-testid="report-open-rate"] .stat-value').getAttribute('data-value')).toBe('0.4');
    expect(await page.locator('[data-testid="report-delivered"] .stat-value').getAttribute('data-value')).toBe(String(REPS));
    await expectNoInternalWords(page);
  }, 180_000);

  it('shows no warning for a steady click-through rate with an ordinary dip', async () => {
    // One drop (60 % → 50 %), within 5 points of the average of the issues before it (54 %).
    const { page, base } = await workspace([5, 6, 5, 5, 6, 5]);
    const trend = await getJson<Trend>(page, base, '/api/updates/trend');
    expect(trend.issues.map((i) => i.ctr)).toEqual([0.5, 0.6, 0.5, 0.5, 0.6, 0.5]);
    expect(trend.flag).toEqual({ falling: false, reasons: [], advice: null });

    await page.goto(`${base}/updates`);
    // The chart is drawn from the same answer as the warning: once it is there, the warning would be too.
    await page.waitForSelector('[data-testid="updates-trend"] [data-testid="updates-trend-chart"]');
    expect(await page.locator('[data-testid="ctr-falling"], [data-testid="ctr-advice"]').count()).toBe(0);
    expect(await page.locator('[data-testid="update-row"]').count()).toBe(6);
    expect(await page.locator('[data-testid="update-row"]').first().locator('[data-col="ctr"]').textContent()).toMatch(/^50(\.0)?\s?%$/);
    await expectNoInternalWords(page);
  }, 180_000);
});
