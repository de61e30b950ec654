import { DateTime } from 'luxon';
import type { Db } from '../db/client.js';
import type { Mailer } from '../domains/alerts/deliver.js';
import type { Ctx } from '../domains/context.js';
import { dailyMarketing, dailyRep, dailySalesManager } from '../domains/rituals/daily-dashboards.js';
import { pendingDailyRecipients, type DailyRecipient } from '../domains/rituals/email-preferences.js';
import { activeSeries, ensureMeeting, sendMeetingPack } from '../domains/rituals/meetings.js';
import type { PackDocument } from '../domains/rituals/pack-document.js';
import { renderPackEmail } from '../domains/rituals/render/pack-email.js';
import { sendRitualEmail } from '../domains/rituals/ritual-mail.js';
import { nextOccurrence, occurrenceAt, periodOf } from '../domains/rituals/series-occurrences.js';
import type { Weekday } from '../domains/sla/business-calendar.js';
import { activeSlaPolicies } from '../domains/sla/sla-policies.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import { runOnce } from './scheduled-run.js';

/**
 * The rituals' scheduled emails (docs/email-schedules.md), checked every minute by the scheduler.
 * Everything is in the workspace's zone, so "08:00" is 08:00 on the wall clock whatever daylight
 * saving does. Each send is claimed twice: its (job, period) through runOnce, so one instance of
 * several builds it, and each recipient's email through sendRitualEmail, so nobody gets one twice
 * even if a pack is also sent by hand.
 *
 * Catching up after downtime: a due email is sent at the first tick after its moment while it is
 * still useful, and never after —
 * - a meeting pack until the meeting starts (a pack arriving after the meeting is noise);
 * - a daily dashboard until the end of its local day (tomorrow's replaces it).
 * A claimed run is not tried again, so a send that failed stays failed, with its error, in the
 * ritual email list (GET /api/outbox/ritual-emails?status=failed).
 */

export const ritualJobs = { weekly: 'weekly-pack-email', monthly: 'monthly-pack-email', daily: 'daily-dashboard-email' } as const;

/** The monthly pack goes out at this local hour of the month's first working day. */
export const MONTHLY_PACK_HOUR = 8;

export interface RitualDeps {
  mailer: Mailer | null;
  /** Where the app is reached, for the links in the emails. */
  baseUrl: string;
  /**
   * Where packs and dashboards are built (DATABASE_READ_URL; default ctx.db). Claims and sends
   * stay on ctx.db; nobody wrote just before a scheduled send, so a replica's lag costs nothing.
   */
  readDb?: Db;
}

export interface RitualRun {
  job: string;
  period: string;
  /** skipped: another instance claimed it first. */
  outcome: 'ran' | 'skipped';
  /** What the run did: sent/outbox/failed/already_sent counts, or the error that stopped it. */
  result?: unknown;
}

/**
 * Does what is due at ctx.clock.now() and answers what ran. When nothing is due this costs a few
 * indexed reads (the zone, the active series and their meetings, the daily recipients not yet sent).
 */
