import { z } from 'zod';
import type { Db } from '../db/client.js';
import { allStages, type Stage } from '../domains/funnel/stages.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { parseInput } from '../shared/validate.js';
import { seedDemoRituals, type DemoRitualsSummary } from './demo-rituals.js';
import { buildDemoWorld } from './build-demo-world.js';
import { isoDate } from './demo-calendar.js';
import { demoPasswordHash } from './demo-password.js';
import { DEMO_PASSWORD } from './demo-team.js';
import type { DemoWorld } from './demo-world.js';
import { contactState, dealState } from './final-state.js';
import { emitMarketingEvents, marketingEvents, type EventSink } from './marketing-events.js';
import { createDemoCampaigns, pipelineEventSink, processAllEvents } from './pipeline-event-sink.js';
import { trainAndApply } from '../domains/scoring/predictive-training.js';
import { backfillAssignments } from '../domains/sla/backfill-assignments.js';
import { rescoreAll } from '../domains/scoring/score-contacts.js';
import { writeDemoWorld } from './write-demo-world.js';

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

export interface DemoSummary {
  seed: number;
  from: string;
  to: string;
  users: number;
  companies: number;
  contacts: number;
  stages: Record<Stage, number>;
  deals: { won: number; lost: number; open: number };
  revenue: number;
  activities: number;
  events: number;
  /** Meetings, action items and weekly updates of the demo team (with marketing events only). */
  rituals?: DemoRitualsSummary;
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
  let events = 0;
  let rituals: DemoRitualsSummary = { meetings: 0, actionItems: 0, updates: 0 };
  if (input.events === 'pipeline') {
    // Through the real ingestion pipeline: campaigns first, so events join them as they are processed.
    await createDemoCampaigns(db, world);
    const sink = await pipelineEventSink(db);
    const total = [...marketingEvents(world)].length;
    const onBatch = progress('ingesting marketing events');
    events = await emitMarketingEvents(world, sink, { batchSize: 2000, onBatch: (n) => onBatch(n, total) });
    await processAllEvents(db, clock, events, progress('processing marketing events'));
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
    rituals = await seedDemoRituals(db, clock.now());
  } else if (input.events) {
    const onBatch = progress('marketing events');
    events = await emitMarketingEvents(world, input.events, { onBatch: (n) => onBatch(n, n) });
  }
  return { ...summarize(world), events, rituals };
}

async function refuseIfContacts(db: Db): Promise<void> {
  const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM contacts');
  if (row!.n > 0) {
    throw new AppError('conflict', `This database already has ${row!.n.toLocaleString('en-US')} contacts. The demo fills a whole company and is meant for an empty database; force it (revloop demo --force) to add the demo company alongside.`, { existing_contacts: row!.n });
  }
}

export function summarize(world: DemoWorld): Omit<DemoSummary, 'events'> {
  const stages = Object.fromEntries(allStages.map((s) => [s, 0])) as Record<Stage, number>;
  for (const c of world.contacts) stages[contactState(c).stage]++;
  const deals = { won: 0, lost: 0, open: 0 };
  let revenue = 0;
  for (const d of world.deals) {
    const s = dealState(d);
    deals[s.outcome]++;
    if (s.outcome === 'won') revenue += s.amount;
  }
  return {
    seed: world.seed,
    from: isoDate(world.start),
    to: isoDate(world.anchor - 1),
    users: world.users.length,
    companies: world.companies.length,
    contacts: world.contacts.length,
    stages,
    deals,
    revenue,
    activities: world.contacts.reduce((n, c) => n + c.activities.length, 0),
  };
}
