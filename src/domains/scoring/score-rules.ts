import { z } from 'zod';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { bracketIndexes, zodProblems } from '../../shared/validate.js';
import { editDistance, fieldProblem, nearestName } from '../conditions/field-problem.js';
import { propertyOpsProblem, propertyTestVariants } from './property-test.js';

// One did-you-mean for fields, events and teams (field-problem.ts).
export { editDistance, nearestName as closest };

/** What exists in this workspace, so a rule naming something else is refused when it is saved. */
export interface KnownNames {
  /** Columns of contacts: job_title, email, lifecycle_stage... */
  contactFields: readonly string[];
  /** Columns of companies: industry, employees, country, segment... */
  companyFields: readonly string[];
  /** Custom properties (property_definitions) of contacts, e.g. buying_role. */
  contactProperties: readonly string[];
  companyProperties: readonly string[];
  /** Track event names seen so far. 'page' and 'screen' are always known. */
  events: readonly string[];
}

/** Page and screen calls have no event name; a rule names them by their call type. */
export const callEvents = ['page', 'screen'] as const;


const text = (max: number) => z.string().trim().min(1, 'is required').max(max);
// A score is stored as numeric(10,2) (below 100 million). With at most this many points a rule, the
// rules a body can hold (10,000 keys, json-shape.ts) cannot add up past it; sumPoints caps the rest.
export const MAX_RULE_POINTS = 10_000;
const points = z
  .number({ error: 'must be a number of points' })
  .finite()
  .min(-MAX_RULE_POINTS, `must be at least -${MAX_RULE_POINTS.toLocaleString('en')}`)
  .max(MAX_RULE_POINTS, `must be at most ${MAX_RULE_POINTS.toLocaleString('en')}`);
const positiveInt = z.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1');
const positiveDays = z.number({ error: 'must be a number of days' }).positive('must be more than 0 days');

/** Adds the problem a check returns as a zod issue, so it joins every other problem of the model. */
const checked = <T extends z.ZodType<string>>(schema: T, problemOf: (value: string) => string | null) =>
  schema.superRefine((value, ctx) => {
    const problem = problemOf(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

function schemasFor(known: KnownNames | null) {
  const paths = known ? knownFieldPaths(known) : null;
  const field = checked(text(200), (f) => fieldProblem(f, paths));
  const event = checked(text(200), (e) => (known ? unknownEventProblem(e, known) : null));
  const common = { id: text(100), label: text(200), field, points };
  // Fit rules share the property grammar with MQL conditions (property-test.ts).
  const fitRule = z.discriminatedUnion('op', propertyTestVariants(common), { error: propertyOpsProblem });
  const eventMatch = { id: text(100), label: text(200), event, asset: text(500).optional(), campaign: text(300).optional(), points };
  const interestRule = z.strictObject({ ...eventMatch, maxTimes: positiveInt.optional() });
  const frequencyRule = z.strictObject({ ...eventMatch, minCount: positiveInt, withinDays: positiveDays.nullable().default(null) });
  const threshold = z.number({ error: 'must be a number' }).finite();
  const model = z.strictObject({
    fit: z.array(fitRule).default([]),
    interest: z.array(interestRule).default([]),
    frequency: z.array(frequencyRule).default([]),
    halfLifeDays: positiveDays.nullable(),
    thresholds: z.strictObject({ fit: threshold, interest: threshold }),
  });
  return { fitRule, interestRule, frequencyRule, model };
}

/** The model's shape without workspace checks (the type source and a parser for stored models). */
export const scoringModel = schemasFor(null).model;

export type ScoringModel = z.output<typeof scoringModel>;
export type FitRule = ScoringModel['fit'][number];
export type InterestRule = ScoringModel['interest'][number];
export type FrequencyRule = ScoringModel['frequency'][number];
export type ScoreThresholds = ScoringModel['thresholds'];

export type ScoringModelCheck = { ok: true; model: ScoringModel } | { ok: false; problems: FieldProblem[] };

/**
 * Checks a model the way it is saved: shape, regular expressions, known fields and events and
 * unique rule ids, all at once, each problem named by its field ('fit[2].value').
 */
export function checkScoringModel(input: unknown, known: KnownNames): ScoringModelCheck {
  const res = schemasFor(known).model.safeParse(input);
  const problems = [...(res.success ? [] : bracketIndexes(zodProblems(res.error))), ...duplicateIdProblems(input)];
  return res.success && problems.length === 0 ? { ok: true, model: res.data } : { ok: false, problems };
}

/** checkScoringModel that throws the house validation error (HTTP 400 naming every field). */
export function validateScoringModel(input: unknown, known: KnownNames): ScoringModel {
  const res = checkScoringModel(input, known);
  if (!res.ok) throw invalid(res.problems);
  return res.model;
}

// Reasons name their rule by id, so one id in two rules would make "why" ambiguous.
function duplicateIdProblems(input: unknown): FieldProblem[] {
  if (typeof input !== 'object' || input === null) return [];
  const firstUse = new Map<string, string>();
  const problems: FieldProblem[] = [];
  for (const list of ['fit', 'interest', 'frequency'] as const) {
    const rules = (input as Record<string, unknown>)[list];
    if (!Array.isArray(rules)) continue;
    rules.forEach((rule: unknown, i) => {
      const id = typeof rule === 'object' && rule !== null ? (rule as { id?: unknown }).id : undefined;
      if (typeof id !== 'string' || !id.trim()) return;
      const here = `${list}[${i}]`;
      const earlier = firstUse.get(id.trim());
      if (earlier) problems.push({ field: `${here}.id`, problem: `"${id.trim()}" is already the id of ${earlier}` });
      else firstUse.set(id.trim(), here);
    });
  }
  return problems;
}

export function knownFieldPaths(known: KnownNames): string[] {
  return [
    ...known.contactFields.map((f) => `contact.${f}`),
    ...known.companyFields.map((f) => `company.${f}`),
    ...known.contactProperties.map((p) => `contact.properties.${p}`),
    ...known.companyProperties.map((p) => `company.properties.${p}`),
  ];
}

function unknownEventProblem(event: string, known: KnownNames): string | null {
  const events = [...callEvents, ...known.events];
  if (events.includes(event)) return null;
  const suggestion = nearestName(event, events);
  return `no event "${event}" has been seen${suggestion ? `; did you mean "${suggestion}"?` : ''}`;
}
