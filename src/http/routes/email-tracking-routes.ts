import type { FastifyInstance } from 'fastify';
import { recordEngagement } from '../../domains/notify/record-engagement.js';
import { verifyTrackingToken } from '../../domains/notify/tracking-links.js';
import type { RouteDeps } from './route-deps.js';

// The smallest transparent GIF.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * Open pixel and click redirect of tracked emails, to contacts (stored as their events) or to users
 * (the weekly update to sales, stored per user). A bad signature still gets a pixel, never a redirect.
 */
export function emailTrackingRoutes(app: FastifyInstance, { db, clock }: RouteDeps, secret: string): void {
  // A contact's hit is an event the processor scores: wake it now rather than at its next poll
  // (a user's hit is no event). Looked up per request: the app decorates `revloop` after routes.
  const rescoreSoon = () => app.revloop?.processor.wake();
  app.get('/e/o/:token', { schema: { hide: true } }, async (req, reply) => {
    const token = (req.params as { token: string }).token.replace(/\.gif$/, '');
    const p = verifyTrackingToken(secret, token);
    if (p && !p.u) {
      await recordEngagement(db, { kind: 'open', payload: p, at: clock.now(), userAgent: req.headers['user-agent'], method: req.method, ip: req.ip });
      if (p.c) rescoreSoon();
    }
    return reply.header('cache-control', 'no-store, max-age=0').type('image/gif').send(PIXEL);
  });
  app.route({
    method: ['GET', 'HEAD'],
    url: '/e/c/:token',
    schema: { hide: true },
    handler: async (req, reply) => {
      const p = verifyTrackingToken(secret, (req.params as { token: string }).token);
      if (!p?.u) return reply.code(404).type('text/plain').send('This link is not valid.');
      await recordEngagement(db, { kind: 'click', payload: p, at: clock.now(), userAgent: req.headers['user-agent'], method: req.method, ip: req.ip });
      if (p.c) rescoreSoon();
      return reply.header('cache-control', 'no-store').redirect(p.u, 302);
    },
  });
}
