import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../domains/auth/roles.js';
import { changePassword, changePasswordInput } from '../../domains/auth/change-password.js';
import { signIn, signOut, type OpenedSession } from '../../domains/auth/sessions.js';
import { countUsers, createFirstAdmin, firstAdminInput } from '../../domains/crm/users.js';
import { AppError } from '../../shared/errors.js';
import { requestCtx, SESSION_COOKIE } from '../auth.js';
import type { RouteDeps } from './route-deps.js';

const userOut = z.object({ id: z.number().nullable(), name: z.string(), email: z.string().nullable(), role: z.enum(roles) });

export function authRoutes(app: FastifyInstance, { db, clock, secureCookies }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Secure whenever the browser reached us over HTTPS: PUBLIC_URL says so, or the request did
  // (req.protocol reads X-Forwarded-Proto only from a proxy TRUST_PROXY names).
  const setSessionCookie = (req: FastifyRequest, reply: FastifyReply, s: OpenedSession) =>
    reply.setCookie(SESSION_COOKIE, s.token, { path: '/', httpOnly: true, sameSite: 'lax', secure: secureCookies || req.protocol === 'https', expires: s.expiresAt });
  r.post('/api/auth/sign-in', {
    config: { public: true },
    schema: { tags: ['auth'], body: z.strictObject({ email: z.string().min(1, 'is required'), password: z.string().min(1, 'is required') }), response: { 200: z.object({ user: userOut }) } },
  }, async (req, reply) => {
    const s = await signIn(db, clock, { email: req.body.email, password: req.body.password, ip: req.ip });
    setSessionCookie(req, reply, s);
    return { user: { id: s.principal.userId, name: s.principal.name, email: s.principal.email, role: s.principal.role } };
  });
  // First-run setup, open only while the installation has no user at all.
  r.get('/api/auth/setup', { config: { public: true }, schema: { tags: ['auth'], response: { 200: z.object({ needed: z.boolean() }) } } }, async () => ({
    needed: (await countUsers(db)) === 0,
  }));
  r.post('/api/auth/setup', { config: { public: true }, schema: { tags: ['auth'], body: firstAdminInput, response: { 201: z.object({ user: userOut }) } } }, async (req, reply) => {
    // The first line of the audit log: nobody is signed in yet, so the setup itself is the actor.
    await createFirstAdmin(db, req.body, { clock, actor: { type: 'system', id: 'setup' } });
    const s = await signIn(db, clock, { email: req.body.email, password: req.body.password, ip: req.ip });
    setSessionCookie(req, reply, s);
    return reply.code(201).send({ user: { id: s.principal.userId, name: s.principal.name, email: s.principal.email, role: s.principal.role } });
  });
  r.post('/api/auth/sign-out', { config: { public: true }, schema: { tags: ['auth'] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await signOut(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
  // Your own password, with your current one; an admin sets another user's with PATCH /api/users/:id.
  r.post('/api/auth/password', {
    config: { permission: 'crm:read' },
    schema: { tags: ['auth'], body: changePasswordInput, response: { 200: z.object({ user: userOut }) } },
  }, async (req, reply) => {
    const p = req.principal!;
    if (p.kind !== 'session' || p.userId === null) {
      throw new AppError('forbidden', 'Change a password signed in as its user, not with an API token (an admin sets it with PATCH /api/users/:id).');
    }
    const s = await changePassword(db, clock, p.userId, req.body, { ip: req.ip, by: requestCtx(req, db, clock) });
    setSessionCookie(req, reply, s);
    return { user: { id: s.principal.userId, name: s.principal.name, email: s.principal.email, role: s.principal.role } };
  });
  r.get('/api/auth/me', { config: { permission: 'crm:read' }, schema: { tags: ['auth'], response: { 200: z.object({ user: userOut }) } } }, async (req) => {
    const p = req.principal!;
    return { user: { id: p.userId, name: p.name, email: p.email, role: p.role } };
  });
}
