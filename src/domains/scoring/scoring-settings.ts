import { advisoryXactLock, lockKeys } from '../../db/advisory-lock.js';
import type { Db } from '../../db/client.js';
import { auditChange } from '../audit/audit-log.js';
import type { Ctx } from '../context.js';
import { defaultEvents } from './default-events.js';
import { defaultMqlDefinition, defaultScoringModel } from './default-scoring.js';
import { definitionFingerprint, mqlDefinitionSchema, parseMqlDefinition, type MqlDefinition } from './mql-definition.js';
import { knownFieldPaths, validateScoringModel, type KnownNames, type ScoringModel } from './score-rules.js';

export interface Versioned<T> {
  version: number;
  value: T;
  created_at: Date | null;
}

/** The scoring model in force: the latest saved version, or the built-in default (version 0). */
export async function activeScoringModel(db: Db): Promise<Versioned<ScoringModel>> {
  const [row] = await db.query<{ version: number; model: ScoringModel; created_at: Date }>('SELECT version, model, created_at FROM scoring_models ORDER BY version DESC LIMIT 1');
  return row ? { version: row.version, value: row.model, created_at: row.created_at } : { version: 0, value: defaultScoringModel, created_at: null };
}

export async function activeMqlDefinition(db: Db): Promise<Versioned<MqlDefinition>> {
  const [row] = await db.query<{ version: number; definition: MqlDefinition; created_at: Date }>('SELECT version, definition, created_at FROM mql_definitions ORDER BY version DESC LIMIT 1');
  return row ? { version: row.version, value: row.definition, created_at: row.created_at } : { version: 0, value: mqlDefinitionSchema.parse(defaultMqlDefinition), created_at: null };
}

