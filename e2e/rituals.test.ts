// The rituals in Chromium (issue 14): the weekly meeting page with its live pack, action items a rep
// closes, holding a meeting and reading it from history; the weekly update to sales drafted with its
// promotions pre-filled, sent over a real SMTP server, opened and clicked, and reported; one's email
// preferences. The server runs on a clock fixed at the start of the test (the browser's session cookie
// is judged by the real time, so it cannot be far from it), moved on by hand past the tracking's
// scanner window; the meeting is set three days ahead so that no scheduled pack email goes out.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../src/app/mailer.js';
import { startSmtpSink, type SmtpSink } from '../src/testing/smtp-sink.js';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createCampaign } from '../src/domains/ingest/campaigns.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const PASSWORD = 'e2e-rituals-pass';

/** Words that only the code knows: none of them may reach the screen. */
const internalWords = ['/api/', 'in_progress', 'weekly_pack', 'monthly_pack', 'sales_rep', 'sales_manager', 'meetings:manage', 'ref_id', 'expected_', 'undefined', 'NaN', '[object'];

async function expectNoInternalWords(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const word of internalWords) expect(text, `"${word}" on ${page.url()}`).not.toContain(word);
  // An ISO week ("2026-W23") is how the API names a week, not how people do.
  expect(text, `an ISO week on ${page.url()}`).not.toMatch(/\d{4}-W\d{2}/);
}

