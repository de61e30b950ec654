import { InvalidArgumentError, type Command } from 'commander';
import type { Config } from '../app/config.js';
import type { Db } from '../db/client.js';
import { funnelStages } from '../domains/funnel/stages.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { DEMO_ADMIN_EMAIL, DEMO_PASSWORD } from '../sim/demo-team.js';
import { simulateCompany, type DemoSummary } from '../sim/simulate-company.js';
import { PhaseProgress, type PhaseTiming, type ProgressStream } from './phase-progress.js';
import { dataOption, withDb } from './with-db.js';

function wholeNumber(v: string): number {
  if (!/^\d+$/.test(v)) throw new InvalidArgumentError('must be a whole number.');
  return Number(v);
}

export interface DemoFlags {
  seed: number;
  contacts: number;
  months: number;
  force?: boolean;
  /** false with --no-events. */
  events?: boolean;
  data?: string;
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
  ).action(async (o: DemoFlags) => {
    // Opening a new PGlite folder (initdb and every migration) takes a good part of the run: it is
    // a phase of its own, so a newcomer sees it move and the time says where it went.
    const progress = new PhaseProgress(process.stderr, demoProgressOptions);
    progress.update('opening the database', 0, 1);
    try {
      await withDb(o, async (db, config) => {
        // performance.now() counts from the process's start: loading the program is in the total.
        await runDemo({ db, clock: systemClock }, config, o, { out: process.stdout, err: process.stderr, progress, since: 0 });
      });
    } finally {
      progress.stop();
    }
  });
}

export interface DemoIo {
  out: NodeJS.WritableStream;
  err: ProgressStream;
  /** A progress already showing earlier phases (opening the database); else one on `err`. */
  progress?: PhaseProgress;
  /** When the run started, on performance.now()'s scale; else now. */
  since?: number;
}

const demoProgressOptions = { unit: unitOf, label: labelOf };

/**
 * The demo as the CLI runs it: progress on stderr (a bar on a terminal, lines otherwise), then on
 * stdout what the database now holds, how to sign in and start the app, and how long it took.
 */
export async function runDemo(
  deps: { db: Db; clock: Clock },
  config: Config,
  o: DemoFlags,
  io: DemoIo = { out: process.stdout, err: process.stderr },
): Promise<DemoSummary> {
  const started = io.since ?? performance.now();
  const progress = io.progress ?? new PhaseProgress(io.err, demoProgressOptions);
  try {
    const summary = await simulateCompany(deps.db, deps.clock, {
      seed: o.seed,
      contacts: o.contacts,
      months: o.months,
      force: o.force,
      events: o.events === false ? undefined : 'pipeline',
      onProgress: (p) => progress.update(p.phase, p.done, p.total),
    });
    progress.finish();
    const seconds = (performance.now() - started) / 1000;
    io.out.write(
      [
        formatSummary(summary, { events: o.events !== false, force: !!o.force }),
        '',
        `Sign in at http://${config.host}:${config.port} as ${DEMO_ADMIN_EMAIL} / ${DEMO_PASSWORD} (every demo user has that password).`,
        `Start the app with: ${startCommand(config, o)}`,
        '',
        formatTime(seconds, progress.timings),
      ].join('\n') + '\n',
    );
    return summary;
  } finally {
    progress.stop();
  }
}

/** Where the progress's numbers count: rows written, events, contacts scored. */
function unitOf(phase: string): string | null {
  if (phase.startsWith('writing ')) return 'rows';
  if (phase.endsWith(' events')) return 'events';
  if (phase === 'scoring contacts') return 'contacts';
  return null;
}

function labelOf(phase: string): string {
  return phase === 'writing preparing rows' ? 'preparing rows' : phase;
}

/** The command that starts the app on the data the demo just filled, as the README writes it. */
export function startCommand(config: Pick<Config, 'databaseUrl' | 'dataDir'>, o: { data?: string }): string {
  // DATABASE_URL decides where the data is; the start command reads it from the same environment.
  if (config.databaseUrl) return 'npx revloop start (with the same DATABASE_URL)';
  if (o.data === undefined) return 'npx revloop start';
  return `npx revloop start --data ${shellWord(o.data)}`;
}

function shellWord(s: string): string {
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`;
}

const n = (x: number) => x.toLocaleString('en-US');

/** The database's figures after the demo (DemoSummary), as the app names and counts them. */
export function formatSummary(s: DemoSummary, o: { events: boolean; force?: boolean }): string {
  const r = s.rituals;
  const rows: [string, string][] = [
    ['period', `${s.from} → ${s.to}`],
    ['users', n(s.users)],
    ['companies', n(s.companies)],
    ['contacts', n(s.contacts)],
    ...[...funnelStages, 'other' as const].map((k): [string, string] => [`  ${s.stageLabels[k]}`, n(s.stages[k])]),
    ['deals won', n(s.deals.won)],
    ['deals lost', n(s.deals.lost)],
    ['deals open', n(s.deals.open)],
    ['revenue won', `${n(s.revenue)} EUR`],
    ['activities', n(s.activities)],
    ['marketing events', o.events ? `${n(s.events)} (ingested and processed through the tracking pipeline)` : s.events ? n(s.events) : 'none (--no-events)'],
    ['meetings', r.meetings ? `${n(r.meetings)} (${n(r.held)} held), ${n(r.actionItems)} action items` : 'none'],
    ['weekly updates', r.updates ? `${n(r.updates)} sent to sales, with opens and clicks` : 'none'],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  const title = o.force
    ? `Demo company added (seed ${s.seed}). The database now holds:`
    : `Demo company ready (seed ${s.seed}):`;
  return [title, ...rows.map(([k, v]) => `  ${k.padEnd(w)}  ${v}`)].join('\n');
}

/**
 * The total time, and where it went: the phases writing to the database count as one, and the time
 * before the first phase (loading the program) is named too.
 */
export function formatTime(seconds: number, timings: PhaseTiming[]): string {
  const before = seconds - timings.reduce((sum, t) => sum + t.seconds, 0);
  const merged = new Map<string, number>([['loading the program', before]]);
  for (const t of timings) {
    const phase = t.phase.startsWith('writing ') ? 'writing the history' : t.phase;
    merged.set(phase, (merged.get(phase) ?? 0) + t.seconds);
  }
  const parts = [...merged].filter(([, s]) => s >= 0.05).map(([p, s]) => `${p} ${s.toFixed(1)} s`);
  return `Done in ${seconds.toFixed(1)} s${parts.length ? ` (${parts.join(', ')})` : ''}.`;
}
