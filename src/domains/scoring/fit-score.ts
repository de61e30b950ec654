import { roundPoints, sumPoints } from './score-points.js';
import { readField, testProperty } from './property-test.js';
import type { ScoringModel } from './score-rules.js';

export interface FitSubject {
  /** A contact row: columns plus `properties` (custom properties). */
  contact: Record<string, unknown>;
  /** Its company row, or null when the contact has none. */
  company: Record<string, unknown> | null;
}

export interface FitReason {
  ruleId: string;
  label: string;
  points: number;
  /** The contact's or company's value that matched, so "why" shows what was read. */
  value: unknown;
}

export interface FitScore {
  score: number;
  reasons: FitReason[];
}

/** Sum of the points of every fit rule that matches; negative rules (student, competitor) subtract. */
export function fitScore(model: Pick<ScoringModel, 'fit'>, subject: FitSubject): FitScore {
  const reasons: FitReason[] = [];
  for (const rule of model.fit) {
    const { met, value } = testProperty(rule, readField(rule.field, subject));
    if (met) reasons.push({ ruleId: rule.id, label: rule.label, points: roundPoints(rule.points), value });
  }
  return { score: sumPoints(reasons), reasons };
}

