import { AppError } from '../../../shared/errors.js';
import { textProblem } from '../../../shared/unsafe-text.js';
import type { Ctx } from '../../context.js';
import type { Stage } from '../../funnel/stages.js';
import { unescapeFormula } from '../csv-export/formula-escape.js';
import { listPipelines } from '../pipelines.js';
import { checkProperties, propertyDefinitions } from '../properties.js';
import { isUniqueViolation } from '../references.js';
import { activityRows } from './activity-rows.js';
import { missingRequiredColumns, resolveColumns, type ColumnMapping } from './column-mapping.js';
import { companyRows } from './company-rows.js';
import { contactRows } from './contact-rows.js';
import { readCsvRecords, type CsvRecord, type CsvSource } from './csv-records.js';
import { dealRows } from './deal-rows.js';
import { headerKey, type ImportObject } from './header-aliases.js';
import { campaignRows } from './campaign-rows.js';
import { ProblemCollector, type ImportProblem } from './import-problems.js';
import { ReferenceLookup } from './reference-lookup.js';
import { dateCell, type Draft, type ImportEnv, type RowImporter, type WriteCounts } from './row-importer.js';
import { parseNumberValue, type DateOrder, type Parsed } from './value-parsers.js';

const importers: Record<ImportObject, RowImporter<unknown>> = {
  contacts: contactRows as RowImporter<unknown>,
  companies: companyRows as RowImporter<unknown>,
  deals: dealRows as RowImporter<unknown>,
  activities: activityRows as RowImporter<unknown>,
  campaigns: campaignRows as RowImporter<unknown>,
};

export interface ImportOptions {
  /** `--map` items: "Column=field", "Column=properties.name", "Column=-". */
  map?: readonly string[];
  dateOrder?: DateOrder;
  /** Contacts whose data was erased consented again: their emails are admitted (and the erasure lifted, audited). */
  consentAgain?: boolean;
  /** Rows read, checked and written together; memory holds one batch, never the file. */
  batchSize?: number;
  /** Problems kept for the answer; all are counted and all go to onProblem. */
  maxListedProblems?: number;
  onMapping?: (columns: MappingEntry[]) => void;
  onProgress?: (p: { rows: number }) => void;
  onProblem?: (p: ImportProblem) => void;
  onBatch?: (rows: number) => void;
}

export type MappingEntry = Omit<ColumnMapping, 'index'>;

export interface ImportSummary extends WriteCounts {
  object: ImportObject;
  /** Data rows read (blank rows not counted). */
  rows: number;
  failed: 0;
  mapping: MappingEntry[];
}

/**
 * Imports a CSV file of one object, all or nothing: everything happens in one transaction, and
 * if any row has a problem the transaction is rolled back and every problem is reported (row,
 * column, field, problem) in an AppError 'validation_failed'; nothing is written. The file is
 * streamed and handled in batches, so memory stays flat whatever its size. Once a problem is
 * found the remaining rows are still checked (to list all problems at once) but not written.
 */
export async function importCsv(ctx: Ctx, object: ImportObject, source: CsvSource, opts: ImportOptions = {}): Promise<ImportSummary> {
  const importer = importers[object];
  const batchSize = opts.batchSize ?? 500;
  const problems = new ProblemCollector(opts.maxListedProblems ?? 1000, opts.onProblem);
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
  let mapping: MappingEntry[] = [];
  let rows = 0;

  const run = ctx.db.tx(async (db) => {
    const txCtx: Ctx = { ...ctx, db };
    const records = readCsvRecords(source);
    const first = await nextRecord(records, problems, object);
    if (!first) {
      problems.add({ row: null, column: '', field: null, problem: 'the file is empty: it needs a header row and at least one data row' });
      throw rejection(object, problems, mapping);
    }
    const headers = first.cells.map((h) => h.trim());
    const properties = importer.propertyObject ? await propertyDefinitions(db, importer.propertyObject) : new Map();
    const resolved = resolveColumns(object, headers, opts.map ?? [], properties);
    mapping = resolved.columns.map(({ index: _, ...m }) => m);
    opts.onMapping?.(mapping);
    for (const p of [...resolved.problems, ...missingRequiredColumns(object, resolved.columns)]) problems.add({ row: 1, ...p });
    if (problems.total) throw rejection(object, problems, mapping);

    const env: ImportEnv = {
      ctx: txCtx,
      dateOrder: opts.dateOrder ?? 'auto',
      consentAgain: opts.consentAgain ?? false,
      properties,
      stageLabels: new Map((await db.query<{ key: Stage; label: string }>('SELECT key, label FROM lifecycle_stages')).map((s) => [headerKey(s.label), s.key])),
      pipelines: object === 'deals' ? await listPipelines(db) : [],
      refs: new ReferenceLookup(db),
    };
    const used = resolved.columns.filter((c) => c.field);
    const columnOf = new Map(used.map((c) => [c.field!, c.column]));
    // Problems name the import field and its column; schema fields fed by another column (owner_id ← owner) are translated.
    const report = (draft: Draft, field: string, problem: string) => {
      draft.bad = true;
      const base = field.startsWith('properties.') ? field : field.split('.')[0]!;
      const name = importer.fieldColumns?.[base] ?? base;
      problems.add({ row: draft.row, column: columnOf.get(name) ?? '', field: name || null, problem });
    };

    let batch: Draft[] = [];
    const flush = async () => {
      const valid = await importer.prepare(env, batch, report);
      if (!problems.total) addCounts(counts, await importer.write(txCtx, valid));
      opts.onBatch?.(batch.length);
      opts.onProgress?.({ rows });
      batch = [];
    };
    for (let rec = await nextRecord(records, problems, object); rec; rec = await nextRecord(records, problems, object)) {
      if (rec.cells.every((c) => c.trim() === '')) continue;
      rows++;
      batch.push(toDraft(rec, headers.length, used, importer, env, report));
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
    if (problems.total) throw rejection(object, problems, mapping);
    return { object, rows, ...counts, failed: 0 as const, mapping };
  });
  return run.catch((err) => {
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', `The ${object} file was not imported: another change created a record with the same email or domain while it ran. Nothing was written; run the import again.`);
    }
    throw err;
  });
}

