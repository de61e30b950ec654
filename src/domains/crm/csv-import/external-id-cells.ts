import { externalKey, externalSourceSchema, keyString, type ExternalKey } from '../external-ids.js';
import type { Found } from './reference-lookup.js';
import type { Draft, ImportEnv, Report } from './row-importer.js';
import type { Parsed } from './value-parsers.js';

/** A record's own id in the exporting system: text as written (the domain schema checks its length). */
export const externalIdCell = (raw: string): Parsed<string> => ({ ok: true, value: raw.trim() });

/** An external_source column: a row's own system, when one file mixes them (a Revloop export does). */
export function externalSourceCell(raw: string): Parsed<string> {
  const r = externalSourceSchema.safeParse(raw);
  return r.success ? { ok: true, value: r.data } : { ok: false, problem: r.error.issues[0]!.message };
}

/**
 * The id of a record a row points at. HubSpot writes every associated record in one cell
 * ("101;205"): the first is linked and the import says how many rows named several.
 */
export function referenceIdCell(field: string) {
  return (raw: string, env: ImportEnv): Parsed<string> => {
    const ids = raw.split(/[;,]/).map((s) => s.trim()).filter(Boolean);
    if (ids.length > 1) env.severalIds.set(field, (env.severalIds.get(field) ?? 0) + 1);
    return ids.length ? { ok: true, value: ids[0]! } : { ok: false, problem: `has no id in "${raw.trim()}"` };
  };
}

export const externalIdParsers = {
  external_id: externalIdCell,
  external_source: externalSourceCell,
  contact_external_id: referenceIdCell('contact_external_id'),
  company_external_id: referenceIdCell('company_external_id'),
  deal_external_id: referenceIdCell('deal_external_id'),
};

/** The key of an id cell of this row: its system is the row's external_source, else the file's. */
export function rowKey(d: Draft, env: ImportEnv, field: string): ExternalKey | null {
  const id = d.values[field];
  if (typeof id !== 'string' || id === '') return null;
  return externalKey((d.values.external_source as string | undefined) ?? env.externalSource, id);
}

/** The keys of one id field across a batch, for one look-up query. */
export function rowKeys(drafts: readonly Draft[], env: ImportEnv, field: string): ExternalKey[] {
  return drafts.map((d) => rowKey(d, env, field)).filter((k): k is ExternalKey => k !== null);
}

/** The record an id cell points at; reports the problem when no record holds the id. */
export function resolvedKey(found: Map<string, Found>, key: ExternalKey | null, draft: Draft, field: string, report: Report): number | undefined {
  if (!key) return undefined;
  const f = found.get(keyString(key))!;
  if ('problem' in f) {
    report(draft, field, f.problem);
    return undefined;
  }
  return f.id;
}

/** The record that already holds a row's own key, if any (to compare with what its email or domain finds). */
export function holderOf(found: Map<string, number>, key: ExternalKey | null): number | undefined {
  return key ? found.get(keyString(key)) : undefined;
}
