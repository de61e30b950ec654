import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { dayProblem, instant, monthProblem } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import type { Mailer } from '../alerts/deliver.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { decodeCursor, fitsCast, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { actionItemOut, actionItemsOfMeeting, actorLabel } from './action-items.js';
import { activeSeries, byName, defaultTiming, findSeries, seriesAttendees, type Attendee, type AttendeeSide, type MeetingSeries, type SeriesKind } from './meeting-series.js';
import { monthlyPack } from './monthly-pack.js';
import type { PackDocument } from './pack-document.js';
import { renderPackEmail } from './render/pack-email.js';
import { packEmailOptOuts } from './email-preferences.js';
import { sendRitualEmail } from './ritual-mail.js';
import { nextOccurrence, occurrenceAt, periodOf, periodProblem, shiftPeriod, type SeriesTiming } from './series-occurrences.js';
import { weeklyPack } from './weekly-pack.js';

// The series' active one of a kind, where callers of this module look for it (contracts).
export { activeSeries } from './meeting-series.js';

/**
 * The meetings of a series: one per period (the ISO week or month it takes place in), planned at
 * the series' occurrence, with two presenters (one per team), notes, decisions and the action
 * items it created. Holding a meeting keeps its pack as it was (the snapshot): later data —
 * a deal won late, an activity logged afterwards — never rewrites what the meeting saw.
 */