describe('meetings and the weekly update in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  let smtp: SmtpSink;
  const mails = () => smtp.mails;
  const clock = fixedClock(new Date(Math.floor(Date.now() / 60_000) * 60_000));
  const today = clock.now().toISOString().slice(0, 10);
  // ISO weekday (1 = Monday) three days from today, in UTC (the workspace's zone by default).
  const due = new Date(clock.now().getTime() + 7 * 86400_000).toISOString().slice(0, 10);
  const meetingWeekday = ((clock.now().getUTCDay() + 6 + 3) % 7) + 1;
  const users: Record<'ada' | 'mia' | 'sam' | 'rae', number> = { ada: 0, mia: 0, sam: 0, rae: 0 };
  const open: { context?: BrowserContext }[] = [];

  async function pageAs(who: keyof typeof users): Promise<Page> {
    const { context, page } = await newPage(browser, { clock, viewport: WIDE_VIEWPORT });
    open.push({ context });
    await signIn(page, base, `${who}@revloop.test`, PASSWORD);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const people = [
      ['ada', 'Ada Admin', 'admin'],
      ['mia', 'Mia Marketing', 'marketing'],
      ['sam', 'Sam Sales', 'sales_manager'],
      ['rae', 'Rae Rep', 'sales_rep'],
    ] as const;
    for (const [key, name, role] of people) users[key] = (await createUser(t.db, { name, email: `${key}@revloop.test`, password: PASSWORD, role })).id;
    // Starts today: this week's draft promotes it without being asked.
    await createCampaign(t.db, { name: 'Summer planning webinar', type: 'webinar', utm_campaign: 'summer-webinar', starts_on: today }, { type: 'user', id: String(users.mia) });
    smtp = await startSmtpSink();
    const mailer = smtpMailer(smtp.url, 'Revloop <revloop@revloop.test>');
    ({ app, base } = await startApp(t.db, { clock, mailer }));
  });

  afterAll(async () => {
    for (const o of open) await o.context?.close();
    await closeAll({ browser, app, t });
    if (smtp) await smtp.close();
  });

  let meetingId = 0;
  const itemTitle = 'Call back the webinar no-shows';

  it('sets up the weekly meeting and shows its pack with every section of the agenda', async () => {
    const page = await pageAs('ada');
    await page.goto(`${base}/meetings`);
    // No series yet: what to do next, and the pack as it would be today.
    await page.waitForSelector('[data-testid="no-series"]');
    await page.waitForSelector('[data-testid="pack-section"]');
    await expectNoInternalWords(page);

    const form = page.locator('[data-testid="series-form"]');
    await form.locator('select[name="weekday"]').selectOption(String(meetingWeekday));
    for (const [who, side] of [['mia', 'marketing'], ['sam', 'sales'], ['rae', 'sales']] as const) {
      await form.locator('[data-testid="attendee-user"]').selectOption(String(users[who]));
      await form.locator('[data-testid="attendee-side"]').selectOption(side);
      await form.locator('[data-testid="add-attendee"]').click();
    }
    await expect.poll(() => form.locator('[data-testid="series-attendee"]').count()).toBe(3);
    await form.locator('button[type="submit"]').click();

    const meeting = page.locator('[data-testid="meeting"]');
    await meeting.waitFor();
    meetingId = Number(await meeting.getAttribute('data-meeting-id'));
    expect(await meeting.getAttribute('data-status')).toBe('planned');

    // The sections on screen are the pack's, in its order, with the agenda's timeboxes.
    const pack = await getJson<{ sections: { title: string; minutes: number | null }[]; agenda: { over_by_minutes: number } }>(page, base, `/api/meetings/${meetingId}/pack`);
    expect(pack.sections.length).toBeGreaterThan(2);
    await expect.poll(() => meeting.locator('[data-testid="pack-section-title"]').allTextContents()).toEqual(pack.sections.map((s) => s.title));
    expect(await meeting.locator('[data-testid="agenda-row"]').count()).toBe(pack.sections.filter((s) => s.minutes !== null).length);
    expect(await meeting.locator('[data-testid="agenda-overrun"]').count()).toBe(pack.agenda.over_by_minutes > 0 ? 1 : 0);
    // The only marketing attendee presents for marketing, and the pack says so.
    expect(await meeting.locator('[data-testid="presenter-marketing"]').inputValue()).toBe(String(users.mia));
    expect(await meeting.locator('[data-testid="pack-section-presenter"]').allTextContents()).toContainEqual(expect.stringContaining('Mia Marketing'));
    await expectNoInternalWords(page);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'meeting.png'), fullPage: true });

    // Seven agenda items of at least 2 minutes do not fit a 10-minute meeting: the agenda says so.
    await form.locator('input[name="duration_minutes"]').fill('10');
    await form.locator('button[type="submit"]').click();
    const overrun = meeting.locator('[data-testid="agenda-overrun"]');
    await overrun.waitFor();
    expect(await overrun.textContent()).toContain('4 min over the 10-minute meeting');
    expect(await meeting.locator('[data-testid="agenda-total"]').textContent()).toBe('14 of 10 min');
    await form.locator('input[name="duration_minutes"]').fill('35');
    await form.locator('button[type="submit"]').click();
    await expect.poll(() => overrun.count()).toBe(0);
  });

  it('adds an action item, a decision and notes that are still there after a reload', async () => {
    const page = await pageAs('ada');
    await page.goto(`${base}/meetings`);
    const newItem = page.locator('[data-testid="new-action-item"]');
    await newItem.waitFor();
    await newItem.locator('input[name="title"]').fill(itemTitle);
    await newItem.locator('select[name="owner_id"]').selectOption(String(users.rae));
    await newItem.locator('input[name="due_date"]').fill(due);
    await newItem.locator('[data-testid="add-action-item"]').click();
    const items = page.locator('[data-testid="action-item"]');
    await expect.poll(() => items.locator('[data-testid="action-item-title"]').allTextContents()).toEqual([itemTitle]);

    const decisions = page.locator('[data-testid="decisions"]');
    await decisions.locator('input[name="decision"]').fill('Demo day moves to Friday');
    await decisions.locator('[data-testid="add-decision"]').click();
    await expect.poll(() => decisions.locator('[data-testid="decision"]').allTextContents()).toEqual([expect.stringContaining('Demo day moves to Friday')]);

    const notes = page.locator('[data-testid="notes"] textarea');
    await notes.fill('Sales asked for earlier webinar lists.');
    await page.click('[data-testid="save-notes"]');
    await expect.poll(() => page.locator('[data-testid="notes-state"]').textContent()).toBe('Saved');

    await page.reload();
    await expect.poll(() => page.locator('[data-testid="action-item-title"]').allTextContents()).toEqual([itemTitle]);
    expect(await page.locator('[data-testid="action-item"] .cell-sub').first().textContent()).toContain('Rae Rep');
    expect(await page.locator('[data-testid="decision"]').allTextContents()).toEqual([expect.stringContaining('Demo day moves to Friday')]);
    expect(await page.locator('[data-testid="notes"] textarea').inputValue()).toBe('Sales asked for earlier webinar lists.');
    const stored = await getJson<{ data: { title: string; owner_id: number; due_date: string; status: string; meeting_id: number }[] }>(page, base, `/api/action-items?meeting_id=${meetingId}`);
    expect(stored.data).toEqual([expect.objectContaining({ title: itemTitle, owner_id: users.rae, due_date: due, status: 'open', meeting_id: meetingId })]);
  });

  it('lets a rep see the meeting and close their own action item, without running the meeting', async () => {
    const page = await pageAs('rae');
    await page.goto(`${base}/meetings`);
    const meeting = page.locator('[data-testid="meeting"]');
    await meeting.waitFor();
    expect(Number(await meeting.getAttribute('data-meeting-id'))).toBe(meetingId);
    expect(await page.locator('[data-testid="hold-meeting"], [data-testid="new-action-item"], [data-testid="series-form"]').count()).toBe(0);

    const item = page.locator('[data-testid="action-item"]', { hasText: itemTitle });
    await item.locator('select[data-testid="action-item-status"]').selectOption('done');
    // Done items leave the open list…
    await expect.poll(() => page.locator('[data-testid="action-items-empty"]').count()).toBe(1);
    // …and are found under Done, reading as a word.
    await page.click('[data-testid="action-items-filter"] button[data-value="closed"]');
    await expect.poll(() => page.locator('[data-testid="action-item-title"]').allTextContents()).toEqual([itemTitle]);
    const stored = await getJson<{ data: { status: string; closed_at: string | null }[] }>(page, base, `/api/action-items?meeting_id=${meetingId}`);
    expect(stored.data[0]).toMatchObject({ status: 'done', closed_at: clock.now().toISOString() });
    await expectNoInternalWords(page);
  });

  it('holds the meeting and opens it from history with the pack as it was', async () => {
    const page = await pageAs('ada');
    await page.goto(`${base}/meetings`);
    await page.click('[data-testid="hold-meeting"]');
    await page.click('[data-testid="confirm-hold-button"]');
    await expect.poll(() => page.locator('[data-testid="meeting"]').first().getAttribute('data-status')).toBe('held');
    expect(await page.locator('[data-testid="meeting-status"]').first().textContent()).toBe('Held');

    const row = page.locator('[data-testid="history-row"][data-status="held"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    await row.locator('a').click();
    await page.waitForURL(new RegExp(`/meetings/${meetingId}$`));
    await page.waitForSelector('[data-testid="held-note"]');
    const held = await getJson<{ status: string; held_at: string }>(page, base, `/api/meetings/${meetingId}`);
    expect(held).toMatchObject({ status: 'held', held_at: clock.now().toISOString() });
    const snapshot = await getJson<{ sections: { title: string }[]; generated_at: string }>(page, base, `/api/meetings/${meetingId}/pack`);
    await expect.poll(() => page.locator('[data-testid="pack-section-title"]').allTextContents()).toEqual(snapshot.sections.map((s) => s.title));
    expect(await page.locator('[data-testid="decision"]').count()).toBe(1);
    // Presenters no longer change once held.
    expect(await page.locator('select[data-testid="presenter-marketing"]').count()).toBe(0);
    await expectNoInternalWords(page);

    // The printable page and the PDF are the same pack.
    for (const [testId, type] of [['pack-print', 'text/html'], ['pack-pdf', 'application/pdf']] as const) {
      const href = await page.locator(`[data-testid="${testId}"]`).getAttribute('href');
      const res = await page.request.get(`${base}${href}`);
      expect(res.status(), testId).toBe(200);
      expect(res.headers()['content-type']).toContain(type);
    }

    // Emailing the held pack: one copy to each attendee, over SMTP.
    await page.click('[data-testid="send-pack"]');
    const result = page.locator('[data-testid="send-pack-result"]');
    await result.waitFor();
    expect(await result.textContent()).toBe('The pack was emailed to 3 attendees.');
    await expect.poll(() => mails().map((m) => m.to.join()).sort()).toEqual(['mia@revloop.test', 'rae@revloop.test', 'sam@revloop.test']);
    mails().length = 0;
  });

  it('drafts the weekly update with its promotions pre-filled, sends it and reports opens and clicks', async () => {
    const page = await pageAs('mia');
    await page.goto(`${base}/updates`);
    await page.waitForSelector('[data-testid="updates-empty"]');
    await page.click('[data-testid="new-update"]');
    await page.waitForURL(/\/updates\/\d+$/);
    const updateId = Number(new URL(page.url()).pathname.split('/').pop());

    // Pre-filled: the campaign starting this week.
    const promotion = page.locator('[data-testid="composer-promotion"]');
    await expect.poll(() => promotion.count()).toBe(1);
    expect(await promotion.locator('input[name="promotion_title"]').inputValue()).toBe('Summer planning webinar');
    await expectNoInternalWords(page);

    await promotion.locator('textarea[name="promotion_excerpt"]').fill('Our planner, live: invite your warm leads.');
    await promotion.locator('input[name="promotion_url"]').fill('https://example.com/summer-webinar');
    await page.click('[data-testid="add-product-update"]');
    const product = page.locator('[data-testid="composer-product"]');
    await product.locator('input[name="product_title"]').fill('Planner export');
    await product.locator('textarea[name="product_body"]').fill('The plan now exports as CSV.');
    await product.locator('input[name="product_url"]').fill('https://example.com/changelog');
    await page.click('[data-testid="save-draft"]');
    await expect.poll(() => page.locator('[data-testid="save-draft"]').textContent()).toBe('Draft saved');
    const draft = await getJson<{ status: string; promotions: { excerpt: string; url: string }[]; product_updates: { title: string }[] }>(page, base, `/api/updates/${updateId}`);
    expect(draft).toMatchObject({
      status: 'draft',
      promotions: [{ excerpt: 'Our planner, live: invite your warm leads.', url: 'https://example.com/summer-webinar' }],
      product_updates: [{ title: 'Planner export' }],
    });

    await page.click('[data-testid="preview-update"]');
    await expect.poll(() => page.locator('[data-testid="update-preview"]').textContent()).toContain('Planner export');
    await page.keyboard.press('Escape');

    await page.click('[data-testid="send-update"]');
    await page.click('[data-testid="confirm-send-button"]');
    await page.waitForSelector('[data-testid="update-report"]');
    expect(await page.locator('[data-testid="send-result"]').textContent()).toBe('The update went out: 2 sent.');
    // The sales team: the sales manager and the rep, one copy each over SMTP.
    await expect.poll(() => mails().map((m) => m.to.join()).sort()).toEqual(['rae@revloop.test', 'sam@revloop.test']);
    expect(await page.locator('[data-testid="report-delivered"] .stat-value').getAttribute('data-value')).toBe('2');
    expect(await page.locator('[data-testid="report-opens"] .stat-value').getAttribute('data-value')).toBe('0');
    expect(await page.locator('[data-testid="report-person-row"]').count()).toBe(2);

    // Rae opens the email and clicks the changelog a minute later (earlier hits count as mail scanners).
    clock.advance(60_000);
    const [copy] = await t.db.query<{ html: string }>(`SELECT html FROM ritual_emails WHERE ref = $1 AND to_email = 'rae@revloop.test'`, [`update:${updateId}`]);
    const paths = [...copy!.html.matchAll(/https?:\/\/[^"]+?(\/e\/[oc]\/[^"]+)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
    const pixel = paths.find((p) => p.startsWith('/e/o/'))!;
    const clicks = paths.filter((p) => p.startsWith('/e/c/'));
    expect(pixel).toBeDefined();
    expect(clicks.length).toBe(2);
    const browserAgent = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };
    expect((await fetch(`${base}${pixel}`, { headers: browserAgent })).status).toBe(200);
    const click = await fetch(`${base}${clicks[1]}`, { headers: browserAgent, redirect: 'manual' });
    expect(click.status).toBe(302);
    expect(click.headers.get('location')).toBe('https://example.com/changelog');

    await page.reload();
    await page.waitForSelector('[data-testid="update-report"]');
    expect(await page.locator('[data-testid="report-opens"] .stat-value').getAttribute('data-value')).toBe('1');
    expect(await page.locator('[data-testid="report-open-rate"] .stat-value').getAttribute('data-value')).toBe('0.5');
    expect(await page.locator('[data-testid="report-clicks"] .stat-value').getAttribute('data-value')).toBe('1');
    expect(await page.locator('[data-testid="report-ctr"] .stat-value').getAttribute('data-value')).toBe('0.5');
    const links = await page.locator('[data-testid="report-link-row"]').allTextContents();
    expect(links.find((l) => l.includes('Planner export'))).toMatch(/Product update\s*1\s*1/);
    const rae = page.locator('[data-testid="report-person-row"]', { hasText: 'Rae Rep' });
    expect(await rae.locator('[data-col="opened"]').textContent()).toMatch(/^Yes/);
    expect(await rae.locator('[data-col="clicks"]').textContent()).toBe('1');
    await expectNoInternalWords(page);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'update-report.png'), fullPage: true });

    await page.goto(`${base}/updates`);
    const row = page.locator('[data-testid="update-row"]');
    await expect.poll(() => row.getAttribute('data-status')).toBe('sent');
    expect(await row.locator('[data-col="open-rate"]').textContent()).toMatch(/^50(\.0)?\s?%$/);
    await page.waitForSelector('[data-testid="updates-trend-chart"]');
    await expectNoInternalWords(page);
  });

  it('saves the signed-in user’s email preferences', async () => {
    const page = await pageAs('rae');
    await page.goto(`${base}/account/emails`);
    const form = page.locator('[data-testid="email-preferences-form"]');
    await form.waitFor();
    // A rep chooses between their own leads and marketing's month, in words.
    expect(await form.locator('select[name="daily_dashboard"] option').allTextContents()).toEqual(['My leads: what to call today', "Marketing: the month's lead waterfall"]);
    await form.locator('input[name="daily_email"]').check();
    await form.locator('select[name="daily_hour"]').selectOption('7');
    await form.locator('input[name="weekly_pack_email"]').uncheck();
    await form.locator('button[type="submit"]').click();
    await page.waitForSelector('[data-testid="email-preferences-saved"]');
    const saved = await getJson<Record<string, unknown>>(page, base, '/api/me/email-preferences');
    expect(saved).toMatchObject({ daily_email: true, daily_hour: 7, daily_dashboard: 'rep', weekly_pack_email: false, monthly_pack_email: true });
    await page.reload();
    await form.waitFor();
    expect(await form.locator('input[name="daily_email"]').isChecked()).toBe(true);
    expect(await form.locator('select[name="daily_hour"]').inputValue()).toBe('7');
    await expectNoInternalWords(page);
  });
});
