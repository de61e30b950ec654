import { IANAZone } from 'luxon';
import { z } from 'zod';

/**
 * Working-time arithmetic for the sales SLA ("first touch within X working hours",
 * "N attempts within D days").
 *
 * Semantics, decided once so every caller agrees:
 * - Working minutes are REAL elapsed minutes inside working intervals. A 00:00–24:00 day
 *   holds 23 working hours on the spring-forward day and 25 on the fall-back day, so an SLA
 *   measured in working hours never gives a rep an hour more or less than the clock on the wall
 *   of the customer actually showed.
 * - A working interval is one contiguous span: from the FIRST instant the local clock shows its
 *   start to the LAST instant it shows its end. On the fall-back day 01:00–03:00 in Madrid is
 *   therefore 3 real hours. A local time that does not exist (02:30 on the spring-forward day)
 *   means the first instant at or after it, i.e. the moment the clock jumps (03:00).
 *   luxon would push a missing time forward by the size of the gap (02:30 → 03:30); we clamp
 *   instead so that "open from 02:30" agrees with what the wall clock shows at 03:00.
 * - Intervals are half-open [start, end): the closing instant is not working time, but adding
 *   exactly the minutes left in an interval lands ON the closing instant (a deadline "by 18:00").
 * - Calendars are treated as immutable values: compiled forms are cached per object.
 */

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

export interface BusinessCalendar {
  /** IANA zone, e.g. 'Europe/Madrid'. */
  timeZone: string;
  /** Local working intervals per weekday, 'HH:MM' 24h ('24:00' allowed as an end); missing day = closed. */
  hours: Partial<Record<Weekday, [string, string][]>>;
  /** Local dates 'YYYY-MM-DD' that are closed all day. */
  holidays: string[];
}

const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Long enough for any real holiday season, short enough to fail fast on a calendar that is
// effectively closed forever (e.g. every day listed as a holiday).
const MAX_IDLE_DAYS = 3 * 366;

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function minutesOfDay(hhmm: string): number {
  if (hhmm === '24:00') return 24 * 60;
  const m = HHMM.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
}

/** Days since 1970-01-01 of a real calendar date, or NaN (2026-02-30 is not a date). */
function epochDayOf(date: string): number {
  const m = ISO_DATE.exec(date);
  if (!m) return NaN;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ms = Date.UTC(y, mo - 1, d);
  const back = new Date(ms);
  // Date.UTC silently rolls 02-30 over to 03-02; a round trip catches that.
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
  return ms / DAY;
}

export function isKnownTimeZone(name: string): boolean {
  // Intl in newer engines also accepts offsets like '+01:00'; those have no DST rules and
  // would silently make a Madrid office wrong half the year, so only IANA names pass.
  return /^[A-Za-z]/.test(name) && IANAZone.isValidZone(name);
}

// ---------------------------------------------------------------------------------------------
// Schema

const timeMessage = "must be 'HH:MM' in 24-hour time, e.g. 09:00";
const startTime = z.string().regex(HHMM, timeMessage);
const endTime = z.string().refine((s) => HHMM.test(s) || s === '24:00', "must be 'HH:MM' in 24-hour time (24:00 for midnight), e.g. 18:00");
const interval = z
  .tuple([startTime, endTime])
  // zod 4 still runs this refinement after a format issue; stay quiet so the user sees one
  // message per mistake rather than a bogus "end must be after start" on top.
  .refine(([s, e]) => !HHMM.test(s) || Number.isNaN(minutesOfDay(e)) || minutesOfDay(e) > minutesOfDay(s), {
    message: 'end must be after start (an interval cannot cross midnight: split it over two days)',
    path: [1],
  });
const dayHours = z.array(interval).superRefine((list, ctx) => {
  const order = list.map((_, i) => i).sort((i, j) => minutesOfDay(list[i][0]) - minutesOfDay(list[j][0]));
  for (let k = 1; k < order.length; k++) {
    const prev = list[order[k - 1]];
    const cur = list[order[k]];
    // Touching intervals (12:00 end, 12:00 start) are fine; only a real overlap is a config mistake.
    if (minutesOfDay(cur[0]) < minutesOfDay(prev[1])) {
      ctx.addIssue({ code: 'custom', message: `overlaps the interval ${prev[0]}–${prev[1]}`, path: [order[k]] });
    }
  }
});
const weekHours = z
  .strictObject({
    mon: dayHours.optional(),
    tue: dayHours.optional(),
    wed: dayHours.optional(),
    thu: dayHours.optional(),
    fri: dayHours.optional(),
    sat: dayHours.optional(),
    sun: dayHours.optional(),
  })
  .refine(
    (h) => WEEKDAYS.some((d) => (h[d]?.length ?? 0) > 0),
    'has no working interval on any day of the week, so the SLA clock would never run',
  );

export const businessCalendarSchema: z.ZodType<BusinessCalendar> = z.strictObject({
  timeZone: z.string().refine(isKnownTimeZone, 'is not a known IANA time zone, e.g. Europe/Madrid'),
  hours: weekHours,
  holidays: z.array(z.string().refine((s) => !Number.isNaN(epochDayOf(s)), "must be a real date 'YYYY-MM-DD', e.g. 2026-12-25")),
});

