import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf, invalid, type FieldProblem } from '../shared/errors.js';
import { invalidMessage } from '../shared/field-labels.js';
import { bracketIndexes } from '../shared/validate.js';

interface ValidationItem {
  instancePath: string;
  message?: string;
  keyword?: string;
  params?: { keys?: string[] };
}

/** Fastify/zod validation items → the same field + problem list the domain produces. */
function fieldProblems(items: ValidationItem[], context: string | undefined): FieldProblem[] {
  return items.flatMap((v) => {
    const path = v.instancePath.replace(/^\//, '').replace(/\//g, '.');
    // A query parameter is named as it is written (`month`), not `querystring.month`.
    const base = path || (context === 'body' || context === 'querystring' ? '' : context ?? '');
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      return v.params.keys.map((k) => ({ field: [base, k].filter(Boolean).join('.'), problem: 'is not a known field' }));
    }
    return [{ field: base || (context === 'querystring' ? '(query)' : '(body)'), problem: v.message ?? 'is invalid' }];
  });
}

/**
 * The `schemaErrorFormatter` of a route whose domain reads its body as a document of rules
 * (parseDocument): list items are named with brackets (`quotas[0].amount`), as the domain's own
 * errors name them, whether the route's schema or the domain finds the problem.
 */
export const bracketedSchemaErrors = (errors: FastifySchemaValidationError[], context: string): Error => invalid(bracketIndexes(fieldProblems(errors as ValidationItem[], context)));

const emptyBody = { code: 'invalid_json', message: 'The body is empty; send a JSON object.', errors: [{ field: '(body)', problem: 'is empty' }] };

/** One error shape for every route: {code, message, ...details}; a 500 says nothing more. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    // Fastify validates a request sent without a body as null; "expected object, received null" would not say what to do.
    if (err.validationContext === 'body' && req.body === undefined) return reply.code(400).send(emptyBody);
    if (err instanceof AppError) {
      // Throttles say when to come back in the body and, for clients that read only headers, in Retry-After.
      if ((err.code === 'rate_limited' || err.code === 'overloaded') && typeof err.details.retry_after_seconds === 'number') reply.header('retry-after', String(err.details.retry_after_seconds));
      return reply.code(httpStatusOf[err.code]).send({ code: err.code, message: err.message, ...err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const errors = fieldProblems(err.validation as ValidationItem[], err.validationContext);
      return reply.code(400).send({
        code: 'validation_failed',
        message: invalidMessage(errors),
        errors,
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return reply.code(400).send({ code: 'invalid_json', message: `The body is not valid JSON: ${err.message}`, errors: [{ field: '(body)', problem: 'is not valid JSON' }] });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return reply.code(400).send(emptyBody);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || err.statusCode === 413) {
      const limit = req.routeOptions.bodyLimit ?? app.initialConfig.bodyLimit ?? 0;
      return reply.code(413).send({
        code: 'payload_too_large',
        message: `The body is larger than this endpoint's limit of ${formatBytes(limit)}.`,
        limit_bytes: limit,
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.statusCode === 415) {
      return reply.code(415).send({ code: 'unsupported_media_type', message: 'Send JSON with Content-Type: application/json.' });
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send({ code: 'bad_request', message: err.message });
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send({ code: 'internal', message: 'Something went wrong on our side; it has been logged.' });
  });
}

function formatBytes(n: number): string {
  return n >= 1024 * 1024 ? `${Math.round(n / 1024 / 1024)} MB` : `${Math.round(n / 1024)} KB`;
}

/**
 * Fastify's `frameworkErrors`: what the router refuses before any route runs (a path with bad
 * percent-encoding such as %FF, a parameter past maxParamLength) answers in the same shape.
 */
export function frameworkErrorReply(err: FastifyError, _req: FastifyRequest, reply: FastifyReply): void {
  if (err.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    void reply.code(414).send({ code: 'validation_failed', message: 'Invalid input. The address is too long', errors: [{ field: '(path)', problem: 'is too long' }] });
    return;
  }
  const problem = err.code === 'FST_ERR_BAD_URL' ? 'is not valid percent-encoded UTF-8' : 'is not valid';
  void reply.code(400).send({ code: 'validation_failed', message: `Invalid input. The address ${problem}`, errors: [{ field: '(path)', problem }] });
}
