import { AppError } from '../../../shared/errors.js';
import { textProblem } from '../../../shared/unsafe-text.js';
import type { Db } from '../../../db/client.js';
import type { Ctx } from '../../context.js';
import type { Stage } from '../../funnel/stages.js';
import { unescapeFormula } from '../csv-export/formula-escape.js';
import { listPipelines } from '../pipelines.js';
import { checkProperties, defineProperty, propertyDefinitions, type PropertyDefinition } from '../properties.js';
import { defaultExternalSource, externalSourceSchema } from '../external-ids.js';
import { isUniqueViolation } from '../references.js';
import { listSegments } from '../../workspace/segment-list.js';
import { activityRows } from './activity-rows.js';
import { missingRequiredColumns, resolveColumns, type ColumnMapping, type HeaderProblem } from './column-mapping.js';
import { companyRows } from './company-rows.js';
import { contactRows } from './contact-rows.js';
import { readCsvRecords, type CsvRecord, type CsvSource } from './csv-records.js';
import { dealRows } from './deal-rows.js';
import { externalIdFieldNames, headerKey, idHeaderSystem, importFields, type ImportObject } from './header-aliases.js';
import { ColumnProfile, propertyNameFor } from './infer-properties.js';
import { mapCell, parseMapValues, valueTables, type ValueMap } from './value-mapping.js';
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
  /** The system the file's ids come from (hubspot, salesforce, any name); default: read from its id headers, else "import". */
  externalSource?: string;
  /** Columns nobody recognises become custom properties, typed from their values (the file is read twice). */
  createProperties?: boolean;
  /** Columns nobody recognises are skipped instead of refusing the file. */
  ignoreUnknown?: boolean;
  /** `--set` items: "field=value", the value of every row whose file has no value for the field (no column, or a blank cell). */
  set?: readonly string[];
  /** `--map-values` items: "Column:from=to,from2=to2". */
  mapValues?: readonly string[];
  /** The same as a table: `{ "Column": { "from": "to" } }`; both apply. */
  valueMap?: ValueMap;
  /** Everything is checked and counted, then rolled back: nothing is written, no property defined. */
  dryRun?: boolean;
  /** Rows read, checked and written together; memory holds one batch, never the file (default 5,000 on a server, 500 on PGlite). */
  batchSize?: number;
  /** Problems kept for the answer; all are counted and all go to onProblem. */
  maxListedProblems?: number;
  onMapping?: (columns: MappingEntry[]) => void;
  onProgress?: (p: { rows: number }) => void;
  onProblem?: (p: ImportProblem) => void;
  onBatch?: (rows: number) => void;
  /**
   * 'all' (default): one transaction, all or nothing. 'batches': each batch is written in a
   * transaction of its own, so on PGlite (one connection) other requests are answered between
   * batches; a dry run then writes and rolls back batch by batch. Bad input is refused batch by
   * batch, so a caller that must write nothing partial runs a dry pass first (import-jobs.ts).
   */
  commit?: 'all' | 'batches';
}

export type MappingEntry = Omit<ColumnMapping, 'index'>;

export interface ImportSummary extends WriteCounts {
  object: ImportObject;
  /** Data rows read (blank rows not counted). */
  rows: number;
  failed: 0;
  mapping: MappingEntry[];
  /** The system the file's ids were read as; null when it has no id column. */
  external_source: string | null;
  /** Custom properties --create-properties defined (or would have, in a dry run). */
  properties_created: PropertyDefinition[];
  /** What the import decided that the user should know (several ids in one cell...). */
  notes: string[];
  dry_run: boolean;
}

/** Thrown at the end of a dry run to roll everything back; carries the summary out. */
class DryRunDone {
  constructor(readonly summary: ImportSummary) {}
}

/** A source that can be read only once, for callers that pass the stream itself. */
function openOnce(source: CsvSource): () => CsvSource {
  let opened = false;
  return () => {
    if (opened) throw new Error('this import reads its file twice (--create-properties): pass a function that opens it');
    opened = true;
    return source;
  };
}

/**
 * Imports a CSV file of one object, all or nothing: everything happens in one transaction, and
 * if any row has a problem the transaction is rolled back and every problem is reported (row,
 * column, field, problem) in an AppError 'validation_failed'; nothing is written. The file is
 * streamed and handled in batches, so memory stays flat whatever its size. Once a problem is
 * found the remaining rows are still checked (to list all problems at once) but not written.
 */
