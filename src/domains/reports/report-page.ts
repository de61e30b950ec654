/**
 * Pages of a report's list, which is computed whole (an aggregate has to see every row anyway):
 * the rows after a position, by a sort key whose last part is unique. A position rather than an
 * offset, so rows that arrive between two pages neither repeat nor skip the ones already read.
 */
export type SortKey = (string | number)[];

/** Compares keys part by part; `desc[i]` turns part i around. */
export function compareKeys(a: SortKey, b: SortKey, desc: readonly boolean[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const c = typeof x === 'number' && typeof y === 'number' ? x - y : String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
    if (c !== 0) return desc[i] ? -c : c;
  }
  return 0;
}

/** Whether a cursor's position has the shape of `desc` (a number or text per part). */
export const isSortKey = (v: unknown, parts: number): v is SortKey =>
  Array.isArray(v) && v.length === parts && v.every((x) => (typeof x === 'number' && Number.isFinite(x)) || (typeof x === 'string' && x.length <= 2000));

/**
 * Sorts `rows` and returns at most `limit` of them after `after` (null limit: all the rest), with
 * the key of the last one given when more follow.
 */
export function pageAfter<T>(rows: readonly T[], key: (r: T) => SortKey, desc: readonly boolean[], after: SortKey | null, limit: number | null): { rows: T[]; next: SortKey | null } {
  const sorted = [...rows].sort((a, b) => compareKeys(key(a), key(b), desc));
  const start = after ? sorted.findIndex((r) => compareKeys(key(r), after, desc) > 0) : 0;
  const rest = start < 0 ? [] : sorted.slice(start);
  if (limit === null || rest.length <= limit) return { rows: rest, next: null };
  const page = rest.slice(0, limit);
  return { rows: page, next: key(page[page.length - 1]!) };
}
