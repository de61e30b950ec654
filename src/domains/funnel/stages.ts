import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';

/** The one funnel, in order. Keys are fixed (reports and rules rely on them); labels are configurable. */
export const funnelStages = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'] as const;
export const allStages = [...funnelStages, 'other'] as const;
export type Stage = (typeof allStages)[number];

export const stageSchema = z.enum(allStages);

/** Position in the funnel; 'other' sits outside it (-1). */
export function rank(stage: Stage): number {
  return (funnelStages as readonly string[]).indexOf(stage);
}

export function isForward(from: Stage | null, to: Stage): boolean {
  if (from === null) return true;
  return rank(to) > rank(from);
}

/**
 * Whether a plain stage change (moveStage: PATCH lifecycle_stage) takes an object from `from` to
 * `to`: forward in the funnel (skips allowed) or into or out of Other. Going back is a recycle or
 * a rejection, which carry a reason and have their own actions.
 */
export function isPlainMove(from: Stage, to: Stage): boolean {
  if (from === to) return false;
  return from === 'other' || to === 'other' || isForward(from, to);
}

/** The stages a plain stage change accepts from `from`, funnel order then Other: what a stage menu may offer. */
export function plainMovesFrom(from: Stage): Stage[] {
  return allStages.filter((to) => isPlainMove(from, to));
}

/** The most advanced of several stages (a history's current stage when none is named). */
export function furthest(stages: Stage[]): Stage | undefined {
  return stages.reduce<Stage | undefined>((best, s) => (best === undefined || rank(s) > rank(best) ? s : best), undefined);
}

/** A lifecycle stage as the API answers it: its fixed key, the workspace's label and description. */
export const stageRowOut = z.object({
  key: stageSchema,
  label: z.string(),
  position: z.number(),
  description: z.string(),
  in_funnel: z.boolean(),
});
export type StageRow = z.infer<typeof stageRowOut>;

export async function listStages(db: Db): Promise<StageRow[]> {
  return db.query<StageRow>('SELECT key, label, position, description, in_funnel FROM lifecycle_stages ORDER BY in_funnel DESC, position');
}

/** A stage as the stage list answers it: with the stages a plain change may move a record from it to, so menus offer only those. */
export const stageWithMovesOut = stageRowOut.extend({
  moves_to: z.array(stageSchema).describe('The stages a plain stage change accepts from this one (forward, or into or out of Other); going back is a recycle or a rejection.'),
});
export type StageWithMoves = z.infer<typeof stageWithMovesOut>;

export async function listStagesWithMoves(db: Db): Promise<StageWithMoves[]> {
  return (await listStages(db)).map((s) => ({ ...s, moves_to: plainMovesFrom(s.key) }));
}

export const stageUpdateInput = z.strictObject({
  label: z.string().trim().min(1, 'is required').max(60).optional(),
  description: z.string().trim().max(500).optional(),
});

export async function updateStage(db: Db, key: string, input: unknown, by?: Auditor): Promise<StageRow> {
  const v = parseInput(stageUpdateInput, input);
  return db.tx(async (tx) => {
    const [row] = await tx.query<StageRow>(
      `UPDATE lifecycle_stages SET label = COALESCE($2, label), description = COALESCE($3, description)
        WHERE key = $1 RETURNING key, label, position, description, in_funnel`,
      [key, v.label ?? null, v.description ?? null],
    );
    if (!row) throw notFound('Lifecycle stage', key);
    await auditChange(tx, by, { action: 'settings.stage', objectType: 'stage', objectId: key, details: v });
    return row;
  });
}
