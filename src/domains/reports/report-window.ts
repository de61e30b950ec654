import { invalid } from '../../shared/errors.js';

export interface ReportWindow {
  from: Date;
  /** Exclusive. */
  to: Date;
}

const day = /^\d{4}-\d{2}-\d{2}$/;
const month = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * A report window from query parameters: `month=YYYY-MM`, or `from`/`to` dates (to inclusive),
 * or by default the `defaultDays` (30) days up to now.
 */
export function reportWindow(q: { month?: string; from?: string; to?: string }, now: Date, defaultDays = 30): ReportWindow {
  if (q.month) {
    const m = month.exec(q.month);
    if (!m) throw invalid([{ field: 'month', problem: `"${q.month}" is not a month; use YYYY-MM, e.g. 2026-03` }]);
    const from = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1));
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
