import { Random } from '../shared/random.js';

/**
 * The pieces of the route fuzz test (src/http/route-fuzz.test.ts): the /api operations of the
 * OpenAPI document, a valid value for a JSON schema, and the one-field mutations of a valid
 * request. Mutations walk the valid value itself, so bodies that only a domain function checks
 * (rule documents without a route schema) are mutated the same way as typed ones.
 */

export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  exclusiveMinimum?: number;
  maximum?: number;
  default?: unknown;
  $ref?: string;
};

export interface Operation {
  method: string;
  /** OpenAPI path, e.g. /api/contacts/{id}. */
  path: string;
  params: { name: string; schema: JsonSchema }[];
  query: { name: string; required: boolean; schema: JsonSchema }[];
  body: JsonSchema | null;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, {
    parameters?: { in: string; name: string; required?: boolean; schema: JsonSchema }[];
    requestBody?: { content: Record<string, { schema: JsonSchema }> };
  }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

/** Every /api operation the app documents, in a stable order. */
export function apiOperations(doc: OpenApiDoc): Operation[] {
  const deref = (s: JsonSchema): JsonSchema => (s.$ref ? doc.components?.schemas?.[s.$ref.split('/').pop()!] ?? {} : s);
  const ops: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const [method, op] of Object.entries(byMethod)) {
      const ps = op.parameters ?? [];
      const body = op.requestBody?.content['application/json']?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        params: ps.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: deref(p.schema) })),
        query: ps.filter((p) => p.in === 'query').map((p) => ({ name: p.name, required: !!p.required, schema: deref(p.schema) })),
        body: body ? deref(body) : null,
      });
    }
  }
  return ops;
}

/** Valid values that a schema alone cannot give, by field name (the first matching rule wins). */
export type NameHints = [RegExp, (n: number) => unknown][];

/**
 * A valid value for a schema: every property filled (so each can be mutated), enums take their
 * first value, numbers their smallest allowed, and names the hints know get realistic values
 * (emails, ids of seeded records, dates). `n` makes unique values (emails, domains) per call.
 */
export function validValue(schema: JsonSchema, name: string, hints: NameHints, n: number): unknown {
  const hint = hints.find(([re]) => re.test(name));
  const branches = schema.anyOf ?? schema.oneOf;
  if (branches) {
    const real = branches.find((b) => b.type !== 'null') ?? branches[0]!;
    return validValue(real, name, hints, n);
  }
  if (schema.const !== undefined) return schema.const;
  if (schema.enum?.length) return hint && schema.enum.includes(hint[1](n)) ? hint[1](n) : schema.enum[0];
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type;
  // A pattern says more than a name: `name` is free text on a company but a key on a property.
  if (hint && type !== 'object' && type !== 'array' && !schema.pattern) return hint[1](n);
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      for (const [k, s] of Object.entries(schema.properties ?? {})) out[k] = validValue(s, k, hints, n);
      return out;
    }
    case 'array':
      return Array.from({ length: Math.max(1, schema.minItems ?? 1) }, () => validValue(schema.items ?? {}, name, hints, n));
    case 'integer':
    case 'number': {
      const lo = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (type === 'integer' ? 1 : Math.min(1, ((schema.maximum ?? 2) - schema.exclusiveMinimum) / 2)) : 1);
      return Math.min(lo, schema.maximum ?? lo);
    }
    case 'boolean':
      return true;
    case 'string': {
      if (schema.pattern === '^\\d{4}-\\d{2}-\\d{2}$') return '2026-02-15';
      if (schema.pattern === '^[A-Za-z]{3}$') return 'EUR';
      if (schema.pattern?.startsWith('^[a-z]')) return `fuzz_${n}`;
      if (schema.format === 'uri') return 'https://example.com/hook';
      if (schema.format === 'email') return `fuzz${n}@example.com`;
      return 'x'.repeat(Math.max(1, schema.minLength ?? 1)).replace(/^x/, 'Fuzz');
    }
    default:
      return 'Fuzz';
  }
}

export const MISSING = Symbol('missing');

export interface Mutation {
  label: string;
  value: unknown;
  /** The valid values it is worth trying on: a date string in place of a count is just "not a number". */
  on?: 'string' | 'number';
}

const huge = 'x'.repeat(100_000);

/** One bad value each: the kinds of input that once answered 500 (issue 11), and their neighbours. */
export const valueMutations: Mutation[] = [
  { label: 'missing', value: MISSING },
  { label: 'null', value: null },
  { label: 'number', value: 12345 },
  { label: 'text', value: 'not-a-value' },
  { label: 'boolean', value: true },
  { label: 'object', value: { unexpected: 1 } },
  { label: 'array', value: ['x'] },
  { label: 'empty string', value: '', on: 'string' },
  { label: 'blank string', value: '   ', on: 'string' },
  { label: 'huge string (100k)', value: huge, on: 'string' },
  { label: 'NUL character', value: 'a\u0000b', on: 'string' },
  { label: 'lone surrogate', value: 'a\ud800b', on: 'string' },
  { label: 'CRLF', value: 'a\r\nX-Injected: 1', on: 'string' },
  { label: '1e21', value: 1e21, on: 'number' },
  { label: '-1e21', value: -1e21, on: 'number' },
  { label: 'largest double', value: 1.7976931348623157e308, on: 'number' },
  { label: '1.5', value: 1.5, on: 'number' },
  { label: '-1', value: -1, on: 'number' },
  { label: '0', value: 0, on: 'number' },
  { label: 'int4 overflow', value: 2147483648, on: 'number' },
  { label: 'beyond safe integer', value: 9007199254740993, on: 'number' },
  { label: 'unknown id', value: 999999999, on: 'number' },
  { label: '"NaN"', value: 'NaN' },
  { label: '"Infinity"', value: 'Infinity', on: 'string' },
  { label: '"1e21"', value: '1e21' },
  { label: 'date 2026-02-30', value: '2026-02-30', on: 'string' },
  { label: 'date 0000-01-01', value: '0000-01-01', on: 'string' },
  { label: 'date +275760-09-13', value: '+275760-09-13', on: 'string' },
  { label: 'date 9999-12-31', value: '9999-12-31', on: 'string' },
  { label: 'date -271821-04-20', value: '-271821-04-20', on: 'string' },
  { label: 'instant 2026-02-30T10:00:00Z', value: '2026-02-30T10:00:00Z', on: 'string' },
  { label: 'month 0000-01', value: '0000-01', on: 'string' },
];

