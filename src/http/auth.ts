import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/client.js';
import { resolveApiToken } from '../domains/auth/api-tokens.js';
import { can, type Permission } from '../domains/auth/roles.js';
import { resolveSession, type Principal } from '../domains/auth/sessions.js';
import type { Ctx } from '../domains/context.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';

export const SESSION_COOKIE = 'revloop_session';

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** What the caller must be allowed to do; absent only on public routes (sign-in, OpenAPI, health). */
    permission?: Permission;
    public?: boolean;
  }
}

/** Resolves the caller (cookie or Bearer token) and enforces each route's permission. */
export function installAuth(app: FastifyInstance, db: Db, clock: Clock, sessionIdleMs?: number): void {
  app.decorateRequest('principal', null);
  const authenticate = async (req: FastifyRequest) => {
    const cfg = req.routeOptions.config;
    const header = req.headers.authorization;
    if (header?.startsWith('Bearer ')) req.principal = await resolveApiToken(db, clock, header.slice(7).trim());
    else if (req.cookies[SESSION_COOKIE]) req.principal = await resolveSession(db, clock, req.cookies[SESSION_COOKIE]!, sessionIdleMs);
    if (cfg.public) return;
    if (!req.principal) {
      throw new AppError('unauthenticated', header ? 'The API token is unknown or revoked.' : 'Sign in first, or send Authorization: Bearer <token> (create one with `revloop token create`).');
    }
    if (cfg.permission && !can(req.principal.role, cfg.permission)) {
      const role = req.principal.role.replace(/_/g, ' ');
      throw new AppError('forbidden', `Your role (${role}) may not do this.`, { role: req.principal.role, permission: cfg.permission });
    }
  };
  // A callback hook, not an async one: every other request (tracking calls by the thousand a
  // second) passes straight on without a promise and a microtask turn of its own.
  app.addHook('onRequest', (req: FastifyRequest, _reply: FastifyReply, done: (err?: Error) => void) => {
    if (!req.url.startsWith('/api/')) return done();
    authenticate(req).then(() => done(), done);
  });
}

/** The domain context for one request: who acts, on which database, at what time. */
export function requestCtx(req: FastifyRequest, db: Db, clock: Clock): Ctx {
  const p = req.principal;
  return {
    db,
    clock,
    actor: p
      ? { type: p.kind === 'session' ? 'user' : 'api', id: p.userId !== null ? String(p.userId) : undefined, role: p.role, name: p.name }
      : { type: 'system' },
  };
}