/** The next record; a file the CSV parser cannot read becomes one more listed problem. */
async function nextRecord(records: AsyncGenerator<CsvRecord>, problems: ProblemCollector, object: ImportObject): Promise<CsvRecord | null> {
  try {
    const next = await records.next();
    return next.done ? null : next.value;
  } catch (err) {
    if (err instanceof AppError && Array.isArray(err.details.errors)) {
      for (const p of err.details.errors as ImportProblem[]) problems.add(p);
      throw rejection(object, problems, []);
    }
    throw err;
  }
}

function toDraft(rec: CsvRecord, width: number, used: ColumnMapping[], importer: RowImporter<unknown>, env: ImportEnv, report: (d: Draft, field: string, problem: string) => void): Draft {
  const d: Draft = { row: rec.row, values: {}, properties: {}, bad: false };
  const extra = rec.cells.slice(width).filter((c) => c.trim() !== '').length;
  if (rec.cells.length < width || extra) {
    // A line break or delimiter inside an unquoted cell shifts every later cell: refuse rather than guess.
    report(d, '', `has ${rec.cells.length} cells but the header has ${width} columns (a line break or delimiter inside a cell that is not quoted?)`);
    return d;
  }
  for (const c of used) {
    const cell = unescapeFormula(rec.cells[c.index]!.trim());
    if (cell === '') continue;
    const field = c.field!;
    if (cell.includes('\uFFFD')) {
      report(d, field, 'has bytes that are not UTF-8 text; save the file as "CSV UTF-8" and import it again');
      continue;
    }
    const unsafe = textProblem(cell);
    if (unsafe) {
      report(d, field, unsafe);
      continue;
    }
    const prop = field.startsWith('properties.') ? field.slice('properties.'.length) : null;
    const parsed: Parsed<unknown> = prop !== null ? propertyCell(cell, prop, env) : importer.parsers[field]?.(cell, env) ?? { ok: true, value: cell };
    if (!parsed.ok) report(d, field, parsed.problem);
    else if (prop !== null) d.properties[prop] = parsed.value;
    else d.values[field] = parsed.value;
  }
  if (Object.keys(d.properties).length && importer.propertyObject) {
    const checked = checkProperties(env.properties, d.properties, importer.propertyObject);
    for (const p of checked.problems) report(d, p.field, p.problem);
    d.properties = checked.values;
  }
  return d;
}

/** Spreadsheet-typed property values, brought to what checkProperties expects. */
function propertyCell(cell: string, name: string, env: ImportEnv): Parsed<unknown> {
  const def = env.properties.get(name);
  if (def?.type === 'number') return parseNumberValue(cell);
  if (def?.type === 'date') return dateCell(cell, env);
  if (def?.type === 'enum') return { ok: true, value: def.options.find((o) => headerKey(o) === headerKey(cell)) ?? cell };
  return { ok: true, value: cell };
}

function addCounts(total: WriteCounts, add: WriteCounts) {
  total.created += add.created;
  total.updated += add.updated;
  total.unchanged += add.unchanged;
  total.kept_stage += add.kept_stage;
}

function rejection(object: ImportObject, problems: ProblemCollector, mapping: MappingEntry[]): AppError {
  const first = problems.listed[0];
  const where = first ? [first.row !== null ? `row ${first.row}` : '', first.column ? `column "${first.column}"` : ''].filter(Boolean).join(', ') : '';
  const n = problems.total;
  return new AppError(
    'validation_failed',
    `The ${object} file was not imported and nothing was written: ${n} problem${n === 1 ? '' : 's'}. ` +
      (first ? `First: ${where ? where + ': ' : ''}${first.field ? first.field + ' ' : ''}${first.problem}` : ''),
    { errors: problems.listed, total_errors: n, mapping },
  );
}
