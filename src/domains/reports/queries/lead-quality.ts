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
// that generated the lead (the first campaign-tagged touch up to a day after the contact was
// created, as firstCampaignTouchSql reads it), as the marketing report and the monthly pack's
// rejections credit it; the rep is the owner of the lead assignment made in the episode.
//
// Set-based: a year at 1M contacts holds 180,000 episodes, and asking each of them for its next
// episode, its end, its acceptance, its rep, its campaign and its customer moment (an index probe
// each) took 10 s. Instead every row that decides something about the window's contacts (their
// episode starts, rejections, recycles and acceptances, lead assignments, customer moments, won
// deals and first campaign touches) is read once and sorted by contact and time: an episode is
// the rows from its start up to the next start (a start sorts before anything else at its moment,
// so a row at the very moment of the next start belongs to that one, as "before the next episode"
// says). No two CTEs are joined (without statistics, PGlite planned such joins as nested loops);
// the window's contacts are joined to each table, not asked for with IN: a CTE's column has no
// statistics, so IN's de-duplication was guessed at 200 contacts and planned as a probe a contact
// (182,500 at 1M).
const isStart = (t: string) =>
  `(${t}.to_stage = 'mql' AND ${t}.kind IN ('create', 'forward', 'import', 'sideways') AND (${t}.from_stage IS NULL OR ${t}.from_stage IN ('subscriber', 'lead', 'other')))`;
const isAcceptance = (t: string) => `(${t}.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND ${t}.kind IN ('forward', 'import', 'sideways'))`;
const wonAt = `COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC')`;

