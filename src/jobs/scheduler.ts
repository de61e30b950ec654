import type { Ctx } from '../domains/context.js';
import { trainAndApply } from '../domains/scoring/predictive-training.js';
import { dailyEventPartitions } from './event-partition-maintenance.js';
import { dailyStatistics } from './planner-statistics.js';
import { runDueRituals, type RitualDeps } from './ritual-scheduler.js';
import { isoWeek, runOnce } from './scheduled-run.js';

const TWO_YEARS_MS = 730 * 86400_000;
/** Daily dashboards go out at a set minute: the tick must be at least this fine. */
const TICK_MS = 60_000;
const FIRST_TICK_MS = 5_000;

/** The weekly predictive-model retraining, on the outcomes of contacts created in the last two years. */
export function weeklyRetrain(ctx: Ctx): Promise<'ran' | 'skipped'> {
  const now = ctx.clock.now();
  return runOnce(ctx.db, 'predictive-retrain', isoWeek(now), now, () =>
    trainAndApply({ ...ctx, actor: { type: 'system', id: 'scheduler' } }, { from: new Date(now.getTime() - TWO_YEARS_MS), to: now }),
  );
}

/** Told of each scheduler job's run: its name, seconds taken and whether it succeeded (the app's metrics attach here). */
export type JobObserver = (job: string, seconds: number, ok: boolean) => void;

/**
 * Checks every minute whether a scheduled job is due (the rituals' emails, the weekly retraining,
 * PGlite's daily planner statistics, the daily events partitions and retention);
 * started by the server, not by tests. A job still running when the next tick comes is left to
 * finish rather than started again beside itself (runOnce would refuse the second anyway).
 */
export function startScheduler(ctx: Ctx, log: (msg: string) => void, rituals: RitualDeps, onJob?: JobObserver): () => void {
  const running = new Set<string>();
  const guarded = (name: string, job: () => Promise<void>) => {
    if (running.has(name)) return;
    running.add(name);
    const started = performance.now();
    job()
      .then(
        () => onJob?.(name, (performance.now() - started) / 1000, true),
        (err) => {
          onJob?.(name, (performance.now() - started) / 1000, false);
          log(`scheduler: ${name}: ${err instanceof Error ? err.message : String(err)}`);
        },
      )
      .finally(() => running.delete(name));
  };
  const tick = () => {
    guarded('retrain', async () => {
      if ((await weeklyRetrain(ctx)) === 'ran') log('weekly predictive model retraining done');
    });
    guarded('statistics', async () => {
      await dailyStatistics(ctx.db, ctx.clock.now());
    });
    guarded('event-partitions', async () => {
      if ((await dailyEventPartitions(ctx.db, ctx.clock.now())) === 'ran') log('daily events partitions and retention done');
    });
    guarded('rituals', async () => {
      const { runs, errors } = await runDueRituals(ctx, rituals);
      for (const r of runs) if (r.outcome === 'ran') log(`scheduler: ${r.job} ${r.period}: ${JSON.stringify(r.result)}`);
      for (const e of errors) log(`scheduler: ${e}`);
    });
  };
  const first = setTimeout(tick, FIRST_TICK_MS);
  const timer = setInterval(tick, TICK_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
