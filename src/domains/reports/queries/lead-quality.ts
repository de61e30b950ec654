// The MQL episodes of a window and what became of each, counted in groups: the lead-quality report
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
// The episodes themselves, their ends, acceptances and reps are the mql_episodes rollup (migration
// 0037: it holds each one's first end and acceptance of all, which are the first before asOf when
// they are before it). The contact-level facts are joined here, and the episodes are counted in
// SQL, in one row per group of each split (GROUPING SETS): a year at 1M contacts is 180,000
// episodes, and sending them to Node to be counted there took longer than finding them.
// What stays in Node works on the groups: labels (trimmed MQL types, clause words), reason codes,
// rates and intervals. So the groups here are the raw values Node keys on, and a rejection's reason
// is sent as its code when a plain pattern finds one ("rejected: <code>"), else as written, for
// rejectionCode to read either way.

/** The columns a split groups on; a row's `split` says which of them it was grouped by. */
const splits = {
  mql_type: ['mql_type', 'ended', 'rkey'],
  channel: ['channel', 'ended', 'rkey'],
  source_detail: ['channel', 'detail', 'ended', 'rkey'],
  campaign: ['campaign_id', 'ended', 'rkey'],
  clause: ['definition_version', 'clause', 'ended', 'rkey'],
  version: ['definition_version', 'ended', 'rkey'],
  rep: ['rep_id', 'ended', 'rkey'],
  month: ['bucket', 'ended'],
  all: ['ended', 'rkey'],
  // The MQL-definition rows: one a clause (either part missing: one "no clause" group), one a version, one in all.
  def_clause: ['def_version', 'def_clause'],
  def_version: ['definition_version'],
  def_all: [],
} as const;
export type EpisodeSplit = keyof typeof splits;

const allColumns = [...new Set(Object.values(splits).flat())];

/**
 * SELECT … GROUP BY GROUPING SETS of these splits, each row with its split's name (from GROUPING():
 * a bit, from the right, for each key column the row is not grouped by) and every key column,
 * NULL where no split of these groups by it.
 */
function groupBy(of: EpisodeSplit[], aggregates: string, from: string): string {
  const keys = [...new Set(of.flatMap((s) => [...splits[s]]))];
  const mask = (cols: readonly string[]) => keys.reduce((m, c, i) => (cols.includes(c) ? m : m | (1 << (keys.length - 1 - i))), 0);
  const split = keys.length ? `CASE GROUPING(${keys.join(', ')}) ${of.map((s) => `WHEN ${mask(splits[s])} THEN '${s}'`).join(' ')} END` : `'${of[0]}'`;
  const types: Record<string, string> = { campaign_id: 'bigint', rep_id: 'bigint', definition_version: 'int', def_version: 'int', bucket: 'int' };
  return `SELECT ${split} AS split, ${allColumns.map((c) => (keys.includes(c) ? c : `NULL::${types[c] ?? 'text'} AS ${c}`)).join(', ')},
       ${aggregates}
  FROM ${from}`;
}
const sets = (of: EpisodeSplit[]) => `GROUPING SETS (${of.map((s) => `(${splits[s].join(', ')})`).join(', ')})`;
const definitionSplits: EpisodeSplit[] = ['def_clause', 'def_version', 'def_all'];
const qualitySplits = (Object.keys(splits) as EpisodeSplit[]).filter((s) => !definitionSplits.includes(s));

/** Which report's splits: each reads only the tables its own figures need. */
export type EpisodeFigures = 'quality' | 'definitions';

const wonAt = `COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC')`;

/**
 * $1, $2: the window; $3: asOf; $4: the starts of the months of the window in the report's zone
 * (an episode's `bucket` is the number of them up to its start, so Node names months as luxon does).
 */
