import { DateTime, type WeekdayNumbers } from 'luxon';
import { monthProblem } from '../../shared/dates.js';
import { invalid } from '../../shared/errors.js';

/**
 * When the meetings of a series happen. A series meets at a local wall-clock time in the
 * workspace's zone ("Thursday 17:00 in Madrid"), so the instant moves against UTC with daylight
 * saving time: 16:00 UTC in winter, 15:00 UTC in summer. A meeting's period is the ISO week
 * (2026-W49) or the month (2026-12) it takes place in.
 *
 * Wall-clock edge cases, decided once (the same way as sla/business-calendar.ts):
 * - a local time that does not exist (02:30 on the spring-forward night) is the first instant at
 *   or after it: the moment the clock jumps (03:00), not luxon's 03:30;
 * - a local time that happens twice (02:30 on the fall-back night) is the first of the two.
 */

export interface SeriesTiming {
  kind: 'weekly' | 'monthly';
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** Monthly: 1–4 = the nth such weekday of the month, 5 = the last one. Ignored for weekly series. */
  week_of_month: number | null;
  /** 'HH:MM', 24 h, in the zone. */
  local_time: string;
}

const WEEK_PERIOD = /^(\d{4})-W(\d{2})$/;
const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const MINUTE = 60_000;

/** Why a period is not one of this kind, or null. */
export function periodProblem(kind: 'weekly' | 'monthly', period: string): string | null {
  if (kind === 'monthly') return monthProblem(period);
  const m = WEEK_PERIOD.exec(period);
  if (!m) return `"${period}" is not a week; use YYYY-Www, e.g. 2026-W49`;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (year < 1900 || year > 2999) return `must be between 1900-W01 and 2999-W52, got "${period}"`;
  const weeks = DateTime.fromObject({ weekYear: year, weekNumber: 1 }, { zone: 'UTC' }).weeksInWeekYear;
  if (week < 1 || week > weeks) return `${year} has weeks 01 to ${weeks}, got "${period}"`;
  return null;
}

/** The period (ISO week or month, in `zone`) an instant falls in. */
export function periodOf(kind: 'weekly' | 'monthly', at: Date, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  return kind === 'weekly' ? `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}` : local.toFormat('yyyy-MM');
}

/** The meeting moment of `period` ('2026-W49' for a weekly series, '2026-12' for a monthly one). */
export function occurrenceAt(series: SeriesTiming, period: string, zone: string): Date {
  const problem = periodProblem(series.kind, period);
  if (problem) throw invalid([{ field: 'period', problem }]);
  const time = HHMM.exec(series.local_time);
  if (!time) throw invalid([{ field: 'local_time', problem: `must be HH:MM (24 h), got "${series.local_time}"` }]);
  if (!Number.isInteger(series.weekday) || series.weekday < 1 || series.weekday > 7) {
    throw invalid([{ field: 'weekday', problem: 'must be 1 (Monday) to 7 (Sunday)' }]);
  }
  const day = series.kind === 'weekly' ? weekDay(series.weekday, period, zone) : monthDay(series, period, zone);
  return wallClock(day, Number(time[1]), Number(time[2]), zone);
}

/** The first occurrence strictly after `after`, with its period. */
export function nextOccurrence(series: SeriesTiming, after: Date, zone: string): { period: string; at: Date } {
  // The occurrence of the period `after` falls in is either still ahead or passed; the next
  // period's is always ahead (each occurrence lies inside its own period, in the zone).
  let period = periodOf(series.kind, after, zone);
  for (let i = 0; i < 3; i++) {
    const at = occurrenceAt(series, period, zone);
    if (at.getTime() > after.getTime()) return { period, at };
    period = shiftPeriod(series.kind, period, 1);
  }
  /* c8 ignore next */
  throw new Error(`no occurrence found after ${after.toISOString()}`);
}

/** The period `n` weeks or months from `period`. */
export function shiftPeriod(kind: 'weekly' | 'monthly', period: string, n: number): string {
  if (kind === 'monthly') {
    const d = DateTime.fromFormat(period, 'yyyy-MM', { zone: 'UTC' }).plus({ months: n });
    return d.toFormat('yyyy-MM');
  }
  const m = WEEK_PERIOD.exec(period)!;
  const d = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 4 }, { zone: 'UTC' }).plus({ weeks: n });
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

interface LocalDay {
  year: number;
  month: number;
  day: number;
}

function weekDay(weekday: number, period: string, zone: string): LocalDay {
  const m = WEEK_PERIOD.exec(period)!;
  const d = DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: weekday as WeekdayNumbers }, { zone: 'UTC' });
  return { year: d.year, month: d.month, day: d.day };
}

function monthDay(series: SeriesTiming, period: string, zone: string): LocalDay {
  const n = series.week_of_month;
  if (n === null || !Number.isInteger(n) || n < 1 || n > 5) {
    throw invalid([{ field: 'week_of_month', problem: 'a monthly series needs 1–4 (the nth weekday of the month) or 5 (the last)' }]);
  }
  const first = DateTime.fromFormat(period, 'yyyy-MM', { zone: 'UTC' });
  if (n === 5) {
    const last = first.endOf('month').startOf('day');
    const d = last.minus({ days: (last.weekday - series.weekday + 7) % 7 });
    return { year: d.year, month: d.month, day: d.day };
  }
  const d = first.plus({ days: (series.weekday - first.weekday + 7) % 7 + (n - 1) * 7 });
  return { year: d.year, month: d.month, day: d.day };
}

/** Wall-clock minutes since the epoch that `ms` shows in `zone` (the zone's local time read as if UTC). */
function wallOf(ms: number, zone: string): number {
  const d = DateTime.fromMillis(ms, { zone });
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute);
}

/** The instant the clock in `zone` shows day at hour:minute, with the gap and overlap rules above. */
function wallClock(day: LocalDay, hour: number, minute: number, zone: string): Date {
  const wanted = Date.UTC(day.year, day.month - 1, day.day, hour, minute);
  let ms = DateTime.fromObject({ ...day, hour, minute }, { zone }).toMillis();
  // Overlap: the same wall time earlier, with the offset in force a few hours before.
  const offsetBefore = DateTime.fromMillis(ms - 3 * 60 * MINUTE, { zone }).offset;
  const earlier = wanted - offsetBefore * MINUTE;
  if (earlier < ms && wallOf(earlier, zone) === wanted) ms = earlier;
  // Gap: luxon lands past the jump by the gap's size; step back to the jump itself.
  if (wallOf(ms, zone) !== wanted) {
    while (wallOf(ms - MINUTE, zone) >= wanted) ms -= MINUTE;
  }
  return new Date(ms);
}
