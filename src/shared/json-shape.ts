/**
 * Limits on the shape of JSON we accept from outside. Deep nesting is the danger: PGlite (WASM)
 * traps on jsonb nested ~1,500 deep, and JSON.stringify throws on very deep values, so a 2 KB
 * body could otherwise fail a request, a shared commit or the event pipeline. Real payloads
 * (Segment events, CRM properties, scoring documents) are a few levels deep.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_KEYS = 10_000;

export interface JsonShapeProblem {
  /** Dotted path of the first offending value ('' for the root). */
  field: string;
  problem: string;
}

interface Frame {
  value: unknown;
  depth: number;
  key: string;
  parent: Frame | null;
}

/**
 * Walks a parsed JSON value without recursion (so any depth is safe to inspect) and tells the
 * first place that is nested deeper than `maxDepth` containers, or that the value has more than
 * `maxKeys` object keys in all. null when it is within both.
 */
export function jsonShapeProblem(value: unknown, maxDepth = MAX_JSON_DEPTH, maxKeys = MAX_JSON_KEYS, prefix = ''): JsonShapeProblem | null {
  const stack: Frame[] = [{ value, depth: 0, key: '', parent: null }];
  let keys = 0;
  while (stack.length) {
    const f = stack.pop()!;
    const v = f.value;
    if (typeof v !== 'object' || v === null) continue;
    const depth = f.depth + 1;
    if (depth > maxDepth) return { field: pathOf(f, prefix), problem: `is nested more than ${maxDepth} levels deep; flatten it` };
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], depth, key: String(i), parent: f });
    } else {
      const entries = Object.keys(v);
      keys += entries.length;
      if (keys > maxKeys) return { field: pathOf(f, prefix), problem: `makes the body hold more than ${maxKeys.toLocaleString('en')} keys in all` };
      for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: (v as Record<string, unknown>)[entries[i]!], depth, key: entries[i]!, parent: f });
    }
  }
  return null;
}

/** a.b.c for the frame's place; a very deep place is shortened to its first and last keys. */
function pathOf(f: Frame, prefix: string): string {
  const parts: string[] = [];
  for (let p: Frame | null = f; p && p.parent; p = p.parent) parts.push(p.key);
  parts.reverse();
  if (prefix) parts.unshift(prefix);
  const shown = parts.length > 8 ? [...parts.slice(0, 4), '…', ...parts.slice(-2)] : parts;
  return shown.join('.') || '(body)';
}

/**
 * A copy of `value` with everything below `maxDepth` containers replaced by a marker string, so a
 * refused payload can still be kept (as jsonb) for whoever investigates it. Iterative, like the check.
 */
export function truncateJsonDepth(value: unknown, maxDepth = MAX_JSON_DEPTH): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: { from: object; to: Record<string, unknown> | unknown[]; depth: number }[] = [{ from: value, to: root as Record<string, unknown>, depth: 1 }];
  while (stack.length) {
    const { from, to, depth } = stack.pop()!;
    for (const [k, v] of Object.entries(from)) {
      let out: unknown = v;
      if (typeof v === 'object' && v !== null) {
        if (depth >= maxDepth) out = '[nested too deep: removed]';
        else {
          out = Array.isArray(v) ? [] : {};
          stack.push({ from: v, to: out as Record<string, unknown>, depth: depth + 1 });
        }
      }
      if (Array.isArray(to)) to[Number(k)] = out;
      else to[k] = out;
    }
  }
  return root;
}
