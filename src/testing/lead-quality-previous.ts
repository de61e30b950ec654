import type { Db } from '../db/client.js';
import { rejectionCode, rejectionReasons } from '../domains/funnel/transitions.js';
import { dimensionValueLabel, parseDimension, UNSPECIFIED_MQL_TYPE } from '../domains/reports/dimensions.js';
import type { ReportWindow } from '../domains/reports/report-window.js';
import { definitionVersionsSql } from '../domains/rituals/queries/monthly-definitions.js';
import { wilsonInterval, type Interval } from '../domains/scoring/wilson-interval.js';
import { DateTime } from 'luxon';

// The lead-quality and MQL-definition reports as they were before the mql_episodes rollup
// (migration 0037) and the counting in SQL, kept whole as the yardstick the new code is held to:
// its statement sent every episode to Node, which counted them. Tests and the bench only.

const isStart = (t: string) =>
  `(${t}.to_stage = 'mql' AND ${t}.kind IN ('create', 'forward', 'import', 'sideways') AND (${t}.from_stage IS NULL OR ${t}.from_stage IN ('subscriber', 'lead', 'other')))`;
const isAcceptance = (t: string) => `(${t}.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND ${t}.kind IN ('forward', 'import', 'sideways'))`;
const wonAt = `COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC')`;

