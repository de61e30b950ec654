import type { Db } from '../../db/client.js';
import { assetsReport, sourcesReport, type SourceDimension } from './marketing-sources.js';
import {
  campaignsSql, contentInfluenceSql, mqlsByChannelSql,
  type CampaignRow, type ContentInfluenceRow,
} from './queries/marketing-report.js';
import { addMonths, dayOf, monthBounds, type ReportWindow } from './report-window.js';
import { speedToLead } from './speed-to-lead.js';

/** a ÷ b, or null when b is 0 (or either is missing): never NaN or Infinity. */
const ratio = (a: number | null, b: number | null) => (a !== null && b !== null && b !== 0 && Number.isFinite(a / b) ? a / b : null);
const round2 = (v: number) => Math.round(v * 100) / 100;

export { followUpBuckets } from './speed-to-lead.js';

/** How many assets content influence lists at most. */
const influenceLimit = 100;

/**
 * The monthly marketing report (PRODUCT.md §6) for `month` ('YYYY-MM' in `zone`):
 * - channels: sourcesReport for the month (visits by their channel; contacts created in the month
 *   and the customers among them by original source) plus MQLs: contacts whose first move to MQL
 *   falls in the month, by original source (an imported MQL transition counts); with `dimension`
 *   source_detail, by channel and source detail (each row then has `detail`);
 * - campaigns: spend, visits, leads and their MQLs, customers and revenue (queries/marketing-report.ts
 *   defines each), cost per lead and per customer, ROI = (revenue − spend) ÷ spend, ranked by ROI
 *   (campaigns without spend last), then revenue, then leads;
 * - landing_pages and ctas: assetsReport for the month;
 * - content_influence: over contacts created in the 12 months up to the month's end, the share of
 *   customers who touched each asset before their sale against that of non-customers, and the lift;
 * - follow_up: speedToLead of the assignments made in the month (time to first touch, and what
 *   each bucket converted to).
 */
export async function marketingReport(db: Db, month: string, zone = 'UTC', dimension: SourceDimension = 'channel') {
  const w = monthBounds(month, zone);
  const { from, to } = w;
  const cohortFrom = monthBounds(addMonths(month, -11), zone).from;

  const [sources, assets, mqlRows, campaignRows, influenceRows, follow_up] = await Promise.all([
    sourcesReport(db, w, { limit: null }, dimension),
    assetsReport(db, w),
    db.query<{ channel: string; detail: string; mqls: number }>(mqlsByChannelSql, [from, to, dimension === 'source_detail']),
    db.query<CampaignRow>(campaignsSql, [from, to, dayOf(from, zone), dayOf(to, zone)]),
    db.query<ContentInfluenceRow>(contentInfluenceSql, [cohortFrom, to, influenceLimit]),
    speedToLead(db, from, to),
  ]);

  // Channels: every row of sourcesReport, plus those that only had MQLs this month.
  const keyOf = (r: { channel: string; detail?: string }) => `${r.channel}\u0000${r.detail ?? ''}`;
  const mqls = new Map(mqlRows.map((r) => [keyOf(dimension === 'source_detail' ? r : { channel: r.channel }), r]));
  const channels = sources.channels.map((c) => ({ ...c, mqls: mqls.get(keyOf(c))?.mqls ?? 0 }));
  const listed = new Set(channels.map(keyOf));
  for (const [key, r] of mqls) {
    if (!listed.has(key)) {
      const detail = dimension === 'source_detail' ? { detail: r.detail } : {};
      channels.push({ channel: r.channel, ...detail, visits: 0, visitors: 0, contacts: 0, customers: 0, mqls: r.mqls, visit_to_contact: null, contact_to_customer: null });
    }
  }
  const total = { ...sources.total, mqls: mqlRows.reduce((t, r) => t + r.mqls, 0) };

  const campaigns = rankCampaigns(campaignRows);

  const content_influence = influenceRows.map((r) => {
    const share_of_customers = ratio(r.customers_touched, r.customers);
    const share_of_non_customers = ratio(r.non_customers_touched, r.non_customers);
    return {
      id: r.id, asset: r.asset, kind: r.kind,
      customers_touched: r.customers_touched, customers: r.customers, share_of_customers,
      non_customers_touched: r.non_customers_touched, non_customers: r.non_customers, share_of_non_customers,
      lift: ratio(share_of_customers, share_of_non_customers),
    };
  });

  return {
    month,
    from: from.toISOString(),
    to: to.toISOString(),
    dimension,
    channels,
    total,
    campaigns,
    landing_pages: assets.pages,
    ctas: assets.ctas,
    /** Contacts content influence is measured over: created in [from, to). */
    influence_window: { from: cohortFrom.toISOString(), to: to.toISOString() },
    content_influence,
    follow_up,
  };
}

function nullRound(v: number | null): number | null {
  return v === null ? null : round2(v);
}

export type MarketingReport = Awaited<ReturnType<typeof marketingReport>>;

/** Campaigns with their cost per lead and customer and ROI, ranked: ROI first, then revenue, leads, name. */
function rankCampaigns(rows: CampaignRow[]) {
  return rows
    .map((c) => ({
      id: c.id,
      campaign: c.campaign,
      type: c.type,
      currency: c.currency,
      spend: c.spend,
      visits: c.visits,
      leads: c.leads,
      mqls: c.mqls,
      customers: c.customers,
      revenue: c.revenue,
      cost_per_lead: nullRound(ratio(c.spend, c.leads)),
      cost_per_customer: nullRound(ratio(c.spend, c.customers)),
      roi: ratio(c.revenue - c.spend, c.spend),
    }))
    // Ranking: ROI (no spend, no ROI: last), then revenue, then leads (a young month's cohort has
    // little revenue yet), then name.
    .sort((a, b) => (b.roi ?? -Infinity) - (a.roi ?? -Infinity) || b.revenue - a.revenue || b.leads - a.leads || a.campaign.localeCompare(b.campaign) || a.id - b.id)
    .map((c, i) => ({ rank: i + 1, ...c }));
}

/**
 * Campaign results in any window (a weekly meeting pack's "best campaigns this week" links here):
 * each campaign's visits, new leads, MQLs, customers and revenue of the window's contacts, and its
 * spend for the window's days, ranked as in the monthly marketing report.
 */
export async function campaignResults(db: Db, w: ReportWindow, zone = 'UTC') {
  const rows = await db.query<CampaignRow>(campaignsSql, [w.from, w.to, dayOf(w.from, zone), dayOf(w.to, zone)]);
  return { campaigns: rankCampaigns(rows) };
}
