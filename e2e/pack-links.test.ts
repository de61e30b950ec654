// Every link of a meeting pack opens its page on the window its figure was computed for. First the
// window a link names, read as the pages read it (web/src/report-window-params.ts: no browser
// needed); then, in Chromium against the real server on PGlite with a fixed clock, the weekly pack
// of a meeting 40 days ago and the monthly pack of its month are built from seeded data with events
// inside the reviewed week, in the current month and earlier, and each link the packs hold is
// opened: the page shows the days or the month in words and the figure the pack shows, which the
// page's default window does not. A broken or reversed period says what is wrong, and the picker
// goes back to months and to the last 30 days.
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../src/app/paths.js';
import { systemActor } from '../src/domains/context.js';
import { createUser } from '../src/domains/crm/users.js';
import { monthlyPack } from '../src/domains/rituals/monthly-pack.js';
import type { PackDocument } from '../src/domains/rituals/pack-document.js';
import { weeklyPack } from '../src/domains/rituals/weekly-pack.js';
import { fixedClock } from '../src/shared/clock.js';
import { createTestDb, type TestDb } from '../src/testing/test-db.js';
import {
  last30Days,
  monthDays,
  nextDay,
  parseDayRange,
  parseFunnelRange,
  parseReportWindow,
  windowQuery,
  zoneDayRange,
  zoneDayStart,
} from '../web/src/report-window-params.js';
import { closeAll, getJson, launchBrowser, newPage, signIn, startApp, WIDE_VIEWPORT } from './browser.js';
import { insertId } from './month-seed.js';

const H = 3600_000;
const D = 24 * H;
const password = 'e2e-pack-links-1';
const getter = (query: string) => {
  const p = new URLSearchParams(query);
  return (k: string) => p.get(k);
};

