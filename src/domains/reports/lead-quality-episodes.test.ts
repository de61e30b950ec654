// The lead-quality and MQL-definition reports now read the mql_episodes rollup (migration 0037)
// and count the episodes in SQL. Here the code they replaced (src/testing/lead-quality-previous.ts:
// the set-based episode statement, every episode counted in Node) runs on the same data and both
// must give the same reports, figure for figure and in the same order, for several windows,
// moments and zones: on a generated history whose moves, assignments, deals and campaign touches
// share a few moments, so the ties (a rejection at the moment of the next episode, two episodes at
// one moment, an assignment at the start, a customer before the MQL) all occur, with reasons and
// MQL types written every way Node reads them, and campaigns and clauses that share a name.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { previousEpisodes, previousLeadQualityReport, previousMqlDefinitionPerformance } from '../../testing/lead-quality-previous.js';
import { leadQualityReport, mqlDefinitionPerformance } from './lead-quality.js';

const HOUR = 3_600_000;
const base = Date.UTC(2026, 3, 1);
/** One of a few moments, so rows often share one. */
const moment = (r: Random) => new Date(base + Math.floor(r.next() * 40) * 5 * 24 * HOUR);

describe.each(testBackends())('the lead-quality reports from the mql_episodes rollup give what the episodes counted in Node did (%s)', (backend) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(backend);
    const r = new Random('episodes');
    const users = (await insertRows<{ id: number }>(t.db, 'users', [['email', 'text'], ['name', 'text'], ['role', 'text']], [['a@x.test', 'Ana', 'sales_rep'], ['b@x.test', 'Ben', 'sales_rep']], { suffix: 'RETURNING id' })).map((u) => Number(u.id));
    // Two campaigns of one name: groups of one label keep the order their first episodes came in.
    const campaigns = (await insertRows<{ id: number }>(t.db, 'campaigns', [['name', 'text'], ['type', 'text'], ['utm_campaign', 'text']], [['One', 'webinar', 'one'], ['Two', 'content', 'two'], ['One', 'event', 'one-b']], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    await t.db.query(`INSERT INTO mql_definitions (version, definition, fingerprint, created_at) VALUES (2, '{"clauses": [{"id": "demo", "label": "Asked for a demo"}, {"id": "web", "label": "Asked for a demo"}]}', 'f2', '2026-01-01'), (3, '{"clauses": [{"id": "demo3", "label": "Demo"}]}', 'f3', '2026-03-01')
       ON CONFLICT (version) DO UPDATE SET definition = EXCLUDED.definition, created_at = EXCLUDED.created_at`);
    const n = 400;
    const contacts = (await insertRows<{ id: number }>(
      t.db, 'contacts',
      [['email', 'text'], ['email_normalized', 'text'], ['lifecycle_stage', 'text'], ['original_source', 'text'], ['original_source_detail', 'text'], ['created_at', 'timestamptz'], ['mql_type', 'text'], ['mql_definition_version', 'int'], ['mql_clause', 'text']],
      Array.from({ length: n }, (_, i) => [`c${i}@x.test`, `c${i}@x.test`, 'mql', r.pick(['Organic Search', 'Paid Social', null]), r.pick(['google', null]), new Date(base - 24 * HOUR + Math.floor(r.next() * 3) * 24 * HOUR * 40), r.pick(['webinar', ' webinar', 'online_demo ', null, '']), r.pick([2, null]), r.pick(['demo', 'web', null])]),
      { suffix: 'RETURNING id' },
    )).map((c) => Number(c.id));
    const moves: unknown[][] = [];
    const assignments: unknown[][] = [];
    const deals: unknown[][] = [];
    const touches: unknown[][] = [];
    const kinds: [string | null, string, string][] = [
      ['lead', 'mql', 'forward'], [null, 'mql', 'create'], ['lead', 'mql', 'import'], ['sql', 'mql', 'sideways'], ['mql', 'lead', 'reject'], ['mql', 'lead', 'recycle'],
      ['mql', 'sql', 'forward'], ['sql', 'opportunity', 'import'], ['opportunity', 'customer', 'forward'], ['customer', 'evangelist', 'sideways'], ['mql', 'customer', 'merge'], ['lead', 'mql', 'merge'],
    ];
    contacts.forEach((id, i) => {
      for (let k = r.int(0, 6); k > 0; k--) {
        const [from, to, kind] = r.pick(kinds);
        moves.push(['contact', id, from, to, kind, moment(r), 'user', kind === 'reject' ? r.pick(['rejected: bad_fit (far)', 'rejected: duplicate', 'rejected:unreachable', 'rejected:\tno_interest', 'rejected:\u00a0student', 'Rejected: bad_fit', 'rejected: bad_fitter', 'rejected: competitor_x', 'no reason', null]) : null]);
      }
      // One open assignment a contact at most.
      for (let k = r.int(0, 2); k > 0; k--) assignments.push([id, r.pick([...users, null]), moment(r), 'routing', 'p', '{}', moment(r), moment(r), 1, moment(r), moment(r), k > 1 ? moment(r) : null]);
      for (let k = r.int(0, 2); k > 0; k--) {
        const closed = r.next() < 0.2 ? null : moment(r);
        deals.push([`d${i}-${k}`, 1, r.pick(['closed_won', 'closed_won', 'closed_lost']), r.pick([1000, 2500.5, 1234.56, null]), id, closed, closed ? null : r.pick(['2026-06-01', null])]);
      }
      for (const source of ['visit', 'event']) if (r.next() < 0.4) touches.push([id, source, moment(r), r.int(1, 5), r.pick(campaigns)]);
    });
    await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text'], ['reason', 'text']], moves);
    await insertRows(t.db, 'lead_assignments', [['contact_id', 'bigint'], ['owner_id', 'bigint'], ['assigned_at', 'timestamptz'], ['assigned_by', 'text'], ['policy_id', 'text'], ['policy', 'jsonb'], ['first_touch_risk_at', 'timestamptz'], ['first_touch_due', 'timestamptz'], ['attempts_required', 'int'], ['attempts_risk_at', 'timestamptz'], ['attempts_due', 'timestamptz'], ['closed_at', 'timestamptz']], assignments);
    await insertRows(t.db, 'deals', [['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['contact_id', 'bigint'], ['closed_at', 'timestamptz'], ['close_date', 'date']], deals);
    // Straight into the rollup both statements read (what visits and events would leave there).
    await insertRows(t.db, 'campaign_first_touches', [['contact_id', 'bigint'], ['source', 'text'], ['at', 'timestamptz'], ['touch_id', 'bigint'], ['campaign_id', 'bigint']], touches);
    // December: two campaigns of one name with one MQL each, the later campaign's first, so only
    // the order their first episodes came in tells the two groups apart.
    const twins = (await insertRows<{ id: number }>(t.db, 'campaigns', [['name', 'text'], ['type', 'text'], ['utm_campaign', 'text']], [['Twin', 'webinar', 'twin-a'], ['Twin', 'webinar', 'twin-b']], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    const late = (await insertRows<{ id: number }>(t.db, 'contacts', [['email', 'text'], ['email_normalized', 'text'], ['lifecycle_stage', 'text'], ['created_at', 'timestamptz']],
      [['t1@x.test', 't1@x.test', 'mql', new Date('2026-12-01')], ['t2@x.test', 't2@x.test', 'mql', new Date('2026-12-01')]], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']],
      [['contact', late[0], 'lead', 'mql', 'forward', new Date('2026-12-05'), 'user'], ['contact', late[1], 'lead', 'mql', 'forward', new Date('2026-12-10'), 'user']]);
    await insertRows(t.db, 'campaign_first_touches', [['contact_id', 'bigint'], ['source', 'text'], ['at', 'timestamptz'], ['touch_id', 'bigint'], ['campaign_id', 'bigint']],
      [[late[0], 'visit', new Date('2026-12-01'), 1, twins[1]], [late[1], 'visit', new Date('2026-12-01'), 2, twins[0]]]);
    // What qualified some of the episodes.
    await t.db.query(
      `INSERT INTO mql_qualifications (transition_id, mql_type, definition_version, clause)
       SELECT id, (ARRAY['online_demo', 'webinar ', NULL])[1 + id % 3], (ARRAY[3, 2, 2, NULL])[1 + id % 4], (ARRAY['demo3', 'web', NULL])[1 + id % 3]
         FROM stage_transitions WHERE to_stage = 'mql' AND id % 5 < 3`,
    );
    // Moments off the millisecond (Node's Dates drop the rest) and in the evening before a month
    // begins in New York: ends, acceptances and customer moments (the episode starts keep their ties).
    await t.db.query(`UPDATE stage_transitions SET at = at + interval '4 hours 0.4567 ms' WHERE id % 7 = 0 AND to_stage <> 'mql'`);
    await t.db.query(`UPDATE deals SET closed_at = closed_at - interval '2 hours 0.0021 ms' WHERE id % 3 = 0`);
  }, 120_000);
  afterAll(() => t.cleanup());

  const cases: [string, string, string, string, string][] = [
    ['the whole history, outcomes up to the end', '2026-01-01', '2027-01-01', '2027-01-01', 'UTC'],
    ['a month, outcomes up to its middle', '2026-05-01', '2026-06-01', '2026-05-16', 'UTC'],
    ['six months, outcomes up to a moment rows share, months in New York', '2026-04-01', '2026-10-01', new Date(base + 20 * 5 * 24 * HOUR).toISOString(), 'America/New_York'],
    ['a year in Kolkata (half-hour offset), outcomes up to the end', '2025-12-15', '2026-12-15', '2027-01-01', 'Asia/Kolkata'],
    ['a window with no episodes', '2020-01-01', '2020-02-01', '2027-01-01', 'UTC'],
    ['December: two groups of one name and the same counts', '2026-12-01', '2027-01-01', '2027-01-01', 'UTC'],
  ];
  for (const [label, from, to, asOf, zone] of cases) {
    it(label, async () => {
      const w = { from: new Date(from), to: new Date(to) };
      const opts = { asOf: new Date(asOf), zone, minSample: 3 };
      const before = await previousLeadQualityReport(t.db, w, opts);
      if (from > '2020-01-01' && from < '2026-12-01') expect(before.total.mqls).toBeGreaterThan(30);
      expect(await leadQualityReport(t.db, w, opts)).toEqual(before);
      const definitions = await previousMqlDefinitionPerformance(t.db, w, opts);
      expect(await mqlDefinitionPerformance(t.db, w, opts)).toEqual(definitions);
    });
  }

  it('meets the ties, outcomes and groups it is meant to', async () => {
    const all = (await previousEpisodes(t.db, { from: new Date('2026-01-01'), to: new Date('2027-01-01') }, new Date('2027-01-01'))).map((e) => ({ ...e, revenue: Number(e.revenue) }));
    expect(all.some((e) => e.ended === 'reject') && all.some((e) => e.ended === 'recycle')).toBe(true);
    expect(all.some((e) => e.accepted) && all.some((e) => e.customer_at !== null && e.revenue > 0)).toBe(true);
    expect(all.some((e) => e.campaign_id !== null) && all.some((e) => e.rep_id !== null) && all.some((e) => e.recorded)).toBe(true);
    // Episodes of one contact starting at one moment.
    const starts = all.map((e) => `${e.contact_id}|${new Date(e.at).getTime()}`);
    expect(new Set(starts).size).toBeLessThan(starts.length);
    // Reasons the plain pattern cannot read (a no-break space), which Node's does.
    expect(all.some((e) => e.ended === 'reject' && e.reason === 'rejected:\u00a0student')).toBe(true);
    const r = await leadQualityReport(t.db, { from: new Date('2026-01-01'), to: new Date('2027-01-01') }, { asOf: new Date('2027-01-01') });
    expect(r.reasons.map((x) => x.reason)).toEqual(expect.arrayContaining(['bad_fit', 'duplicate', 'unreachable', 'no_interest', 'student', 'other']));
    // Two campaigns named "One", MQL types merged once trimmed, and both parities of customers for a median.
    expect(r.dimensions.find((d) => d.dimension === 'campaign')!.groups.filter((g) => g.label === 'One')).toHaveLength(2);
    expect(r.dimensions.find((d) => d.dimension === 'mql_type')!.groups.filter((g) => g.label === 'Webinar')).toHaveLength(1);
    const december = await leadQualityReport(t.db, { from: new Date('2026-12-01'), to: new Date('2027-01-01') }, { asOf: new Date('2027-01-01') });
    expect(december.dimensions.find((x) => x.dimension === 'campaign')!.groups.map((g) => [g.label, g.mqls])).toEqual([['Twin', 1], ['Twin', 1]]);
    const d = await mqlDefinitionPerformance(t.db, { from: new Date('2026-01-01'), to: new Date('2027-01-01') }, { asOf: new Date('2027-01-01') });
    const parities = new Set([d.all, ...d.versions, ...d.clauses].filter((x) => x.customers > 0).map((x) => x.customers % 2));
    expect([...parities].sort()).toEqual([0, 1]);
  });
});
