import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listAuditLog } from '../../domains/audit/audit-log.js';
import { reportZone } from '../../domains/workspace/workspace-settings.js';
import { listQuery, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

const auditLineOut = z.object({
  id: z.number(), at: z.date(), action: z.string(),
  actor_type: z.string(), actor_id: z.string().nullable(), actor_user_name: z.string().nullable(), actor_name: z.string().nullable(),
  object_type: z.string().nullable(), object_id: z.string().nullable(), object_name: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});

/** Who changed settings, roles, tokens, goals, or erased or exported what, and when: for admins. */
export function auditRoutes(app: FastifyInstance, { db }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/audit-log', {
    config: { permission: 'users:manage' },
    schema: {
      tags: ['audit'],
      description: 'Newest first. Filters: action (exact, or its first part: `token` is every token.* line), actor (user id), actor_type, object_type, object_id, from/to (days YYYY-MM-DD in the workspace time zone, both included).',
      querystring: listQuery,
      response: { 200: z.object({ data: z.array(auditLineOut), next_cursor: z.string().nullable() }) },
    },
  }, async (req) => listAuditLog(db, toListParams(req.query), await reportZone(db)));
}
