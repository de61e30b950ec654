import type { FastifyInstance } from 'fastify';
import { jsonShapeProblem } from '../shared/json-shape.js';
import { invalid } from '../shared/errors.js';

/**
 * Every JSON body under /api is checked for depth and key count before validation or the
 * database sees it. /v1 checks each Segment message on its own instead (a batch keeps its good
 * messages), in parseSegmentMessage.
 */
export function installJsonLimits(app: FastifyInstance): void {
  app.addHook('preValidation', async (req) => {
    if (req.body === undefined || req.body === null || typeof req.body !== 'object' || req.url.startsWith('/v1/')) return;
    const problem = jsonShapeProblem(req.body);
    if (problem) throw invalid([problem]);
  });
}
