// Conversions in a window [$1, $2) and each one's touchpoints in the $3 days before it, one row
// per touchpoint, ordered by contact then time (the order the attribution models read).
//
// Conversion: a contact's first won deal (stage whose outcome is 'won'), at its closed_at, or its
// close_date (midnight UTC) when an imported deal has no closed_at; won deals with neither are
// left out (they cannot be placed in time). A deal with no contact but a company counts for the
// company's first contact (created first), so company-level imports keep their revenue. The
// contact converted in the window when that first won deal falls in it; revenue is the sum of the
// contact's won deals closed in the window (amount null = 0, currencies summed as they are).
// Repeat deals of customers who converted earlier are not new-customer revenue and are not here.
// A contact with no dated won deal converts at its first move to the 'customer' stage (a customer
// marked by hand or imported without deals), with revenue 0: it still counts as a conversion.
//
// Touchpoints, strictly before the conversion and no older than $3 days:
// - each visit: its channel and source (the source detail), its campaign (the campaigns row's
//   name, else the raw utm_campaign), its landing page as asset when that page is a recognised
//   page asset (name, else path);
// - each tracking call about an asset (form submitted, content downloaded, webinar registered or
//   attended, CTA clicked; CTA views are impressions, not interactions, and mail-scanner hits are
//   left out): the asset's name; its channel and source are the event's (the processor gives an
//   event the channel of the visit it happened in, else its own, else the person's latest source:
//   event_channels, migration 0015), else those of the contact's latest visit started at or before
//   it, else the contact's original source; its campaign is its own, else that visit's.
// A conversion with no touchpoint gets one at the conversion: the contact's original source as
// channel and its detail (what the import or the rep declared, e.g. a trade show → Offline), else
// 'Unknown' (nothing was seen and nothing declared), no campaign, no asset, kind 'none' — so its
// revenue is never lost.
// The conversions of [$1, $2) as above, one row per contact (`conv`: contact_id, converted_at,
// revenue, basis, original_source, original_source_detail): the CTEs that open a WITH, shared by
// the touchpoints below and by influenced revenue (marketing-sla/queries/influenced-customers.ts).
export const attributionConversionsCtes = /* sql */ `
won AS MATERIALIZED (
  SELECT COALESCE(d.contact_id, fc.id) AS contact_id,
         COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC') AS closed_at,
         COALESCE(d.amount, 0) AS amount
    FROM deals d
    JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage AND ps.outcome = 'won'
    LEFT JOIN LATERAL (SELECT c.id FROM contacts c WHERE d.contact_id IS NULL AND c.company_id = d.company_id
                        ORDER BY c.created_at, c.id LIMIT 1) fc ON true
   WHERE COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC') IS NOT NULL
     AND COALESCE(d.contact_id, fc.id) IS NOT NULL
), by_deal AS (
  SELECT contact_id, min(closed_at) AS converted_at,
         sum(amount) FILTER (WHERE closed_at >= $1 AND closed_at < $2) AS revenue
    FROM won GROUP BY contact_id
), by_stage AS (
  -- The first move to customer, from the contact_stage_firsts rollup (migration 0008): only the
  -- window's, by index, instead of aggregating every customer transition ever made.
  SELECT f.contact_id, f.first_at AS converted_at
    FROM contact_stage_firsts f
   WHERE f.stage = 'customer' AND f.first_at >= $1 AND f.first_at < $2
     AND NOT EXISTS (SELECT 1 FROM won WHERE won.contact_id = f.contact_id)
), conv AS MATERIALIZED (
  SELECT x.contact_id, x.converted_at, x.revenue, x.basis, NULLIF(btrim(c.original_source), '') AS original_source,
         NULLIF(btrim(c.original_source_detail), '') AS original_source_detail
    FROM (SELECT contact_id, converted_at, revenue, 'deal' AS basis FROM by_deal WHERE converted_at >= $1 AND converted_at < $2
          UNION ALL
          SELECT contact_id, converted_at, 0::numeric, 'stage' FROM by_stage WHERE converted_at >= $1 AND converted_at < $2) x
    JOIN contacts c ON c.id = x.contact_id
)`;

/** `column` falls in the $3 days before the conversion (alias conv): the lookback a touch must be in. */
export const inLookbackSql = (column: string) => `${column} < conv.converted_at AND ${column} >= conv.converted_at - make_interval(days => $3::int)`;

/**
 * The event (alias `e`) is an interaction with an asset: a tracking call about one, not a CTA
 * view, not a mail scanner's hit. Attribution lists these as touchpoints, and influenced revenue
 * counts a customer touched by one: both must mean the same events.
 */
