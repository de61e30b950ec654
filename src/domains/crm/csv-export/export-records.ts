import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/client.js';
import { invalid } from '../../../shared/errors.js';
import { companyList } from '../companies.js';
import { dealList } from '../deals.js';
import { listConditions, type ListSpec } from '../list-query.js';
import { listProperties } from '../properties.js';
import { becameColumns, exportSpecs, type ExportObject } from './export-specs.js';
import { escapeFormula } from './formula-escape.js';

/** Rows read per query: keyset pages by id, so memory holds one page and deep pages cost the same. */
const PAGE = 1000;

export type ExportRecord = Record<string, unknown>;

/** The header an export of this object will have (stable for a given set of custom properties). */
export async function exportHeader(db: Db, object: ExportObject): Promise<string[]> {
  const spec = exportSpecs[object];
  const props = spec.propertyObject ? (await listProperties(db, spec.propertyObject)).map((p) => `properties.${p.name}`) : [];
  return [...spec.columns, ...(spec.funnel ? becameColumns : []), ...props];
}

/** The filters of the page's list (`q`, and its filter parameters by name). */
export interface ExportFilter {
  q?: string;
  filters?: Record<string, string | undefined>;
}

/** Exports filtered as the list of the same records is (the list page exports what it shows). */
const filteredLists: Partial<Record<ExportObject, ListSpec>> = { companies: companyList, deals: dealList };

/** A filter as SQL after the export's own two parameters; checked at once, so a bad filter is refused before the file starts. */
export interface ExportWhere {
  sql: string;
  values: unknown[];
}

export function exportWhere(object: ExportObject, filter: ExportFilter = {}): ExportWhere {
  const list = filteredLists[object];
  const given = Object.entries(filter.filters ?? {}).filter(([, v]) => v !== undefined && v !== '');
  if (!list) {
    const asked = [...(filter.q ? ['q'] : []), ...given.map(([k]) => k)];
    if (asked.length) throw invalid(asked.map((field) => ({ field, problem: `is not a filter of the ${object} export (it exports every record)` })));
    return { sql: '', values: [] };
  }
  const values: unknown[] = [];
  const conditions = listConditions(list, filter, (v) => {
    values.push(v);
    return `$${values.length + 2}`;
  });
  if (!conditions.length) return { sql: '', values: [] };
  // The list's own FROM and conditions in a subquery: its aliases stay its own.
  return { sql: ` AND t.id IN (SELECT t.id FROM ${list.from} WHERE ${conditions.join(' AND ')})`, values };
}

/** Every record of an object (those the filter keeps), page by page, as flat records keyed by the export header. */
export async function* exportRecords(db: Db, object: ExportObject, where: ExportWhere = { sql: '', values: [] }): AsyncGenerator<ExportRecord[]> {
  const spec = exportSpecs[object];
  let after = 0;
  for (;;) {
    const rows = await db.query<ExportRecord & { id: number; properties?: Record<string, unknown> }>(
      `SELECT ${spec.select} FROM ${spec.from} WHERE t.id > $1${where.sql} ORDER BY t.id LIMIT $2`,
      [after, PAGE, ...where.values],
    );
    if (!rows.length) return;
    const became = spec.funnel ? await stageDates(db, spec.funnel, rows.map((r) => r.id)) : null;
    yield rows.map(({ properties, ...r }) => {
      const out: ExportRecord = { ...r };
      if (became) for (const [stage, at] of became.get(Number(r.id)) ?? []) out[`became_${stage}`] = at;
      if (properties) for (const [k, v] of Object.entries(properties)) out[`properties.${k}`] = v;
      return out;
    });
    after = Number(rows[rows.length - 1]!.id);
    if (rows.length < PAGE) return;
  }
}

/** "Became X at" for a page of records in one query: the first entry into each stage. */
async function stageDates(db: Db, type: 'contact' | 'company', ids: number[]): Promise<Map<number, [string, Date][]>> {
  const rows = await db.query<{ id: number; stage: string; at: Date }>(
    `SELECT object_id AS id, to_stage AS stage, min(at) AS at FROM stage_transitions
      WHERE object_type = $1 AND object_id = ANY($2::bigint[]) GROUP BY object_id, to_stage`,
    [type, ids],
  );
  const out = new Map<number, [string, Date][]>();
  for (const r of rows) out.set(Number(r.id), [...(out.get(Number(r.id)) ?? []), [r.stage, r.at]]);
  return out;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString();
  if (typeof v === 'object') return JSON.stringify(v);
  return escapeFormula(String(v));
}

/**
 * CSV text, a header line then one chunk per page. Every cell that a spreadsheet would run as a
 * formula is escaped (see formula-escape.ts). Feed it to Readable.from() to stream it.
 */
export async function* exportCsv(db: Db, object: ExportObject, where?: ExportWhere): AsyncGenerator<string> {
  const header = await exportHeader(db, object);
  yield stringify([header.map(escapeFormula)]);
  for await (const page of exportRecords(db, object, where)) yield stringify(page.map((r) => header.map((h) => cell(r[h]))));
}

/**
 * JSON Lines: one JSON object per line, keyed like the CSV header, with custom properties
 * nested under `properties`. Lines rather than one array so a large export streams and can be
 * read line by line (jq, pandas read_json(lines=True)) without holding it whole.
 */
export async function* exportJsonLines(db: Db, object: ExportObject, where?: ExportWhere): AsyncGenerator<string> {
  const header = await exportHeader(db, object);
  const hasProperties = exportSpecs[object].propertyObject !== null;
  for await (const page of exportRecords(db, object, where)) {
    yield page
      .map((r) => {
        const out: Record<string, unknown> = {};
        const properties: Record<string, unknown> = {};
        for (const h of header) {
          if (h.startsWith('properties.')) properties[h.slice('properties.'.length)] = r[h] ?? null;
          else out[h] = r[h] ?? null;
        }
        return JSON.stringify(hasProperties ? { ...out, properties } : out) + '\n';
      })
      .join('');
  }
}
