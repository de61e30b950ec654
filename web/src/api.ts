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

/**
 * The client typed by the server's routes (web/src/api-schema.d.ts): paths, parameters, bodies and
 * answers come from the routes' schemas. The fetch is looked up at call time and a failed fetch
 * becomes an ApiError that says the server cannot be reached.
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

/** The routes that answer with method M: `ApiPath<'get'>`. */
export type ApiPath<M extends Method> = PathFor<M>;
/** What a route answers on success (the schema's answer for its 2xx statuses). */
export type ApiAnswer<P extends keyof paths, M extends Method> = Data<P, M>;

/** The path parameters a route takes; undefined when it takes none. */
type PathParams<P extends keyof paths, M extends Method> = paths[P][M] extends { parameters: { path: infer A extends { [name: string]: unknown } } } ? A : undefined;
/** The query parameters a GET route's schema names. */
type GetQuery<P extends PathFor<'get'>> = paths[P]['get'] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : Record<never, never>;

/** The routes that answer a page of a list, `{ data, next_cursor }`. */
export type ListPath = { [P in PathFor<'get'>]: Data<P, 'get'> extends Page<unknown> ? P : never }[PathFor<'get'>];
/** One item of a list route's pages: ListItem<'/api/contacts'> is a contact. */
export type ListItem<P extends ListPath> = Data<P, 'get'> extends Page<infer T> ? T : never;
/** The routes whose answer comes a page at a time through `next_cursor`: lists, and reports with long lists. */
export type PagedPath = { [P in PathFor<'get'>]: Data<P, 'get'> extends { next_cursor: string | null } ? P : never }[PathFor<'get'>];

/**
 * What a paged read asks for besides the page: the route's path parameters (required when it has
 * some) and its query, typed where the schema names it; any other key is a filter the list checks
 * itself (`lifecycle_stage`, `owner_id`…), which the schema does not spell out.
 */
export type PageRequest<P extends PagedPath> = (PathParams<P, 'get'> extends undefined ? { path?: undefined } : { path: PathParams<P, 'get'> }) & {
  query?: Omit<GetQuery<P>, 'limit' | 'cursor'> & QueryParams;
};

/** A route template with its path parameters filled in: `/api/contacts/7/timeline`. */
export function urlOf(template: string, path?: { [name: string]: unknown }): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(String(path?.[name] ?? '')));
}

/** One answer of a paged route: the first without `cursor`, then each with the `next_cursor` before. */
export function apiPage<P extends PagedPath>(path: P, req: PageRequest<P>, page: { limit?: number; cursor?: string }, signal?: AbortSignal): Promise<Data<P, 'get'>> {
  const init = { params: { path: req.path, query: { ...req.query, ...page } }, signal };
  return unwrap(client.GET(path, init as never) as Promise<Answer>);
}

/** One page of a list route, its items typed by the route. */
export function apiListPage<P extends ListPath>(path: P, req: PageRequest<P>, page: { limit?: number; cursor?: string }, signal?: AbortSignal): Promise<Page<ListItem<P>>> {
  return apiPage(path, req, page, signal);
}

/**
 * A JSON document the user wrote (a setting edited as JSON), sent to a typed route as it is: the
 * route names every problem, by its path in the document. The answer is the route's.
 */
export function apiSendDocument<M extends 'put' | 'post', P extends PathFor<M>>(method: M, path: P, document: unknown): Promise<Data<P, M>> {
  const init = { body: document };
  return unwrap((method === 'put' ? client.PUT(path as never, init as never) : client.POST(path as never, init as never)) as Promise<Answer>);
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

/**
 * POSTs a file as the body, as text/csv (imports): the typed client sends JSON only. Query values
 * may repeat (`map=A=b&map=C=-`), as the import routes take them.
 */
export async function apiPostCsv<P extends PathFor<'post'>>(path: P, pathParams: Record<string, string>, query: Record<string, string | readonly string[] | undefined>, file: Blob): Promise<Data<P, 'post'>> {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) for (const item of typeof v === 'string' ? [v] : v ?? []) qs.append(k, item);
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(pathParams[name] ?? ''));
  const url = `${filled}${qs.size ? `?${qs}` : ''}`;
  let res: Response;
  try {
    res = await globalThis.fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'text/csv', Accept: 'application/json' }, body: file });
  } catch {
    throw networkError();
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) throw errorFrom(res, json);
  return json as Data<P, 'post'>;
}
