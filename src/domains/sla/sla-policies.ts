import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { fitsInt } from '../../shared/column-limits.js';
import { invalid } from '../../shared/errors.js';
import { parseDocument } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { mqlTypes } from '../scoring/mql-definition.js';
import { segmentProblems } from '../workspace/segment-list.js';
import { reportZone } from '../workspace/workspace-settings.js';
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

export const clockStarts = ['assignment', 'request'] as const;
export const atRiskRecipients = ['owner', 'owner_and_manager'] as const;

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
  /**
   * When the clocks start: at assignment, or at the request that made the contact an MQL (its MQL
   * moment), so time spent routing counts against sales ("answer within 5 minutes of asking").
   * Policies saved before the option existed start at assignment.
   */
  clockStart: z.enum(clockStarts, { error: `must be one of ${clockStarts.join(', ')}` }).default('assignment'),
  /** Who hears that a lead is at risk: its owner, or the owner and their manager (breaches go to both always). */
  atRiskAlerts: z.enum(atRiskRecipients, { error: `must be one of ${atRiskRecipients.join(', ')}` }).default('owner'),
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

/** Monday to Friday, 09:00–18:00: the office hours the default request policy counts its minutes in. */
export const officeHours = (timeZone: string) => {
  const day: [string, string][] = [['09:00', '18:00']];
  return { timeZone, hours: { mon: day, tue: day, wed: day, thu: day, fri: day }, holidays: [] };
};

/**
 * The guide's example (4 hours, 8 attempts, 14 days) for every MQL, and for someone who asked to
 * talk to sales or for a demo, 5 minutes from the request in office hours (seed 002: the odds of
 * closing drop sharply five minutes after a lead asks for a salesperson; a request at night is
 * due five minutes after opening). Office hours are in the workspace's time zone.
 */
export function defaultSlaPolicies(timeZone: string): SlaPolicies {
  return slaPoliciesSchema.parse({
    policies: [
      { id: 'contact-sales', name: 'Asked for sales or a demo', match: { mqlTypes: ['contact_sales', 'online_demo'] }, firstTouchMinutes: 5, attempts: 8, attemptsDays: 14, calendar: officeHours(timeZone), clockStart: 'request' },
      { id: 'default', name: 'Every other MQL', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14 },
    ],
  });
}

const KEY = 'sla_policies';

export async function activeSlaPolicies(db: Db): Promise<SlaPolicies> {
  return (await readJsonSetting(db, KEY, slaPoliciesSchema)) ?? defaultSlaPolicies(await reportZone(db));
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

/**
 * Where a new clock starts: at assignment, or for a policy that starts at the request, at the
 * contact's MQL moment — unless this MQL was handed to someone already (a reassignment gives the
 * new owner a clock of their own from now) or the moment is unknown.
 */
export function clockStartOf(policy: SlaPolicy, assignedAt: Date, request: { mqlAt: Date | null; assignedSince: boolean }): Date {
  if (policy.clockStart !== 'request' || !request.mqlAt || request.assignedSince) return assignedAt;
  return request.mqlAt < assignedAt ? request.mqlAt : assignedAt;
}
