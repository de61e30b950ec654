import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertOut, alertsFor, markAlertsRead } from '../../domains/alerts/alerts.js';
import { listOutbox, outboxEmailOut } from '../../domains/alerts/deliver.js';
import { createWebhook, disableWebhook, listWebhooks, webhookDeliveries, webhookDeliveryOut, webhookOut } from '../../domains/alerts/webhooks.js';
import { recordScope } from '../../domains/auth/record-scope.js';
import { contactDetailOut, getContact } from '../../domains/crm/contacts.js';
import { aeQueue } from '../../domains/sla/ae-handoffs.js';
import { aeQueueItemOut } from '../../domains/sla/ae-queue-out.js';
import { activeAeRoutingRules, saveAeRoutingRules } from '../../domains/sla/ae-routing.js';
import { activeAeSla, aeSlaSchema, saveAeSla } from '../../domains/sla/ae-sla.js';
import { acceptLead, assignLead } from '../../domains/sla/route-leads.js';
import { openLeadOut } from '../../domains/sla/open-lead-out.js';
import { activeRoutingRules, routingRulesSchema, saveRoutingRules } from '../../domains/sla/routing-rules.js';
import { routingRuleMatches, routingRuleMatchOut } from '../../domains/sla/routing-rule-matches.js';
import { openLeadsPage, slaStatuses } from '../../domains/sla/sla-dashboard.js';
import { activeSlaPolicies, saveSlaPolicies, slaPoliciesSchema } from '../../domains/sla/sla-policies.js';
import { AppError } from '../../shared/errors.js';
import { requestCtx } from '../auth.js';
import { idParams, pageOf, pageQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

const leadsQuery = pageQuery.extend({
  owner_id: z.coerce.number().int().positive('must be a user id').optional(),
  contact_id: z.coerce.number().int().positive('must be a contact id').optional(),
  team: z.string().trim().min(1).optional(),
  status: z.enum(slaStatuses, { error: `must be one of ${slaStatuses.join(', ')}` }).optional(),
});

const webhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  kinds: z.array(z.string().trim().min(1)).min(1).optional()
    .describe('The events to send (docs/webhooks.md), e.g. contact.stage_changed, lead.handoff, sla.breached; old alert kinds are accepted too. Left out: every event.'),
});