export const leadQualitySql = (channel: string, detail: string) => /* sql */ `
WITH who AS MATERIALIZED (
  SELECT DISTINCT st.object_id AS contact_id
    FROM stage_transitions st
   WHERE st.object_type = 'contact' AND st.to_stage = 'mql' AND st.at >= $1 AND st.at < $2 AND ${isStart('st')}
), facts AS (
  -- what: s episode start, e rejection or recycle, a acceptance, r lead assignment (its owner),
  -- c customer moment (first move to customer or evangelist), w won deal (its amount),
  -- p first campaign-tagged touch (its campaign; o orders a visit before an event).
  SELECT t.object_id AS contact_id, t.at, t.id, CASE WHEN ${isStart('t')} THEN 's' WHEN t.kind IN ('reject', 'recycle') THEN 'e' ELSE 'a' END AS what,
         t.kind, t.reason, NULL::bigint AS ref, NULL::numeric AS amount, 0 AS o
    FROM who JOIN stage_transitions t ON t.object_type = 'contact' AND t.object_id = who.contact_id
   WHERE (${isStart('t')} OR t.kind IN ('reject', 'recycle') OR ${isAcceptance('t')})
  UNION ALL
  SELECT a.contact_id, a.assigned_at, a.id, 'r', NULL, NULL, a.owner_id, NULL, 0
    FROM who JOIN lead_assignments a ON a.contact_id = who.contact_id
  UNION ALL
  SELECT f.contact_id, f.first_at, NULL, 'c', NULL, NULL, NULL, NULL, 0
    FROM who JOIN contact_stage_firsts f ON f.contact_id = who.contact_id
   WHERE f.stage IN ('customer', 'evangelist') AND f.first_at < $3
  UNION ALL
  SELECT d.contact_id, ${wonAt}, d.id, 'w', NULL, NULL, NULL, d.amount, 0
    FROM who JOIN deals d ON d.contact_id = who.contact_id JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome = 'won' AND ${wonAt} < $3
  UNION ALL
  SELECT x.contact_id, x.at, x.touch_id, 'p', NULL, NULL, x.campaign_id, NULL, CASE WHEN x.source = 'event' THEN 1 ELSE 0 END
    FROM who JOIN campaign_first_touches x ON x.contact_id = who.contact_id
), ranked AS (
  SELECT f.*,
         count(*) FILTER (WHERE f.what = 's') OVER (PARTITION BY f.contact_id ORDER BY f.at, f.what <> 's', f.id ROWS UNBOUNDED PRECEDING) AS k,
         -- The contact's customer moment: its first move to customer or evangelist, or its first won
         -- deal's close, whichever is first; its revenue: its won deals' amounts.
         min(f.at) FILTER (WHERE f.what IN ('c', 'w')) OVER (PARTITION BY f.contact_id) AS customer_at,
         sum(f.amount) FILTER (WHERE f.what = 'w') OVER (PARTITION BY f.contact_id) AS revenue
    FROM facts f
), episode AS (
  SELECT r.contact_id, r.k,
         min(r.id) FILTER (WHERE r.what = 's') AS id,
         min(r.at) FILTER (WHERE r.what = 's') AS at,
         (array_agg(r.kind ORDER BY r.at, r.id) FILTER (WHERE r.what = 'e' AND r.at < $3))[1] AS ended,
         (array_agg(r.reason ORDER BY r.at, r.id) FILTER (WHERE r.what = 'e' AND r.at < $3))[1] AS reason,
         min(r.at) FILTER (WHERE r.what = 'e' AND r.at < $3) AS ended_at,
         min(r.at) FILTER (WHERE r.what = 'a') AS accepted_at,
         (array_agg(r.ref ORDER BY r.at, r.id) FILTER (WHERE r.what = 'r'))[1] AS rep_id,
         min(r.customer_at) AS customer_at,
         min(r.revenue) AS revenue
    FROM ranked r
   GROUP BY r.contact_id, r.k
), touch AS (
  -- The contact's first campaign-tagged touch of all (a visit first on a tie): the lead's campaign
  -- when it came up to a day after the contact was created.
  SELECT DISTINCT ON (f.contact_id) f.contact_id, f.at, f.ref AS campaign_id
    FROM facts f WHERE f.what = 'p'
   ORDER BY f.contact_id, f.at, f.o, f.id
), ep AS (
  SELECT e.*, lead(e.at) OVER (PARTITION BY e.contact_id ORDER BY e.k) AS next_at,
         NULL::timestamptz AS touch_at, NULL::bigint AS campaign_id
    FROM episode e WHERE e.k > 0
  UNION ALL
  SELECT t.contact_id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, t.at, t.campaign_id FROM touch t
), lead AS (
  -- Each episode with its contact's first touch (the touch rows have no k).
  SELECT p.*, max(p.touch_at) OVER (PARTITION BY p.contact_id) AS first_touch_at, max(p.campaign_id) OVER (PARTITION BY p.contact_id) AS first_campaign_id
    FROM ep p
)
SELECT l.id AS episode_id, l.contact_id, l.at,
       q.transition_id IS NOT NULL AS recorded,
       CASE WHEN q.transition_id IS NOT NULL THEN q.mql_type WHEN l.next_at IS NULL THEN c.mql_type END AS mql_type,
       CASE WHEN q.transition_id IS NOT NULL THEN q.definition_version WHEN l.next_at IS NULL THEN c.mql_definition_version END AS definition_version,
       CASE WHEN q.transition_id IS NOT NULL THEN q.clause WHEN l.next_at IS NULL THEN c.mql_clause END AS clause,
       ${channel} AS channel,
       ${detail} AS detail,
       cp.id AS campaign_id, cp.name AS campaign,
       l.rep_id, u.name AS rep,
       l.ended, l.reason, l.ended_at,
       COALESCE(l.accepted_at < LEAST(COALESCE(l.ended_at, 'infinity'), $3), false) AS accepted,
       cu.at AS customer_at,
       CASE WHEN cu.at IS NOT NULL THEN COALESCE(l.revenue, 0) ELSE 0 END AS revenue
  FROM lead l
  JOIN contacts c ON c.id = l.contact_id
  LEFT JOIN mql_qualifications q ON q.transition_id = l.id
  LEFT JOIN campaigns cp ON cp.id = l.first_campaign_id AND l.first_touch_at <= c.created_at + interval '1 day'
  LEFT JOIN users u ON u.id = l.rep_id
  CROSS JOIN LATERAL (SELECT CASE WHEN l.customer_at >= l.at AND l.customer_at < COALESCE(l.next_at, 'infinity') THEN l.customer_at END AS at) cu
 WHERE l.at >= $1 AND l.at < $2
 ORDER BY l.at, l.id`;

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
