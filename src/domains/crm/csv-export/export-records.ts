import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/client.js';
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

/** A filter on the exported rows: WHERE conditions on the spec's FROM (alias t) with their bound values $1..$n. */
export interface ExportFilter {
  where: string[];
  values: unknown[];
}

/** Every record of an object (or those `filter` keeps), page by page, as flat records keyed by the export header. */
export async function* exportRecords(db: Db, object: ExportObject, filter?: ExportFilter): AsyncGenerator<ExportRecord[]> {
  const spec = exportSpecs[object];
  const values = filter?.values ?? [];
  const extra = filter?.where.length ? ` AND ${filter.where.join(' AND ')}` : '';
  let after = 0;
  for (;;) {
    const rows = await db.query<ExportRecord & { id: number; properties?: Record<string, unknown> }>(
      `SELECT ${spec.select} FROM ${spec.from} WHERE t.id > $${values.length + 1}${extra} ORDER BY t.id LIMIT $${values.length + 2}`,
      [...values, after, PAGE],
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
export async function* exportCsv(db: Db, object: ExportObject, filter?: ExportFilter): AsyncGenerator<string> {
  const header = await exportHeader(db, object);
  yield stringify([header.map(escapeFormula)]);
  for await (const page of exportRecords(db, object, filter)) yield stringify(page.map((r) => header.map((h) => cell(r[h]))));
}

/**
 * JSON Lines: one JSON object per line, keyed like the CSV header, with custom properties
 * nested under `properties`. Lines rather than one array so a large export streams and can be
 * read line by line (jq, pandas read_json(lines=True)) without holding it whole.
 */
export async function* exportJsonLines(db: Db, object: ExportObject, filter?: ExportFilter): AsyncGenerator<string> {
  const header = await exportHeader(db, object);
  const hasProperties = exportSpecs[object].propertyObject !== null;
  for await (const page of exportRecords(db, object, filter)) {
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
