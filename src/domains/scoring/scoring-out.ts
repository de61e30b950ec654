import { z } from 'zod';
import { mqlTypes, scoreNames } from './mql-definition.js';
import { quadrants } from './quadrant.js';

// What the scoring routes answer (their response schemas: the OpenAPI document and the web app's
// generated types). Structure only, unlike the input schemas: a stored model or definition was
// checked when it was saved, and re-checking it on the way out (patterns, lengths, known names)
// would turn a rule a later release reads more strictly into an error on every read.

const num = z.number();

/** The property tests fit rules and MQL conditions share (property-test.ts), each with the caller's own keys. */
function propertyTestOut<S extends z.ZodRawShape>(shape: S) {
  return z.discriminatedUnion('op', [
    z.object({ ...shape, op: z.literal('equals'), value: z.union([z.string(), num, z.boolean()]) }),
    z.object({ ...shape, op: z.literal('in'), value: z.array(z.union([z.string(), num])) }),
    z.object({ ...shape, op: z.literal('matches'), value: z.string() }),
    z.object({ ...shape, op: z.enum(['gt', 'gte', 'lt', 'lte']), value: num }),
    z.object({ ...shape, op: z.literal('between'), value: z.tuple([num, num]) }),
    z.object({ ...shape, op: z.literal('exists'), value: z.boolean() }),
  ]);
}

const eventMatch = { id: z.string(), label: z.string(), event: z.string(), asset: z.string().optional(), campaign: z.string().optional(), points: num };

export const scoringModelOut = z.object({
  fit: z.array(propertyTestOut({ id: z.string(), label: z.string(), field: z.string(), points: num })),
  interest: z.array(z.object({ ...eventMatch, maxTimes: num.optional() })),
  frequency: z.array(z.object({ ...eventMatch, minCount: num, withinDays: num.nullable() })),
  halfLifeDays: num.nullable(),
  thresholds: z.object({ fit: num, interest: num }),
});

const mqlConditionOut = z.discriminatedUnion('kind', [
  propertyTestOut({ kind: z.literal('property'), field: z.string() }),
  z.object({ kind: z.literal('score'), score: z.enum(scoreNames), op: z.enum(['gte', 'lte']), value: num }),
  z.object({ kind: z.literal('behaviour'), event: z.string(), asset: z.string().optional(), withinDays: num.optional(), minCount: num }),
]);

export const mqlDefinitionOut = z.object({
  clauses: z.array(z.object({ id: z.string(), label: z.string(), mqlType: z.enum(mqlTypes).optional(), conditions: z.array(mqlConditionOut) })),
});

/** A setting saved as numbered versions (scoring-settings.ts); created_at is null for the built-in default, version 0. */
export const versionedOut = <T extends z.ZodType>(value: T) => z.object({ version: z.number().int(), value, created_at: z.date().nullable() });

/** Contacts in each quadrant. */
export const quadrantCountsOut = z.object({ hot: num, nurture: num, fan: num, suppress: num });

/** Contacts a change would qualify or stop qualifying under one MQL type (null: a clause without one), at the type's value this month. */
const previewTypeGroupOut = z.object({ mql_type: z.string().nullable(), contacts: num, value_per_mql: num, value: num });
const previewContactOut = z.object({
  id: num,
  name: z.string(),
  mql_type: z.string().nullable(),
  clause: z.string(),
  value: num,
  owner: z.object({ id: num, name: z.string(), team: z.string().nullable() }).nullable().optional(),
});

export const scoringPreviewOut = z.object({
  contacts: num,
  quadrants: z.object({ before: quadrantCountsOut, after: quadrantCountsOut }),
  moved: num,
  newMqls: num,
  newMqlsByClause: z.record(z.string(), num),
  becomeMql: z.object({ by_type: z.array(previewTypeGroupOut), contacts: z.array(previewContactOut) }),
  stopQualifying: z.object({ by_type: z.array(previewTypeGroupOut), contacts: z.array(previewContactOut) }),
  routing: z.object({
    routed: num,
    unroutable: num,
    by_owner: z.array(z.object({ id: num, name: z.string(), team: z.string().nullable(), leads: num })),
    by_team: z.array(z.object({ team: z.string().nullable(), leads: num })),
  }),
  alerts: z.object({ handoff: num, unroutable: num }),
  monthValue: z.object({ month: z.string(), before: num, after: num, change: num }),
});

