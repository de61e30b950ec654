import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { saveWorkspaceSettings, workspaceSettings } from '../../domains/workspace/workspace-settings.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

export function workspaceRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];
  r.get('/api/settings/workspace', { config: { permission: 'crm:read' }, schema: { tags } }, async () => workspaceSettings(db));
  // The body is checked by the domain, which names each bad field (e.g. time_zone) in the 400.
  r.put('/api/settings/workspace', { config: { permission: 'settings:manage' }, schema: { tags } }, async (req) => saveWorkspaceSettings(db, req.body, requestCtx(req, db, clock)));
}
