import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import { cohortReachSql } from '../../planning/queries/funnel-rates.js';
import { builtinDimensions, parseDimension } from '../../reports/dimensions.js';
import { funnelStages } from '../stages.js';
import { breakdownFunnelSql } from './funnel-breakdown.js';
import { funnelMovementSql, funnelSql, funnelStageDaysSql } from './funnel-report.js';

// The funnel, its breakdowns, its movement, its stage stays and the planner's reach read the
// per-contact rollups of migrations 0034 and 0036. Their SQL before that (copied here as it was)
// read contacts, contact_stage_firsts and stage_transitions; both must give the same rows on the
// same data, before and after the contacts themselves change.

const before = (() => {
  const firstAtColumns = funnelStages.map((s) => `min(f.first_at) FILTER (WHERE f.stage = '${s}') AS "${s}"`).join(', ');
  const firstAtOf = (alias: string) => funnelStages.map((s) => `${alias}."${s}"`).join(', ');
  const pairs = funnelStages.slice(0, -1).map((a, i) => [a, funnelStages[i + 1]!] as const);
  const pairAggregates = pairs.map(([a, b], i) => `count(*) FILTER (WHERE "${b}" >= "${a}") AS n${i},
    percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "${b}" - "${a}") / 86400.0) FILTER (WHERE "${b}" >= "${a}") AS m${i}`).join(',\n    ');
  const pairRows = pairs.map(([a, b], i) => `('${a}', '${b}', v.n${i}, v.m${i})`).join(', ');
  const funnelOfCohort = (cohort: string, velocityGroup: string) => `
WITH ${cohort},
  firsts AS (
    SELECT f.contact_id, max(ls.position) AS max_pos, ${firstAtColumns}
      FROM contacts wc JOIN contact_stage_firsts f ON f.contact_id = wc.id
      LEFT JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
     WHERE wc.created_at >= $1 AND wc.created_at < $2
     GROUP BY f.contact_id),
  per AS MATERIALIZED (
    SELECT cohort.grp, cohort.lifecycle_stage, COALESCE(firsts.max_pos, 0) AS max_pos, ${firstAtOf('firsts')}
      FROM cohort LEFT JOIN firsts ON firsts.contact_id = cohort.id)
SELECT 'reach' AS kind, grp, max_pos, NULL AS from_stage, NULL AS to_stage, count(*) AS n, NULL::float8 AS median_days FROM per GROUP BY grp, max_pos
UNION ALL
SELECT 'current', '', NULL, lifecycle_stage, NULL, count(*), NULL FROM per GROUP BY lifecycle_stage
UNION ALL
SELECT 'velocity', v.grp, NULL, p.a, p.b, p.n, p.m
  FROM (SELECT ${velocityGroup} AS grp, ${pairAggregates} FROM per GROUP BY 1) v
 CROSS JOIN LATERAL (VALUES ${pairRows}) p(a, b, n, m)
 WHERE p.n > 0`;
  const reportCohort = (grp: string) => `cohort AS MATERIALIZED (
    SELECT c.id, c.lifecycle_stage, ${grp} AS grp FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2 AND ($3::text IS NULL OR c.original_source = $3) AND ($4::text IS NULL OR co.segment = $4))`;
  return {
    funnel: funnelOfCohort(reportCohort(`to_char(c.created_at AT TIME ZONE $5::text, 'YYYY-MM')`), "''"),
    breakdown: (group: string) => funnelOfCohort(`cohort AS MATERIALIZED (
    SELECT c.id, c.lifecycle_stage, ${group} AS grp FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2)`, 'grp'),
    stageDays: `
WITH ${reportCohort("''")},
stays AS (
  SELECT st.object_id, st.to_stage AS stage, st.at AS entered_at, lead(st.at) OVER (PARTITION BY st.object_id ORDER BY st.at, st.id) AS exited_at
    FROM stage_transitions st WHERE st.object_type = 'contact' AND st.object_id IN (SELECT id FROM cohort))
SELECT stage, count(*)::int AS stays, percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, avg(days)::float8 AS mean_days
  FROM (SELECT stage, extract(epoch FROM exited_at - entered_at) / 86400 AS days FROM stays WHERE exited_at IS NOT NULL) x
 GROUP BY stage`,
    // Funnel stages only: the report reads no other (it also counted Other).
    movement: `
SELECT f.stage, count(*) AS n
  FROM contact_stage_firsts f
  JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
  JOIN contacts c ON c.id = f.contact_id
  LEFT JOIN companies co ON co.id = c.company_id
 WHERE f.first_at >= $1 AND f.first_at < $2
   AND ($3::text IS NULL OR c.original_source = $3)
   AND ($4::text IS NULL OR co.segment = $4)
 GROUP BY 1`,
    cohortReach: `
WITH pos AS (
  SELECT max(position) FILTER (WHERE key = 'subscriber') AS subscriber, max(position) FILTER (WHERE key = 'lead') AS lead,
         max(position) FILTER (WHERE key = 'mql') AS mql, max(position) FILTER (WHERE key = 'sql') AS sql,
         max(position) FILTER (WHERE key = 'opportunity') AS opportunity, max(position) FILTER (WHERE key = 'customer') AS customer
    FROM lifecycle_stages
), cohort AS (
  SELECT c.id, c.lifecycle_stage FROM contacts c WHERE c.created_at >= $1 AND c.created_at < $2
), reach AS (
  SELECT cohort.id, GREATEST(COALESCE(max(ls.position), 0), COALESCE(max(cur.position), 0)) AS max_pos
    FROM cohort
    LEFT JOIN contact_stage_firsts f ON f.contact_id = cohort.id
    LEFT JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
    LEFT JOIN lifecycle_stages cur ON cur.key = cohort.lifecycle_stage AND cur.in_funnel
   GROUP BY cohort.id
)
SELECT count(*) AS contacts,
       count(*) FILTER (WHERE reach.max_pos >= pos.subscriber AND reach.max_pos < pos.lead) AS subscribers,
       count(*) FILTER (WHERE reach.max_pos >= pos.lead) AS leads, count(*) FILTER (WHERE reach.max_pos >= pos.mql) AS mqls,
       count(*) FILTER (WHERE reach.max_pos >= pos.sql) AS sqls, count(*) FILTER (WHERE reach.max_pos >= pos.opportunity) AS opportunities,
       count(*) FILTER (WHERE reach.max_pos >= pos.customer) AS customers
  FROM reach CROSS JOIN pos`,
  };
})();

