import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { alertsFor, markAlertsRead } from '../../domains/alerts/alerts.js';
import { createWebhook, disableWebhook, webhookDeliveries } from '../../domains/alerts/webhooks.js';
import { recordScope } from '../../domains/auth/record-scope.js';
import { getContact } from '../../domains/crm/contacts.js';
import { acceptLead, assignLead } from '../../domains/sla/route-leads.js';
import { activeRoutingRules, saveRoutingRules } from '../../domains/sla/routing-rules.js';
import { openLeads, slaStatuses } from '../../domains/sla/sla-dashboard.js';
import { activeSlaPolicies, saveSlaPolicies } from '../../domains/sla/sla-policies.js';
import { AppError } from '../../shared/errors.js';
import { requestCtx } from '../auth.js';
import { idParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

const leadsQuery = z.strictObject({
  owner_id: z.coerce.number().int().positive('must be a user id').optional(),
  contact_id: z.coerce.number().int().positive('must be a contact id').optional(),
  team: z.string().trim().min(1).optional(),
  status: z.enum(slaStatuses, { error: `must be one of ${slaStatuses.join(', ')}` }).optional(),
  limit: z.coerce.number().int().min(1).max(5000).optional(),
});

const webhookInput = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }),
  kinds: z.array(z.string().trim().min(1)).min(1).optional(),
});

export function salesRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['sales'];
  const userId = (req: Parameters<typeof requestCtx>[0]) => {
    const id = req.principal?.userId;
    if (id === null || id === undefined) throw new AppError('forbidden', 'This needs a signed-in user (or a token created for one).');
    return id;
  };

  r.get('/api/sla/policies', { config: { permission: 'crm:read' }, schema: { tags } }, async () => activeSlaPolicies(db));
  r.put('/api/sla/policies', { config: { permission: 'sla:manage' }, schema: { tags } }, async (req) => saveSlaPolicies(db, req.body, requestCtx(req, db, clock)));
  r.get('/api/routing/rules', { config: { permission: 'crm:read' }, schema: { tags } }, async () => activeRoutingRules(db));
  r.put('/api/routing/rules', { config: { permission: 'sla:manage' }, schema: { tags } }, async (req) => saveRoutingRules(db, req.body, requestCtx(req, db, clock)));

  r.post('/api/contacts/:id/assign', { config: { permission: 'sla:manage' }, schema: { tags, params: idParams, body: z.strictObject({ owner_id: z.number().int().positive('must be a user id') }) } }, async (req) => {
    const res = await assignLead(requestCtx(req, db, clock), req.params.id, req.body);
    app.revloop.sales.wake();
    return { ...res, contact: await getContact(db, req.params.id) };
  });
  r.post('/api/contacts/:id/accept', { config: { permission: 'funnel:move' }, schema: { tags, params: idParams } }, async (req) => {
    await acceptLead(requestCtx(req, db, clock), req.params.id);
    return getContact(db, req.params.id);
  });

  r.get('/api/sla/leads', { config: { permission: 'crm:read' }, schema: { tags, querystring: leadsQuery } }, async (req) =>
    openLeads(db, clock.now(), { ownerId: req.query.owner_id, contactId: req.query.contact_id, team: req.query.team, status: req.query.status, limit: req.query.limit }, recordScope(requestCtx(req, db, clock).actor)));
  r.get('/api/sla/my-queue', { config: { permission: 'crm:read' }, schema: { tags } }, async (req) => openLeads(db, clock.now(), { ownerId: userId(req) }));
  // The sla, sales-dashboard and attempts reports: report-routes.ts, from src/reports/.

  r.get('/api/alerts', { config: { permission: 'crm:read' }, schema: { tags, querystring: z.strictObject({ unread: z.enum(['true', 'false']).optional(), limit: z.coerce.number().int().min(1).max(500).optional() }) } }, async (req) =>
    alertsFor(db, userId(req), { unreadOnly: req.query.unread === 'true', limit: req.query.limit }));
  r.post('/api/alerts/read', { config: { permission: 'crm:read' }, schema: { tags, body: z.strictObject({ ids: z.union([z.array(z.number().int().positive()).min(1), z.literal('all')]) }) } }, async (req) => ({
    marked: await markAlertsRead(db, clock, userId(req), req.body.ids),
  }));

  r.get('/api/webhooks', { config: { permission: 'settings:manage' }, schema: { tags } }, async () =>
    db.query('SELECT id, url, kinds, active, created_at FROM webhooks ORDER BY id'));
  // The secret is shown once, at creation: receivers verify x-revloop-signature with it.
  r.post('/api/webhooks', { config: { permission: 'settings:manage' }, schema: { tags, body: webhookInput } }, async (req, reply) =>
    reply.code(201).send(await createWebhook(db, req.body, requestCtx(req, db, clock))));
  r.delete('/api/webhooks/:id', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await disableWebhook(db, req.params.id, requestCtx(req, db, clock));
    return reply.code(204).send();
  });
  r.get('/api/webhooks/:id/deliveries', { config: { permission: 'settings:manage' }, schema: { tags, params: idParams } }, async (req) => webhookDeliveries(db, req.params.id));
  r.get('/api/outbox', { config: { permission: 'settings:manage' }, schema: { tags } }, async () =>
    db.query(
      `SELECT d.id, d.target AS "to", a.title AS subject, a.body, a.kind, a.contact_id, d.created_at
         FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.channel = 'email' AND d.status = 'outbox' ORDER BY d.id DESC LIMIT 200`,
    ));
}
