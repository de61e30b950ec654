import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, type FieldProblem } from '../../shared/errors.js';
import type { ObjectType } from './properties.js';

/**
 * The system name of an external id nobody named: a file whose headers say neither HubSpot nor
 * Salesforce, or an API call without external_source. One name for both, so ids written by a
 * script through the API and a later file of the same system join.
 */
export const defaultExternalSource = 'import';

export const externalSourceSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9_.-]{0,39}$/, 'must be a short system name such as hubspot or salesforce (letters, digits, . _ or -, at most 40)');
export const externalIdSchema = z.string().trim().min(1, 'cannot be blank (send null to remove it)').max(255, 'must be at most 255 characters');

/** The fields contacts, companies and deals take for the record's id in another system. */
export const externalIdFields = {
  external_id: externalIdSchema.nullable().optional(),
  external_source: externalSourceSchema.optional(),
};

/**
 * What contacts, companies and deals answer besides their own fields: custom properties, the
 * record's id in another system (a HubSpot Record ID, a Salesforce Id) and that system's name, and
 * when the record was created and last changed.
 */
export const recordOutFields = {
  properties: z.record(z.string(), z.unknown()),
  external_id: z.string().nullable(),
  external_source: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
};

export interface ExternalKey {
  source: string;
  id: string;
}

export interface ExternalIdColumns {
  external_id: string | null;
  external_source: string | null;
}

/**
 * An id as it is stored and compared. Salesforce writes one record's id in two forms: 15
 * case-sensitive characters (reports) and 18 case-insensitive ones (the API, Data Loader), the
 * first 15 being the short form; both are kept as the short form so either export finds it.
 */
export function normalizeExternalId(source: string, id: string): string {
  const v = id.trim();
  return source === 'salesforce' && /^[a-zA-Z0-9]{18}$/.test(v) ? v.slice(0, 15) : v;
}

export function externalKey(source: string, id: string): ExternalKey {
  return { source, id: normalizeExternalId(source, id) };
}

/** One string per key, for maps: a system name never holds the separator (U+001F). */
export function keyString(k: ExternalKey): string {
  return `${k.source}\u001f${k.id}`;
}

const tables: Record<ObjectType, { table: string; aliases: string; fk: string; label: string }> = {
  contact: { table: 'contacts', aliases: 'contact_external_aliases', fk: 'contact_id', label: 'contact' },
  company: { table: 'companies', aliases: 'company_external_aliases', fk: 'company_id', label: 'company' },
  deal: { table: 'deals', aliases: 'deal_external_aliases', fk: 'deal_id', label: 'deal' },
};

/**
 * A subquery of (key, id): the records that hold any of the keys passed as two text[]
 * parameters (ids, sources), by their own column or an alias; `key` is keyString's.
 */
export function externalMatches(object: ObjectType, idsParam: string, sourcesParam: string): string {
  const { table, aliases, fk } = tables[object];
  const pairs = `(SELECT * FROM unnest(${idsParam}::text[], ${sourcesParam}::text[]))`;
  return `SELECT x.external_source || chr(31) || x.external_id AS key, x.id FROM ${table} x
      WHERE x.external_id IS NOT NULL AND (x.external_id, x.external_source) IN ${pairs}
    UNION ALL SELECT a.external_source || chr(31) || a.external_id, a.${fk} FROM ${aliases} a WHERE (a.external_id, a.external_source) IN ${pairs}`;
}

/** The parameters externalMatches reads. */
export function keyParams(keys: readonly ExternalKey[]): [string[], string[]] {
  return [keys.map((k) => k.id), keys.map((k) => k.source)];
}

/** keyString → id of the record holding it, for every key some record holds. */
export async function findByExternalKeys(db: Db, object: ObjectType, keys: readonly ExternalKey[]): Promise<Map<string, number>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ key: string; id: number }>(externalMatches(object, '$1', '$2'), keyParams(keys));
  return new Map(rows.map((r) => [r.key, Number(r.id)]));
}

/**
 * For ids no record holds under the system the file was read as: the other systems some record
 * holds them under, so the problem can say which --external-source was probably meant.
 */
export async function sourcesHolding(db: Db, object: ObjectType, ids: readonly string[]): Promise<Map<string, string[]>> {
  if (!ids.length) return new Map();
  const { table, aliases } = tables[object];
  const rows = await db.query<{ id: string; source: string }>(
    `SELECT DISTINCT external_id AS id, external_source AS source FROM (
       SELECT external_id, external_source FROM ${table} WHERE external_id = ANY($1::text[])
       UNION ALL SELECT external_id, external_source FROM ${aliases} WHERE external_id = ANY($1::text[])) s ORDER BY 2`,
    [[...new Set(ids)]],
  );
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.source]);
  return out;
}

