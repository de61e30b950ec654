import { z } from 'zod';
import { notFound } from '../../shared/errors.js';
import { assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { contactStaysSql } from './queries/stage-stays.js';

export const stageTimeOut = z.object({
  stage: z.string(),
  label: z.string(),
  entered_at: z.date(),
  /** null while the contact is still in the stage. */
  exited_at: z.date().nullable(),
  /** Days in the stage, to the exit or (still in it) to now; one decimal. */
  days: z.number(),
});
export const stageTimesOut = z.object({ data: z.array(stageTimeOut) });
export type StageTimes = z.infer<typeof stageTimesOut>;

const DAY = 86_400_000;

/** Each stay of a contact in a lifecycle stage, oldest first: when they entered, left, and how many days it lasted. */
export async function contactStageTimes(ctx: Ctx, contactId: number): Promise<StageTimes> {
  await assertCanRead(ctx, 'contact', contactId);
  const exists = await ctx.db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
  if (!exists.length) throw notFound('Contact', contactId);
  const rows = await ctx.db.query<{ stage: string; label: string | null; entered_at: Date; exited_at: Date | null }>(contactStaysSql, [contactId]);
  const now = ctx.clock.now().getTime();
  return {
    data: rows.map((r) => ({
      stage: r.stage, label: r.label ?? r.stage, entered_at: r.entered_at, exited_at: r.exited_at,
      days: Math.round(((r.exited_at ?? new Date(now)).getTime() - new Date(r.entered_at).getTime()) / DAY * 10) / 10,
    })),
  };
}
