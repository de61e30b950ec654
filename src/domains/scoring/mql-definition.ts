import { createHash } from 'node:crypto';
import { z } from 'zod';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import { propertyOpsProblem, propertyTestVariants } from './property-test.js';
import { nearestName, unknownFieldProblem } from '../conditions/field-problem.js';
import { knownFieldPaths, type KnownNames } from './score-rules.js';

/**
 * An MQL definition (PRODUCT.md §3): an OR of AND-clauses over contact and company properties,
 * scores and behaviours. The first clause that holds qualifies the contact; its id and MQL type
 * are what the MQL records, next to the definition's version (see definitionFingerprint).
 */

/** The offer that turned a contact into an MQL; the funnel report splits by it (PRODUCT.md §2). */
export const mqlTypes = ['whitepaper', 'webinar', 'online_demo', 'trade_show', 'contact_sales', 'newsletter', 'other'] as const;
export type MqlType = (typeof mqlTypes)[number];

/** Events whose name is 'page' match page views, whatever the page's name. */
export const PAGE_VIEW = 'page';

const oneOf = (values: readonly string[]) => `must be one of ${values.join(', ')}`;
const number = z.number({ error: 'must be a number' }).finite('must be a finite number');
const text = z.string({ error: 'must be a string' }).trim().min(1, 'must not be empty');

// Property conditions share the fit rules' grammar (property-test.ts).
const propertyCondition = z.discriminatedUnion('op', propertyTestVariants({ kind: z.literal('property'), field: text }), { error: propertyOpsProblem });

export const scoreNames = ['fit', 'interest', 'predicted'] as const;
const scoreCondition = z.strictObject({
  kind: z.literal('score'),
  score: z.enum(scoreNames, { error: oneOf(scoreNames) }),
  op: z.enum(['gte', 'lte'], { error: oneOf(['gte', 'lte']) }),
  value: number,
});

const behaviourCondition = z.strictObject({
  kind: z.literal('behaviour'),
  event: text,
  asset: text.optional(),
  withinDays: number.positive('must be more than 0 days').optional(),
  minCount: number.int('must be a whole number').min(1, 'must be at least 1').default(1),
});

export const conditionKinds = ['property', 'score', 'behaviour'] as const;
const conditionSchema = z.discriminatedUnion('kind', [propertyCondition, scoreCondition, behaviourCondition], {
  error: (iss) => (iss.input !== null && typeof iss.input === 'object' ? oneOf(conditionKinds) : 'must be an object'),
});

const clauseSchema = z.strictObject({
  id: text,
  label: text,
  mqlType: z.enum(mqlTypes, { error: oneOf(mqlTypes) }).optional(),
  conditions: z.array(conditionSchema, { error: 'must be a list' }).min(1, 'must have at least one condition: an empty clause would qualify everyone'),
});

/** Structure only; validateMqlDefinition adds the checks against the known fields and events. */
export const mqlDefinitionSchema = z.strictObject({
  clauses: z
    .array(clauseSchema, { error: 'must be a list' })
    .min(1, 'must have at least one clause: an empty definition would qualify nobody')
    .superRefine((clauses, ctx) => {
      // The MQL records the clause id, so two clauses with one id would make that record ambiguous.
      const seen = new Set<string>();
      clauses.forEach((c, i) => {
        if (seen.has(c.id)) ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `"${c.id}" is used by an earlier clause; clause ids must be unique` });
        seen.add(c.id);
      });
    }),
});

export type MqlDefinition = z.output<typeof mqlDefinitionSchema>;
/** What a user writes: minCount and exists' value may be left out. */
export type MqlDefinitionInput = z.input<typeof mqlDefinitionSchema>;
export type MqlClause = MqlDefinition['clauses'][number];
export type MqlCondition = MqlClause['conditions'][number];
export type PropertyCondition = Extract<MqlCondition, { kind: 'property' }>;
export type ScoreCondition = Extract<MqlCondition, { kind: 'score' }>;
export type BehaviourCondition = Extract<MqlCondition, { kind: 'behaviour' }>;

/** What a definition may refer to: the scoring rules' vocabulary, plus assets when they are listed. */
export interface MqlVocabulary extends KnownNames {
  /** When given, a behaviour's asset must be one of these; when left out, any asset is accepted. */
  assets?: readonly string[];
}

export type MqlValidation = { ok: true; definition: MqlDefinition } | { ok: false; problems: FieldProblem[] };

