import type { Db } from '../../db/client.js';
import { pageAssetsSql, otherAssetsSql } from './queries/assets-report.js';
import { sourcesReportSql, sourcesVisitorsSql } from './queries/sources-report.js';
import type { ReportWindow } from './report-window.js';

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export async function sourcesReport(db: Db, w: ReportWindow) {
  const [rows, [distinct]] = await Promise.all([
    db.query<{ channel: string; visits: number; visitors: number; contacts: number; customers: number }>(sourcesReportSql, [w.from, w.to]),
    db.query<{ visitors: number }>(sourcesVisitorsSql, [w.from, w.to]),
  ]);
  // Visitors are not summed across channels: one person can arrive by several.
  const total = rows.reduce((t, r) => ({ ...t, visits: t.visits + r.visits, contacts: t.contacts + r.contacts, customers: t.customers + r.customers }), { visits: 0, visitors: distinct!.visitors, contacts: 0, customers: 0 });
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    channels: rows.map((r) => ({ ...r, visit_to_contact: ratio(r.contacts, r.visits), contact_to_customer: ratio(r.customers, r.contacts) })),
    total: { ...total, visit_to_contact: ratio(total.contacts, total.visits), contact_to_customer: ratio(total.customers, total.contacts) },
  };
}

export async function assetsReport(db: Db, w: ReportWindow, limit = 100) {
  const [pages, others] = await Promise.all([
    db.query<{ id: number; path: string; name: string | null; views: number; visitors: number; submissions: number; submitters: number }>(pageAssetsSql, [w.from, w.to, limit]),
    db.query<{ id: number; kind: string; key: string; name: string | null; submissions: number; cta_views: number; cta_clicks: number; downloads: number; registrations: number; attendances: number; contacts: number }>(otherAssetsSql, [w.from, w.to, limit]),
  ]);
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    // Landing-page conversion: visitors who converted on the page ÷ visitors of the page.
    pages: pages.map((p) => ({ ...p, conversion_rate: ratio(p.submitters, p.visitors) })),
    forms: others.filter((o) => o.kind === 'form').map(({ id, key, name, submissions, contacts }) => ({ id, key, name, submissions, contacts })),
    ctas: others.filter((o) => o.kind === 'cta').map(({ id, key, name, cta_views, cta_clicks }) => ({ id, key, name, views: cta_views, clicks: cta_clicks, click_rate: ratio(cta_clicks, cta_views) })),
    content: others.filter((o) => o.kind === 'content').map(({ id, key, name, downloads, contacts }) => ({ id, key, name, downloads, contacts })),
    webinars: others.filter((o) => o.kind === 'webinar').map(({ id, key, name, registrations, attendances }) => ({ id, key, name, registrations, attendances, attendance_rate: ratio(attendances, registrations) })),
  };
}
