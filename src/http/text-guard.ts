import type { FastifyInstance } from 'fastify';
import { invalid } from '../shared/errors.js';
import { unsafeTextFields } from '../shared/unsafe-text.js';

const isJson = (v: unknown) => v !== null && typeof v === 'object' && (Array.isArray(v) || [Object.prototype, null].includes(Object.getPrototypeOf(v)));

/**
 * Path, query and JSON body of every /api request are refused, naming each field, when a text in
 * them could not be stored (NUL, lone surrogates): before validation, so no route or domain
 * function can pass one to PostgreSQL. /v1 checks each Segment message on its own.
 */
export function installTextGuard(app: FastifyInstance): void {
  app.addHook('preValidation', (req, _reply, done) => {
    if (!req.url.startsWith('/api/')) return done();
    const problems = [
      ...unsafeTextFields(req.params),
      ...unsafeTextFields(req.query),
      ...(typeof req.body === 'string' || isJson(req.body) ? unsafeTextFields(req.body) : []),
    ];
    done(problems.length ? invalid(problems) : undefined);
  });
}
