import type { FastifyInstance } from 'fastify';
import { Readable } from 'node:stream';
import { jsonShapeProblem } from '../shared/json-shape.js';
import { invalid } from '../shared/errors.js';

/**
 * Every JSON body under /api is checked for depth and key count before validation or the
 * database sees it. /v1 checks each Segment message on its own instead (a batch keeps its good
 * messages), in parseSegmentMessage.
 */
export function installJsonLimits(app: FastifyInstance): void {
  // Callback hooks (here and in text-guard.ts): their work is synchronous, and an async hook cost every
  // request a promise and a microtask turn, tracking calls included, which this one skips.
  app.addHook('preValidation', (req, _reply, done) => {
    // A CSV body is handed to its route as the request stream (import-export-routes.ts), not parsed JSON:
    // walking the stream's objects found the socket's internals "nested too deep" and refused every
    // import sent over a real connection (app.inject's stream is shallow, so tests never saw it).
    if (req.body === undefined || req.body === null || typeof req.body !== 'object' || req.body instanceof Readable || req.url.startsWith('/v1/')) return done();
    const problem = jsonShapeProblem(req.body);
    done(problem ? invalid([problem]) : undefined);
  });
}