/** Gives records more ids (another system's, or a merged-away record's); a key already held stays where it is. */
export async function addExternalAliases(db: Db, object: ObjectType, rows: readonly { id: number; key: ExternalKey }[]): Promise<void> {
  if (!rows.length) return;
  const { aliases, fk } = tables[object];
  await db.query(
    `INSERT INTO ${aliases} (external_id, external_source, ${fk}) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[]) ON CONFLICT DO NOTHING`,
    [rows.map((r) => r.key.id), rows.map((r) => r.key.source), rows.map((r) => r.id)],
  );
}

export function externalConflict(object: ObjectType, existingId: number, key: ExternalKey): AppError {
  const { label } = tables[object];
  return new AppError('conflict', `A ${label} with the ${key.source} id ${key.id} already exists (${label} ${existingId}).`, {
    existing_id: existingId,
    field: 'external_id',
  });
}

/**
 * The external key an API create or update leaves on a record: undefined when the input does not
 * touch it, null when it removes it. A system without an id is refused; an id without a system
 * keeps the record's system (an update) or takes the default one.
 */
export function externalKeyOf(
  input: { external_id?: string | null; external_source?: string },
  before?: ExternalIdColumns,
): { key: ExternalKey | null | undefined; problems: FieldProblem[] } {
  if (input.external_id === null) {
    return input.external_source !== undefined
      ? { key: undefined, problems: [{ field: 'external_source', problem: 'cannot be set while external_id is removed (null)' }] }
      : { key: null, problems: [] };
  }
  if (input.external_id !== undefined) {
    return { key: externalKey(input.external_source ?? before?.external_source ?? defaultExternalSource, input.external_id), problems: [] };
  }
  if (input.external_source === undefined) return { key: undefined, problems: [] };
  if (!before?.external_id) return { key: undefined, problems: [{ field: 'external_source', problem: 'needs external_id: it names the system that id comes from' }] };
  return { key: externalKey(input.external_source, before.external_id), problems: [] };
}

/**
 * Before an API write gives `recordId` (undefined: a new record) the key: 409 naming external_id
 * when another record holds it; an alias of the record itself is dropped, the key becoming its own.
 */
export async function claimExternalKey(db: Db, object: ObjectType, key: ExternalKey, recordId?: number): Promise<void> {
  const holder = (await findByExternalKeys(db, object, [key])).get(keyString(key));
  if (holder === undefined) return;
  if (holder !== recordId) throw externalConflict(object, holder, key);
  const { aliases, fk } = tables[object];
  await db.query(`DELETE FROM ${aliases} WHERE external_id = $1 AND external_source = $2 AND ${fk} = $3`, [key.id, key.source, recordId]);
}

/** After a unique violation on insert or update: the 409 for the key, when it was the key that clashed. */
export async function externalConflictAfterRace(db: Db, object: ObjectType, key: ExternalKey | null | undefined, recordId?: number): Promise<AppError | null> {
  if (!key) return null;
  const holder = (await findByExternalKeys(db, object, [key])).get(keyString(key));
  return holder !== undefined && holder !== recordId ? externalConflict(object, holder, key) : null;
}

/**
 * A merge: the loser's ids keep finding the survivor. Its own id becomes the survivor's when that
 * has none (the loser's column is cleared first: the key is unique), else one more alias.
 */
export async function moveExternalIds(db: Db, object: 'contact' | 'company', winner: { id: number; external_id?: unknown }, loser: { id: number; external_id?: unknown; external_source?: unknown }): Promise<void> {
  const { table, aliases, fk } = tables[object];
  await db.query(`UPDATE ${aliases} SET ${fk} = $1 WHERE ${fk} = $2`, [winner.id, loser.id]);
  if (typeof loser.external_id !== 'string' || typeof loser.external_source !== 'string') return;
  await db.query(`UPDATE ${table} SET external_id = NULL, external_source = NULL WHERE id = $1`, [loser.id]);
  if (!winner.external_id) {
    await db.query(`UPDATE ${table} SET external_id = $2, external_source = $3 WHERE id = $1`, [winner.id, loser.external_id, loser.external_source]);
  } else {
    await addExternalAliases(db, object, [{ id: winner.id, key: { source: loser.external_source, id: loser.external_id } }]);
  }
}

/** List filters on the external id (either Salesforce form finds the record) and on the system. */
export const externalIdFilters = {
  external_id: {
    where: (p: string) => `(t.external_id = ${p} OR (t.external_source = 'salesforce' AND length(${p}) = 18 AND t.external_id = left(${p}, 15)))`,
    parse: (v: string) => v.trim(),
  },
  external_source: { where: (p: string) => `t.external_source = ${p}`, parse: (v: string) => v.trim().toLowerCase() },
};
