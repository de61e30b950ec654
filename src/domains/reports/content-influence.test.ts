// Content influence (queries/marketing-report.ts) was rewritten to count its cohort in one pass and
// its touches per asset before joining assets (1M contacts: the cohort was materialized and hashed
// whole). Here the statement it replaced runs on the same data and both must return the same rows,
// column for column, for several windows and limits: contacts created on both sides of each window's
// ends, customers won before, at and after a window's end and at the moment of a touch, touches
// that are only impressions (first_touch_at null), and an asset nobody touched.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { customerCohortCte } from '../scoring/queries/customer-cohort.js';
import { contentInfluenceSql, type ContentInfluenceRow } from './queries/marketing-report.js';

/** The statement before the change, as it was. */
const previousSql = /* sql */ `
WITH ${customerCohortCte()},
groups AS MATERIALIZED (
  SELECT count(*) FILTER (WHERE won_at < $2) AS customers,
         count(*) FILTER (WHERE won_at IS NULL OR won_at >= $2) AS non_customers
    FROM cohort
), touched AS (
  SELECT ca.ref_id AS asset_id, cohort.id, COALESCE(cohort.won_at < $2, false) AS is_customer
    FROM cohort JOIN contact_actions ca ON ca.contact_id = cohort.id AND ca.kind = 'asset'
   WHERE ca.first_touch_at < $2 AND (cohort.won_at IS NULL OR ca.first_touch_at < cohort.won_at)
)
SELECT a.id, COALESCE(a.name, a.key) AS asset, a.kind,
       count(*) FILTER (WHERE t.is_customer) AS customers_touched, g.customers,
       count(*) FILTER (WHERE NOT t.is_customer) AS non_customers_touched, g.non_customers
  FROM touched t JOIN assets a ON a.id = t.asset_id CROSS JOIN groups g
 GROUP BY a.id, a.name, a.key, a.kind, g.customers, g.non_customers
 ORDER BY 4 DESC, 6 DESC, a.id
 LIMIT $3`;

const DAY = 24 * 3_600_000;
const base = Date.UTC(2026, 0, 1);
/** Whole months from base, so rows often fall on a window's end or share a moment. */
const moment = (r: Random) => new Date(base + (r.int(0, 14) * 30 + r.pick([0, 0, 1, 15])) * DAY);

describe.each(testBackends())('content influence counted per asset returns what the cohort join did (%s)', (backend) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(backend);
    const r = new Random('content-influence');
    const kinds = ['page', 'form', 'cta', 'content', 'webinar'];
    const assets = (await insertRows<{ id: number }>(
      t.db, 'assets', [['kind', 'text'], ['key', 'text'], ['name', 'text'], ['first_seen', 'timestamptz']],
      Array.from({ length: 12 }, (_, i) => [kinds[i % kinds.length], `/a${i}`, i % 4 === 0 ? null : `Asset ${i}`, new Date(base)]),
      { suffix: 'RETURNING id' },
    )).map((a) => Number(a.id));
    const touchable = assets.slice(1); // assets[0]: nobody touches it.
    const n = 500;
    const contacts = (await insertRows<{ id: number }>(
      t.db, 'contacts', [['email', 'text'], ['email_normalized', 'text'], ['created_at', 'timestamptz']],
      Array.from({ length: n }, (_, i) => [`c${i}@x.test`, `c${i}@x.test`, moment(r)]),
      { suffix: 'RETURNING id' },
    )).map((c) => Number(c.id));
    const moves: unknown[][] = [];
    const actions: unknown[][] = [];
    for (const id of contacts) {
      if (r.next() < 0.3) moves.push(['contact', id, 'opportunity', 'customer', 'forward', moment(r), 'user']);
      for (const asset of touchable) {
        if (r.next() > 0.3) continue;
        const first = moment(r);
        // A third only ever saw the asset as an impression: no first touch.
        const touch = r.next() < 0.3 ? null : r.next() < 0.5 ? first : moment(r);
        actions.push([id, 'asset', asset, '', r.int(1, 4), first, first, touch]);
      }
    }
    await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']], moves);
    // Straight into the rollup both statements read (what events would leave there).
    await insertRows(t.db, 'contact_actions', [['contact_id', 'bigint'], ['kind', 'text'], ['ref_id', 'bigint'], ['name', 'text'], ['n', 'int'], ['first_at', 'timestamptz'], ['last_at', 'timestamptz'], ['first_touch_at', 'timestamptz']], actions);
  }, 120_000);
  afterAll(() => t.cleanup());

  const rows = async (sql: string, params: unknown[]) =>
    (await t.db.query<ContentInfluenceRow>(sql, params)).map((a) => ({
      ...a, id: Number(a.id), customers_touched: Number(a.customers_touched), customers: Number(a.customers),
      non_customers_touched: Number(a.non_customers_touched), non_customers: Number(a.non_customers),
    }));

  const cases: [string, string, string, number][] = [
    ['the whole history', '2025-01-01', '2028-01-01', 100],
    ['twelve months ending on a moment rows share', '2026-01-31', '2027-01-26', 100],
    ['twelve months, the first three assets only', '2026-03-01', '2027-03-01', 3],
    ['a month nobody was created in', '2025-06-01', '2025-07-01', 100],
  ];
  for (const [label, from, to, limit] of cases) {
    it(label, async () => {
      const params = [new Date(from), new Date(to), limit];
      const before = await rows(previousSql, params);
      if (from !== '2025-06-01') expect(before.length).toBe(Math.min(limit, 11));
      expect(await rows(contentInfluenceSql, params)).toEqual(before);
    });
  }

  it('meets the cases it is meant to', async () => {
    const all = await rows(contentInfluenceSql, [new Date('2026-01-31'), new Date('2027-01-26'), 100]);
    // Customers on both sides of the window's end, and touches by both groups.
    expect(all[0].customers).toBeGreaterThan(0);
    expect(all[0].non_customers).toBeGreaterThan(0);
    expect(all.every((a) => a.customers_touched < a.customers && a.non_customers_touched < a.non_customers)).toBe(true);
    expect(all.some((a) => a.customers_touched > 0) && all.some((a) => a.non_customers_touched > 0)).toBe(true);
    const [{ tie }] = await t.db.query<{ tie: number }>(
      `SELECT count(*)::int AS tie FROM contact_actions ca JOIN contact_stage_firsts f ON f.contact_id = ca.contact_id AND f.stage = 'customer' AND f.first_at = ca.first_touch_at`,
    );
    expect(tie).toBeGreaterThan(0);
  });
});
