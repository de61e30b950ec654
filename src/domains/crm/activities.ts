import { z } from 'zod';
import { invalid } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { activityUser, assertCanChangeEach, assertCanRead, listRestriction } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { listPage, parseDate, parseId, parseText, type ListParams, type ListSpec, type Page } from './list-query.js';
import { assertReferences } from './references.js';
import { fitsInt } from '../../shared/column-limits.js';
import { instant } from '../../shared/dates.js';

export const activityTypes = ['call', 'email', 'meeting', 'social'] as const;
/** Outcomes a rep logs; "connected" is the one that counts as reaching the person. */
export const activityOutcomes = [
  'connected', 'no_answer', 'voicemail', 'left_message', 'busy', 'wrong_number', 'gatekeeper',
  'sent', 'replied', 'bounced', 'scheduled', 'completed', 'no_show', 'cancelled',
] as const;

export const activityDirections = ['outbound', 'inbound'] as const;

export const activityInput = z.strictObject({
  type: z.enum(activityTypes, { message: `must be one of ${activityTypes.join(', ')}` }),
  direction: z.enum(activityDirections).optional(),
  outcome: z.enum(activityOutcomes, { message: `must be one of ${activityOutcomes.join(', ')}` }).nullable().optional(),
  subject: z.string().trim().max(500).nullable().optional(),
  body: z.string().max(20000).nullable().optional(),
  contact_id: z.number().int().positive().nullable().optional(),
  company_id: z.number().int().positive().nullable().optional(),
  deal_id: z.number().int().positive().nullable().optional(),
  user_id: z.number().int().positive().nullable().optional(),
  occurred_at: instant().optional(),
  duration_seconds: z.number().int().min(0).max(...fitsInt).nullable().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
});

/** A logged activity as the API answers it, with its user's name. */
export const activityOut = z.object({
  id: z.number(),
  type: z.enum(activityTypes),
  direction: z.enum(activityDirections),
  // The column has no CHECK: a row holding another word is answered as it is, not a failed page.
  outcome: z.string().nullable(),
  subject: z.string().nullable(),
  body: z.string().nullable(),
  contact_id: z.number().nullable(),
  company_id: z.number().nullable(),
  deal_id: z.number().nullable(),
  user_id: z.number().nullable(),
  user_name: z.string().nullable(),
  occurred_at: z.date(),
  duration_seconds: z.number().nullable(),
  properties: z.record(z.string(), z.unknown()),
  created_at: z.date(),
});
export type Activity = z.infer<typeof activityOut>;

const columns = 't.id, t.type, t.direction, t.outcome, t.subject, t.body, t.contact_id, t.company_id, t.deal_id, t.user_id, u.name AS user_name, t.occurred_at, t.duration_seconds, t.properties, t.created_at';

export async function logActivity(ctx: Ctx, input: unknown): Promise<Activity> {
  const v = parseInput(activityInput, input);
  if (!v.contact_id && !v.company_id && !v.deal_id) {
    throw invalid([{ field: 'contact_id', problem: 'is required (or company_id / deal_id): an activity must be about someone' }]);
  }
  // The acting user logs their own activity unless another is named (never by a rep: it would feed their SLA numbers).
  const userId = activityUser(ctx.actor, v.user_id);
  return ctx.db.tx(async (db) => {
    await assertReferences(db, { contact_id: v.contact_id, company_id: v.company_id, deal_id: v.deal_id, user_id: userId });
    // Work on a record is a change to it: a rep's contact and deal must be their own, a company
    // their own when the activity is about it alone, else one they may read.
    const c = { ...ctx, db };
    await assertCanChangeEach(c, { contact: v.contact_id, deal: v.deal_id, company: v.contact_id || v.deal_id ? undefined : v.company_id });
    if (v.company_id && (v.contact_id || v.deal_id)) await assertCanRead(c, 'company', v.company_id);
    let companyId = v.company_id ?? null;
    if (!companyId && v.contact_id) companyId = (await db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = $1', [v.contact_id]))[0]?.company_id ?? null;
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO activities (type, direction, outcome, subject, body, contact_id, company_id, deal_id, user_id, occurred_at, duration_seconds, properties)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [v.type, v.direction ?? 'outbound', v.outcome ?? null, v.subject ?? null, v.body ?? null, v.contact_id ?? null, companyId, v.deal_id ?? null,
        userId, v.occurred_at ?? ctx.clock.now(), v.duration_seconds ?? null, JSON.stringify(v.properties ?? {})],
    );
    const [a] = await db.query<Activity>(`SELECT ${columns} FROM activities t LEFT JOIN users u ON u.id = t.user_id WHERE t.id = $1`, [row!.id]);
    return a!;
  });
}

const activityList: ListSpec = {
  from: 'activities t LEFT JOIN users u ON u.id = t.user_id',
  select: columns,
  filters: {
    contact_id: { where: (p) => `t.contact_id = ${p}`, parse: parseId('contact_id') },
    company_id: { where: (p) => `t.company_id = ${p}`, parse: parseId('company_id') },
    deal_id: { where: (p) => `t.deal_id = ${p}`, parse: parseId('deal_id') },
    user_id: { where: (p) => `t.user_id = ${p}`, parse: parseId('user_id') },
    type: { where: (p) => `t.type = ${p}`, parse: parseText },
    outcome: { where: (p) => `t.outcome = ${p}`, parse: parseText },
    after: { where: (p) => `t.occurred_at >= ${p}`, parse: parseDate('after') },
    before: { where: (p) => `t.occurred_at < ${p}`, parse: parseDate('before') },
  },
  sorts: { occurred_at: { expr: 't.occurred_at', cast: 'timestamptz' }, id: { expr: 't.id', cast: 'bigint' } },
  defaultSort: '-occurred_at',
  search: (p) => `(t.subject ILIKE ${p})`,
};

/** Activities the caller may read: a rep's own work and the work on records they may read. */
export function listActivities(ctx: Ctx, params: ListParams): Promise<Page<Activity>> {
  return listPage<Activity>((t, v) => ctx.db.query<Activity>(t, v), activityList, params, listRestriction(ctx.actor, 'activity'));
}