// ---------------------------------------------------------------------------------------------
// Time zone offsets

/**
 * Offset lookups through Intl cost ~10–15 µs each, which dominates when 100k leads are
 * evaluated. Offsets are constant except at transitions, so we remember them per UTC hour and
 * only ask Intl again inside the (rare) hour that contains a transition.
 */
class ZoneClock {
  private readonly zone: IANAZone;
  private readonly byHour = new Map<number, number>();

  constructor(name: string) {
    this.zone = IANAZone.create(name);
  }

  /** Offset from UTC in ms at instant t. */
  offset(t: number): number {
    const h = Math.floor(t / HOUR);
    let o = this.byHour.get(h);
    if (o === undefined) {
      const first = this.zone.offset(h * HOUR);
      const last = this.zone.offset((h + 1) * HOUR - 1);
      // Two transitions inside one hour do not occur in tzdb, so equal ends mean constant.
      o = first === last ? first * MINUTE : NaN;
      if (this.byHour.size > 200_000) this.byHour.clear();
      this.byHour.set(h, o);
    }
    return Number.isNaN(o) ? this.zone.offset(t) * MINUTE : o;
  }

  /** The local day (days since 1970-01-01 on the local calendar) that contains instant t. */
  localDay(t: number): number {
    return Math.floor((t + this.offset(t)) / DAY);
  }

  /**
   * The instant at which the local clock shows `wall` (local wall time written as if UTC ms).
   * Ambiguous (fall-back) → earliest or latest occurrence; missing (spring-forward) → the
   * transition instant, which is the first instant whose local time is at or after `wall`.
   */
  instant(wall: number, pick: 'earliest' | 'latest'): number {
    // Same approach as the Temporal polyfill: the offsets a day either side bracket at most
    // one transition, and each candidate is only real if its own offset confirms it.
    const before = this.offset(wall - DAY);
    const after = this.offset(wall + DAY);
    const a = wall - before;
    const b = wall - after;
    const aOk = this.offset(a) === before;
    const bOk = this.offset(b) === after;
    if (aOk && bOk && a !== b) return pick === 'earliest' ? Math.min(a, b) : Math.max(a, b);
    if (aOk) return a;
    if (bOk) return b;
    // Gap: offset(b) is still `before`, offset(a) already `after`; binary-search the jump.
    let lo = b;
    let hi = a;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.offset(mid) === after) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

const clocks = new Map<string, ZoneClock>();

function clockFor(timeZone: string): ZoneClock {
  let c = clocks.get(timeZone);
  if (!c) {
    if (!isKnownTimeZone(timeZone)) throw new RangeError(`timeZone: ${JSON.stringify(timeZone)} is not a known IANA time zone, e.g. Europe/Madrid`);
    c = new ZoneClock(timeZone);
    clocks.set(timeZone, c);
  }
  return c;
}

// ---------------------------------------------------------------------------------------------
// Compiled calendars

/** Flat [start, end, start, end, …] absolute ms, sorted and merged. */
type DaySpans = readonly number[];
const CLOSED: DaySpans = Object.freeze([]);

interface Compiled {
  clock: ZoneClock;
  /** Indexed like Date#getUTCDay (0 = Sunday): flat [startMinute, endMinute, …]. */
  week: number[][];
  holidays: Set<number>;
  days: Map<number, DaySpans>;
}

const compiled = new WeakMap<BusinessCalendar, Compiled>();
const UTC_DAY_INDEX: Record<Weekday, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };

function compile(cal: BusinessCalendar): Compiled {
  let c = compiled.get(cal);
  if (c) return c;
  // Callers are expected to validate with businessCalendarSchema; this only refuses input that
  // would otherwise turn into NaN instants and silently wrong deadlines.
  const week: number[][] = [[], [], [], [], [], [], []];
  for (const day of WEEKDAYS) {
    for (const [s, e] of cal.hours[day] ?? []) {
      const sm = s === '24:00' ? NaN : minutesOfDay(s);
      const em = minutesOfDay(e);
      if (!(em > sm)) throw new RangeError(`hours.${day}: invalid working interval ${s}–${e}`);
      week[UTC_DAY_INDEX[day]].push(sm, em);
    }
  }
  const holidays = new Set<number>();
  for (const h of cal.holidays) {
    const d = epochDayOf(h);
    if (Number.isNaN(d)) throw new RangeError(`holidays: ${JSON.stringify(h)} is not a real date 'YYYY-MM-DD'`);
    holidays.add(d);
  }
  c = { clock: clockFor(cal.timeZone), week, holidays, days: new Map() };
  compiled.set(cal, c);
  return c;
}

