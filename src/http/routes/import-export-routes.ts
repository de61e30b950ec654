import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { exportCsv, exportJsonLines } from '../../domains/crm/csv-export/export-records.js';
import { importObjects } from '../../domains/crm/csv-import/header-aliases.js';
import { importCsv } from '../../domains/crm/csv-import/import-csv.js';
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

export function importExportRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  // The body is streamed to the importer, never buffered: a 100 MB file costs one batch of memory.
  app.addContentTypeParser(['text/csv', 'application/csv'], (_req, payload, done) => done(null, payload));
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['import-export'];

  r.post('/api/import/:object', { config: { permission: 'import' }, schema: { tags, params: objectParams, querystring: importQuery } }, async (req) => {
    if (Number(req.headers['content-length']) > IMPORT_BODY_LIMIT) throw new AppError('payload_too_large', `The CSV is larger than ${IMPORT_BODY_LIMIT / 1024 / 1024} MB; split it into several files.`);
    const body = req.body as unknown;
    if (!(body instanceof Readable)) throw new AppError('validation_failed', 'Send the CSV file itself as the body, with Content-Type: text/csv.', { errors: [{ field: '(body)', problem: 'must be CSV text (Content-Type: text/csv)' }] });
    const ctx = requestCtx(req, db, clock);
    const s = await importCsv({ ...ctx, actor: { ...ctx.actor, type: 'import' } }, req.params.object, limited(body, IMPORT_BODY_LIMIT), {
      map: typeof req.query.map === 'string' ? [req.query.map] : req.query.map,
      dateOrder: req.query.date_format,
      consentAgain: req.query.consent_again === 'true',
    });
    return { created: s.created, updated: s.updated, unchanged: s.unchanged, kept_stage: s.kept_stage, failed: 0, rows: s.rows, mapping: s.mapping };
  });

  r.get('/api/export/:object', { config: { permission: 'export' }, schema: { tags, params: objectParams, querystring: z.object({ format: z.enum(['csv', 'json']).default('csv') }) } }, async (req, reply) => {
    const { object } = req.params;
    const csv = req.query.format === 'csv';
    reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="${object}.${csv ? 'csv' : 'jsonl'}"`);
    return reply.send(Readable.from(csv ? exportCsv(db, object) : exportJsonLines(db, object)));
  });
}
