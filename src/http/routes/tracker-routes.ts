import type { FastifyInstance } from 'fastify';
import { trackerScript } from '../tracker/tracker-script.js';

export function trackerRoutes(app: FastifyInstance): void {
  app.get('/t.js', { schema: { hide: true } }, async (_req, reply) =>
    reply.type('application/javascript; charset=utf-8').header('cache-control', 'public, max-age=3600').send(trackerScript));
}
