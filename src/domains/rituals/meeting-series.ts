import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound, type FieldProblem } from '../../shared/errors.js';
import { parseDocument } from '../../shared/validate.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { isUniqueViolation } from '../crm/references.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { nextOccurrence, type SeriesTiming } from './series-occurrences.js';

/**
 * A meeting series: the weekly Smarketing meeting or the monthly management meeting (PRODUCT.md
 * §7), when it meets in the workspace's zone, how long, who attends for which team, and when the
 * pack goes out. One series of each kind is active at a time: "this week's meeting" must mean one
 * meeting, and the schedules that email packs pick the active one.
 */

export const seriesKinds = ['weekly', 'monthly'] as const;
export type SeriesKind = (typeof seriesKinds)[number];
export const attendeeSides = ['sales', 'marketing'] as const;
export type AttendeeSide = (typeof attendeeSides)[number];

/**
 * The defaults, decided once. Weekly: Thursday 17:00, 35 minutes (a 30–40 minute meeting, late in
 * the week so the week's figures are nearly in), pack 2 hours before. Monthly: the first Tuesday at
 * 10:00, 60 minutes (the month just closed is complete by then, and Monday is left for closing it),
 * pack 24 hours before (a deeper pack is read the day before).
 */
export const seriesDefaults: Record<SeriesKind, { name: string; weekday: number; week_of_month: number | null; local_time: string; duration_minutes: number; pack_hours_before: number }> = {
  weekly: { name: 'Weekly Smarketing meeting', weekday: 4, week_of_month: null, local_time: '17:00', duration_minutes: 35, pack_hours_before: 2 },
  monthly: { name: 'Monthly management meeting', weekday: 2, week_of_month: 1, local_time: '10:00', duration_minutes: 60, pack_hours_before: 24 },
};

/** When a kind meets when no series of it exists (live previews of its pack). */
export function defaultTiming(kind: SeriesKind): SeriesTiming & { duration_minutes: number } {
  const d = seriesDefaults[kind];
  return { kind, weekday: d.weekday, week_of_month: d.week_of_month, local_time: d.local_time, duration_minutes: d.duration_minutes };
}

const attendeeInput = z.strictObject({
  user_id: z.number({ error: 'must be a user id' }).int('must be a user id').positive('must be a user id'),
  side: z.enum(attendeeSides, { message: 'must be sales or marketing: the team the attendee presents for' }),
});

const fields = {
  kind: z.enum(seriesKinds, { message: 'must be weekly or monthly' }),
  name: z.string().trim().min(1, 'is required').max(200),
  weekday: z.number({ error: 'must be 1 (Monday) to 7 (Sunday)' }).int('must be 1 (Monday) to 7 (Sunday)').min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'),
  week_of_month: z
    .number({ error: 'must be 1–4 (the nth weekday of the month) or 5 (the last)' })
    .int('must be 1–4 (the nth weekday of the month) or 5 (the last)')
    .min(1, 'must be 1–4 (the nth weekday of the month) or 5 (the last)')
    .max(5, 'must be 1–4 (the nth weekday of the month) or 5 (the last)')
    .nullable(),
  local_time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM (24 h), e.g. 17:00'),
  duration_minutes: z.number({ error: 'must be minutes, 5 to 480' }).int('must be whole minutes').min(5, 'must be at least 5 minutes').max(480, 'must be at most 480 minutes (8 hours)'),
  pack_hours_before: z.number({ error: 'must be hours, 0 to 168' }).int('must be whole hours').min(0, 'cannot be negative (0: the pack is not emailed)').max(168, 'must be at most 168 hours (a week)'),
  rotate_presenters: z.boolean({ error: 'must be true or false' }),
  active: z.boolean({ error: 'must be true or false' }),
  attendees: z.array(attendeeInput).max(200, 'at most 200 attendees'),
};

const opt = <T extends z.ZodType>(s: T) => s.optional();
export const seriesCreateInput = z.strictObject({
  kind: fields.kind,
  name: opt(fields.name), weekday: opt(fields.weekday), week_of_month: opt(fields.week_of_month), local_time: opt(fields.local_time),
  duration_minutes: opt(fields.duration_minutes), pack_hours_before: opt(fields.pack_hours_before), rotate_presenters: opt(fields.rotate_presenters),
  active: opt(fields.active), attendees: opt(fields.attendees),
});
// A series' meetings are weeks or months: its kind is what they are, so it never changes (not a field here).
export const seriesUpdateInput = z.strictObject({
  name: opt(fields.name), weekday: opt(fields.weekday), week_of_month: opt(fields.week_of_month), local_time: opt(fields.local_time),
  duration_minutes: opt(fields.duration_minutes), pack_hours_before: opt(fields.pack_hours_before), rotate_presenters: opt(fields.rotate_presenters),
  active: opt(fields.active), attendees: opt(fields.attendees),
});

export const attendeeOut = z.object({ user_id: z.number(), name: z.string(), email: z.string(), side: z.enum(attendeeSides), active: z.boolean() });
export type Attendee = z.infer<typeof attendeeOut>;

