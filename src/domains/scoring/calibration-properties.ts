/**
 * Closed-loop calibration over properties: where an imported history's signal lives in who the
 * contacts are (lead source, last activity, occupation, landing page, company size) rather than in
 * tracked actions, the close rate of each value of each property — and of each quantile bucket of
 * a numeric one — with the same interval, lift and suggested points as the actions.
 */
import type { Db } from '../../db/client.js';
import type { ReportWindow } from '../reports/report-window.js';
import { listSegments } from '../workspace/segment-list.js';
import { type ActionCount, type CalibratedAction, type CalibrationOptions, type CohortCount, calibrate } from './calibration-stats.js';
import type { LabelledRecord } from './predictive-features.js';
import { featureLabeller, seniority, seniorityLabels } from './predictive-records.js';
import { wholeDayParams } from './queries/customer-cohort.js';
import { propertyTalliesSql } from './queries/predictive-records.js';

/** Quintiles: enough to see a trend, each bucket a fifth of the contacts (ties permitting). */
export const NUMERIC_BUCKETS = 5;
/** Values listed per property; the rarer ones are summed into one "other values" row. */
export const MAX_VALUES = 15;
/** A property with more distinct values than this, most of them on one contact or two, is free text or an id. */
const FREE_TEXT_VALUES = 30;

export interface PropertyValueCount extends ActionCount {
  property: string;
  propertyLabel: string;
  /** The value (categorical), null for "not set" and for numeric buckets and "other values". */
  value: string | null;
  /** A numeric bucket's smallest and largest value. */
  range: [number, number] | null;
}

export type CalibratedPropertyValue = CalibratedAction & Omit<PropertyValueCount, keyof ActionCount>;

// Fields every CRM has, before the custom properties, in this order.
const builtInOrder = ['source', 'seniority', 'industry', 'segment', 'country', 'employees', 'annual_revenue'];

function propertyOrder(a: string, b: string): number {
  const ia = builtInOrder.indexOf(a);
  const ib = builtInOrder.indexOf(b);
  if (ia !== -1 || ib !== -1) return (ia === -1 ? Infinity : ia) - (ib === -1 ? Infinity : ib);
  // Contact properties before company properties, then by name.
  return Number(a.startsWith('company.')) - Number(b.startsWith('company.')) || a.localeCompare(b);
}

const formatNumber = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** How a value reads; segments are keys with labels in the workspace settings, passed in. */
export function valueLabel(property: string, value: string, segments: ReadonlyMap<string, string> = new Map()): string {
  if (property === 'seniority') return seniorityLabels[value] ?? value;
  if (property === 'segment') return segments.get(value) ?? value;
  if (value === 'true') return 'Yes';
  if (value === 'false') return 'No';
  // An enum's code ("end_user", "contact_sales") reads as words; free text stays as it was typed.
  if (/^[a-z0-9]+(_[a-z0-9]+)+$/.test(value)) return value.charAt(0).toUpperCase() + value.slice(1).replace(/_/g, ' ');
  return value;
}

type ValueLabeller = (property: string, value: string) => string;
/** A record, or with `contacts` that many contacts alike in the property being counted. */
type CountedRecord = LabelledRecord & { contacts?: number };
type Tally = { contacts: number; customers: number };
const tally = (): Tally => ({ contacts: 0, customers: 0 });
const weight = (r: CountedRecord) => r.contacts ?? 1;
const add = (t: Tally, r: CountedRecord) => {
  t.contacts += weight(r);
  t.customers += r.label * weight(r);
};

