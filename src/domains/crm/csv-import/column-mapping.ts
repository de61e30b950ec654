import type { PropertyDefinition } from '../properties.js';
import { aliasIndex, headerKey, importFields, isSalesforceIdHeader, isSystemColumn, type ImportObject } from './header-aliases.js';

/** What one CSV column feeds; `field` null = the column is skipped. */
export interface ColumnMapping {
  index: number;
  column: string;
  field: string | null;
  /** recognised: a known header; map: the user's --map; property: a custom property (one --create-properties defined too); ignored: skipped. */
  source: 'recognised' | 'map' | 'property' | 'ignored';
  note?: string;
}

export interface HeaderProblem {
  column: string;
  field: string | null;
  problem: string;
}

/** `--map` values: "Column=field", "Column=properties.name" or "Column=-" (skip the column). */
export function parseMapOptions(items: readonly string[] = []): { map: Map<string, string>; problems: HeaderProblem[] } {
  const map = new Map<string, string>();
  const problems: HeaderProblem[] = [];
  for (const item of items) {
    // The last "=" splits: field names never contain one, a column name might.
    const at = item.lastIndexOf('=');
    if (at <= 0) {
      problems.push({ column: item, field: null, problem: `--map needs "Column=field" (got "${item}"); put FILE before --map, or quote the column: --map "Lead Source=original_source"` });
      continue;
    }
    map.set(headerKey(item.slice(0, at)), item.slice(at + 1).trim());
  }
  return { map, problems };
}

const ownerTypes: Record<ImportObject, 'contact' | 'company' | 'deal' | null> = { contacts: 'contact', companies: 'company', deals: 'deal', activities: null, campaigns: null };

export interface ResolveOptions {
  /** --ignore-unknown: columns nobody recognises are skipped instead of refusing the file. */
  ignoreUnknown?: boolean;
  /** --create-properties: they are left for the caller to define as custom properties (then resolved again). */
  deferUnknown?: boolean;
}

/**
 * Decides what every header means, before a single row is read. A column nobody recognises
 * refuses the file: importing it silently would drop data the user believes is imported.
 * A header that is a defined custom property's label goes to that property even when it is also
 * a built-in header: the user defined the property for that column. Any other double meaning
 * stops the import and asks for --map.
 */
export function resolveColumns(
  object: ImportObject,
  headers: readonly string[],
  mapItems: readonly string[],
  properties: Map<string, PropertyDefinition>,
  opts: ResolveOptions = {},
): { columns: ColumnMapping[]; problems: HeaderProblem[]; unknown: ColumnMapping[] } {
  const { map, problems } = parseMapOptions(mapItems);
  const fields = importFields[object];
  const aliases = aliasIndex(object);
  const byLabel = new Map<string, string[]>();
  const byName = new Map<string, string>();
  for (const d of properties.values()) {
    byName.set(headerKey(d.name), d.name);
    byLabel.set(headerKey(d.label), [...(byLabel.get(headerKey(d.label)) ?? []), d.name]);
  }
  const propertyObject = ownerTypes[object];
  const columns: ColumnMapping[] = [];
  const used = new Set<string>();
  const unknown: string[] = [];
  const deferred: ColumnMapping[] = [];

  headers.forEach((column, index) => {
    const key = headerKey(column);
    used.add(key);
    const mapped = map.get(key);
    if (mapped !== undefined) {
      if (mapped === '-' || mapped === '') return columns.push({ index, column, field: null, source: 'ignored', note: 'by --map' });
      const prop = /^properties\.(.+)$/.exec(mapped)?.[1];
      if (prop !== undefined) {
        if (!propertyObject) problems.push({ column, field: mapped, problem: `${object} have no custom properties` });
        else if (!properties.has(prop)) problems.push({ column, field: mapped, problem: `"${prop}" is not a ${propertyObject} property; create it from this column (the import page's "Create as a custom property", or --create-properties) or skip the column (--map "${column}=-")` });
        return columns.push({ index, column, field: mapped, source: 'map' });
      }
      if (!(mapped in fields)) problems.push({ column, field: mapped, problem: `"${mapped}" is not a ${object} field; use one of ${Object.keys(fields).join(', ')}, properties.<name>, or -` });
      return columns.push({ index, column, field: mapped, source: 'map' });
    }
    if (key === '') return columns.push({ index, column, field: null, source: 'ignored', note: 'no header' });
    const field = aliases.get(key);
    const dotted = /^properties\.(.+)$/.exec(column.trim())?.[1];
    if (dotted !== undefined && properties.has(dotted) && propertyObject) return columns.push({ index, column, field: `properties.${dotted}`, source: 'property' });
    const labelled = propertyObject ? byLabel.get(key) ?? [] : [];
    const named = propertyObject ? byName.get(key) : undefined;
    const props = [...new Set([...labelled, ...(named ? [named] : [])])];
    if (props.length > 1 || (field && props.length && !labelled.length)) {
      const meanings = [...(field ? [`the field ${field}`] : []), ...props.map((p) => `the custom property ${p}`)];
      const maps = [...(field ? [`--map "${column}=${field}"`] : []), ...props.map((p) => `--map "${column}=properties.${p}"`)];
      problems.push({ column, field: null, problem: `could be ${meanings.join(' or ')}; say which with ${maps.join(' or ')}` });
      return columns.push({ index, column, field: null, source: 'ignored', note: 'ambiguous' });
    }
    if (props.length === 1) {
      return columns.push({ index, column, field: `properties.${props[0]}`, source: 'property', ...(field ? { note: `its label, not the built-in ${field}: --map "${column}=${field}" for that` } : {}) });
    }
    if (field) return columns.push({ index, column, field, source: 'recognised' });
    if (isSalesforceIdHeader(object, column)) return columns.push({ index, column, field: 'external_id', source: 'recognised', note: 'the Salesforce record id' });
    if (isSystemColumn(column)) return columns.push({ index, column, field: null, source: 'ignored', note: 'record id or bookkeeping column of the exporting system' });
    if (opts.deferUnknown && propertyObject) {
      const c: ColumnMapping = { index, column, field: null, source: 'ignored', note: 'unknown' };
      deferred.push(c);
      return columns.push(c);
    }
    if (opts.ignoreUnknown) return columns.push({ index, column, field: null, source: 'ignored', note: 'unknown: skipped by --ignore-unknown' });
    unknown.push(column);
    return columns.push({ index, column, field: null, source: 'ignored', note: 'unknown' });
  });

  // Salesforce's "Id" is the record's id only when no other column says it is.
  const sfId = columns.find((c) => c.note === 'the Salesforce record id');
  if (sfId && columns.some((c) => c !== sfId && c.field === 'external_id')) Object.assign(sfId, { field: null, source: 'ignored', note: 'record id or bookkeeping column of the exporting system' });

  for (const column of unknown) {
    const hint = propertyObject ? `--map "${column}=<field>", --map "${column}=properties.<name>" (a defined custom property) or --map "${column}=-" to skip it` : `--map "${column}=<field>" or --map "${column}=-" to skip it`;
    problems.push({ column, field: null, problem: `is not a column Revloop recognises for ${object}; say what it is with ${hint}. Fields: ${Object.keys(fields).join(', ')}` });
  }
  problems.push(...mappingProblems(columns, map, mapItems, used));
  return { columns, problems, unknown: deferred };
}