export async function importCsv(ctx: Ctx, object: ImportObject, source: CsvSource | (() => CsvSource), opts: ImportOptions = {}): Promise<ImportSummary> {
  const open = typeof source === 'function' ? source : openOnce(source);
  const created: PropertyDefinition[] = [];
  const notes: string[] = [];
  let externalSource: string | null = null;
  const importer = importers[object];
  // Per batch a fixed number of statements: larger batches were 1.7x faster on the server (500 →
  // 5,000 rows, bench/import-bench.ts). PGlite keeps smaller ones, since one statement holds its
  // only connection and the app answers between statements.
  const batchSize = opts.batchSize ?? (ctx.db.kind === 'pglite' ? 500 : 5000);
  const problems = new ProblemCollector(opts.maxListedProblems ?? 1000, opts.onProblem);
  const counts: WriteCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
  let mapping: MappingEntry[] = [];
  let rows = 0;

  const batched = opts.commit === 'batches';
  /** Rows written and committed by earlier batches (commit 'batches' only): what a later refusal leaves behind. */
  let committed = 0;
  const body = async (db: Db) => {
    const txCtx: Ctx = { ...ctx, db };
    let records = readCsvRecords(open());
    const first = await nextRecord(records, problems, object);
    if (!first) {
      problems.add({ row: null, column: '', field: null, problem: 'the file is empty: it needs a header row and at least one data row' });
      throw rejection(object, problems, mapping);
    }
    const headers = first.cells.map((h) => h.trim());
    let properties = importer.propertyObject ? await propertyDefinitions(db, importer.propertyObject) : new Map<string, PropertyDefinition>();
    const listed = parseMapValues(opts.mapValues);
    const values = valueTables(mergeValueMaps(listed.map, opts.valueMap ?? {}), headers);
    let resolved = resolveColumns(object, headers, opts.map ?? [], properties, { ignoreUnknown: opts.ignoreUnknown, deferUnknown: opts.createProperties });
    const headerProblems = [...resolved.problems, ...listed.problems, ...values.problems];
    if (!headerProblems.length && resolved.unknown.length) {
      // The unknown columns' values decide their types: read the rest of the file once for them,
      // define them (in this transaction: a rejected file defines nothing), then read it again.
      const profiles = new Map(resolved.unknown.map((c) => [c.index, new ColumnProfile()]));
      for (let rec = await nextRecord(records, problems, object); rec; rec = await nextRecord(records, problems, object)) {
        for (const [i, profile] of profiles) profile.add(mapCell(unescapeFormula((rec.cells[i] ?? '').trim()), values.tables.get(i)));
      }
      const taken = new Set(properties.keys());
      const define = async (on: Db) => {
        for (const c of resolved.unknown) {
          const { type, options } = profiles.get(c.index)!.inferred();
          const input = { object_type: importer.propertyObject, name: propertyNameFor(c.column, taken), label: c.column.slice(0, 200), type, ...(type === 'enum' ? { options } : {}) };
          created.push(await defineProperty(on, input, ctx));
        }
      };
      if (!batched) {
        await define(db);
        properties = await propertyDefinitions(db, importer.propertyObject!);
      } else {
        // Outside one transaction: a dry run defines them in a short one it rolls back, and the
        // rows are checked against the definitions kept in memory.
        if (opts.dryRun) await rolledBack(ctx.db, define);
        else await define(db);
        properties = new Map([...properties, ...created.map((d) => [d.name, d] as const)]);
      }
      resolved = resolveColumns(object, headers, opts.map ?? [], properties, { ignoreUnknown: opts.ignoreUnknown });
      for (const c of resolved.columns) {
        const def = created.find((d) => c.field === `properties.${d.name}`);
        if (def) c.note = `new ${def.type} property${def.type === 'enum' ? ` (${def.options.join(', ')})` : ''}`;
      }
      headerProblems.push(...resolved.problems);
      records = readCsvRecords(open());
      await nextRecord(records, problems, object);
    }
    const set = parseSetOptions(object, opts.set, properties, importer.propertyObject !== null);
    const system = fileSource(object, [...resolved.columns, ...set.columns], opts.externalSource);
    externalSource = system.value;
    mapping = [...resolved.columns, ...set.columns].map(({ index: _, ...m }) => m);
    opts.onMapping?.(mapping);
    for (const p of [...headerProblems, ...set.problems, ...system.problems, ...missingRequiredColumns(object, [...resolved.columns, ...set.columns])]) problems.add({ row: 1, ...p });
    if (problems.total) throw rejection(object, problems, mapping);

    const env: ImportEnv = {
      ctx: txCtx,
      dateOrder: opts.dateOrder ?? 'auto',
      consentAgain: opts.consentAgain ?? false,
      properties,
      stageLabels: new Map((await db.query<{ key: Stage; label: string }>('SELECT key, label FROM lifecycle_stages')).map((s) => [headerKey(s.label), s.key])),
      pipelines: object === 'deals' ? await listPipelines(db) : [],
      segments: object === 'companies' || object === 'deals' ? await listSegments(db) : [],
      refs: new ReferenceLookup(db),
      externalSource: externalSource ?? defaultExternalSource,
      severalIds: new Map(),
    };
    const used = resolved.columns.filter((c) => c.field);
    const columnOf = new Map([...set.columns, ...used].map((c) => [c.field!, c.column]));
    // Problems name the import field and its column; schema fields fed by another column (owner_id ← owner) are translated.
    const report = (draft: Draft, field: string, problem: string) => {
      draft.bad = true;
      const base = field.startsWith('properties.') ? field : field.split('.')[0]!;
      const name = importer.fieldColumns?.[base] ?? base;
      problems.add({ row: draft.row, column: columnOf.get(name) ?? '', field: name || null, problem });
    };

    /** One batch in a transaction of its own (commit 'batches'); rolled back in a dry run, its counts kept. */
    const writeBatch = async (valid: unknown[]): Promise<WriteCounts> => {
      const write = (tx: Db) => importer.write({ ...ctx, db: tx }, valid);
      if (opts.dryRun) return rolledBack(ctx.db, write);
      const c = await ctx.db.tx(write);
      committed += valid.length;
      return c;
    };

    let batch: Draft[] = [];
    // A batch is written while the next one is read and parsed: on a server the database works
    // on one batch while this process parses the next. Its references are looked up only once
    // the one before is written, so a row may refer to one of an earlier batch.
    let writing: Promise<void> = Promise.resolve();
    let failedRows = 0;
    let analyzeAt = 1000;
    const flush = async () => {
      const drafts = batch;
      batch = [];
      await writing;
      const valid = await importer.prepare(env, drafts, report);
      writing = (async () => {
        // A batched dry run writes (and rolls back) the good rows even after a problem: it answers what the rest would do.
        if (!problems.total || (batched && opts.dryRun)) addCounts(counts, batched ? await writeBatch(valid) : await importer.write(txCtx, valid));
        failedRows += drafts.filter((d) => d.bad).length;
        // The planner sizes tables by their last ANALYZE, which cannot see this transaction's rows:
        // a 100k-row import into an empty table looked its rows up by email and id with
        // sequential scans, slower with every batch. Statistics again each time the rows created
        // quadruple; an import that only updates grows nothing (it spent a quarter of its time here).
        if (counts.created >= analyzeAt && !problems.total && !(batched && opts.dryRun)) {
          analyzeAt *= 4;
          for (const table of growingTables[object]) await db.query(`ANALYZE ${table}`);
        }
        opts.onBatch?.(drafts.length);
        opts.onProgress?.({ rows });
      })();
      // Its failure surfaces at the next await of it; until then it must not count as unhandled.
      writing.catch(() => {});
    };
    for (let rec = await nextRecord(records, problems, object); rec; rec = await nextRecord(records, problems, object)) {
      if (rec.cells.every((c) => c.trim() === '')) continue;
      rows++;
      batch.push(toDraft(rec, headers.length, used, importer, env, report, values.tables, set.values));
      if (batch.length >= batchSize) await flush();
    }
    if (batch.length) await flush();
    await writing;
    if (problems.total) {
      const err = rejection(object, problems, mapping, committed);
      if (batched && opts.dryRun) err.details.counts = { ...counts, failed: failedRows, rows };
      throw err;
    }
    for (const [field, n] of env.severalIds) {
      notes.push(`${n} row${n === 1 ? '' : 's'} named several ids in "${columnOf.get(field)}"; each was linked to the first one.`);
    }
    const summary: ImportSummary = { object, rows, ...counts, failed: 0, mapping, external_source: externalSource, properties_created: created, notes, dry_run: opts.dryRun ?? false };
    if (opts.dryRun && !batched) throw new DryRunDone(summary);
    return summary;
  };
  const run = batched ? body(ctx.db) : ctx.db.tx(body);
  return run.catch((err) => {
    if (err instanceof DryRunDone) return err.summary;
    if (isUniqueViolation(err)) {
      throw new AppError('conflict', `The ${object} file was not imported: another change created a record with the same email, domain or external id while it ran. ${committed ? `${committed} rows were imported before it, the rest were not` : 'Nothing was written'}; run the import again.`);
    }
    throw err;
  });
}

