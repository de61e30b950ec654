import { advisoryXactLock, lockKeys } from '../../db/advisory-lock.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';
import type { Ctx } from '../context.js';
import type { ReportWindow } from '../reports/report-window.js';
import { predictEveryone } from './predict-contacts.js';
import { trainPredictiveModel, type PredictiveModel } from './predictive-model.js';
import { featureLabeller, trainingRecords } from './predictive-records.js';

/** How the model report explains when features are taken (shown with the model). */
export const PREDICTION_MOMENT =
  'Each contact is learnt from as it was at its prediction moment: the first time it became an MQL (or reached a later stage); ' +
  'contacts that never did, as they are now. Fields changed after that moment count with the value they had then, and only actions before it count.';

/**
 * Trains a model on contacts created in the window (their outcome: became a customer or not),
 * each taken as it was at its prediction moment, leaves out features that look written after the
 * outcome, reports AUC and calibration on a held-out quarter, stores it as a new version, and
 * gives every contact (not only the window's) its probability and top factors as it is now.
 */
export async function trainAndApply(ctx: Ctx, w: ReportWindow, seed = 1) {
  const { records: rows, setAside } = await trainingRecords(ctx.db, w);
  const positives = rows.filter((r) => r.label === 1).length;
  if (positives < 8 || rows.length - positives < 8) {
    throw new AppError('validation_failed', `Not enough closed-loop outcomes to learn from: ${plural(positives, 'customer')} among ${plural(rows.length, 'contact')} created in the window. Widen the window (from/to) or import won deals first.`, {
      errors: [{ field: 'from', problem: `holds ${plural(positives, 'customer')}; at least 8 customers and 8 others are needed` }],
    });
  }
  let trained: PredictiveModel;
  try {
    trained = trainPredictiveModel(rows, { seed });
  } catch (err) {
    if (err instanceof RangeError) throw new AppError('validation_failed', `Cannot train: ${err.message}.`, { errors: [{ field: 'from', problem: err.message }] });
    throw err;
  }
  const label = await featureLabeller(ctx.db);
  const evaluation = {
    ...trained.evaluation,
    leakage: trained.evaluation.leakage.map((l) => ({ ...l, label: label(l.feature) })),
    set_aside: [...setAside].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([feature, contacts]) => ({ feature, label: label(feature), contacts })),
    moment: PREDICTION_MOMENT,
    window: { from: w.from, to: w.to },
    features: trained.featureNames.length,
  };
  const now = ctx.clock.now();
  const version = await ctx.db.tx(async (db) => {
    await advisoryXactLock(db, lockKeys.predictiveTraining);
    const [row] = await db.query<{ version: number }>(
      `INSERT INTO predictive_models (version, trained_at, evaluation, model)
       VALUES ((SELECT COALESCE(max(version), 0) + 1 FROM predictive_models), $1, $2, $3) RETURNING version`,
      [now, JSON.stringify(evaluation), JSON.stringify({ model: trained.model, encoder: trained.encoder })],
    );
    return row!.version;
  });
  // Everyone as they are now, outside the insert's transaction: on PGlite a transaction holds the one connection.
  const scored = await predictEveryone(ctx.db, { version, model: trained.model, encoder: trained.encoder }, now);
  return { version, trained_at: now, evaluation, features: trained.featureNames.length, contacts_scored: scored };
}

export async function latestModelReport(db: Db) {
  const [row] = await db.query<{ version: number; trained_at: Date; evaluation: unknown }>('SELECT version, trained_at, evaluation FROM predictive_models ORDER BY version DESC LIMIT 1');
  return row ?? null;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
