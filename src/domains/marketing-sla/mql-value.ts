import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { auditChange } from '../audit/audit-log.js';
import type { Ctx } from '../context.js';
import { mqlTypes } from '../scoring/mql-definition.js';
import { mqlValueSql } from './queries/mql-value.js';
import { parseDimension, sortGroups, UNSPECIFIED_MQL_TYPE } from '../reports/dimensions.js';
import { addMonths, monthBounds, monthOf, reportWindow, type ReportWindow } from '../reports/report-window.js';

export interface MeasuredValue {
  mql_type: string;
  segment: string | null;
  mqls: number;
  customers: number;
  revenue: number;
  /** customers ÷ MQLs */
  close_rate: number | null;
  /** revenue ÷ customers */
  avg_revenue_per_customer: number | null;
  /** avg revenue per customer × close rate (= revenue ÷ MQLs) */
  value: number | null;
}

interface ValueRow {
  mql_type: string;
  grp: string | null;
  mqls: number;
  customers: number;
  revenue: number;
}

/** Close rate, average revenue per customer and value per MQL of a sample. */
function valueOf(r: { mqls: number; customers: number; revenue: number }) {
  const closeRate = r.mqls ? r.customers / r.mqls : null;
  const avg = r.customers ? r.revenue / r.customers : null;
  return { close_rate: closeRate, avg_revenue_per_customer: avg, value: closeRate !== null && avg !== null ? round2(avg * closeRate) : r.mqls ? 0 : null };
}

/**
 * Value per MQL (PRODUCT.md §4) from the closed loop: for MQLs of each type (and segment, when
 * asked) that qualified in [from, to), average revenue per customer × MQL → customer close rate,
 * with the sample sizes it rests on.
 */
export async function measuredMqlValues(db: Db, w: { from: Date; to: Date }, asOf: Date, bySegment = false): Promise<MeasuredValue[]> {
  const segment = bySegment ? await parseDimension(db, 'segment', 'segment') : null;
  const rows = await db.query<ValueRow>(mqlValueSql(segment ? segment.sql({ contact: 'c', company: 'co' }) : null), [w.from, w.to, asOf]);
  return rows.map(({ grp, ...r }) => ({ ...r, segment: grp, ...valueOf(r) }));
}

export interface DimensionValueGroup extends Omit<MeasuredValue, 'mql_type' | 'segment'> {
  /** The dimension's value (as filtered on) and what it reads as. */
  group: string;
  label: string;
  /** The same figures per MQL type within the group, biggest first. */
  types: Omit<MeasuredValue, 'segment'>[];
}

/**
 * Value per MQL split by a report dimension (src/domains/reports/dimensions.ts: segment, industry,
 * country, channel, a contact's or company's enum property…): per value, over all its MQLs and per
 * MQL type, the biggest groups first. The same MQLs, customers and revenue as measuredMqlValues.
 */
export async function mqlValuesBy(db: Db, w: { from: Date; to: Date }, asOf: Date, dimension: string | undefined) {
  const dim = await parseDimension(db, dimension, 'segment');
  const rows = await db.query<ValueRow & { grp: string }>(mqlValueSql(dim.sql({ contact: 'c', company: 'co' })), [w.from, w.to, asOf]);
  const groups = new Map<string, ValueRow[]>();
  for (const r of rows) groups.set(r.grp, [...(groups.get(r.grp) ?? []), r]);
  const list: DimensionValueGroup[] = [...groups].map(([group, rs]) => {
    const total = { mqls: sum(rs.map((r) => r.mqls)), customers: sum(rs.map((r) => r.customers)), revenue: sum(rs.map((r) => r.revenue)) };
    const types = rs.map(({ grp: _g, ...r }) => ({ ...r, ...valueOf(r) })).sort((a, b) => b.mqls - a.mqls || a.mql_type.localeCompare(b.mql_type));
    return { group, label: dim.labelOf(group), ...total, ...valueOf(total), types };
  });
  return { dimension: { key: dim.key, label: dim.label }, groups: sortGroups(dim, list, (g) => g.group, (g) => g.mqls) };
}

const sum = (values: number[]) => values.reduce((s, v) => s + Number(v), 0);
const round2 = (n: number) => Math.round(n * 100) / 100;

/** The value an MQL type is counted at, as mqlValueTable gives it (PUT /api/mql-values/:type answers the whole table). */
export const typeValueOut = z.object({
  mql_type: z.string(),
  /** The measured figures (MeasuredValue's), there only when the type was measured. */
  segment: z.string().nullable().optional(),
  mqls: z.number().optional(),
  customers: z.number().optional(),
  revenue: z.number().optional(),
  close_rate: z.number().nullable().optional(),
  avg_revenue_per_customer: z.number().nullable().optional(),
  /** What an MQL of this type is counted at. */
  value: z.number(),
  measured: z.number().nullable(),
  override: z.number().nullable(),
  source: z.enum(['measured', 'override', 'default']),
});
export type TypeValue = z.infer<typeof typeValueOut>;

