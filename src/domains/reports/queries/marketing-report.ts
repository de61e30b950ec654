// Queries of the monthly marketing report (marketing-report.ts) that the sources and assets
// reports do not already answer. Every window is [$1, $2) unless said otherwise.
import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { NO_VALUE } from '../dimensions.js';
import { campaignOfEachSql } from './first-campaign-touch.js';

// MQLs by channel: contacts whose first move to MQL (any kind, an import included) falls in the
// window, by the contact's original source — the same channel key as sourcesReportSql's contacts,
// and with $3 true the same source detail too (else detail is '').
export const mqlsByChannelSql = /* sql */ `
SELECT COALESCE(NULLIF(btrim(c.original_source), ''), 'Unknown') AS channel,
       CASE WHEN $3::boolean THEN COALESCE(NULLIF(btrim(c.original_source_detail), ''), '${NO_VALUE}') ELSE '' END AS detail, count(*) AS mqls
  FROM ${firstStageAtSql('mql', 'm')}
  JOIN contacts c ON c.id = m.contact_id
 WHERE m.at >= $1 AND m.at < $2
 GROUP BY 1, 2`;

// Campaigns of a window (the marketing report's month, a pack's week, any range). $1, $2: the window as
// instants; $3, $4: its first day and the day after its last, as dates.
// - spend: monthly_spend for each month the campaign runs, prorated by the days it runs in the
//   window (starts_on and ends_on included; a missing date is open-ended): a whole calendar month
//   costs exactly monthly_spend.
// - visits: visits started in the month carrying the campaign.
// - leads: contacts created in the month whose first campaign-tagged touch (a visit or an event
//   with campaign_id; a visit first on a tie) is the campaign. Only touches up to a day after the
//   contact's creation count: what generated the lead, not a later newsletter to an old contact.
// - mqls, customers: those leads that ever moved to MQL / Customer (cohort, as sourcesReport
//   counts customers); revenue: all their won deals (amount null = 0; a deal on the company only
//   counts for the company's first contact, as in attribution; currencies summed as they are).
// Campaigns with no spend in the month, no visits and no leads are left out.
export const campaignsSql = /* sql */ `
WITH new_contacts AS MATERIALIZED (
  SELECT c.id, c.created_at, c.company_id FROM contacts c WHERE c.created_at >= $1 AND c.created_at < $2
), lead AS MATERIALIZED (
  -- Per new contact, its campaign: the first campaign-tagged touch (first-campaign-touch.ts).
  SELECT t.contact_id, t.campaign_id, n.company_id
    FROM (${campaignOfEachSql('new_contacts')}) t JOIN new_contacts n ON n.id = t.contact_id
), lead_deal AS (
  SELECT l.contact_id, d.amount, d.pipeline_id, d.stage FROM lead l JOIN deals d ON d.contact_id = l.contact_id
  UNION ALL
  SELECT l.contact_id, d.amount, d.pipeline_id, d.stage
    FROM lead l JOIN deals d ON d.contact_id IS NULL AND d.company_id = l.company_id
   WHERE l.contact_id = (SELECT c2.id FROM contacts c2 WHERE c2.company_id = l.company_id ORDER BY c2.created_at, c2.id LIMIT 1)
), lead_revenue AS (
  SELECT ld.contact_id, sum(COALESCE(ld.amount, 0)) AS revenue
    FROM lead_deal ld JOIN pipeline_stages ps ON ps.pipeline_id = ld.pipeline_id AND ps.key = ld.stage AND ps.outcome = 'won'
   GROUP BY 1
), agg AS (
  SELECT l.campaign_id, count(*) AS leads,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_stage_firsts f WHERE f.contact_id = l.contact_id AND f.stage = 'mql')) AS mqls,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_stage_firsts f WHERE f.contact_id = l.contact_id AND f.stage = 'customer')) AS customers,
         COALESCE(sum(r.revenue), 0) AS revenue
    FROM lead l LEFT JOIN lead_revenue r ON r.contact_id = l.contact_id
   GROUP BY 1
), vis AS (
  SELECT campaign_id, count(*) AS visits FROM visits
   WHERE campaign_id IS NOT NULL AND started_at >= $1 AND started_at < $2 GROUP BY 1
), camp AS (
  -- The days the campaign runs within the window, [lo, hi); each month of them costs its share of
  -- monthly_spend (days run / days in that month), so a calendar month costs monthly_spend, a week
  -- about a quarter of it and a year twelve times it.
  SELECT cp.*, r.hi > r.lo AS running,
         (SELECT COALESCE(round(sum(cp.monthly_spend * (least(r.hi, (m + interval '1 month')::date) - greatest(r.lo, m::date))
                                    / ((m + interval '1 month')::date - m::date)), 2), 0)
            FROM generate_series(date_trunc('month', r.lo::timestamp), (r.hi - 1)::timestamp, interval '1 month') m
           WHERE r.hi > r.lo) AS window_spend
    FROM campaigns cp
   CROSS JOIN LATERAL (SELECT greatest($3::date, COALESCE(cp.starts_on, $3::date)) AS lo, least($4::date, COALESCE(cp.ends_on + 1, $4::date)) AS hi) r
)
SELECT camp.id, camp.name AS campaign, camp.type, camp.currency,
       camp.window_spend AS spend,
       COALESCE(vis.visits, 0) AS visits, COALESCE(agg.leads, 0) AS leads, COALESCE(agg.mqls, 0) AS mqls,
       COALESCE(agg.customers, 0) AS customers, COALESCE(agg.revenue, 0) AS revenue
  FROM camp LEFT JOIN vis ON vis.campaign_id = camp.id LEFT JOIN agg ON agg.campaign_id = camp.id
 WHERE (camp.running AND camp.monthly_spend > 0) OR vis.visits IS NOT NULL OR agg.leads IS NOT NULL`;

