import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { companyCreateInput, companyOut, companyUpdateInput, createCompany, deleteCompany, listCompanies, readCompany, updateCompany } from '../../domains/crm/companies.js';
import { contactOut } from '../../domains/crm/contacts.js';
import { listContacts } from '../../domains/crm/contact-list.js';
import { mergeCompanies, mergeInput } from '../../domains/crm/merge.js';
import { requestCtx } from '../auth.js';
import { idParams, listQuery, pageOf, toListParams } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

export function companyRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['companies'];
  r.get('/api/companies', { config: { permission: 'crm:read' }, schema: { tags, querystring: listQuery, response: { 200: pageOf(companyOut) } } }, async (req) => listCompanies(requestCtx(req, db, clock), toListParams(req.query)));
  r.post('/api/companies', { config: { permission: 'crm:write' }, schema: { tags, body: companyCreateInput, response: { 201: companyOut } } }, async (req, reply) =>
    reply.code(201).send(await createCompany(requestCtx(req, db, clock), req.body)));
  r.get('/api/companies/:id', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, response: { 200: companyOut } } }, async (req) => readCompany(requestCtx(req, db, clock), req.params.id));
  r.patch('/api/companies/:id', { config: { permission: 'crm:write' }, schema: { tags, params: idParams, body: companyUpdateInput, response: { 200: companyOut } } }, async (req) =>
    updateCompany(requestCtx(req, db, clock), req.params.id, req.body));
  r.delete('/api/companies/:id', { config: { permission: 'crm:delete' }, schema: { tags, params: idParams } }, async (req, reply) => {
    await deleteCompany(requestCtx(req, db, clock), req.params.id);
    return reply.code(204).send();
  });
  r.post('/api/companies/:id/merge', { config: { permission: 'crm:merge' }, schema: { tags, params: idParams, body: mergeInput, response: { 200: companyOut } } }, async (req) =>
    mergeCompanies(requestCtx(req, db, clock), req.params.id, req.body));
  r.get('/api/companies/:id/contacts', { config: { permission: 'crm:read' }, schema: { tags, params: idParams, querystring: listQuery, response: { 200: pageOf(contactOut) } } }, async (req) => {
    const ctx = requestCtx(req, db, clock);
    await readCompany(ctx, req.params.id);
    const p = toListParams(req.query);
    return listContacts(ctx, { ...p, filters: { ...p.filters, company_id: String(req.params.id) } });
  });
}
