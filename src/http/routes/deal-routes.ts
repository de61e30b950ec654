import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createDeal, dealCreateInput, dealOut, dealUpdateInput, deleteDeal, listDeals, readDeal, updateDeal } from '../../domains/crm/deals.js';
import { listPipelines, pipelineOut, setPipelineStages } from '../../domains/crm/pipelines.js';
import { dealReasonSettings, dealReasonSettingsOut, dealReasonsInput, saveDealReasons } from '../../domains/crm/deal-reasons.js';
import { requestCtx } from '../auth.js';
import { idParams, listQuery, pageOf, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function dealRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['deals'];
  r.get('/api/deals', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: pageOf(dealOut) } } }, async (req) => listDeals(requestCtx(req, db, clock), toListParams(req.query)));
  r.post('/api/deals', { config: { permission: 'crm:write' }, schema: { tags, body: dealCreateInput, response: { 201: dealOut } } }, async (req, reply) =>
    reply.code(201).send(await createDeal(requestCtx(req, db, clock), req.body)));
  r.get('/api/deals/:id', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: dealOut } } }, async (req) => readDeal(requestCtx(req, db, clock), req.params.id));
  r.patch('/api/deals/:id', { config: { permission: 'crm:write' }, schema: { tags, params: idParams, body: dealUpdateInput, response: { 200: dealOut } } }, async (req) =>
    updateDeal(requestCtx(req, db, clock), req.params.id, req.body));
  r.delete('/api/deals/:id', { config: { permission: 'crm:delete' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteDeal(requestCtx(req, db, clock), req.params.id);
    return reply.code(204).send();
  });
  r.get('/api/pipelines', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: z.object({ data: z.array(pipelineOut) }) } } }, async () => ({ data: await listPipelines(db) }));
  r.put('/api/pipelines/:id/stages', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams, response: { 200: pipelineOut } } }, async (req) => setPipelineStages(db, req.params.id, req.body, requestCtx(req, db, clock)));
  // Win and lost reasons: the lists a deal's win_reason and lost_reason take their codes from, with how many deals carry each.
  const reasons = { 200: dealReasonSettingsOut };
  r.get('/api/settings/deal-reasons', { config: { permission: 'crm:read' }, schema: { tags: ['settings'], response: reasons } }, async () => dealReasonSettings(db));
  // The body schema is the domain's own: a bad code or label by name; the domain then refuses duplicates and removing a reason deals carry.
  r.put('/api/settings/deal-reasons', { config: { permission: 'settings:manage' }, schema: { tags: ['settings'], body: dealReasonsInput, response: reasons } }, async (req) =>
    saveDealReasons(db, req.body, requestCtx(req, db, clock)));
}