/**
 * The tables an import of each object grows and then looks records up in (by email, domain,
 * external id). Contacts only for the columns looked up: the row count comes with any ANALYZE,
 * and a full one also samples the search index's expression, most of its time.
 */
const growingTables: Record<ImportObject, readonly string[]> = {
  contacts: ['contacts (email_normalized, external_source, external_id)', 'companies'],
  companies: ['companies'],
  deals: ['deals'],
  activities: [],
  campaigns: [],
};

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

function toDraft(
  rec: CsvRecord,
  width: number,
  used: ColumnMapping[],
  importer: RowImporter<unknown>,
  env: ImportEnv,
  report: (d: Draft, field: string, problem: string) => void,
  values: Map<number, Map<string, string>>,
  defaults: ReadonlyMap<string, string> = new Map(),
): Draft {
  const d: Draft = { row: rec.row, values: {}, properties: {}, bad: false };
  const extra = rec.cells.slice(width).filter((c) => c.trim() !== '').length;
  if (rec.cells.length < width || extra) {
    // A line break or delimiter inside an unquoted cell shifts every later cell: refuse rather than guess.
    report(d, '', `has ${rec.cells.length} cells but the header has ${width} columns (a line break or delimiter inside a cell that is not quoted?)`);
    return d;
  }
  const read = (field: string, cell: string) => {
    if (cell.includes('\uFFFD')) return report(d, field, 'has bytes that are not UTF-8 text; save the file as "CSV UTF-8" and import it again');
    const unsafe = textProblem(cell);
    if (unsafe) return report(d, field, unsafe);
    const prop = field.startsWith('properties.') ? field.slice('properties.'.length) : null;
    const parsed: Parsed<unknown> = prop !== null ? propertyCell(cell, prop, env) : importer.parsers[field]?.(cell, env) ?? { ok: true, value: cell };
    if (!parsed.ok) report(d, field, parsed.problem);
    else if (prop !== null) d.properties[prop] = parsed.value;
    else d.values[field] = parsed.value;
  };
  const filled = new Set<string>();
  for (const c of used) {
    const cell = mapCell(unescapeFormula(rec.cells[c.index]!.trim()), values.get(c.index));
    if (cell === '') continue;
    filled.add(c.field!);
    read(c.field!, cell);
  }
  for (const [field, value] of defaults) if (!filled.has(field)) read(field, value);
  if (Object.keys(d.properties).length && importer.propertyObject) {
    const checked = checkProperties(env.properties, d.properties, importer.propertyObject);
    for (const p of checked.problems) report(d, p.field, p.problem);
    d.properties = checked.values;
  }
  return d;
}

