import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { signIn, signOut } from '../../domains/auth/sessions.js';
import { countUsers, createFirstAdmin, firstAdminInput } from '../../domains/crm/users.js';
import { SESSION_COOKIE } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

const userOut = z.object({ id: z.number().nullable(), name: z.string(), email: z.string().nullable(), role: z.string() });

export function authRoutes(app: FastifyInstance, { db, clock, secureCookies }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/auth/sign-in', {
    config: { public: true },
    schema: { tags: ['auth'], body: z.strictObject({ email: z.string().min(1, 'is required'), password: z.string().min(1, 'is required') }), response: { 200: z.object({ user: userOut }) } },
  }, async (req, reply) => {
    const s = await signIn(db, clock, req.body.email, req.body.password);
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, expires: s.expiresAt });
    return { user: { id: s.principal.userId, name: s.principal.name, email: s.principal.email, role: s.principal.role } };
  });
  // First-run setup, open only while the installation has no user at all.
  r.get('/api/auth/setup', { config: { public: true }, schema: { tags: ['auth'], response: { 200: z.object({ needed: z.boolean() }) } } }, async () => ({
    needed: (await countUsers(db)) === 0,
  }));
  r.post('/api/auth/setup', { config: { public: true }, schema: { tags: ['auth'], body: firstAdminInput, response: { 201: z.object({ user: userOut }) } } }, async (req, reply) => {
    await createFirstAdmin(db, req.body);
    const s = await signIn(db, clock, req.body.email, req.body.password);
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies, expires: s.expiresAt });
    return reply.code(201).send({ user: { id: s.principal.userId, name: s.principal.name, email: s.principal.email, role: s.principal.role } });
  });
  r.post('/api/auth/sign-out', { config: { public: true }, schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
  r.get('/api/auth/me', { config: { permission: 'crm:read' }, schema: { tags: ['auth'], response: { 200: z.object({ user: userOut }) } } }, async (req) => {
    const p = req.principal!;
    return { user: { id: p.userId, name: p.name, email: p.email, role: p.role } };
  });
}
