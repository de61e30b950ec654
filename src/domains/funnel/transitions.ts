import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, notFound, type FieldProblem } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { assertCanChangeEach } from '../auth/record-scope.js';
import type { Actor, Ctx } from '../context.js';
import { allStages, isForward, isPlainMove, rank, stageSchema, type Stage } from './stages.js';

export type FunnelObject = 'contact' | 'company';
export type TransitionKind = 'create' | 'forward' | 'recycle' | 'reject' | 'sideways' | 'import' | 'merge';

const tableOf: Record<FunnelObject, string> = { contact: 'contacts', company: 'companies' };

export async function recordTransition(
  db: Db,
  t: { objectType: FunnelObject; objectId: number; from: Stage | null; to: Stage; kind: TransitionKind; at: Date; actor: Actor; reason?: string | null },
): Promise<void> {
  await db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type, actor_id, reason)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [t.objectType, t.objectId, t.from, t.to, t.kind, t.at, t.actor.type, t.actor.id ?? null, t.reason ?? null],
  );
}

async function currentStage(db: Db, objectType: FunnelObject, id: number): Promise<Stage> {
  const [row] = await db.query<{ lifecycle_stage: Stage }>(
    `SELECT lifecycle_stage FROM ${tableOf[objectType]} WHERE id = $1 FOR NO KEY UPDATE`,
    [id],
  );
  if (!row) throw notFound(objectType === 'contact' ? 'Contact' : 'Company', id);
  return row.lifecycle_stage;
}

async function setStage(ctx: Ctx, objectType: FunnelObject, id: number, from: Stage, to: Stage, kind: TransitionKind, reason: string | null, at: Date) {
  await ctx.db.query(`UPDATE ${tableOf[objectType]} SET lifecycle_stage = $2, updated_at = $3 WHERE id = $1`, [id, to, ctx.clock.now()]);
  await recordTransition(ctx.db, { objectType, objectId: id, from, to, kind, at, actor: ctx.actor, reason });
  // The company follows its most advanced contact forward (never backward: other contacts may still be further on).
  if (objectType === 'contact' && rank(to) >= 0) {
    const [c] = await ctx.db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = $1', [id]);
    if (c?.company_id) await advanceTo(ctx, 'company', c.company_id, to, reason ?? `contact ${id} became ${to}`, at);
  }
}

/**
 * A forward move (skips allowed) or a move into/out of 'other'. Backward moves are refused with
 * the way to do them on purpose: recycle or reject, each with a reason.
 */
export async function moveStage(ctx: Ctx, objectType: FunnelObject, id: number, to: Stage, reason: string | null = null, at?: Date): Promise<boolean> {
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const from = await currentStage(db, objectType, id);
    if (from === to) return false;
    const sideways = from === 'other' || to === 'other';
    if (!isPlainMove(from, to)) {
      const path = objectType === 'contact' ? `/api/contacts/${id}` : `/api/companies/${id}`;
      // Said with the stages' names for the person who tried; a program finds the routes in the JSON.
      const names = new Map((await db.query<{ key: string; label: string }>('SELECT key, label FROM lifecycle_stages WHERE key IN ($1, $2)', [from, to])).map((s) => [s.key, s.label]));
      throw new AppError(
        'illegal_transition',
        `This ${objectType} cannot move back from ${names.get(from) ?? from} to ${names.get(to) ?? to}: the funnel only moves forward. ` +
          (objectType === 'contact' ? 'To send it back to marketing, recycle it (or reject it, if sales turned the MQL down) with a reason.' : 'Recycle or reject its contacts instead.'),
        { from, to, ...(objectType === 'contact' ? { recycle: `POST ${path}/recycle`, reject: `POST ${path}/reject` } : {}) },
      );
    }
    await setStage(c, objectType, id, from, to, sideways ? 'sideways' : 'forward', reason, at ?? ctx.clock.now());
    return true;
  });
}

/** Moves forward to `to` only if the object is not already there or beyond (deals, rules, company roll-up). */
export async function advanceTo(ctx: Ctx, objectType: FunnelObject, id: number, to: Stage, reason: string, at?: Date): Promise<boolean> {
  return ctx.db.tx(async (db) => {
    const from = await currentStage(db, objectType, id);
    if (from === to || (from !== 'other' && !isForward(from, to))) return false;
    await setStage({ ...ctx, db }, objectType, id, from, to, 'forward', reason, at ?? ctx.clock.now());
    return true;
  });
}

export const recycleInput = z.strictObject({
  reason: z.string().trim().min(1, 'is required: say why the contact goes back to marketing').max(1000),
  to_stage: stageSchema.optional(),
});