/**
 * The value used for each MQL type: the hand-set override, else the measured value, else 0 with
 * source 'default' (a type never seen has no evidence yet).
 */
export async function mqlValueTable(db: Db, w: { from: Date; to: Date }, asOf: Date): Promise<TypeValue[]> {
  const [measured, overrides] = await Promise.all([
    measuredMqlValues(db, w, asOf),
    db.query<{ mql_type: string; value: number }>('SELECT mql_type, value FROM mql_value_overrides'),
  ]);
  const types = [...new Set([...mqlTypes, ...measured.map((m) => m.mql_type), ...overrides.map((o) => o.mql_type)])];
  return types.map((t) => {
    const m = measured.find((x) => x.mql_type === t);
    const o = overrides.find((x) => x.mql_type === t);
    const value = o ? o.value : m?.value ?? 0;
    return { ...(m ?? {}), mql_type: t, value, measured: m?.value ?? null, override: o?.value ?? null, source: o ? 'override' : m?.value != null ? 'measured' : 'default' };
  });
}

/** The types a value can be set for: the MQL definition's, and MQLs without one. */
const valuedTypes: readonly string[] = [...mqlTypes, UNSPECIFIED_MQL_TYPE];

export async function setMqlValueOverride(ctx: Ctx, mqlType: string, value: number | null): Promise<void> {
  if (!valuedTypes.includes(mqlType)) {
    throw new AppError('validation_failed', `mql_type: must be one of ${valuedTypes.join(', ')}`, { errors: [{ field: 'mql_type', problem: `must be one of ${valuedTypes.join(', ')}` }] });
  }
  if (value !== null && (!Number.isFinite(value) || value < 0)) throw new AppError('validation_failed', 'value: must be an amount of 0 or more', { errors: [{ field: 'value', problem: 'must be an amount of 0 or more' }] });
  await ctx.db.tx(async (db) => {
    if (value === null) {
      const cleared = await db.query('DELETE FROM mql_value_overrides WHERE mql_type = $1 RETURNING mql_type', [mqlType]);
      if (cleared.length) await auditChange(db, ctx, { action: 'mql_value.cleared', objectType: 'mql_value', objectId: mqlType });
      return;
    }
    await db.query(
      `INSERT INTO mql_value_overrides (mql_type, value, updated_at, updated_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT (mql_type) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by`,
      [mqlType, value, ctx.clock.now(), ctx.actor.id ?? ctx.actor.type],
    );
    await auditChange(db, ctx, { action: 'mql_value.set', objectType: 'mql_value', objectId: mqlType, details: { value } });
  });
}

/** The 12 months before a month: the evidence a month's MQL values are measured on. */
export function valueWindowFor(month: string, zone = 'UTC'): { from: Date; to: Date } {
  return { from: monthBounds(addMonths(month, -12), zone).from, to: monthBounds(month, zone).from };
}

/** The window value per MQL is read over: the asked `month` or `from`/`to`, else the 12 months before the running month. */
export function mqlValueWindow(q: { month?: string; from?: string; to?: string }, now: Date, zone = 'UTC'): ReportWindow {
  return q.from || q.to || q.month ? reportWindow(q, now, 365, zone) : valueWindowFor(monthOf(now, zone), zone);
}

/**
 * The values MQLs of a month are counted at. A closed month's values are frozen the first time
 * they are asked for (later deals never rewrite a reported month); the running month uses
 * today's values, so an override applies at once.
 */
export async function valuesForMonth(db: Db, clock: Clock, month: string, zone = 'UTC'): Promise<Map<string, { value: number; source: string }>> {
  const bounds = monthBounds(month, zone);
  const closed = bounds.to.getTime() <= clock.now().getTime();
  if (closed) {
    const frozen = await db.query<{ mql_type: string; value: number; source: string }>('SELECT mql_type, value, source FROM mql_value_snapshots WHERE month = $1', [month]);
    if (frozen.length) return new Map(frozen.map((f) => [f.mql_type, { value: f.value, source: f.source }]));
  }
  const table = await mqlValueTable(db, valueWindowFor(month, zone), closed ? bounds.to : clock.now());
  if (closed) {
    await db.query(
      `INSERT INTO mql_value_snapshots (month, mql_type, value, source, mqls, customers, taken_at)
       SELECT $1, t, v, s, n, c, $7 FROM unnest($2::text[], $3::numeric[], $4::text[], $5::int[], $6::int[]) AS u(t, v, s, n, c)
       ON CONFLICT DO NOTHING`,
      [month, table.map((t) => t.mql_type), table.map((t) => t.value), table.map((t) => t.source), table.map((t) => t.mqls ?? 0), table.map((t) => t.customers ?? 0), clock.now()],
    );
  }
  return new Map(table.map((t) => [t.mql_type, { value: t.value, source: t.source }]));
}