export const seriesOut = z.object({
  id: z.number(),
  kind: z.enum(seriesKinds),
  name: z.string(),
  weekday: z.number(),
  week_of_month: z.number().nullable(),
  local_time: z.string(),
  /** The workspace zone local_time is read in. */
  time_zone: z.string(),
  duration_minutes: z.number(),
  pack_hours_before: z.number(),
  rotate_presenters: z.boolean(),
  active: z.boolean(),
  attendees: z.array(attendeeOut),
  created_at: z.date(),
  updated_at: z.date(),
});
export type MeetingSeries = z.infer<typeof seriesOut>;

/** A series as the API answers it: with its next meeting moment (an active series only), read on the caller's clock. */
export const seriesDetailOut = seriesOut.extend({ next_occurrence: z.object({ period: z.string(), at: z.date() }).nullable() });
export type MeetingSeriesDetail = z.infer<typeof seriesDetailOut>;

type SeriesRow = Omit<MeetingSeries, 'attendees' | 'time_zone'>;
const columns = 'id, kind, name, weekday, week_of_month, local_time, duration_minutes, pack_hours_before, rotate_presenters, active, created_at, updated_at';

/** Attendees of a series, by name (the order presenters rotate in), with whether the user is still active. */
export async function seriesAttendees(db: Db, seriesId: number): Promise<Attendee[]> {
  const rows = await db.query<Attendee>(
    `SELECT a.user_id, u.name, u.email, a.side, u.active FROM meeting_attendees a JOIN users u ON u.id = a.user_id WHERE a.series_id = $1`,
    [seriesId],
  );
  return rows.sort(byName);
}

/** One order for "by name" everywhere (SQL collations differ between servers; this does not). */
export function byName(a: { name: string; user_id: number }, b: { name: string; user_id: number }): number {
  return a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }) || a.user_id - b.user_id;
}

async function withAttendees(db: Db, row: SeriesRow, zone?: string): Promise<MeetingSeries> {
  return { ...row, time_zone: zone ?? (await reportZone(db)), attendees: await seriesAttendees(db, row.id) };
}

function withNext(s: MeetingSeries, now: Date): MeetingSeriesDetail {
  return { ...s, next_occurrence: s.active ? nextOccurrence(s, now, s.time_zone) : null };
}

async function seriesRow(db: Db, id: number): Promise<SeriesRow> {
  const [row] = await db.query<SeriesRow>(`SELECT ${columns} FROM meeting_series WHERE id = $1`, [id]);
  if (!row) throw notFound('Meeting series', id);
  return row;
}

/** A series; 404 when there is none with that id. */
export async function findSeries(db: Db, id: number): Promise<MeetingSeries> {
  return withAttendees(db, await seriesRow(db, id));
}

export async function getSeries(ctx: Ctx, id: number): Promise<MeetingSeriesDetail> {
  return withNext(await findSeries(ctx.db, id), ctx.clock.now());
}

/** Every series, active ones first, then newest: there are a handful, so no paging. */
export async function listSeries(ctx: Ctx): Promise<MeetingSeriesDetail[]> {
  const rows = await ctx.db.query<SeriesRow>(`SELECT ${columns} FROM meeting_series ORDER BY active DESC, id DESC`);
  const zone = await reportZone(ctx.db);
  return Promise.all(rows.map(async (r) => withNext(await withAttendees(ctx.db, r, zone), ctx.clock.now())));
}

/** The active series of a kind, or null when none is set up. */
export async function activeSeries(db: Db, kind: SeriesKind): Promise<MeetingSeries | null> {
  const [row] = await db.query<SeriesRow>(`SELECT ${columns} FROM meeting_series WHERE kind = $1 AND active`, [kind]);
  return row ? withAttendees(db, row) : null;
}

/** The timing fields agree with the kind: a week of the month is a monthly series' alone. */
function timingProblems(kind: SeriesKind, weekOfMonth: number | null): FieldProblem[] {
  if (kind === 'weekly' && weekOfMonth !== null) return [{ field: 'week_of_month', problem: 'only a monthly series has a week of the month; leave it out (or null) for a weekly one' }];
  if (kind === 'monthly' && weekOfMonth === null) return [{ field: 'week_of_month', problem: 'a monthly series needs 1–4 (the nth weekday of the month) or 5 (the last)' }];
  return [];
}

type AttendeeInput = z.infer<typeof attendeeInput>;

/** Each attendee once, and each a user: every problem at once, naming the list entry. */
async function checkAttendees(db: Db, attendees: AttendeeInput[]): Promise<void> {
  const problems: FieldProblem[] = [];
  const seen = new Set<number>();
  attendees.forEach((a, i) => {
    if (seen.has(a.user_id)) problems.push({ field: `attendees[${i}].user_id`, problem: `user ${a.user_id} is listed twice` });
    seen.add(a.user_id);
  });
  if (problems.length) throw invalid(problems);
  if (!attendees.length) return;
  const found = new Set(
    (await db.query<{ id: number }>('SELECT id FROM users WHERE id = ANY($1::bigint[])', [attendees.map((a) => a.user_id)])).map((r) => r.id),
  );
  const missing = attendees.flatMap((a, i) => (found.has(a.user_id) ? [] : [{ field: `attendees[${i}].user_id`, problem: `user ${a.user_id} does not exist` }]));
  if (missing.length) throw new AppError('not_found', `Unknown attendee: ${missing.map((m) => m.problem).join('; ')}.`, { field: missing[0]!.field, errors: missing });
}

