// The attempts report reads leads grouped in SQL (leads alike in group, attempts, outcome and
// connection as one row with their count and sums). Here the statement it replaced, which returned
// one row per lead and one per lead and rep, is run on the same history and put together as the
// report did; both must give the same analysis, figure for figure.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { firstStageAtSql } from '../funnel/queries/first-stage-moment.js';
import { parseDimension } from '../reports/dimensions.js';
import { createUser } from '../crm/users.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { historyOf, telemarketingLeads, writeHistory } from '../../testing/telemarketing-history.js';
import { analyseAttempts, type AttemptLead } from './attempts-analysis.js';
import { attemptsReport, monthsBefore } from './attempts-report.js';

const asOf = new Date('2026-11-20T12:00:00Z');
const from = new Date('2016-11-22T00:00:00Z');

const customerOrBeyond = (stage: string) =>
  `(SELECT ls.in_funnel AND ls.position >= (SELECT position FROM lifecycle_stages WHERE key = 'customer') FROM lifecycle_stages ls WHERE ls.key = ${stage})`;
const wonDeal = (d: string) => `(SELECT ps.outcome = 'won' FROM pipeline_stages ps WHERE ps.pipeline_id = ${d}.pipeline_id AND ps.key = ${d}.stage)`;

/** The statement before the change, as it was. */
const previousSql = (group: string) => /* sql */ `
WITH base AS MATERIALIZED (
    SELECT c.id, ${group} AS lead_type, m.at AS mql_at
      FROM ${firstStageAtSql('mql', 'm', { before: '$1' })}
      JOIN contacts c ON c.id = m.contact_id
      LEFT JOIN companies co ON co.id = c.company_id
     WHERE m.at < $2 AND ($3::timestamptz IS NULL OR m.at >= $3::timestamptz)
  ),
  lead AS MATERIALIZED (
    SELECT base.id, base.lead_type, base.mql_at, LEAST(ws.at, wd.won_at) AS won_at, wd.revenue, wd.won_deals
      FROM base
      CROSS JOIN LATERAL (
        SELECT min(st.at) AS at FROM stage_transitions st
         WHERE st.object_type = 'contact' AND st.object_id = base.id AND st.at >= base.mql_at AND st.at < $1
           AND ${customerOrBeyond('st.to_stage')}
      ) ws
      CROSS JOIN LATERAL (
        SELECT min(d.closed_at) AS won_at, sum(COALESCE(d.amount, 0)) AS revenue, count(*) AS won_deals FROM deals d
         WHERE d.contact_id = base.id AND (d.closed_at IS NULL OR (d.closed_at >= base.mql_at AND d.closed_at < $1)) AND ${wonDeal('d')}
      ) wd
  ),
  att AS (
    SELECT a.contact_id, a.user_id, a.outcome,
           COALESCE(u.hourly_cost / NULLIF(u.calls_per_hour, 0), 0) AS cost,
           (u.id IS NULL OR u.hourly_cost <= 0 OR u.calls_per_hour <= 0) AS no_cost,
           row_number() OVER (PARTITION BY a.contact_id ORDER BY a.occurred_at, a.id) AS n
      FROM lead JOIN activities a ON a.contact_id = lead.id
      LEFT JOIN users u ON u.id = a.user_id
     WHERE a.direction = 'outbound' AND a.type IN ('call', 'email', 'social')
       AND a.occurred_at >= lead.mql_at AND a.occurred_at < COALESCE(lead.won_at, $1)
  )
SELECT lead.id AS contact_id, lead.lead_type, (lead.won_at IS NOT NULL OR lead.won_deals > 0) AS customer, COALESCE(lead.revenue, 0)::float8 AS revenue,
       NULL::bigint AS user_id, NULL::int AS attempts, NULL::float8 AS cost, NULL::int AS attempts_without_cost, NULL::boolean AS no_cost, NULL::int AS first_connected
  FROM lead
UNION ALL
SELECT att.contact_id, NULL, NULL, NULL,
       att.user_id, count(*)::int, sum(att.cost)::float8, (count(*) FILTER (WHERE att.no_cost))::int, bool_or(att.no_cost),
       (min(att.n) FILTER (WHERE att.outcome = 'connected'))::int
  FROM att
 GROUP BY att.contact_id, att.user_id`;

interface PreviousRow {
  contact_id: number;
  lead_type: string | null;
  customer: boolean | null;
  revenue: number | null;
  user_id: number | null;
  attempts: number | null;
  cost: number | null;
  attempts_without_cost: number | null;
  no_cost: boolean | null;
  first_connected: number | null;
}

