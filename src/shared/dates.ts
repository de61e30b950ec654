import { z } from 'zod';

// The dates anyone may give us, in bodies, filters, report windows and imports. Outside these
// years a date is a typo (0202 for 2020), and at the edges the tools disagree: PostgreSQL has no
// year 0, JavaScript writes year 10000 as "+010000", and `new Date('2026-02-30')` quietly means
// 2 March. Inside them every day is a real calendar day that both sides read the same.
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;
const rangeProblem = `must be between ${FIRST_YEAR}-01-01 and ${LAST_YEAR}-12-31`;

const dayPattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthPattern = /^(\d{4})-(\d{2})$/;
// The calendar part of an ISO 8601 date-time, to check before Date parses (and rolls) it.
const isoDatePrefix = /^([+-]?\d{4,6})-(\d{2})-(\d{2})(?=$|[T ])/;

const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysInMonth = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const realDay = (y: number, m: number, d: number) => m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
const inYears = (y: number) => y >= FIRST_YEAR && y <= LAST_YEAR;

/** Why a `YYYY-MM-DD` day is refused, or null: the format, a day the calendar has, the years. */
export function dayProblem(v: string): string | null {
  const m = dayPattern.exec(v);
  if (!m) return 'must be a date YYYY-MM-DD, e.g. 2026-03-31';
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (!realDay(y, mo, d)) return `"${v}" is not a day of the calendar`;
  return inYears(y) ? null : rangeProblem;
}

/** Why a `YYYY-MM` month is refused, or null. */
export function monthProblem(v: string): string | null {
  const m = monthPattern.exec(v);
  const mo = Number(m?.[2]);
  if (!m || mo < 1 || mo > 12) return `"${v}" is not a month; use YYYY-MM, e.g. 2026-03`;
  return inYears(Number(m[1])) ? null : `must be between ${FIRST_YEAR}-01 and ${LAST_YEAR}-12, got "${v}"`;
}

/** Why an instant is refused, or null: it must be a date, within the years (UTC). */
export function instantProblem(d: Date): string | null {
  if (Number.isNaN(d.getTime())) return 'must be a date-time such as 2026-03-31T09:00:00Z, or a date 2026-03-31';
  return inYears(d.getUTCFullYear()) ? null : rangeProblem;
}

/**
 * A date or date-time given as text (filters, imports): ISO 8601 whose calendar day exists,
 * within the years. A string Date would read differently (a roll-over, a local time) is refused.
 */
export function parseInstant(v: string): Date | string {
  const m = isoDatePrefix.exec(v.trim());
  if (m && !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return `"${v.slice(0, 40)}" is not a day of the calendar`;
  const d = new Date(v);
  return instantProblem(d) ?? d;
}

/**
 * Whether text is an instant PostgreSQL and JavaScript read alike (a real calendar day, years 1 to
 * 9999): for values this app wrote itself, such as a list cursor's position, which may hold a
 * date older than people may type (an event's timestamp) but must still bind as a timestamptz.
 */
export function isReadableInstant(v: string): boolean {
  const m = isoDatePrefix.exec(v.trim());
  if (m && !realDay(Number(m[1]), Number(m[2]), Number(m[3]))) return false;
  const d = new Date(v);
  const y = d.getUTCFullYear();
  return !Number.isNaN(d.getTime()) && y >= 1 && y <= 9999;
}

/** zod: a `YYYY-MM-DD` day, checked by dayProblem. */
export const calendarDay = () =>
  z.string().superRefine((v, ctx) => {
    const problem = dayProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/**
 * zod: an instant, as z.coerce.date() takes it (ISO text, epoch milliseconds, a Date), with
 * ISO calendar days checked first and the result kept within the years.
 */
export const instant = () =>
  z.preprocess((v, ctx) => {
    if (typeof v === 'string') {
      const d = parseInstant(v);
      if (typeof d === 'string') ctx.addIssue({ code: 'custom', message: d, input: v });
      return d;
    }
    if (typeof v === 'number' || v instanceof Date) {
      const d = new Date(v);
      const problem = instantProblem(d);
      if (problem) ctx.addIssue({ code: 'custom', message: problem, input: v });
      return d;
    }
    ctx.addIssue({ code: 'custom', message: 'must be a date-time such as 2026-03-31T09:00:00Z, or a date 2026-03-31', input: v });
    return v;
  }, z.date());
