import { z } from 'zod';
import { calendarDay, dayProblem, monthProblem } from '../shared/dates.js';

// The building blocks of every report's parameter schema (report-registry.ts). One schema per
// report is what the JSON route, the CSV route, the POST body (planner), the CLI flags, the
// OpenAPI document and docs/api.md are made from, so they cannot drift apart. Query strings carry
// text: numbers are accepted as numbers (JSON bodies) or as numeric text, and nothing else.

const numericText = /^\s*[-+]?(\d+(\.\d*)?|\.\d+)(e[-+]?\d+)?\s*$/i;

/** A number given as a number or as numeric text, then checked by `inner` (its own messages). */
export const numberParam = (inner: z.ZodNumber = z.number()) =>
  z.union([z.number(), z.string().regex(numericText).transform(Number)], { error: (iss) => (iss.input === undefined ? 'is required' : 'must be a number') }).pipe(inner);

/** A whole number within [min, max], in `unit`s (the messages name the unit). */
export const wholeParam = (unit: string, min: number, max: number) =>
  numberParam(z.number({ error: `must be a number of ${unit}` }).int(`must be a whole number of ${unit}`).min(min, `must be at least ${min}`).max(max, `must be at most ${max}`));

/** A `YYYY-MM` month (the workspace's time zone). */
export const monthParam = () =>
  z.string().superRefine((v, ctx) => {
    const problem = monthProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A `YYYY-MM-DD` day, or a `YYYY-MM` month (its first day as `from`, its last as `to`). */
export const dayOrMonthParam = () =>
  z.string().superRefine((v, ctx) => {
    const problem = /^\d{4}-\d{2}$/.test(v) ? monthProblem(v) : dayProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

export const enumParam = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values, { error: `must be one of ${values.join(', ')}` });

/** month, or from/to (days, `to` included): the window most reports take. */
export const windowShape = {
  month: monthParam().optional().describe('a calendar month, YYYY-MM'),
  from: calendarDay().optional().describe('first day, YYYY-MM-DD'),
  to: calendarDay().optional().describe('last day, YYYY-MM-DD (included)'),
};

/** Reports of one month and nothing else. */
export const monthShape = { month: windowShape.month };

/** Paging of a report's long lists: the API answers a page and `next_cursor`; CSV and CLI all of it unless asked. */
export const pageShape = {
  limit: wholeParam('rows', 1, 1000).optional().describe('rows per list in one answer (the API pages at 100 by default; CSV and CLI give every row)'),
  cursor: z.string().optional().describe('next_cursor of the previous answer'),
};

/** A month does not combine with from/to; from may not come after to. */
export function checkWindow(v: { month?: string; from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (v.month !== undefined) {
    for (const k of ['from', 'to'] as const) if (v[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: 'cannot be combined with month; give a month or from/to' });
  }
  // Days as text sort like the calendar; a month stands for its first day (from) or last (to).
  const day = (s: string | undefined, end: string) => (s === undefined ? null : /^\d{4}-\d{2}$/.test(s) ? `${s}-${end}` : /^\d{4}-\d{2}-\d{2}$/.test(s) ? s : null);
  const from = day(v.from, '01');
  const to = day(v.to, '31');
  if (from !== null && to !== null && from > to) ctx.addIssue({ code: 'custom', path: ['from'], message: 'must not be after to' });
}

/** A report's parameters: a strict object (a parameter it does not take is refused by name) with the window checks. */
export const reportParams = <S extends z.ZodRawShape>(shape: S) => z.strictObject(shape).superRefine((v, ctx) => checkWindow(v as never, ctx));

/** What a report parameter is, for the CLI's flags and the docs: from the JSON schema of its input. */
export interface ParamInfo {
  name: string;
  description: string;
  kind: 'flag' | 'value';
  /** e.g. `YYYY-MM`, `number`, `linear|working_days`. */
  value: string;
}

interface JsonProp {
  type?: string;
  enum?: string[];
  anyOf?: JsonProp[];
  description?: string;
}

export function paramInfo(schema: z.ZodType): ParamInfo[] {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonProp> };
  return Object.entries(json.properties ?? {}).map(([name, p]) => {
    const types = (p.anyOf ?? [p]).map((x) => x.type);
    const value = p.enum ? p.enum.join('|') : types.includes('number') || types.includes('integer') ? 'number' : p.description?.match(/\b(YYYY-MM-DD|YYYY-MM)\b/)?.[1] ?? 'text';
    return { name, description: p.description ?? '', kind: types.includes('boolean') ? 'flag' : 'value', value };
  });
}

/** `min_months` → `--min-months`, `visitToLead` → `--visit-to-lead`. */
export const flagOf = (name: string) => `--${name.replace(/_/g, '-').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
