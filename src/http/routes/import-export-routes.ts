import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { z } from 'zod';
import { exportCsv, exportJsonLines, exportWhere } from '../../domains/crm/csv-export/export-records.js';
import { contactExportWhere } from '../../domains/crm/contact-list.js';
import { importObjects } from '../../domains/crm/csv-import/header-aliases.js';
import { importCsv, type ImportOptions } from '../../domains/crm/csv-import/import-csv.js';
import { ImportJobs, type ImportJob } from '../../domains/crm/csv-import/import-jobs.js';
import { importTargets } from '../../domains/crm/csv-import/import-targets.js';
import { can } from '../../domains/auth/roles.js';
import { parseValueMapJson } from '../../domains/crm/csv-import/value-mapping.js';
import { assertAllowed } from '../../domains/auth/record-scope.js';
import { externalSourceSchema } from '../../domains/crm/external-ids.js';
import { propertyDefinitionOut } from '../../domains/crm/properties.js';
import { importEvents, importWriteKeyId } from '../../domains/ingest/import-events.js';
import { dateOrders } from '../../domains/crm/csv-import/value-parsers.js';
import { AppError } from '../../shared/errors.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

/** Large enough for a real CRM export (100k contacts with many columns is ~50 MB). */
export const IMPORT_BODY_LIMIT = 200 * 1024 * 1024;

const objectParams = z.object({ object: z.enum(importObjects, { message: `must be one of ${importObjects.join(', ')}` }) });
const importQuery = z.object({
  map: z.union([z.string(), z.array(z.string())]).optional(),
  date_format: z.enum(dateOrders).optional(),
  /** People whose data was erased consented again: admit their emails (audited). */
  consent_again: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  /** The system the file's ids come from; default: read from its id headers, else "import". */
  external_source: externalSourceSchema.optional(),
  /** Define the unknown columns as custom properties typed from their values (settings:manage). */
  create_properties: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  ignore_unknown: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
  /** "Column:from=to,from2=to2", repeatable, as the CLI's --map-values. */
  map_values: z.union([z.string(), z.array(z.string())]).optional(),
  /** "field=value", repeatable, as the CLI's --set: the value of every row that has none for the field. */
  set: z.union([z.string(), z.array(z.string())]).optional(),
  /** The same as JSON: {"Column": {"from": "to"}}. */
  value_map: z.string().optional(),
  dry_run: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

/** How a CSV column was read: recognised header, the user's map, a custom property, or ignored. */
const mappingEntryOut = z.object({ column: z.string(), field: z.string().nullable(), source: z.enum(['recognised', 'map', 'property', 'ignored']), note: z.string().optional() });

const importSummaryOut = z.object({
  created: z.number(), updated: z.number(), unchanged: z.number(), kept_stage: z.number(), failed: z.number(), rows: z.number(), mapping: z.array(mappingEntryOut),
  external_source: z.string().nullable(), properties_created: z.array(propertyDefinitionOut), notes: z.array(z.string()), dry_run: z.boolean(),
});

const eventImportSummaryOut = z.object({
  rows: z.number(), stored: z.number(), duplicates: z.number(), failed: z.number(), processing: z.number(), mapping: z.array(mappingEntryOut),
  errors: z.array(z.object({ row: z.number().nullable(), column: z.string(), field: z.string().nullable(), problem: z.string() })), total_errors: z.number(),
});

const list = (v: string | string[] | undefined) => (typeof v === 'string' ? [v] : v);

/**
 * The body written to a temporary file, for an import that reads its file twice
 * (create_properties): the request stream can be read only once.
 */
async function spool(body: AsyncIterable<Buffer>): Promise<{ open: () => Readable; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'revloop-import-'));
  const file = join(dir, 'body.csv');
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(Readable.from(body), createWriteStream(file));
  } catch (err) {
    await remove();
    throw err;
  }
  return { open: () => createReadStream(file), remove };
}

/** The query's import options, as importCsv takes them. */
function importOptions(q: z.infer<typeof importQuery>): ImportOptions {
  return {
    map: list(q.map),
    dateOrder: q.date_format,
    consentAgain: q.consent_again === 'true',
    externalSource: q.external_source,
    createProperties: q.create_properties === 'true',
    ignoreUnknown: q.ignore_unknown === 'true',
    mapValues: list(q.map_values),
    set: list(q.set),
    valueMap: q.value_map === undefined ? undefined : parseValueMapJson(q.value_map),
    dryRun: q.dry_run === 'true',
  };
}

const importOptionOut = z.object({ value: z.string(), label: z.string() });
const importTargetOut = z.object({ field: z.string(), label: z.string().nullable(), options: z.array(importOptionOut).nullable() });
const importTargetsOut = z.object({ fields: z.array(importTargetOut), properties: z.array(importTargetOut), can_create_properties: z.boolean() });

