// The MQL-episode query of the lead-quality and MQL-definition reports was rewritten set-based
// (queries/lead-quality.ts). Here the statement it replaced runs on the same data and both must
// return the same rows, column for column, for several windows and moments: on a generated history
// whose moves, assignments, deals and campaign touches share a few moments, so the ties (a
// rejection at the moment of the next episode, two episodes at one moment, an assignment at the
// start, a customer before the MQL) all occur.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { parseDimension } from './dimensions.js';
import { firstCampaignTouchSql } from './queries/first-campaign-touch.js';
import { leadQualitySql, type EpisodeRow } from './queries/lead-quality.js';

/** The statement before the change, as it was. */
const previousSql = (channel: string, detail: string) => /* sql */ `
WITH ep AS MATERIALIZED (
  SELECT st.id, st.object_id AS contact_id, st.at
    FROM stage_transitions st
   WHERE st.object_type = 'contact' AND st.to_stage = 'mql' AND st.at >= $1 AND st.at < $2
     AND st.kind IN ('create', 'forward', 'import', 'sideways')
     AND (st.from_stage IS NULL OR st.from_stage IN ('subscriber', 'lead', 'other'))
), won AS (
  SELECT d.contact_id, sum(d.amount) AS revenue, min(COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC')) AS first_won_at
    FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome = 'won' AND d.contact_id IN (SELECT contact_id FROM ep)
     AND COALESCE(d.closed_at, d.close_date::timestamp AT TIME ZONE 'UTC') < $3
   GROUP BY d.contact_id
)
SELECT ep.id AS episode_id, ep.contact_id, ep.at,
       q.transition_id IS NOT NULL AS recorded,
       CASE WHEN q.transition_id IS NOT NULL THEN q.mql_type WHEN nx.at IS NULL THEN c.mql_type END AS mql_type,
       CASE WHEN q.transition_id IS NOT NULL THEN q.definition_version WHEN nx.at IS NULL THEN c.mql_definition_version END AS definition_version,
       CASE WHEN q.transition_id IS NOT NULL THEN q.clause WHEN nx.at IS NULL THEN c.mql_clause END AS clause,
       ${channel} AS channel,
       ${detail} AS detail,
       cp.id AS campaign_id, cp.name AS campaign,
       la.owner_id AS rep_id, u.name AS rep,
       o.kind AS ended, o.reason, o.at AS ended_at,
       EXISTS (SELECT 1 FROM stage_transitions y
                WHERE y.object_type = 'contact' AND y.object_id = ep.contact_id
                  AND y.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND y.kind IN ('forward', 'import', 'sideways')
                  AND y.at >= ep.at AND y.at < LEAST(COALESCE(o.at, 'infinity'), COALESCE(nx.at, 'infinity'), $3)) AS accepted,
       cu.at AS customer_at,
       CASE WHEN cu.at IS NOT NULL THEN COALESCE(won.revenue, 0) ELSE 0 END AS revenue
  FROM ep
  JOIN contacts c ON c.id = ep.contact_id
  LEFT JOIN mql_qualifications q ON q.transition_id = ep.id
  LEFT JOIN LATERAL (
    SELECT n.at FROM stage_transitions n
     WHERE n.object_type = 'contact' AND n.object_id = ep.contact_id AND n.to_stage = 'mql' AND n.id <> ep.id
       AND (n.at > ep.at OR (n.at = ep.at AND n.id > ep.id))
       AND n.kind IN ('create', 'forward', 'import', 'sideways') AND (n.from_stage IS NULL OR n.from_stage IN ('subscriber', 'lead', 'other'))
     ORDER BY n.at, n.id LIMIT 1) nx ON true
  LEFT JOIN LATERAL (
    SELECT x.kind, x.reason, x.at FROM stage_transitions x
     WHERE x.object_type = 'contact' AND x.object_id = ep.contact_id AND x.kind IN ('reject', 'recycle')
       AND x.at >= ep.at AND x.at < COALESCE(nx.at, 'infinity') AND x.at < $3
     ORDER BY x.at, x.id LIMIT 1) o ON true
  LEFT JOIN LATERAL (${firstCampaignTouchSql('c')}) t ON true
  LEFT JOIN campaigns cp ON cp.id = t.campaign_id
  LEFT JOIN LATERAL (
    SELECT a.owner_id FROM lead_assignments a
     WHERE a.contact_id = ep.contact_id AND a.assigned_at >= ep.at AND a.assigned_at < COALESCE(nx.at, 'infinity')
     ORDER BY a.assigned_at, a.id LIMIT 1) la ON true
  LEFT JOIN users u ON u.id = la.owner_id
  LEFT JOIN won ON won.contact_id = ep.contact_id
  LEFT JOIN LATERAL (
    SELECT m.at FROM (SELECT LEAST(
             (SELECT min(f.first_at) FROM contact_stage_firsts f WHERE f.contact_id = ep.contact_id AND f.stage IN ('customer', 'evangelist') AND f.first_at < $3),
             won.first_won_at) AS at) m
     WHERE m.at >= ep.at AND m.at < COALESCE(nx.at, 'infinity')) cu ON true
 ORDER BY ep.at, ep.id`;


