import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../domains/auth/roles.js';
import { createUser, listUsers, salesRoles, updateUser, userCreateInput, userUpdateInput } from '../../domains/crm/users.js';
import { requestCtx } from '../auth.js';
import { idParams, pageOf, pageQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

// The response schema is the guard that keeps password hashes out of every answer.
const userOut = z.object({
  id: z.number(), name: z.string(), email: z.string(), role: z.enum(roles), team: z.string().nullable(),
  // Absent for those who may not read costs (listUsers).
  hourly_cost: z.number().optional(), calls_per_hour: z.number().optional(), active: z.boolean(), away: z.boolean(),
  monthly_capacity: z.number().nullable(), manager_id: z.number().nullable(), sales_role: z.enum(salesRoles).nullable(), created_at: z.date(),
});

export function userRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['users'];
  r.get('/api/users', { config: { permission: 'crm:read' }, schema: { tags, description: 'By name.', querystring: pageQuery, response: { 200: pageOf(userOut) } } }, async (req) =>
    listUsers(db, requestCtx(req, db, clock).actor, req.query));
  r.post('/api/users', { config: { permission: 'users:manage' }, schema: { tags, body: userCreateInput, response: { 201: userOut } } }, async (req, reply) =>
    reply.code(201).send(await createUser(db, req.body, requestCtx(req, db, clock))));
  r.patch('/api/users/:id', { config: { permission: 'users:manage' }, schema: { tags, params: idParams, body: userUpdateInput, response: { 200: userOut } } }, async (req) =>
    updateUser(db, req.params.id, req.body, requestCtx(req, db, clock)));
}