const importProblemOut = z.object({ row: z.number().nullable(), column: z.string(), field: z.string().nullable(), problem: z.string() });
const importJobOut = z.object({
  id: z.string(),
  object: z.enum(importObjects),
  dry_run: z.boolean(),
  status: z.enum(['running', 'done', 'failed']),
  phase: z.enum(['counting', 'checking', 'importing', 'finished']),
  rows_total: z.number().nullable(),
  rows_done: z.number(),
  summary: importSummaryOut.nullable(),
  error: z.object({
    code: z.string(), message: z.string(), errors: z.array(importProblemOut), total_errors: z.number(), mapping: z.array(mappingEntryOut), imported_rows: z.number(),
    /** A dry run's counts despite its problems: what the good rows would do, and how many rows have problems. */
    counts: z.object({ created: z.number(), updated: z.number(), unchanged: z.number(), kept_stage: z.number(), failed: z.number(), rows: z.number() }).nullable(),
  }).nullable(),
  started_at: z.date(),
  finished_at: z.date().nullable(),
});

function jobOut(job: ImportJob): z.infer<typeof importJobOut> {
  const s = job.summary;
  const d = job.error?.details ?? {};
  return {
    ...job,
    summary: s && {
      created: s.created, updated: s.updated, unchanged: s.unchanged, kept_stage: s.kept_stage, failed: 0, rows: s.rows, mapping: s.mapping,
      external_source: s.external_source, properties_created: s.properties_created, notes: s.notes, dry_run: s.dry_run,
    },
    error: job.error && {
      code: job.error.code, message: job.error.message,
      errors: Array.isArray(d.errors) ? (d.errors as z.infer<typeof importProblemOut>[]) : [],
      total_errors: typeof d.total_errors === 'number' ? d.total_errors : 0,
      mapping: Array.isArray(d.mapping) ? (d.mapping as z.infer<typeof mappingEntryOut>[]) : [],
      imported_rows: typeof d.imported_rows === 'number' ? d.imported_rows : 0,
      counts: (d.counts as { created: number; updated: number; unchanged: number; kept_stage: number; failed: number; rows: number } | undefined) ?? null,
    },
  };
}

const eventImportQuery = z.object({
  map: z.union([z.string(), z.array(z.string())]).optional(),
  date_format: z.enum(dateOrders).optional(),
  /** The system the file's external ids come from (a contact's external_source). */
  external_source: externalSourceSchema.optional(),
  /** Answer once the pipeline has processed the stored events (and rescored their contacts). */
  wait: z.enum(['true', 'false'], { message: 'must be true or false' }).optional(),
});

/** The request body as it arrives, refused once it passes the limit (the parser hands the stream through). */
async function* limited(body: AsyncIterable<Buffer>, limit: number): AsyncGenerator<Buffer> {
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    if (total > limit) throw new AppError('payload_too_large', `The CSV is larger than ${limit / 1024 / 1024} MB; split it into several files.`);
    yield chunk;
  }
}

/** Whose job it is: only who started an import sees its progress and problems. */
const jobOwner = (p: FastifyRequest['principal']) => (p?.userId != null ? `user:${p.userId}` : `token:${p?.name ?? ''}`);

