import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { systemActor } from '../context.js';
import { allStages, listStagesWithMoves, plainMovesFrom, type Stage } from './stages.js';
import { moveStage } from './transitions.js';

describe('plainMovesFrom', () => {
  it('offers a lead the stages ahead of it and Other, never itself or a stage behind it', () => {
    expect(plainMovesFrom('lead')).toEqual(['mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other']);
    expect(plainMovesFrom('evangelist')).toEqual(['other']);
    // Out of Other, anywhere in the funnel.
    expect(plainMovesFrom('other')).toEqual(['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist']);
  });
});

describe.each(testBackends())('the stage moves offered on %s', (backend) => {
  it('are exactly the moves moveStage accepts, from every stage to every stage', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx = { db: t.db, clock: fixedClock('2026-03-02T10:00:00Z'), actor: systemActor };
      const accepted: Record<string, Stage[]> = {};
      for (const from of allStages) {
        accepted[from] = [];
        for (const to of allStages) {
          if (to === from) continue;
          const [c] = await t.db.query<{ id: number }>(
            `INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, $2) RETURNING id`,
            [`${from}-${to}@x.test`, from],
          );
          try {
            await moveStage(ctx, 'contact', c!.id, to);
            accepted[from]!.push(to);
          } catch (e) {
            // Only the funnel's own refusal counts as "not offered"; anything else is a failure of the test.
            if (!(e instanceof AppError) || e.code !== 'illegal_transition') throw e;
          }
        }
      }
      const listed = await listStagesWithMoves(t.db);
      expect(listed.map((s) => s.key).sort()).toEqual([...allStages].sort());
      for (const s of listed) expect(s.moves_to, `from ${s.key}`).toEqual(accepted[s.key]);
    } finally {
      await t.cleanup();
    }
  });
});
