import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { defineProperty, listProperties, objectTypes, propertyDefinitionInput, propertyDefinitionOut } from '../../domains/crm/properties.js';
import { listStagesWithMoves, stageRowOut, stageUpdateInput, stageWithMovesOut, updateStage } from '../../domains/funnel/stages.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

export function funnelRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/funnel/stages', { config: { permission: 'crm:read' }, schema: { tags: ['funnel'], response: { 200: z.object({ data: z.array(stageWithMovesOut) }) } } }, async () => ({ data: await listStagesWithMoves(db) }));
  r.put('/api/funnel/stages/:key', { config: { permission: 'settings:manage' }, schema: { tags: ['funnel'], params: z.object({ key: z.string() }), body: stageUpdateInput, response: { 200: stageRowOut } } }, async (req) =>
    updateStage(db, req.params.key, req.body, requestCtx(req, db, clock)));
  // GET /api/funnel is the funnel report's (report-routes.ts, from src/reports/).
  r.get('/api/properties', { config: { permission: 'crm:read' }, schema: { tags: ['properties'], querystring: z.object({ object_type: z.enum(objectTypes).optional() }), response: { 200: z.object({ data: z.array(propertyDefinitionOut) }) } } }, async (req) =>
    ({ data: await listProperties(db, req.query.object_type) }));
  r.post('/api/properties', { config: { permission: 'settings:manage' }, schema: { tags: ['properties'], body: propertyDefinitionInput, response: { 201: propertyDefinitionOut } } }, async (req, reply) =>
    reply.code(201).send(await defineProperty(db, req.body, requestCtx(req, db, clock))));
}
