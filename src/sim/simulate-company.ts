import { z } from 'zod';
import type { Db } from '../db/client.js';
import { allStages, type Stage } from '../domains/funnel/stages.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { seedDemoRituals } from './demo-rituals.js';
import { buildDemoWorld } from './build-demo-world.js';
import { isoDate } from './demo-calendar.js';
import { demoPasswordHash } from './demo-password.js';
import { DEMO_PASSWORD } from './demo-team.js';
import { emitMarketingEvents, marketingEvents, type EventSink } from './marketing-events.js';
import { createDemoCampaigns, pipelineEventSink, processAllEvents } from './pipeline-event-sink.js';
import { saveDemoMqlDefinition } from './demo-mql-definition.js';
import { trainAndApply } from '../domains/scoring/predictive-training.js';
import { backfillAssignments } from '../domains/sla/backfill-assignments.js';
import { rescoreAll } from '../domains/scoring/score-contacts.js';
import { writeDemoWorld } from './write-demo-world.js';
import { analyzeTables } from '../db/analyze-tables.js';

export const simulateOptions = z.object({
  seed: z.number().int('must be a whole number').min(0).max(2 ** 31 - 1),
  contacts: z.number().int('must be a whole number').min(1, 'must be at least 1').max(2_000_000, 'must be at most 2,000,000'),
  months: z.number().int('must be a whole number').min(1, 'must be at least 1').max(60, 'must be at most 60'),
  force: z.boolean().optional(),
});

export interface SimulateProgress {
  phase: string;
  done: number;
  total: number;
}

export interface SimulateCompanyOptions extends z.input<typeof simulateOptions> {
  onProgress?: (p: SimulateProgress) => void;
  /** Where the journeys' marketing events go: 'pipeline' (ingested and processed like /v1/batch), a sink, or nowhere. */
  events?: EventSink | 'pipeline';
}

/**
 * What the database holds once the demo has run, read back from it: the figures the app shows.
 * Not the simulator's intentions: replaying the marketing events through the real pipeline moves
 * contacts on (a subscriber who submits a form becomes a lead), and `--force` adds to what was there.
 */
export interface DemoSummary {
  seed: number;
  from: string;
  to: string;
  users: number;
  companies: number;
  contacts: number;
  stages: Record<Stage, number>;
  /** The workspace's name for each stage, as the app labels it. */
  stageLabels: Record<Stage, string>;
  deals: { won: number; lost: number; open: number };
  revenue: number;
  activities: number;
  events: number;
  /** Meetings (with how many were held), action items and sent weekly updates. */
  rituals: { meetings: number; held: number; actionItems: number; updates: number };
}

/**
 * Fills the database with a plausible year (or `months`) of a B2B company's sales and marketing:
 * the same seed on the same UTC day gives identical rows. Refuses a database that already has
 * contacts unless `force`. Everything is written in one transaction.
 */
