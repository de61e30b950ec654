/**
 * Wilson score interval for a binomial proportion. Chosen over the textbook normal ("Wald")
 * interval because close rates sit near 0 % (the guide's "most around 1 %"), where Wald gives
 * negative lower bounds and a zero-width interval for 0 successes; Wilson stays inside [0, 1]
 * and is honest about small samples.
 */

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

export type Interval = [lo: number, hi: number];

/** `null` when n = 0: no data, no interval (a zero-width guess would look like certainty). */
export function wilsonInterval(successes: number, trials: number, z: number = Z95): Interval | null {
  if (!Number.isFinite(trials) || trials <= 0) return null;
  if (successes < 0 || successes > trials) {
    throw new RangeError(`successes (${successes}) must lie between 0 and trials (${trials})`);
  }
  const p = successes / trials;
  const z2 = z * z;
  const denom = 1 + z2 / trials;
  const centre = (p + z2 / (2 * trials)) / denom;
  const half = (z / denom) * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials));
  // At k = 0 and k = n the formula is exactly 0 and 1 in real arithmetic; pin them so float
  // noise never reports "1e-17 %" or a lower bound above the observed rate.
  const lo = successes === 0 ? 0 : Math.max(0, centre - half);
  const hi = successes === trials ? 1 : Math.min(1, centre + half);
  return [lo, hi];
}
