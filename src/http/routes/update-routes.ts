import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { sendResultOut, sendUpdate, sendUpdateInput } from '../../domains/updates/send-update.js';
import { updateCreateInput, updatePatchInput, weeklyUpdateOut } from '../../domains/updates/update-content.js';
import { trendQuery, updateReport, updateReportOut, updateTrend, updateTrendOut } from '../../domains/updates/update-report.js';
import { createUpdate, getUpdate, listUpdates, patchUpdate, updateListItemOut } from '../../domains/updates/weekly-updates.js';
import { requestCtx } from '../auth.js';
import { idParams, pageOf, pageQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

/** The weekly marketing update to sales (docs/weekly-update.md): composer, send, report, trend. */
export function updateRoutes(app: FastifyInstance, { db, clock, mailer, publicUrl, secret }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['updates'];
  const read = { permission: 'crm:read' } as const;
  const write = { permission: 'updates:send' } as const;

  r.get('/api/updates', { config: read, schema: { tags, querystring: pageQuery, response: { 200: pageOf(updateListItemOut) } } }, async (req) => listUpdates(db, req.query));
  // Without a body: the pre-filled draft of this week.
  r.post('/api/updates', { config: write, schema: { tags, body: updateCreateInput.nullish(), response: { 201: weeklyUpdateOut } } }, async (req, reply) =>
    reply.code(201).send(await createUpdate(requestCtx(req, db, clock), req.body)));
  r.get('/api/updates/trend', { config: read, schema: { tags, querystring: trendQuery, response: { 200: updateTrendOut } } }, async (req) => updateTrend(db, req.query));
  r.get('/api/updates/:id', { config: read, schema: { tags, params: idParams, response: { 200: weeklyUpdateOut } } }, async (req) => getUpdate(db, req.params.id));
  r.patch('/api/updates/:id', { config: write, schema: { tags, params: idParams, body: updatePatchInput, response: { 200: weeklyUpdateOut } } }, async (req) =>
    patchUpdate(requestCtx(req, db, clock), req.params.id, req.body));
  r.post('/api/updates/:id/send', { config: write, schema: { tags, params: idParams, body: sendUpdateInput.nullish(), response: { 200: sendResultOut } } }, async (req) =>
    sendUpdate(requestCtx(req, db, clock), { mailer, baseUrl: publicUrl, secret }, req.params.id, req.body));
  r.get('/api/updates/:id/report', { config: read, schema: { tags, params: idParams, response: { 200: updateReportOut } } }, async (req) => updateReport(db, req.params.id));
}