// Row order is the callers' business (they pick rows by kind and key); averages are compared to 9 places.
const cell = (v: unknown) => (typeof v === 'number' ? v.toFixed(9) : v instanceof Date ? v.toISOString() : String(v));
const rowsOf = (rows: Record<string, unknown>[]) => rows.map((r) => Object.values(r).map(cell).join('|')).sort();

describe.each(testBackends())('the funnel reports on the rollups, against their SQL before them, on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await t.db.query(`INSERT INTO companies (name, domain, segment) SELECT 'Co ' || g, 'co' || g || '.test', (ARRAY['small', 'mid_market', 'enterprise', NULL])[1 + g % 4] FROM generate_series(1, 8) g`);
    // A contact property to split by: the breakdown then reads contacts rows beside the rollup.
    await t.db.query(`INSERT INTO property_definitions (object_type, name, label, type, options) VALUES ('contact', 'plan', 'Plan', 'enum', '["free", "pro"]')`);
    // 500 contacts over eighteen months, of every source, segment and MQL type, some without a company.
    await t.db.query(`
      INSERT INTO contacts (email, email_normalized, company_id, lifecycle_stage, original_source, mql_type, created_at, properties)
      SELECT 'p' || g || '@x.test', 'p' || g || '@x.test', CASE WHEN g % 5 = 0 THEN NULL ELSE (SELECT min(id) FROM companies) + g % 8 END,
             (ARRAY['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist', 'other'])[1 + g % 8],
             (ARRAY['Email', 'Paid Search', 'Direct', NULL])[1 + g % 4], CASE WHEN g % 3 = 0 THEN (ARRAY['webinar', 'whitepaper'])[1 + g % 2] END,
             timestamptz '2025-01-01T00:00:00Z' + (g * 26 % 547) * interval '1 day' + (g % 24) * interval '1 hour',
             CASE WHEN g % 3 > 0 THEN jsonb_build_object('plan', (ARRAY['free', 'pro'])[1 + g % 2]) ELSE '{}' END
        FROM generate_series(1, 500) g`);
    // Paths of every kind: forward with skips, recycles and rejections, moves out of the funnel, two
    // moves at one moment, no transitions at all (every 29th); one statement per step, as imports do.
    const step = (to: string, days: string, when: string) => t.db.query(`
      INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
      SELECT 'contact', c.id, NULL, '${to}', 'import', c.created_at + (${days}) * interval '1 day', 'import'
        FROM (SELECT id, created_at, row_number() OVER (ORDER BY id) AS g FROM contacts) c WHERE c.g % 29 <> 0 AND (${when})`);
    await step('subscriber', '0', 'g % 4 = 0');
    await step('lead', '(g % 3)', 'true');
    await step('mql', '2 + g % 11', 'g % 2 = 0');
    await step('sql', '5 + g % 13', 'g % 4 = 0');
    await step('lead', '20 + g % 5', 'g % 8 = 0'); // recycled
    await step('mql', '30 + g % 7', 'g % 16 = 0'); // again: only the first counts for reach, both for stays
    await step('opportunity', '9 + g % 17', 'g % 6 = 0');
    await step('customer', '40 + g % 19', 'g % 10 = 0'); // some skip SQL and opportunity
    await step('evangelist', '60', 'g % 30 = 0');
    await step('other', '3', 'g % 13 = 0');
    await step('lead', '(g % 3)', 'g % 31 = 0'); // a second move at the same moment as the first
    await step('mql', '-10', 'g % 37 = 0'); // imported into the past, before everything else
  });
  afterAll(() => t.cleanup());

  const windows = [
    [new Date('2025-01-01T00:00:00Z'), new Date('2026-07-01T00:00:00Z')],
    [new Date('2025-06-01T00:00:00Z'), new Date('2025-09-15T00:00:00Z')],
  ] as const;
  const filters = [[null, null], ['Email', null], [null, 'small'], ['Paid Search', 'enterprise']] as const;
  const same = async (now: string, then: string, params: unknown[]) => {
    const expected = rowsOf(await t.db.query(then, params));
    expect(rowsOf(await t.db.query(now, params))).toEqual(expected);
    return expected.length;
  };
  /** The two statements of funnelOfCohortSql, summed into the rows the one statement before gave. */
  const sameFunnel = async (now: { counts: string; velocity: string }, then: string, params: unknown[], velocityParams = params) => {
    type Count = { grp: string; lifecycle_stage: string; max_pos: number; n: number };
    type Velocity = { grp: string; from_stage: string; to_stage: string; n: number; median_days: number | null };
    const counts = await t.db.query<Count>(now.counts, params);
    const velocity = await t.db.query<Velocity>(now.velocity, velocityParams);
    const sum = (key: (r: Count) => string) => {
      const sums = new Map<string, number>();
      for (const r of counts) sums.set(key(r), (sums.get(key(r)) ?? 0) + Number(r.n));
      return [...sums];
    };
    const rows = [
      ...sum((r) => `${r.grp}|${r.max_pos}`).map(([k, n]) => ({ kind: 'reach', grp: k.split('|')[0], max_pos: Number(k.split('|')[1]), from_stage: null, to_stage: null, n, median_days: null })),
      ...sum((r) => r.lifecycle_stage).map(([k, n]) => ({ kind: 'current', grp: '', max_pos: null, from_stage: k, to_stage: null, n, median_days: null })),
      ...velocity.map((v) => ({ kind: 'velocity', grp: v.grp, max_pos: null, from_stage: v.from_stage, to_stage: v.to_stage, n: Number(v.n), median_days: v.median_days })),
    ];
    const expected = rowsOf((await t.db.query<Record<string, unknown>>(then, params)).map((r) => ({ ...r, n: Number(r.n) })));
    expect(rowsOf(rows)).toEqual(expected);
    return expected.length;
  };

  const funnelAndStays = async () => {
    let rows = 0;
    for (const [from, to] of windows) {
      for (const [source, segment] of filters) {
        rows += await sameFunnel(funnelSql, before.funnel, [from, to, source, segment, 'Europe/Madrid'], [from, to, source, segment]);
        rows += await same(funnelStageDaysSql, before.stageDays, [from, to, source, segment]);
        rows += await same(funnelMovementSql, before.movement, [from, to, source, segment]);
      }
    }
    return rows;
  };
  const breakdowns = async () => {
    let rows = 0;
    for (const key of [...builtinDimensions, 'property.plan']) {
      const dim = await parseDimension(t.db, key, 'month', { builtins: builtinDimensions });
      const group = dim.sql({ contact: 'c', company: 'co', zone: '$3' });
      const now = breakdownFunnelSql((contact) => dim.sql({ contact, company: 'co', zone: '$3' }));
      for (const [from, to] of windows) rows += await sameFunnel(now, before.breakdown(group), dim.usesZone ? [from, to, 'Europe/Madrid'] : [from, to]);
    }
    return rows;
  };
  const cohortReach = async () => {
    for (const [from, to] of windows) {
      await same(cohortReachSql, before.cohortReach, [from, to]);
      const [r] = await t.db.query<{ contacts: number; mqls: number; customers: number }>(cohortReachSql, [from, to]);
      expect(Number(r!.contacts)).toBeGreaterThan(Number(r!.mqls));
      expect(Number(r!.customers)).toBeGreaterThan(0);
    }
  };

  it('the funnel, its movement and its stage stays give the same rows, for every window and filter', async () => {
    expect(await funnelAndStays()).toBeGreaterThan(100);
  });

  it('the breakdowns give the same rows, for every built-in dimension and a contact property', async () => {
    expect(await breakdowns()).toBeGreaterThan(200);
  });

  it("the planner's cohort reach gives the same counts", cohortReach);

  it("all of them still do after the contacts' own columns change, contacts without moves come and some go", async () => {
    // Sources, companies, creation moments (across the windows' edges) and current stages edited in
    // bulk, as an import or a merge does; a company's segment changed (read live, not carried).
    await t.db.query(`UPDATE contacts SET original_source = (ARRAY['Email', 'Direct', NULL])[1 + id % 3] WHERE id % 7 = 0`);
    await t.db.query(`UPDATE contacts SET company_id = CASE WHEN id % 2 = 0 THEN NULL ELSE (SELECT max(id) FROM companies) END WHERE id % 11 = 0`);
    await t.db.query(`UPDATE contacts SET created_at = created_at - interval '75 days' WHERE id % 9 = 0`);
    await t.db.query(`UPDATE contacts SET lifecycle_stage = 'customer' WHERE id % 13 = 1`);
    await t.db.query(`UPDATE companies SET segment = 'enterprise' WHERE id = (SELECT min(id) FROM companies)`);
    // Contacts with no transition at all, and contacts deleted (their transitions left behind).
    await t.db.query(`
      INSERT INTO contacts (email, email_normalized, lifecycle_stage, original_source, created_at, properties)
      SELECT 'n' || g || '@x.test', 'n' || g || '@x.test', (ARRAY['lead', 'mql', 'other'])[1 + g % 3], 'Email',
             timestamptz '2025-02-01T00:00:00Z' + g * interval '5 days', jsonb_build_object('plan', 'pro')
        FROM generate_series(1, 40) g`);
    await t.db.query(`DELETE FROM contacts WHERE id % 17 = 0`);
    expect(await funnelAndStays()).toBeGreaterThan(100);
    expect(await breakdowns()).toBeGreaterThan(200);
    await cohortReach();
  });
});
