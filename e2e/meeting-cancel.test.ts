// Cancelling and reinstating a meeting in Chromium: the meetings page's current meeting cancelled
// behind a confirmation (dismissing it keeps the meeting), shown as cancelled there, in the list
// of meetings and to a rep who cannot reinstate it, then reinstated from its own page. The
// meeting is three days ahead, so no scheduled pack email is due while the test runs.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { createUser } from '../src/domains/crm/users.js';
import { createSeries } from '../src/domains/rituals/meeting-series.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';

const PASSWORD = 'e2e-cancel-pass';

/** Words that only the code knows: none of them may reach the screen. */
const internalWords = ['/api/', 'meetings:manage', 'sales_rep', 'undefined', 'NaN', '[object'];

async function expectNoInternalWords(page: Page): Promise<void> {
  const text = (await page.locator('main').textContent()) ?? '';
  for (const word of internalWords) expect(text, `"${word}" on ${page.url()}`).not.toContain(word);
  expect(text, `an ISO week on ${page.url()}`).not.toMatch(/\d{4}-W\d{2}/);
}

interface MeetingJson {
  id: number;
  status: string;
}

describe('cancelling and reinstating a meeting in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let base: string;
  const clock = fixedClock(new Date(Math.floor(Date.now() / 60_000) * 60_000));
  // ISO weekday (1 = Monday) three days from today, in UTC (the workspace's zone by default).
  const meetingWeekday = ((clock.now().getUTCDay() + 6 + 3) % 7) + 1;
  const users = { ada: 0, mia: 0, rae: 0 };
  const open: BrowserContext[] = [];

  async function pageAs(who: keyof typeof users): Promise<Page> {
    const { context, page } = await newPage(browser, { clock, viewport: WIDE_VIEWPORT });
    open.push(context);
    await signIn(page, base, `${who}@revloop.test`, PASSWORD);
    return page;
  }

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    for (const [key, name, role] of [['ada', 'Ada Admin', 'admin'], ['mia', 'Mia Marketing', 'marketing'], ['rae', 'Rae Rep', 'sales_rep']] as const) {
      users[key] = (await createUser(t.db, { name, email: `${key}@revloop.test`, password: PASSWORD, role })).id;
    }
    const ctx = { db: t.db, clock, actor: { type: 'user' as const, id: String(users.ada), role: 'admin' as const, name: 'Ada Admin' } };
    await createSeries(ctx, { kind: 'weekly', weekday: meetingWeekday, attendees: [{ user_id: users.mia, side: 'marketing' }, { user_id: users.rae, side: 'sales' }] });
    ({ app, base } = await startApp(t.db, { clock }));
  });

  afterAll(async () => {
    for (const c of open) await c.close();
    await closeAll({ browser, app, t });
  });

  let meetingId = 0;

  it('cancels the current meeting after a confirmation, and shows it cancelled there and in the list', async () => {
    const page = await pageAs('ada');
    await page.goto(`${base}/meetings`);
    const meeting = page.locator('[data-testid="meeting"]');
    await meeting.waitFor();
    meetingId = Number(await meeting.getAttribute('data-meeting-id'));
    expect(await meeting.getAttribute('data-status')).toBe('planned');
    expect(await page.locator('[data-testid="cancelled-note"], [data-testid="reinstate-meeting"]').count()).toBe(0);

    // Dismissing the confirmation keeps the meeting as it was.
    await page.click('[data-testid="cancel-meeting"]');
    const dialog = page.locator('[data-testid="confirm-cancel"]');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('its pack is not emailed to the attendees');
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'meeting-cancel-confirm.png') });
    await dialog.locator('button', { hasText: 'Keep the meeting' }).click();
    await expect.poll(() => dialog.count()).toBe(0);
    expect((await getJson<MeetingJson>(page, base, `/api/meetings/${meetingId}`)).status).toBe('planned');

    await page.click('[data-testid="cancel-meeting"]');
    await page.click('[data-testid="confirm-cancel-button"]');
    await expect.poll(() => meeting.getAttribute('data-status')).toBe('cancelled');
    expect(await page.locator('[data-testid="meeting-status"]').textContent()).toBe('Cancelled');
    expect(await page.locator('[data-testid="cancelled-note"]').textContent()).toContain('This meeting is cancelled.');
    // What a cancelled meeting cannot do is out of sight; reinstating is offered.
    expect(await page.locator('[data-testid="hold-meeting"], [data-testid="send-pack"], [data-testid="cancel-meeting"], [data-testid="add-decision"], [data-testid="new-action-item"]').count()).toBe(0);
    expect(await page.locator('[data-testid="reinstate-meeting"]').textContent()).toBe('Reinstate meeting');
    expect((await getJson<MeetingJson>(page, base, `/api/meetings/${meetingId}`)).status).toBe('cancelled');
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'meeting-cancelled.png'), fullPage: true });

    // The list of meetings reads it as cancelled: the word, and its time struck through.
    const row = page.locator('[data-testid="history-row"][data-status="cancelled"]');
    await row.waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('.pill').textContent()).toBe('Cancelled');
    expect(await row.locator('a s').count()).toBe(1);
    expect(await row.locator('a').getAttribute('href')).toBe(`/meetings/${meetingId}`);
    await expectNoInternalWords(page);
  });

  it('shows a rep the meeting as cancelled, without a way to reinstate it', async () => {
    const page = await pageAs('rae');
    await page.goto(`${base}/meetings`);
    const meeting = page.locator('[data-testid="meeting"]');
    await meeting.waitFor();
    expect(Number(await meeting.getAttribute('data-meeting-id'))).toBe(meetingId);
    expect(await meeting.getAttribute('data-status')).toBe('cancelled');
    const note = await page.locator('[data-testid="cancelled-note"]').textContent();
    expect(note).toContain('This meeting is cancelled.');
    expect(note).not.toContain('Reinstate');
    expect(await page.locator('[data-testid="reinstate-meeting"], [data-testid="cancel-meeting"]').count()).toBe(0);
    await expectNoInternalWords(page);
  });

  it('reinstates it from its own page, and it is planned again everywhere', async () => {
    const page = await pageAs('mia');
    await page.goto(`${base}/meetings/${meetingId}`);
    const meeting = page.locator('[data-testid="meeting"]');
    await meeting.waitFor();
    expect(await meeting.getAttribute('data-status')).toBe('cancelled');
    await page.click('[data-testid="reinstate-meeting"]');
    await expect.poll(() => meeting.getAttribute('data-status')).toBe('planned');
    expect(await page.locator('[data-testid="meeting-status"]').textContent()).toBe('Planned');
    expect(await page.locator('[data-testid="cancelled-note"], [data-testid="reinstate-meeting"]').count()).toBe(0);
    await page.locator('[data-testid="hold-meeting"]').waitFor();
    await page.locator('[data-testid="cancel-meeting"]').waitFor();
    expect((await getJson<MeetingJson>(page, base, `/api/meetings/${meetingId}`)).status).toBe('planned');

    // Back in the meetings page: the current meeting again, no longer listed as cancelled.
    await page.goto(`${base}/meetings`);
    const current = page.locator('[data-testid="meeting"]');
    await current.waitFor();
    expect(Number(await current.getAttribute('data-meeting-id'))).toBe(meetingId);
    expect(await current.getAttribute('data-status')).toBe('planned');
    await page.locator('[data-testid="meeting-history-empty"]').waitFor();
    expect(await page.locator('[data-testid="history-row"]').count()).toBe(0);
    await expectNoInternalWords(page);
  });
});
