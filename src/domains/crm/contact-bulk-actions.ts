import { z } from 'zod';
import { AppError, invalid } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed, assertCanChange } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { isPlainMove, stageSchema, type Stage } from '../funnel/stages.js';
import { moveStage } from '../funnel/transitions.js';
import { assignLead } from '../sla/route-leads.js';
import { contactFilterWhere, contactListSpec } from './contact-list.js';
import { whereSql } from './list-query.js';
import { lockContactsThenCompanies } from './record-locks.js';

/** The most contacts one bulk action changes: one transaction holds all their row locks. */
export const BULK_LIMIT = 1000;

/**
 * Which contacts a bulk action applies to: rows picked on the list (`contact_ids`), or every
 * contact matching the list's filters (`filter`, the list's query parameters), never both.
 */
export const selection = {
  contact_ids: z.array(z.number().int().positive('must be contact ids')).min(1, 'must name at least one contact').max(BULK_LIMIT, `must name at most ${BULK_LIMIT} contacts`).optional(),
  filter: z.record(z.string(), z.string()).optional(),
};

export const bulkAssignInput = z.strictObject({ ...selection, owner_id: z.number().int().positive('must be a user id') });
export const bulkStageInput = z.strictObject({ ...selection, to_stage: stageSchema });

export const bulkAssignOut = z.object({ assigned: z.number(), contact_ids: z.array(z.number()) });
export const bulkStageOut = z.object({
  moved: z.array(z.number()),
  unchanged: z.array(z.number()).describe('Already at the stage asked for.'),
  refused: z.array(z.object({ contact_id: z.number(), name: z.string(), from: stageSchema, problem: z.string() })),
});

interface Selected {
  id: number;
  company_id: number | null;
  owner_id: number | null;
  lifecycle_stage: Stage;
  name: string;
}

/** The selected contacts the caller may read, in id order; a named id that is missing or not readable is refused, naming it. */
export async function selectContacts(ctx: Ctx, v: { contact_ids?: number[]; filter?: Record<string, string> }): Promise<Selected[]> {
  if (!v.contact_ids === !v.filter) throw invalid([{ field: 'contact_ids', problem: 'give either contact_ids or filter' }]);
  const { q, ...filters } = v.filter ?? {};
  const ids = v.contact_ids ? [...new Set(v.contact_ids)] : undefined;
  const w = await contactFilterWhere(ctx, { q, filters: ids ? { ids: ids.join(',') } : filters }).catch((err: unknown) => {
    // The filter's problems name the filter's own keys; say they are inside `filter`.
    if (err instanceof AppError && Array.isArray(err.details.errors) && !ids) {
      throw invalid((err.details.errors as { field: string; problem: string }[]).map((e) => ({ field: `filter.${e.field}`, problem: e.problem })));
    }
    throw err;
  });
  const rows = await ctx.db.query<Selected>(
    `SELECT t.id, t.company_id, t.owner_id, t.lifecycle_stage,
       COALESCE(NULLIF(concat_ws(' ', t.first_name, t.last_name), ''), t.email, 'Contact ' || t.id) AS name
     FROM ${contactListSpec.from} ${whereSql(w.where)} ORDER BY t.id LIMIT ${BULK_LIMIT + 1}`,
    w.values,
  );
  if (rows.length > BULK_LIMIT) throw invalid([{ field: 'filter', problem: `matches more than ${BULK_LIMIT} contacts; narrow the filters to act on at most ${BULK_LIMIT} at once` }]);
  if (ids) {
    const found = new Set(rows.map((r) => Number(r.id)));
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length) throw invalid([{ field: 'contact_ids', problem: `no contact you may see has id ${missing.join(', ')}` }]);
  }
  return rows.map((r) => ({ ...r, id: Number(r.id), company_id: r.company_id === null ? null : Number(r.company_id), owner_id: r.owner_id === null ? null : Number(r.owner_id) }));
}

/**
 * Assigns every selected contact to one owner in one transaction, each as POST
 * /api/contacts/:id/assign does (an MQL's SLA clock restarts for the new owner). The contacts are
 * locked first, in id order, then their companies, before any clock or queue row: the house lock
 * order, so a bulk assign never deadlocks with routing or a funnel move. All or nothing.
 */
export async function bulkAssign(ctx: Ctx, input: unknown): Promise<z.infer<typeof bulkAssignOut>> {
  const v = parseInput(bulkAssignInput, input);
  assertAllowed(ctx.actor, 'sla:manage', 'assign leads');
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const rows = await selectContacts(c, v);
    await lockContactsThenCompanies(db, rows.map((r) => r.id), rows.map((r) => r.company_id));
    for (const r of rows) await assignLead(c, r.id, { owner_id: v.owner_id });
    return { assigned: rows.length, contact_ids: rows.map((r) => r.id) };
  });
}

/**
 * Moves every selected contact to one stage in one transaction, as a plain stage change does:
 * forward, or into or out of Other. A contact the move would take backwards (that is a recycle or
 * a rejection, with a reason), or one the caller may not change, is refused and listed with why;
 * the others move.
 */
export async function bulkChangeStage(ctx: Ctx, input: unknown): Promise<z.infer<typeof bulkStageOut>> {
  const v = parseInput(bulkStageInput, input);
  assertAllowed(ctx.actor, 'crm:write', 'change contacts');
  return ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const rows = await selectContacts(c, v);
    await lockContactsThenCompanies(db, rows.map((r) => r.id), rows.map((r) => r.company_id));
    const out: z.infer<typeof bulkStageOut> = { moved: [], unchanged: [], refused: [] };
    for (const r of rows) {
      if (r.lifecycle_stage === v.to_stage) {
        out.unchanged.push(r.id);
        continue;
      }
      if (!isPlainMove(r.lifecycle_stage, v.to_stage)) {
        out.refused.push({ contact_id: r.id, name: r.name, from: r.lifecycle_stage, problem: 'would move back in the funnel: recycle or reject it instead, with a reason' });
        continue;
      }
      try {
        assertCanChange(ctx.actor, 'contact', r);
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        out.refused.push({ contact_id: r.id, name: r.name, from: r.lifecycle_stage, problem: 'is not yours to change' });
        continue;
      }
      await moveStage(c, 'contact', r.id, v.to_stage);
      out.moved.push(r.id);
    }
    return out;
  });
}