/** The previous report's leads and reps, put together from its rows as it did. */
async function previous(db: TestDb['db'], dimension: string) {
  const dim = await parseDimension(db, dimension, 'mql_type');
  const rows = await db.query<PreviousRow>(previousSql(dim.sql({ contact: 'c', company: 'co' })), [asOf, monthsBefore(asOf, 3), from]);
  const byId = new Map<number, AttemptLead & { attemptsWithoutCost: number }>();
  for (const r of rows) {
    if (r.attempts === null) byId.set(r.contact_id, { group: r.lead_type!, attempts: 0, attemptsWithoutCost: 0, customer: r.customer!, revenue: r.revenue!, cost: 0, connected: false });
  }
  const reps = new Map<number | null, { attempts: number; noCost: boolean }>();
  for (const r of rows) {
    if (r.attempts === null) continue;
    const l = byId.get(r.contact_id)!;
    l.attempts += r.attempts;
    l.attemptsWithoutCost += r.attempts_without_cost!;
    l.cost += r.cost!;
    if (r.first_connected !== null) l.connected = true;
    const rep = reps.get(r.user_id) ?? { attempts: 0, noCost: false };
    rep.attempts += r.attempts;
    rep.noCost ||= r.no_cost!;
    reps.set(r.user_id, rep);
  }
  const leads = [...byId.values()];
  return { leads, reps, analysis: analyseAttempts(leads, { minAtRisk: 5, minGroupSize: 5 }) };
}

describe.each(testBackends())('the attempts report reads leads grouped, with the figures of one row per lead (%s)', (backend) => {
  let t: TestDb;

  beforeAll(async () => {
    t = await createTestDb(backend);
    // 3 € an attempt; a rep with no cost data; attempts logged without a rep (below).
    const reps = [
      (await createUser(t.db, { name: 'Ana Rep', email: 'ana@example.com', role: 'sales_rep', hourly_cost: 30, calls_per_hour: 10 })).id,
      (await createUser(t.db, { name: 'Ben Rep', email: 'ben@example.com', role: 'sales_rep' })).id,
      (await createUser(t.db, { name: 'Cy Rep', email: 'cy@example.com', role: 'sales_rep', hourly_cost: 45, calls_per_hour: 10 })).id,
    ];
    const companies = (await insertRows<{ id: number }>(t.db, 'companies', [['name', 'text'], ['industry', 'text']], [['Bank', 'Banking'], ['Shop', 'Retail'], ['Soft', 'Software']], { suffix: 'RETURNING id' })).map((c) => Number(c.id));
    const options = { reps, companies: [...companies, null], amounts: [200, 300, 450] };
    const ids = await writeHistory(t.db, [
      ...historyOf('grouped', telemarketingLeads('grouped', 1200), { ...options, mqlFrom: new Date('2025-01-01T00:00:00Z'), mqlTo: new Date('2026-07-01T00:00:00Z'), prefix: 'g' }),
      ...historyOf('inbound', Array.from({ length: 15 }, () => ({ attempts: 0, converted: true })), { ...options, mqlFrom: new Date('2025-03-01T00:00:00Z'), mqlTo: new Date('2026-03-01T00:00:00Z'), prefix: 'in' }),
      ...historyOf('young', telemarketingLeads('young', 50), { ...options, mqlFrom: new Date('2026-09-01T00:00:00Z'), mqlTo: new Date('2026-11-01T00:00:00Z'), prefix: 'yg' }),
    ]);
    // Emails without a rep on every 9th lead, a day after its MQL moment (attempts when before its win).
    await t.db.query(
      `INSERT INTO activities (type, direction, outcome, contact_id, occurred_at)
       SELECT 'email', 'outbound', CASE WHEN c.id % 2 = 0 THEN 'connected' ELSE 'sent' END, c.id, f.first_at + interval '1 day'
         FROM contacts c JOIN contact_stage_firsts f ON f.contact_id = c.id AND f.stage = 'mql'
        WHERE c.id = ANY($1::bigint[]) AND c.id % 9 = 0`,
      [ids],
    );
  }, 120_000);
  afterAll(() => t.cleanup());

  for (const dimension of ['mql_type', 'industry']) {
    it(`gives the same curves, groups and costs by ${dimension}`, async () => {
      const before = await previous(t.db, dimension);
      const now = await attemptsReport(t.db, { asOf, from, dimension }, { minAtRisk: 5, minGroupSize: 5 });
      expect(before.leads.length).toBeGreaterThan(1000);
      expect(before.leads.filter((l) => l.attemptsWithoutCost > 0).length).toBeGreaterThan(50);
      expect(before.leads.filter((l) => l.connected).length).toBeGreaterThan(50);
      expect(now.overall).toEqual(before.analysis.overall);
      // The report orders its groups for reading; the analysis by key.
      expect(now.byGroup.map(({ label: _label, ...g }) => g).sort((a, b) => a.group.localeCompare(b.group))).toEqual(before.analysis.byGroup);
      expect(now.byGroup.length).toBeGreaterThan(1);
      expect(now.costPerAttempt.attempts).toBe(before.leads.reduce((s, l) => s + l.attempts, 0));
      expect(now.costPerAttempt.attemptsWithoutCost).toBe(before.leads.reduce((s, l) => s + l.attemptsWithoutCost, 0));
      expect(now.costPerAttempt.totalCost).toBe(Math.round(before.leads.reduce((s, l) => s + l.cost, 0) * 100) / 100);
      expect(now.costPerAttempt.byRep.map((r) => [r.userId, r.attempts, r.missingCost])).toEqual(
        [...before.reps].map(([id, r]) => [id, r.attempts, r.noCost]).sort((a, b) => (b[1] as number) - (a[1] as number) || (a[0] === null ? 1 : b[0] === null ? -1 : (a[0] as number) - (b[0] as number))),
      );
      expect(now.costPerAttempt.byRep).toHaveLength(4);
    });
  }
});
