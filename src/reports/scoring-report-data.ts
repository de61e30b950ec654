import { z } from 'zod';
import { quadrantCountsOut, storedModelEvaluationOut } from '../domains/scoring/scoring-out.js';

// What the scoring reports answer (GET /api/reports/<name>): their response schemas, written from
// what the domain functions return (src/domains/scoring/). The answer is parsed with them, so a
// field left out here is left out of the answer. What the scoring routes answer too (a model's
// evaluation, quadrant counts) is the domain's schema (scoring-out.ts), imported.

/** A 95 % interval of a rate, [lo, hi], both 0..1 (wilsonInterval). */
const interval = z.tuple([z.number(), z.number()]);

export const calibrationFlags = ['well_above', 'above', 'average', 'below', 'too_few'] as const;
const actionKinds = ['event', 'asset', 'campaign', 'frequency', 'property'] as const;

/** The MQL condition an action stands for (a behaviour condition as a user writes it: minCount may be absent). */
const behaviourCondition = z.object({
  kind: z.literal('behaviour'),
  event: z.string(),
  asset: z.string().optional(),
  withinDays: z.number().optional(),
  minCount: z.number().optional(),
});

/** A calibrated action (calibrate's CalibratedAction); rates are 0..1. */
const calibratedAction = {
  key: z.string(),
  kind: z.enum(actionKinds),
  label: z.string(),
  contacts: z.number(),
  customers: z.number(),
  /** Assets and frequency rules carry theirs; an event's is `{ event: key }`; campaigns have none. */
  condition: behaviourCondition.optional(),
  closeRate: z.number().nullable(),
  ci: interval.nullable(),
  lift: z.number().nullable(),
  shrunkRate: z.number().nullable(),
  suggestedPoints: z.number(),
  flag: z.enum(calibrationFlags),
};

const frequencyCandidate = z.object({
  k: z.number(),
  contacts: z.number(),
  customers: z.number(),
  closeRate: z.number(),
  ci: interval,
  lift: z.number().nullable(),
  below: z.object({ contacts: z.number(), customers: z.number(), closeRate: z.number().nullable() }),
  customerShare: z.number(),
  otherShare: z.number(),
  separation: z.number(),
  significant: z.boolean(),
});

/** A frequency threshold's recommendation: the k (null when none is significant), the rule in words, the first 30 candidates. */
const frequencyRecommendation = z.object({ recommended: z.number().nullable(), rule: z.string(), candidates: z.array(frequencyCandidate) });

/** calibrationReport: close rates of contacts created in [from, to) by what they did and who they were. */
export const calibrationReportData = z.object({
  from: z.string(),
  to: z.string(),
  baseline: z.object({ contacts: z.number(), customers: z.number(), rate: z.number().nullable(), ci: interval.nullable() }),
  minSample: z.number(),
  pointsScale: z.number(),
  formula: z.string(),
  actions: z.array(z.object(calibratedAction)),
  /** Every value (or numeric bucket) of every contact and company property, property by property. */
  properties: z.array(z.object({
    ...calibratedAction,
    property: z.string(),
    propertyLabel: z.string(),
    /** The value; null for "not set", "other values" and numeric buckets. */
    value: z.string().nullable(),
    /** A numeric bucket's smallest and largest value. */
    range: z.tuple([z.number(), z.number()]).nullable(),
  })),
  proposals: z.array(z.object({ label: z.string(), condition: behaviourCondition, suggestedPoints: z.number(), lift: z.number(), evidence: z.string() })),
  frequency: z.object({ pages: frequencyRecommendation, downloads: frequencyRecommendation }),
});

/** latestModelReport: the latest model's version and evaluation (the route answers 404 before any is trained). */
export const modelReportData = z.object({
  version: z.number(),
  trained_at: z.date(),
  evaluation: storedModelEvaluationOut,
});

/** quadrantReport: scored contacts by quadrant, and the thresholds that place them. */
export const quadrantsReportData = z.object({
  thresholds: z.object({ fit: z.number(), interest: z.number() }),
  counts: quadrantCountsOut,
  scored: z.number(),
});
