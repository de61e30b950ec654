import { DateTime } from 'luxon';
import { dayProblem, monthProblem } from '../../shared/dates.js';
import { invalid } from '../../shared/errors.js';

export interface ReportWindow {
  from: Date;
  /** Exclusive. */
  to: Date;
}

// Report days and months are the workspace's (workspace-settings.ts; UTC until someone sets one):
// a Madrid team's "October" starts at midnight in Madrid, not at 02:00. Every function here takes
// the zone as an IANA name, already validated where it was saved.

const local = (y: number, m: number, d: number, zone: string) => DateTime.fromObject({ year: y, month: m, day: d }, { zone });

/** First instant of a `YYYY-MM` month in `zone`; a bad value (or a year out of range, shared/dates.ts) is refused naming the field. */
export function parseMonth(field: string, v: string, zone = 'UTC'): Date {
  const problem = monthProblem(v);
  if (problem) throw invalid([{ field, problem }]);
  const [y, m] = v.split('-').map(Number) as [number, number];
  return local(y, m, 1, zone).toJSDate();
}

/** The month as instants: its first moment and the next month's, in `zone`. */
export function monthBounds(v: string, zone = 'UTC', field = 'month'): ReportWindow {
  const from = parseMonth(field, v, zone);
  return { from, to: DateTime.fromJSDate(from, { zone }).plus({ months: 1 }).toJSDate() };
}

/** `YYYY-MM` shifted by n months. */
export function addMonths(v: string, n: number): string {
  const [y, m] = v.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/** The `YYYY-MM` month an instant falls in, in `zone` (e.g. the running month when a report is asked without one). */
export function monthOf(date: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM');
}

/** The `YYYY-MM-DD` day an instant falls in, in `zone`. */
export function dayOf(date: Date, zone = 'UTC'): string {
  return DateTime.fromJSDate(date, { zone }).toFormat('yyyy-MM-dd');
}

/** The days of a month in `zone`, each with its first instant and the next day's (23 or 25 hours on a DST change). */
export function daysOfMonth(v: string, zone = 'UTC'): { day: string; start: Date; end: Date; weekday: number }[] {
  const first = DateTime.fromJSDate(parseMonth('month', v, zone), { zone });
  return Array.from({ length: first.daysInMonth! }, (_, i) => {
    const d = first.plus({ days: i });
    // weekday like Date#getDay: 0 = Sunday.
    return { day: d.toFormat('yyyy-MM-dd'), start: d.toJSDate(), end: d.plus({ days: 1 }).toJSDate(), weekday: d.weekday % 7 };
  });
}

/** The days of a window in `zone` (the first one from where the window starts; a DST day 23 or 25 hours). */
export function daysOfWindow(w: ReportWindow, zone = 'UTC'): { day: string; start: Date; end: Date; weekday: number }[] {
  const out = [];
  for (let d = DateTime.fromJSDate(w.from, { zone }).startOf('day'); d.toJSDate() < w.to; d = d.plus({ days: 1 })) {
    out.push({ day: d.toFormat('yyyy-MM-dd'), start: d.toJSDate(), end: d.plus({ days: 1 }).toJSDate(), weekday: d.weekday % 7 });
  }
  return out;
}

/**
 * A report window from query parameters: `month=YYYY-MM`, or `from`/`to` dates (to inclusive),
 * or by default the `defaultDays` (30) days up to now. Days and months are `zone`'s.
 */
export function reportWindow(q: { month?: string; from?: string; to?: string }, now: Date, defaultDays = 30, zone = 'UTC'): ReportWindow {
  if (q.month) return monthBounds(q.month, zone);
  const problems = [];
  for (const field of ['from', 'to'] as const) {
    const problem = q[field] ? dayProblem(q[field]) : null;
    if (problem) problems.push({ field, problem });
  }
  if (problems.length) throw invalid(problems);
  const to = q.to ? dayStart(q.to, zone).plus({ days: 1 }).toJSDate() : now;
  const from = q.from ? dayStart(q.from, zone).toJSDate() : new Date(to.getTime() - defaultDays * 86400_000);
  if (from >= to) throw invalid([{ field: 'from', problem: 'must be before to' }]);
  return { from, to };
}

const dayStart = (v: string, zone: string) => DateTime.fromISO(v, { zone }).startOf('day');