export function salesRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sales'];
  const userId = (req: Parameters<typeof requestCtx>[0]) => {
    const id = req.principal?.userId;
    if (id === null || id === undefined) throw new AppError('forbidden', 'This needs a signed-in user (or a token created for one).');
    return id;
  };

  r.get('/api/sla/policies', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: slaPoliciesSchema } } }, async () => activeSlaPolicies(db));
  r.put('/api/sla/policies', { config: { permission: 'sla:manage' }, schema: { tags, response: { 200: slaPoliciesSchema } } }, async (req) => saveSlaPolicies(db, req.body, requestCtx(req, db, clock)));
  r.get('/api/routing/rules', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: routingRulesSchema } } }, async () => activeRoutingRules(db));
  r.put('/api/routing/rules', { config: { permission: 'sla:manage' }, schema: { tags, response: { 200: routingRulesSchema } } }, async (req) => saveRoutingRules(db, req.body, requestCtx(req, db, clock)));
  // How many contacts each rule (as being edited) holds for now: counts, never records.
  r.post('/api/routing/rules/matches', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: z.object({ rules: z.array(routingRuleMatchOut) }) } } }, async (req) => ({
    rules: await routingRuleMatches(db, req.body),
  }));

  r.post('/api/contacts/:id/assign', { config: { permission: 'sla:manage' }, schema: { tags, params: idParams, body: z.strictObject({ owner_id: z.number().int().positive('must be a user id') }),
    response: { 200: z.object({ assignment_id: z.number().nullable(), owner_id: z.number(), contact: contactDetailOut }) } } }, async (req) => {
    const res = await assignLead(requestCtx(req, db, clock), req.params.id, req.body);
    app.revloop.sales.wake();
    return { ...res, contact: await getContact(db, req.params.id) };
  });
  r.post('/api/contacts/:id/accept', { config: { permission: 'funnel:move' }, schema: { tags, params: idParams, response: { 200: contactDetailOut } } }, async (req) => {
    await acceptLead(requestCtx(req, db, clock), req.params.id);
    return getContact(db, req.params.id);
  });

  r.get('/api/sla/leads', { config: { permission: 'crm:read' }, schema: { tags, querystring: leadsQuery, response: { 200: pageOf(openLeadOut) } } }, async (req) =>
    openLeadsPage(db, clock.now(), { ownerId: req.query.owner_id, contactId: req.query.contact_id, team: req.query.team, status: req.query.status }, recordScope(requestCtx(req, db, clock).actor), req.query));
  r.get('/api/sla/my-queue', { config: { permission: 'crm:read' }, schema: { tags, querystring: pageQuery, response: { 200: pageOf(openLeadOut) } } }, async (req) => openLeadsPage(db, clock.now(), { ownerId: userId(req) }, null, req.query));
  // The sla, sales-dashboard and attempts reports: report-routes.ts, from src/reports/.

  r.get('/api/alerts', { config: { permission: 'crm:read' }, schema: { tags, querystring: pageQuery.extend({ unread: z.enum(['true', 'false']).optional() }), response: { 200: pageOf(alertOut) } } }, async (req) =>
    alertsFor(db, userId(req), { unreadOnly: req.query.unread === 'true', limit: req.query.limit, cursor: req.query.cursor }));
  r.post('/api/alerts/read', { config: { permission: 'crm:read' }, schema: { tags, body: z.strictObject({ ids: z.union([z.array(z.number().int().positive()).min(1), z.literal('all')]) }), response: { 200: z.object({ marked: z.number() }) } } }, async (req) => ({
    marked: await markAlertsRead(db, clock, userId(req), req.body.ids),
  }));

  r.get('/api/webhooks', { config: { permission: 'settings:manage' }, schema: { tags, querystring: pageQuery, response: { 200: pageOf(webhookOut) } } }, async (req) => listWebhooks(db, req.query));
  // The secret is shown once, at creation: receivers verify x-revloop-signature with it.
  r.post('/api/webhooks', { config: { permission: 'settings:manage' }, schema: { tags, body: webhookInput, response: { 201: webhookOut.extend({ secret: z.string() }) } } }, async (req, reply) =>
    reply.code(201).send(await createWebhook(db, req.body, requestCtx(req, db, clock))));
  r.delete('/api/webhooks/:id', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await disableWebhook(db, req.params.id, requestCtx(req, db, clock));
    return reply.code(204).send();
  });
  r.get('/api/webhooks/:id/deliveries', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams, querystring: pageQuery, response: { 200: pageOf(webhookDeliveryOut) } } }, async (req) =>
    webhookDeliveries(db, req.params.id, req.query));
  r.get('/api/outbox', { config: { permission: 'settings:manage' }, schema: { tags, querystring: pageQuery, response: { 200: pageOf(outboxEmailOut) } } }, async (req) => listOutbox(db, req.query));
  aeHandoffRoutes(app, { db, clock });
}

/**
 * The SDR → account executive handoff: AE routing rules (the MQL rules' document, its own
 * setting), the AE SLA (working days to a first meeting) and an AE's queue of SQLs handed to them.
 */
export function aeHandoffRoutes(app: FastifyInstance, { db, clock }: Pick<RouteDeps, 'db' | 'clock'>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sales'];
  r.get('/api/routing/ae-rules', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: routingRulesSchema } } }, async () => activeAeRoutingRules(db));
  r.put('/api/routing/ae-rules', { config: { permission: 'sla:manage' }, schema: { tags, response: { 200: routingRulesSchema } } }, async (req) => saveAeRoutingRules(db, req.body, requestCtx(req, db, clock)));
  r.get('/api/sla/ae-policy', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: aeSlaSchema } } }, async () => activeAeSla(db));
  r.put('/api/sla/ae-policy', { config: { permission: 'sla:manage' }, schema: { tags, response: { 200: aeSlaSchema } } }, async (req) => saveAeSla(db, req.body, requestCtx(req, db, clock)));
  r.get('/api/sla/my-handoffs', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: z.array(aeQueueItemOut) } } }, async (req) => {
    const id = req.principal?.userId;
    if (id === null || id === undefined) throw new AppError('forbidden', 'This needs a signed-in user (or a token created for one).');
    return aeQueue(db, clock.now(), id);
  });
}
