import type { z } from 'zod';
import { invalid, type FieldProblem } from './errors.js';

/** Every problem zod found, as field + problem, so the user can fix all of them at once. */
export function zodProblems(error: z.ZodError, prefix = ''): FieldProblem[] {
  const join = (...parts: string[]) => parts.filter(Boolean).join('.') || '(body)';
  return error.issues.flatMap((i): FieldProblem[] => {
    const path = i.path.map(String).join('.');
    // One line per unknown key, so a typo such as "emial" is named rather than summarised.
    if (i.code === 'unrecognized_keys') {
      return i.keys.map((k) => ({ field: join(prefix, path, k), problem: 'is not a known field' }));
    }
    return [{ field: join(prefix, path), problem: i.message }];
  });
}

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, prefix = ''): z.output<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw invalid(zodProblems(res.error, prefix));
  return res.data;
}

/** fit.2.value → fit[2].value: list items read better with brackets in documents of rules. */
export const bracketIndexes = (problems: FieldProblem[]): FieldProblem[] =>
  problems.map((p) => ({ ...p, field: p.field.replace(/\.(\d+)(?=\.|$)/g, '[$1]') }));

/** parseInput for rule documents: the same errors, with list indexes in brackets. */
export function parseDocument<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const res = schema.safeParse(input);
  if (!res.success) throw invalid(bracketIndexes(zodProblems(res.error)));
  return res.data;
}
