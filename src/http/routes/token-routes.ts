import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../../domains/auth/roles.js';
import { apiTokenInput, createApiToken, listApiTokens, revokeApiToken } from '../../domains/auth/api-tokens.js';
import { requestCtx } from '../auth.js';
import { idParams, pageOf, pageQuery } from '../route-kit.js';
import type { RouteDeps } from './route-deps.js';

// The response schemas are what keeps token hashes out of every answer; the secret is in the
// creation answer only.
const tokenOut = z.object({
  id: z.number(), name: z.string(), role: z.enum(roles), user_id: z.number().nullable(), user_name: z.string().nullable(),
  created_at: z.date(), last_used_at: z.date().nullable(), revoked_at: z.date().nullable(),
});

/** API tokens: minted, listed and revoked by whoever manages users (a token is a sign-in with a role). */
export function tokenRoutes(app: FastifyInstance, { db, clock }: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['tokens'];
  const config = { permission: 'users:manage' as const };
  r.get('/api/tokens', { config, schema: { tags, description: 'Live tokens first, newest first.', querystring: pageQuery, response: { 200: pageOf(tokenOut) } } }, async (req) => listApiTokens(db, req.query));
  r.post('/api/tokens', { config, schema: { tags, body: apiTokenInput, response: { 201: z.object({ id: z.number(), name: z.string(), role: z.enum(roles), token: z.string() }) } } }, async (req, reply) =>
    reply.code(201).send(await createApiToken(db, req.body, requestCtx(req, db, clock))));
  // Revoking the token the request came with is allowed (a leaked token is revoked with itself); the next request with it gets 401.
  r.delete('/api/tokens/:id', { config, schema: { tags, params: idParams, response: { 200: tokenOut } } }, async (req) => revokeApiToken(db, req.params.id, requestCtx(req, db, clock)));
}
