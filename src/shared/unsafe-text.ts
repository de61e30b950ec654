import type { FieldProblem } from './errors.js';

// PostgreSQL text and jsonb cannot hold the NUL character: the statement fails. A lone UTF-16
// surrogate (half of an emoji, "\ud800" in JSON) is not Unicode at all: encoded to UTF-8 it
// becomes U+FFFD, so what would be saved is not what was sent. Both are refused, by field.
const loneSurrogate = /[\uD800-\uDFFF]/u;

/** Why a text cannot be stored as sent, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character (\\u0000), which text cannot hold';
  if (loneSurrogate.test(s)) return 'contains a lone surrogate (half of a UTF-16 pair), which is not valid Unicode';
  return null;
}

/**
 * Every text in a parsed JSON value (keys included) that cannot be stored, as field + problem,
 * at most `limit` of them. Iterative, so any depth is safe to walk.
 */
export function unsafeTextFields(value: unknown, prefix = '', limit = 20): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const stack: { value: unknown; path: string }[] = [{ value, path: prefix }];
  const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));
  while (stack.length && problems.length < limit) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) problems.push({ field: path || '(body)', problem });
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: join(path, i) });
    } else if (v !== null && typeof v === 'object') {
      const entries = Object.entries(v);
      for (let i = entries.length - 1; i >= 0; i--) {
        const [k, child] = entries[i]!;
        const keyProblem = textProblem(k);
        if (keyProblem) problems.push({ field: join(path, JSON.stringify(k).slice(1, -1)), problem: `has a name that ${keyProblem}` });
        else stack.push({ value: child, path: join(path, k) });
      }
    }
  }
  return problems;
}