export async function simulateCompany(db: Db, clock: Clock, input: SimulateCompanyOptions): Promise<DemoSummary> {
  const o = parseInput(simulateOptions, { seed: input.seed, contacts: input.contacts, months: input.months, force: input.force });
  const progress = (phase: string) => (done: number, total: number) => input.onProgress?.({ phase, done, total });

  if (!o.force) await refuseIfContacts(db);
  const world = buildDemoWorld({ ...o, now: clock.now(), onProgress: progress('simulating') });
  input.onProgress?.({ phase: 'hashing password', done: 0, total: 1 });
  const passwordHash = await demoPasswordHash(DEMO_PASSWORD, o.seed);
  await db.tx(async (tx) => {
    if (!o.force) await refuseIfContacts(tx);
    await writeDemoWorld(tx, world, { passwordHash, onProgress: (phase, done, total) => input.onProgress?.({ phase: `writing ${phase}`, done, total }) });
    // The simulated year decides its own funnel: today's rules must not requalify its contacts,
    // and its MQLs were handed over in the past, not by today's router.
    await tx.query('DELETE FROM score_queue');
    await tx.query('DELETE FROM routing_queue');
    // The demo keeps the offer in a custom property as an imported CRM would; the MQL record
    // (column) is what reports read.
    await tx.query(
      `UPDATE contacts c SET mql_type = c.properties->>'mql_type',
              mql_at = (SELECT min(at) FROM stage_transitions st WHERE st.object_type = 'contact' AND st.object_id = c.id AND st.to_stage = 'mql')
        WHERE c.properties ? 'mql_type'`,
    );
    await backfillAssignments(tx, clock.now());
  });
  if (input.events === 'pipeline') {
    // Through the real ingestion pipeline: campaigns first, so events join them as they are processed.
    await createDemoCampaigns(db, world);
    const sink = await pipelineEventSink(db);
    const total = [...marketingEvents(world)].length;
    const onBatch = progress('ingesting marketing events');
    const events = await emitMarketingEvents(world, sink, { batchSize: 2000, onBatch: (n) => onBatch(n, total) });
    await processAllEvents(db, clock, events, progress('processing marketing events'));
    // The definition its MQLs were made by, in force since the first day (its events are known now).
    await saveDemoMqlDefinition(db, new Date(world.start));
    // Scores for everyone, without letting today's rules rewrite the simulated year's funnel.
    await rescoreAll({ db, clock, actor: { type: 'rule', id: 'demo' } }, { advance: false, onProgress: progress('scoring contacts') });
    await db.query('DELETE FROM score_queue');
    // A first predictive model, so the Qualification page and contact pages show likelihoods.
    input.onProgress?.({ phase: 'training the predictive model', done: 0, total: 1 });
    const window = { from: new Date(world.start), to: clock.now() };
    await trainAndApply({ db, clock, actor: { type: 'rule', id: 'demo' } }, window).catch((err: unknown) => {
      // Too few customers in a small demo is not a failure of the demo.
      if (!(err instanceof AppError && err.code === 'validation_failed')) throw err;
    });
    // A team's rituals on top of its history: the meeting and update pages are full on first start.
    input.onProgress?.({ phase: 'seeding meetings and updates', done: 0, total: 1 });
    await seedDemoRituals(db, clock.now());
  } else if (input.events) {
    const onBatch = progress('marketing events');
    await emitMarketingEvents(world, input.events, { onBatch: (n) => onBatch(n, n) });
  }
  // The reports' first answers are planned on the demo's real sizes, not the empty tables'.
  input.onProgress?.({ phase: 'updating planner statistics', done: 0, total: 1 });
  await analyzeTables(db);
  input.onProgress?.({ phase: 'counting what was written', done: 0, total: 1 });
  return readDemoSummary(db, { seed: world.seed, from: isoDate(world.start), to: isoDate(world.anchor - 1) });
}

async function refuseIfContacts(db: Db): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM contacts');
  if (row!.n > 0) {
    throw new AppError('conflict', `This database already has ${row!.n.toLocaleString('en-US')} contacts. The demo fills a whole company and is meant for an empty database; force it (revloop demo --force) to add the demo company alongside.`, { existing_contacts: row!.n });
  }
}

/** The database's own counts after the demo: what the app shows, whatever the simulator intended. */
export async function readDemoSummary(db: Db, period: { seed: number; from: string; to: string }): Promise<DemoSummary> {
  const [c] = await db.query<Omit<DemoSummary, 'seed' | 'from' | 'to' | 'stages' | 'stageLabels' | 'deals' | 'rituals'> & { won: number; lost: number; open: number; meetings: number; held: number; action_items: number; updates: number }>(
    `SELECT (SELECT count(*) FROM users) AS users,
            (SELECT count(*) FROM companies) AS companies,
            (SELECT count(*) FROM contacts) AS contacts,
            (SELECT count(*) FROM activities) AS activities,
            (SELECT count(*) FROM events) AS events,
            (SELECT count(*) FROM meetings) AS meetings,
            (SELECT count(*) FROM meetings WHERE status = 'held') AS held,
            (SELECT count(*) FROM action_items) AS action_items,
            (SELECT count(*) FROM weekly_updates WHERE status = 'sent') AS updates,
            count(*) FILTER (WHERE s.outcome = 'won') AS won,
            count(*) FILTER (WHERE s.outcome = 'lost') AS lost,
            count(*) FILTER (WHERE s.outcome = 'open') AS open,
            coalesce(sum(d.amount) FILTER (WHERE s.outcome = 'won'), 0) AS revenue
       FROM deals d JOIN pipeline_stages s ON s.pipeline_id = d.pipeline_id AND s.key = d.stage`,
  );
  const rows = await db.query<{ key: Stage; label: string; n: number }>(
    `SELECT ls.key, ls.label, (SELECT count(*) FROM contacts c WHERE c.lifecycle_stage = ls.key) AS n FROM lifecycle_stages ls`,
  );
  const stages = Object.fromEntries(allStages.map((s) => [s, 0])) as Record<Stage, number>;
  const stageLabels = Object.fromEntries(allStages.map((s) => [s, s])) as Record<Stage, string>;
  for (const r of rows) {
    stages[r.key] = r.n;
    stageLabels[r.key] = r.label;
  }
  return {
    ...period,
    users: c!.users,
    companies: c!.companies,
    contacts: c!.contacts,
    stages,
    stageLabels,
    deals: { won: c!.won, lost: c!.lost, open: c!.open },
    revenue: c!.revenue,
    activities: c!.activities,
    events: c!.events,
    rituals: { meetings: c!.meetings, held: c!.held, actionItems: c!.action_items, updates: c!.updates },
  };
}
