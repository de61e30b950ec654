import { attributionQuery, attributionReport } from '../../domains/reports/attribution-report.js';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { campaignCreateInput, campaignUpdateInput, createCampaign, listCampaigns, updateCampaign } from '../../domains/ingest/campaigns.js';
import { assetsReport, sourcesReport } from '../../domains/reports/marketing-sources.js';
import { workspaceReportWindow } from '../../domains/workspace/workspace-settings.js';
import { requestCtx } from '../auth.js';
import { idParams, windowQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';


export function marketingRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/campaigns', { config: { permission: 'crm:read' }, schema: { tags: ['campaigns'] } }, async () => ({ data: await listCampaigns(db) }));
  r.post('/api/campaigns', { config: { permission: 'campaigns:manage' }, schema: { tags: ['campaigns'], body: campaignCreateInput } }, async (req, reply) =>
    reply.code(201).send(await createCampaign(db, req.body, requestCtx(req, db, clock).actor)));
  r.patch('/api/campaigns/:id', { config: { permission: 'campaigns:manage' }, schema: { tags: ['campaigns'], params: idParams, body: campaignUpdateInput } }, async (req) =>
    updateCampaign(db, req.params.id, req.body, requestCtx(req, db, clock).actor));
  r.get('/api/reports/sources', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: windowQuery } }, async (req) =>
    sourcesReport(db, await workspaceReportWindow(db, req.query, clock.now())));
  r.get('/api/reports/assets', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: windowQuery } }, async (req) =>
    assetsReport(db, await workspaceReportWindow(db, req.query, clock.now())));
  r.get('/api/reports/attribution', { config: { permission: 'crm:read' }, schema: { tags: ['reports'], querystring: attributionQuery } }, async (req) => {
    const { model, dimension, lookback_days, half_life_days, ...window } = req.query;
    return attributionReport(db, await workspaceReportWindow(db, window, clock.now()), { model, dimension, lookbackDays: lookback_days, halfLifeDays: half_life_days });
  });
}
