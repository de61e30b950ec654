import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import type { campaignTypes } from '../ingest/campaigns.js';
import { assetLeadsSql, campaignFirstDaysLeadsSql, leadSourcesSql, type AssetLeadsRow, type CampaignLeadsRow } from './queries/lead-history.js';

/**
 * The lead volume a promotion is expected to bring, from its history (docs/weekly-update.md):
 * - a campaign: the median of the new leads that past campaigns of the same type brought in their
 *   first CAMPAIGN_FIRST_DAYS days (the last CAMPAIGN_HISTORY of them whose first days are over);
 * - an asset: its average new leads per week over the last ASSET_WEEKS weeks (or the weeks since
 *   Revloop first saw it, when fewer).
 * The median, not the mean: one exceptional launch should not set every later expectation.
 */
export const CAMPAIGN_FIRST_DAYS = 14;
export const CAMPAIGN_HISTORY = 10;
export const ASSET_WEEKS = 8;

export interface Expectation {
  expected_leads: number | null;
  expected_basis: string;
}

type CampaignType = (typeof campaignTypes)[number];

/** Singular and plural of each campaign type, as the email and the basis say them. */
export const campaignTypeNouns: Record<CampaignType, readonly [string, string]> = {
  whitepaper: ['whitepaper', 'whitepapers'],
  webinar: ['webinar', 'webinars'],
  online_demo: ['online demo', 'online demos'],
  trade_show: ['trade show', 'trade shows'],
  contact_sales: ['contact-sales campaign', 'contact-sales campaigns'],
  newsletter: ['newsletter', 'newsletters'],
  paid_ads: ['paid-ads campaign', 'paid-ads campaigns'],
  event: ['event', 'events'],
  content: ['content campaign', 'content campaigns'],
  other: ['campaign of type other', 'campaigns of type other'],
};

export const assetKindLabels: Record<string, string> = {
  page: 'Landing page',
  form: 'Form',
  cta: 'Call to action',
  content: 'Content',
  webinar: 'Webinar',
};

const round1 = (n: number) => Math.round(n * 10) / 10;
const leadsWord = (n: number) => `${n} new lead${n === 1 ? '' : 's'}`;

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** `today`: the current day in the workspace zone (a campaign whose first days are not over is no history yet). */
export async function campaignExpectation(db: Db, campaign: { id: number; type: CampaignType }, today: string, zone: string): Promise<Expectation> {
  const lastStart = DateTime.fromISO(today, { zone: 'UTC' }).minus({ days: CAMPAIGN_FIRST_DAYS }).toISODate()!;
  const rows = await db.query<CampaignLeadsRow>(campaignFirstDaysLeadsSql, [campaign.type, campaign.id, zone, lastStart, CAMPAIGN_HISTORY, CAMPAIGN_FIRST_DAYS]);
  const [one, many] = campaignTypeNouns[campaign.type];
  if (!rows.length) return { expected_leads: null, expected_basis: `no past ${one} has run ${CAMPAIGN_FIRST_DAYS} days yet to go by` };
  const m = median(rows.map((r) => r.leads))!;
  const basis = rows.length === 1
    ? `what the one past ${one} brought in its first ${CAMPAIGN_FIRST_DAYS} days`
    : `median of ${rows.length} past ${many} in their first ${CAMPAIGN_FIRST_DAYS} days: ${rows.map((r) => r.leads).join(', ')}`;
  return { expected_leads: m, expected_basis: basis };
}

/** An asset's new leads per week (assetLeadsSql) over the last ASSET_WEEKS weeks before `now`. */
export async function assetExpectation(db: Db, asset: { id: number; first_seen: Date }, now: Date): Promise<Expectation> {
  const weekMs = 7 * 86400_000;
  const weeks = Math.min(ASSET_WEEKS, Math.max(1, Math.ceil((now.getTime() - asset.first_seen.getTime()) / weekMs)));
  const from = new Date(now.getTime() - weeks * weekMs);
  const [row] = await db.query<AssetLeadsRow>(assetLeadsSql, [from, now, [asset.id]]);
  const total = row?.leads ?? 0;
  const span = weeks === ASSET_WEEKS ? `the last ${ASSET_WEEKS} weeks` : `the ${weeks === 1 ? 'week' : `${weeks} weeks`} since it first appeared`;
  return { expected_leads: round1(total / weeks), expected_basis: `weekly average of ${span}: ${leadsWord(total)}` };
}

/** New leads per asset in [from, to), most first (assetLeadsSql); `ids`: only those. */
export async function assetNewLeads(db: Db, from: Date, to: Date, ids: number[] | null = null): Promise<AssetLeadsRow[]> {
  return db.query<AssetLeadsRow>(assetLeadsSql, [from, to, ids]);
}

/** New leads of [from, to) by original source channel, most first. */
export async function newLeadsBySource(db: Db, from: Date, to: Date): Promise<{ channel: string; leads: number }[]> {
  return db.query<{ channel: string; leads: number }>(leadSourcesSql, [from, to]);
}
