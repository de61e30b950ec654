import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { activityInput, activityOut, listActivities, logActivity } from '../../domains/crm/activities.js';
import { requestCtx } from '../auth.js';
import { listQuery, pageOf, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function activityRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['activities'];
  r.get('/api/activities', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: pageOf(activityOut) } } }, async (req) => listActivities(requestCtx(req, db, clock), toListParams(req.query)));
  r.post('/api/activities', { config: { permission: 'crm:write' }, schema: { tags, body: activityInput, response: { 201: activityOut } } }, async (req, reply) =>
    reply.code(201).send(await logActivity(requestCtx(req, db, clock), req.body)));
}
