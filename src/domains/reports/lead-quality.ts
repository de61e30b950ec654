import type { Db } from '../../db/client.js';
import { rejectionCode, rejectionReasons } from '../funnel/transitions.js';
import { definitionVersionsSql } from '../rituals/queries/monthly-definitions.js';
import { wilsonInterval, type Interval } from '../scoring/wilson-interval.js';
import { dimensionValueLabel, parseDimension, UNSPECIFIED_MQL_TYPE } from './dimensions.js';
import { leadQualitySql, type EpisodeRow } from './queries/lead-quality.js';
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
export async function leadQualityEpisodes(db: Db, w: ReportWindow, asOf: Date): Promise<EpisodeRow[]> {
  const [channel, detail] = await Promise.all([parseDimension(db, 'channel', 'channel'), parseDimension(db, 'source_detail', 'source_detail')]);
  const at = { contact: 'c', company: 'co' };
  return db.query<EpisodeRow>(leadQualitySql(channel.sql(at), detail.sql(at)), [w.from, w.to, asOf]);
}

export interface LeadQualityOptions {
  /** Outcomes (rejections, recycles, sales) up to this moment count. */
  asOf: Date;
  zone?: string;
  minSample?: number;
  /** leadQualityEpisodes(db, w, asOf) already fetched (the monthly marketing report shows both reports). */
  episodes?: EpisodeRow[];
}

/** The lead-quality report over `w`: see the module comment. */
export async function leadQualityReport(db: Db, w: ReportWindow, opts: LeadQualityOptions) {
  const zone = opts.zone ?? 'UTC';
  const minSample = opts.minSample ?? DEFAULT_MIN_SAMPLE;
  const rows = opts.episodes ?? await leadQualityEpisodes(db, w, opts.asOf);
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
export async function mqlDefinitionPerformance(db: Db, w: ReportWindow, opts: { asOf: Date; zone?: string; episodes?: EpisodeRow[] }) {
  const rows = opts.episodes ?? await leadQualityEpisodes(db, w, opts.asOf);
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

export type MqlDefinitionPerformance = Awaited<ReturnType<typeof mqlDefinitionPerformance>>;