function categoricalGroups(property: string, propertyLabel: string, rows: CountedRecord[], labelOfValue: ValueLabeller): PropertyValueCount[] {
  const byValue = new Map<string, Tally>();
  const unset = tally();
  for (const r of rows) {
    const raw = r.categorical[property];
    const v = typeof raw === 'string' ? raw.trim() : '';
    if (!v) add(unset, r);
    else {
      if (!byValue.has(v)) byValue.set(v, tally());
      add(byValue.get(v)!, r);
    }
  }
  const present = rows.reduce((n, r) => n + weight(r), 0) - unset.contacts;
  if (byValue.size > FREE_TEXT_VALUES && byValue.size > present / 2) return [];
  const ranked = [...byValue].sort((a, b) => b[1].contacts - a[1].contacts || a[0].localeCompare(b[0]));
  const base = { kind: 'property' as const, property, propertyLabel, range: null };
  const out: PropertyValueCount[] = ranked.slice(0, MAX_VALUES).map(([v, t]) => ({ ...base, key: `${property}=${v}`, label: labelOfValue(property, v), value: v, ...t }));
  const rest = ranked.slice(MAX_VALUES);
  if (rest.length) {
    const t = rest.reduce((s, [, x]) => ({ contacts: s.contacts + x.contacts, customers: s.customers + x.customers }), tally());
    out.push({ ...base, key: `${property}=(other)`, label: `Other values (${rest.length})`, value: null, ...t });
  }
  if (unset.contacts) out.push({ ...base, key: `${property}=(not set)`, label: 'Not set', value: null, ...unset });
  return out;
}

/**
 * Quantile buckets: the sorted values are cut into NUMERIC_BUCKETS runs of about equal size, a
 * value's ties never split — a value held by more than its share (the zeros of a count) is a
 * bucket of its own, and the rest is shared out among the buckets left.
 */
function numericGroups(property: string, propertyLabel: string, rows: CountedRecord[]): PropertyValueCount[] {
  const present: { v: number; r: CountedRecord }[] = [];
  const unset = tally();
  for (const r of rows) {
    const v = r.numeric[property];
    if (typeof v === 'number' && Number.isFinite(v)) present.push({ v, r });
    else add(unset, r);
  }
  present.sort((a, b) => a.v - b.v);
  const buckets: (Tally & { lo: number; hi: number })[] = [];
  let left = present.reduce((n, p) => n + weight(p.r), 0);
  let target = left / NUMERIC_BUCKETS;
  let open: (Tally & { lo: number; hi: number }) | null = null;
  for (let i = 0; i < present.length; ) {
    open ??= { ...tally(), lo: present[i]!.v, hi: present[i]!.v };
    const v = present[i]!.v;
    for (; i < present.length && present[i]!.v === v; i++) add(open, present[i]!.r);
    open.hi = v;
    if (open.contacts >= target - 1e-9 && buckets.length < NUMERIC_BUCKETS - 1) {
      buckets.push(open);
      left -= open.contacts;
      target = left / (NUMERIC_BUCKETS - buckets.length);
      open = null;
    }
  }
  if (open) buckets.push(open);
  const base = { kind: 'property' as const, property, propertyLabel, value: null };
  const out: PropertyValueCount[] = buckets.map((k) => ({
    ...base, key: `${property}:${k.lo}..${k.hi}`, label: k.lo === k.hi ? formatNumber(k.lo) : `${formatNumber(k.lo)} – ${formatNumber(k.hi)}`,
    range: [k.lo, k.hi], contacts: k.contacts, customers: k.customers,
  }));
  if (unset.contacts) out.push({ ...base, key: `${property}:(not set)`, label: 'Not set', range: null, ...unset });
  return out;
}

/**
 * Per property of the records (action counts left out: the actions table has them), one group per
 * value or numeric bucket, plus "not set". A property whose contacts all fall in one group says
 * nothing and is left out.
 */
export function propertyValueCounts(rows: LabelledRecord[], labelOf: (property: string) => string = (p) => p, labelOfValue: ValueLabeller = valueLabel): PropertyValueCount[][] {
  return countedPropertyGroups(rows, () => rows, labelOf, labelOfValue);
}

/** propertyValueCounts over `all` records, `rowsOf(p)` giving the ones to count property p over (all of them, weighed). */
function countedPropertyGroups(all: CountedRecord[], rowsOf: (property: string) => CountedRecord[], labelOf: (property: string) => string, labelOfValue: ValueLabeller): PropertyValueCount[][] {
  const numeric = new Set<string>();
  const categorical = new Set<string>();
  for (const r of all) {
    for (const [k, v] of Object.entries(r.numeric)) if (typeof v === 'number' && Number.isFinite(v)) numeric.add(k);
    for (const [k, v] of Object.entries(r.categorical)) if (typeof v === 'string' && v.trim()) categorical.add(k);
  }
  const properties = [...new Set([...numeric, ...categorical])].filter((p) => !p.startsWith('did ')).sort(propertyOrder);
  return properties
    .map((p) => (numeric.has(p) ? numericGroups(p, labelOf(p), rowsOf(p)) : categoricalGroups(p, labelOf(p), rowsOf(p), labelOfValue)))
    .filter((groups) => groups.length >= 2);
}

