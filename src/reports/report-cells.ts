/** A number for a table cell: fixed digits, or — when there is none. */
export const num = (v: number | null | undefined, digits = 0) => (typeof v === 'number' ? v.toFixed(digits) : '—');

/** A share for a table cell: 12.5%, or — when there is none. */
export const pct = (v: unknown) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : '—');
