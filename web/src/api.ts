import createClient, { type ClientPathsWithMethod, type MaybeOptionalInit } from 'openapi-fetch';
import type { paths } from './api-schema';

export interface FieldProblem {
  field: string;
  problem: string;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly errors: FieldProblem[];
  readonly body: Record<string, unknown>;

  constructor(status: number, code: string, message: string, errors: FieldProblem[] = [], body: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.errors = errors;
    this.body = body;
  }

  /** The problem reported for one form field, if any. */
  problemFor(field: string): string | undefined {
    return this.errors.find((e) => e.field === field)?.problem;
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

export function isUnauthenticated(e: unknown): boolean {
  return isApiError(e) && e.status === 401;
}

type QueryValue = string | number | boolean | null | undefined;
export type QueryParams = Record<string, QueryValue>;

/** Builds `?a=1&b=2`, leaving out empty values so filters left blank are not sent. */
export function queryString(params: QueryParams = {}): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    qs.set(k, String(v));
  }
  const s = qs.toString();
  return s ? `?${s}` : '';
}

interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: QueryParams;
  signal?: AbortSignal;
}

export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  // Fastify refuses an empty body sent as JSON, so the header goes only with a body.
  if (opts.body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(path + queryString(opts.query), {
      method: opts.method ?? 'GET',
      credentials: 'same-origin',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let json: unknown = undefined;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
  }
  if (!res.ok) throw errorFrom(res, json);
  return json as T;
}

/** The ApiError for a failed answer, from its JSON body when it has one. */
function errorFrom(res: Response, json: unknown): ApiError {
  const b = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
  const errors = Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : [];
  const message = typeof b.message === 'string' ? b.message : `${res.status} ${res.statusText || 'Request failed'}`;
  const code = typeof b.code === 'string' ? b.code : `http_${res.status}`;
  return new ApiError(res.status, code, message, errors, b);
}

function networkError(): ApiError {
  return new ApiError(0, 'network_error', 'Cannot reach the Revloop server. Check your connection and try again.');
}

export const get = <T>(path: string, query?: QueryParams, signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const del = (path: string) => api<void>(path, { method: 'DELETE' });

/**
 * The client typed by the server's routes (web/src/api-schema.d.ts): paths, parameters, bodies and
 * answers come from the routes' schemas. The fetch is looked up at call time and a failed fetch
 * becomes the same network ApiError `api()` throws.
 */
export const client = createClient<paths>({
  baseUrl: '',
  credentials: 'same-origin',
  headers: { Accept: 'application/json' },
  // Same rule as queryString: filters left blank are not sent.
  querySerializer: (query) => queryString(query as QueryParams),
  fetch: async (request) => {
    try {
      return await globalThis.fetch(request);
    } catch (e) {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw networkError();
    }
  },
});

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';
type PathFor<M extends Method> = ClientPathsWithMethod<typeof client, M>;
type Init<P extends keyof paths, M extends Method> = MaybeOptionalInit<paths[P], M>;
/** The init argument may be left out when the route needs no parameters or body. */
type InitArgs<I> = undefined extends I ? [init?: I] : [init: I];
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206;
type JsonOf<R> = R extends { content: { 'application/json': infer B } } ? B : undefined;
/** The answer of a route's success statuses, read from the schema as is (openapi-fetch's own would turn tuples into arrays). */
type Data<P extends keyof paths, M extends Method> =
  paths[P][M] extends { responses: infer R } ? { [S in keyof R]: S extends SuccessStatus ? JsonOf<R[S]> : never }[keyof R] : never;

interface Answer {
  data?: unknown;
  error?: unknown;
  response: Response;
}

async function unwrap<T>(call: Promise<Answer>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) throw errorFrom(response, error);
  return data as T;
}

export function apiGet<P extends PathFor<'get'>>(path: P, ...init: InitArgs<Init<P, 'get'>>): Promise<Data<P, 'get'>> {
  return unwrap(client.GET(path, ...(init as [never])) as Promise<Answer>);
}

/** Like `post`, a POST without a body sends `{}`: routes with an all-optional body still get an object. */
export function apiPost<P extends PathFor<'post'>>(path: P, ...init: InitArgs<Init<P, 'post'>>): Promise<Data<P, 'post'>> {
  const opts = { ...(init[0] as object), body: (init[0] as { body?: unknown } | undefined)?.body ?? {} };
  return unwrap(client.POST(path, opts as never) as Promise<Answer>);
}

export function apiPut<P extends PathFor<'put'>>(path: P, ...init: InitArgs<Init<P, 'put'>>): Promise<Data<P, 'put'>> {
  return unwrap(client.PUT(path, ...(init as [never])) as Promise<Answer>);
}

export function apiPatch<P extends PathFor<'patch'>>(path: P, ...init: InitArgs<Init<P, 'patch'>>): Promise<Data<P, 'patch'>> {
  return unwrap(client.PATCH(path, ...(init as [never])) as Promise<Answer>);
}

export function apiDelete<P extends PathFor<'delete'>>(path: P, ...init: InitArgs<Init<P, 'delete'>>): Promise<Data<P, 'delete'>> {
  return unwrap(client.DELETE(path, ...(init as [never])) as Promise<Answer>);
}

/** Drops blank strings so optional fields left empty are omitted rather than sent as "" (the API validates formats). */
export function compact<T extends Record<string, unknown>>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) {
    if (v === undefined || v === null) continue;
    if (typeof v === 'string' && v.trim() === '') continue;
    (out as Record<string, unknown>)[k] = typeof v === 'string' ? v.trim() : v;
  }
  return out;
}
