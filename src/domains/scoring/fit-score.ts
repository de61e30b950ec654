import { roundPoints, sumPoints } from './score-points.js';
import type { FitRule, ScoringModel } from './score-rules.js';

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
    const value = matchingValue(rule, valueOf(rule.field, subject));
    if (value !== undefined) reasons.push({ ruleId: rule.id, label: rule.label, points: roundPoints(rule.points), value });
  }
  return { score: sumPoints(reasons), reasons };
}

/** contact.job_title, company.industry, contact.properties.buying_role... */
function valueOf(field: string, subject: FitSubject): unknown {
  const [object, ...path] = field.split('.');
  let value: unknown = object === 'contact' ? subject.contact : subject.company;
  for (const key of path) value = isRecord(value) ? value[key] : undefined;
  return value;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The first value (of one, or of a multi-select list) the rule accepts, or undefined. Missing and
 * blank values never match, not even a negative rule: what we do not know is not held against
 * anyone.
 */
function matchingValue(rule: FitRule, raw: unknown): unknown {
  const values = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== null && v !== undefined && !(typeof v === 'string' && !v.trim()));
  return values.find((v) => accepts(rule, v));
}

function accepts(rule: FitRule, value: unknown): boolean {
  switch (rule.op) {
    case 'exists':
      return true;
    case 'equals':
      return same(value, rule.value);
    case 'in':
      return rule.value.some((expected) => same(value, expected));
    case 'matches':
      return typeof value === 'string' && regexOf(rule.value).test(value);
    case 'gte':
      return numberOf(value) >= rule.value;
    case 'lte':
      return numberOf(value) <= rule.value;
    case 'between': {
      const n = numberOf(value);
      return n >= rule.value[0] && n <= rule.value[1];
    }
  }
}

// Texts compare without case or surrounding spaces: "Financial Services" typed in a rule must
// match "financial services " typed on an import.
function same(value: unknown, expected: string | number | boolean): boolean {
  if (typeof expected === 'number') return numberOf(value) === expected;
  if (typeof expected === 'boolean') return value === expected || (typeof value === 'string' && value.trim().toLowerCase() === String(expected));
  return (typeof value === 'string' || typeof value === 'number') && String(value).trim().toLowerCase() === expected.trim().toLowerCase();
}

/** NaN (which compares false with everything) for what is not a number, so it never matches. */
function numberOf(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && value.trim()) return Number(value);
  return Number.NaN;
}

// Scoring runs over every contact; a pattern is compiled once, not once per contact.
const compiled = new Map<string, RegExp>();
function regexOf(pattern: string): RegExp {
  let re = compiled.get(pattern);
  if (!re) compiled.set(pattern, (re = new RegExp(pattern, 'i')));
  return re;
}