export const leadQualitySql = (channel: string, detail: string, of: EpisodeFigures) => {
  const quality = of === 'quality';
  // What the other report alone needs is a constant here, and its tables are not read.
  const only = (forQuality: boolean, sql: string, otherwise = 'NULL') => (forQuality === quality ? sql : otherwise);
  return /* sql */ `
WITH p AS MATERIALIZED (
  -- The episodes of each combination of values (and days to customer) first: the splits then
  -- group a few hundred rows, not 180,000 episodes (sorted once per split at 1M), and the
  -- server's parallel workers count their share before sending it.
  SELECT ${allColumns.join(', ')}, days_ms, count(*) AS n, count(*) FILTER (WHERE accepted) AS accepted, count(*) FILTER (WHERE ended = 'reject') AS rejected,
         count(*) FILTER (WHERE customer) AS customers, sum(revenue) AS revenue, min(seq) AS seq
    FROM (
  SELECT ${only(true, 'CASE WHEN q.transition_id IS NOT NULL THEN q.mql_type WHEN ep.next_at IS NULL THEN c.mql_type END')} AS mql_type,
         v.definition_version, v.clause,
         CASE WHEN v.definition_version IS NOT NULL AND v.clause IS NOT NULL THEN v.definition_version END AS def_version,
         CASE WHEN v.definition_version IS NOT NULL AND v.clause IS NOT NULL THEN v.clause END AS def_clause,
         ${only(true, channel)} AS channel,
         ${only(true, detail)} AS detail,
         ${only(true, 'cp.id')}::bigint AS campaign_id,
         ${only(true, 'ep.rep_id')}::bigint AS rep_id,
         o.ended,
         ${only(true, `CASE WHEN o.ended = 'reject' THEN COALESCE('rejected: ' || substring(ep.reason from '^rejected:[ \\t\\n\\r\\f\\v]*([a-z_]+)'), ep.reason) END`)} AS rkey,
         COALESCE(ep.accepted_at < LEAST(COALESCE(o.ended_at, 'infinity'), $3), false) AS accepted,
         ${only(false, 'cu.at IS NOT NULL', 'false')} AS customer,
         ${only(false, 'CASE WHEN cu.at IS NOT NULL THEN COALESCE(wd.revenue, 0) ELSE 0 END', '0')} AS revenue,
         -- Milliseconds, as Node's Dates count them, so a median is the same number of days.
         ${only(false, '(floor(extract(epoch FROM cu.at) * 1000) - floor(extract(epoch FROM ep.at) * 1000))')}::bigint AS days_ms,
         ${only(true, 'width_bucket(ep.at, $4::timestamptz[])')}::int AS bucket,
         -- Groups are listed in the order their first episode came (by start, then id), then by
         -- size and label: its start and id in one number (ids stay below a microsecond's 10^20).
         trunc(extract(epoch FROM ep.at) * 1e26) + ep.transition_id AS seq
    FROM mql_episodes ep
    JOIN contacts c ON c.id = ep.contact_id
    LEFT JOIN mql_qualifications q ON q.transition_id = ep.transition_id
    CROSS JOIN LATERAL (SELECT CASE WHEN q.transition_id IS NOT NULL THEN q.definition_version WHEN ep.next_at IS NULL THEN c.mql_definition_version END AS definition_version,
                               CASE WHEN q.transition_id IS NOT NULL THEN q.clause WHEN ep.next_at IS NULL THEN c.mql_clause END AS clause) v
    CROSS JOIN LATERAL (SELECT CASE WHEN ep.ended_at < $3 THEN ep.ended END AS ended, CASE WHEN ep.ended_at < $3 THEN ep.ended_at END AS ended_at) o${only(true, `
    -- The contact's first campaign-tagged touch of all, its first visit's or its first event's (a
    -- visit first on a tie): the lead's campaign when it came up to a day after the contact was created.
    LEFT JOIN campaign_first_touches tv ON tv.contact_id = ep.contact_id AND tv.source = 'visit'
    LEFT JOIN campaign_first_touches te ON te.contact_id = ep.contact_id AND te.source = 'event'
    CROSS JOIN LATERAL (SELECT CASE WHEN te.at IS NULL OR tv.at <= te.at THEN tv.at ELSE te.at END AS at,
                               CASE WHEN te.at IS NULL OR tv.at <= te.at THEN tv.campaign_id ELSE te.campaign_id END AS campaign_id) t
    LEFT JOIN campaigns cp ON cp.id = t.campaign_id AND t.at <= c.created_at + interval '1 day'`, '')}${only(false, `
    -- The contact's customer moment: its first move to customer or evangelist, or its first won
    -- deal's close, whichever is first; its revenue: its won deals' amounts.
    LEFT JOIN (SELECT f.contact_id, min(f.first_at) AS at FROM contact_stage_firsts f
                WHERE f.stage IN ('customer', 'evangelist') AND f.first_at < $3 GROUP BY f.contact_id) cf ON cf.contact_id = ep.contact_id
    LEFT JOIN (SELECT d.contact_id, min(${wonAt}) AS at, sum(d.amount) AS revenue
                 FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
                WHERE ps.outcome = 'won' AND ${wonAt} < $3 GROUP BY d.contact_id) wd ON wd.contact_id = ep.contact_id
    CROSS JOIN LATERAL (SELECT LEAST(cf.at, wd.at) AS at) m
    CROSS JOIN LATERAL (SELECT CASE WHEN m.at >= ep.at AND m.at < COALESCE(ep.next_at, 'infinity') THEN m.at END AS at) cu`, '')}
   WHERE ep.at >= $1 AND ep.at < $2
  ) e
   GROUP BY ${allColumns.join(', ')}, days_ms
)
SELECT g.*, cp.name AS campaign, u.name AS rep FROM (
${groupBy(quality ? qualitySplits : definitionSplits, `sum(n)::int AS mqls,
       sum(accepted)::int AS accepted,
       sum(rejected)::int AS rejected,
       sum(customers)::int AS customers,
       sum(revenue) AS revenue,
       min(seq)::text AS first,
       NULL::bigint AS days_low, NULL::bigint AS days_high`, 'p')}
 GROUP BY ${sets(quality ? qualitySplits : definitionSplits)}${only(false, `
