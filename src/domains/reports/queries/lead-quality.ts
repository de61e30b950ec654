import { firstCampaignTouchSql } from './first-campaign-touch.js';

// MQL episodes of a window and what became of each, one row per episode: the lead-quality report
// and the MQL-definition performance read them (src/domains/reports/lead-quality.ts).
//
// An episode starts with a move into MQL from below it (created as one, moved forward, imported:
// not a recycle or rejection back to MQL) at [$1, $2), and lasts until the contact's next such
// move. Outcomes count up to $3 (asOf) and only within the episode:
// - ended: its first rejection ('reject') or recycle after it started, with the reason and moment;
// - accepted: it reached SQL or beyond (sales took it) before that;
// - customer_at: the contact's customer moment (its first move to customer or evangelist, or its
//   first won deal's close, whichever is first) when that falls within the episode, and then its
//   revenue: the amount of its won deals, as value per MQL counts it (mqlValueSql).
// What qualified it: the mql_qualifications row of its transition (migration 0025); without one,
// the contact's own mql_* columns when this is the contact's latest episode (they describe only
// that one), else nothing recorded.
// Groups: `channel` and `detail` are SQL over `contacts c` (the report dimensions' own, so the
// channel "Unknown" and the detail "(none)" mean what they mean elsewhere); the campaign is the one
// that generated the lead (firstCampaignTouchSql), as the marketing report and the monthly pack's
// rejections credit it; the rep is the owner of the lead assignment made in the episode.
export const leadQualitySql = (channel: string, detail: string) => /* sql */ `
WITH ep AS MATERIALIZED (
  SELECT st.id, st.object_id AS contact_id, st.at
    FROM stage_transitions st
   WHERE st.object_type = 'contact' AND st.to_stage = 'mql' AND st.at >= $1 AND st.at < $2
     AND st.kind IN ('create', 'forward', 'import', 'sideways')
     AND (st.from_stage IS NULL OR st.from_stage IN ('subscriber', 'lead', 'other'))
), won AS (
  SELECT d.contact_id, sum(d.amount) AS revenue, min(COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC')) AS first_won_at
    FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome = 'won' AND d.contact_id IN (SELECT contact_id FROM ep)
     AND COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC') < $3
   GROUP BY d.contact_id
)
SELECT ep.id AS episode_id, ep.contact_id, ep.at,
       q.transition_id IS NOT NULL AS recorded,
       CASE WHEN q.transition_id IS NOT NULL THEN q.mql_type WHEN nx.at IS NULL THEN c.mql_type END AS mql_type,
       CASE WHEN q.transition_id IS NOT NULL THEN q.definition_version WHEN nx.at IS NULL THEN c.mql_definition_version END AS definition_version,
       CASE WHEN q.transition_id IS NOT NULL THEN q.clause WHEN nx.at IS NULL THEN c.mql_clause END AS clause,
       ${channel} AS channel,
       ${detail} AS detail,
       cp.id AS campaign_id, cp.name AS campaign,
       la.owner_id AS rep_id, u.name AS rep,
       o.kind AS ended, o.reason, o.at AS ended_at,
       EXISTS (SELECT 1 FROM stage_transitions y
                WHERE y.object_type = 'contact' AND y.object_id = ep.contact_id
                  AND y.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND y.kind IN ('forward', 'import', 'sideways')
                  AND y.at >= ep.at AND y.at < LEAST(COALESCE(o.at, 'infinity'), COALESCE(nx.at, 'infinity'), $3)) AS accepted,
       cu.at AS customer_at,
       CASE WHEN cu.at IS NOT NULL THEN COALESCE(won.revenue, 0) ELSE 0 END AS revenue
  FROM ep
  JOIN contacts c ON c.id = ep.contact_id
  LEFT JOIN mql_qualifications q ON q.transition_id = ep.id
  LEFT JOIN LATERAL (
    SELECT n.at FROM stage_transitions n
     WHERE n.object_type = 'contact' AND n.object_id = ep.contact_id AND n.to_stage = 'mql' AND n.id <> ep.id
       AND (n.at > ep.at OR (n.at = ep.at AND n.id > ep.id))
       AND n.kind IN ('create', 'forward', 'import', 'sideways') AND (n.from_stage IS NULL OR n.from_stage IN ('subscriber', 'lead', 'other'))
     ORDER BY n.at, n.id LIMIT 1) nx ON true
  LEFT JOIN LATERAL (
    SELECT x.kind, x.reason, x.at FROM stage_transitions x
     WHERE x.object_type = 'contact' AND x.object_id = ep.contact_id AND x.kind IN ('reject', 'recycle')
       AND x.at >= ep.at AND x.at < COALESCE(nx.at, 'infinity') AND x.at < $3
     ORDER BY x.at, x.id LIMIT 1) o ON true
  LEFT JOIN LATERAL (${firstCampaignTouchSql('c')}) t ON true
  LEFT JOIN campaigns cp ON cp.id = t.campaign_id
  LEFT JOIN LATERAL (
    SELECT a.owner_id FROM lead_assignments a
     WHERE a.contact_id = ep.contact_id AND a.assigned_at >= ep.at AND a.assigned_at < COALESCE(nx.at, 'infinity')
     ORDER BY a.assigned_at, a.id LIMIT 1) la ON true
  LEFT JOIN users u ON u.id = la.owner_id
  LEFT JOIN won ON won.contact_id = ep.contact_id
  LEFT JOIN LATERAL (
    SELECT m.at FROM (SELECT LEAST(
             (SELECT min(f.first_at) FROM contact_stage_firsts f WHERE f.contact_id = ep.contact_id AND f.stage IN ('customer', 'evangelist') AND f.first_at < $3),
             won.first_won_at) AS at) m
     WHERE m.at >= ep.at AND m.at < COALESCE(nx.at, 'infinity')) cu ON true
 ORDER BY ep.at, ep.id`;

export interface EpisodeRow {
  episode_id: number;
  contact_id: number;
  at: Date;
  recorded: boolean;
  mql_type: string | null;
  definition_version: number | null;
  clause: string | null;
  channel: string;
  detail: string;
  campaign_id: number | null;
  campaign: string | null;
  rep_id: number | null;
  rep: string | null;
  ended: 'reject' | 'recycle' | null;
  reason: string | null;
  ended_at: Date | null;
  accepted: boolean;
  customer_at: Date | null;
  revenue: number;
}