/**
 * `--set "stage=Closed Won"`: a value for every row that has none for the field (the file lacks
 * the column, or the row's cell is blank), read as a cell of that field would be. Shown in the
 * mapping as a column of its own, so a file without a required column (a list of won deals with
 * no stage) imports without editing it.
 */
function parseSetOptions(object: ImportObject, items: readonly string[] = [], properties: Map<string, PropertyDefinition>, hasProperties: boolean): { columns: ColumnMapping[]; values: Map<string, string>; problems: HeaderProblem[] } {
  const columns: ColumnMapping[] = [];
  const values = new Map<string, string>();
  const problems: HeaderProblem[] = [];
  const fields = importFields[object];
  for (const item of items) {
    const at = item.indexOf('=');
    const field = at > 0 ? item.slice(0, at).trim() : '';
    const value = at > 0 ? item.slice(at + 1).trim() : '';
    const column = `--set ${field || item}`;
    if (!field || !value) {
      problems.push({ column, field: null, problem: `--set needs "field=value" (got "${item}"), e.g. --set "stage=Closed Won"` });
      continue;
    }
    const prop = /^properties\.(.+)$/.exec(field)?.[1];
    if (prop !== undefined ? !hasProperties || !properties.has(prop) : !(field in fields)) {
      problems.push({ column, field, problem: prop !== undefined ? `"${prop}" is not a defined custom property of ${object}` : `"${field}" is not a ${object} field; use one of ${Object.keys(fields).join(', ')} or properties.<name>` });
      continue;
    }
    if (values.has(field)) problems.push({ column, field, problem: 'is set twice; keep one --set for it' });
    values.set(field, value);
    columns.push({ index: -1, column, field, source: 'map', note: `"${value}" where the file has none` });
  }
  return { columns, values, problems };
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

/** Thrown out of a transaction to roll it back; carries the callback's answer out. */
class RolledBack<T> {
  constructor(readonly value: T) {}
}

/** What fn answers inside a transaction that is then rolled back (a dry run's batch). */
async function rolledBack<T>(db: Db, fn: (tx: Db) => Promise<T>): Promise<T> {
  try {
    await db.tx(async (tx) => {
      throw new RolledBack(await fn(tx));
    });
  } catch (err) {
    if (err instanceof RolledBack) return err.value as T;
    throw err;
  }
  throw new Error('unreachable: the transaction always throws');
}

function rejection(object: ImportObject, problems: ProblemCollector, mapping: MappingEntry[], committed = 0): AppError {
  const first = problems.listed[0];
  const where = first ? [first.row !== null ? `row ${first.row}` : '', first.column ? `column "${first.column}"` : ''].filter(Boolean).join(', ') : '';
  const n = problems.total;
  return new AppError(
    'validation_failed',
    (committed
      ? `The ${object} import stopped at a problem after ${committed} rows were imported; the rest were not: ${n} problem${n === 1 ? '' : 's'}. `
      : `The ${object} file was not imported and nothing was written: ${n} problem${n === 1 ? '' : 's'}. `) +
      (first ? `First: ${where ? where + ': ' : ''}${first.field ? first.field + ' ' : ''}${first.problem}` : ''),
    { errors: problems.listed, total_errors: n, mapping, ...(committed ? { imported_rows: committed } : {}) },
  );
}

function mergeValueMaps(a: ValueMap, b: ValueMap): ValueMap {
  const out: ValueMap = { ...a };
  for (const [column, pairs] of Object.entries(b)) out[column] = { ...out[column], ...pairs };
  return out;
}

/**
 * Which system the file's ids are read as: the one named (--external-source), else the one its
 * recognised id headers belong to ("Record ID" is HubSpot's, "AccountId" Salesforce's), else
 * "import". Id headers of two systems in one file are a question for the user.
 */
function fileSource(object: ImportObject, columns: ColumnMapping[], named: string | undefined): { value: string | null; problems: HeaderProblem[] } {
  const idColumns = columns.filter((c) => c.field && (externalIdFieldNames as readonly string[]).includes(c.field));
  if (named !== undefined) {
    const parsed = externalSourceSchema.safeParse(named);
    if (!parsed.success) return { value: null, problems: [{ column: '', field: 'external_source', problem: `--external-source ${parsed.error.issues[0]!.message}` }] };
    label(idColumns, parsed.data);
    return { value: idColumns.length ? parsed.data : null, problems: [] };
  }
  if (!idColumns.length) return { value: null, problems: [] };
  const systems = new Map<string, string[]>();
  for (const c of idColumns.filter((c) => c.source === 'recognised')) {
    const system = idHeaderSystem(c.column);
    if (system) systems.set(system, [...(systems.get(system) ?? []), `"${c.column}"`]);
  }
  if (systems.size > 1) {
    const which = [...systems].map(([s, cs]) => `${cs.join(', ')} ${s}`).join('; ');
    return { value: null, problems: [{ column: '', field: 'external_source', problem: `the ${object} file has id columns of two systems (${which}); say which one its ids belong to with --external-source hubspot|salesforce|<name> (API: external_source=)` }] };
  }
  const value = [...systems.keys()][0] ?? defaultExternalSource;
  label(idColumns, value);
  return { value, problems: [] };
}

function label(idColumns: ColumnMapping[], source: string) {
  for (const c of idColumns) c.note = c.note ? `${c.note}, as ${source} ids` : `${source} ids`;
}
