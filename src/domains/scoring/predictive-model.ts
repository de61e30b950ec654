/**
 * The predictive score (PRODUCT.md §3, beyond the guide): a logistic regression trained on
 * closed-loop outcomes, judged on held-out contacts, that gives each contact a probability to
 * become a customer and says which of its features moved that probability most.
 */
import { Random } from '../../shared/random.js';
import { type LogisticModel, fit, predict, standardise } from './logistic-regression.js';
import { type CalibrationBucket, auc, brierScore, calibrationTable } from './predictive-evaluation.js';
import { type FeatureEncoder, type FeatureOptions, type LabelledRecord, type PredictiveRecord, buildFeatures, encode } from './predictive-features.js';
import { type Leak, LEAK_AUC, findLeaks, withoutSources } from './predictive-leakage.js';

export interface TrainOptions extends FeatureOptions {
  seed: number;
  /** Share of each class held out for evaluation. */
  holdout?: number;
  l2?: number;
  /** Leave out features that look written after the outcome (default true). */
  dropLeaks?: boolean;
}

export interface PredictiveEvaluation {
  auc: number;
  brier: number;
  n_train: number;
  n_test: number;
  positives_train: number;
  positives_test: number;
  calibration: CalibrationBucket[];
  /** Features left out of training as probable leakage, with the reason. */
  leakage: Leak[];
  /** What a reader should doubt about these numbers (e.g. an AUC too good to be true). */
  warnings: string[];
}

export interface PredictiveModel {
  model: LogisticModel;
  encoder: FeatureEncoder;
  featureNames: string[];
  evaluation: PredictiveEvaluation;
}

export interface Factor {
  feature: string;
  /** The feature's value for this contact (1/0 for a level, the transformed number otherwise). */
  value: number;
  /** weight × standardised value: its push on the log-odds relative to an average contact. */
  contribution: number;
  direction: 'raises' | 'lowers';
}

/**
 * Stratified split: each class is shuffled by the seed and `holdout` of it is set aside, so the
 * test set has the training set's conversion rate even when customers are 1 % of contacts.
 * Rows are first ordered by id, so the split depends on the seed and not on query order.
 */
export function stratifiedSplit<T extends { id: string | number; label: 0 | 1 }>(rows: T[], seed: number, holdout: number): { train: T[]; test: T[] } {
  const random = new Random(seed);
  const train: T[] = [];
  const test: T[] = [];
  for (const label of [0, 1] as const) {
    const group = rows.filter((r) => r.label === label).sort((a, b) => String(a.id).localeCompare(String(b.id)));
    const rnd = random.fork(label);
    // Fisher–Yates.
    for (let i = group.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [group[i], group[j]] = [group[j], group[i]];
    }
    const nTest = Math.round(group.length * holdout);
    test.push(...group.slice(0, nTest));
    train.push(...group.slice(nTest));
  }
  return { train, test };
}

function countPositives(rows: LabelledRecord[]): number {
  return rows.filter((r) => r.label === 1).length;
}

export function trainPredictiveModel(rows: LabelledRecord[], opts: TrainOptions): PredictiveModel {
  const holdout = opts.holdout ?? 0.25;
  if (!(holdout > 0 && holdout < 1)) throw new RangeError('holdout must lie strictly between 0 and 1');
  for (const r of rows) if (r.label !== 0 && r.label !== 1) throw new RangeError(`label of ${r.id} must be 0 or 1`);
  const { train, test } = stratifiedSplit(rows, opts.seed, holdout);
  const positivesTrain = countPositives(train);
  const positivesTest = countPositives(test);
  // Without both outcomes on both sides there is nothing to learn or nothing to measure.
  if (positivesTrain === 0 || positivesTrain === train.length || positivesTest === 0 || positivesTest === test.length) {
    throw new RangeError('need customers and non-customers in both the training and the held-out set');
  }

  // Leaks are judged on training rows only, like everything else the model learns; a dropped
  // feature is simply unknown to the encoder, so held-out and future contacts ignore it too.
  const leakage = opts.dropLeaks === false ? [] : findLeaks(train, opts);
  // The encoder is learnt on training rows only, so held-out rows stay truly unseen.
  const features = buildFeatures(withoutSources(train, new Set(leakage.map((l) => l.feature))), opts);
  const model = fit(features.X, features.y, { l2: opts.l2 });
  const probabilities = test.map((r) => predict(model, encode(features.encoder, r)));
  const labels = test.map((r) => r.label);
  const heldOutAuc = auc(probabilities, labels)!;
  const warnings =
    heldOutAuc > LEAK_AUC
      ? [`A held-out AUC of ${heldOutAuc.toFixed(3)} is rarely honest for sales outcomes: check that no field was filled in after the outcome (a status, a reason, data enriched for customers only).`]
      : [];

  return {
    model,
    encoder: features.encoder,
    featureNames: features.featureNames,
    evaluation: {
      auc: heldOutAuc,
      brier: brierScore(probabilities, labels),
      n_train: train.length,
      n_test: test.length,
      positives_train: positivesTrain,
      positives_test: positivesTest,
      calibration: calibrationTable(probabilities, labels),
      leakage,
      warnings,
    },
  };
}

/** The contact's features ranked by how far each moved its score from the average contact's. */
export function explain(predictive: Pick<PredictiveModel, 'model' | 'encoder'>, record: PredictiveRecord, top = 5): Factor[] {
  const x = encode(predictive.encoder, record);
  const z = standardise(predictive.model, x);
  return predictive.encoder.featureNames
    .map((feature, j): Factor => {
      const contribution = predictive.model.weights[j] * z[j];
      return { feature, value: x[j], contribution, direction: contribution >= 0 ? 'raises' : 'lowers' };
    })
    .filter((f) => f.contribution !== 0)
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.feature.localeCompare(b.feature))
    .slice(0, top);
}

export interface ContactScore {
  probability: number;
  factors: Factor[];
}

/** A contact's probability to become a customer, with its reasons ("every score can answer why"). */
export function scoreContact(predictive: Pick<PredictiveModel, 'model' | 'encoder'>, record: PredictiveRecord, top = 5): ContactScore {
  return { probability: predict(predictive.model, encode(predictive.encoder, record)), factors: explain(predictive, record, top) };
}
