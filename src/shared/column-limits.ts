// What the database columns hold, for input checks that name the field instead of letting
// PostgreSQL answer "numeric field overflow" (a 500). A double past 2^53 is no exact integer,
// and JSON numbers such as 1e21 parse fine, so every stored number needs its ceiling.

/** The largest value a numeric(precision, scale) column holds: numeric(14,2) → 999,999,999,999.99. */
export function numericMax(precision: number, scale: number): number {
  return Number(`${'9'.repeat(precision - scale)}.${'9'.repeat(scale)}`);
}

/** `z.number().max(...fitsNumeric(14, 2))`: the ceiling of a numeric column, and the message that says it. */
export function fitsNumeric(precision: number, scale: number): [number, string] {
  // Written from the digits: 16 nines are past a double's precision, so the number would print as …98.
  const whole = '9'.repeat(precision - scale).replace(/\B(?=(\d{3})+$)/g, ',');
  return [numericMax(precision, scale), `must be at most ${whole}${scale ? `.${'9'.repeat(scale)}` : ''}`];
}

/** PostgreSQL int (int4). */
export const INT4_MAX = 2_147_483_647;
/** `z.number().int().max(...fitsInt)`. */
export const fitsInt: [number, string] = [INT4_MAX, `must be at most ${INT4_MAX.toLocaleString('en')}`];
