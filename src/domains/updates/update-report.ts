import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { deliveryStatuses, updateStatuses } from './update-content.js';
import { lastSentSql, linkClicksSql, recipientEngagementSql, type RecipientEngagementRow } from './queries/update-report.js';
import { getUpdate, isoWeekOf, updateStats } from './weekly-updates.js';
import { formatValue } from '../rituals/render/format-value.js';

/** What each figure means, for the report's labels (docs/weekly-update.md, "The report"). */
export const engagementDefinitions = {
  delivered: 'Emails the mail server accepted. Copies kept in the outbox (no mail server set up) or that failed are not delivered.',
  open_rate: 'Open rate: unique openers ÷ delivered. An opener loaded the images or clicked a link; mail-scanner hits never count.',
  ctr: 'Click-through rate: unique clickers ÷ delivered. Mail-scanner clicks never count.',
} as const;
const definitionsOut = z.object({ delivered: z.string(), open_rate: z.string(), ctr: z.string() });

/**
 * The guide's advice on a falling click-through rate (paraphrased from its "weekly product
 * update" section): shown next to the flag.
 */
export const fallingCtrAdvice =
  'Fewer sales reps are clicking through: the update is becoming less useful to them. Refresh its format, or change what you share so it helps sales more. ' +
  'The clicks per link show which items reps read and which they ignore; keep it short, since reps are busy and skip long reports.';

/** The falling-CTR rules: this many drops in a row, or the latest CTR this far below the average of the issues before it. */
export const FALLING_IN_A_ROW = 3;
export const AVERAGE_ISSUES = 8;
export const DEFAULT_MARGIN_POINTS = 5;
/** The average needs at least this many earlier issues to mean something. */
const MIN_AVERAGE_ISSUES = 3;

const rate = (n: number, of: number) => (of ? n / of : null);
// As the tables beside the warning print rates ("50.0%"), so the reasons read like the figures.
const pct = (r: number) => formatValue(r, 'percent');

export const updateReportOut = z.object({
  id: z.number(),
  subject: z.string(),
  week: z.string(),
  status: z.enum(updateStatuses),
  sent_at: z.date().nullable(),
  recipients: z.number(),
  delivered: z.number(),
  unique_opens: z.number(),
  open_rate: z.number().nullable(),
  unique_clicks: z.number(),
  ctr: z.number().nullable(),
  /** Hits stored but not counted: mail scanners and link checkers. */
  scanner_hits: z.number(),
  /** Every link of the email, clicked or not (an ignored item is news too). */
  links: z.array(z.object({
    url: z.string(),
    title: z.string().nullable(),
    section: z.enum(['promotion', 'product_update']).nullable(),
    clicks: z.number(),
    unique_clickers: z.number(),
    /** unique_clickers ÷ delivered. */
    ctr: z.number().nullable(),
  })),
  people: z.array(z.object({
    user_id: z.number(),
    name: z.string(),
    email: z.string(),
    status: z.enum(deliveryStatuses),
    sent_at: z.date().nullable(),
    opened: z.boolean(),
    opens: z.number(),
    /** First counted open or click. */
    first_opened_at: z.date().nullable(),
    clicks: z.number(),
    first_clicked_at: z.date().nullable(),
    scanner_hits: z.number(),
  })),
  definitions: definitionsOut,
});
export type UpdateReport = z.output<typeof updateReportOut>;

/** One update's engagement: headline rates, clicks per link, one line per recipient. */
export async function updateReport(db: Db, id: number): Promise<UpdateReport> {
  const u = await getUpdate(db, id);
  const stats = (await updateStats(db, [id])).get(id)!;
  const people = await db.query<RecipientEngagementRow>(recipientEngagementSql, [id]);
  const clicked = new Map((await db.query<{ url: string; clicks: number; unique_clickers: number }>(linkClicksSql, [id])).map((l) => [l.url, l]));
  const links = new Map<string, { title: string | null; section: 'promotion' | 'product_update' | null }>();
  for (const p of u.promotions) if (p.url && !links.has(p.url)) links.set(p.url, { title: p.title, section: 'promotion' });
  for (const p of u.product_updates) if (p.url && !links.has(p.url)) links.set(p.url, { title: p.title, section: 'product_update' });
  for (const url of clicked.keys()) if (!links.has(url)) links.set(url, { title: null, section: null });
  return {
    id: u.id, subject: u.subject, week: u.week, status: u.status, sent_at: u.sent_at,
    ...stats,
    scanner_hits: people.reduce((s, p) => s + p.scanner_hits, 0),
    links: [...links].map(([url, l]) => {
      const c = clicked.get(url);
      return { url, ...l, clicks: c?.clicks ?? 0, unique_clickers: c?.unique_clickers ?? 0, ctr: rate(c?.unique_clickers ?? 0, stats.delivered) };
    }).sort((a, b) => b.unique_clickers - a.unique_clickers || b.clicks - a.clicks),
    people: people.map((p) => ({ ...p, opened: p.first_opened_at !== null })),
    definitions: engagementDefinitions,
  };
}

