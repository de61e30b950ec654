import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';
import type { Ctx } from '../context.js';
import type { ReportWindow } from '../reports/report-window.js';
import type { LabelledRecord } from './predictive-features.js';
import { scoreContact, trainPredictiveModel, type PredictiveModel } from './predictive-model.js';
import { predictiveRecordsSql } from './queries/predictive-records.js';

type RecordRow = {
  id: number; customer: boolean; job_title: string | null; original_source: string | null; contact_properties: Record<string, unknown>;
  industry: string | null; country: string | null; segment: string | null; employees: number | null; annual_revenue: number | null;
  company_properties: Record<string, unknown> | null; actions: Record<string, number>;
};

/** A title's seniority, the part of a job title that generalises across companies. */
function seniority(title: string | null): string | null {
  if (!title) return null;
  const t = title.toLowerCase();
  if (/\b(student|intern)\b/.test(t)) return 'student';
  if (/\b(c[efimorst]o|chief|founder|owner|president)\b/.test(t)) return 'c-level';
  if (/\b(vp|vice president|svp|evp|head of)\b/.test(t)) return 'vp';
  if (/\bdirector\b/.test(t)) return 'director';
  if (/\bmanager\b/.test(t)) return 'manager';
  return 'individual';
}

/**
 * Any data set's contacts as model inputs: firmographics, source, seniority, every custom
 * property (numbers as numbers, the rest as categories) and action counts. Nothing is specific to
 * the demo: a property or event the data has becomes a feature, one it lacks is simply absent.
 */
export function toRecord(r: RecordRow): LabelledRecord {
  const numeric: Record<string, number | null> = { employees: r.employees, annual_revenue: r.annual_revenue };
  const categorical: Record<string, string | null> = { industry: r.industry, country: r.country, segment: r.segment, source: r.original_source, seniority: seniority(r.job_title) };
  for (const [prefix, props] of [['contact', r.contact_properties], ['company', r.company_properties ?? {}]] as const) {
    for (const [k, v] of Object.entries(props)) {
      if (typeof v === 'number') numeric[`${prefix}.${k}`] = v;
      else if (typeof v === 'string' || typeof v === 'boolean') categorical[`${prefix}.${k}`] = String(v);
    }
  }
  for (const [k, n] of Object.entries(r.actions)) numeric[`did ${k}`] = n;
  return { id: r.id, label: r.customer ? 1 : 0, numeric, categorical };
}

const predictionColumns: readonly BulkColumn[] = [['contact_id', 'bigint'], ['probability', 'numeric'], ['factors', 'jsonb'], ['model_version', 'int'], ['scored_at', 'timestamptz']];

/**
 * Trains a model on contacts created in the window (their outcome: became a customer or not),
 * reports AUC and calibration on a held-out quarter, stores it as a new version, and gives every
 * contact of the window its probability and top factors.
 */
export async function trainAndApply(ctx: Ctx, w: ReportWindow, seed = 1) {
  const rows = (await ctx.db.query<RecordRow>(predictiveRecordsSql, [w.from, w.to])).map(toRecord);
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
  const now = ctx.clock.now();
  return ctx.db.tx(async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(727279)');
    const [{ version }] = (await db.query<{ version: number }>(
      `INSERT INTO predictive_models (version, trained_at, evaluation, model)
       VALUES ((SELECT COALESCE(max(version), 0) + 1 FROM predictive_models), $1, $2, $3) RETURNING version`,
      [now, JSON.stringify({ ...trained.evaluation, window: { from: w.from, to: w.to }, features: trained.featureNames.length }), JSON.stringify({ model: trained.model, encoder: trained.encoder })],
    )) as [{ version: number }];
    const scored = rows.map((r) => {
      const s = scoreContact(trained, r);
      return [r.id, s.probability, JSON.stringify(s.factors), version, now];
    });
    for (let i = 0; i < scored.length; i += 2000) {
      const { sql, params } = unnestSource(predictionColumns, scored.slice(i, i + 2000));
      await db.query(
        `INSERT INTO contact_predictions (contact_id, probability, factors, model_version, scored_at) ${sql}
         ON CONFLICT (contact_id) DO UPDATE SET probability = EXCLUDED.probability, factors = EXCLUDED.factors,
           model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at`,
        params,
      );
    }
    return { version, trained_at: now, evaluation: trained.evaluation, features: trained.featureNames.length, contacts_scored: scored.length };
  });
}

export async function latestModelReport(db: Db) {
  const [row] = await db.query<{ version: number; trained_at: Date; evaluation: unknown }>('SELECT version, trained_at, evaluation FROM predictive_models ORDER BY version DESC LIMIT 1');
  return row ?? null;
}

const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
