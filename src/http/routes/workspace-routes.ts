import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { saveSegments, segmentSettings, segmentSettingsOut, segmentsInput } from '../../domains/workspace/segment-settings.js';
import { onboardingOut, onboardingStatus } from '../../domains/workspace/onboarding.js';
import { saveWorkspaceSettings, workspaceSettings, workspaceSettingsInput, workspaceSettingsOut } from '../../domains/workspace/workspace-settings.js';
import { requestCtx } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

export function workspaceRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['settings'];
  const workspace = { 200: workspaceSettingsOut };
  const segments = { 200: segmentSettingsOut };
  r.get('/api/settings/workspace', { config: { permission: 'crm:read' }, schema: { tags, response: workspace } }, async () => workspaceSettings(db));
  // The body schema is the domain's own (the CLI saves through it too): each bad field (e.g. time_zone) is named in the 400.
  r.put('/api/settings/workspace', { config: { permission: 'settings:manage' }, schema: { tags, body: workspaceSettingsInput, response: workspace } }, async (req) => saveWorkspaceSettings(db, req.body, requestCtx(req, db, clock)));
  // Company segments: the list companies and deals take their segment from, with how many use each.
  r.get('/api/settings/segments', { config: { permission: 'crm:read' }, schema: { tags, response: segments } }, async () => segmentSettings(db));
  // The body schema is the domain's own: every bad key or label by name; the domain then refuses keys or labels used twice and a removal of a segment in use.
  r.put('/api/settings/segments', { config: { permission: 'settings:manage' }, schema: { tags, body: segmentsInput, response: segments } }, async (req) => saveSegments(db, req.body, requestCtx(req, db, clock)));
  // What a new installation still lacks; its checklist is for whoever sets the workspace up.
  r.get('/api/onboarding', { config: { permission: 'settings:manage' }, schema: { tags, description: 'The first-start checklist: each step done or not, read from the data.', response: { 200: onboardingOut } } }, async () => onboardingStatus(db));
}
