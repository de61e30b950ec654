import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, httpStatusOf, type FieldProblem } from '../shared/errors.js';

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
    const base = path || (context === 'body' ? '' : context ?? '');
    if (v.keyword === 'unrecognized_keys' && v.params?.keys) {
      return v.params.keys.map((k) => ({ field: [base, k].filter(Boolean).join('.'), problem: 'is not a known field' }));
    }
    return [{ field: base || '(body)', problem: v.message ?? 'is invalid' }];
  });
}

/** One error shape for every route: {code, message, ...details}; a 500 says nothing more. */
export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.code(httpStatusOf[err.code]).send({ code: err.code, message: err.message, ...err.details });
    }
    if (hasZodFastifySchemaValidationErrors(err) || err.validation) {
      const errors = fieldProblems(err.validation as ValidationItem[], err.validationContext);
      return reply.code(400).send({
        code: 'validation_failed',
        message: `Invalid input. ${errors.map((e) => `${e.field}: ${e.problem}`).join('; ')}`,
        errors,
      });
    }
    if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || (err.statusCode === 400 && err instanceof SyntaxError)) {
      return reply.code(400).send({ code: 'invalid_json', message: `The body is not valid JSON: ${err.message}` });
    }
    if (err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.code(400).send({ code: 'invalid_json', message: 'The body is empty; send a JSON object.' });
    }
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
