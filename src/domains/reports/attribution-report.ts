import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import {
  aggregateAttribution,
  attributionDimensions,
  attributionModels,
  defaultHalfLifeDays,
  type AttributionDimension,
  type AttributionModel,
  type AttributionRow,
  type AttributionTable,
  type Conversion,
} from './attribution.js';
import { attributionTouchpointsSql, type AttributionTouchpointRow } from './queries/attribution-touchpoints.js';
import type { ReportWindow } from './report-window.js';
import { NO_VALUE } from './dimensions.js';

export const defaultLookbackDays = 365;

export interface AttributionReportOptions {
  /** One model; all five by default. */
  model?: AttributionModel;
  /** One dimension; channel, source detail, campaign and asset by default. */
  dimension?: AttributionDimension;
  /** Touchpoints older than this many days before the conversion are ignored (default 365). */
  lookbackDays?: number;
  /** Time-decay half-life in days (default 7). */
  halfLifeDays?: number;
}

export interface AttributionReport {
  from: string;
  to: string;
  lookback_days: number;
  half_life_days: number;
  /** Customers who converted in the window (see queries/attribution-touchpoints.ts). */
  conversions: number;
  /** Their revenue in the window; every model's rows of every dimension add up to it. */
  revenue: number;
  /** Conversions with no touchpoint in the lookback, credited to their original source (or Unknown). */
  conversions_without_touchpoints: number;
  models: Partial<Record<AttributionModel, AttributionTable>>;
}

/**
 * Revenue of the customers who converted in the window, credited to the channels, campaigns and
 * assets that touched them before, under first-touch, last-touch, linear, U-shaped and
 * time-decay models (attribution.ts).
 */
export async function attributionReport(db: Db, w: ReportWindow, opts: AttributionReportOptions = {}): Promise<AttributionReport> {
  const lookbackDays = opts.lookbackDays ?? defaultLookbackDays;
  const halfLifeDays = opts.halfLifeDays ?? defaultHalfLifeDays;
  const problems = [];
  if (!Number.isInteger(lookbackDays) || lookbackDays < 1) problems.push({ field: 'lookback_days', problem: 'must be a whole number of days, at least 1' });
  if (!(halfLifeDays > 0) || !Number.isFinite(halfLifeDays)) problems.push({ field: 'half_life_days', problem: 'must be a positive number of days' });
  if (opts.model && !attributionModels.includes(opts.model)) problems.push({ field: 'model', problem: `must be one of ${attributionModels.join(', ')}` });
  if (opts.dimension && !attributionDimensions.includes(opts.dimension)) problems.push({ field: 'dimension', problem: `must be one of ${attributionDimensions.join(', ')}` });
  if (problems.length) throw invalid(problems);

  const rows = await db.query<AttributionTouchpointRow>(attributionTouchpointsSql, [w.from, w.to, lookbackDays]);
  const conversions = groupConversions(rows);
  const revenue = Math.round(conversions.reduce((s, c) => s + c.revenue, 0) * 100) / 100;
  return {
    from: w.from.toISOString(),
    to: w.to.toISOString(),
    lookback_days: lookbackDays,
    half_life_days: halfLifeDays,
    conversions: conversions.length,
    revenue,
    conversions_without_touchpoints: rows.filter((r) => r.kind === 'none').length,
    models: aggregateAttribution(conversions, {
      halfLifeDays,
      models: opts.model ? [opts.model] : attributionModels,
      dimensions: opts.dimension ? [opts.dimension] : attributionDimensions,
    }),
  };
}

/**
 * The report as one table (terminal, CSV): a row per dimension and key, a revenue column per
 * model; keys ordered as the first model listed orders them, a missing key shown as (none).
 */
export function attributionTable(r: AttributionReport): Record<string, string | number>[] {
  const models = attributionModels.filter((m) => r.models[m]);
  const rows: Record<string, string | number>[] = [];
  for (const d of attributionDimensions) {
    const lists = models.map((m) => r.models[m]![d]);
    if (!lists[0]) continue;
    // A source detail is one within its channel: "Organic Search · google".
    const id = (x: AttributionRow) => (d === 'source_detail' ? `${x.channel ?? '(none)'} · ${x.key ?? NO_VALUE}` : x.key ?? NO_VALUE);
    const keys = [...new Set(lists.flatMap((l) => (l ?? []).map(id)))];
    for (const key of keys) {
      const row: Record<string, string | number> = { dimension: d, key };
      models.forEach((m, i) => (row[m] = lists[i]?.find((x) => id(x) === key)?.revenue ?? 0));
      rows.push(row);
    }
  }
  return rows;
}

/** The query's rows (one per touchpoint, grouped by contact, in time order) as conversions. */
function groupConversions(rows: readonly AttributionTouchpointRow[]): Conversion[] {
  const out: Conversion[] = [];
  let current: { id: number; c: Conversion & { touchpoints: Conversion['touchpoints'][number][] } } | null = null;
  for (const r of rows) {
    if (!current || current.id !== r.contact_id) {
      current = { id: r.contact_id, c: { revenue: Number(r.revenue), convertedAt: new Date(r.converted_at), touchpoints: [] } };
      out.push(current.c);
    }
    current.c.touchpoints.push({ at: new Date(r.at), channel: r.channel, source_detail: r.source_detail, campaign: r.campaign, asset: r.asset });
  }
  return out;
}