async function writeAttendees(db: Db, seriesId: number, attendees: AttendeeInput[]): Promise<void> {
  await db.query('DELETE FROM meeting_attendees WHERE series_id = $1', [seriesId]);
  if (!attendees.length) return;
  await db.query(
    `INSERT INTO meeting_attendees (series_id, user_id, side) SELECT $1, u, s FROM unnest($2::bigint[], $3::text[]) AS x(u, s)`,
    [seriesId, attendees.map((a) => a.user_id), attendees.map((a) => a.side)],
  );
}

function activeConflict(kind: SeriesKind, otherId: number | undefined): AppError {
  return new AppError(
    'conflict',
    `A ${kind} series is already active${otherId ? ` (series ${otherId})` : ''}: change that one, or deactivate it (active: false) first.`,
    { field: 'active', existing_id: otherId, errors: [{ field: 'active', problem: `another ${kind} series is active; only one of each kind can be` }] },
  );
}

async function activeIdOf(db: Db, kind: SeriesKind): Promise<number | undefined> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM meeting_series WHERE kind = $1 AND active', [kind]);
  return row?.id;
}

export async function createSeries(ctx: Ctx, input: unknown): Promise<MeetingSeriesDetail> {
  // parseDocument: list entries named with brackets (attendees[1].user_id), as checkAttendees names them.
  const v = parseDocument(seriesCreateInput, input);
  assertAllowed(ctx.actor, 'meetings:manage', 'set up meetings');
  const d = seriesDefaults[v.kind];
  const weekOfMonth = v.week_of_month === undefined ? d.week_of_month : v.week_of_month;
  const problems = timingProblems(v.kind, weekOfMonth);
  if (problems.length) throw invalid(problems);
  const active = v.active ?? true;
  const attendees = v.attendees ?? [];
  await checkAttendees(ctx.db, attendees);
  const id = await ctx.db
    .tx(async (tx) => {
      if (active) {
        const other = await activeIdOf(tx, v.kind);
        if (other) throw activeConflict(v.kind, other);
      }
      const now = ctx.clock.now();
      const [row] = await tx.query<{ id: number }>(
        `INSERT INTO meeting_series (kind, name, weekday, week_of_month, local_time, duration_minutes, pack_hours_before, rotate_presenters, active, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id`,
        [v.kind, v.name ?? d.name, v.weekday ?? d.weekday, weekOfMonth, v.local_time ?? d.local_time, v.duration_minutes ?? d.duration_minutes,
          v.pack_hours_before ?? d.pack_hours_before, v.rotate_presenters ?? true, active, now],
      );
      await writeAttendees(tx, row!.id, attendees);
      return row!.id;
    })
    .catch(async (err) => {
      throw isUniqueViolation(err) ? activeConflict(v.kind, await activeIdOf(ctx.db, v.kind)) : err;
    });
  return getSeries(ctx, id);
}

/** Changes what is given; `attendees`, when given, is the whole new list. Meetings already planned keep their time. */
export async function updateSeries(ctx: Ctx, id: number, input: unknown): Promise<MeetingSeriesDetail> {
  const v = parseDocument(seriesUpdateInput, input);
  assertAllowed(ctx.actor, 'meetings:manage', 'change meeting series');
  const current = await seriesRow(ctx.db, id);
  const weekOfMonth = v.week_of_month === undefined ? current.week_of_month : v.week_of_month;
  const problems = timingProblems(current.kind, weekOfMonth);
  if (problems.length) throw invalid(problems);
  if (v.attendees) await checkAttendees(ctx.db, v.attendees);
  const active = v.active ?? current.active;
  await ctx.db
    .tx(async (tx) => {
      if (active && !current.active) {
        const other = await activeIdOf(tx, current.kind);
        if (other && other !== id) throw activeConflict(current.kind, other);
      }
      await tx.query(
        `UPDATE meeting_series SET name = $2, weekday = $3, week_of_month = $4, local_time = $5, duration_minutes = $6, pack_hours_before = $7,
           rotate_presenters = $8, active = $9, updated_at = $10 WHERE id = $1`,
        [id, v.name ?? current.name, v.weekday ?? current.weekday, weekOfMonth, v.local_time ?? current.local_time, v.duration_minutes ?? current.duration_minutes,
          v.pack_hours_before ?? current.pack_hours_before, v.rotate_presenters ?? current.rotate_presenters, active, ctx.clock.now()],
      );
      if (v.attendees) await writeAttendees(tx, id, v.attendees);
    })
    .catch(async (err) => {
      throw isUniqueViolation(err) ? activeConflict(current.kind, await activeIdOf(ctx.db, current.kind)) : err;
    });
  return getSeries(ctx, id);
}