export const ctrFlagOut = z.object({
  falling: z.boolean(),
  /** Why, in words, one line per rule that fired. */
  reasons: z.array(z.string()),
  /** The guide's advice, when falling. */
  advice: z.string().nullable(),
});
export type CtrFlag = z.output<typeof ctrFlagOut>;

/**
 * Whether the click-through rate is falling, over the issues' CTRs oldest first (issues that
 * delivered nothing have none and are skipped): it dropped FALLING_IN_A_ROW issues in a row, or the
 * latest is more than `marginPoints` percentage points below the average of the AVERAGE_ISSUES
 * issues before it.
 */
export function ctrFlag(ctrs: readonly (number | null)[], marginPoints = DEFAULT_MARGIN_POINTS): CtrFlag & { average: number | null } {
  const c = ctrs.filter((x): x is number => x !== null);
  const reasons: string[] = [];
  const run = c.slice(-(FALLING_IN_A_ROW + 1));
  if (run.length === FALLING_IN_A_ROW + 1 && run.every((x, i) => i === 0 || x < run[i - 1]!)) {
    reasons.push(`The click-through rate fell ${FALLING_IN_A_ROW} issues in a row: ${run.map(pct).join(' → ')}.`);
  }
  const before = c.slice(-(AVERAGE_ISSUES + 1), -1);
  const average = before.length >= MIN_AVERAGE_ISSUES ? before.reduce((s, x) => s + x, 0) / before.length : null;
  const latest = c[c.length - 1];
  if (average !== null && latest !== undefined && latest < average - marginPoints / 100) {
    reasons.push(`The latest click-through rate (${pct(latest)}) is more than ${marginPoints} points below the average of the ${before.length} issues before it (${pct(average)}).`);
  }
  return { falling: reasons.length > 0, reasons, advice: reasons.length ? fallingCtrAdvice : null, average };
}

export const trendQuery = z.strictObject({
  issues: z.coerce.number().int('must be a whole number').min(2, 'must be at least 2').max(52, 'must be at most 52').optional(),
  margin: z.coerce.number().min(0, 'must be between 0 and 100 percentage points').max(100, 'must be between 0 and 100 percentage points').optional(),
});

export const updateTrendOut = z.object({
  /** The last sent issues, oldest first. */
  issues: z.array(z.object({
    id: z.number(),
    subject: z.string(),
    week: z.string(),
    sent_at: z.date(),
    delivered: z.number(),
    unique_opens: z.number(),
    open_rate: z.number().nullable(),
    unique_clicks: z.number(),
    ctr: z.number().nullable(),
  })),
  /** Average CTR of the issues before the latest (up to AVERAGE_ISSUES), the flag's yardstick. */
  average_ctr: z.number().nullable(),
  flag: ctrFlagOut,
  rules: z.object({ falling_in_a_row: z.number(), average_issues: z.number(), margin_points: z.number() }),
  definitions: definitionsOut,
});
export type UpdateTrend = z.output<typeof updateTrendOut>;

/** Open rate and CTR of the last `issues` sent updates (default 12), and the falling-CTR flag. */
export async function updateTrend(db: Db, opts: { issues?: number; margin?: number } = {}): Promise<UpdateTrend> {
  const shown = opts.issues ?? 12;
  const margin = opts.margin ?? DEFAULT_MARGIN_POINTS;
  // The flag looks at the average's issues too, even when fewer are shown.
  const rows = (await db.query<{ id: number; subject: string; week_start: string; sent_at: Date }>(lastSentSql, [Math.max(shown, AVERAGE_ISSUES + 1)])).reverse();
  const stats = await updateStats(db, rows.map((r) => r.id));
  const all = rows.map((r) => {
    const s = stats.get(r.id)!;
    return { id: r.id, subject: r.subject, week: isoWeekOf(r.week_start), sent_at: r.sent_at, delivered: s.delivered, unique_opens: s.unique_opens, open_rate: s.open_rate, unique_clicks: s.unique_clicks, ctr: s.ctr };
  });
  const { average, ...flag } = ctrFlag(all.map((i) => i.ctr), margin);
  return {
    issues: all.slice(-shown),
    average_ctr: average,
    flag,
    rules: { falling_in_a_row: FALLING_IN_A_ROW, average_issues: AVERAGE_ISSUES, margin_points: margin },
    definitions: engagementDefinitions,
  };
}