UNION ALL
-- The middle days to customer of each definition row (the middle two when even: Node averages
-- them), over each combination's customers (a customer has days, and a combination with days holds only customers).
${groupBy(definitionSplits, `NULL, NULL, NULL, NULL, NULL, NULL,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY days_ms), percentile_disc(0.5) WITHIN GROUP (ORDER BY days_ms DESC)`, 'p CROSS JOIN LATERAL generate_series(1, p.n)')}
 WHERE days_ms IS NOT NULL
 GROUP BY ${sets(definitionSplits)}`, '')}
) g
LEFT JOIN campaigns cp ON cp.id = g.campaign_id
LEFT JOIN users u ON u.id = g.rep_id`;
};
/** One group of a split: its key columns (null where the split does not group by them) and counts. */
export interface EpisodeGroupRow {
  split: EpisodeSplit;
  mql_type: string | null;
  channel: string;
  detail: string;
  campaign_id: number | null;
  campaign: string | null;
  definition_version: number | null;
  clause: string | null;
  def_version: number | null;
  def_clause: string | null;
  rep_id: number | null;
  rep: string | null;
  bucket: number | null;
  ended: 'reject' | 'recycle' | null;
  /** A rejection's reason, or just its code: rejectionCode reads both. */
  rkey: string | null;
  /** Null on the median rows, which carry only days_low / days_high. */
  mqls: number | null;
  accepted: number | null;
  rejected: number | null;
  customers: number | null;
  revenue: string | number | null;
  /** The order of the group's first episode: its start and id in one integer. */
  first: string | null;
  /** Milliseconds from MQL to customer: the lower and upper middle of the group's customers. */
  days_low: string | number | null;
  days_high: string | number | null;
}
