import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { fitsInt } from '../../shared/column-limits.js';
import { invalid } from '../../shared/errors.js';
import { parseDocument } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { mqlTypes } from '../scoring/mql-definition.js';
import { segmentProblems } from '../workspace/segment-list.js';
import { addCalendarDays, addWorkingMinutes, businessCalendarSchema } from './business-calendar.js';
import { readJsonSetting, writeJsonSetting } from './json-setting.js';

/**
 * Sales' side of the SLA (PRODUCT.md §4): per MQL type and/or segment, first touch within X
 * (working) minutes, N attempts within D days, optionally on a business-hours calendar, and how
 * many new leads a rep takes a month. The first policy whose match holds applies; the last must
 * match everything, so no lead is left without a clock.
 */
// Ceilings keep every deadline a date and every count an int (lead_assignments.attempts_required):
// a saved 9e15 minutes made the sales worker fail every pass, so no lead was routed or alerted.
const positiveInt = (what: string, max: number) =>
  z.number({ error: `must be a number of ${what}` }).int(`must be a whole number of ${what}`).min(1, `must be at least 1 ${what.replace(/s$/, '')}`)
    .max(max, `must be at most ${max.toLocaleString('en')} ${what}`);

export const slaPolicySchema = z.strictObject({
  id: z.string().trim().min(1, 'is required').max(100),
  name: z.string().trim().min(1, 'is required').max(200),
  match: z
    .strictObject({
      mqlTypes: z.array(z.enum(mqlTypes, { error: `must be one of ${mqlTypes.join(', ')}` })).min(1, 'must list at least one MQL type, or be left out').optional(),
      segments: z.array(z.string().trim().min(1)).min(1, 'must list at least one segment, or be left out').optional(),
    })
    .default({}),
  firstTouchMinutes: positiveInt('minutes', 525_600),
  attempts: positiveInt('attempts', 1_000),
  attemptsDays: positiveInt('days', 366),
  /** Working hours the first-touch clock counts (null: around the clock). */
  calendar: businessCalendarSchema.nullable().default(null),
  /** New leads a rep takes a month under this policy (null: no limit; a rep's own limit wins). */
  monthlyCapacity: z.number({ error: 'must be a number of leads' }).int('must be a whole number').min(1, 'must be at least 1 lead').max(...fitsInt).nullable().default(null),
  /** Share of the allowed time after which a lead is "at risk". */
  atRiskShare: z.number({ error: 'must be a number between 0 and 1' }).gt(0, 'must be more than 0').lt(1, 'must be less than 1').default(0.75),
  /** N attempts in D days without a connection send the lead back to marketing. */
  autoRecycle: z.boolean({ error: 'must be true or false' }).default(true),
});
export type SlaPolicy = z.output<typeof slaPolicySchema>;

export const slaPoliciesSchema = z
  .strictObject({ policies: z.array(slaPolicySchema, { error: 'must be a list' }).min(1, 'must have at least one policy') })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.policies.forEach((p, i) => {
      if (seen.has(p.id)) ctx.addIssue({ code: 'custom', path: ['policies', i, 'id'], message: `"${p.id}" is used by an earlier policy; ids must be unique` });
      seen.add(p.id);
    });
    const last = v.policies[v.policies.length - 1];
    if (last && (last.match.mqlTypes || last.match.segments)) {
      ctx.addIssue({ code: 'custom', path: ['policies', v.policies.length - 1, 'match'], message: 'the last policy must match every lead (leave match empty), so no lead is left without a clock' });
    }
  });
export type SlaPolicies = z.output<typeof slaPoliciesSchema>;

/** The guide's example (4 hours, 8 attempts, 14 days), and minutes for someone who asked for sales. */
export const defaultSlaPolicies: SlaPolicies = slaPoliciesSchema.parse({
  policies: [
    { id: 'contact-sales', name: 'Asked to talk to sales', match: { mqlTypes: ['contact_sales'] }, firstTouchMinutes: 30, attempts: 8, attemptsDays: 14 },
    { id: 'default', name: 'Every other MQL', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14 },
  ],
});

