import { isReadableInstant, parseInstant } from '../../shared/dates.js';
import { AppError, invalid } from '../../shared/errors.js';
import { unsafeTextFields } from '../../shared/unsafe-text.js';

/** How one object's list endpoint may be filtered and sorted; everything else is refused. */
export interface ListSpec {
  /** FROM clause (with joins); the main table must be aliased `t`. */
  from: string;
  select: string;
  filters: Record<string, { where: (param: string) => string; parse: (v: string) => unknown }>;
  sorts: Record<string, { expr: string; cast: string }>;
  defaultSort: string;
  search?: (param: string) => string;
  /** Object type owning `properties` (custom property filters). */
  hasProperties?: boolean;
  /** Choose the page's ids before reading the select (worth it when the select is costly per row). */
  narrowFirst?: boolean;
}

export interface ListParams {
  limit?: number;
  cursor?: string;
  sort?: string;
  q?: string;
  filters?: Record<string, string | undefined>;
}

export interface Page<T> {
  data: T[];
  next_cursor: string | null;
}

/** Every list's page size when `limit` is left out, and the largest it may ask for. */
export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

/** Where a list without sorts or filters of its own is read from: `cursor` is a `next_cursor` it gave. */
export interface PageParams {
  limit?: number;
  cursor?: string;
}

/** The page size asked for: DEFAULT_PAGE_SIZE when left out, refused naming `limit` outside 1..MAX_PAGE_SIZE. */
export function pageLimit(limit: number | undefined): number {
  const n = limit ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(n) || n < 1 || n > MAX_PAGE_SIZE) throw invalid([{ field: 'limit', problem: `must be between 1 and ${MAX_PAGE_SIZE}` }]);
  return n;
}

/**
 * A page from rows read with LIMIT limit + 1 in keyset order: the first `limit` rows, and while
 * there were more, a cursor holding `keyOf` the last of them (the keyset WHERE's position).
 */
export function keysetPage<T, K>(rows: T[], limit: number, keyOf: (last: T) => K): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, next_cursor: rows.length > limit && last !== undefined ? encodeCursor(keyOf(last)) : null };
}

/** Every row of a paged list, page after page at the largest size (the CLI prints whole lists). */
export async function allRows<T>(page: (params: PageParams) => Promise<Page<T>>): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | undefined;
  do {
    const p = await page({ limit: MAX_PAGE_SIZE, cursor });
    rows.push(...p.data);
    cursor = p.next_cursor ?? undefined;
  } while (cursor);
  return rows;
}

const propertyName = /^[a-z][a-z0-9_]{0,62}$/;

export const parseId = (field: string) => (v: string) => {
  if (!/^\d+$/.test(v) || !Number.isSafeInteger(Number(v))) throw invalid([{ field, problem: 'must be a whole number (an id)' }]);
  return Number(v);
};

export const parseDate = (field: string) => (v: string) => {
  const d = parseInstant(v);
  if (typeof d === 'string') throw invalid([{ field, problem: d }]);
  return d;
};

export const parseText = (v: string) => v;

/** A list's WHERE clause from its filters, search and record scope, with its bound values (listPage, counts, exports, bulk actions). */
export interface ListWhere {
  where: string[];
  values: unknown[];
  bind: (v: unknown) => string;
}

/**
 * The WHERE of a list's filtered set: every filter parsed by the spec (a bad one refused naming
 * it, all problems at once), `q` searched, and the caller's record scope. Values are bound, never
 * interpolated.
 */
export function listWhere(spec: ListSpec, params: Pick<ListParams, 'q' | 'filters'>, restrict?: (bind: (v: unknown) => string) => string, firstParam = 1): ListWhere {
  const where: string[] = [];
  const values: unknown[] = [];
  // firstParam: the number of the first placeholder, when the statement binds its own parameters before these.
  const p = (v: unknown) => {
    values.push(v);
    return `$${values.length + firstParam - 1}`;
  };
  where.push(...listConditions(spec, params, p));
  if (restrict) where.push(restrict(p));
  return { where, values, bind: p };
}

export const whereSql = (where: string[]) => (where.length ? 'WHERE ' + where.join(' AND ') : '');

/** How many rows a list's filtered set holds (the same WHERE as its pages). */
export async function listCount(
  query: (text: string, params: unknown[]) => Promise<{ n: number }[]>,
  spec: ListSpec,
  params: Pick<ListParams, 'q' | 'filters'>,
  restrict?: (bind: (v: unknown) => string) => string,
): Promise<number> {
  const w = listWhere(spec, params, restrict);
  const [row] = await query(`SELECT count(*)::bigint AS n FROM ${spec.from} ${whereSql(w.where)}`, w.values);
  return Number(row?.n ?? 0);
}

/**
 * Keyset pagination: stable under inserts, constant time at any depth (no OFFSET). `restrict`
 * adds the caller's record scope (record-scope.ts listRestriction), binding its own parameters.
 */
