// How report pages read their window from the URL. The meeting packs link every figure to its page
// with the window it was computed for (`?from=YYYY-MM-DD&to=YYYY-MM-DD`, days included, or
// `?month=YYYY-MM`), and a window picked on a page is written back there so it survives a reload
// and can be shared. Nothing here touches React or the DOM, and it imports nothing: the browser
// tests' unit part imports it as it is.

/** Two calendar days, `YYYY-MM-DD`, both included. */
export interface DayRange {
  from: string;
  to: string;
}

/** Why the window in a link cannot be shown; format.ts says it in words. */
export type WindowProblem =
  | { kind: 'not_a_day'; value: string }
  | { kind: 'not_a_month'; value: string }
  | { kind: 'half_range'; given: 'from' | 'to' }
  | { kind: 'reversed'; from: string; to: string };

type Get = (key: string) => string | null;

// The server's years (src/shared/dates.ts): outside them it refuses a day, so the page says so first.
const FIRST_YEAR = 1900;
const LAST_YEAR = 2999;
const dayRe = /^(\d{4})-(\d{2})-(\d{2})$/;
const monthRe = /^(\d{4})-(\d{2})$/;

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** A day the calendar has, within the years the server takes. */
export function isDay(v: string): boolean {
  const m = dayRe.exec(v);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return y >= FIRST_YEAR && y <= LAST_YEAR && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo);
}

export function isMonth(v: string): boolean {
  const m = monthRe.exec(v);
  if (!m) return false;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  return y >= FIRST_YEAR && y <= LAST_YEAR && mo >= 1 && mo <= 12;
}

