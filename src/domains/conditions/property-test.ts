import { z } from 'zod';
import { regexMatches, regexProblem } from '../../shared/safe-regex.js';

/**
 * One grammar for "a contact's or company's property is …", shared by fit rules (points when it
 * holds), MQL property conditions (a clause holds when it does) and routing rules (a lead goes to
 * the rule's team when all hold): same operators, same value checks, same comparison rules.
 * Before, each had its own small dialect and they had drifted (fit knew `between`, MQL knew
 * `gt`/`lt`; MQL matched numbers against patterns, fit did not). condition-sql.ts is the same
 * grammar as a SQL predicate, field-problem.ts its one field check; docs/conditions.md.
 */
export const propertyOps = ['equals', 'in', 'matches', 'gt', 'gte', 'lt', 'lte', 'between', 'exists'] as const;
export type PropertyOp = (typeof propertyOps)[number];

export const propertyOpsProblem = `must be one of ${propertyOps.join(', ')}`;

const nonEmpty = z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty').max(500, 'must be at most 500 characters');
const finite = z.number({ error: 'must be a number' }).finite('must be a finite number');
// Compiled at save time so a pattern RE2 cannot run is refused with the reason. Longer than other
// texts: the built-in "right job title" pattern spells out its exclusions without lookahead.
const pattern = z.string({ error: 'must be a text' }).trim().min(1, 'must not be empty').max(1000, 'must be at most 1000 characters').superRefine((p, ctx) => {
  const problem = regexProblem(p);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/**
 * The variants of a property test, each with the caller's own keys (a fit rule's id, label, field
 * and points; an MQL condition's kind and field), for z.discriminatedUnion('op', …).
 */
export function propertyTestVariants<S extends z.ZodRawShape>(shape: S) {
  return [
    z.strictObject({ ...shape, op: z.literal('equals'), value: z.union([nonEmpty, finite, z.boolean()], { error: 'must be a text, a number or true/false' }) }),
    z.strictObject({ ...shape, op: z.literal('in'), value: z.array(z.union([nonEmpty, finite]), { error: 'must be a list of texts or numbers' }).min(1, 'must list at least one value') }),
    z.strictObject({ ...shape, op: z.literal('matches'), value: pattern }),
    z.strictObject({ ...shape, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: finite }),
    z.strictObject({
      ...shape,
      op: z.literal('between'),
      value: z.tuple([finite, finite], { error: 'must be [low, high]' }).refine(([lo, hi]) => lo <= hi, 'must be [low, high] with low <= high'),
    }),
    // `exists: false` asks for a blank, e.g. no company owner yet.
    z.strictObject({ ...shape, op: z.literal('exists'), value: z.boolean({ error: 'must be true or false' }).default(true) }),
  ] as const;
}

export type PropertyTest =
  | { op: 'equals'; value: string | number | boolean }
  | { op: 'in'; value: (string | number)[] }
  | { op: 'matches'; value: string }
  | { op: 'gt' | 'gte' | 'lt' | 'lte'; value: number }
  | { op: 'between'; value: [number, number] }
  | { op: 'exists'; value: boolean };

export interface PropertySubject {
  contact: Record<string, unknown> | null;
  company: Record<string, unknown> | null;
}

/** contact.job_title, company.industry, contact.properties.buying_role… (undefined when absent). */
export function readField(field: string, s: PropertySubject): unknown {
  const [object, ...path] = field.split('.');
  let value: unknown = object === 'contact' ? s.contact : object === 'company' ? s.company : undefined;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isBlank = (v: unknown) => v === null || v === undefined || (typeof v === 'string' && !v.trim());

/**
 * Whether the test holds for a value (one, or a multi-select list: any of its values), and the
 * value that made it hold, so "why" can show what was read. Blank values match nothing but
 * `exists: false`: what we do not know is not held for or against anyone.
 */
export function testProperty(t: PropertyTest, raw: unknown): { met: boolean; value: unknown } {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => !isBlank(v));
  if (t.op === 'exists') return { met: values.length > 0 === t.value, value: values[0] ?? null };
  const value = values.find((v) => accepts(t, v));
  return { met: value !== undefined, value };
}

function accepts(t: Exclude<PropertyTest, { op: 'exists' }>, value: unknown): boolean {
  switch (t.op) {
    case 'equals':
      return sameValue(value, t.value);
    case 'in':
      return t.value.some((expected) => sameValue(value, expected));
    case 'matches':
      return (typeof value === 'string' || typeof value === 'number') && regexMatches(t.value, String(value));
    case 'between': {
      const n = numberOf(value);
      return n >= t.value[0] && n <= t.value[1];
    }
    default:
      return compareNumbers(t.op, numberOf(value), t.value);
  }
}

/** A field and its test: a fit rule, an MQL property condition or a routing condition. */
export type FieldCondition = PropertyTest & { field: string };

/** Whether every condition holds for the subject (an empty list holds for everyone). */
export function conditionsHold(conditions: readonly FieldCondition[], s: PropertySubject): boolean {
  return conditions.every((c) => testProperty(c, readField(c.field, s)).met);
}

/** NaN compares false with everything, so a missing number never passes any comparison. */
export function compareNumbers(op: 'gt' | 'gte' | 'lt' | 'lte', actual: number | null, expected: number): boolean {
  const n = actual ?? Number.NaN;
  if (op === 'gt') return n > expected;
  if (op === 'gte') return n >= expected;
  if (op === 'lt') return n < expected;
  return n <= expected;
}

// Texts compare without case or surrounding spaces: "Financial Services" typed in a rule must
// match "financial services " typed on an import; numbers by value ("5000" = 5000).
function sameValue(value: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'number') return numberOf(value) === expected;
  if (typeof expected === 'boolean') return value === expected || (typeof value === 'string' && value.trim().toLowerCase() === String(expected));
  return (typeof value === 'string' || typeof value === 'number') && String(value).trim().toLowerCase() === expected.trim().toLowerCase();
}

function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim()) return Number(value);
  return Number.NaN;
}

/** How a test reads in "why": `= "Software"`, `>= 200`, `matches /cfo/i`, `is blank`. */
export function describeTest(t: PropertyTest): string {
  const show = (v: unknown) => (typeof v === 'string' ? JSON.stringify(v) : String(v));
  switch (t.op) {
    case 'exists':
      return t.value ? 'exists' : 'is blank';
    case 'equals':
      return `= ${show(t.value)}`;
    case 'in':
      return `in [${t.value.join(', ')}]`;
    case 'matches':
      return `matches /${t.value}/i`;
    case 'between':
      return `between ${t.value[0]} and ${t.value[1]}`;
    default:
      return `${{ gt: '>', gte: '>=', lt: '<', lte: '<=' }[t.op]} ${t.value}`;
  }
}