export async function listPage<T extends { id: number }>(
  query: (text: string, params: unknown[]) => Promise<T[]>,
  spec: ListSpec,
  params: ListParams,
  restrict?: (bind: (v: unknown) => string) => string,
): Promise<Page<T>> {
  const limit = pageLimit(params.limit);
  const sortParam = params.sort ?? spec.defaultSort;
  const desc = sortParam.startsWith('-');
  const sortKey = desc ? sortParam.slice(1) : sortParam;
  const sort = Object.hasOwn(spec.sorts, sortKey) ? spec.sorts[sortKey] : undefined;
  if (!sort) throw invalid([{ field: 'sort', problem: `must be one of ${Object.keys(spec.sorts).join(', ')} (prefix - for descending)` }]);

  const { where, values, bind: p } = listWhere(spec, params, restrict);

  if (params.cursor) {
    // The position is bound as a parameter of the sort's type: one that cannot be is no cursor we gave out.
    const c = decodeCursor<Cursor>(params.cursor, (x) => typeof x.s === 'string' && isId(x.id) && fitsCast(x.v, sort.cast));
    if (c.s !== sortParam) throw invalid([{ field: 'cursor', problem: 'belongs to a different sort; start again without cursor' }]);
    const op = desc ? '<' : '>';
    where.push(`(${sort.expr}, t.id) ${op} (${p(c.v)}::${sort.cast}, ${p(c.id)}::bigint)`);
  }

  const dir = desc ? 'DESC' : 'ASC';
  // Narrow first: the page's ids are chosen reading only what sorts and filters need (the planner
  // drops joins nothing reads), and the wide select (with its per-row subqueries) runs for them alone.
  const text = spec.narrowFirst
    ? `WITH page AS (SELECT t.id AS __id, ${sort.expr} AS __sort FROM ${spec.from}
         ${whereSql(where)}
         ORDER BY ${sort.expr} ${dir}, t.id ${dir} LIMIT ${limit + 1})
       SELECT ${spec.select}, page.__sort FROM page JOIN (${spec.from}) ON t.id = page.__id
       ORDER BY page.__sort ${dir}, t.id ${dir}`
    : `SELECT ${spec.select}, ${sort.expr} AS __sort FROM ${spec.from}
    ${whereSql(where)}
    ORDER BY ${sort.expr} ${dir}, t.id ${dir} LIMIT ${limit + 1}`;
  const rows = (await query(text, values)) as (T & { __sort?: unknown })[];
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  const next = more && last ? encodeCursor({ s: sortParam, v: serialise(last.__sort), id: last.id }) : null;
  for (const r of data) delete r.__sort;
  return { data, next_cursor: next };
}

export const isId = (v: unknown) => Number.isSafeInteger(v) && (v as number) > 0;

/** The id an `{id}` cursor continues after (lists keyed on their id alone); null on the first page. */
export function afterId(cursor: string | undefined): number | null {
  return cursor ? decodeCursor<{ id: number }>(cursor, (c) => isId(c.id)).id : null;
}

/** Whether a cursor's sort value can be bound as `cast` (null: a row whose sort column is empty). */
export function fitsCast(v: unknown, cast: string): boolean {
  if (v === null) return true;
  switch (cast) {
    case 'bigint':
      return Number.isSafeInteger(v);
    case 'int':
      return Number.isInteger(v) && Math.abs(v as number) <= 2147483647;
    case 'numeric':
      return typeof v === 'number' && Number.isFinite(v);
    case 'timestamptz':
    case 'date':
      return typeof v === 'string' && isReadableInstant(v);
    default:
      return typeof v === 'string';
  }
}

function serialise(v: unknown): unknown {
  return v instanceof Date ? v.toISOString() : v;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (m) => '\\' + m);
}

interface Cursor {
  s: string;
  v: unknown;
  id: number;
}

/** An opaque page token: the position to continue after, as base64url JSON. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** The position a token holds, if `valid` accepts it; anything else is refused naming `cursor`. */
export function decodeCursor<T>(raw: string, valid: (c: T) => boolean): T {
  try {
    const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as T;
    if (c !== null && typeof c === 'object' && !unsafeTextFields(c).length && valid(c)) return c;
  } catch {
    // fall through to the error below
  }
  throw invalid([{ field: 'cursor', problem: 'is not a cursor this API gave out' }]);
}

/**
 * The WHERE conditions of a list's filters and search (`q`), binding values with `p`; every
 * unknown filter or bad value is refused at once, naming it. Exports filter as the lists do.
 */
export function listConditions(spec: ListSpec, params: Pick<ListParams, 'q' | 'filters'>, p: (v: unknown) => string): string[] {
  const where: string[] = [];
  const problems: { field: string; problem: string }[] = [];
  for (const [key, raw] of Object.entries(params.filters ?? {})) {
    if (raw === undefined || raw === '') continue;
    if (key.startsWith('property.')) {
      const name = key.slice('property.'.length);
      if (!spec.hasProperties || !propertyName.test(name)) {
        problems.push({ field: key, problem: 'is not a filterable property' });
        continue;
      }
      where.push(`t.properties->>${p(name)} = ${p(raw)}`);
      continue;
    }
    const f = spec.filters[key];
    if (!f) {
      problems.push({ field: key, problem: `is not a filter; use one of ${Object.keys(spec.filters).join(', ')}` });
      continue;
    }
    try {
      where.push(f.where(p(f.parse(raw))));
    } catch (err) {
      if (err instanceof AppError) problems.push(...((err.details.errors as typeof problems) ?? []));
      else throw err;
    }
  }
  if (problems.length) throw invalid(problems);
  if (params.q && spec.search) where.push(spec.search(p(`%${escapeLike(params.q.trim())}%`)));
  return where;
}