export const rescoreStatusOut = z.object({ pending: num, contacts: num });

const factorOut = z.object({ feature: z.string(), value: num, contribution: num, direction: z.enum(['raises', 'lowers']) });

/**
 * A contact's fit and interest with the reasons of each (stored as JSON: a reason's `since` is an
 * ISO timestamp), its MQL record and the predictive model's probability (null before any model).
 */
export const contactScoreOut = z.object({
  score: z
    .object({
      fit: num,
      interest: num,
      quadrant: z.enum(quadrants),
      fit_reasons: z.array(z.object({ ruleId: z.string(), label: z.string(), points: num, value: z.unknown() })),
      interest_reasons: z.array(
        z.object({ ruleId: z.string(), label: z.string(), kind: z.enum(['event', 'frequency']), count: num, points: num, since: z.string().optional() }),
      ),
      model_version: z.number().int(),
      scored_at: z.date(),
    })
    .nullable(),
  mql: z.object({ mql_type: z.string().nullable(), mql_at: z.date().nullable(), mql_definition_version: z.number().int().nullable(), mql_clause: z.string().nullable() }),
  prediction: z.object({ probability: num, factors: z.array(factorOut), model_version: z.number().int(), scored_at: z.date() }).nullable(),
});

/** A predictive model's held-out evaluation as training makes it (predictive-training.ts). */
export const modelEvaluationOut = z.object({
  auc: num,
  brier: num,
  n_train: num,
  n_test: num,
  positives_train: num,
  positives_test: num,
  calibration: z.array(z.object({ bucket: z.string(), predicted_mean: num.nullable(), observed_rate: num.nullable(), n: num })),
  /** Features left out of training as probable leakage, with the reason. */
  leakage: z.array(z.object({ feature: z.string(), label: z.string(), kind: z.enum(['one_class', 'separates']), auc: num.nullable(), reason: z.string() })),
  warnings: z.array(z.string()),
  /** Fields whose values were written after the contacts' prediction moment: the values of then were used. */
  set_aside: z.array(z.object({ feature: z.string(), label: z.string(), contacts: num })),
  /** How each contact's prediction moment is chosen, in words. */
  moment: z.string(),
  /** The window trained on. */
  window: z.object({ from: z.date(), to: z.date() }),
  /** How many features the model has. */
  features: num,
});

/**
 * The same evaluation read back from a model version (free JSON): the window's instants are ISO
 * text, and what later versions added (leakage onwards) is absent on models stored before them.
 */
export const storedModelEvaluationOut = modelEvaluationOut
  .extend({ window: z.object({ from: z.string(), to: z.string() }) })
  .partial({ leakage: true, warnings: true, set_aside: true, moment: true, window: true, features: true });

/** A freshly trained predictive model (predictive-training.ts): its held-out evaluation and how many contacts it scored. */
export const trainResultOut = z.object({
  version: z.number().int(),
  trained_at: z.date(),
  evaluation: modelEvaluationOut,
  features: num,
  contacts_scored: num,
});

/** The names the scoring settings' pickers offer (scoringVocabulary). */
export const scoringVocabularyOut = z.object({
  fields: z.array(z.object({ path: z.string(), object: z.enum(['contact', 'company']), name: z.string(), custom: z.boolean(), label: z.string().nullable() })),
  events: z.array(z.string()),
  assets: z.array(z.object({ key: z.string(), name: z.string().nullable() })),
  campaigns: z.array(z.object({ key: z.string(), name: z.string() })),
});
