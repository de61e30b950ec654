import { z } from 'zod';
import { funnelStages } from '../domains/funnel/stages.js';
import { campaignTypes } from '../domains/ingest/campaigns.js';
import type { AssetKind } from '../domains/ingest/recognise-asset.js';
import { attributionDimensions, attributionModels } from '../domains/reports/attribution.js';
import { followUpBuckets } from '../domains/reports/speed-to-lead.js';
import { sourceDimensions } from '../domains/reports/marketing-sources.js';

// What the marketing reports answer (GET /api/reports/<name>), written from their domain functions
// (src/domains/reports, src/domains/funnel): the routes' response schemas, and through them the web
// app's types. The database driver hands counts and money over as numbers on both backends, and the
// domain turns instants into ISO text, so every figure is a number and every moment a string.

/** A share between 0 and 1, null where its denominator is 0. */
const rate = z.number().nullable();

/** Speed to lead (domains/reports/speed-to-lead.ts): time to first touch by bucket, and what each converted to. */
export const speedToLeadData = z.object({
  assignments: z.number(),
  buckets: z.array(z.object({
    bucket: z.enum(followUpBuckets), count: z.number(), share: rate,
    /** Of the bucket's leads, those that went on to SQL or beyond, and to customer, after their clock started. */
    sqls: z.number(), sql_rate: rate, customers: z.number(), customer_rate: rate,
  })),
  median_minutes: z.number().nullable(),
  within_5m: z.number(),
  share_within_5m: rate,
  within_4h: z.number(),
  share_within_4h: rate,
  sqls: z.number(),
  sql_rate: rate,
  customers: z.number(),
  customer_rate: rate,
});

/** The next page of a paged report's lists; null on the last. */
const nextCursor = z.string().nullable();

/** An object with the same schema under each of `keys`. */
const keyed = <K extends string, T extends z.ZodType>(keys: readonly K[], schema: T) => z.object(Object.fromEntries(keys.map((k) => [k, schema])) as Record<K, T>);

// ---------- sources ----------

/** One channel (or, by source detail, one channel and source) of the sources report. */
const sourceChannel = z.object({
  channel: z.string(),
  /** Only when the report is by source_detail: a visit's source, a contact's declared words or first source. */
  detail: z.string().optional(),
  visits: z.number(),
  visitors: z.number(),
  contacts: z.number(),
  customers: z.number(),
  visit_to_contact: rate,
  contact_to_customer: rate,
});

/** The whole window's totals; visitors are distinct people, not a sum over channels. */
const sourceTotal = z.object({ visits: z.number(), visitors: z.number(), contacts: z.number(), customers: z.number(), visit_to_contact: rate, contact_to_customer: rate });

export const sourcesReportData = z.object({
  from: z.string(),
  to: z.string(),
  dimension: z.enum(sourceDimensions),
  channels: z.array(sourceChannel),
  total: sourceTotal,
  next_cursor: nextCursor,
});

// ---------- assets ----------

const landingPage = z.object({
  id: z.number(),
  path: z.string(),
  name: z.string().nullable(),
  views: z.number(),
  visitors: z.number(),
  submissions: z.number(),
  submitters: z.number(),
  conversion_rate: rate,
});
const cta = z.object({ id: z.number(), key: z.string(), name: z.string().nullable(), views: z.number(), clicks: z.number(), click_rate: rate });

export const assetsReportData = z.object({
  from: z.string(),
  to: z.string(),
  pages: z.array(landingPage),
  forms: z.array(z.object({ id: z.number(), key: z.string(), name: z.string().nullable(), submissions: z.number(), contacts: z.number() })),
  ctas: z.array(cta),
  content: z.array(z.object({ id: z.number(), key: z.string(), name: z.string().nullable(), downloads: z.number(), contacts: z.number() })),
  webinars: z.array(z.object({ id: z.number(), key: z.string(), name: z.string().nullable(), registrations: z.number(), attendances: z.number(), attendance_rate: rate })),
  /** The next page of every list at once; null when each is complete. */
  next_cursor: nextCursor,
});

// ---------- marketing ----------

/** The kinds an asset can be (the assets table allows these only). */
const assetKinds = ['page', 'form', 'cta', 'content', 'webinar'] as const satisfies readonly AssetKind[];