/**
 * What a resolved mapping says is wrong whatever the file holds: a --map item naming a column the
 * file lacks, and two columns feeding one field.
 */
export function mappingProblems(columns: readonly ColumnMapping[], map: Map<string, string>, mapItems: readonly string[], used: Set<string>): HeaderProblem[] {
  const problems: HeaderProblem[] = [];
  for (const key of map.keys()) {
    if (!used.has(key)) {
      const original = mapItems.find((m) => headerKey(m.slice(0, m.lastIndexOf('='))) === key) ?? key;
      problems.push({ column: original.slice(0, original.lastIndexOf('=')), field: null, problem: 'is named in --map but the file has no such column' });
    }
  }
  const byField = new Map<string, ColumnMapping[]>();
  for (const c of columns) if (c.field) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
  for (const [field, cs] of byField) {
    if (cs.length > 1) {
      const names = cs.map((c) => `"${c.column}"`).join(' and ');
      problems.push({ column: cs[1]!.column, field, problem: `${names} both mean ${field}; keep one, e.g. --map "${cs[1]!.column}=-"` });
    }
  }
  return problems;
}

/** The fields a file must have a column for, per object. */
export function missingRequiredColumns(object: ImportObject, columns: readonly ColumnMapping[]): HeaderProblem[] {
  const has = (f: string) => columns.some((c) => c.field === f);
  const problems: HeaderProblem[] = [];
  const need = (field: string, why: string) => {
    if (!has(field)) problems.push({ column: '', field, problem: `the file has no column for ${field} (${why}): map one with --map "Column=${field}", or give every row the same with --set "${field}=…"` });
  };
  if (object === 'companies' && !has('name') && !has('domain')) problems.push({ column: '', field: 'name', problem: 'the file needs a company name or domain column' });
  if (object === 'deals') {
    need('name', 'every deal needs a name');
    need('stage', 'every deal needs a pipeline stage');
  }
  if (object === 'activities') {
    need('type', 'call, email, meeting or social');
    if (!['contact_email', 'company_domain', 'deal_id', 'contact_external_id', 'company_external_id', 'deal_external_id'].some(has)) {
      problems.push({ column: '', field: 'contact_email', problem: 'the file needs a contact email, company domain or deal id column (or a contact, company or deal id of the exporting system): an activity must be about someone' });
    }
  }
  return problems;
}
