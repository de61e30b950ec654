import type { Figure, PackDocument, ValueFormat } from '../pack-document.js';

/**
 * The one way a pack shows a number, shared by the page, the email, the PDF, the plain text and
 * the chart axes, so a figure reads the same everywhere. English formatting with a fixed locale
 * (not the server's), because the same pack is mailed to many readers: "€12,500", "42.5%",
 * "3.5 h", "12 days", "45 min", "1,234"; a missing value is "—".
 */

export const NO_VALUE = '—';

/** An empty table or list whose builder gave no `empty` sentence. */
export const NOTHING_TO_SHOW = 'Nothing to show.';

const LOCALE = 'en-US';
const moneyWhole = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', maximumFractionDigits: 0, minimumFractionDigits: 0 });
const moneyCents = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', maximumFractionDigits: 2, minimumFractionDigits: 2 });
const moneyCompact = new Intl.NumberFormat(LOCALE, { style: 'currency', currency: 'EUR', notation: 'compact', minimumFractionDigits: 0, maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat(LOCALE, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
const percentAxis = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
const number = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 });
const oneDecimal = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 1 });
const numberCompact = new Intl.NumberFormat(LOCALE, { notation: 'compact', maximumFractionDigits: 1 });

export interface FormatOptions {
  /** Chart axes whose numbers get long: "€12.5K" instead of "€12,500" (from 1,000 up, so one axis reads alike). */
  compact?: boolean;
}

export function formatValue(value: number | null | undefined, format: ValueFormat, opts: FormatOptions = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NO_VALUE;
  const compact = opts.compact === true && Math.abs(value) >= 1000;
  switch (format) {
    case 'money':
      if (compact) return moneyCompact.format(value);
      // Cents only where they matter: a cost per lead of €42.50 is not €43, a revenue of €12,500.40 is €12,500.
      return !Number.isInteger(value) && Math.abs(value) < 100 ? moneyCents.format(value) : moneyWhole.format(value);
    case 'percent':
      return (opts.compact ? percentAxis : percent).format(value);
    case 'hours':
      return `${oneDecimal.format(value)} h`;
    case 'days':
      return `${oneDecimal.format(value)} ${oneDecimal.format(value) === '1' ? 'day' : 'days'}`;
    case 'minutes':
      return `${oneDecimal.format(Math.round(value))} min`;
    case 'number':
      return compact ? numberCompact.format(value) : number.format(value);
  }
}

/** A count in a sentence: "1 lead", "1,204 leads" (`many` for an irregular plural). */
export const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString(LOCALE)} ${n === 1 ? one : many}`;

export type CellFormat = ValueFormat | 'text' | 'date';

/** A table cell: numbers by the column's format, dates in the document's time zone, text as it is. */
export function formatCell(cell: string | number | null, format: CellFormat, timeZone: string): string {
  if (cell === null) return NO_VALUE;
  if (format === 'date') return typeof cell === 'number' ? formatInstant(new Date(cell).toISOString(), timeZone) : formatDateText(cell, timeZone);
  if (typeof cell === 'string') return cell === '' ? NO_VALUE : cell;
  return format === 'text' ? number.format(cell) : formatValue(cell, format);
}

/** Right-aligned in tables. */
export const isNumericFormat = (format: CellFormat) => format !== 'text' && format !== 'date';

const zoneOrUtc = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return zone;
  } catch {
    return 'UTC';
  }
};

/** "2026-12-03" → "3 Dec 2026"; an instant → "3 Dec 2026, 17:00" in the zone; anything else as it is. */
export function formatDateText(v: string, timeZone: string): string {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (day) {
    const d = new Date(Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]), 12));
    return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(d);
  }
  return /^\d{4}-\d{2}-\d{2}T/.test(v) && !Number.isNaN(Date.parse(v)) ? formatInstant(v, timeZone) : v;
}

/** An instant in the workspace zone: "3 Dec 2026, 17:00". */
export function formatInstant(iso: string, timeZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: zoneOrUtc(timeZone),
  }).format(d);
}

/** "Generated 3 Dec 2026, 09:00 (Europe/Madrid)": the line every form ends with. */
export const generatedLine = (doc: PackDocument) => `Generated ${formatInstant(doc.generated_at, doc.time_zone)} (${doc.time_zone})`;

/** "38 min planned for a 35-minute meeting". */
export function agendaLine(agenda: NonNullable<PackDocument['agenda']>): string {
  return `${agenda.total_minutes} min planned for a ${agenda.duration_minutes}-minute meeting`;
}

/** The warning every form shows when the timeboxes do not fit the meeting. */
export function agendaWarning(agenda: PackDocument['agenda']): string | null {
  if (!agenda || agenda.over_by_minutes <= 0) return null;
  const m = agenda.over_by_minutes;
  return `The agenda runs ${m} ${m === 1 ? 'minute' : 'minutes'} over the ${agenda.duration_minutes}-minute meeting: shorten an item or move it to the next meeting.`;
}

/** "10 min · Ana Ruiz (marketing)": the timebox and presenter of a section, or '' when neither is set. */
export function sectionMeta(section: { minutes: number | null; presenter: string | null }): string {
  return [section.minutes !== null ? `${section.minutes} min` : null, section.presenter].filter(Boolean).join(' · ');
}

/** A path of the web app as a link that works from an email or a PDF. */
export function absoluteUrl(baseUrl: string, href: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${href}`;
}

/**
 * The line under a figure's value: the builder's detail, which names the target when it matters
 * ("of 60 target · projected 53"), else the bare target.
 */
export function figureDetail(f: Figure): string | null {
  if (f.detail !== undefined) return f.detail;
  return f.target !== null && f.target !== undefined ? `target ${formatValue(f.target, f.format)}` : null;
}

/** Cards per row: four read better as 2 × 2 than as 3 + 1. */
export const figuresPerRow = (count: number) => (count === 4 ? 2 : Math.min(3, Math.max(1, count)));

/** A text block's paragraphs (split at blank lines); single line breaks stay inside a paragraph. */
export function paragraphsOf(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

const toneWords = { good: 'on track', warning: 'at risk', bad: 'off track', neutral: '' } as const;

/**
 * For readers without colour (plain text, print in black and white): what a tone means. Rows and
 * list items only flag trouble (`flagOnly`): a highlight marked "on track" would read oddly.
 */
export const toneWord = (tone: keyof typeof toneWords | undefined, flagOnly = false) => (!tone || (flagOnly && tone === 'good') ? '' : toneWords[tone]);
