import { numericMax } from '../../shared/column-limits.js';

/**
 * Scores are shown to people and compared with thresholds, so they are rounded once, here, to
 * hundredths: each reason's points are rounded and the score is the sum of the rounded reasons.
 * That way the "why" list always adds up to the score on screen, and the quadrant is decided
 * on that same number (an exact float such as 29.999999999 would otherwise show as 30.00 and
 * still count as below a threshold of 30).
 */
export function roundPoints(points: number): number {
  const rounded = Math.round(points * 100) / 100;
  // Math.round(-0.4) is -0; a reason reading "-0 points" only confuses.
  return rounded === 0 ? 0 : rounded;
}

/** What contact_scores' numeric(10,2) columns hold: a contact with millions of counted events stays storable. */
const MAX_SCORE = numericMax(10, 2);

export function sumPoints(reasons: readonly { points: number }[]): number {
  const sum = roundPoints(reasons.reduce((total, r) => total + r.points, 0));
  return Math.max(-MAX_SCORE, Math.min(MAX_SCORE, sum));
}
