import type { Db } from '../../db/client.js';
import { rejectionCode, rejectionReasons } from '../funnel/transitions.js';
import { definitionVersionsSql } from '../rituals/queries/monthly-definitions.js';
import { wilsonInterval, type Interval } from '../scoring/wilson-interval.js';
import { dimensionValueLabel, parseDimension, UNSPECIFIED_MQL_TYPE } from './dimensions.js';
import { leadQualitySql, type EpisodeFigures, type EpisodeGroupRow, type EpisodeSplit } from './queries/lead-quality.js';
import type { ReportWindow } from './report-window.js';
import { DateTime } from 'luxon';

/**
 * Lead quality back to marketing (PRODUCT.md §5, §6): of the MQL episodes that began in a window
 * (queries/lead-quality.ts says what an episode is), how many sales rejected and how many were
 * recycled to nurture, overall and by MQL type, source channel, source detail, campaign, MQL
 * definition clause and version, and rep; the reasons; the trend by month; and the groups whose
 * rejection rate is far above the average.
 *
 * Rates are cohort rates: rejected ÷ MQLs, both counted over the episodes that began in the
 * window (a rejection is counted with the MQL it ended, whenever it came up to `asOf`), so every
 * rate lies between 0 and 1 and a group's interval is a binomial one.
 */

/** The splits, in the order the report lists them. */
export const leadQualityDimensions = ['mql_type', 'channel', 'source_detail', 'campaign', 'clause', 'version', 'rep'] as const;
export type LeadQualityDimension = (typeof leadQualityDimensions)[number];

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
export const DEFAULT_MIN_SAMPLE = 10;

/** Group keys of the values an episode may lack. */
const NONE = '';

export interface Counts {
  mqls: number;
  rejected: number;
  recycled: number;
  /** rejected ÷ MQLs */
  rejection_rate: number | null;
  /** recycled ÷ MQLs */
  recycle_rate: number | null;
}

