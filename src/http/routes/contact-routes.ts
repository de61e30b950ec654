import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bulkAssign, bulkAssignInput, bulkAssignOut, bulkChangeStage, bulkStageInput, bulkStageOut } from '../../domains/crm/contact-bulk-actions.js';
import { contactListPageOut, listContacts } from '../../domains/crm/contact-list.js';
import { contactCreateInput, contactDetailOut, contactOut, contactUpdateInput, createContact, deleteContact, getContact, readContact, updateContact } from '../../domains/crm/contacts.js';
import { deleteSavedView, listSavedViews, savedViewInput, savedViewObjects, savedViewOut, saveView } from '../../domains/crm/saved-views.js';
import { AppError } from '../../shared/errors.js';
import { mergeContacts, mergeInput } from '../../domains/crm/merge.js';
import { contactTimeline, timelineItemOut } from '../../domains/crm/timeline.js';
import { contactExportOut, exportContact } from '../../domains/privacy/export-contact.js';
import { recycleContact, recycleInput, rejectContact, rejectInput } from '../../domains/funnel/transitions.js';
import { requestCtx } from '../auth.js';
import { idParams, listQuery, pageOf, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function contactRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['contacts'];
  const userId = (req: Parameters<typeof requestCtx>[0]) => {
    const id = req.principal?.userId;
    if (id === null || id === undefined) throw new AppError('forbidden', 'Saved views belong to a signed-in user (or a token created for one).');
    return id;
  };
  r.get('/api/contacts', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: contactListPageOut } } }, async (req) =>
    listContacts(requestCtx(req, db, clock), toListParams(req.query)));
  // Bulk actions on rows picked on the list or on everything its filters match (at most 1000), each in one transaction.
  r.post('/api/contacts/bulk/assign', { config: { permission: 'sla:manage' }, schema: { tags, body: bulkAssignInput, response: { 200: bulkAssignOut } } }, async (req) => {
    const res = await bulkAssign(requestCtx(req, db, clock), req.body);
    app.revloop.sales.wake();
    return res;
  });
  r.post('/api/contacts/bulk/stage', { config: { permission: 'crm:write' }, schema: { tags, body: bulkStageInput, response: { 200: bulkStageOut } } }, async (req) =>
    bulkChangeStage(requestCtx(req, db, clock), req.body));
  r.get('/api/saved-views', { config: { permission: 'crm:read' }, schema: { tags, querystring: z.strictObject({ object_type: z.enum(savedViewObjects, { error: `must be one of ${savedViewObjects.join(', ')}` }) }), response: { 200: z.object({ data: z.array(savedViewOut) }) } } }, async (req) =>
    ({ data: await listSavedViews(db, userId(req), req.query.object_type) }));
  r.post('/api/saved-views', { config: { permission: 'crm:read' }, schema: { tags, body: savedViewInput, response: { 200: savedViewOut } } }, async (req) =>
    saveView(db, clock, userId(req), req.body));
  r.delete('/api/saved-views/:id', { config: { permission: 'crm:read' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteSavedView(db, userId(req), req.params.id);
    return reply.code(204).send();
  });
  r.post('/api/contacts', { config: { permission: 'crm:write' }, schema: { tags, body: contactCreateInput, response: { 201: contactOut } } }, async (req, reply) =>
    reply.code(201).send(await createContact(requestCtx(req, db, clock), req.body)));
  r.get('/api/contacts/:id', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: contactDetailOut } } }, async (req) =>
    readContact(requestCtx(req, db, clock), req.params.id));
  r.patch('/api/contacts/:id', { config: { permission: 'crm:write' }, schema: { tags, params: idParams, body: contactUpdateInput, response: { 200: contactDetailOut } } }, async (req) =>
    updateContact(requestCtx(req, db, clock), req.params.id, req.body));
  r.delete('/api/contacts/:id', { config: { permission: 'crm:delete' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteContact(requestCtx(req, db, clock), req.params.id);
    return reply.code(204).send();
  });
  // Subject access (GDPR): everything held about the person, as a JSON file; audited.
  r.get('/api/contacts/:id/export', { config: { permission: 'privacy:manage' }, schema: { tags, params: idParams, response: { 200: contactExportOut } } }, async (req, reply) => {
    const data = await exportContact(requestCtx(req, db, clock), req.params.id);
    return reply.header('content-disposition', `attachment; filename="contact-${req.params.id}-personal-data.json"`).send(data);
  });
  r.post('/api/contacts/:id/recycle', { config: { permission: 'funnel:move' }, schema: { tags, params: idParams, body: recycleInput, response: { 200: contactDetailOut } } }, async (req) => {
    await recycleContact(requestCtx(req, db, clock), req.params.id, req.body);
    return getContact(db, req.params.id);
  });
  r.post('/api/contacts/:id/reject', { config: { permission: 'funnel:move' }, schema: { tags, params: idParams, body: rejectInput, response: { 200: contactDetailOut } } }, async (req) => {
    await rejectContact(requestCtx(req, db, clock), req.params.id, req.body);
    return getContact(db, req.params.id);
  });
  r.post('/api/contacts/:id/merge', { config: { permission: 'crm:merge' }, schema: { tags, params: idParams, body: mergeInput, response: { 200: contactDetailOut } } }, async (req) =>
    mergeContacts(requestCtx(req, db, clock), req.params.id, req.body));
  r.get('/api/contacts/:id/timeline', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, querystring: listQuery, response: { 200: pageOf(timelineItemOut) } } }, async (req) =>
    contactTimeline(requestCtx(req, db, clock), req.params.id, { limit: req.query.limit, cursor: req.query.cursor }));
}
