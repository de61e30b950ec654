/**
 * The longest leading run of rows in which no key repeats. Bulk upserts write one run at a
 * time, so a later row with the same key (the same email twice in a file) finds the earlier one
 * already written and updates it, exactly as if the rows had been sent one by one.
 */
export function uniqueRun<T>(rows: readonly T[], keyOf: (row: T) => string | number | null | undefined): T[] {
  const seen = new Set<string | number>();
  let i = 0;
  for (; i < rows.length; i++) {
    const k = keyOf(rows[i]!);
    if (k === null || k === undefined) continue;
    if (seen.has(k)) break;
    seen.add(k);
  }
  return rows.slice(0, i);
}
