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

export function sumPoints(reasons: readonly { points: number }[]): number {
  return roundPoints(reasons.reduce((sum, r) => sum + r.points, 0));
}