/** `YYYY-MM-DD` of a date, in the browser's time zone (what a date input shows). */
export const localDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/** `YYYY-MM` of a date, in the browser's time zone. */
export const localMonth = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}`;

/** The first and last day of a month `YYYY-MM`. */
export function monthDays(month: string): DayRange {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { from: `${month}-01`, to: `${month}-${pad(daysIn(y, m))}` };
}

/** The day after `YYYY-MM-DD`. */
export function nextDay(day: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

/** The `n` days up to and including `today` (browser time), as the API's inclusive from/to days. */
export function lastDays(today: Date, n: number): DayRange {
  return { from: localDay(new Date(today.getFullYear(), today.getMonth(), today.getDate() - (n - 1))), to: localDay(today) };
}

/** The 30 days up to and including `today` (browser time). */
export const last30Days = (today: Date): DayRange => lastDays(today, 30);

/**
 * The month before `today`'s: a monthly report opens on it, because the running month's figures are
 * partial and read as a bad month when they are only an early one.
 */
export const lastCompleteMonth = (today: Date) => localMonth(new Date(today.getFullYear(), today.getMonth() - 1, 1));

/** The running quarter to `today`, or the whole quarter before it. */
export function quarterDays(today: Date, which: 'this' | 'last'): DayRange {
  const first = Math.floor(today.getMonth() / 3) * 3 - (which === 'last' ? 3 : 0);
  const start = new Date(today.getFullYear(), first, 1);
  if (which === 'this') return { from: localDay(start), to: localDay(today) };
  return { from: localDay(start), to: localDay(new Date(today.getFullYear(), first + 3, 0)) };
}

/**
 * The day range of a link, or null when it names none (neither `from` nor `to`). A range with one
 * end, a day the calendar does not have, or an end before the start comes back with its problem.
 */
export function parseDayRange(get: Get): { range: DayRange; problem: WindowProblem | null } | null {
  const from = get('from');
  const to = get('to');
  if (from === null && to === null) return null;
  const range = { from: from ?? '', to: to ?? '' };
  return { range, problem: rangeProblem(range, isDay, 'not_a_day') };
}

function rangeProblem(r: DayRange, ok: (v: string) => boolean, kind: 'not_a_day' | 'not_a_month'): WindowProblem | null {
  if (!r.from || !r.to) return { kind: 'half_range', given: r.from ? 'from' : 'to' };
  for (const v of [r.from, r.to]) if (!ok(v)) return { kind, value: v };
  // Days (and months) as text sort like the calendar.
  return r.from > r.to ? { kind: 'reversed', from: r.from, to: r.to } : null;
}

export type ReportWindowMode = 'month' | 'last7' | 'last30' | 'last90' | 'this-quarter' | 'last-quarter' | 'range';

/** The rolling windows a link names with `period=`, the days they cover from today. */
export const rollingPeriods: Record<string, { mode: Exclude<ReportWindowMode, 'month' | 'range'>; days: (today: Date) => DayRange }> = {
  '7d': { mode: 'last7', days: (t) => lastDays(t, 7) },
  '30d': { mode: 'last30', days: (t) => lastDays(t, 30) },
  '90d': { mode: 'last90', days: (t) => lastDays(t, 90) },
  'this-quarter': { mode: 'this-quarter', days: (t) => quarterDays(t, 'this') },
  'last-quarter': { mode: 'last-quarter', days: (t) => quarterDays(t, 'last') },
};

/** The `period=` value of a rolling mode. */
export const periodParam = (mode: ReportWindowMode): string | null => Object.entries(rollingPeriods).find(([, p]) => p.mode === mode)?.[0] ?? null;

export interface ParsedReportWindow {
  mode: ReportWindowMode;
  /**
   * The month the month view shows: the link's, else the last complete one. Seen from a range, the
   * month the range ends in, so "Month" after a pack's week opens that week's month.
   */
  month: string;
  /** Inclusive days: the link's range, or the rolling window's; null in the month view. */
  range: DayRange | null;
  problem: WindowProblem | null;
  /** The link named a window (month, range or rolling period) rather than leaving the page's default, the last complete month. */
  explicit: boolean;
}

/**
 * The window of a report page that reads a month, a rolling window or any days (sources, assets,
 * the SLA by rep): `from`/`to` win over `period=` (7d, 30d, 90d, this-quarter, last-quarter),
 * which wins over `month`; nothing is the last complete month. `today` is the browser's now.
 */
export function parseReportWindow(get: Get, today: Date): ParsedReportWindow {
  const fallback = lastCompleteMonth(today);
  const explicit = ['from', 'to', 'month', 'period'].some((k) => get(k) !== null);
  const days = parseDayRange(get);
  if (days) return { mode: 'range', month: days.problem ? fallback : days.range.to.slice(0, 7), range: days.range, problem: days.problem, explicit };
  const month = get('month') ?? fallback;
  const period = get('period') ?? '';
  const rolling = Object.hasOwn(rollingPeriods, period) ? rollingPeriods[period] : undefined;
  if (rolling) return { mode: rolling.mode, month: isMonth(month) ? month : fallback, range: rolling.days(today), problem: null, explicit };
  return { mode: 'month', month, range: null, problem: isMonth(month) ? null : { kind: 'not_a_month', value: month }, explicit };
}

/** The API's query for a parsed window: its month, or its days. */
export const windowQuery = (w: ParsedReportWindow): { month: string } | { from: string; to: string } => (w.range ? { from: w.range.from, to: w.range.to } : { month: w.month });

export interface FunnelRange {
  /** Whole months (the page's month inputs), or days (a weekly pack's link). */
  unit: 'month' | 'day';
  /** `YYYY-MM` for months, `YYYY-MM-DD` for days, as the funnel API takes them. */
  from: string;
  to: string;
  problem: WindowProblem | null;
}

/**
 * The funnel page's creation window: `from`/`to` months (the page's own inputs, the monthly pack),
 * or days (the weekly pack; a month at one end then stands for its first or last day), or `month`
 * alone; nothing is the twelve months to the current one.
 */
export function parseFunnelRange(get: Get, today: Date): FunnelRange {
  const from = get('from');
  const to = get('to');
  if (from === null && to === null) {
    const month = get('month');
    if (month !== null) return { unit: 'month', from: month, to: month, problem: isMonth(month) ? null : { kind: 'not_a_month', value: month } };
    return { unit: 'month', from: localMonth(new Date(today.getFullYear(), today.getMonth() - 11, 1)), to: localMonth(today), problem: null };
  }
  const r = { from: from ?? '', to: to ?? '' };
  // Months unless a day is given: an emptied month input is a month range with a problem, not days.
  if (!dayRe.test(r.from) && !dayRe.test(r.to)) return { unit: 'month', ...r, problem: rangeProblem(r, isMonth, 'not_a_month') };
  const days = { from: isMonth(r.from) ? monthDays(r.from).from : r.from, to: isMonth(r.to) ? monthDays(r.to).to : r.to };
  return { unit: 'day', ...days, problem: rangeProblem(days, isDay, 'not_a_day') };
}

// One formatter per zone: building one is the slow part.
const zoneParts = new Map<string, Intl.DateTimeFormat>();

/** How far `zone`'s wall clock is ahead of UTC at the instant `at` (ms), to the second. */
function zoneOffset(at: number, zone: string): number {
  let f = zoneParts.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    zoneParts.set(zone, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(at)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!) - Math.floor(at / 1000) * 1000;
}

/**
 * The instant a day `YYYY-MM-DD` begins in the IANA `zone`: the workspace's, in which the server
 * counts report days, so a list filtered here agrees with the pack. Where the clocks jump at
 * midnight the day begins at the first minute it has, as the server's luxon has it.
 */
export function zoneDayStart(day: string, zone: string): Date {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(y, m - 1, d);
  // The zone's offsets around the day (a DST change comes at most once a day): each gives a candidate
  // instant; the day begins at the earliest one whose wall clock is not still on the day before.
  // A normal day has one exact candidate; a midnight skipped by a jump has none, and the earliest
  // after it is the jump; a midnight that happens twice is the first.
  const candidates = [-1, 0, 1].map((k) => wall - zoneOffset(wall + k * 86_400_000, zone));
  const begun = candidates.filter((c) => c + zoneOffset(c, zone) >= wall);
  return new Date(Math.min(...begun));
}

/** A day range as the instants the server filters on: from the first day's start to the start of the day after the last. */
export function zoneDayRange(r: DayRange, zone: string): { after: Date; before: Date } {
  return { after: zoneDayStart(r.from, zone), before: zoneDayStart(nextDay(r.to), zone) };
}