export const meetingStatuses = ['planned', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const decisionOut = z.object({ id: z.number(), meeting_id: z.number(), text: z.string(), created_by: z.string().nullable(), created_at: z.date() });
export type Decision = z.infer<typeof decisionOut>;

export const meetingSummaryOut = z.object({
  id: z.number(),
  series_id: z.number(),
  kind: z.enum(['weekly', 'monthly']),
  series_name: z.string(),
  /** The week (2026-W49) or month (2026-12) the meeting takes place in. */
  period: z.string(),
  /** The month a monthly meeting reviews (the one before its own); null for weekly meetings. */
  reviews_month: z.string().nullable(),
  scheduled_at: z.date(),
  duration_minutes: z.number(),
  status: z.enum(meetingStatuses),
  sales_presenter_id: z.number().nullable(),
  sales_presenter_name: z.string().nullable(),
  marketing_presenter_id: z.number().nullable(),
  marketing_presenter_name: z.string().nullable(),
  notes: z.string(),
  held_at: z.date().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
});
export type MeetingSummary = z.infer<typeof meetingSummaryOut>;

/** A meeting with what it decided and the action items it created. */
export const meetingOut = meetingSummaryOut.extend({ decisions: z.array(decisionOut), action_items: z.array(actionItemOut) });
export type Meeting = z.infer<typeof meetingOut>;

const summarySelect = `
SELECT m.id, m.series_id, s.kind, s.name AS series_name, m.period, m.scheduled_at, s.duration_minutes, m.status,
       m.sales_presenter_id, sp.name AS sales_presenter_name, m.marketing_presenter_id, mp.name AS marketing_presenter_name,
       m.notes, m.held_at, m.created_at, m.updated_at
  FROM meetings m
  JOIN meeting_series s ON s.id = m.series_id
  LEFT JOIN users sp ON sp.id = m.sales_presenter_id
  LEFT JOIN users mp ON mp.id = m.marketing_presenter_id`;

type SummaryRow = Omit<MeetingSummary, 'reviews_month'>;
const withReview = (r: SummaryRow): MeetingSummary => ({ ...r, reviews_month: r.kind === 'monthly' ? shiftPeriod('monthly', r.period, -1) : null });

async function summaryOf(db: Db, id: number): Promise<MeetingSummary> {
  const [row] = await db.query<SummaryRow>(`${summarySelect} WHERE m.id = $1`, [id]);
  if (!row) throw notFound('Meeting', id);
  return withReview(row);
}

export async function getMeeting(ctx: Ctx, id: number): Promise<Meeting> {
  const m = await summaryOf(ctx.db, id);
  const decisions = await ctx.db.query<Decision>('SELECT id, meeting_id, text, created_by, created_at FROM meeting_decisions WHERE meeting_id = $1 ORDER BY id', [id]);
  return { ...m, decisions, action_items: await actionItemsOfMeeting(ctx.db, id) };
}

// — Presenters

type SideAttendees = Record<AttendeeSide, Attendee[]>;

function bySide(attendees: Attendee[]): SideAttendees {
  const active = attendees.filter((a) => a.active);
  return { sales: active.filter((a) => a.side === 'sales'), marketing: active.filter((a) => a.side === 'marketing') };
}

/**
 * The presenter of one side: the attendee after the previous meeting's presenter in name order
 * (around to the first), so everyone on a team presents in turn; without rotation, the previous
 * presenter again while they still attend. Nobody before: the first by name.
 */
function nextPresenter(side: Attendee[], previous: { user_id: number; name: string } | null, rotate: boolean): number | null {
  if (!side.length) return null;
  if (!previous) return side[0]!.user_id;
  if (!rotate) return side.find((a) => a.user_id === previous.user_id)?.user_id ?? side[0]!.user_id;
  return (side.find((a) => byName(a, previous) > 0) ?? side[0]!).user_id;
}

async function rotatedPresenters(db: Db, series: MeetingSeries, at: Date): Promise<{ sales: number | null; marketing: number | null }> {
  const [prev] = await db.query<{ sales_id: number | null; sales_name: string | null; marketing_id: number | null; marketing_name: string | null }>(
    `SELECT m.sales_presenter_id AS sales_id, sp.name AS sales_name, m.marketing_presenter_id AS marketing_id, mp.name AS marketing_name
       FROM meetings m
       LEFT JOIN users sp ON sp.id = m.sales_presenter_id
       LEFT JOIN users mp ON mp.id = m.marketing_presenter_id
      WHERE m.series_id = $1 AND m.scheduled_at < $2 AND m.status <> 'cancelled'
      ORDER BY m.scheduled_at DESC, m.id DESC LIMIT 1`,
    [series.id, at],
  );
  const sides = bySide(series.attendees);
  const prevOf = (id: number | null | undefined, name: string | null | undefined) => (id != null && name != null ? { user_id: id, name } : null);
  return {
    sales: nextPresenter(sides.sales, prevOf(prev?.sales_id, prev?.sales_name), series.rotate_presenters),
    marketing: nextPresenter(sides.marketing, prevOf(prev?.marketing_id, prev?.marketing_name), series.rotate_presenters),
  };
}

// — Meetings

/**
 * The meeting of `period` in the series: the one already planned (whatever has changed since), or
 * a new planned one at the series' occurrence with the next presenters. Two callers at once get
 * the same meeting (the period is unique per series).
 */
export async function ensureMeeting(ctx: Ctx, seriesId: number, period: string): Promise<Meeting> {
  assertAllowed(ctx.actor, 'meetings:manage', 'plan meetings');
  const series = await findSeries(ctx.db, seriesId);
  const problem = periodProblem(series.kind, period);
  if (problem) throw invalid([{ field: 'period', problem }]);
  const [existing] = await ctx.db.query<{ id: number }>('SELECT id FROM meetings WHERE series_id = $1 AND period = $2', [seriesId, period]);
  if (existing) return getMeeting(ctx, existing.id);
  const at = occurrenceAt(series, period, series.time_zone);
  const presenters = await rotatedPresenters(ctx.db, series, at);
  const now = ctx.clock.now();
  const [created] = await ctx.db.query<{ id: number }>(
    `INSERT INTO meetings (series_id, period, scheduled_at, sales_presenter_id, marketing_presenter_id, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $6) ON CONFLICT (series_id, period) DO NOTHING RETURNING id`,
    [seriesId, period, at, presenters.sales, presenters.marketing, now],
  );
  const id = created?.id ?? (await ctx.db.query<{ id: number }>('SELECT id FROM meetings WHERE series_id = $1 AND period = $2', [seriesId, period]))[0]!.id;
  return getMeeting(ctx, id);
}

/**
 * The period of the series' next meeting that has not ended yet: this week's while it is still
 * running, the next one once it is over.
 */
export function upcomingPeriod(series: SeriesTiming & { duration_minutes: number }, now: Date, zone: string): { period: string; at: Date } {
  return nextOccurrence(series, new Date(now.getTime() - series.duration_minutes * 60_000), zone);
}

/** The period (of the series' kind) that holds a `YYYY-MM-DD` day of the workspace zone. */
export function periodOfDay(kind: SeriesKind, day: string, zone: string, field = 'date'): string {
  const problem = dayProblem(day);
  if (problem) throw invalid([{ field, problem }]);
  return periodOf(kind, DateTime.fromISO(day, { zone }).plus({ hours: 12 }).toJSDate(), zone);
}

export const meetingListQuery = {
  series_id: z.coerce.number({ error: 'must be a series id' }).int('must be a series id').positive('must be a series id').optional(),
  kind: z.enum(['weekly', 'monthly'], { message: 'must be weekly or monthly' }).optional(),
  status: z.enum(meetingStatuses, { message: `must be one of ${meetingStatuses.join(', ')}` }).optional(),
};

/** Meetings, the latest first (by when they are planned), a page at a time. */
export async function listMeetings(db: Db, filters: { series_id?: number; kind?: SeriesKind; status?: MeetingStatus }, page: PageParams = {}): Promise<Page<MeetingSummary>> {
  const limit = pageLimit(page.limit);
  const after = page.cursor ? decodeCursor<{ at: string; id: number }>(page.cursor, (c) => typeof c.at === 'string' && fitsCast(c.at, 'timestamptz') && isId(c.id)) : null;
  const rows = await db.query<SummaryRow>(
    `${summarySelect}
      WHERE ($1::bigint IS NULL OR m.series_id = $1) AND ($2::text IS NULL OR s.kind = $2) AND ($3::text IS NULL OR m.status = $3)
        AND ($4::timestamptz IS NULL OR (m.scheduled_at, m.id) < ($4::timestamptz, $5::bigint))
      ORDER BY m.scheduled_at DESC, m.id DESC LIMIT $6`,
    [filters.series_id ?? null, filters.kind ?? null, filters.status ?? null, after?.at ?? null, after?.id ?? null, limit + 1],
  );
  return keysetPage(rows.map(withReview), limit, (last) => ({ at: last.scheduled_at.toISOString(), id: last.id }));
}

const presenterField = z.number({ error: 'must be a user id, or null for nobody' }).int('must be a user id').positive('must be a user id').nullable();
export const meetingUpdateInput = z.strictObject({
  sales_presenter_id: presenterField.optional(),
  marketing_presenter_id: presenterField.optional(),
  notes: z.string().max(50_000, 'must be at most 50,000 characters').optional(),
  scheduled_at: instant().optional(),
  // A meeting is held by holding it (which keeps its pack): the status here cancels or reinstates.
  status: z.enum(['planned', 'cancelled'], { message: 'must be planned or cancelled (a meeting is held by holding it, which keeps its pack)' }).optional(),
});

/** Presenters, notes, time; cancel or reinstate. A held meeting keeps everything but its notes. */
export async function updateMeeting(ctx: Ctx, id: number, input: unknown): Promise<Meeting> {
  const v = parseInput(meetingUpdateInput, input);
  assertAllowed(ctx.actor, 'meetings:manage', 'change meetings');
  const m = await summaryOf(ctx.db, id);
  const changesMoreThanNotes = Object.keys(v).some((k) => k !== 'notes');
  if (m.status === 'held' && changesMoreThanNotes) {
    throw new AppError('illegal_transition', `Meeting ${id} was held: its presenters, time and status no longer change; only its notes do.`, { status: m.status });
  }
  const attendees = bySide(await seriesAttendees(ctx.db, m.series_id));
  const problems = (['sales', 'marketing'] as const).flatMap((side) => {
    const uid = v[`${side}_presenter_id`];
    if (uid == null || uid === m[`${side}_presenter_id`] || attendees[side].some((a) => a.user_id === uid)) return [];
    return [{ field: `${side}_presenter_id`, problem: `user ${uid} is not an active ${side} attendee of this series; add them to its attendees first` }];
  });
  if (problems.length) throw invalid(problems);
  await ctx.db.query(
    `UPDATE meetings SET
       sales_presenter_id = CASE WHEN $2::boolean THEN $3::bigint ELSE sales_presenter_id END,
       marketing_presenter_id = CASE WHEN $4::boolean THEN $5::bigint ELSE marketing_presenter_id END,
       notes = COALESCE($6, notes), scheduled_at = COALESCE($7, scheduled_at), status = COALESCE($8, status), updated_at = $9
     WHERE id = $1`,
    [id, v.sales_presenter_id !== undefined, v.sales_presenter_id ?? null, v.marketing_presenter_id !== undefined, v.marketing_presenter_id ?? null,
      v.notes ?? null, v.scheduled_at ?? null, v.status ?? null, ctx.clock.now()],
  );
  return getMeeting(ctx, id);
}

async function livePack(ctx: Ctx, m: MeetingSummary): Promise<PackDocument> {
  return m.kind === 'weekly' ? weeklyPack(ctx, { at: m.scheduled_at, meetingId: m.id }) : monthlyPack(ctx, { month: m.reviews_month!, meetingId: m.id });
}

/**
 * Holds the meeting: its status, when, and its pack as it is now, kept for good. Holding a
 * held meeting again changes nothing (the first snapshot stays); a cancelled one is refused.
 */
export async function holdMeeting(ctx: Ctx, id: number): Promise<Meeting> {
  assertAllowed(ctx.actor, 'meetings:manage', 'hold meetings');
  const m = await summaryOf(ctx.db, id);
  if (m.status === 'cancelled') throw new AppError('illegal_transition', `Meeting ${id} is cancelled; reinstate it (status planned) before holding it.`, { status: m.status });
  if (m.status === 'held') return getMeeting(ctx, id);
  const snapshot = await livePack(ctx, m);
  const now = ctx.clock.now();
  // Only a planned meeting takes the snapshot: of two holds at once, the first one's stays.
  await ctx.db.query(`UPDATE meetings SET status = 'held', held_at = $2, snapshot = $3::jsonb, updated_at = $2 WHERE id = $1 AND status = 'planned'`, [id, now, JSON.stringify(snapshot)]);
  return getMeeting(ctx, id);
}

/**
 * A meeting's pack: the snapshot once it was held, else built now from live data. The meeting
 * itself is read on ctx.db; the live pack on `readDb` when given (a read replica, which may trail
 * ctx.db by its lag), once it holds the meeting: a meeting planned a moment ago (the scheduler
 * plans one and sends its pack at once) is built on ctx.db rather than not found.
 */
export async function meetingPack(ctx: Ctx, id: number, readDb: Db = ctx.db): Promise<PackDocument> {
  const m = await summaryOf(ctx.db, id);
  if (m.status === 'held') {
    const [row] = await ctx.db.query<{ snapshot: PackDocument | string | null }>('SELECT snapshot FROM meetings WHERE id = $1', [id]);
    if (row?.snapshot) return typeof row.snapshot === 'string' ? (JSON.parse(row.snapshot) as PackDocument) : row.snapshot;
  }
  const replicaHasIt = readDb !== ctx.db && (await readDb.query('SELECT 1 FROM meetings WHERE id = $1', [id])).length > 0;
  return livePack(replicaHasIt ? { ...ctx, db: readDb } : ctx, m);
}

interface PeriodFrame {
  kind: SeriesKind;
  zone: string;
  series: MeetingSeries | null;
  timing: SeriesTiming & { duration_minutes: number };
  period: string;
}

/** The kind's period holding `date` (a day of the workspace zone), or of its next meeting not yet over; the active series' timing, else the default. */
async function periodFrame(ctx: Ctx, kind: SeriesKind, date: string | undefined): Promise<PeriodFrame> {
  const zone = await reportZone(ctx.db);
  const series = await activeSeries(ctx.db, kind);
  const timing = series ?? defaultTiming(kind);
  const period = date ? periodOfDay(kind, date, zone) : upcomingPeriod(timing, ctx.clock.now(), zone).period;
  return { kind, zone, series, timing, period };
}

/** The pack of the period's meeting moment from live data, without a meeting (no presenters, nothing planned). */
function livePeriodPack(ctx: Ctx, f: PeriodFrame): Promise<PackDocument> {
  return f.kind === 'weekly'
    ? weeklyPack(ctx, { at: occurrenceAt(f.timing, f.period, f.zone), meetingId: null })
    : monthlyPack(ctx, { month: shiftPeriod('monthly', f.period, -1), meetingId: null });
}

/**
 * The weekly pack from live data without a meeting: of the active series' meeting in the week
 * holding `date` (a day of the workspace zone), or of its next meeting not yet over; without a
 * series, of a default Thursday 17:00 meeting.
 */
export async function previewWeeklyPack(ctx: Ctx, opts: { date?: string }): Promise<PackDocument> {
  return livePeriodPack(ctx, await periodFrame(ctx, 'weekly', opts.date));
}

/** The monthly pack of `month` (the month reviewed; default the last closed one) from live data, without a meeting. */
export async function previewMonthlyPack(ctx: Ctx, opts: { month?: string }): Promise<PackDocument> {
  const zone = await reportZone(ctx.db);
  if (opts.month !== undefined) {
    const problem = monthProblem(opts.month);
    if (problem) throw invalid([{ field: 'month', problem }]);
  }
  return monthlyPack(ctx, { month: opts.month ?? shiftPeriod('monthly', periodOf('monthly', ctx.clock.now(), zone), -1), meetingId: null });
}

/**
 * The pack of a kind's meeting in the period holding `date` (a day of the workspace zone; default:
 * the next meeting not yet over): the meeting's own pack when the active series has planned it
 * (the snapshot once held), else built live for that moment, with the default timing when no
 * series is set up. Nothing is planned or written.
 */
export async function packOfPeriod(ctx: Ctx, kind: SeriesKind, opts: { date?: string }): Promise<{ doc: PackDocument; period: string; meetingId: number | null }> {
  const f = await periodFrame(ctx, kind, opts.date);
  const [meeting] = f.series ? await ctx.db.query<{ id: number }>('SELECT id FROM meetings WHERE series_id = $1 AND period = $2', [f.series.id, f.period]) : [];
  if (meeting) return { doc: await meetingPack(ctx, meeting.id), period: f.period, meetingId: meeting.id };
  return { doc: await livePeriodPack(ctx, f), period: f.period, meetingId: null };
}

// — Decisions

export const decisionInput = z.strictObject({ text: z.string().trim().min(1, 'is required: what was decided').max(5000, 'must be at most 5,000 characters') });

export async function addDecision(ctx: Ctx, meetingId: number, input: unknown): Promise<Decision> {
  const v = parseInput(decisionInput, input);
  assertAllowed(ctx.actor, 'meetings:manage', 'record decisions');
  const m = await summaryOf(ctx.db, meetingId);
  if (m.status === 'cancelled') throw new AppError('illegal_transition', `Meeting ${meetingId} is cancelled: it decides nothing.`, { status: m.status });
  const [row] = await ctx.db.query<Decision>(
    'INSERT INTO meeting_decisions (meeting_id, text, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id, meeting_id, text, created_by, created_at',
    [meetingId, v.text, actorLabel(ctx.actor), ctx.clock.now()],
  );
  return row!;
}

export async function deleteDecision(ctx: Ctx, meetingId: number, decisionId: number): Promise<void> {
  assertAllowed(ctx.actor, 'meetings:manage', 'remove decisions');
  await summaryOf(ctx.db, meetingId);
  const gone = await ctx.db.query('DELETE FROM meeting_decisions WHERE id = $1 AND meeting_id = $2 RETURNING id', [decisionId, meetingId]);
  if (!gone.length) throw new AppError('not_found', `Decision ${decisionId} of meeting ${meetingId} does not exist.`, { object: 'Decision', id: decisionId });
}

// — Sending the pack

export const sendResultOut = z.object({ sent: z.number(), outbox: z.number(), failed: z.number(), already_sent: z.number() });
export type SendResult = z.infer<typeof sendResultOut>;

/**
 * Emails the meeting's pack (the snapshot once held, else live) to each active attendee of its
 * series, once per attendee: a second send reaches only those the first did not (a failed send,
 * an attendee added since). Without a mailer the emails wait in the outbox.
 */
export async function sendMeetingPack(ctx: Ctx, deps: { mailer: Mailer | null; baseUrl: string; readDb?: Db }, meetingId: number): Promise<SendResult> {
  assertAllowed(ctx.actor, 'meetings:manage', 'send meeting packs');
  const m = await summaryOf(ctx.db, meetingId);
  if (m.status === 'cancelled') throw new AppError('illegal_transition', `Meeting ${meetingId} is cancelled: there is no pack to send.`, { status: m.status });
  const result: SendResult = { sent: 0, outbox: 0, failed: 0, already_sent: 0 };
  // An attendee who turned this pack's email off (email preferences) reads it in the app instead.
  const optedOut = await packEmailOptOuts(ctx.db, m.kind);
  const attendees = (await seriesAttendees(ctx.db, m.series_id)).filter((a) => a.active && !optedOut.has(a.user_id));
  if (!attendees.length) return result;
  const doc = await meetingPack(ctx, meetingId, deps.readDb);
  const baseUrl = deps.baseUrl.replace(/\/+$/, '');
  const email = await renderPackEmail(doc, {
    baseUrl,
    intro: `The pack for the ${m.series_name}. Notes, decisions and action items: ${baseUrl}/meetings/${meetingId}`,
  });
  for (const a of attendees) {
    const outcome = await sendRitualEmail(ctx.db, ctx.clock, deps.mailer, {
      kind: m.kind === 'weekly' ? 'weekly_pack' : 'monthly_pack',
      ref: `meeting:${meetingId}`,
      userId: a.user_id,
      to: a.email,
      subject: email.subject,
      text: email.text,
      html: email.html,
      attachments: email.attachments,
    });
    result[outcome]++;
  }
  return result;
}