describe('the window a report link names', () => {
  // 15 December 2026, 10:00 in the browser's zone.
  const today = new Date(2026, 11, 15, 10);

  it('reads a range of days first, then a rolling window, then a month, else the last complete month', () => {
    expect(parseReportWindow(getter('from=2026-12-10&to=2026-12-16'), today)).toEqual({
      mode: 'range', month: '2026-12', range: { from: '2026-12-10', to: '2026-12-16' }, problem: null, explicit: true,
    });
    // A week across two months goes back to the month it ends in.
    expect(parseReportWindow(getter('from=2026-11-26&to=2026-12-02&month=2026-06'), today)).toMatchObject({ mode: 'range', month: '2026-12' });
    expect(parseReportWindow(getter('period=30d&month=2026-06'), today)).toEqual({
      mode: 'last30', month: '2026-06', range: { from: '2026-11-16', to: '2026-12-15' }, problem: null, explicit: true,
    });
    expect(parseReportWindow(getter('month=2026-06'), today)).toEqual({ mode: 'month', month: '2026-06', range: null, problem: null, explicit: true });
    expect(parseReportWindow(getter(''), today)).toEqual({ mode: 'month', month: '2026-11', range: null, problem: null, explicit: false });
    // The other rolling windows: 7 and 90 days to today, this quarter so far, the last whole quarter.
    expect(parseReportWindow(getter('period=7d'), today)).toMatchObject({ mode: 'last7', range: { from: '2026-12-09', to: '2026-12-15' } });
    expect(parseReportWindow(getter('period=90d'), today)).toMatchObject({ mode: 'last90', range: { from: '2026-09-17', to: '2026-12-15' } });
    expect(parseReportWindow(getter('period=this-quarter'), today)).toMatchObject({ mode: 'this-quarter', range: { from: '2026-10-01', to: '2026-12-15' } });
    expect(parseReportWindow(getter('period=last-quarter'), today)).toMatchObject({ mode: 'last-quarter', range: { from: '2026-07-01', to: '2026-09-30' } });
    expect(parseReportWindow(getter('period=last-quarter'), new Date(2027, 1, 3))).toMatchObject({ range: { from: '2026-10-01', to: '2026-12-31' } });
    // An unknown period (or an object's own key) is no window: the month view.
    expect(parseReportWindow(getter('period=constructor'), today)).toMatchObject({ mode: 'month', month: '2026-11', range: null });
    expect(parseReportWindow(getter('owner_id=3'), today).explicit).toBe(false);
    expect(windowQuery(parseReportWindow(getter('from=2026-12-10&to=2026-12-16'), today))).toEqual({ from: '2026-12-10', to: '2026-12-16' });
    expect(windowQuery(parseReportWindow(getter('month=2026-06'), today))).toEqual({ month: '2026-06' });
  });

  it('names what is wrong with a period it cannot show, and goes back to the last complete month from it', () => {
    const problem = (q: string) => parseReportWindow(getter(q), today).problem;
    expect(problem('from=2026-12-16&to=2026-12-10')).toEqual({ kind: 'reversed', from: '2026-12-16', to: '2026-12-10' });
    expect(problem('from=2026-02-29&to=2026-03-05')).toEqual({ kind: 'not_a_day', value: '2026-02-29' });
    expect(problem('from=2028-02-29&to=2028-03-05')).toBeNull();
    expect(problem('from=2026-12-10&to=16-12-2026')).toEqual({ kind: 'not_a_day', value: '16-12-2026' });
    expect(problem('from=0202-12-10&to=2026-12-16')).toEqual({ kind: 'not_a_day', value: '0202-12-10' });
    expect(problem('from=2026-12-10')).toEqual({ kind: 'half_range', given: 'from' });
    expect(problem('to=2026-12-10')).toEqual({ kind: 'half_range', given: 'to' });
    expect(problem('month=2026-13')).toEqual({ kind: 'not_a_month', value: '2026-13' });
    expect(problem('month=')).toEqual({ kind: 'not_a_month', value: '' });
    // One day is a range.
    expect(problem('from=2026-12-10&to=2026-12-10')).toBeNull();
    expect(parseReportWindow(getter('from=2026-12-16&to=2026-12-10'), today).month).toBe('2026-11');
    expect(parseReportWindow(getter('from=2025-01-16&to=2025-01-10'), today).month).toBe('2026-11');
    expect(parseDayRange(getter('month=2026-06'))).toBeNull();
  });

  it('reads the funnel page’s months, a pack’s days or month, and twelve months to this one by default', () => {
    const funnel = (q: string) => parseFunnelRange(getter(q), today);
    expect(funnel('')).toEqual({ unit: 'month', from: '2026-01', to: '2026-12', problem: null });
    expect(funnel('from=2026-06&to=2026-11')).toEqual({ unit: 'month', from: '2026-06', to: '2026-11', problem: null });
    expect(funnel('month=2026-06')).toEqual({ unit: 'month', from: '2026-06', to: '2026-06', problem: null });
    expect(funnel('from=2026-12-10&to=2026-12-16')).toEqual({ unit: 'day', from: '2026-12-10', to: '2026-12-16', problem: null });
    // A month at one end of days stands for its first or last day, as the API reads it.
    expect(funnel('from=2026-11&to=2026-12-16')).toEqual({ unit: 'day', from: '2026-11-01', to: '2026-12-16', problem: null });
    expect(funnel('from=2026-12-10&to=2027-02')).toEqual({ unit: 'day', from: '2026-12-10', to: '2027-02-28', problem: null });
    expect(funnel('from=2026-11&to=2026-06')).toMatchObject({ unit: 'month', problem: { kind: 'reversed' } });
    // An emptied month input stays a month range, with its problem.
    expect(funnel('from=&to=2026-06')).toMatchObject({ unit: 'month', problem: { kind: 'half_range', given: 'to' } });
    expect(funnel('from=2026-12-16&to=2026-12-10')).toMatchObject({ unit: 'day', problem: { kind: 'reversed' } });
    expect(funnel('from=2026-12-32&to=2026-12-10')).toMatchObject({ unit: 'day', problem: { kind: 'not_a_day', value: '2026-12-32' } });
  });

  it('counts days and months as the calendar does', () => {
    expect(monthDays('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthDays('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(nextDay('2026-12-31')).toBe('2027-01-01');
    expect(nextDay('2028-02-28')).toBe('2028-02-29');
    expect(last30Days(new Date(2026, 2, 1, 10))).toEqual({ from: '2026-01-31', to: '2026-03-01' });
  });

  it('starts a day where the server does in every zone, across daylight-saving changes', () => {
    // The server counts report days with luxon (src/domains/reports/report-window.ts): the list of
    // deals won must begin and end at its instants. Every day of a year, in zones with a DST change
    // at 02:00 (Madrid, New York), at midnight (Santiago: midnight is skipped), of 30 minutes (Lord
    // Howe), and offsets of hours and minutes.
    const zones = ['UTC', 'Europe/Madrid', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham'];
    for (const zone of zones) {
      for (let d = DateTime.fromISO('2026-01-01', { zone: 'UTC' }); d.year === 2026; d = d.plus({ days: 1 })) {
        const day = d.toISODate()!;
        expect(zoneDayStart(day, zone).toISOString(), `${day} in ${zone}`).toBe(DateTime.fromISO(day, { zone }).startOf('day').toUTC().toISO());
      }
    }
    expect(zoneDayRange({ from: '2026-12-10', to: '2026-12-16' }, 'Europe/Madrid')).toEqual({ after: new Date('2026-12-09T23:00:00Z'), before: new Date('2026-12-16T23:00:00Z') });
    // Havana turns its clocks back at 01:00 to midnight: the day begins at the first midnight (luxon's
    // pick there depends on the season it runs in, so it is not the reference).
    expect(zoneDayStart('2026-11-01', 'America/Havana').toISOString()).toBe('2026-11-01T04:00:00.000Z');
    // Madrid's spring change: the day has 23 hours.
    const spring = zoneDayRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Madrid');
    expect(spring.before.getTime() - spring.after.getTime()).toBe(23 * H);
  });
});

/** Every href a pack document holds (figures, table rows, charts, list items), in order. */
function hrefsOf(doc: PackDocument): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k === 'href' && typeof x === 'string') out.push(x);
        else walk(x);
      }
    }
  };
  walk(doc.sections);
  return out;
}

