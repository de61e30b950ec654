import cliProgress from 'cli-progress';
import { InvalidArgumentError, type Command } from 'commander';
import { funnelStages } from '../domains/funnel/stages.js';
import { systemClock } from '../shared/clock.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../sim/demo-team.js';
import { simulateCompany, type DemoSummary } from '../sim/simulate-company.js';
import { dataOption, withDb } from './with-db.js';

function wholeNumber(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number.');
  return Number(v);
}

export function registerDemo(program: Command): void {
  dataOption(
    program
      .command('demo')
      .description('fill the database with a realistic demo company: a year of marketing and sales, reproducible from a seed')
      .option('--seed <n>', 'random seed (same seed, same day: same data)', wholeNumber, 42)
      .option('--contacts <n>', 'how many contacts', wholeNumber, 3000)
      .option('--months <n>', 'how many months of history, ending today', wholeNumber, 12)
      .option('--force', 'add the demo even if the database already has contacts')
      .option('--no-events', 'skip the marketing events (faster; Sources, Assets and Campaigns stay empty)'),
  ).action(async (o: { seed: number; contacts: number; months: number; force?: boolean; events?: boolean; data?: string }) => {
    await withDb(o, async (db, config) => {
      const started = performance.now();
      const bar = new cliProgress.SingleBar(
        { format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: process.stderr, hideCursor: true, clearOnComplete: true, etaBuffer: 50 },
        cliProgress.Presets.shades_classic,
      );
      let phase = '';
      bar.start(1, 0, { phase: 'simulating'.padEnd(26) });
      try {
        const summary = await simulateCompany(db, systemClock, {
          seed: o.seed,
          contacts: o.contacts,
          months: o.months,
          force: o.force,
          events: o.events === false ? undefined : 'pipeline',
          onProgress: (p) => {
            if (p.phase !== phase) {
              phase = p.phase;
              bar.setTotal(Math.max(1, p.total));
            }
            bar.update(p.done, { phase: p.phase.padEnd(26) });
          },
        });
        bar.stop();
        console.log(formatSummary(summary, (performance.now() - started) / 1000));
        console.log(`\nSign in at http://${config.host}:${config.port} as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD} (every demo user has that password).`);
        console.log('Start the server with: npx revloop start');
      } catch (err) {
        bar.stop();
        throw err;
      }
    });
  });
}

const n = (x: number) => x.toLocaleString('en-US');

export function formatSummary(s: DemoSummary, seconds: number): string {
  const rows: [string, string][] = [
    ['period', `${s.from} → ${s.to}`],
    ['users', n(s.users)],
    ['companies', n(s.companies)],
    ['contacts', n(s.contacts)],
    ...[...funnelStages, 'other' as const].map((k): [string, string] => [`  ${k}`, n(s.stages[k])]),
    ['deals won', n(s.deals.won)],
    ['deals lost', n(s.deals.lost)],
    ['deals open', n(s.deals.open)],
    ['revenue won', `${n(s.revenue)} EUR`],
    ['activities', n(s.activities)],
    ['marketing events', s.events ? `${n(s.events)} (ingested and processed through the tracking pipeline)` : 'none (--no-events)'],
    ...(s.rituals?.meetings ? [['meetings', `${n(s.rituals.meetings)} weekly Smarketing meetings (two held), ${n(s.rituals.actionItems)} action items`] as [string, string], ['weekly updates', `${n(s.rituals.updates)} sent to sales, with opens and clicks`] as [string, string]] : []),
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  return [`Demo company ready (seed ${s.seed}) in ${seconds.toFixed(1)} s`, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)].join('\n');
}
