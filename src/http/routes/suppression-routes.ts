import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { contactListPageOut } from '../../domains/crm/contact-list.js';
import { exportCsv, exportJsonLines } from '../../domains/crm/csv-export/export-records.js';
import { audienceExportWhere, listAudience } from '../../domains/crm/marketing-audience.js';
import {
  bulkSuppress, bulkSuppressInput, bulkSuppressOut, contactSuppression, saveSuppressionSettings, suppressContact, suppressInput, suppressionOut,
  suppressionSettings, suppressionSettingsInput, unsuppressContact,
} from '../../domains/crm/suppressions.js';
import { contactStageTimes, stageTimesOut } from '../../domains/funnel/stage-times.js';
import { contactScoreHistory, scoreHistoryOut } from '../../domains/scoring/score-history.js';
import { assertCanRead } from '../../domains/auth/record-scope.js';
import { notFound } from '../../shared/errors.js';
import { requestCtx } from '../auth.js';
import { idParams, listQuery, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

/** Suppression, the marketing audience, and a contact's score history and time in each stage. */
export function suppressionRoutes(app: FastifyInstance, { db, readDb, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];
  const settings = { 200: z.object({ auto_suppress: z.boolean() }) };
  r.get('/api/settings/suppression', { config: { permission: 'crm:read' }, schema: { tags: ['settings'], response: settings } }, async () => suppressionSettings(db));
  r.put('/api/settings/suppression', { config: { permission: 'settings:manage' }, schema: { tags: ['settings'], body: suppressionSettingsInput, response: settings } }, async (req) =>
    saveSuppressionSettings(db, req.body, requestCtx(req, db, clock)));

  r.get('/api/contacts/:id/suppression', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: z.object({ suppression: suppressionOut.nullable() }) } } }, async (req) => {
    const ctx = requestCtx(req, db, clock);
    await assertCanRead(ctx, 'contact', req.params.id);
    if (!(await db.query('SELECT 1 FROM contacts WHERE id = $1', [req.params.id])).length) throw notFound('Contact', req.params.id);
    return { suppression: await contactSuppression(db, req.params.id) };
  });
  r.post('/api/contacts/:id/suppression', { config: { permission: 'campaigns:manage' }, schema: { tags, params: idParams, body: suppressInput, response: { 200: suppressionOut } } }, async (req) =>
    suppressContact(requestCtx(req, db, clock), req.params.id, req.body));
  r.delete('/api/contacts/:id/suppression', { config: { permission: 'campaigns:manage' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await unsuppressContact(requestCtx(req, db, clock), req.params.id);
    return reply.code(204).send();
  });
  r.post('/api/contacts/bulk/suppress', { config: { permission: 'campaigns:manage' }, schema: { tags, body: bulkSuppressInput, response: { 200: bulkSuppressOut } } }, async (req) =>
    bulkSuppress(requestCtx(req, db, clock), req.body));

  r.get('/api/contacts/:id/score-history', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: scoreHistoryOut } } }, async (req) =>
    contactScoreHistory(requestCtx(req, db, clock), req.params.id));
  r.get('/api/contacts/:id/stage-times', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: stageTimesOut } } }, async (req) =>
    contactStageTimes(requestCtx(req, db, clock), req.params.id));

  // The marketing audience: the contacts list's filters, without the suppressed (marketing-audience.ts).
  r.get('/api/audience', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: contactListPageOut } } }, async (req) =>
    listAudience(requestCtx(req, db, clock), toListParams(req.query)));
  const exportQuery = z.object({ format: z.enum(['csv', 'json']).default('csv'), q: z.string().optional() }).catchall(z.string());
  r.get('/api/audience/export', { config: { permission: 'export' }, schema: { tags, querystring: exportQuery } }, async (req, reply) => {
    const { format, q, ...filters } = req.query;
    // An export only reads: the read connection (docs/scaling.md).
    const where = await audienceExportWhere(requestCtx(req, readDb, clock), { q, filters: filters as Record<string, string> });
    const csv = format === 'csv';
    reply.header('content-type', csv ? 'text/csv; charset=utf-8' : 'application/x-ndjson; charset=utf-8');
    reply.header('content-disposition', `attachment; filename="marketing-audience.${csv ? 'csv' : 'jsonl'}"`);
    return reply.send(Readable.from(csv ? exportCsv(readDb, 'contacts', where) : exportJsonLines(readDb, 'contacts', where)));
  });
}
