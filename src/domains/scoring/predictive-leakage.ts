/**
 * Leakage: a feature that tells the outcome because it was written after it (an industry filled in
 * when the deal was won, a "reason lost" field). The change history rewinds what it can (see
 * predictive-records.ts); what it cannot is recognised by its effect on the training contacts, and
 * left out of the model with the reason, instead of producing an AUC of 1.000 that means nothing.
 */
import { fit, predict } from './logistic-regression.js';
import { auc } from './predictive-evaluation.js';
import { type FeatureOptions, type LabelledRecord, buildFeatures } from './predictive-features.js';

/** A single feature that ranks customers above the rest this well is not a signal one has before the outcome. */
export const LEAK_AUC = 0.97;
/**
 * "Filled only for one class" must be unlikely by chance: if the field were unrelated to the
 * outcome, all k filled rows landing in one class has probability ≈ share^k; below this it is a leak.
 */
const ONE_CLASS_P = 0.001;
/** Fewer filled rows than this say nothing either way. */
const MIN_FILLED = 5;
/**
 * The single-feature AUCs are measured on at most this many rows (an even sample): one fit per
 * feature, and the AUC of 5,000 rows is within ±0.01 of all of them, plenty against a 0.97 bar.
 */
const MAX_AUC_ROWS = 5000;

export interface Leak {
  /** The feature source: a property ("industry", "contact.plan"), or an action count ("did X"). */
  feature: string;
  kind: 'one_class' | 'separates';
  /** The feature's AUC on its own (training contacts); null for a field filled for one class only. */
  auc: number | null;
  reason: string;
}

function present(r: LabelledRecord, source: string): boolean {
  const n = r.numeric[source];
  if (typeof n === 'number' && Number.isFinite(n)) return true;
  const c = r.categorical[source];
  return typeof c === 'string' && c.trim() !== '';
}

function sourcesOf(rows: LabelledRecord[]): string[] {
  const s = new Set<string>();
  for (const r of rows) {
    for (const k of Object.keys(r.numeric)) s.add(k);
    for (const k of Object.keys(r.categorical)) s.add(k);
  }
  return [...s].sort();
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** The AUC of a model that knows only this one feature, on the rows it was fitted to. */
export function singleFeatureAuc(rows: LabelledRecord[], source: string, opts: FeatureOptions = {}): number | null {
  const only = rows.map((r) => ({
    id: r.id,
    label: r.label,
    numeric: source in r.numeric ? { [source]: r.numeric[source] } : {},
    categorical: source in r.categorical ? { [source]: r.categorical[source] } : {},
  }));
  const f = buildFeatures(only, opts);
  if (f.featureNames.length === 0) return null;
  const model = fit(f.X, f.y, { l2: 1 });
  return auc(f.X.map((x) => predict(model, x)), f.y);
}

/**
 * The features to leave out of training, each with its reason: a property filled for one class
 * and never for the other (action counts are exempt: not doing something is not a blank field),
 * or any feature that alone ranks the training contacts with AUC above LEAK_AUC.
 */
export function findLeaks(rows: LabelledRecord[], opts: FeatureOptions = {}): Leak[] {
  const positives = rows.filter((r) => r.label === 1).length;
  const negatives = rows.length - positives;
  if (positives === 0 || negatives === 0) return [];
  const leaks: Leak[] = [];
  const step = Math.ceil(rows.length / MAX_AUC_ROWS);
  const sample = step > 1 ? rows.filter((_, i) => i % step === 0) : rows;
  for (const source of sourcesOf(rows)) {
    if (!source.startsWith('did ')) {
      let filledPos = 0;
      let filledNeg = 0;
      for (const r of rows) if (present(r, source)) r.label === 1 ? filledPos++ : filledNeg++;
      const oneClass = (filled: number, share: number) => filled >= MIN_FILLED && share ** filled < ONE_CLASS_P;
      if (filledNeg === 0 && oneClass(filledPos, positives / rows.length)) {
        leaks.push({ feature: source, kind: 'one_class', auc: null, reason: `filled for ${count(filledPos, 'customer')} of ${positives.toLocaleString('en-US')} and for none of the ${count(negatives, 'other contact')} at their prediction moment: probably written after the outcome` });
        continue;
      }
      if (filledPos === 0 && oneClass(filledNeg, negatives / rows.length)) {
        leaks.push({ feature: source, kind: 'one_class', auc: null, reason: `filled for ${count(filledNeg, 'non-customer')} and for none of the ${count(positives, 'customer')} at their prediction moment: probably written after the outcome` });
        continue;
      }
    }
    const a = singleFeatureAuc(sample, source, opts);
    if (a !== null && a > LEAK_AUC) {
      leaks.push({ feature: source, kind: 'separates', auc: a, reason: `on its own it separates customers from the others almost perfectly (AUC ${a.toFixed(3)}): probably known only once the outcome was` });
    }
  }
  return leaks;
}

/** The rows without the given feature sources. */
export function withoutSources<T extends LabelledRecord>(rows: T[], sources: ReadonlySet<string>): T[] {
  if (!sources.size) return rows;
  const strip = <V>(o: Record<string, V>) => Object.fromEntries(Object.entries(o).filter(([k]) => !sources.has(k)));
  return rows.map((r) => ({ ...r, numeric: strip(r.numeric), categorical: strip(r.categorical) }));
}
