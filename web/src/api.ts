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
    throw new ApiError(0, 'network_error', 'Cannot reach the Revloop server. Check your connection and try again.');
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
  if (!res.ok) {
    const b = (json && typeof json === 'object' ? json : {}) as Record<string, unknown>;
    const errors = Array.isArray(b.errors) ? (b.errors as FieldProblem[]) : [];
    const message = typeof b.message === 'string' ? b.message : `${res.status} ${res.statusText || 'Request failed'}`;
    const code = typeof b.code === 'string' ? b.code : `http_${res.status}`;
    throw new ApiError(res.status, code, message, errors, b);
  }
  return json as T;
}

export const get = <T>(path: string, query?: QueryParams, signal?: AbortSignal) => api<T>(path, { query, signal });
export const post = <T>(path: string, body?: unknown) => api<T>(path, { method: 'POST', body: body ?? {} });
export const put = <T>(path: string, body: unknown) => api<T>(path, { method: 'PUT', body });
export const patch = <T>(path: string, body: unknown) => api<T>(path, { method: 'PATCH', body });
export const del = (path: string) => api<void>(path, { method: 'DELETE' });

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
