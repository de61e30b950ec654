const numberLike = /^[-+]?[\d.,]+\s?%?$/;

/** Rows as a plain-text table for the terminal: columns of numbers right-aligned, text left, empty values as —. */
export function textTable(rows: Record<string, unknown>[]): string {
  if (!rows.length) return '(no rows)';
  const cols = Object.keys(rows[0]!);
  const cell = (v: unknown) => (v === null || v === undefined ? '—' : v instanceof Date ? v.toISOString().replace(/\.\d{3}Z$/, 'Z') : String(v));
  const filled = (v: unknown) => v !== null && v !== undefined;
  const numeric = cols.map((c) => rows.some((r) => filled(r[c])) && rows.every((r) => !filled(r[c]) || typeof r[c] === 'number' || numberLike.test(String(r[c]))));
  const widths = cols.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)));
  const line = (vals: string[]) => vals.map((v, i) => (numeric[i] ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(cols), line(widths.map((w) => '-'.repeat(w))), ...rows.map((r) => line(cols.map((c) => cell(r[c]))))].join('\n');
}