export async function runDueRituals(ctx: Ctx, deps: RitualDeps): Promise<{ runs: RitualRun[]; errors: string[] }> {
  const now = ctx.clock.now();
  const zone = await reportZone(ctx.db);
  const calendar = lazy(() => workingCalendar(ctx));
  const runs: RitualRun[] = [];
  const errors: string[] = [];
  // One part failing (a database hiccup reading a series) must not stop the others.
  for (const [what, part] of [
    ['weekly pack', () => weeklyPackDue(ctx, deps, now, zone)],
    ['monthly pack', () => monthlyPackDue(ctx, deps, now, zone, calendar)],
    ['daily dashboards', () => dailyDashboardsDue(ctx, deps, now, zone, calendar)],
  ] as const) {
    try {
      runs.push(...(await part()));
    } catch (err) {
      errors.push(`${what}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  return { runs, errors };
}

/** runOnce, keeping what the work answered (or the error, which runOnce records and swallows). */
async function claimAndRun(ctx: Ctx, job: string, period: string, work: () => Promise<unknown>): Promise<RitualRun> {
  let result: unknown;
  const outcome = await runOnce(ctx.db, job, period, ctx.clock.now(), async () => {
    try {
      result = await work();
      return result;
    } catch (err) {
      result = { error: err instanceof Error ? err.message : String(err) };
      throw err;
    }
  });
  return { job, period, outcome, ...(outcome === 'ran' ? { result } : {}) };
}

async function alreadyRan(ctx: Ctx, job: string, period: string): Promise<boolean> {
  return (await ctx.db.query('SELECT 1 FROM scheduled_runs WHERE job = $1 AND period = $2', [job, period])).length > 0;
}

/** The series' meetings already planned for these periods: they may have been moved, cancelled or held. */
async function plannedMeetings(ctx: Ctx, seriesId: number, periods: string[]): Promise<Map<string, { scheduled_at: Date; status: string }>> {
  const rows = await ctx.db.query<{ period: string; scheduled_at: Date; status: string }>(
    'SELECT period, scheduled_at, status FROM meetings WHERE series_id = $1 AND period = ANY($2::text[])',
    [seriesId, periods],
  );
  return new Map(rows.map((r) => [r.period, { scheduled_at: new Date(r.scheduled_at), status: r.status }]));
}

// — Weekly pack: pack_hours_before the meeting, until it starts.

async function weeklyPackDue(ctx: Ctx, deps: RitualDeps, now: Date, zone: string): Promise<RitualRun[]> {
  const series = await activeSeries(ctx.db, 'weekly');
  if (!series || series.pack_hours_before <= 0) return [];
  // This week's meeting (it may have been moved later in the week) and the next one by the series' timing.
  const periods = [...new Set([periodOf('weekly', now, zone), nextOccurrence(series, now, zone).period])];
  const planned = await plannedMeetings(ctx, series.id, periods);
  const runs: RitualRun[] = [];
  for (const period of periods) {
    const m = planned.get(period);
    if (m && m.status !== 'planned') continue;
    const at = m?.scheduled_at ?? occurrenceAt(series, period, zone);
    const from = new Date(at.getTime() - series.pack_hours_before * 3600_000);
    if (now < from || now >= at) continue;
    const key = `${series.id}:${period}`;
    if (await alreadyRan(ctx, ritualJobs.weekly, key)) continue;
    runs.push(await claimAndRun(ctx, ritualJobs.weekly, key, async () => sendMeetingPack(ctx, deps, (await ensureMeeting(ctx, series.id, period)).id)));
  }
  return runs;
}

// — Monthly pack: at 08:00 on the month's first working day (the month reviewed is closed), until the meeting starts.

async function monthlyPackDue(ctx: Ctx, deps: RitualDeps, now: Date, zone: string, calendar: () => Promise<WorkingCalendar>): Promise<RitualRun[]> {
  const series = await activeSeries(ctx.db, 'monthly');
  if (!series || series.pack_hours_before <= 0) return [];
  const period = periodOf('monthly', now, zone);
  const m = (await plannedMeetings(ctx, series.id, [period])).get(period);
  if (m && m.status !== 'planned') return [];
  const at = m?.scheduled_at ?? occurrenceAt(series, period, zone);
  if (now >= at) return [];
  const key = `${series.id}:${period}`;
  if (await alreadyRan(ctx, ritualJobs.monthly, key)) return [];
  const first = (await calendar()).firstWorkingDay(period, zone);
  let from = wallClockHour(first, MONTHLY_PACK_HOUR, zone);
  // A meeting before that moment (08:00 on a holiday-shortened first week) still gets its pack: from the month's first instant.
  if (from >= at) from = DateTime.fromISO(`${period}-01`, { zone }).toJSDate();
  if (now < from) return [];
  return [await claimAndRun(ctx, ritualJobs.monthly, key, async () => sendMeetingPack(ctx, deps, (await ensureMeeting(ctx, series.id, period)).id))];
}

// — Daily dashboards: at each opted-in user's hour, that local day only.

async function dailyDashboardsDue(ctx: Ctx, deps: RitualDeps, now: Date, zone: string, calendar: () => Promise<WorkingCalendar>): Promise<RitualRun[]> {
  const day = DateTime.fromJSDate(now, { zone }).toFormat('yyyy-MM-dd');
  // Only today's: a day missed while the app was down is not sent the day after.
  const due = (await pendingDailyRecipients(ctx.db, ritualJobs.daily, day)).filter((r) => wallClockHour(day, r.daily_hour, zone) <= now);
  const runs: RitualRun[] = [];
  for (const r of due) {
    if (!r.daily_every_day && !(await calendar()).isWorkingDay(day, zone)) continue;
    runs.push(await claimAndRun(ctx, ritualJobs.daily, `${day}:${r.user_id}`, () => sendDailyDashboard(ctx, deps, r, day)));
  }
  return runs;
}

const dailyBuilders: Record<DailyRecipient['dashboard'], (ctx: Ctx, r: DailyRecipient, day: string) => Promise<PackDocument>> = {
  marketing: (ctx, _r, day) => dailyMarketing(ctx, { day }),
  sales_manager: (ctx, _r, day) => dailySalesManager(ctx, { day }),
  rep: (ctx, r, day) => dailyRep(ctx, { day, userId: r.user_id }),
};

/** Builds the user's dashboard as they would see it (a rep's scope applies) and emails it once. */
export async function sendDailyDashboard(ctx: Ctx, deps: RitualDeps, r: DailyRecipient, day: string) {
  const asUser: Ctx = { ...ctx, actor: { type: 'user', id: String(r.user_id), role: r.role, name: r.name } };
  const doc = await dailyBuilders[r.dashboard]({ ...asUser, db: deps.readDb ?? ctx.db }, r, day);
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const hour = `${String(r.daily_hour).padStart(2, '0')}:00`;
  const email = await renderPackEmail(doc, {
    baseUrl,
    footer: `You get this email because you asked for the daily dashboard at ${hour} (${doc.time_zone}), ${r.daily_every_day ? 'every day' : 'on working days'}. Change or stop it in your email preferences: ${baseUrl}/account/emails`,
  });
  return sendRitualEmail(ctx.db, ctx.clock, deps.mailer, {
    kind: doc.kind,
    ref: `daily:${day}:${r.user_id}`,
    userId: r.user_id,
    to: r.email,
    subject: email.subject,
    text: email.text,
    html: email.html,
    attachments: email.attachments,
  });
}

// — Local time

/**
 * The instant `day` shows `hour`:00 in `zone`. An hour the clock skips (02:00 on the spring-forward
 * night) is the moment it jumps to (03:00); an hour it shows twice (02:00 on the fall-back night)
 * is the first of the two, as meeting times are (series-occurrences.ts). Either way: one instant a day.
 */
export function wallClockHour(day: string, hour: number, zone: string): Date {
  const t = DateTime.fromISO(day, { zone }).set({ hour, minute: 0, second: 0, millisecond: 0 });
  const earlier = t.minus({ hours: 1 });
  return (earlier.hour === hour && earlier.day === t.day ? earlier : t).toJSDate();
}

// — Working days

interface WorkingCalendar {
  isWorkingDay(day: string, zone: string): boolean;
  /** The month's first working day, 'YYYY-MM-DD'. */
  firstWorkingDay(month: string, zone: string): string;
}

const weekdays: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/**
 * Working days are the sales team's: the days the catch-all SLA policy's calendar opens, less its
 * holidays; Monday to Friday when that policy has no calendar (clocks run around the clock).
 * Revloop has no other calendar of the workspace's days off.
 */
async function workingCalendar(ctx: Ctx): Promise<WorkingCalendar> {
  const policies = (await activeSlaPolicies(ctx.db)).policies;
  const cal = policies[policies.length - 1]?.calendar ?? null;
  const holidays = new Set(cal?.holidays ?? []);
  const open = (wd: Weekday) => (cal ? (cal.hours[wd]?.length ?? 0) > 0 : wd !== 'sat' && wd !== 'sun');
  const isWorkingDay = (day: string, zone: string) => open(weekdays[DateTime.fromISO(day, { zone }).weekday - 1]!) && !holidays.has(day);
  return {
    isWorkingDay,
    firstWorkingDay(month, zone) {
      // A month of holidays has no working day: its pack goes out on the 1st.
      for (let d = DateTime.fromISO(`${month}-01`, { zone }); d.toFormat('yyyy-MM') === month; d = d.plus({ days: 1 })) {
        if (isWorkingDay(d.toFormat('yyyy-MM-dd'), zone)) return d.toFormat('yyyy-MM-dd');
      }
      return `${month}-01`;
    },
  };
}

function lazy<T>(make: () => Promise<T>): () => Promise<T> {
  let p: Promise<T> | null = null;
  return () => (p ??= make());
}
