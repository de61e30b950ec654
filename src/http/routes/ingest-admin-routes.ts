import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listRejectedEvents } from '../../domains/ingest/rejected-events.js';
import { createWriteKey, writeKeyInput } from '../../domains/ingest/write-keys.js';
import { listQuery, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function ingestAdminRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['ingestion'];
  r.post('/api/write-keys', { config: { permission: 'settings:manage' }, schema: { tags, body: writeKeyInput, response: { 201: z.object({ id: z.number(), name: z.string(), key: z.string() }) } } }, async (req, reply) =>
    reply.code(201).send(await createWriteKey(db, req.body)));
  r.get('/api/events/rejected', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery } }, async (req) => listRejectedEvents(db, toListParams(req.query)));
}
