import type { ScoreThresholds } from './score-rules.js';

export const quadrants = ['hot', 'nurture', 'fan', 'suppress'] as const;
export type Quadrant = (typeof quadrants)[number];

export interface QuadrantResult {
  quadrant: Quadrant;
  nextStep: string;
  highFit: boolean;
  highInterest: boolean;
}

/** The next step of each quadrant, in PRODUCT.md §3's words. */
export const nextSteps: Record<Quadrant, string> = {
  hot: 'Good fit and interested: make an MQL and hand to sales, who follow up within the SLA (often under 24 hours).',
  nurture: 'Good fit, little interest: marketing nurtures.',
  fan: 'Interested, poor fit: a light sales check; may be an easy sale or an evangelist.',
  suppress: 'Poor fit, no interest: remove from the communication flow (suppress).',
};

/** A score at the threshold counts as high: the threshold is the first score that qualifies. */
export function quadrantOf(fit: number, interest: number, thresholds: ScoreThresholds): QuadrantResult {
  const highFit = fit >= thresholds.fit;
  const highInterest = interest >= thresholds.interest;
  const quadrant: Quadrant = highFit ? (highInterest ? 'hot' : 'nurture') : highInterest ? 'fan' : 'suppress';
  return { quadrant, nextStep: nextSteps[quadrant], highFit, highInterest };
}

/** How many contacts fall in each quadrant (all four present, zeros included) for the 2×2 chart. */
export function quadrantCounts(pairs: Iterable<{ fit: number; interest: number }>, thresholds: ScoreThresholds): Record<Quadrant, number> {
  const counts: Record<Quadrant, number> = { hot: 0, nurture: 0, fan: 0, suppress: 0 };
  for (const p of pairs) counts[quadrantOf(p.fit, p.interest, thresholds).quadrant]++;
  return counts;
}
