import { invalidMessage } from './field-labels.js';

/** Stable error codes; the HTTP layer maps each to one status. */
export type ErrorCode =
  | 'validation_failed'
  | 'invalid_json'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'illegal_transition'
  | 'payload_too_large'
  | 'rate_limited'
  | 'overloaded'
  | 'internal';

export interface FieldProblem {
  field: string;
  problem: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const httpStatusOf: Record<ErrorCode, number> = {
  validation_failed: 400,
  invalid_json: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  illegal_transition: 422,
  rate_limited: 429,
  overloaded: 503,
  internal: 500,
};

export function invalid(errors: FieldProblem[]): AppError {
  // The message says each field in words; `errors` keeps the machine's field names for clients.
  return new AppError('validation_failed', invalidMessage(errors), { errors });
}

export function notFound(what: string, id: unknown): AppError {
  return new AppError('not_found', `${what} ${String(id)} does not exist.`, { object: what, id });
}