export const assetInteractionSql = (e: string) =>
  `${e}.type = 'track' AND ${e}.asset_id IS NOT NULL AND ${e}.event IS DISTINCT FROM 'CTA Viewed' AND event_is_action(${e}.type, ${e}.properties)`;

export const attributionTouchpointsSql = /* sql */ `
WITH ${attributionConversionsCtes}, conv_visit AS MATERIALIZED (
  SELECT conv.contact_id, v.id, v.started_at, v.channel, v.source, v.landing_page,
         COALESCE((SELECT cp.name FROM campaigns cp WHERE cp.id = v.campaign_id), NULLIF(btrim(v.campaign), '')) AS campaign
    FROM conv
    JOIN visits v ON v.contact_id = conv.contact_id AND ${inLookbackSql('v.started_at')}
), landing AS (
  -- Each distinct landing page normalised once (as normalisePath in ingest/recognise-asset.ts
  -- keys page assets: no scheme and host, no query or fragment, lower case, no trailing slash).
  SELECT lp.landing_page, COALESCE(pa.name, pa.key) AS asset
    FROM (SELECT DISTINCT landing_page FROM conv_visit WHERE landing_page IS NOT NULL) lp
    CROSS JOIN LATERAL (SELECT split_part(split_part(lower(regexp_replace(lp.landing_page, '^[a-z][a-z0-9+.-]*://[^/?#]*', '', 'i')), '?', 1), '#', 1) AS path) p
    JOIN assets pa ON pa.kind = 'page' AND pa.key = CASE WHEN length(p.path) > 1 THEN rtrim(p.path, '/') ELSE COALESCE(NULLIF(p.path, ''), '/') END
), visit_touch AS (
  SELECT cv.contact_id, 'visit' AS kind, cv.id AS touch_id, cv.started_at AS at, cv.channel, cv.source AS source_detail, cv.campaign, l.asset
    FROM conv_visit cv LEFT JOIN landing l ON l.landing_page = cv.landing_page
), event_touch AS (
  SELECT conv.contact_id, 'event' AS kind, e.id AS touch_id, e.timestamp AS at,
         COALESCE(e.channel, lv.channel, conv.original_source) AS channel,
         CASE WHEN e.channel IS NOT NULL THEN e.source WHEN lv.channel IS NOT NULL THEN lv.source ELSE conv.original_source_detail END AS source_detail,
         COALESCE((SELECT cp.name FROM campaigns cp WHERE cp.id = e.campaign_id), NULLIF(btrim(e.campaign), ''), lv.campaign) AS campaign,
         COALESCE(a.name, a.key) AS asset
    FROM conv
    JOIN events e ON e.contact_id = conv.contact_id AND ${inLookbackSql('e.timestamp')}
    JOIN assets a ON a.id = e.asset_id
    -- Campaign names by scalar subquery on the key: the planner cannot misjudge these joins.
    LEFT JOIN LATERAL (
      SELECT v.channel, v.source, COALESCE((SELECT cp.name FROM campaigns cp WHERE cp.id = v.campaign_id), NULLIF(btrim(v.campaign), '')) AS campaign
        FROM visits v
       WHERE v.contact_id = conv.contact_id AND v.started_at <= e.timestamp
       ORDER BY v.started_at DESC LIMIT 1
    ) lv ON true
   WHERE ${assetInteractionSql('e')}
), touch AS (
  SELECT * FROM visit_touch UNION ALL SELECT * FROM event_touch
)
SELECT conv.contact_id, conv.converted_at, conv.revenue, conv.basis,
       COALESCE(t.kind, 'none') AS kind,
       COALESCE(t.at, conv.converted_at) AS at,
       CASE WHEN t.kind IS NULL THEN COALESCE(conv.original_source, 'Unknown') ELSE COALESCE(t.channel, 'Unknown') END AS channel,
       CASE WHEN t.kind IS NULL THEN conv.original_source_detail ELSE t.source_detail END AS source_detail,
       t.campaign, t.asset
  FROM conv
  LEFT JOIN touch t ON t.contact_id = conv.contact_id
 ORDER BY conv.contact_id, COALESCE(t.at, conv.converted_at), t.kind DESC, t.touch_id`;

export interface AttributionTouchpointRow {
  contact_id: number;
  converted_at: Date;
  revenue: number;
  basis: 'deal' | 'stage';
  kind: 'visit' | 'event' | 'none';
  at: Date;
  channel: string;
  source_detail: string | null;
  campaign: string | null;
  asset: string | null;
}
