import { invalid } from '../../shared/errors.js';

export interface ReportWindow {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const day = /^\d{4}-\d{2}-\d{2}$/;
const month = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** First instant (UTC) of a `YYYY-MM` month; a bad value is refused naming the field. */
export function parseMonth(field: string, v: string): Date {
  const m = month.exec(v);
  if (!m) throw invalid([{ field, problem: `"${v}" is not a month; use YYYY-MM, e.g. 2026-03` }]);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
}

/**
 * The `YYYY-MM` month an instant falls in, e.g. the running month when a report is asked without
 * one. Report months are UTC today (as parseMonth reads them back); a per-account time zone would
 * change both together.
 */
export function monthOf(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/**
 * A report window from query parameters: `month=YYYY-MM`, or `from`/`to` dates (to inclusive),
 * or by default the `defaultDays` (30) days up to now.
 */
export function reportWindow(q: { month?: string; from?: string; to?: string }, now: Date, defaultDays = 30): ReportWindow {
  if (q.month) {
    const from = parseMonth('month', q.month);
    return { from, to: new Date(Date.UTC(from.getUTCFullYear(), from.getUTCMonth() + 1, 1)) };
  }
  const problems = [];
  if (q.from && !day.test(q.from)) problems.push({ field: 'from', problem: 'must be a date YYYY-MM-DD' });
  if (q.to && !day.test(q.to)) problems.push({ field: 'to', problem: 'must be a date YYYY-MM-DD' });
  if (problems.length) throw invalid(problems);
  const to = q.to ? new Date(Date.parse(`${q.to}T00:00:00Z`) + 86400_000) : now;
  const from = q.from ? new Date(`${q.from}T00:00:00Z`) : new Date(to.getTime() - defaultDays * 86400_000);
  if (from >= to) throw invalid([{ field: 'from', problem: 'must be before to' }]);
  return { from, to };
}
