// What an evaluator checks first in `revloop demo`: that its numbers could be a real company's.
// The whole demo (3,000 contacts, events through the real pipeline) on a fixed seed, on PGlite as
// a newcomer runs it, then the rules the demo must keep: targets for every month, routing for the
// team, traffic that is mostly anonymous, no count above what it counts from, MQLs that meet the
// definition in force, customers never labelled Suppress, campaigns with believable returns,
// pricing-page readers who buy more, and enough customers for the models to learn from.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goalForMonth } from '../domains/goals/goals.js';
import { addMonths, monthOf } from '../domains/reports/report-window.js';
import { campaignResults } from '../domains/reports/marketing-report.js';
import { assetsReport, sourcesReport } from '../domains/reports/marketing-sources.js';
import { salesReport } from '../domains/reports/sales-report.js';
import { activeRoutingRules } from '../domains/sla/routing-rules.js';
import { activeMqlDefinition } from '../domains/scoring/scoring-settings.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, type TestDb } from '../testing/test-db.js';
import { simulateCompany, type DemoSummary } from './simulate-company.js';

const now = '2026-11-20T12:00:00Z';
const clock = fixedClock(now);

describe('the demo company is plausible (seed 42, 3,000 contacts, PGlite)', () => {
  let t: TestDb;
  let summary: DemoSummary;
  let year: { from: Date; to: Date };
  beforeAll(async () => {
    t = await createTestDb('pglite');
    summary = await simulateCompany(t.db, clock, { seed: 42, contacts: 3000, months: 12, events: 'pipeline' });
    year = { from: new Date(`${summary.from}T00:00:00Z`), to: new Date(Date.parse(`${summary.to}T00:00:00Z`) + 86400_000) };
  }, 600_000);
  afterAll(() => t.cleanup());

  it('has a revenue goal for every month of its history and quotas for every AE in each of them', async () => {
    const last = monthOf(new Date(now));
    const aes = await t.db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'sales_rep' AND team LIKE 'AE %'`);
    expect(aes.length).toBeGreaterThan(0);
    for (let m = summary.from.slice(0, 7); m <= last; m = addMonths(m, 1)) {
      expect(await goalForMonth(t.db, m), m).not.toBeNull();
      const r = await salesReport(t.db, clock, m);
      expect(r.quota.total, m).toBeGreaterThan(0);
      for (const ae of aes) {
        const rep = r.reps.find((x) => x.owner_id === Number(ae.id));
        // A rep without a deal closed that month has no row; those with one show their quota.
        if (rep) expect(rep.quota, `${m} rep ${ae.id}`).toBeGreaterThan(0);
      }
    }
  });

  it('routes MQLs by rules that name its teams, and values every MQL by a typed clause', async () => {
    const rules = await activeRoutingRules(t.db);
    expect(rules.rules.length).toBeGreaterThan(0);
    const teams = new Set((await t.db.query<{ team: string }>('SELECT DISTINCT team FROM users WHERE team IS NOT NULL')).map((r) => r.team));
    for (const r of rules.rules) expect(r.team !== null && teams.has(r.team), String(r.team)).toBe(true);
    const definition = await activeMqlDefinition(t.db);
    expect(definition.version).toBeGreaterThan(0);
    for (const c of definition.value.clauses) expect(c.mqlType, c.label).toBeDefined();
  });

  it('gets most of its traffic from people who never become contacts', async () => {
    const s = await sourcesReport(t.db, year);
    // A few percent, as on a real B2B site (the demo once turned 85–94 % of its visits into contacts).
    expect(s.total.visit_to_contact).toBeLessThan(0.1);
    for (const c of s.channels) if (c.visits > 100) expect(c.visit_to_contact, c.channel).toBeLessThan(0.15);
  });

  it('never counts more conversions than the people who could convert', async () => {
    const a = await assetsReport(t.db, year, { limit: null });
    expect(a.pages.length).toBeGreaterThan(0);
    for (const p of a.pages) {
      expect(p.submitters, p.path).toBeLessThanOrEqual(p.visitors);
      expect(p.submissions, p.path).toBeLessThanOrEqual(p.views);
    }
    expect(a.ctas.length).toBeGreaterThan(0);
    for (const c of a.ctas) expect(c.clicks, c.key).toBeLessThanOrEqual(c.views);
    for (const w of a.webinars) expect(w.attendances, w.key).toBeLessThanOrEqual(w.registrations);
    // A landing page converts a share of its visitors, not all of them.
    const offers = a.pages.filter((p) => p.submitters > 0 && p.visitors >= 50);
    expect(offers.length).toBeGreaterThan(0);
    for (const p of offers) expect(p.conversion_rate!, p.path).toBeLessThan(0.9);
  });

  it('makes only contacts the definition admits MQLs: no student, and no customer labelled Suppress', async () => {
    const [bad] = await t.db.query<{ students: number; untyped: number; suppressed_customers: number }>(
      `SELECT count(*) FILTER (WHERE c.lifecycle_stage = 'mql' AND c.job_title ~* '\\m(student|intern)\\M') AS students,
              count(*) FILTER (WHERE c.lifecycle_stage = 'mql' AND c.mql_clause IS NULL) AS untyped,
              count(*) FILTER (WHERE c.lifecycle_stage IN ('customer', 'evangelist') AND s.quadrant = 'suppress') AS suppressed_customers
         FROM contacts c LEFT JOIN contact_scores s ON s.contact_id = c.id`,
    );
    expect(bad).toEqual({ students: 0, untyped: 0, suppressed_customers: 0 });
  });

  it('has campaigns whose returns a marketer would believe', async () => {
    const { campaigns } = await campaignResults(t.db, year);
    const paid = campaigns.filter((c) => c.spend > 0);
    expect(paid.length).toBeGreaterThan(3);
    expect(paid.some((c) => (c.roi ?? -1) > 0)).toBe(true);
    expect(paid.some((c) => (c.roi ?? 0) < 0)).toBe(true);
    for (const c of paid) expect(c.roi ?? 0, c.campaign).toBeLessThan(30);
  });

  it('has pricing-page readers who become customers more often than those who never read it, and enough customers to learn from', async () => {
    const [r] = await t.db.query<{ readers: number; readers_won: number; others: number; others_won: number }>(
      `WITH readers AS (SELECT DISTINCT e.contact_id FROM events e JOIN assets a ON a.id = e.asset_id WHERE a.kind = 'page' AND a.key = '/pricing' AND e.contact_id IS NOT NULL),
            won AS (SELECT contact_id FROM contact_stage_firsts WHERE stage = 'customer')
       SELECT (SELECT count(*) FROM readers) AS readers, (SELECT count(*) FROM readers JOIN won USING (contact_id)) AS readers_won,
              (SELECT count(*) FROM contacts c WHERE c.id NOT IN (SELECT contact_id FROM readers)) AS others,
              (SELECT count(*) FROM won WHERE contact_id NOT IN (SELECT contact_id FROM readers)) AS others_won`,
    );
    expect(r!.readers_won / r!.readers).toBeGreaterThan(2 * (r!.others_won / r!.others));
    expect(summary.stages.customer + summary.stages.evangelist).toBeGreaterThanOrEqual(25);
    const [model] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM predictive_models');
    expect(model!.n).toBeGreaterThan(0);
  });
});
