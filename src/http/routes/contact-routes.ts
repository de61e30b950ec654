import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { contactCreateInput, contactDetailOut, contactOut, contactUpdateInput, createContact, deleteContact, getContact, listContacts, readContact, updateContact } from '../../domains/crm/contacts.js';
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
  r.get('/api/contacts', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: pageOf(contactOut) } } }, async (req) =>
    listContacts(requestCtx(req, db, clock), toListParams(req.query)));
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
