import type { Command } from 'commander';
import { listGoals, setGoal } from '../domains/goals/goals.js';
import { AppError } from '../shared/errors.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

/** A share as typed: 0.5, 50 or 50% all mean half. */
function share(name: string, v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v.replace(/%$/, ''));
  if (!Number.isFinite(n)) throw new AppError('validation_failed', `${name} must be a share such as 0.5 or 50%, got "${v}".`);
  return v.endsWith('%') || n > 1 ? n / 100 : n;
}

export function registerGoal(program: Command): void {
  const goal = program.command('goal').description('revenue goals and marketing shares (the marketing SLA in money)');
  dataOption(
    goal
      .command('set')
      .description('set the revenue goal of a month (YYYY-MM) or quarter (YYYY-Q1…Q4)')
      .requiredOption('--period <period>', 'YYYY-MM or YYYY-Qn')
      .requiredOption('--revenue <amount>', 'revenue goal, e.g. 400000')
      .requiredOption('--marketing-share <share>', 'share marketing sources, e.g. 0.5 or 50%')
      .option('--influenced-share <share>', 'share marketing influences'),
  ).action(async (o: { period: string; revenue: string; marketingShare: string; influencedShare?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const g = await setGoal({ db, ...cliAuditor() }, o.period, {
        revenue_goal: Number(o.revenue), marketing_sourced_share: share('--marketing-share', o.marketingShare), marketing_influenced_share: share('--influenced-share', o.influencedShare) ?? null,
      });
      const target = g.revenue_goal * g.marketing_sourced_share;
      console.log(`Goal for ${g.period}: ${g.revenue_goal.toLocaleString('en-US')}; marketing sources ${(g.marketing_sourced_share * 100).toFixed(0)} % → MQLs worth ${target.toLocaleString('en-US')}.`);
      console.log(`Follow it with: npx revloop report marketing-sla --month ${g.period.includes('Q') ? '<YYYY-MM>' : g.period}`);
    });
  });
  dataOption(goal.command('list').description('list goals').option('--year <yyyy>', 'only this year')).action(async (o: { year?: string; data?: string }) => {
    await withDb(o, async (db) => {
      const rows = await listGoals(db, o.year ? Number(o.year) : undefined);
      if (!rows.length) console.log('No goals yet. Set one: npx revloop goal set --period 2026-11 --revenue 400000 --marketing-share 50%');
      for (const g of rows) console.log(`${g.period.padEnd(8)} ${g.revenue_goal.toLocaleString('en-US').padStart(14)}  marketing ${(g.marketing_sourced_share * 100).toFixed(0)} %${g.marketing_influenced_share !== null ? `, influenced ${(g.marketing_influenced_share * 100).toFixed(0)} %` : ''}`);
    });
  });
}
