import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRejectedEvents } from '../../domains/ingest/rejected-events.js';
import { createWriteKey, listWriteKeys, revokeWriteKey, writeKeyInput } from '../../domains/ingest/write-keys.js';
import { requestCtx } from '../auth.js';
import { idParams, listQuery, pageOf, pageQuery, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

const writeKeyOut = z.object({ id: z.number(), name: z.string(), created_at: z.date(), revoked_at: z.date().nullable() });
// `payload` only for those who may read raw payloads (listRejectedEvents).
const rejectedEventOut = z.object({
  id: z.number(), write_key_id: z.number().nullable(), message_id: z.string().nullable(), received_at: z.date(), reason: z.string(), payload: z.unknown().optional(),
});

export function ingestAdminRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ingestion'];
  r.post('/api/write-keys', { config: { permission: 'settings:manage' }, schema: { tags, body: writeKeyInput, response: { 201: z.object({ id: z.number(), name: z.string(), key: z.string() }) } } }, async (req, reply) =>
    reply.code(201).send(await createWriteKey(db, req.body, requestCtx(req, db, clock))));
  r.get('/api/write-keys', { config: { permission: 'settings:manage' }, schema: { tags, description: 'Live keys first, newest first.', querystring: pageQuery, response: { 200: pageOf(writeKeyOut) } } }, async (req) =>
    listWriteKeys(db, req.query));
  // Every instance refuses a revoked key within about a second (writeKeyResolver).
  r.delete('/api/write-keys/:id', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams, response: { 200: writeKeyOut } } }, async (req) =>
    revokeWriteKey(db, req.params.id, requestCtx(req, db, clock)));
  r.get('/api/events/rejected', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: pageOf(rejectedEventOut) } } }, async (req) =>
    listRejectedEvents(requestCtx(req, db, clock), toListParams(req.query)));
}
