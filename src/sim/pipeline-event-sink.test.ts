import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { simulateCompany } from './simulate-company.js';

describe.each(testBackends())('demo marketing events through the pipeline on %s', (backend) => {
  let t: TestDb;
  let events = 0;
  let contacts = 0;
  beforeAll(async () => {
    t = await createTestDb(backend);
    ({ events, contacts } = await simulateCompany(t.db, fixedClock('2026-11-20T12:00:00Z'), { seed: 7, contacts: 300, months: 12, events: 'pipeline' }));
  });
  afterAll(() => t.cleanup());

  it('stores and processes every event once, on the right contacts, with visits, assets and campaigns', async () => {
    expect(events).toBeGreaterThan(300);
    const [s] = await t.db.query<{ n: number; unprocessed: number; errors: number; orphans: number; with_asset: number; with_campaign: number }>(
      `SELECT count(*) AS n, count(*) FILTER (WHERE processed_at IS NULL) AS unprocessed, count(*) FILTER (WHERE process_error IS NOT NULL) AS errors,
              count(*) FILTER (WHERE contact_id IS NULL) AS orphans, count(*) FILTER (WHERE asset_id IS NOT NULL) AS with_asset,
              count(*) FILTER (WHERE campaign_id IS NOT NULL) AS with_campaign FROM events`);
    expect(s).toMatchObject({ n: events, unprocessed: 0, errors: 0, orphans: 0 });
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
});