const KEY = 'sla_policies';

export async function activeSlaPolicies(db: Db): Promise<SlaPolicies> {
  return (await readJsonSetting(db, KEY, slaPoliciesSchema)) ?? defaultSlaPolicies;
}

export async function saveSlaPolicies(db: Db, input: unknown, by?: Auditor): Promise<SlaPolicies> {
  const v = parseDocument(slaPoliciesSchema, input);
  // A segment the workspace does not have would make its policy silently match nobody.
  const unknown = await segmentProblems(db, v.policies.flatMap((p, i) => (p.match.segments ?? []).map((s, j) => ({ field: `policies[${i}].match.segments[${j}]`, value: s.toLowerCase() }))));
  if (unknown.length) throw invalid(unknown);
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.sla_policies', objectType: 'setting', objectId: KEY, details: { policies: v.policies.map((p) => p.id) } });
  });
  return v;
}

export function pickPolicy(p: SlaPolicies, lead: { mqlType: string | null; segment: string | null }): SlaPolicy {
  const holds = (pol: SlaPolicy) =>
    (!pol.match.mqlTypes || (lead.mqlType !== null && (pol.match.mqlTypes as string[]).includes(lead.mqlType))) &&
    (!pol.match.segments || (lead.segment !== null && pol.match.segments.some((s) => s.toLowerCase() === lead.segment!.toLowerCase())));
  return p.policies.find(holds) ?? p.policies[p.policies.length - 1]!;
}

export interface SlaClock {
  firstTouchRiskAt: Date;
  firstTouchDue: Date;
  attemptsRiskAt: Date;
  attemptsDue: Date;
}

/**
 * Due times of a clock started at `start`. First touch counts working time on the policy's
 * calendar; the attempts window is D calendar days in its time zone (so 10:00 stays 10:00 across
 * a daylight-saving change). "At risk" is the policy's share of each allowed span.
 */
export function slaClock(policy: SlaPolicy, start: Date): SlaClock {
  const cal = policy.calendar;
  const zone = cal?.timeZone ?? null;
  const attemptsDue = addCalendarDays(start, policy.attemptsDays, zone);
  return {
    firstTouchRiskAt: addWorkingMinutes(start, policy.firstTouchMinutes * policy.atRiskShare, cal),
    firstTouchDue: addWorkingMinutes(start, policy.firstTouchMinutes, cal),
    attemptsRiskAt: new Date(start.getTime() + (attemptsDue.getTime() - start.getTime()) * policy.atRiskShare),
    attemptsDue,
  };
}

export const LIGHT_CHECK_POLICY_ID = 'light-check';

/**
 * The light check a routing rule may ask for (Fans by default, routing-rules.ts): one attempt
 * whose first touch is due within 3 working days (of the lead's own policy's calendar, else 3
 * days around the clock), and no auto-recycle — a look, not the full sales SLA. The rest (the
 * calendar, capacity, at-risk share) is the policy the lead would otherwise have had.
 */
export function lightCheckPolicy(base: SlaPolicy): SlaPolicy {
  return {
    ...base,
    id: LIGHT_CHECK_POLICY_ID,
    name: 'Light check',
    firstTouchMinutes: 3 * (base.calendar ? workingMinutesPerDay(base.calendar) : 24 * 60),
    attempts: 1,
    // Three working days span a weekend at most: five calendar days for the one attempt.
    attemptsDays: 5,
    autoRecycle: false,
  };
}

/** A calendar's working minutes on an average open day (8 hours if it opens on no day). */
function workingMinutesPerDay(cal: NonNullable<SlaPolicy['calendar']>): number {
  const minutes = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
  const days = Object.values(cal.hours).filter((spans) => spans && spans.length > 0) as [string, string][][];
  const total = days.reduce((sum, spans) => sum + spans.reduce((s, [from, to]) => s + minutes(to) - minutes(from), 0), 0);
  return days.length && total > 0 ? Math.round(total / days.length) : 8 * 60;
}