export const previousEpisodesSql = (channel: string, detail: string) => /* sql */ `
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

/** The splits, in the order the report lists them. */
const leadQualityDimensions = ['mql_type', 'channel', 'source_detail', 'campaign', 'clause', 'version', 'rep'] as const;
type LeadQualityDimension = (typeof leadQualityDimensions)[number];

const dimensionLabels: Record<LeadQualityDimension, string> = {
  mql_type: 'MQL type',
  channel: 'Source channel',
  source_detail: 'Source detail',
  campaign: 'Campaign',
  clause: 'MQL definition clause',
  version: 'MQL definition version',
  rep: 'Rep',
};

/**
 * A group is flagged when it has at least this many MQLs (default) and the lower end of the 95 %
 * Wilson interval of its rejection rate is above the overall rate: far enough above average that
 * chance alone is an unlikely reason, and never on a handful of leads.
 */
const DEFAULT_MIN_SAMPLE = 10;

/** Group keys of the values an episode may lack. */
const NONE = '';

interface Counts {
  mqls: number;
  rejected: number;
  recycled: number;
  /** rejected ÷ MQLs */
  rejection_rate: number | null;
  /** recycled ÷ MQLs */
  recycle_rate: number | null;
}

interface LeadQualityGroup extends Counts {
  key: string;
  label: string;
  /** 95 % Wilson interval of the rejection rate. */
  interval: Interval | null;
  flagged: boolean;
  /** The most common rejection reason code and its count. */
  top_reason: string | null;
  top_reason_count: number;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);
const round2 = (v: number) => Math.round(v * 100) / 100;

function counts(rs: EpisodeRow[]): Counts {
  const rejected = rs.filter((r) => r.ended === 'reject').length;
  const recycled = rs.filter((r) => r.ended === 'recycle').length;
  return { mqls: rs.length, rejected, recycled, rejection_rate: ratio(rejected, rs.length), recycle_rate: ratio(recycled, rs.length) };
}

function reasonMix(rs: EpisodeRow[]) {
  const n = new Map<string, number>();
  for (const r of rs) if (r.ended === 'reject') n.set(rejectionCode(r.reason), (n.get(rejectionCode(r.reason)) ?? 0) + 1);
  const total = [...n.values()].reduce((s, v) => s + v, 0);
  return [...n].sort((a, b) => b[1] - a[1] || rejectionReasons.indexOf(a[0] as never) - rejectionReasons.indexOf(b[0] as never))
    .map(([reason, rejected]) => ({ reason, rejected, share: ratio(rejected, total) }));
}

/** The words of each clause of the definition versions the episodes name ("version:clause" → label). */
async function clauseLabels(db: Db, rows: EpisodeRow[]): Promise<Map<string, { label: string | null; since: Date | null }>> {
  const versions = [...new Set(rows.map((r) => r.definition_version).filter((v): v is number => v !== null))];
  const defs = versions.length
    ? await db.query<{ version: number; definition: { clauses?: { id: string; label?: string }[] }; created_at: Date }>(definitionVersionsSql, [versions])
    : [];
  const out = new Map<string, { label: string | null; since: Date | null }>();
  for (const d of defs) {
    out.set(`${Number(d.version)}`, { label: null, since: new Date(d.created_at) });
    for (const c of d.definition.clauses ?? []) out.set(`${Number(d.version)}:${c.id}`, { label: c.label ?? null, since: null });
  }
  return out;
}

/** Each episode's key and label in a split. */
function grouper(dimension: LeadQualityDimension, words: Map<string, { label: string | null; since: Date | null }>): (r: EpisodeRow) => { key: string; label: string } {
  switch (dimension) {
    case 'mql_type': {
      return (r) => {
        const t = r.mql_type?.trim() || UNSPECIFIED_MQL_TYPE;
        return { key: t, label: dimensionValueLabel(t) };
      };
    }
    case 'channel':
      return (r) => ({ key: r.channel, label: r.channel });
    case 'source_detail':
      return (r) => ({ key: `${r.channel}\u0000${r.detail}`, label: `${r.channel} · ${r.detail}` });
    case 'campaign':
      return (r) => (r.campaign_id === null ? { key: NONE, label: 'No campaign' } : { key: String(r.campaign_id), label: r.campaign ?? 'No campaign' });
    case 'clause':
      return (r) => {
        if (r.definition_version === null || r.clause === null) return { key: NONE, label: 'No clause recorded (imported or set by hand)' };
        const label = words.get(`${r.definition_version}:${r.clause}`)?.label ?? 'A clause no longer on record';
        return { key: `${r.definition_version}:${r.clause}`, label: `${label} (version ${r.definition_version})` };
      };
    case 'version':
      return (r) => (r.definition_version === null ? { key: NONE, label: 'No definition recorded' } : { key: String(r.definition_version), label: `Version ${r.definition_version}` });
    case 'rep':
      return (r) => (r.rep_id === null ? { key: NONE, label: 'Unassigned' } : { key: String(r.rep_id), label: r.rep ?? 'A former user' });
  }
}

function split<T>(rows: EpisodeRow[], key: (r: EpisodeRow) => { key: string; label: string }, make: (key: string, label: string, rs: EpisodeRow[]) => T): T[] {
  const groups = new Map<string, { label: string; rs: EpisodeRow[] }>();
  for (const r of rows) {
    const k = key(r);
    const g = groups.get(k.key) ?? { label: k.label, rs: [] };
    g.rs.push(r);
    groups.set(k.key, g);
  }
  return [...groups].map(([k, g]) => make(k, g.label, g.rs));
}

/** The MQL episodes both reports read (queries/lead-quality.ts): fetch them once when a page shows both. */
export async function previousEpisodes(db: Db, w: ReportWindow, asOf: Date): Promise<EpisodeRow[]> {
  const [channel, detail] = await Promise.all([parseDimension(db, 'channel', 'channel'), parseDimension(db, 'source_detail', 'source_detail')]);
  const at = { contact: 'c', company: 'co' };
  return db.query<EpisodeRow>(previousEpisodesSql(channel.sql(at), detail.sql(at)), [w.from, w.to, asOf]);
}

interface LeadQualityOptions {
  /** Outcomes (rejections, recycles, sales) up to this moment count. */
  asOf: Date;
  zone?: string;
  minSample?: number;
  /** leadQualityEpisodes(db, w, asOf) already fetched (the monthly marketing report shows both reports). */
  episodes?: EpisodeRow[];
}

/** The lead-quality report over `w`: see the module comment. */
export async function previousLeadQualityReport(db: Db, w: ReportWindow, opts: LeadQualityOptions) {
  const zone = opts.zone ?? 'UTC';
  const minSample = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const rows = opts.episodes ?? await previousEpisodes(db, w, opts.asOf);
  const words = await clauseLabels(db, rows);
  const total = counts(rows);
  const overall = total.rejection_rate;

  const dimensions = leadQualityDimensions.map((dimension) => ({
    dimension,
    label: dimensionLabels[dimension],
    groups: split(rows, grouper(dimension, words), (key, label, rs): LeadQualityGroup => {
      const c = counts(rs);
      const interval = wilsonInterval(c.rejected, c.mqls);
      const [top] = reasonMix(rs);
      return {
        key, label, ...c, interval,
        flagged: overall !== null && c.mqls >= minSample && interval !== null && interval[0] > overall,
        top_reason: top?.reason ?? null, top_reason_count: top?.rejected ?? 0,
      };
    }).sort((a, b) => b.mqls - a.mqls || b.rejected - a.rejected || a.label.localeCompare(b.label)),
  }));

  const monthOf = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM');
  const trend = split(rows, (r) => ({ key: monthOf(r.at), label: monthOf(r.at) }), (month, _l, rs) => ({ month, ...counts(rs) }))
    .sort((a, b) => a.month.localeCompare(b.month));

  const flagged = dimensions.flatMap((d) => d.groups.filter((g) => g.flagged).map((g) => ({ dimension: d.dimension, dimension_label: d.label, ...g })));

  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    as_of: opts.asOf.toISOString(),
    min_sample: minSample,
    total,
    reasons: reasonMix(rows),
    dimensions,
    flagged,
    trend,
  };
}


interface DefinitionPerformanceRow {
  key: string;
  label: string;
  version: number | null;
  mqls: number;
  accepted: number;
  rejected: number;
  customers: number;
  revenue: number;
  /** customers ÷ MQLs */
  close_rate: number | null;
  /** revenue ÷ MQLs, as value per MQL is measured */
  value_per_mql: number | null;
  median_days_to_customer: number | null;
}

const DAY_MS = 86_400_000;

function median(values: number[]): number | null {
  if (!values.length) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

function performance(key: string, label: string, version: number | null, rs: EpisodeRow[]): DefinitionPerformanceRow {
  const won = rs.filter((r) => r.customer_at !== null);
  const revenue = won.reduce((s, r) => s + Number(r.revenue), 0);
  const days = median(won.map((r) => (new Date(r.customer_at!).getTime() - new Date(r.at).getTime()) / DAY_MS));
  return {
    key, label, version,
    mqls: rs.length,
    accepted: rs.filter((r) => r.accepted).length,
    rejected: rs.filter((r) => r.ended === 'reject').length,
    customers: won.length,
    revenue: round2(revenue),
    close_rate: ratio(won.length, rs.length),
    value_per_mql: rs.length ? round2(revenue / rs.length) : null,
    median_days_to_customer: days === null ? null : Math.round(days * 10) / 10,
  };
}

/**
 * How each MQL-definition clause and version performs, over the MQL episodes that began in `w`:
 * MQLs, accepted by sales (reached SQL), rejected, customers, close rate, value per MQL (revenue ÷
 * MQLs) and the median days from the MQL moment to the customer moment. Episodes that record no
 * definition come last, as their own row, never judged.
 */
export async function previousMqlDefinitionPerformance(db: Db, w: ReportWindow, opts: { asOf: Date; zone?: string; episodes?: EpisodeRow[] }) {
  const rows = opts.episodes ?? await previousEpisodes(db, w, opts.asOf);
  const words = await clauseLabels(db, rows);
  const zone = opts.zone ?? 'UTC';
  const byVersion = (a: DefinitionPerformanceRow, b: DefinitionPerformanceRow) => (b.version ?? -1) - (a.version ?? -1) || b.mqls - a.mqls || a.label.localeCompare(b.label);
  const clause = grouper('clause', words);
  const clauses = split(rows, clause, (key, label, rs) => performance(key, label, rs[0]!.definition_version === null || rs[0]!.clause === null ? null : rs[0]!.definition_version, rs)).sort(byVersion);
  const versions = split(rows, grouper('version', words), (key, label, rs) => {
    const v = rs[0]!.definition_version;
    const since = v === null ? null : words.get(String(v))?.since ?? null;
    return { ...performance(key, label, v, rs), since: since ? DateTime.fromJSDate(since, { zone }).toFormat('yyyy-MM-dd') : null };
  }).sort(byVersion);
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    as_of: opts.asOf.toISOString(),
    all: performance('all', 'All MQLs', null, rows),
    versions,
    clauses,
  };
}