/**
 * The mutations worth trying on a node holding `valid`: every kind on text and numbers of their
 * own kind, plus the type changes; all of them when `all` (a deeper, slower run).
 */
export function mutationsFor(valid: unknown, all = false): Mutation[] {
  if (all) return valueMutations;
  const kind = typeof valid === 'string' ? 'string' : typeof valid === 'number' ? 'number' : null;
  return valueMutations.filter((m) => !m.on || m.on === kind);
}

/** Query-string and path values: text only (what a URL can carry), already URL-encoded. */
export const textMutations: Mutation[] = [
  { label: 'missing', value: MISSING },
  { label: 'empty', value: '' },
  { label: 'text', value: 'not-a-value' },
  { label: 'huge (8k)', value: 'x'.repeat(8000) },
  { label: 'NUL character', value: 'a%00b' },
  { label: 'lone surrogate (CESU-8)', value: 'a%ED%A0%80b' },
  { label: 'invalid UTF-8', value: 'a%FFb' },
  { label: 'CRLF', value: 'a%0D%0AX-Injected:%201' },
  { label: '1e21', value: '1e21' },
  { label: '-1e21', value: '-1e21' },
  { label: '1e400', value: '1e400' },
  { label: 'NaN', value: 'NaN' },
  { label: 'Infinity', value: 'Infinity' },
  { label: '1.5', value: '1.5' },
  { label: '-1', value: '-1' },
  { label: '0', value: '0' },
  { label: 'bigint overflow', value: '99999999999999999999' },
  { label: 'unknown id', value: '999999999' },
  { label: 'date 2026-02-30', value: '2026-02-30' },
  { label: 'date 0000-01-01', value: '0000-01-01' },
  { label: 'date +275760-09-13', value: '%2B275760-09-13' },
  { label: 'date 9999-12-31', value: '9999-12-31' },
  { label: 'date 0001-01-01', value: '0001-01-01' },
  { label: 'month 0000-01', value: '0000-01' },
  { label: 'month 9999-12', value: '9999-12' },
  { label: 'month 2026-13', value: '2026-13' },
  { label: 'quarter 0000-Q1', value: '0000-Q1' },
];

/** A path into a JSON value: object keys and array indexes. */
export type Path = (string | number)[];

/**
 * Every node worth mutating in a valid value: each object property and, for lists, the first
 * item only (a rule document's tenth rule is checked by the same code as its first).
 */
export function nodePaths(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5) return [];
  if (Array.isArray(value)) return value.length ? [[...prefix, 0], ...nodePaths(value[0], [...prefix, 0], depth + 1)] : [];
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...nodePaths(v, [...prefix, k], depth + 1)]);
  }
  return [];
}

/** The objects inside a value (the root included), where an unknown key can be added. */
export function objectPaths(value: unknown, prefix: Path = [], depth = 0): Path[] {
  if (depth > 5 || !value || typeof value !== 'object') return [];
  if (Array.isArray(value)) return value.length ? objectPaths(value[0], [...prefix, 0], depth + 1) : [];
  return [prefix, ...Object.entries(value).flatMap(([k, v]) => objectPaths(v, [...prefix, k], depth + 1))];
}

/** A copy of `root` with the node at `path` replaced (or removed, for MISSING). */
export function withNode(root: unknown, path: Path, value: unknown): unknown {
  if (!path.length) return value === MISSING ? undefined : value;
  const copy = structuredClone(root) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1]!;
  if (value === MISSING) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else node[last] = value;
  return copy;
}

export const fieldName = (path: Path) => path.map(String).join('.') || '(body)';


/**
 * At most `budget` of one operation's cases, the same ones on every run: those marked `must`,
 * then each field's first `perField` in a seeded order, then any others up to the budget.
 */
export function pickCases<T extends { field: string; must?: boolean }>(rng: Random, cases: T[], budget: number, perField: number): T[] {
  const keep = new Set<T>(cases.filter((c) => c.must));
  const groups = new Map<string, T[]>();
  for (const c of cases) if (!c.must) groups.set(c.field, [...(groups.get(c.field) ?? []), c]);
  const shuffled = [...groups.values()].map((g) => rng.shuffle([...g]));
  for (let round = 0; round < perField; round++) for (const g of shuffled) if (g[round]) keep.add(g[round]!);
  for (const c of rng.shuffle(shuffled.flat())) {
    if (keep.size >= budget) break;
    keep.add(c);
  }
  return cases.filter((c) => keep.has(c));
}
