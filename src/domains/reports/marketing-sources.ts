import type { Db } from '../../db/client.js';
import { pageAssetsSql, otherAssetsSql } from './queries/assets-report.js';
import { sourcesReportSql, sourcesVisitorsSql } from './queries/sources-report.js';
import type { ReportWindow } from './report-window.js';
import { decodeCursor, encodeCursor } from '../crm/list-query.js';
import { isSortKey, pageAfter, type SortKey } from './report-page.js';

/** A page of a report's lists: `limit` rows each (null: all of them) after the `cursor` a previous page gave. */
export interface ReportPage {
  limit?: number | null;
  cursor?: string;
}

/** The first page the API answers when no limit is asked for. */
export const defaultReportPageSize = 100;

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

/**
 * What the source reports (sources, the marketing report's channels) group by: the channel, or the
 * channel and its source detail (a visit's source; a contact's declared words or first source).
 */
export const sourceDimensions = ['channel', 'source_detail'] as const;
export type SourceDimension = (typeof sourceDimensions)[number];

/**
 * Visits, new contacts and customers by channel (or by channel and source detail: each row then
 * has `detail`) in the window, the rows a page at a time (most visits first; `page.limit` null:
 * all of them); the total is always the whole window's.
 */
export async function sourcesReport(db: Db, w: ReportWindow, page: ReportPage = { limit: null }, dimension: SourceDimension = 'channel') {
  const byDetail = dimension === 'source_detail';
  const [found, [distinct]] = await Promise.all([
    db.query<{ channel: string; detail: string; visits: number; visitors: number; contacts: number; customers: number }>(sourcesReportSql, [w.from, w.to, byDetail]),
    db.query<{ visitors: number }>(sourcesVisitorsSql, [w.from, w.to]),
  ]);
  const rows = found.map(({ channel, detail, ...r }) => (byDetail ? { channel, detail, ...r } : { channel, ...r }) as typeof r & { channel: string; detail?: string });
  // Visitors are not summed across channels: one person can arrive by several.
  const total = rows.reduce((t, r) => ({ ...t, visits: t.visits + r.visits, contacts: t.contacts + r.contacts, customers: t.customers + r.customers }), { visits: 0, visitors: distinct!.visitors, contacts: 0, customers: 0 });
  const after = page.cursor ? decodeCursor<{ c: SortKey }>(page.cursor, (c) => isSortKey(c.c, 4)).c : null;
  const { rows: channels, next } = pageAfter(rows, (r) => [r.visits, r.contacts, r.channel, r.detail ?? ''], [true, true, false, false], after, page.limit ?? null);
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    dimension,
    channels: channels.map((r) => ({ ...r, visit_to_contact: ratio(r.contacts, r.visits), contact_to_customer: ratio(r.customers, r.contacts) })),
    total: { ...total, visit_to_contact: ratio(total.contacts, total.visits), contact_to_customer: ratio(total.customers, total.contacts) },
    next_cursor: next ? encodeCursor({ c: next }) : null,
  };
}

/** Where a page of the assets report ends in each of its two lists: the last key given, or 'end'. */
interface AssetsCursor {
  p: SortKey | 'end';
  o: SortKey | 'end';
}

/**
 * Landing pages (most viewed first) and the other assets (forms, CTAs, content, webinars; most
 * events first) used in the window, `page.limit` of each list per page (null: all of them).
 */
export async function assetsReport(db: Db, w: ReportWindow, page: ReportPage = { limit: defaultReportPageSize }) {
  const [pages, others] = await Promise.all([
    db.query<{ id: number; path: string; name: string | null; views: number; visitors: number; submissions: number; submitters: number }>(pageAssetsSql, [w.from, w.to]),
    db.query<{ id: number; kind: string; key: string; name: string | null; events: number; submissions: number; cta_views: number; cta_clicks: number; downloads: number; registrations: number; attendances: number; contacts: number }>(otherAssetsSql, [w.from, w.to]),
  ]);
  const valid = (k: unknown) => k === 'end' || isSortKey(k, 2);
  const at: AssetsCursor = page.cursor ? decodeCursor<AssetsCursor>(page.cursor, (c) => valid(c.p) && valid(c.o)) : { p: [], o: [] };
  const limit = page.limit ?? null;
  const slice = <T,>(rows: T[], key: (r: T) => SortKey, after: SortKey | 'end') =>
    after === 'end' ? { rows: [] as T[], next: null } : pageAfter(rows, key, [true, false], after.length ? after : null, limit);
  const p = slice(pages, (r) => [r.views, r.id], at.p);
  const o = slice(others, (r) => [r.events, r.id], at.o);
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    // Landing-page conversion: visitors who converted on the page ÷ visitors of the page.
    pages: p.rows.map((x) => ({ ...x, conversion_rate: ratio(x.submitters, x.visitors) })),
    forms: o.rows.filter((x) => x.kind === 'form').map(({ id, key, name, submissions, contacts }) => ({ id, key, name, submissions, contacts })),
    ctas: o.rows.filter((x) => x.kind === 'cta').map(({ id, key, name, cta_views, cta_clicks }) => ({ id, key, name, views: cta_views, clicks: cta_clicks, click_rate: ratio(cta_clicks, cta_views) })),
    content: o.rows.filter((x) => x.kind === 'content').map(({ id, key, name, downloads, contacts }) => ({ id, key, name, downloads, contacts })),
    webinars: o.rows.filter((x) => x.kind === 'webinar').map(({ id, key, name, registrations, attendances }) => ({ id, key, name, registrations, attendances, attendance_rate: ratio(attendances, registrations) })),
    next_cursor: p.next || o.next ? encodeCursor({ p: p.next ?? 'end', o: o.next ?? 'end' } satisfies AssetsCursor) : null,
  };
}