export interface LeadQualityGroup extends Counts {
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

/** The MQLs of groups of episodes: each row of a split counts the episodes of its group that ended one way. */
const sum = (rs: EpisodeGroupRow[], pick: (r: EpisodeGroupRow) => number | string | null) => rs.reduce((s, r) => s + Number(pick(r) ?? 0), 0);

function counts(rs: EpisodeGroupRow[]): Counts {
  const mqls = sum(rs, (r) => r.mqls);
  const rejected = sum(rs, (r) => (r.ended === 'reject' ? r.mqls : 0));
  const recycled = sum(rs, (r) => (r.ended === 'recycle' ? r.mqls : 0));
  return { mqls, rejected, recycled, rejection_rate: ratio(rejected, mqls), recycle_rate: ratio(recycled, mqls) };
}

function reasonMix(rs: EpisodeGroupRow[]) {
  const n = new Map<string, number>();
  for (const r of rs) if (r.ended === 'reject') n.set(rejectionCode(r.rkey), (n.get(rejectionCode(r.rkey)) ?? 0) + r.mqls!);
  const total = [...n.values()].reduce((s, v) => s + v, 0);
  return [...n].sort((a, b) => b[1] - a[1] || rejectionReasons.indexOf(a[0] as never) - rejectionReasons.indexOf(b[0] as never))
    .map(([reason, rejected]) => ({ reason, rejected, share: ratio(rejected, total) }));
}

/** The words of each clause of the definition versions the episodes name ("version:clause" → label). */
async function clauseLabels(db: Db, rows: Grouped[]): Promise<Map<string, { label: string | null; since: Date | null }>> {
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

/** What a split keys on: an episode's values, or its group's. */
type Grouped = Pick<EpisodeGroupRow, 'mql_type' | 'channel' | 'detail' | 'campaign_id' | 'campaign' | 'definition_version' | 'clause' | 'rep_id' | 'rep'>;

/** Each group's key and label in a split. */
function grouper(dimension: LeadQualityDimension, words: Map<string, { label: string | null; since: Date | null }>): (r: Grouped) => { key: string; label: string } {
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

/** The rows of one split merged by `key` (a trimmed MQL type merges groups), in the order their first episodes came. */
function split<R extends { first: string | null }, T>(rows: R[], key: (r: R) => { key: string; label: string }, make: (key: string, label: string, rs: R[]) => T): T[] {
  const groups = new Map<string, { label: string; rs: R[] }>();
  const first = new Map(rows.map((r) => [r, BigInt(r.first!)]));
  for (const r of [...rows].sort((a, b) => (first.get(a)! < first.get(b)! ? -1 : first.get(a)! > first.get(b)! ? 1 : 0))) {
    const k = key(r);
    const g = groups.get(k.key) ?? { label: k.label, rs: [] };
    g.rs.push(r);
    groups.set(k.key, g);
  }
  return [...groups].map(([k, g]) => make(k, g.label, g.rs));
}

/** The MQL episodes both reports read, counted in groups (queries/lead-quality.ts). */
export interface EpisodeGroups {
  rows: EpisodeGroupRow[];
  /** The window's months in the report's zone: a month row's bucket 1 is the first. */
  months: string[];
}

/** The groups one report reads, or both reports (the monthly marketing report shows both: one statement each, side by side). */
export async function leadQualityEpisodes(db: Db, w: ReportWindow, asOf: Date, zone = 'UTC', of: EpisodeFigures[] = ['quality', 'definitions']): Promise<EpisodeGroups> {
  const [channel, detail] = await Promise.all([parseDimension(db, 'channel', 'channel'), parseDimension(db, 'source_detail', 'source_detail')]);
  const at = { contact: 'c', company: 'co' };
  // Each month's first moment in the zone, as luxon reads months: the SQL only counts them.
  const starts: DateTime[] = [];
  for (let m = DateTime.fromJSDate(w.from, { zone }).startOf('month'); !starts.length || m.toJSDate() < w.to; m = m.plus({ months: 1 })) starts.push(m);
  const rows = await Promise.all(of.map((f) => db.query<EpisodeGroupRow>(
    leadQualitySql(channel.sql(at), detail.sql(at), f),
    f === 'quality' ? [w.from, w.to, asOf, starts.map((m) => m.toJSDate())] : [w.from, w.to, asOf],
  )));
  return { rows: rows.flat(), months: starts.map((m) => m.toFormat('yyyy-MM')) };
}

const ofSplit = (g: EpisodeGroups, s: EpisodeSplit) => g.rows.filter((r) => r.split === s && r.mqls !== null);

export interface LeadQualityOptions {
  /** Outcomes (rejections, recycles, sales) up to this moment count. */
  asOf: Date;
  zone?: string;
  minSample?: number;
  /** leadQualityEpisodes(db, w, asOf, zone) already fetched (the monthly marketing report shows both reports). */
  episodes?: EpisodeGroups;
}

/** The lead-quality report over `w`: see the module comment. */
export async function leadQualityReport(db: Db, w: ReportWindow, opts: LeadQualityOptions) {
  const zone = opts.zone ?? 'UTC';
  const minSample = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const episodes = opts.episodes ?? await leadQualityEpisodes(db, w, opts.asOf, zone, ['quality']);
  const all = ofSplit(episodes, 'all');
  const words = await clauseLabels(db, ofSplit(episodes, 'version'));
  const total = counts(all);
  const overall = total.rejection_rate;

  const dimensions = leadQualityDimensions.map((dimension) => ({
    dimension,
    label: dimensionLabels[dimension],
    groups: split(ofSplit(episodes, dimension), grouper(dimension, words), (key, label, rs): LeadQualityGroup => {
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

  const monthOf = (r: EpisodeGroupRow) => episodes.months[r.bucket! - 1]!;
  const trend = split(ofSplit(episodes, 'month'), (r) => ({ key: monthOf(r), label: monthOf(r) }), (month, _l, rs) => ({ month, ...counts(rs) }))
    .sort((a, b) => a.month.localeCompare(b.month));

  const flagged = dimensions.flatMap((d) => d.groups.filter((g) => g.flagged).map((g) => ({ dimension: d.dimension, dimension_label: d.label, ...g })));

  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    as_of: opts.asOf.toISOString(),
    min_sample: minSample,
    total,
    reasons: reasonMix(all),
    dimensions,
    flagged,
    trend,
  };
}

export type LeadQualityReport = Awaited<ReturnType<typeof leadQualityReport>>;

export interface DefinitionPerformanceRow {
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

/** A definition row's figures: `g` its group's counts, `middle` the lower and upper middle of its days to customer. */
function performance(key: string, label: string, version: number | null, g: EpisodeGroupRow, middle: EpisodeGroupRow | undefined): DefinitionPerformanceRow {
  const mqls = g.mqls!;
  const customers = g.customers!;
  const revenue = Number(g.revenue ?? 0);
  // The median of an odd count is its middle value (both ends are it), of an even one the mean of the middle two.
  const days = middle && customers ? (Number(middle.days_low) / DAY_MS + Number(middle.days_high) / DAY_MS) / 2 : null;
  return {
    key, label, version,
    mqls,
    accepted: g.accepted!,
    rejected: g.rejected!,
    customers,
    revenue: round2(revenue),
    close_rate: ratio(customers, mqls),
    value_per_mql: mqls ? round2(revenue / mqls) : null,
    median_days_to_customer: days === null ? null : Math.round(days * 10) / 10,
  };
}

/**
 * How each MQL-definition clause and version performs, over the MQL episodes that began in `w`:
 * MQLs, accepted by sales (reached SQL), rejected, customers, close rate, value per MQL (revenue ÷
 * MQLs) and the median days from the MQL moment to the customer moment. Episodes that record no
 * definition come last, as their own row, never judged.
 */
export async function mqlDefinitionPerformance(db: Db, w: ReportWindow, opts: { asOf: Date; zone?: string; episodes?: EpisodeGroups }) {
  const zone = opts.zone ?? 'UTC';
  const episodes = opts.episodes ?? await leadQualityEpisodes(db, w, opts.asOf, zone, ['definitions']);
  // A clause row groups by the clause and its version, both or neither (no clause recorded).
  const clauseRows = ofSplit(episodes, 'def_clause').map((r) => ({ ...r, definition_version: r.def_version, clause: r.def_clause }));
  const versionRows = ofSplit(episodes, 'def_version');
  const words = await clauseLabels(db, [...clauseRows, ...versionRows]);
  const groupOf = (r: EpisodeGroupRow) => `${r.split}|${r.split === 'def_clause' ? `${r.def_version}|${r.def_clause}` : r.split === 'def_version' ? r.definition_version : ''}`;
  const middles = new Map(episodes.rows.filter((r) => r.mqls === null).map((r) => [groupOf(r), r]));
  const middle = (r: EpisodeGroupRow) => middles.get(groupOf(r));
  const byVersion = (a: DefinitionPerformanceRow, b: DefinitionPerformanceRow) => (b.version ?? -1) - (a.version ?? -1) || b.mqls - a.mqls || a.label.localeCompare(b.label);
  const clause = grouper('clause', words);
  const clauses = split(clauseRows, clause, (key, label, [g]) => performance(key, label, g!.definition_version, g!, middle(g!))).sort(byVersion);
  const versions = split(versionRows, grouper('version', words), (key, label, [g]) => {
    const v = g!.definition_version;
    const since = v === null ? null : words.get(String(v))?.since ?? null;
    return { ...performance(key, label, v, g!, middle(g!)), since: since ? DateTime.fromJSDate(since, { zone }).toFormat('yyyy-MM-dd') : null };
  }).sort(byVersion);
  // No episodes, no row (the empty grouping set may answer none): all counts 0.
  const all = ofSplit(episodes, 'def_all')[0] ?? { split: 'def_all', mqls: 0, accepted: 0, rejected: 0, customers: 0, revenue: 0 } as EpisodeGroupRow;
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    as_of: opts.asOf.toISOString(),
    all: performance('all', 'All MQLs', null, all, middle(all)),
    versions,
    clauses,
  };
}

export type MqlDefinitionPerformance = Awaited<ReturnType<typeof mqlDefinitionPerformance>>;