/** Names a rule may refer to: columns, custom properties, and every event name seen so far. */
export async function knownNames(db: Db): Promise<KnownNames & { assets: string[] }> {
  const cols = await db.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name IN ('contacts', 'companies')`,
  );
  const props = await db.query<{ object_type: string; name: string }>(`SELECT object_type, name FROM property_definitions WHERE object_type IN ('contact', 'company')`);
  const events = await db.query<{ event: string }>(`SELECT DISTINCT event FROM events WHERE type = 'track' AND event IS NOT NULL`);
  const assets = await db.query<{ key: string }>('SELECT DISTINCT key FROM assets');
  return {
    contactFields: cols.filter((c) => c.table_name === 'contacts').map((c) => c.column_name),
    companyFields: cols.filter((c) => c.table_name === 'companies').map((c) => c.column_name),
    contactProperties: props.filter((p) => p.object_type === 'contact').map((p) => p.name),
    companyProperties: props.filter((p) => p.object_type === 'company').map((p) => p.name),
    events: [...new Set([...defaultEvents, ...events.map((e) => e.event)])],
    assets: assets.map((a) => a.key),
  };
}

/**
 * What a rule or condition may name, for the settings' pickers: every contact and company field
 * (custom properties with their labels), every event seen, every asset with its name, every
 * campaign by its utm_campaign. The same
 * names knownNames checks a save against, so a picked value is never refused as unknown.
 */
export async function scoringVocabulary(db: Db) {
  const known = await knownNames(db);
  const [props, assets, campaigns] = await Promise.all([
    db.query<{ object_type: 'contact' | 'company'; name: string; label: string }>(`SELECT object_type, name, label FROM property_definitions WHERE object_type IN ('contact', 'company')`),
    db.query<{ key: string; name: string | null }>('SELECT key, min(name) AS name FROM assets GROUP BY key ORDER BY key'),
    // Interest rules match an event's utm_campaign.
    db.query<{ key: string; name: string }>('SELECT utm_campaign AS key, name FROM campaigns ORDER BY name, id'),
  ]);
  const labelOf = new Map(props.map((p) => [`${p.object_type}.properties.${p.name}`, p.label]));
  const fields = knownFieldPaths(known).map((path) => {
    const [object, ...rest] = path.split('.');
    return { path, object: object as 'contact' | 'company', name: rest[rest.length - 1]!, custom: rest[0] === 'properties' && rest.length > 1, label: labelOf.get(path) ?? null };
  });
  return { fields, events: [...known.events].sort(), assets, campaigns };
}

/** A candidate model checked against what exists (400 naming every problem); saves nothing. */
export async function candidateScoringModel(db: Db, input: unknown): Promise<ScoringModel> {
  return validateScoringModel(input, await knownNames(db));
}

export async function candidateMqlDefinition(db: Db, input: unknown): Promise<MqlDefinition> {
  return parseMqlDefinition(input, await knownNames(db));
}

/** Validates against what exists and stores a new version; nothing is saved when anything is wrong. */
export async function saveScoringModel(ctx: Ctx, input: unknown): Promise<Versioned<ScoringModel>> {
  const model = await candidateScoringModel(ctx.db, input);
  return ctx.db.tx(async (db) => {
    await advisoryXactLock(db, lockKeys.scoringModel);
    const [row] = await db.query<{ version: number; created_at: Date }>(
      `INSERT INTO scoring_models (version, model, created_at, created_by)
       VALUES ((SELECT COALESCE(max(version), 0) + 1 FROM scoring_models), $1, $2, $3) RETURNING version, created_at`,
      [JSON.stringify(model), ctx.clock.now(), ctx.actor.id ?? ctx.actor.type],
    );
    await queueFullRescore(db);
    await auditChange(db, ctx, { action: 'settings.scoring_model', objectType: 'scoring_model', objectId: row!.version, details: { version: row!.version } });
    return { version: row!.version, value: model, created_at: row!.created_at };
  });
}

/**
 * How a saved definition reaches the contacts already there. 'everyone' queues them all for
 * rescoring now, so whoever the new definition qualifies becomes an MQL within minutes.
 * 'new_activity' queues nobody: the version is in force at once, but a contact is judged by it only
 * when it is next scored — its own activity (an event, a new title or company, a property change)
 * or a later full rescore (saving the scoring model, or this definition again with 'everyone').
 * Nobody is demoted either way: an MQL keeps its stage.
 */
export const applyModes = ['everyone', 'new_activity'] as const;
export type ApplyMode = (typeof applyModes)[number];

export async function saveMqlDefinition(ctx: Ctx, input: unknown, apply: ApplyMode = 'everyone'): Promise<Versioned<MqlDefinition>> {
  const definition = await candidateMqlDefinition(ctx.db, input);
  return ctx.db.tx(async (db) => {
    await advisoryXactLock(db, lockKeys.mqlDefinition);
    const [row] = await db.query<{ version: number; created_at: Date }>(
      `INSERT INTO mql_definitions (version, definition, fingerprint, created_at, created_by)
       VALUES ((SELECT COALESCE(max(version), 0) + 1 FROM mql_definitions), $1, $2, $3, $4) RETURNING version, created_at`,
      [JSON.stringify(definition), definitionFingerprint(definition), ctx.clock.now(), ctx.actor.id ?? ctx.actor.type],
    );
    if (apply === 'everyone') await queueFullRescore(db);
    await auditChange(db, ctx, { action: 'settings.mql_definition', objectType: 'mql_definition', objectId: row!.version, details: { version: row!.version, apply } });
    return { version: row!.version, value: definition, created_at: row!.created_at };
  });
}

/**
 * A saved change rescores everyone. The contacts are queued in the saving transaction, so the
 * rescore is as durable as the new version: a restart (or another instance) finishes it, and the
 * queue's length is its progress.
 */
async function queueFullRescore(db: Db): Promise<void> {
  await db.query('INSERT INTO score_queue (contact_id) SELECT id FROM contacts ON CONFLICT DO NOTHING');
}

/** How far the rescoring has got: contacts still waiting in the queue, out of all contacts. */
export async function rescoreStatus(db: Db): Promise<{ pending: number; contacts: number }> {
  const [row] = await db.query<{ pending: number; contacts: number }>(
    'SELECT (SELECT count(*) FROM score_queue) AS pending, (SELECT count(*) FROM contacts) AS contacts',
  );
  return row!;
}
