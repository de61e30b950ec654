import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';

export const dealOutcomes = ['open', 'won', 'lost'] as const;

/** A stage of a pipeline as the API answers it; probability is a percentage 0..100. */
export const pipelineStageOut = z.object({
  key: z.string(),
  label: z.string(),
  position: z.number(),
  probability: z.number(),
  outcome: z.enum(dealOutcomes),
});
export type PipelineStage = z.infer<typeof pipelineStageOut>;

export const pipelineOut = z.object({
  id: z.number(),
  name: z.string(),
  is_default: z.boolean(),
  stages: z.array(pipelineStageOut),
});
export type Pipeline = z.infer<typeof pipelineOut>;

export async function listPipelines(db: Db): Promise<Pipeline[]> {
  const pipes = await db.query<Omit<Pipeline, 'stages'>>('SELECT id, name, is_default FROM pipelines ORDER BY id');
  const stages = await db.query<PipelineStage & { pipeline_id: number }>(
    'SELECT pipeline_id, key, label, position, probability, outcome FROM pipeline_stages ORDER BY pipeline_id, position',
  );
  return pipes.map((p) => ({ ...p, stages: stages.filter((s) => s.pipeline_id === p.id).map(({ pipeline_id: _, ...s }) => s) }));
}

export async function defaultPipelineId(db: Db): Promise<number> {
  const [row] = await db.query<{ id: number }>('SELECT id FROM pipelines ORDER BY is_default DESC, id LIMIT 1');
  return row!.id;
}

export async function pipelineStage(db: Db, pipelineId: number, key: string): Promise<PipelineStage> {
  const [row] = await db.query<PipelineStage>('SELECT key, label, position, probability, outcome FROM pipeline_stages WHERE pipeline_id = $1 AND key = $2', [pipelineId, key]);
  if (!row) {
    const keys = (await db.query<{ key: string }>('SELECT key FROM pipeline_stages WHERE pipeline_id = $1 ORDER BY position', [pipelineId])).map((r) => r.key);
    if (!keys.length) throw notFound('Pipeline', pipelineId);
    throw invalid([{ field: 'stage', problem: `"${key}" is not a stage of pipeline ${pipelineId}; use one of ${keys.join(', ')}` }]);
  }
  return row;
}

const stagesInput = z.strictObject({
  stages: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-z0-9_]{0,40}$/, 'must be lower_snake_case'),
        label: z.string().trim().min(1, 'is required').max(60),
        probability: z.number().min(0).max(100).optional(),
        outcome: z.enum(dealOutcomes).optional(),
      }),
    )
    .min(2, 'needs at least one open and one closed stage'),
});

/** Replaces a pipeline's stages (order = array order). Stages that still hold deals cannot go. */
export async function setPipelineStages(db: Db, pipelineId: number, input: unknown, by?: Auditor): Promise<Pipeline> {
  const v = parseInput(stagesInput, input);
  const keys = v.stages.map((s) => s.key);
  const dup = keys.find((k, i) => keys.indexOf(k) !== i);
  if (dup) throw invalid([{ field: 'stages', problem: `stage key "${dup}" appears twice` }]);
  if (!v.stages.some((s) => s.outcome === 'won')) throw invalid([{ field: 'stages', problem: 'needs a stage with outcome won' }]);
  await db.tx(async (tx) => {
    const [p] = await tx.query('SELECT id FROM pipelines WHERE id = $1 FOR UPDATE', [pipelineId]);
    if (!p) throw notFound('Pipeline', pipelineId);
    const used = await tx.query<{ stage: string; n: number }>(
      'SELECT stage, count(*) AS n FROM deals WHERE pipeline_id = $1 AND NOT (stage = ANY($2)) GROUP BY stage',
      [pipelineId, keys],
    );
    if (used.length) {
      throw new AppError('conflict', `Stage ${used[0]!.stage} still holds ${used[0]!.n} deal(s); move them before removing it.`, { stage: used[0]!.stage });
    }
    for (const [i, s] of v.stages.entries()) {
      await tx.query(
        `INSERT INTO pipeline_stages (pipeline_id, key, label, position, probability, outcome) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (pipeline_id, key) DO UPDATE SET label = EXCLUDED.label, position = EXCLUDED.position,
           probability = EXCLUDED.probability, outcome = EXCLUDED.outcome`,
        [pipelineId, s.key, s.label, i + 1, s.probability ?? (s.outcome === 'won' ? 100 : 0), s.outcome ?? 'open'],
      );
    }
    await tx.query('DELETE FROM pipeline_stages WHERE pipeline_id = $1 AND NOT (key = ANY($2))', [pipelineId, keys]);
    await auditChange(tx, by, { action: 'settings.pipeline', objectType: 'pipeline', objectId: pipelineId, details: { stages: keys } });
  });
  return (await listPipelines(db)).find((p) => p.id === pipelineId)!;
}
