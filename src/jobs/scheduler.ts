import type { Ctx } from '../domains/context.js';
import { trainAndApply } from '../domains/scoring/predictive-training.js';
import { isoWeek, runOnce } from './scheduled-run.js';

const TWO_YEARS_MS = 730 * 86400_000;

/** The weekly predictive-model retraining, on the outcomes of contacts created in the last two years. */
export function weeklyRetrain(ctx: Ctx): Promise<'ran' | 'skipped'> {
  const now = ctx.clock.now();
  return runOnce(ctx.db, 'predictive-retrain', isoWeek(now), now, () =>
    trainAndApply({ ...ctx, actor: { type: 'system', id: 'scheduler' } }, { from: new Date(now.getTime() - TWO_YEARS_MS), to: now }),
  );
}

/** Checks hourly whether a scheduled job is due; started by the server, not by tests. */
export function startScheduler(ctx: Ctx, log: (msg: string) => void): () => void {
  const tick = () => {
    weeklyRetrain(ctx)
      .then((r) => r === 'ran' && log('weekly predictive model retraining done'))
      .catch((err) => log(`scheduler: ${err instanceof Error ? err.message : String(err)}`));
  };
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, 3600_000);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
