import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../app/config.js';
import { systemActor, type Ctx } from '../domains/context.js';
import { listCompanies } from '../domains/crm/companies.js';
import { listContacts } from '../domains/crm/contact-list.js';
import { listDeals } from '../domains/crm/deals.js';
import { allRows } from '../domains/crm/list-query.js';
import { listPipelines } from '../domains/crm/pipelines.js';
import { allStages, listStages } from '../domains/funnel/stages.js';
import { fixedClock } from '../shared/clock.js';
import type { DemoSummary } from '../sim/simulate-company.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { textSink } from '../testing/text-sink.js';
import { formatTime, runDemo, startCommand } from './demo-command.js';

const n = (x: number) => x.toLocaleString('en-US');

describe.each(testBackends())('revloop demo on %s', (backend) => {
  let t: TestDb;
  let summary: DemoSummary;
  const out = textSink();
  const err = textSink();
  beforeAll(async () => {
    t = await createTestDb(backend);
    // No environment: the command is told --data, as a newcomer types it.
    const config = loadConfig({}, {});
    summary = await runDemo({ db: t.db, clock: fixedClock('2026-11-20T12:00:00Z') }, config, { seed: 7, contacts: 200, months: 12, data: '/tmp/my demo' }, { out, err });
  });
  afterAll(() => t.cleanup());

  it('prints what the app then shows: contacts per stage, companies and deals as the lists count them', async () => {
    const ctx: Ctx = { db: t.db, clock: fixedClock('2026-11-20T12:00:00Z'), actor: systemActor };
    const contacts = await allRows((p) => listContacts(ctx, p));
    const byStage = Object.fromEntries(allStages.map((s) => [s, contacts.filter((c) => c.lifecycle_stage === s).length]));
    expect(summary.stages).toEqual(byStage);
    expect(summary.contacts).toBe(contacts.length);
    // The simulator's subscribers sign up through a newsletter form, which keeps them Subscribers
    // (the pipeline once made every form a Lead, and the demo had none left).
    expect(byStage.subscriber).toBeGreaterThan(0);

    const labels = Object.fromEntries((await listStages(t.db)).map((s) => [s.key, s.label]));
    for (const s of allStages) expect(out.text).toMatch(new RegExp(`^ {4}${labels[s]} +${n(byStage[s]!)}$`, 'm'));
    expect(out.text).toMatch(new RegExp(`^ {2}contacts +${n(contacts.length)}$`, 'm'));

    const companies = await allRows((p) => listCompanies(ctx, p));
    expect(out.text).toMatch(new RegExp(`^ {2}companies +${n(companies.length)}$`, 'm'));

    const outcome = new Map((await listPipelines(t.db)).flatMap((p) => p.stages.map((s) => [`${p.id}:${s.key}`, s.outcome])));
    const deals = await allRows((p) => listDeals(ctx, p));
    const of = (o: string) => deals.filter((d) => outcome.get(`${d.pipeline_id}:${d.stage}`) === o);
    expect(deals.length).toBeGreaterThan(0);
    expect(summary.deals).toEqual({ won: of('won').length, lost: of('lost').length, open: of('open').length });
    for (const o of ['won', 'lost', 'open']) expect(out.text).toMatch(new RegExp(`^ {2}deals ${o} +${n(of(o).length)}$`, 'm'));
    const revenue = of('won').reduce((sum, d) => sum + Number(d.amount), 0);
    expect(out.text).toMatch(new RegExp(`^ {2}revenue won +${n(revenue)} EUR$`, 'm'));
  });

  it('prints the events, meetings and updates the database holds', async () => {
    const [c] = await t.db.query<{ events: number; activities: number; meetings: number; held: number; items: number; updates: number }>(
      `SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FROM activities) AS activities,
              (SELECT count(*) FROM meetings) AS meetings, (SELECT count(*) FROM meetings WHERE held_at IS NOT NULL) AS held,
              (SELECT count(*) FROM action_items) AS items, (SELECT count(*) FROM weekly_updates WHERE sent_at IS NOT NULL) AS updates`);
    expect(c!.events).toBeGreaterThan(0);
    expect(c!.meetings).toBeGreaterThan(0);
    expect(out.text).toMatch(new RegExp(`^ {2}marketing events +${n(c!.events)} `, 'm'));
    expect(out.text).toMatch(new RegExp(`^ {2}activities +${n(c!.activities)}$`, 'm'));
    expect(out.text).toMatch(new RegExp(`^ {2}meetings +${n(c!.meetings)} \\(${n(c!.held)} held\\), ${n(c!.items)} action items$`, 'm'));
    expect(out.text).toMatch(new RegExp(`^ {2}weekly updates +${n(c!.updates)} sent`, 'm'));
  });

  it('tells how to start the app on that data, and ends with the time it took', () => {
    expect(out.text).toContain("Start the app with: npx revloop start --data '/tmp/my demo'\n");
    expect(out.text.trimEnd().split('\n').at(-1)).toMatch(/^Done in \d+\.\d s( \(.+\))?\.$/);
  });

  it('shows its progress as plain lines when stderr is no terminal', () => {
    const lines = err.text.trimEnd().split('\n');
    expect(lines).toContain('Simulating… 0 %');
    expect(lines).toContain('Simulating… 100 %');
    expect(lines.some((l) => /^Ingesting marketing events… \d+ % \([\d,]+ of [\d,]+ events\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^Writing contacts: done in \d+\.\d s$/.test(l))).toBe(true);
    expect(lines.at(-1)).toMatch(/: done in \d+\.\d s$/);
  });
});

describe('the time the demo prints', () => {
  it('says where the time went: the writing phases as one, the start-up before the first phase, nothing for what took no time', () => {
    const line = formatTime(60, [
      { phase: 'opening the database', seconds: 20 },
      { phase: 'writing contacts', seconds: 4 },
      { phase: 'writing activities', seconds: 6 },
      { phase: 'processing marketing events', seconds: 25 },
      { phase: 'counting what was written', seconds: 0.01 },
    ]);
    expect(line).toBe('Done in 60.0 s (loading the program 5.0 s, opening the database 20.0 s, writing the history 10.0 s, processing marketing events 25.0 s).');
  });
});

describe('the start command the demo prints', () => {
  it('names the data folder given, and none for the default one or a database server', () => {
    expect(startCommand({ dataDir: '/tmp/x' }, { data: '/tmp/x' })).toBe('npx revloop start --data /tmp/x');
    expect(startCommand({ dataDir: './revloop-data' }, {})).toBe('npx revloop start');
    expect(startCommand({ dataDir: "it's" }, { data: "it's" })).toBe(`npx revloop start --data 'it'\\''s'`);
    expect(startCommand({ databaseUrl: 'postgres://h/db', dataDir: './revloop-data' }, { data: '/tmp/x' })).toBe('npx revloop start (with the same DATABASE_URL)');
  });
});
