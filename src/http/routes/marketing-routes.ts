import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { campaignCreateInput, campaignListItemOut, campaignOut, campaignUpdateInput, createCampaign, listCampaigns, updateCampaign } from '../../domains/ingest/campaigns.js';
import { requestCtx } from '../auth.js';
import { idParams, pageOf, pageQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';


export function marketingRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/campaigns', { config: { permission: 'crm:read' }, schema: { tags: ['campaigns'], querystring: pageQuery, response: { 200: pageOf(campaignListItemOut) } } }, async (req) => listCampaigns(db, req.query));
  r.post('/api/campaigns', { config: { permission: 'campaigns:manage' }, schema: { tags: ['campaigns'], body: campaignCreateInput, response: { 201: campaignOut } } }, async (req, reply) =>
    reply.code(201).send(await createCampaign(db, req.body, requestCtx(req, db, clock).actor)));
  r.patch('/api/campaigns/:id', { config: { permission: 'campaigns:manage' }, schema: { tags: ['campaigns'], params: idParams, body: campaignUpdateInput, response: { 200: campaignOut } } }, async (req) =>
    updateCampaign(db, req.params.id, req.body, requestCtx(req, db, clock).actor));
  // The sources, assets and attribution reports: report-routes.ts, from src/reports/.
}
