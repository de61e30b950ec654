import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorUserId, emailPreferences, emailPreferencesInput, emailPreferencesOut, saveEmailPreferences } from '../../domains/rituals/email-preferences.js';
import { listRitualEmails, ritualEmailOut, ritualEmailStatuses } from '../../domains/rituals/ritual-outbox.js';
import { requestCtx } from '../auth.js';
import { pageFields, pageOf } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function emailPreferenceRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['email'];
  // One's own scheduled emails: every role may read and set them (a viewer too gets the packs).
  r.get('/api/me/email-preferences', { config: { permission: 'crm:read' }, schema: { tags, response: { 200: emailPreferencesOut } } }, async (req) =>
    emailPreferences(db, actorUserId(requestCtx(req, db, clock).actor)),
  );
  r.put('/api/me/email-preferences', { config: { permission: 'crm:read' }, schema: { tags, body: emailPreferencesInput, response: { 200: emailPreferencesOut } } }, async (req) =>
    saveEmailPreferences(db, clock, actorUserId(requestCtx(req, db, clock).actor), req.body),
  );
  // Like the alert outbox: what would have been sent without SMTP (or failed with it) is an admin's to read.
  r.get('/api/outbox/ritual-emails', {
    config: { permission: 'settings:manage' },
    schema: { tags, querystring: z.strictObject({ ...pageFields, status: z.enum(ritualEmailStatuses).optional() }), response: { 200: pageOf(ritualEmailOut) } },
  }, async (req) => listRitualEmails(db, req.query));
}