/** Absolute working spans of one local day, cached because neighbouring leads share days. */
function spansOf(c: Compiled, day: number): DaySpans {
  let spans = c.days.get(day);
  if (spans) return spans;
  spans = CLOSED;
  const local = c.week[(((day + 4) % 7) + 7) % 7]; // 1970-01-01 was a Thursday (index 4)
  if (local.length > 0 && !c.holidays.has(day)) {
    const pairs: [number, number][] = [];
    const midnight = day * DAY;
    for (let i = 0; i < local.length; i += 2) {
      const s = c.clock.instant(midnight + local[i] * MINUTE, 'earliest');
      const e = c.clock.instant(midnight + local[i + 1] * MINUTE, 'latest');
      // An interval that lies wholly inside a spring-forward gap never happens on the clock.
      if (e > s) pairs.push([s, e]);
    }
    // On a fall-back day '…–02:30' (last 02:30) and '02:30–…' (first 02:30) overlap in real
    // time; merging keeps those minutes from being counted twice.
    pairs.sort((x, y) => x[0] - y[0]);
    const flat: number[] = [];
    for (const [s, e] of pairs) {
      const n = flat.length;
      if (n > 0 && s <= flat[n - 1]) flat[n - 1] = Math.max(flat[n - 1], e);
      else flat.push(s, e);
    }
    if (flat.length > 0) spans = flat;
  }
  if (c.days.size > 50_000) c.days.clear();
  c.days.set(day, spans);
  return spans;
}

// ---------------------------------------------------------------------------------------------
// Public arithmetic

function toMs(d: Date, name: string): number {
  const t = d.getTime();
  if (!Number.isFinite(t)) throw new RangeError(`${name} is an invalid Date`);
  return t;
}

/**
 * `minutes` of working time after `start` (null calendar = plain elapsed time, 24/7). If start
 * is outside working hours, the clock starts at the next opening. minutes = 0 → the first
 * working instant at or after start. Fractional minutes are honoured to the millisecond.
 */
export function addWorkingMinutes(start: Date, minutes: number, cal: BusinessCalendar | null): Date {
  if (!Number.isFinite(minutes) || minutes < 0) throw new RangeError(`minutes must be a non-negative finite number, got ${minutes}`);
  const t0 = toMs(start, 'start');
  // Integer ms keeps add/between exact inverses of each other.
  let remaining = Math.round(minutes * MINUTE);
  if (cal === null) return new Date(t0 + remaining);
  const c = compile(cal);
  let cursor = t0;
  // Start one local day early: after a fall-back at midnight (e.g. America/Santiago) the
  // previous day's 24:00 lies after the first instant of today.
  const first = c.clock.localDay(t0) - 1;
  let lastWorked = first;
  for (let day = first; ; day++) {
    const spans = spansOf(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const e = spans[i + 1];
      if (e <= cursor) continue;
      const s = Math.max(spans[i], cursor);
      const avail = e - s;
      if (remaining <= avail) return new Date(s + remaining);
      remaining -= avail;
      cursor = e;
      lastWorked = day;
    }
    if (day - lastWorked > MAX_IDLE_DAYS) throw new RangeError('no working time within 3 years');
  }
}

/** Working minutes in [a, b) (0 if b <= a). null calendar = elapsed minutes. */
export function workingMinutesBetween(a: Date, b: Date, cal: BusinessCalendar | null): number {
  const ta = toMs(a, 'a');
  const tb = toMs(b, 'b');
  if (tb <= ta) return 0;
  if (cal === null) return (tb - ta) / MINUTE;
  const c = compile(cal);
  let cursor = ta;
  let total = 0;
  const last = c.clock.localDay(tb);
  for (let day = c.clock.localDay(ta) - 1; day <= last; day++) {
    const spans = spansOf(c, day);
    for (let i = 0; i < spans.length; i += 2) {
      const s = Math.max(spans[i], cursor);
      const e = Math.min(spans[i + 1], tb);
      if (e > s) {
        total += e - s;
        cursor = e;
      }
    }
  }
  return total / MINUTE;
}

/**
 * D days after start on the local calendar of timeZone: the same local wall time D days later,
 * so 10:00 stays 10:00 across a DST change. Not snapped to working hours. If that wall time is
 * ambiguous (fall-back) the earlier occurrence wins; if it does not exist (spring-forward) the
 * result is the moment the clock jumps. Null zone → start + D × 24 h. D must be an integer
 * (negative goes back), because "half a calendar day" has no DST-safe meaning.
 */
export function addCalendarDays(start: Date, days: number, timeZone: string | null): Date {
  if (!Number.isSafeInteger(days)) throw new RangeError(`days must be an integer, got ${days}`);
  const t = toMs(start, 'start');
  if (timeZone === null) return new Date(t + days * DAY);
  const clock = clockFor(timeZone);
  const wall = t + clock.offset(t);
  return new Date(clock.instant(wall + days * DAY, 'earliest'));
}

/** Is `at` inside working hours (null calendar = always). */
export function isWorkingTime(at: Date, cal: BusinessCalendar | null): boolean {
  const t = toMs(at, 'at');
  if (cal === null) return true;
  const c = compile(cal);
  const day = c.clock.localDay(t);
  for (let d = day - 1; d <= day; d++) {
    const spans = spansOf(c, d);
    for (let i = 0; i < spans.length; i += 2) if (spans[i] <= t && t < spans[i + 1]) return true;
  }
  return false;
}