export function importExportRoutes(app: FastifyInstance, { db, readDb, clock }: RouteDeps): void {
  // The body is streamed to the importer, never buffered: a 100 MB file costs one batch of memory.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['import-export'];

  r.post('/api/import/:object', { config: { permission: 'import' }, schema: { tags, params: objectParams, querystring: importQuery, response: { 200: importSummaryOut } } }, async (req) => {
    if (Number(req.headers['content-length']) > IMPORT_BODY_LIMIT) throw new AppError('payload_too_large', `The CSV is larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MB; split it into several files.`);
    const body = req.body as unknown;
    if (!(body instanceof Readable)) throw new AppError('validation_failed', 'Send the CSV file itself as the body, with Content-Type: text/csv.', { errors: [{ field: '(body)', problem: 'must be CSV text (Content-Type: text/csv)' }] });
    const ctx = requestCtx(req, db, clock);
    const q = req.query;
    const createProperties = q.create_properties === 'true';
    if (createProperties) assertAllowed(ctx.actor, 'settings:manage', 'define custom properties (create_properties)');
    const valueMap = q.value_map === undefined ? undefined : parseValueMapJson(q.value_map);
    const spooled = createProperties ? await spool(limited(body, IMPORT_BODY_LIMIT)) : null;
    try {
      const s = await importCsv({ ...ctx, actor: { ...ctx.actor, type: 'import' } }, req.params.object, spooled ? spooled.open : limited(body, IMPORT_BODY_LIMIT), {
        map: list(q.map),
        dateOrder: q.date_format,
        consentAgain: q.consent_again === 'true',
        externalSource: q.external_source,
        createProperties,
        ignoreUnknown: q.ignore_unknown === 'true',
        mapValues: list(q.map_values),
        set: list(q.set),
        valueMap,
        dryRun: q.dry_run === 'true',
      });
      return {
        created: s.created, updated: s.updated, unchanged: s.unchanged, kept_stage: s.kept_stage, failed: 0, rows: s.rows, mapping: s.mapping,
        external_source: s.external_source, properties_created: s.properties_created, notes: s.notes, dry_run: s.dry_run,
      };
    } finally {
      await spooled?.remove();
    }
  });

  // The import page's imports: spooled, then run in the background in short transactions, so a
  // large file does not hold PGlite's one connection (import-jobs.ts); the page polls the job.
  const jobs = new ImportJobs((err) => app.log.error({ err }, 'import job failed'));
  r.get('/api/import/:object/fields', { config: { permission: 'import' }, schema: { tags, params: objectParams, response: { 200: importTargetsOut } } }, async (req) => {
    const ctx = requestCtx(req, db, clock);
    return { ...(await importTargets(db, req.params.object)), can_create_properties: !!ctx.actor.role && can(ctx.actor.role, 'settings:manage') };
  });

  r.post('/api/import/jobs/:object', { config: { permission: 'import' }, schema: { tags, params: objectParams, querystring: importQuery, response: { 202: importJobOut } } }, async (req, reply) => {
    if (Number(req.headers['content-length']) > IMPORT_BODY_LIMIT) throw new AppError('payload_too_large', `The CSV is larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MB; split it into several files.`);
    const body = req.body as unknown;
    if (!(body instanceof Readable)) throw new AppError('validation_failed', 'Send the CSV file itself as the body, with Content-Type: text/csv.', { errors: [{ field: '(body)', problem: 'must be CSV text (Content-Type: text/csv)' }] });
    const ctx = requestCtx(req, db, clock);
    const opts = importOptions(req.query);
    if (opts.createProperties) assertAllowed(ctx.actor, 'settings:manage', 'define custom properties (create_properties)');
    const file = await spool(limited(body, IMPORT_BODY_LIMIT));
    const job = jobs.start({ ...ctx, actor: { ...ctx.actor, type: 'import' } }, jobOwner(req.principal), req.params.object, file, opts);
    return reply.code(202).send(jobOut(job));
  });

  r.get('/api/import/jobs/:id', { config: { permission: 'import' }, schema: { tags, params: z.object({ id: z.string().uuid() }), response: { 200: importJobOut } } }, async (req) => {
    return jobOut(jobs.get(req.params.id, jobOwner(req.principal)));
  });

  // A touch history: stored in short batches, processed by the event pipeline (docs/api.md).
  r.post('/api/import/events', { config: { permission: 'import' }, schema: { tags, querystring: eventImportQuery, response: { 200: eventImportSummaryOut } } }, async (req) => {
    if (Number(req.headers['content-length']) > IMPORT_BODY_LIMIT) throw new AppError('payload_too_large', `The CSV is larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MB; split it into several files.`);
    const body = req.body as unknown;
    if (!(body instanceof Readable)) throw new AppError('validation_failed', 'Send the CSV file itself as the body, with Content-Type: text/csv.', { errors: [{ field: '(body)', problem: 'must be CSV text (Content-Type: text/csv)' }] });
    const ctx = requestCtx(req, db, clock);
    const s = await importEvents({ ...ctx, actor: { ...ctx.actor, type: 'import' } }, limited(body, IMPORT_BODY_LIMIT), {
      map: typeof req.query.map === 'string' ? [req.query.map] : req.query.map,
      dateOrder: req.query.date_format,
      externalSource: req.query.external_source,
      writer: app.revloop?.writer,
    });
    // Waiting runs the background processor's own passes (routing and alerts attached), to the end.
    if (req.query.wait === 'true') await app.revloop?.processor.idle();
    const [left] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE processed_at IS NULL AND write_key_id = $1`, [await importWriteKeyId(db)]);
    return { rows: s.rows, stored: s.stored, duplicates: s.duplicates, failed: s.failed, processing: left!.n, mapping: s.mapping, errors: s.errors, total_errors: s.total_errors };
  });

  // A list page exports what it shows (from the read connection: an export only reads): contacts take the contacts list's filters (and ids= for picked rows),
  // companies and deals theirs (q, segment, owner_id, pipeline_id...); other objects refuse a filter.
  const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv'), q: z.string().optional() }).catchall(z.string());
  r.get('/api/export/:object', { config: { permission: 'export' }, schema: { tags, params: objectParams, querystring: exportQuery } }, async (req, reply) => {
    const { object } = req.params;
    const { format: _format, q, ...filters } = req.query;
    const where = object === 'contacts'
      ? await contactExportWhere(requestCtx(req, readDb, clock), { q, filters: filters as Record<string, string> })
      : exportWhere(object, { q, filters: filters as Record<string, string> });
    const csv = req.query.format === 'csv';
    reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${object}.${csv ? 'csv' : 'jsonl'}"`);
    return reply.send(Readable.from(csv ? exportCsv(readDb, object, where) : exportJsonLines(readDb, object, where)));
  });
}