/**
 * Parses a definition and checks it against what exists, reporting every problem at once so the
 * user fixes them in one round; a definition with any problem is refused whole (nothing is
 * half-applied).
 */
export function validateMqlDefinition(input: unknown, known: MqlVocabulary): MqlValidation {
  const parsed = mqlDefinitionSchema.safeParse(input);
  const problems = parsed.success ? [] : parsed.error.issues.flatMap(problemsOf);
  // Names are checked on the raw input, so a malformed withinDays does not hide a misspelt event.
  forEachRawCondition(input, (raw, path) => {
    problems.push(...vocabularyProblems(raw, known).map((p) => ({ field: `${path}.${p.field}`, problem: p.problem })));
  });
  if (problems.length > 0 || !parsed.success) return { ok: false, problems: problems.sort(byField) };
  return { ok: true, definition: parsed.data };
}

/** validateMqlDefinition for a route or job: the problems become one validation_failed error (HTTP 400). */
export function parseMqlDefinition(input: unknown, known: MqlVocabulary): MqlDefinition {
  const res = validateMqlDefinition(input, known);
  if (!res.ok) throw invalid(res.problems);
  return res.definition;
}

/**
 * The definition's version key: a SHA-256 of its canonical JSON (keys sorted, defaults filled
 * in), so the same rules give the same fingerprint however their keys were ordered or whether
 * minCount: 1 was spelt out. Clause and condition order are kept: the first matching clause wins.
 */
export function definitionFingerprint(def: MqlDefinitionInput): string {
  return createHash('sha256').update(canonicalJson(mqlDefinitionSchema.parse(def))).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** zod paths as the editor shows them: clauses[1].conditions[0].value. */
function fieldOf(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)), '') || '(definition)';
}

function problemsOf(issue: z.core.$ZodIssue): FieldProblem[] {
  // One line per unknown key, so a typo such as "withinDay" is named instead of silently ignored.
  if (issue.code === 'unrecognized_keys') return issue.keys.map((k) => ({ field: fieldOf([...issue.path, k]), problem: 'is not a known field' }));
  return [{ field: fieldOf(issue.path), problem: issue.message }];
}

const byField = (a: FieldProblem, b: FieldProblem) => a.field.localeCompare(b.field, 'en', { numeric: true });

function forEachRawCondition(input: unknown, visit: (raw: Record<string, unknown>, path: string) => void): void {
  const clauses = (input as { clauses?: unknown } | null)?.clauses;
  if (!Array.isArray(clauses)) return;
  clauses.forEach((clause, i) => {
    const conditions = (clause as { conditions?: unknown } | null)?.conditions;
    if (!Array.isArray(conditions)) return;
    conditions.forEach((raw, j) => {
      if (raw !== null && typeof raw === 'object') visit(raw as Record<string, unknown>, `clauses[${i}].conditions[${j}]`);
    });
  });
}

function vocabularyProblems(raw: Record<string, unknown>, known: MqlVocabulary): FieldProblem[] {
  const named = (key: string) => (typeof raw[key] === 'string' ? (raw[key] as string).trim() : undefined);
  const [field, event, asset] = [named('field'), named('event'), named('asset')];
  const problems: FieldProblem[] = [];
  if (raw.kind === 'property' && field) {
    const problem = unknownFieldProblem(field, knownFieldPaths(known));
    if (problem) problems.push({ field: 'field', problem });
  }
  if (raw.kind === 'behaviour' && event) {
    const events = [PAGE_VIEW, ...known.events];
    if (!events.includes(event)) problems.push({ field: 'event', problem: unknownProblem('event', event, events) });
  }
  if (raw.kind === 'behaviour' && asset && known.assets && !known.assets.some((a) => sameText(a, asset))) {
    problems.push({ field: 'asset', problem: unknownProblem('asset', asset, known.assets) });
  }
  return problems;
}

/** Enough to spot the right name without turning one problem line into a page. */
const KNOWN_SHOWN = 25;

function unknownProblem(what: string, value: string, known: readonly string[]): string {
  const suggestion = nearestName(value, known);
  const shown = known.slice(0, KNOWN_SHOWN).join(', ') + (known.length > KNOWN_SHOWN ? ` and ${known.length - KNOWN_SHOWN} more` : '');
  return `unknown ${what} "${value}"; ${suggestion ? `did you mean "${suggestion}"? ` : ''}known: ${shown || '(none)'}`;
}

export const sameText = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();
