import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { simulateCompany } from './simulate-company.js';
import { buildDemoWorld } from './build-demo-world.js';
import type { DemoWorld } from './demo-world.js';
import { anonymousEvents } from './marketing-events.js';
import { updateReport } from '../domains/updates/update-report.js';

describe.each(testBackends())('demo marketing events through the pipeline on %s', (backend) => {
  let t: TestDb;
  let events = 0;
  let contacts = 0;
  let world: DemoWorld;
  beforeAll(async () => {
    t = await createTestDb(backend);
    ({ events, contacts } = await simulateCompany(t.db, fixedClock('2026-11-20T12:00:00Z'), { seed: 7, contacts: 300, months: 12, events: 'pipeline' }));
    world = buildDemoWorld({ seed: 7, contacts: 300, months: 12, now: new Date('2026-11-20T12:00:00Z') });
  });
  afterAll(() => t.cleanup());

  it('stores and processes every event once, on the right contacts, with visits, assets and campaigns', async () => {
    expect(events).toBeGreaterThan(300);
    const [s] = await t.db.query<{ n: number; unprocessed: number; errors: number; orphans: number; with_asset: number; with_campaign: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE processed_at IS NULL) AS unprocessed, count(*) FILTER (WHERE process_error IS NOT NULL) AS errors,
              count(*) FILTER (WHERE contact_id IS NULL) AS orphans, count(*) FILTER (WHERE asset_id IS NOT NULL) AS with_asset,
              count(*) FILTER (WHERE campaign_id IS NOT NULL) AS with_campaign FROM events`);
    // Orphans: the anonymous visitors' events, which no contact owns (most of the site's traffic).
    const anonymous = [...anonymousEvents(world)].length;
    expect(anonymous).toBeGreaterThan(0);
    expect(s).toMatchObject({ n: events, unprocessed: 0, errors: 0, orphans: anonymous });
    expect(s!.with_asset).toBeGreaterThan(0);
    expect(s!.with_campaign).toBeGreaterThan(0);
    // Every identified person in the events is a demo contact: the pipeline created nobody new.
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts')) as [{ n: number }];
    expect(n).toBe(contacts);
    const [{ visits }] = (await t.db.query<{ visits: number }>('SELECT count(*) AS visits FROM visits WHERE contact_id IS NOT NULL')) as [{ visits: number }];
    expect(visits).toBeGreaterThan(100);
    // Everyone is scored, and scoring did not rewrite the simulated funnel (no rule-made MQLs).
    const [sc] = await t.db.query<{ scored: number; rule_mqls: number }>(
      `SELECT (SELECT count(*) FROM contact_scores) AS scored,
              (SELECT count(*) FROM stage_transitions WHERE actor_type = 'rule' AND actor_id LIKE 'mql-definition:%') AS rule_mqls`);
    expect(sc).toEqual({ scored: contacts, rule_mqls: 0 });
  });
  it('gives the demo team its rituals: two held weekly meetings with action items in every state, and two sent updates that were read', async () => {
    const meetings = await t.db.query<{ status: string; snapshot: boolean; decisions: number; notes: boolean; ahead: boolean }>(
      `SELECT m.status, m.snapshot IS NOT NULL AS snapshot, m.scheduled_at > '2026-11-20T12:00:00Z' AS ahead, (SELECT count(*) FROM meeting_decisions d WHERE d.meeting_id = m.id) AS decisions, m.notes <> '' AS notes
         FROM meetings m JOIN meeting_series s ON s.id = m.series_id WHERE s.kind = 'weekly' ORDER BY m.scheduled_at`);
    expect(meetings).toHaveLength(3);
    expect(meetings.slice(0, 2).every((m) => m.status === 'held' && m.snapshot && m.notes && m.decisions > 0)).toBe(true);
    // Made on a Friday: Thursday's meeting is one of the held ones, the planned one is next Thursday's.
    expect(meetings.map((m) => m.ahead)).toEqual([false, false, true]);
    expect(meetings[2]).toMatchObject({ status: 'planned', snapshot: false });
    const items = await t.db.query<{ status: string; overdue: boolean }>(`SELECT status, due_date < '2026-11-20' AS overdue FROM action_items`);
    expect(new Set(items.map((i) => i.status))).toEqual(new Set(['open', 'in_progress', 'done', 'cancelled']));
    // An item left open past its due date: the next pack's at-risk section has something to say.
    expect(items.some((i) => i.status === 'open' && i.overdue)).toBe(true);
    // Goals from the history's pace: the marketing SLA and the packs have a target.
    const goals = await t.db.query<{ period: string; revenue_goal: number }>('SELECT period, revenue_goal::float8 AS revenue_goal FROM revenue_goals ORDER BY period');
    expect(goals.map((g) => g.period)).toContain('2026-Q4');
    expect(goals.map((g) => g.period)).toContain('2027-Q1');
    expect(goals.every((g) => g.revenue_goal > 0 && g.revenue_goal % 10_000 === 0)).toBe(true);
    const updates = await t.db.query<{ id: number }>(`SELECT id FROM weekly_updates WHERE status = 'sent' ORDER BY sent_at`);
    expect(updates).toHaveLength(2);
    for (const u of updates) {
      const r = await updateReport(t.db, u.id);
      expect(r.delivered).toBeGreaterThan(0);
      expect(r.unique_opens).toBeGreaterThan(0);
      expect(r.unique_clicks).toBeGreaterThan(0);
      expect(r.unique_clicks).toBeLessThanOrEqual(r.unique_opens);
      // The mail gateway's hits are kept but not counted.
      expect(r.scanner_hits).toBeGreaterThan(0);
    }
  });
});
