// Where a week's new leads come from, for the expected lead volume of each promotion of the weekly
// update (docs/weekly-update.md, "Expected leads"). A new lead is a contact created in the window.
import { firstCampaignTouchSql } from '../../reports/queries/first-campaign-touch.js';

// The most recent past campaigns of type $1 (other than $2) that started on or before $4 (so their
// first $6 days are over), $5 at most, with the new leads each brought in its first $6 days:
// contacts created from midnight of starts_on ($3 = the workspace zone) to midnight $6 days later
// whose campaign (firstCampaignTouchSql: the marketing report's rule for a campaign's leads) is
// that campaign.
export const campaignFirstDaysLeadsSql = /* sql */ `
WITH past AS (
  SELECT cp.id, cp.starts_on,
         (cp.starts_on::timestamp AT TIME ZONE $3) AS from_at,
         ((cp.starts_on + $6::int)::timestamp AT TIME ZONE $3) AS to_at
    FROM campaigns cp
   WHERE cp.type = $1 AND cp.id <> $2 AND cp.starts_on IS NOT NULL AND cp.starts_on <= $4::date
   ORDER BY cp.starts_on DESC, cp.id DESC
   LIMIT $5
)
SELECT p.id, p.starts_on,
       (SELECT count(*) FROM contacts n CROSS JOIN LATERAL (${firstCampaignTouchSql('n')}) t
         WHERE n.created_at >= p.from_at AND n.created_at < p.to_at AND t.campaign_id = p.id) AS leads
  FROM past p
 ORDER BY p.starts_on DESC, p.id DESC`;

export interface CampaignLeadsRow {
  id: number;
  starts_on: string;
  leads: number;
}

// A landing-page path as page assets are keyed (recognise-asset.ts normalisePath): lower case, no
// query string, no trailing slash; null without a path.
const pageKey = (p: string) => /* sql */ `
  CASE WHEN ${p} IS NULL THEN NULL
       WHEN length(split_part(lower(${p}), '?', 1)) > 1 THEN rtrim(split_part(lower(${p}), '?', 1), '/')
       ELSE COALESCE(NULLIF(split_part(lower(${p}), '?', 1), ''), '/') END`;

// New leads per asset in [$1, $2): contacts created in the window, credited to the asset of their
// first conversion (a form, demo or contact-sales request, download or webinar registration) up
// to a day after they were created, and to the landing page that conversion was made on. $3: only
// these assets (null: all). Most leads first.
export const assetLeadsSql = /* sql */ `
WITH conv AS (
  SELECT n.id AS contact_id, f.asset_id, f.path
    FROM contacts n
   CROSS JOIN LATERAL (
     SELECT e.asset_id, ${pageKey("e.context->'page'->>'path'")} AS path FROM events e
      WHERE e.contact_id = n.id AND e.type = 'track' AND e.asset_id IS NOT NULL
        AND e.event IN ('Form Submitted', 'Demo Requested', 'Contact Sales Requested', 'Content Downloaded', 'Webinar Registered')
        AND e.timestamp <= n.created_at + interval '1 day'
      ORDER BY e.timestamp, e.id LIMIT 1
   ) f
   WHERE n.created_at >= $1 AND n.created_at < $2
), credit AS (
  SELECT contact_id, asset_id FROM conv
  UNION
  SELECT c.contact_id, a.id FROM conv c JOIN assets a ON a.kind = 'page' AND a.key = c.path
)
SELECT a.id, a.kind, a.key, a.name, a.first_seen, count(*) AS leads
  FROM credit cr JOIN assets a ON a.id = cr.asset_id
 WHERE $3::bigint[] IS NULL OR a.id = ANY($3::bigint[])
 GROUP BY a.id, a.kind, a.key, a.name, a.first_seen
 ORDER BY count(*) DESC, a.id`;

export interface AssetLeadsRow {
  id: number;
  kind: string;
  key: string;
  name: string | null;
  first_seen: Date;
  leads: number;
}

// New leads of [$1, $2) by original source (the channel of their first visit, or declared).
export const leadSourcesSql = /* sql */ `
SELECT COALESCE(NULLIF(btrim(c.original_source), ''), 'Unknown') AS channel, count(*) AS leads
  FROM contacts c
 WHERE c.created_at >= $1 AND c.created_at < $2
 GROUP BY 1
 ORDER BY 2 DESC, 1`;

// The page a campaign ($2 = campaign id) or asset lives on, as the website reported it: the URL
// most often seen on its events (for a campaign: page views tagged with it; for a form, download
// or webinar: the page its events were sent from) in the 90 days before $1, without query string
// or fragment (the UTM tags of whoever sent the traffic).
export const promotionUrlSql = (kind: 'campaign' | 'asset') => /* sql */ `
SELECT split_part(split_part(e.context->'page'->>'url', '?', 1), '#', 1) AS url, count(*) AS n
  FROM events e
 WHERE e.${kind}_id = $2 AND e.timestamp >= $1::timestamptz - interval '90 days' AND e.timestamp < $1
   AND e.context->'page'->>'url' ~* '^https?://[^/?#]+'
 GROUP BY 1
 ORDER BY 2 DESC, 1
 LIMIT 1`;
