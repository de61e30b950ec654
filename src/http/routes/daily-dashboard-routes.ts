import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { dailyMarketing, dailyRep, dailySalesManager, today } from '../../domains/rituals/daily-dashboards.js';
import { actorUserId } from '../../domains/rituals/email-preferences.js';
import { packDocumentOut, type PackDocument } from '../../domains/rituals/pack-document.js';
import { requestCtx } from '../auth.js';
import { sendPackAs } from '../pack-reply.js';
import type { RouteDeps } from './route-deps.js';

/**
 * The daily dashboards (docs/email-schedules.md) as JSON, a printable page and a PDF: the same
 * documents the daily emails carry. `day` defaults to today in the workspace's zone; a rep's
 * dashboards hold their own leads only (the domain applies their scope).
 */
// The dashboards only read: they run on the read connection (docs/scaling.md).
export function dailyDashboardRoutes(app: FastifyInstance, { readDb: db, clock, publicUrl }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['daily dashboards'];
  const day = { day: z.string().optional() };
  const routes = <Q extends z.ZodObject>(path: string, summary: string, querystring: Q, build: (req: FastifyRequest, q: z.infer<Q>) => Promise<PackDocument>) => {
    const schema = { tags, querystring };
    const doc = async (req: FastifyRequest) => build(req, req.query as z.infer<Q>);
    r.get(path, { config: { permission: 'crm:read' }, schema: { ...schema, summary: `${summary} (PackDocument)`, response: { 200: packDocumentOut } } }, doc);
    r.get(`${path}.html`, { config: { permission: 'crm:read' }, schema: { ...schema, summary: `${summary}, as a printable HTML page` } }, async (req, reply) => sendPackAs(reply, await doc(req), 'html', publicUrl));
    r.get(`${path}.pdf`, { config: { permission: 'crm:read' }, schema: { ...schema, summary: `${summary}, as a PDF file` } }, async (req, reply) => sendPackAs(reply, await doc(req), 'pdf', publicUrl));
  };
  const ctx = (req: FastifyRequest) => requestCtx(req, db, clock);
  const dayOf = async (req: FastifyRequest, d: string | undefined) => d ?? (await today(ctx(req)));
  routes('/api/daily-dashboards/marketing', "Marketing's day: the month's lead waterfall and yesterday's MQLs", z.strictObject(day), async (req, q) =>
    dailyMarketing(ctx(req), { day: await dayOf(req, q.day) }));
  routes('/api/daily-dashboards/sales-manager', "The sales manager's day: leads late now, SLA compliance per rep", z.strictObject(day), async (req, q) =>
    dailySalesManager(ctx(req), { day: await dayOf(req, q.day) }));
  const repQuery = z.strictObject({ ...day, user_id: z.coerce.number().int('must be a user id').positive('must be a user id').optional() });
  routes('/api/daily-dashboards/rep', "A rep's queue (default: the caller's own)", repQuery, async (req, q) =>
    dailyRep(ctx(req), { day: await dayOf(req, q.day), userId: q.user_id ?? actorUserId(ctx(req).actor) }));
}