const HOUR = 3_600_000;
const base = Date.UTC(2026, 3, 1);
/** One of a few moments, so rows often share one. */
const moment = (r: Random) => new Date(base + Math.floor(r.next() * 40) * 5 * 24 * HOUR);

describe.each(testBackends())('the set-based MQL-episode query returns what the per-episode one did (%s)', (backend) => {
  let t: TestDb;
  let sqls: { previous: string; now: string };

  beforeAll(async () => {
    t = await createTestDb(backend);
    const r = new Random('episodes');
    const users = (await insertRows<{ id: number }>(t.db, 'users', [['email', 'text'], ['name', 'text'], ['role', 'text']], [['a@x.test', 'Ana', 'sales_rep'], ['b@x.test', 'Ben', 'sales_rep']], { suffix: 'RETURNING id' })).map((u) => Number(u.id));
    const campaigns = (await insertRows<{ id: number }>(t.db, 'campaigns', [['name', 'text'], ['type', 'text'], ['utm_campaign', 'text']], [['One', 'webinar', 'one'], ['Two', 'content', 'two']], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    const n = 400;
    const contacts = (await insertRows<{ id: number }>(
      t.db, 'contacts',
      [['email', 'text'], ['email_normalized', 'text'], ['lifecycle_stage', 'text'], ['original_source', 'text'], ['original_source_detail', 'text'], ['created_at', 'timestamptz'], ['mql_type', 'text'], ['mql_definition_version', 'int'], ['mql_clause', 'text']],
      Array.from({ length: n }, (_, i) => [`c${i}@x.test`, `c${i}@x.test`, 'mql', r.pick(['Organic Search', 'Paid Social', null]), r.pick(['google', null]), new Date(base - 24 * HOUR + Math.floor(r.next() * 3) * 24 * HOUR * 40), r.pick(['webinar', null]), r.pick([2, null]), r.pick(['demo', null])]),
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
        moves.push(['contact', id, from, to, kind, moment(r), 'user', kind === 'reject' ? r.pick(['rejected: bad_fit (far)', 'rejected: duplicate', 'no reason', null]) : null]);
      }
      // One open assignment a contact at most.
      for (let k = r.int(0, 2); k > 0; k--) assignments.push([id, r.pick([...users, null]), moment(r), 'routing', 'p', '{}', moment(r), moment(r), 1, moment(r), moment(r), k > 1 ? moment(r) : null]);
      for (let k = r.int(0, 2); k > 0; k--) {
        const closed = r.next() < 0.2 ? null : moment(r);
        deals.push([`d${i}-${k}`, 1, r.pick(['closed_won', 'closed_won', 'closed_lost']), r.pick([1000, 2500.5, null]), id, closed, closed ? null : r.pick(['2026-06-01', null])]);
      }
      for (const source of ['visit', 'event']) if (r.next() < 0.4) touches.push([id, source, moment(r), r.int(1, 5), r.pick(campaigns)]);
    });
    await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text'], ['reason', 'text']], moves);
    await insertRows(t.db, 'lead_assignments', [['contact_id', 'bigint'], ['owner_id', 'bigint'], ['assigned_at', 'timestamptz'], ['assigned_by', 'text'], ['policy_id', 'text'], ['policy', 'jsonb'], ['first_touch_risk_at', 'timestamptz'], ['first_touch_due', 'timestamptz'], ['attempts_required', 'int'], ['attempts_risk_at', 'timestamptz'], ['attempts_due', 'timestamptz'], ['closed_at', 'timestamptz']], assignments);
    await insertRows(t.db, 'deals', [['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['contact_id', 'bigint'], ['closed_at', 'timestamptz'], ['close_date', 'date']], deals);
    // Straight into the rollup both statements read (what visits and events would leave there).
    await insertRows(t.db, 'campaign_first_touches', [['contact_id', 'bigint'], ['source', 'text'], ['at', 'timestamptz'], ['touch_id', 'bigint'], ['campaign_id', 'bigint']], touches);
    // What qualified some of the episodes.
    await t.db.query(
      `INSERT INTO mql_qualifications (transition_id, mql_type, definition_version, clause)
       SELECT id, 'online_demo', 3, 'demo3' FROM stage_transitions WHERE to_stage = 'mql' AND id % 3 = 0`,
    );
    const [channel, detail] = await Promise.all([parseDimension(t.db, 'channel', 'channel'), parseDimension(t.db, 'source_detail', 'source_detail')]);
    const at = { contact: 'c', company: 'co' };
    sqls = { previous: previousSql(channel.sql(at), detail.sql(at)), now: leadQualitySql(channel.sql(at), detail.sql(at)) };
  }, 120_000);
  afterAll(() => t.cleanup());

  const rows = async (sql: string, params: Date[]) =>
    (await t.db.query<EpisodeRow>(sql, params)).map((e) => ({ ...e, revenue: Number(e.revenue) }));

  const cases: [string, string, string, string][] = [
    ['the whole history, outcomes up to the end', '2026-01-01', '2027-01-01', '2027-01-01'],
    ['a month, outcomes up to its middle', '2026-05-01', '2026-06-01', '2026-05-16'],
    ['six months, outcomes up to a moment rows share', '2026-04-01', '2026-10-01', new Date(base + 20 * 5 * 24 * HOUR).toISOString()],
  ];
  for (const [label, from, to, asOf] of cases) {
    it(label, async () => {
      const params = [new Date(from), new Date(to), new Date(asOf)];
      const before = await rows(sqls.previous, params);
      expect(before.length).toBeGreaterThan(30);
      expect(await rows(sqls.now, params)).toEqual(before);
    });
  }

  it('meets the ties and outcomes it is meant to', async () => {
    const all = await rows(sqls.now, [new Date('2026-01-01'), new Date('2027-01-01'), new Date('2027-01-01')]);
    expect(all.some((e) => e.ended === 'reject') && all.some((e) => e.ended === 'recycle')).toBe(true);
    expect(all.some((e) => e.accepted) && all.some((e) => e.customer_at !== null && e.revenue > 0)).toBe(true);
    expect(all.some((e) => e.campaign_id !== null) && all.some((e) => e.rep_id !== null) && all.some((e) => e.recorded)).toBe(true);
    // Episodes of one contact starting at one moment.
    const starts = all.map((e) => `${e.contact_id}|${new Date(e.at).getTime()}`);
    expect(new Set(starts).size).toBeLessThan(starts.length);
  });
});