/** A row of propertyTalliesSql: how many contacts of an outcome had a property's value (no property: all of them). */
export interface PropertyTally {
  property: string | null;
  num: number | null;
  txt: string | null;
  customer: boolean;
  contacts: number;
}

/**
 * propertyValueCounts from counts instead of records: each tally stands for its contacts, and per
 * property the contacts without a value (the cohort less those with one) are its "not set". The
 * seniority is read from the job title here, as toRecord does.
 */
export function propertyValueCountsFromTallies(tallies: readonly PropertyTally[], labelOf: (property: string) => string = (p) => p, labelOfValue: ValueLabeller = valueLabel): PropertyValueCount[][] {
  const cohort = { 0: 0, 1: 0 };
  const byProperty = new Map<string, CountedRecord[]>();
  for (const t of tallies) {
    const label = t.customer ? 1 : 0;
    if (t.property === null) {
      cohort[label] += t.contacts;
      continue;
    }
    const property = t.property === 'job_title' ? 'seniority' : t.property;
    const text = t.property === 'job_title' ? seniority(t.txt) : t.txt;
    const record: CountedRecord = { id: 0, label, contacts: t.contacts, numeric: {}, categorical: {} };
    if (t.num !== null) record.numeric[property] = t.num;
    else if (text !== null) record.categorical[property] = text;
    else continue;
    if (!byProperty.has(property)) byProperty.set(property, []);
    byProperty.get(property)!.push(record);
  }
  const rowsOf = (property: string): CountedRecord[] => {
    const rows = byProperty.get(property) ?? [];
    const valued = { 0: 0, 1: 0 };
    for (const r of rows) valued[r.label] += weight(r);
    const unset = ([0, 1] as const).filter((l) => cohort[l] > valued[l]).map((l): CountedRecord => ({ id: 0, label: l, contacts: cohort[l] - valued[l], numeric: {}, categorical: {} }));
    return [...rows, ...unset];
  };
  return countedPropertyGroups([...byProperty.values()].flat(), rowsOf, labelOf, labelOfValue);
}

/** Values first by what they say (calibrate's order), with "other values" and "not set" after them. */
function groupOrder(a: CalibratedPropertyValue, b: CalibratedPropertyValue): number {
  const tail = (x: CalibratedPropertyValue) => (x.value === null && x.range === null ? 1 : 0);
  return tail(a) - tail(b);
}

/** Calibrated groups of every property, properties in a stable order, numeric buckets in their order. */
export function calibratePropertyCounts(groups: PropertyValueCount[][], baseline: CohortCount, opts: CalibrationOptions = {}): CalibratedPropertyValue[] {
  return groups.flatMap((g) => {
    const meta = new Map(g.map((x) => [x.key, x]));
    const calibrated = calibrate(g, baseline, opts).actions.map((a) => ({ ...a, ...pick(meta.get(a.key)!) }));
    if (g[0]!.range === null && g.every((x) => x.range === null)) return calibrated.sort(groupOrder);
    const position = new Map(g.map((x, i) => [x.key, i]));
    return calibrated.sort((a, b) => position.get(a.key)! - position.get(b.key)!);
  });
}

const pick = (x: PropertyValueCount) => ({ property: x.property, propertyLabel: x.propertyLabel, value: x.value, range: x.range });

/**
 * Contacts created in the window, each with its properties as they were at its prediction moment
 * (the predictive model's point in time: values written after it do not count), grouped by value
 * for calibratePropertyCounts against the window's average close rate.
 */
export async function countPropertyValues(db: Db, w: ReportWindow): Promise<PropertyValueCount[][]> {
  const [tallies, labelOf, segments] = await Promise.all([db.query<PropertyTally>(propertyTalliesSql, wholeDayParams(w)), featureLabeller(db), listSegments(db)]);
  const segmentLabels = new Map(segments.map((s) => [s.key, s.label]));
  return propertyValueCountsFromTallies(tallies, labelOf, (p, v) => valueLabel(p, v, segmentLabels));
}