export const marketingCampaign = z.object({
  rank: z.number(),
  id: z.number(),
  campaign: z.string(),
  type: z.enum(campaignTypes),
  currency: z.string(),
  spend: z.number(),
  visits: z.number(),
  leads: z.number(),
  mqls: z.number(),
  customers: z.number(),
  revenue: z.number(),
  cost_per_lead: z.number().nullable(),
  cost_per_customer: z.number().nullable(),
  /** (revenue − spend) ÷ spend; null without spend. */
  roi: z.number().nullable(),
});

const contentInfluence = z.object({
  id: z.number(),
  asset: z.string(),
  kind: z.enum(assetKinds),
  customers_touched: z.number(),
  customers: z.number(),
  share_of_customers: rate,
  non_customers_touched: z.number(),
  non_customers: z.number(),
  share_of_non_customers: rate,
  /** Share of customers ÷ share of non-customers; null when either is null or the latter is 0. */
  lift: z.number().nullable(),
});

export const marketingReportData = z.object({
  month: z.string(),
  from: z.string(),
  to: z.string(),
  dimension: z.enum(sourceDimensions),
  channels: z.array(sourceChannel.extend({ mqls: z.number() })),
  total: sourceTotal.extend({ mqls: z.number() }),
  campaigns: z.array(marketingCampaign),
  landing_pages: z.array(landingPage),
  ctas: z.array(cta),
  /** The contacts content influence is measured over: created in [from, to). */
  influence_window: z.object({ from: z.string(), to: z.string() }),
  content_influence: z.array(contentInfluence),
  follow_up: speedToLeadData,
});

// ---------- attribution ----------

const attributionRow = z.object({
  /** The channel, source detail, campaign or asset; null for touches without one. */
  key: z.string().nullable(),
  /** Only in source_detail rows: the channel the detail belongs to. */
  channel: z.string().nullable().optional(),
  revenue: z.number(),
  /** Conversions credited, fractional. */
  conversions: z.number(),
});

/** Each model's rows by dimension: only the models and dimensions asked for are there. */
const attributionTable = keyed(attributionDimensions, z.array(attributionRow).optional());

export const attributionReportData = z.object({
  from: z.string(),
  to: z.string(),
  lookback_days: z.number(),
  half_life_days: z.number(),
  conversions: z.number(),
  revenue: z.number(),
  conversions_without_touchpoints: z.number(),
  models: keyed(attributionModels, attributionTable.optional()),
});

// ---------- funnel and funnel-breakdown ----------

const funnelStage = z.enum(funnelStages);

/** How many contacts reached each stage of the funnel (skips count as passed through). */
const reachedByStage = keyed(funnelStages, z.number());

/** Conversion between two neighbouring stages, with the median days between them and how many were timed. */
const stageConversion = z.object({ from: funnelStage, to: funnelStage, rate, median_days: z.number().nullable(), sample: z.number() });

export const funnelReportData = z.object({
  /** First and last cohort month, YYYY-MM. */
  from: z.string(),
  to: z.string(),
  /** moved: contacts of any creation date that first reached the stage in the window (the weekly pack's funnel movement). */
  stages: z.array(z.object({
    key: funnelStage, label: z.string(), count: z.number(), reached: z.number(), moved: z.number(),
    /** Days the cohort's contacts spent in the stage, over the stays that ended (null when none has). */
    median_days_in_stage: z.number().nullable(), mean_days_in_stage: z.number().nullable(), stays: z.number(),
  })),
  conversions: z.array(stageConversion),
  cohorts: z.array(z.object({ month: z.string(), created: z.number(), reached: reachedByStage })),
});

export const funnelBreakdownReportData = z.object({
  from: z.string(),
  to: z.string(),
  /** The dimension asked for: month, segment, property.plan… */
  by: z.string(),
  by_label: z.string(),
  groups: z.array(z.object({
    group: z.string(),
    /** What the group reads as: a segment's label, "Unspecified", "(none)"… */
    label: z.string(),
    contacts: z.number(),
    reached: reachedByStage,
    conversions: z.array(stageConversion),
  })),
});

/** Campaign results in any window, ranked as in the monthly marketing report. */
export const campaignsReportData = z.object({ campaigns: z.array(marketingCampaign) });
