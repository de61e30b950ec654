import { assetInteractionSql, attributionConversionsCtes, inLookbackSql } from '../../reports/queries/attribution-touchpoints.js';

// The new customers of [$1, $2) as attribution counts them (reports/queries/attribution-touchpoints.ts),
// one row each by contact, with their revenue and whether marketing touched them in the $3 days
// before the conversion: a visit, or a tracking call about an asset that is an interaction (not a
// CTA view, not a mail scanner's hit) — exactly the touchpoints attribution lists, other than its
// "none". Influenced revenue needs only that yes or no: the touchpoints statement found every
// touch, each event's latest visit and its campaign and asset names (13 monthly partitions probed
// per customer and one visit lookup per event, 10 s at 1M contacts under load), where one visit
// probe answers for most customers and the events are asked only for the others, up to the first.
export const influencedCustomersSql = /* sql */ `
WITH ${attributionConversionsCtes}
SELECT conv.contact_id, conv.revenue,
       CASE WHEN EXISTS (SELECT 1 FROM visits v WHERE v.contact_id = conv.contact_id AND ${inLookbackSql('v.started_at')})
            THEN true
            ELSE EXISTS (SELECT 1 FROM events e JOIN assets a ON a.id = e.asset_id
                          WHERE e.contact_id = conv.contact_id AND ${inLookbackSql('e.timestamp')} AND ${assetInteractionSql('e')})
       END AS touched
  FROM conv
 ORDER BY conv.contact_id`;

export interface InfluencedCustomerRow {
  contact_id: number;
  revenue: number | null;
  touched: boolean;
}