/** Sends a contact back to marketing (nurture): the only backward move besides rejection. */
export async function recycleContact(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const v = parseInput(recycleInput, input);
  const to: Stage = v.to_stage ?? 'lead';
  await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const from = await currentStage(db, 'contact', id);
    await assertCanChangeEach(c, { contact: id }, 'funnel:move');
    if (to === 'other' || rank(to) < 0 || rank(to) >= rank(from)) {
      throw new AppError('illegal_transition', `Recycling moves a contact back in the funnel; ${to} is not before ${from}.`, { from, to });
    }
    await setStage(c, 'contact', id, from, to, 'recycle', v.reason, ctx.clock.now());
    await setLeadStatus(c, id, 'recycled', null);
  });
}

export const rejectionReasons = ['bad_fit', 'no_interest', 'unreachable', 'duplicate', 'competitor', 'student', 'other'] as const;

/** The reason code of a rejection as rejectContact writes it ("rejected: bad_fit (wrong country)"); anything unrecognised is "other". */
export function rejectionCode(reason: string | null): (typeof rejectionReasons)[number] {
  const code = /^rejected:\s*([a-z_]+)/.exec(reason ?? '')?.[1];
  return (rejectionReasons as readonly string[]).includes(code ?? '') ? (code as (typeof rejectionReasons)[number]) : 'other';
}

export const rejectInput = z.strictObject({
  reason_code: z.enum(rejectionReasons, { message: `is required: one of ${rejectionReasons.join(', ')}` }),
  reason_text: z.string().trim().max(1000).optional(),
});

/** Sales rejects an MQL/SQL: it returns to marketing as a Lead, Unqualified with the reason code. */
export async function rejectContact(ctx: Ctx, id: number, input: unknown): Promise<void> {
  const v = parseInput(rejectInput, input);
  if (v.reason_code === 'other' && !v.reason_text) {
    throw new AppError('validation_failed', 'Say why in reason_text when the reason code is other.', {
      errors: [{ field: 'reason_text', problem: 'is required when reason_code is other' }],
    });
  }
  await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const from = await currentStage(db, 'contact', id);
    await assertCanChangeEach(c, { contact: id }, 'funnel:move');
    if (from !== 'mql' && from !== 'sql') {
      throw new AppError('illegal_transition', `Only an MQL or SQL can be rejected; contact ${id} is ${from}.`, { from });
    }
    const reason = `rejected: ${v.reason_code}${v.reason_text ? ` (${v.reason_text})` : ''}`;
    await setStage(c, 'contact', id, from, 'lead', 'reject', reason, ctx.clock.now());
    await setLeadStatus(c, id, 'unqualified', v.reason_code + (v.reason_text ? `: ${v.reason_text}` : ''));
  });
}

export const leadStatuses = ['new', 'attempting', 'connected', 'qualified', 'unqualified', 'recycled'] as const;
export type LeadStatus = (typeof leadStatuses)[number];

/**
 * Unqualified needs a reason code (the rejection codes), optionally followed by ": free text",
 * so lead-quality reports can group by it.
 */
export function leadStatusProblems(status: string | null | undefined, reason: string | null | undefined): FieldProblem[] {
  if (status !== 'unqualified') return [];
  const code = (reason ?? '').split(':')[0]!.trim();
  if (!code) return [{ field: 'lead_status_reason', problem: `is required when lead_status is unqualified: one of ${rejectionReasons.join(', ')}` }];
  if (!(rejectionReasons as readonly string[]).includes(code)) {
    return [{ field: 'lead_status_reason', problem: `must start with a reason code (${rejectionReasons.join(', ')}), optionally followed by ": details"; got "${reason}"` }];
  }
  return [];
}

export async function setLeadStatus(ctx: Ctx, id: number, status: LeadStatus | null, reason: string | null): Promise<void> {
  const [old] = await ctx.db.query<{ lead_status: string | null; lead_status_reason: string | null }>(
    'SELECT lead_status, lead_status_reason FROM contacts WHERE id = $1',
    [id],
  );
  if (!old) throw notFound('Contact', id);
  if (old.lead_status === status && old.lead_status_reason === reason) return;
  const now = ctx.clock.now();
  await ctx.db.query('UPDATE contacts SET lead_status = $2, lead_status_reason = $3, updated_at = $4 WHERE id = $1', [id, status, reason, now]);
  await ctx.db.query(
    `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id)
     VALUES ('contact', $1, 'lead_status', $2, $3, $4, $5, $6)`,
    [id, JSON.stringify(old.lead_status), JSON.stringify(reason ? `${status} (${reason})` : status), now, ctx.actor.type, ctx.actor.id ?? null],
  );
}

/** "Became X at": the first time the object entered each stage. */
export async function stageDates(db: Db, objectType: FunnelObject, id: number): Promise<Partial<Record<Stage, string>>> {
  const rows = await db.query<{ to_stage: Stage; at: Date }>(
    `SELECT to_stage, min(at) AS at FROM stage_transitions WHERE object_type = $1 AND object_id = $2 GROUP BY to_stage`,
    [objectType, id],
  );
  const out: Partial<Record<Stage, string>> = {};
  for (const s of allStages) {
    const r = rows.find((x) => x.to_stage === s);
    if (r) out[s] = new Date(r.at).toISOString();
  }
  return out;
}