type Figure = { label: string; value: number | null; format: string; href?: string };
function figuresOf(doc: PackDocument): Figure[] {
  return doc.sections.flatMap((s) => s.blocks.flatMap((b) => (b.type === 'figures' ? (b.items as Figure[]) : [])));
}

describe('meeting pack links in Chromium', () => {
  let t: TestDb;
  let app: FastifyInstance;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;
  // Today 12:00 UTC (real today: the session cookie is judged by the real time).
  const now = new Date(Math.floor(Date.now() / D) * D + 12 * H);
  const clock = fixedClock(now);
  const day = (d: Date) => d.toISOString().slice(0, 10);
  // The weekly meeting reviewed: 40 days ago, so its week lies before the current month whatever the date.
  const meetingAt = new Date(now.getTime() - 40 * D);
  const week = { from: day(new Date(meetingAt.getTime() - 7 * D)), to: day(new Date(meetingAt.getTime() - 1)) };
  const reviewedMonth = day(meetingAt).slice(0, 7);
  const currentMonth = day(now).slice(0, 7);
  // Where a report opens without a period: the last complete month.
  const lastMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
  const thisMonthSoFar = () => page.click('[data-testid="month-shortcut"] button[data-value="this"]');
  /** Inside the week (three days before the meeting), today before noon, and before the week. */
  const inWeek = (h: number) => new Date(meetingAt.getTime() - 3 * D + h * H);
  const today = (h: number) => new Date(Math.floor(now.getTime() / D) * D + h * H);
  const before = (h: number) => new Date(meetingAt.getTime() - 20 * D + h * H);
  let weekly: PackDocument;
  let monthly: PackDocument;
  let winterCampaign = 0;

  /** The range as the browser says it (en-GB), spaces aside: ICU builds differ in the spaces around the dash. */
  const words = (from: string, to: string) => new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).formatRange(new Date(`${from}T12:00:00Z`), new Date(`${to}T12:00:00Z`));
  const squeeze = (s: string | null) => (s ?? '').replace(/\s+/g, '');
  const link = (prefix: string) => {
    const found = hrefsOf(weekly).find((h) => h.startsWith(prefix));
    expect(found, `a weekly pack link starting ${prefix}`).toBeDefined();
    return found!;
  };
  const open = async (path: string) => {
    await page.goto(`${base}${path}`);
  };
  const chip = (testId: string, value: string) => page.locator(`[data-testid="${testId}"] button[data-value="${value}"]`);
  const search = () => new URL(page.url()).searchParams;

  beforeAll(async () => {
    browser = await launchBrowser();
    t = await createTestDb('pglite');
    const db = t.db;
    await createUser(db, { name: 'Ada Admin', email: 'ada@revloop.test', password, role: 'admin' });

    let seq = 0;
    const contact = (name: string, at: Date) =>
      insertId(db, 'INSERT INTO contacts (email, email_normalized, first_name, original_source, lifecycle_stage, created_at) VALUES ($1, $1, $2, $3, $4, $5)', [`${name}@x.test`, name, 'Paid Search', 'lead', at]).then(async (id) => {
        await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, NULL, 'lead', 'forward', $2, 'user')`, [id, at]);
        return id;
      });
    /** A lead assigned at `at` with four hours to a first touch, touched `touchMinutes` later. */
    const assignment = (contactId: number, at: Date, touchMinutes: number) =>
      db.query(
        `INSERT INTO lead_assignments (contact_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at)
         VALUES ($1, $2, 'rule', 'default', '{}', $3, $4, 1, $5, $5, $6)`,
        [contactId, at, new Date(at.getTime() + 3 * H), new Date(at.getTime() + 4 * H), new Date(at.getTime() + 14 * D), new Date(at.getTime() + touchMinutes * 60_000)],
      );
    const wonDeal = (name: string, contactId: number, amount: number, at: Date) =>
      db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at, close_date) VALUES ($1, 1, 'closed_won', $2, $3, $4, $5)`, [name, amount, contactId, at, day(at)]);
    const formSubmitted = (contactId: number, formId: number, at: Date) =>
      db.query(
        `INSERT INTO events (write_key_id, message_id, type, event, anonymous_id, contact_id, timestamp, received_at, processed_at, asset_id, properties, context)
         VALUES (1, $1, 'track', 'Form Submitted', $2, $3, $4, $4, $4, $5, '{}', '{}')`,
        [`m${++seq}`, `a${contactId}`, contactId, at, formId],
      );
    const visit = (contactId: number, at: Date, campaignId: number | null) =>
      db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, channel, channel_rule, campaign_id) VALUES ($1, $2, $3, $3, 'https://x.test/', 'Paid Search', 'test', $4)`, [
        `v${contactId}`, contactId, at, campaignId,
      ]);

    // The reviewed week: three new leads, two assigned (one touched in time, one late), two deals won,
    // two form submissions, and a visit of the winter campaign.
    const [wa, wb, wc] = [await contact('wanda', inWeek(0)), await contact('walt', inWeek(1)), await contact('wes', inWeek(2))];
    await assignment(wa, inWeek(0.5), 30);
    await assignment(wb, inWeek(1.5), 5 * 60);
    await wonDeal('Week deal one', wa, 1000, inWeek(3));
    await wonDeal('Week deal two', wb, 2500, inWeek(4));
    const form = await insertId(db, 'INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, $4)', ['form', 'contact-us', 'Contact us', before(-24)]);
    await formSubmitted(wa, form, inWeek(0.2));
    await formSubmitted(wc, form, inWeek(2.2));
    winterCampaign = await insertId(db, `INSERT INTO campaigns (name, type, utm_campaign, created_at) VALUES ('Winter webinar', 'webinar', 'winter-webinar', $1)`, [before(-24)]);
    await visit(wc, inWeek(2), winterCampaign);

    // Today: one lead assigned and touched in time, a big deal, one form submission.
    const ta = await contact('tara', today(1));
    await assignment(ta, today(1.5), 20);
    await wonDeal('Today deal', ta, 7000, today(3));
    await formSubmitted(ta, form, today(2));

    // Before the week: two more leads, a deal and a form submission that no window of the week holds.
    const [ba, bb] = [await contact('bea', before(0)), await contact('bo', before(1))];
    await wonDeal('Old deal', ba, 500, before(3));
    await formSubmitted(bb, form, before(2));

    // Marketing's SLA page needs the month's goal to show the month.
    await db.query(`INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, updated_at) VALUES ($1, 100000, 0.5, $2)`, [reviewedMonth, now]);

    const ctx = { db, clock, actor: systemActor };
    weekly = await weeklyPack(ctx, { at: meetingAt });
    monthly = await monthlyPack(ctx, { month: reviewedMonth });

    ({ app, base } = await startApp(db, { clock }));
    ({ context, page } = await newPage(browser, { viewport: WIDE_VIEWPORT, locale: 'en-GB', timezoneId: 'UTC', clock }));
    await signIn(page, base, 'ada@revloop.test', password);
  }, 180_000);

  afterAll(() => closeAll({ context, browser, app, t }));

  it('links every figure of the week to the days of the week reviewed', () => {
    const days = hrefsOf(weekly).filter((h) => /[?&]from=/.test(h));
    expect(days.length).toBeGreaterThanOrEqual(5);
    // The week, or for the attempts figure (decided over days) the four weeks to the meeting.
    const fourWeeks = { from: day(new Date(meetingAt.getTime() - 28 * D)), to: week.to };
    for (const h of days) {
      const q = new URL(h, 'http://x').searchParams;
      expect([[week.from, week.to], [fourWeeks.from, fourWeeks.to]], h).toContainEqual([q.get('from'), q.get('to')]);
    }
    expect(days.filter((h) => h.includes(`from=${fourWeeks.from}&`))).toEqual([`/sla?from=${fourWeeks.from}&to=${fourWeeks.to}`]);
    for (const prefix of ['/sla?', '/funnel?', '/deals?', '/campaigns?', '/assets?']) link(prefix);
  });

  it('opens the SLA page on the week: its days in words, and first touch in time as the pack counts it', async () => {
    const figure = figuresOf(weekly).find((f) => f.href?.startsWith('/sla?from=') && f.format === 'percent')!;
    expect(figure.value).toBe(0.5);
    await open(figure.href!);
    const period = page.locator('[data-testid="sla-period"]');
    await expect.poll(() => period.getAttribute('data-leads')).toBe('2');
    expect(await period.locator('[data-testid="stat-first-touch-met"] .stat-value').getAttribute('data-value')).toBe(String(figure.value));
    const range = chip('period', 'range');
    expect(await range.getAttribute('aria-pressed')).toBe('true');
    expect(squeeze(await range.textContent())).toBe(squeeze(words(week.from, week.to)));
    expect(squeeze(await page.locator('[data-testid="sla-reps"] .card-title').first().textContent())).toBe(squeeze(`Leads assigned ${words(week.from, week.to)}`));
    // The period the link asked for comes first, before today's and this month's compliance.
    const todayCards = page.locator('[data-testid="sla-today"]');
    await todayCards.waitFor();
    expect((await page.locator('[data-testid="sla-reps"]').boundingBox())!.y).toBeLessThan((await todayCards.boundingBox())!.y);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'pack-link-sla.png'), fullPage: true });

    // The same page without the link's days opens on the last complete month; this month so far, where one
    // lead was assigned and touched in time, is one click away.
    await open('/sla');
    expect(await page.locator('[data-testid="sla-reps"] input[name="month"]').inputValue()).toBe(lastMonth);
    await thisMonthSoFar();
    await expect.poll(() => search().get('month')).toBe(currentMonth);
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe('1');
    expect(await page.locator('[data-testid="sla-period"] [data-testid="stat-first-touch-met"] .stat-value').getAttribute('data-value')).toBe('1');
    expect(await chip('period', 'range').count()).toBe(0);
    // Without a period asked for, today's compliance leads the page as before.
    expect((await page.locator('[data-testid="sla-reps"]').boundingBox())!.y).toBeGreaterThan((await page.locator('[data-testid="sla-today"]').boundingBox())!.y);
  });

  it('goes back from the week to its month and to the last 30 days', async () => {
    await open(link('/sla?'));
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe('2');
    await chip('period', 'month').click();
    await expect.poll(() => search().get('month')).toBe(week.to.slice(0, 7));
    expect([search().get('from'), search().get('to')]).toEqual([null, null]);
    expect(await page.locator('[data-testid="sla-reps"] input[name="month"]').inputValue()).toBe(week.to.slice(0, 7));
    expect(await chip('period', 'range').count()).toBe(0);
    const monthApi = await getJson<{ total: { leads: number } }>(page, base, `/api/reports/sla?month=${week.to.slice(0, 7)}`);
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe(String(monthApi.total.leads));

    await chip('period', 'last30').click();
    await expect.poll(() => search().get('period')).toBe('30d');
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe('1');
    expect(await chip('period', 'last30').getAttribute('aria-pressed')).toBe('true');
  });

  it('says what is wrong with a reversed or impossible period instead of a blank page, and leaves it for the month', async () => {
    await open(`/sla?from=${week.to}&to=${week.from}`);
    const problem = page.locator('[data-testid="window-problem"]');
    await problem.waitFor();
    expect(await problem.textContent()).toMatch(/ends on .+, before it starts on .+\. Choose a month or the last 30 days instead\./);
    expect(await page.locator('[data-testid="sla-period"]').count()).toBe(0);
    // The rest of the page is there.
    await page.locator('[data-testid="sla-today"]').waitFor();
    await chip('period', 'month').click();
    await expect.poll(() => problem.count()).toBe(0);
    expect([search().get('from'), search().get('to'), search().get('month')]).toEqual([null, null, null]);
    expect(await page.locator('[data-testid="sla-reps"] input[name="month"]').inputValue()).toBe(lastMonth);
    await thisMonthSoFar();
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe('1');

    await open('/assets?from=2026-02-30&to=2026-03-05');
    await problem.waitFor();
    expect(await problem.textContent()).toContain('“2026-02-30” is not a day of the calendar');
    await open(`/deals?from=${week.from}`);
    await problem.waitFor();
    expect(await problem.textContent()).toContain('has a first day but no last day');
    await open(`/funnel?from=${week.to}&to=${week.from}`);
    await problem.waitFor();
    expect(await page.locator('[data-testid="funnel-stages"]').count()).toBe(0);
  });

  it('opens the funnel on the contacts created in the week, and on the monthly pack’s months', async () => {
    await open(link('/funnel?'));
    const stages = page.locator('[data-testid="funnel-stages"]');
    const api = await getJson<{ stages: { key: string; reached: number }[] }>(page, base, `/api/funnel?from=${week.from}&to=${week.to}`);
    expect(api.stages.find((s) => s.key === 'lead')!.reached).toBe(3);
    await expect.poll(() => stages.locator('tr[data-stage="lead"]').getAttribute('data-reached')).toBe('3');
    expect(squeeze(await chip('funnel-period', 'days').textContent())).toBe(squeeze(words(week.from, week.to)));
    expect(await page.locator('[data-testid="funnel-days-note"]').count()).toBe(1);
    // The movement table is the pack's own funnel figure: contacts first reaching each stage that week.
    const packFunnel = weekly.sections.find((s) => s.key === 'funnel')!.blocks.find((b) => b.type === 'table') as { rows: { cells: unknown[] }[] };
    const packLeads = packFunnel.rows.find((r) => r.cells[0] === 'Lead')!.cells[1];
    await expect.poll(() => page.locator('[data-testid="funnel-movement"] tr[data-stage="lead"]').getAttribute('data-moved')).toBe(String(packLeads));
    expect(await page.locator('[data-testid="funnel-csv"]').getAttribute('href')).toBe(`/api/reports/funnel/csv?from=${week.from}&to=${week.to}`);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'pack-link-funnel.png'), fullPage: true });
    // Back to months: the months the week falls in.
    await chip('funnel-period', 'months').click();
    await expect.poll(() => page.locator('input[type="month"][name="from"]').inputValue()).toBe(week.from.slice(0, 7));
    expect(await page.locator('input[type="month"][name="to"]').inputValue()).toBe(week.to.slice(0, 7));

    // The default twelve months hold every lead seeded: six.
    await open('/funnel');
    await expect.poll(() => page.locator('[data-testid="funnel-stages"] tr[data-stage="lead"]').getAttribute('data-reached')).toBe('6');

    // The monthly pack's funnel: the cohorts' six months, and a cohort row its own month.
    const monthlyLinks = hrefsOf(monthly).filter((h) => h.startsWith('/funnel?'));
    const first = DateTime.fromISO(`${reviewedMonth}-01`, { zone: 'UTC' }).minus({ months: 5 }).toFormat('yyyy-MM');
    expect(monthlyLinks).toContain(`/funnel?from=${first}&to=${reviewedMonth}`);
    expect(monthlyLinks).toContain(`/funnel?from=${reviewedMonth}&to=${reviewedMonth}`);
    await open(`/funnel?from=${first}&to=${reviewedMonth}`);
    await expect.poll(() => page.locator('input[type="month"][name="from"]').inputValue()).toBe(first);
    expect(await page.locator('input[type="month"][name="to"]').inputValue()).toBe(reviewedMonth);
    const months = await getJson<{ stages: { key: string; reached: number }[] }>(page, base, `/api/funnel?from=${first}&to=${reviewedMonth}`);
    await expect
      .poll(() => page.locator('[data-testid="funnel-stages"] tr[data-stage="lead"]').getAttribute('data-reached'))
      .toBe(String(months.stages.find((s) => s.key === 'lead')!.reached));
  });

  it('opens the deals page on the deals won in the week, as many as the pack counts', async () => {
    const figure = figuresOf(weekly).find((f) => f.href?.startsWith('/deals?') && f.format === 'number')!;
    expect(figure.value).toBe(2);
    await open(figure.href!);
    const won = page.locator('[data-testid="won-deals"]');
    await expect.poll(() => won.getAttribute('data-count')).toBe(String(figure.value));
    expect(await page.locator('[data-testid="won-deal-row"] td:first-child').allTextContents()).toEqual(['Week deal two', 'Week deal one']);
    expect(await page.locator('[data-testid="won-count"] .stat-value').textContent()).toBe('2');
    expect(await page.locator('[data-testid="won-amount"] .stat-value').textContent()).toContain('3,500');
    expect(squeeze(await won.locator('.card-title').textContent())).toBe(squeeze(`Deals won ${words(week.from, week.to)}`));
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'pack-link-deals.png'), fullPage: true });
    // The board holds every won deal.
    await page.locator('[data-testid="deal-board-link"]').click();
    const column = page.locator('[data-testid="deal-column"][data-stage="closed_won"]');
    await expect.poll(() => column.locator('.count').textContent()).toBe('4');
  });

  it('opens the assets page on the week: the form submissions the pack counts, not this month’s', async () => {
    await open(link('/assets?'));
    const stat = page.locator('[data-testid="stat-form-submissions"] .stat-value');
    await expect.poll(() => stat.getAttribute('data-value')).toBe('2');
    expect(squeeze(await chip('period', 'range').textContent())).toBe(squeeze(words(week.from, week.to)));
    expect(await page.locator('[data-testid="assets-csv"]').getAttribute('href')).toBe(`/api/reports/assets/csv?from=${week.from}&to=${week.to}`);
    await open('/assets');
    await thisMonthSoFar();
    await expect.poll(() => page.locator('[data-testid="stat-form-submissions"] .stat-value').getAttribute('data-value')).toBe('1');
  });

  it('shows the week’s campaign results on the campaigns page, as the pack counts them, and opens the month’s campaign ranking', async () => {
    await open(link('/campaigns?'));
    const note = page.locator('[data-testid="campaigns-period"]');
    await note.waitFor();
    expect(squeeze(await note.textContent())).toContain(squeeze(words(week.from, week.to)));
    // The week's campaign results are the pack's own: each best campaign with its visits and leads.
    const best = weekly.sections.flatMap((s) => s.blocks).find((b) => b.type === 'table' && b.title?.startsWith('Best campaigns')) as { rows: { cells: unknown[] }[] };
    expect(best.rows.length).toBeGreaterThan(0);
    for (const r of best.rows) {
      const row = note.locator('[data-testid="campaign-row"]', { has: page.locator('[data-col="campaign"]', { hasText: String(r.cells[0]) }) });
      await expect.poll(() => row.locator('[data-col="visits"]').getAttribute('data-value')).toBe(String(r.cells[2]));
      expect(await row.locator('[data-col="leads"]').getAttribute('data-value')).toBe(String(r.cells[3]));
    }
    const months = note.locator('[data-testid="campaigns-month-report"]');
    expect(await months.count()).toBe(week.from.slice(0, 7) === week.to.slice(0, 7) ? 1 : 2);
    await page.screenshot({ path: join(projectRoot(), 'test-results', 'pack-link-campaigns.png') });
    await months.last().click();
    await page.waitForURL(new RegExp(`/reports/marketing\\?month=${week.to.slice(0, 7)}$`));
    await expect.poll(() => page.locator('[data-testid="marketing-report"]').getAttribute('data-month')).toBe(week.to.slice(0, 7));
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(week.to.slice(0, 7));
  });

  it('opens the monthly reports the packs link on their month, not the current one', async () => {
    expect(reviewedMonth).not.toBe(currentMonth);
    await open(hrefsOf(monthly).find((h) => h.startsWith('/reports/sales?month='))!);
    await expect.poll(() => page.locator('[data-testid="sales-report"]').getAttribute('data-month')).toBe(reviewedMonth);
    await open(link('/marketing-sla?month='));
    await expect.poll(() => page.locator('[data-testid="msla-report"]').getAttribute('data-month')).toBe(reviewedMonth);
    await expect.poll(() => page.locator('input[name="month"]').inputValue()).toBe(reviewedMonth);

    // The monthly pack's SLA trend links each month; its month opens first on the SLA page.
    const sla = hrefsOf(monthly).find((h) => h === `/sla?month=${reviewedMonth}`);
    expect(sla).toBeDefined();
    await open(sla!);
    const api = await getJson<{ total: { leads: number } }>(page, base, `/api/reports/sla?month=${reviewedMonth}`);
    await expect.poll(() => page.locator('[data-testid="sla-period"]').getAttribute('data-leads')).toBe(String(api.total.leads));
    expect(await chip('period', 'month').getAttribute('aria-pressed')).toBe('true');
    expect(await page.locator('[data-testid="sla-reps"] input[name="month"]').inputValue()).toBe(reviewedMonth);
  });
});
