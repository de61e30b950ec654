/**
 * Turns generic contact records into model features, so the predictive score works on any
 * imported data set with custom properties, not only on the demo's fields. The encoder is
 * learnt from the training rows and stored with the model, so a contact scored next month is
 * encoded exactly like the ones the model was trained on.
 */

export type RecordId = string | number;

export interface PredictiveRecord {
  numeric: Record<string, number | null | undefined>;
  categorical: Record<string, string | null | undefined>;
}

export interface LabelledRecord extends PredictiveRecord {
  id: RecordId;
  /** 1 = became a customer. */
  label: 0 | 1;
}

export interface NumericSpec {
  source: string;
  transform: 'identity' | 'log1p';
  /** Median of the training values (after transform), used when the value is missing. */
  impute: number;
  hasMissing: boolean;
}

export interface CategoricalSpec {
  source: string;
  levels: string[];
  hasOther: boolean;
  hasMissing: boolean;
}

export interface FeatureEncoder {
  numeric: NumericSpec[];
  categorical: CategoricalSpec[];
  featureNames: string[];
}

export interface FeatureOptions {
  /** Most frequent levels kept per categorical property; the rest become "other". */
  topLevels?: number;
  /** Levels seen on fewer training rows go to "other": a weight learnt from 2 rows is noise. */
  minLevelCount?: number;
  /** Sample skewness above which a non-negative numeric property is log1p-transformed. */
  skewThreshold?: number;
}

export const DEFAULT_FEATURE_OPTIONS: Required<FeatureOptions> = { topLevels: 10, minLevelCount: 5, skewThreshold: 1 };

function presentNumber(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

/** Blank strings count as missing: CSV imports write "" where a CRM would write null. */
function presentLevel(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  const t = v.trim();
  return t === '' ? null : t;
}

function median(sorted: number[]): number {
  if (sorted.length === 0) return 0;
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Moment coefficient of skewness; 0 for a constant column. */
function skewness(values: number[]): number {
  const n = values.length;
  if (n < 3) return 0;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  let m2 = 0;
  let m3 = 0;
  for (const v of values) {
    m2 += (v - mean) ** 2 / n;
    m3 += (v - mean) ** 3 / n;
  }
  return m2 > 0 ? m3 / m2 ** 1.5 : 0;
}

/** Property names in a stable order, whatever order the records list them in. */
function keysOf(rows: PredictiveRecord[], part: 'numeric' | 'categorical'): string[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r[part])) keys.add(k);
  return [...keys].sort();
}

/**
 * Numeric rule: a value that is missing (null, absent or not finite) is replaced by the training
 * median and flagged by a "<name> is missing" feature, so missingness can carry its own weight.
 * A property whose values are all ≥ 0 with skewness > skewThreshold (counts such as downloads,
 * visits, employees: many small values, a long tail) is modelled as log1p(value), so ten
 * downloads versus one counts like one hundred versus ten instead of the tail dominating.
 */
function numericSpec(source: string, rows: PredictiveRecord[], opts: Required<FeatureOptions>): NumericSpec | null {
  const raw = rows.map((r) => r.numeric[source]);
  const present = raw.filter(presentNumber);
  if (present.length === 0) return null;
  const transform = present.every((v) => v >= 0) && skewness(present) > opts.skewThreshold ? 'log1p' : 'identity';
  const values = present.map((v) => (transform === 'log1p' ? Math.log1p(v) : v)).sort((a, b) => a - b);
  return { source, transform, impute: median(values), hasMissing: present.length < raw.length };
}

/**
 * Categorical rule: one feature per kept level (the topLevels most frequent with at least
 * minLevelCount rows; ties by name), one "other" for everything else and one "missing". No
 * reference level is dropped: the L2 penalty already makes the weights identifiable and keeps
 * every level's effect readable on its own.
 */
function categoricalSpec(source: string, rows: PredictiveRecord[], opts: Required<FeatureOptions>): CategoricalSpec | null {
  const counts = new Map<string, number>();
  let missing = 0;
  for (const r of rows) {
    const v = presentLevel(r.categorical[source]);
    if (v === null) missing++;
    else counts.set(v, (counts.get(v) ?? 0) + 1);
  }
  if (counts.size === 0) return null;
  const levels = [...counts.entries()]
    .filter(([, c]) => c >= opts.minLevelCount)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, opts.topLevels)
    .map(([level]) => level);
  const kept = levels.reduce((s, l) => s + counts.get(l)!, 0);
  return { source, levels, hasOther: kept < rows.length - missing, hasMissing: missing > 0 };
}

function namesOf(numeric: NumericSpec[], categorical: CategoricalSpec[]): string[] {
  const names: string[] = [];
  for (const s of numeric) {
    names.push(s.transform === 'log1p' ? `log1p(${s.source})` : s.source);
    if (s.hasMissing) names.push(`${s.source} is missing`);
  }
  for (const s of categorical) {
    for (const l of s.levels) names.push(`${s.source} = ${l}`);
    if (s.hasOther) names.push(`${s.source} = other`);
    if (s.hasMissing) names.push(`${s.source} is missing`);
  }
  return names;
}

export function fitEncoder(rows: PredictiveRecord[], opts: FeatureOptions = {}): FeatureEncoder {
  const o = { ...DEFAULT_FEATURE_OPTIONS, ...opts };
  const numeric = keysOf(rows, 'numeric').flatMap((k) => numericSpec(k, rows, o) ?? []);
  const categorical = keysOf(rows, 'categorical').flatMap((k) => categoricalSpec(k, rows, o) ?? []);
  return { numeric, categorical, featureNames: namesOf(numeric, categorical) };
}

/** One record as a feature vector in `encoder.featureNames` order. Unseen levels count as "other". */
export function encode(encoder: FeatureEncoder, record: PredictiveRecord): number[] {
  const x: number[] = [];
  for (const s of encoder.numeric) {
    const v = record.numeric[s.source];
    const ok = presentNumber(v);
    // A negative value for a log1p column (unseen in training) is clamped rather than NaN.
    x.push(ok ? (s.transform === 'log1p' ? Math.log1p(Math.max(0, v)) : v) : s.impute);
    if (s.hasMissing) x.push(ok ? 0 : 1);
  }
  for (const s of encoder.categorical) {
    const v = presentLevel(record.categorical[s.source]);
    for (const l of s.levels) x.push(v === l ? 1 : 0);
    if (s.hasOther) x.push(v !== null && !s.levels.includes(v) ? 1 : 0);
    if (s.hasMissing) x.push(v === null ? 1 : 0);
  }
  return x;
}

export interface FeatureMatrix {
  encoder: FeatureEncoder;
  featureNames: string[];
  ids: RecordId[];
  X: number[][];
  y: number[];
}

export function buildFeatures(rows: LabelledRecord[], opts: FeatureOptions = {}): FeatureMatrix {
  const encoder = fitEncoder(rows, opts);
  return {
    encoder,
    featureNames: encoder.featureNames,
    ids: rows.map((r) => r.id),
    X: rows.map((r) => encode(encoder, r)),
    y: rows.map((r) => r.label),
  };
}
