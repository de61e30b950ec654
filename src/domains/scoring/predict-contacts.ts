/**
 * Every contact's probability under the latest predictive model, kept current: written for
 * everyone when a model is trained and again whenever a contact is scored (new contacts, events,
 * property changes), so a contact created after training never waits for the next retrain.
 */
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import type { LogisticModel } from './logistic-regression.js';
import type { FeatureEncoder } from './predictive-features.js';
import { scoreContact, type ContactScore } from './predictive-model.js';
import { currentRecords } from './predictive-records.js';

export interface StoredModel {
  version: number;
  model: LogisticModel;
  encoder: FeatureEncoder;
}

// Scoring runs on every pass of the event processor: the model (weights and encoder, some KB of
// JSON) is read again only when a new version exists.
const cache = new WeakMap<Db, StoredModel>();

/** The latest trained model, or null before the first training. */
export async function latestPredictiveModel(db: Db): Promise<StoredModel | null> {
  const [latest] = await db.query<{ version: number | null }>('SELECT max(version) AS version FROM predictive_models');
  if (latest?.version == null) return null;
  const cached = cache.get(db);
  if (cached?.version === latest.version) return cached;
  const [row] = await db.query<{ model: { model: LogisticModel; encoder: FeatureEncoder } }>('SELECT model FROM predictive_models WHERE version = $1', [latest.version]);
  if (!row) return null;
  const stored = { version: latest.version, model: row.model.model, encoder: row.model.encoder };
  cache.set(db, stored);
  return stored;
}

/** Probabilities and top factors of these contacts as they are now. */
export async function predictContacts(db: Db, model: StoredModel, ids: readonly number[]): Promise<Map<number, ContactScore>> {
  const records = await currentRecords(db, ids);
  return new Map(records.map((r) => [Number(r.id), scoreContact(model, r)]));
}

const predictionColumns: readonly BulkColumn[] = [['contact_id', 'bigint'], ['probability', 'numeric'], ['factors', 'jsonb'], ['model_version', 'int'], ['scored_at', 'timestamptz']];

/** Stores predictions; one made with an older model never replaces one made with a newer. */
export async function writePredictions(db: Db, version: number, scores: Map<number, ContactScore>, at: Date): Promise<void> {
  const rows = [...scores].map(([id, s]) => [id, s.probability, JSON.stringify(s.factors), version, at]);
  for (let i = 0; i < rows.length; i += 2000) {
    const { sql, params } = unnestSource(predictionColumns, rows.slice(i, i + 2000));
    await db.query(
      `INSERT INTO contact_predictions AS p (contact_id, probability, factors, model_version, scored_at) ${sql}
       ON CONFLICT (contact_id) DO UPDATE SET probability = EXCLUDED.probability, factors = EXCLUDED.factors,
         model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at
       WHERE p.model_version <= EXCLUDED.model_version`,
      params,
    );
  }
}

/** Every contact scored with the model, in chunks (no long transaction); returns how many. */
export async function predictEveryone(db: Db, model: StoredModel, at: Date, chunk = 2000): Promise<number> {
  const ids = (await db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += chunk) await writePredictions(db, model.version, await predictContacts(db, model, ids.slice(i, i + chunk)), at);
  return ids.length;
}