export interface CampaignRow {
  id: number;
  campaign: string;
  type: string;
  currency: string;
  spend: number;
  visits: number;
  leads: number;
  mqls: number;
  customers: number;
  revenue: number;
}

// Content influence: contacts created in [$1, $2) (the 12 months up to the month's end), split by
// whether they became a customer before $2; an asset counts as touched by a contact when one of
// the contact's actions (customer-cohort.ts: before the sale, tracking and page calls, no mail
// scanners) is about it, before $2 too, CTA views left out (impressions, not interactions — as in
// attribution). One row per asset touched by anyone, most customers first; $3 rows at most.
// From the contact_actions rollup: first_touch_at is the contact's first non-impression action on
// the asset, so "touched before the sale and before $2" is first_touch_at before both.
// At 1M contacts the cohort is nearly everyone, so it is not materialized (a million rows written
// and hashed again) but counted in one pass, and the touches are counted per asset before the
// assets are joined. Cohort and sale moment both come from contact_funnels (migration 0036: one
// narrow row per contact with its created_at, and customer_at, the first move to customer — what
// contact_stage_firsts holds for that stage, kept by the same transitions): the asset rows of
// contact_actions join that one table, where joining contacts for the cohort and hashing
// contact_stage_firsts' customers beside a million asset rows took twice as long (1M contacts on
// the server, bench/marketing-report-bench.ts).
export const contentInfluenceSql = /* sql */ `
WITH groups AS MATERIALIZED (
  -- MATERIALIZED: inlined, the one-row count was re-aggregated for every touched row (17 s instead
  -- of 0.1 s on the demo's 3,000 contacts when the planner misjudged the cohort's size).
  SELECT count(*) FILTER (WHERE c.customer_at < $2) AS customers,
         count(*) FILTER (WHERE c.customer_at IS NULL OR c.customer_at >= $2) AS non_customers
    FROM contact_funnels c
   WHERE c.created_at >= $1 AND c.created_at < $2
), touched AS (
  SELECT ca.ref_id AS asset_id,
         count(*) FILTER (WHERE c.customer_at < $2) AS customers_touched,
         count(*) FILTER (WHERE c.customer_at IS NULL OR c.customer_at >= $2) AS non_customers_touched
    FROM contact_actions ca
    JOIN contact_funnels c ON c.contact_id = ca.contact_id
   WHERE ca.kind = 'asset' AND ca.first_touch_at < $2 AND c.created_at >= $1 AND c.created_at < $2
     AND (c.customer_at IS NULL OR ca.first_touch_at < c.customer_at)
   GROUP BY 1
)
SELECT a.id, COALESCE(a.name, a.key) AS asset, a.kind,
       t.customers_touched, g.customers, t.non_customers_touched, g.non_customers
  FROM touched t JOIN assets a ON a.id = t.asset_id CROSS JOIN groups g
 ORDER BY 4 DESC, 6 DESC, a.id
 LIMIT $3`;

export interface ContentInfluenceRow {
  id: number;
  asset: string;
  kind: string;
  customers_touched: number;
  customers: number;
  non_customers_touched: number;
  non_customers: number;
}
