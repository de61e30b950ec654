import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { logActivity } from '../crm/activities.js';
import { createContact } from '../crm/contacts.js';
import { createDeal } from '../crm/deals.js';
import { createUser } from '../crm/users.js';
import { moveStage } from '../funnel/transitions.js';
import { ATTEMPTS_DEFAULT_DAYS, attemptsReport, attemptsRows, monthsBefore } from './attempts-report.js';

const asOf = new Date('2026-11-20T12:00:00Z'); // 3 months before: 2026-08-20T12:00Z
// One group per attempt count and every attempt deciding, so each lead can be checked.
const exact = { minGroupSize: 1, minAtRisk: 1 };
const since2016 = new Date('2016-01-01T00:00:00Z');

describe('monthsBefore', () => {
  it('goes back calendar months, clamping the day', () => {
    expect(monthsBefore(asOf, 3).toISOString()).toBe('2026-08-20T12:00:00.000Z');
    expect(monthsBefore(new Date('2026-05-31T00:00:00Z'), 3).toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(monthsBefore(new Date('2026-02-15T00:00:00Z'), 3).toISOString()).toBe('2025-11-15T00:00:00.000Z');
  });
});

describe.each(testBackends())('optimal number of attempts on imported history (%s)', (backend) => {
  let t: TestDb;
  const ids: Record<string, number> = {};
  let repA: number;

  beforeAll(async () => {
    t = await createTestDb(backend);
    const clock = fixedClock(asOf);
    // An import: contacts with their past stage dates, activities and deals with past dates.
    const imp: Ctx = { db: t.db, clock, actor: { type: 'import' } };
    repA = (await createUser(t.db, { name: 'Ana Rep', email: 'ana@example.com', role: 'sales_rep', hourly_cost: 30, calls_per_hour: 10 })).id; // 3 € an attempt
    const repB = (await createUser(t.db, { name: 'Ben Rep', email: 'ben@example.com', role: 'sales_rep' })).id; // hourly cost 0: no cost data

    const lead = async (key: string, mqlType: string | null, history: [string, string][]) => {
      const c = await createContact(imp, {
        email: `${key}@${key}-corp.com`, created_at: history[0]![1], stage_history: history.map(([stage, at]) => ({ stage, at })),
      });
      if (mqlType) await t.db.query('UPDATE contacts SET mql_type = $2 WHERE id = $1', [c.id, mqlType]);
      ids[key] = c.id;
      return c.id;
    };
    const act = (contact: number, type: string, at: string, more: Record<string, unknown> = {}) =>
      logActivity(imp, { type, contact_id: contact, occurred_at: at, ...more });

    // c1, webinar, MQL 1 Apr, won 1 May (10,000): 3 attempts by Ana before the win → 9 €; connected on the 2nd.
    const c1 = await lead('c1', 'webinar', [['lead', '2026-03-01T09:00:00Z'], ['mql', '2026-04-01T09:00:00Z']]);
    await act(c1, 'call', '2026-04-02T10:00:00Z', { user_id: repA, outcome: 'no_answer' });
    await act(c1, 'call', '2026-04-03T10:00:00Z', { user_id: repA, outcome: 'connected' });
    await act(c1, 'email', '2026-04-05T10:00:00Z', { user_id: repA, outcome: 'sent' });
    await act(c1, 'call', '2026-04-06T10:00:00Z', { user_id: repA, direction: 'inbound' }); // inbound: not an attempt
    await act(c1, 'meeting', '2026-04-08T10:00:00Z', { user_id: repA, outcome: 'completed' }); // a meeting: not an attempt
    await createDeal(imp, { name: 'c1 deal', stage: 'closed_won', amount: 10000, contact_id: c1, created_at: '2026-04-10T00:00:00Z', closed_at: '2026-05-01T00:00:00Z' });
    await act(c1, 'call', '2026-05-10T10:00:00Z', { user_id: repA }); // after the win: account work, not an attempt

    // c2, webinar, MQL 1 May, never won: 3 attempts by Ana (9 €) + 1 by Ben (no cost) = 4; one touch before MQL does not count.
    const c2 = await lead('c2', 'webinar', [['lead', '2026-04-01T09:00:00Z'], ['mql', '2026-05-01T09:00:00Z']]);
    await act(c2, 'call', '2026-04-20T10:00:00Z', { user_id: repA });
    for (const d of ['02', '04', '06']) await act(c2, 'call', `2026-05-${d}T10:00:00Z`, { user_id: repA, outcome: 'voicemail' });
    await act(c2, 'social', '2026-05-08T10:00:00Z', { user_id: repB });

    // c3, demo, MQL 1 Jun, no attempt, never won.
    await lead('c3', 'demo', [['lead', '2026-05-20T09:00:00Z'], ['mql', '2026-06-01T09:00:00Z']]);

    // c6, demo, MQL 1 Feb: one social touch (3 €), a lost deal and a won 5,000 deal (closed 1 Mar).
    const c6 = await lead('c6', 'demo', [['lead', '2026-01-15T09:00:00Z'], ['mql', '2026-02-01T09:00:00Z']]);
    await act(c6, 'social', '2026-02-03T10:00:00Z', { user_id: repA });
    await createDeal(imp, { name: 'c6 lost', stage: 'closed_lost', lost_reason: 'price', amount: 99000, contact_id: c6, created_at: '2026-02-05T00:00:00Z', closed_at: '2026-02-20T00:00:00Z' });
    await createDeal(imp, { name: 'c6 won', stage: 'closed_won', amount: 5000, contact_id: c6, created_at: '2026-02-10T00:00:00Z', closed_at: '2026-03-01T00:00:00Z' });

    // c7, no MQL type, made an MQL live on 1 Jul (moveStage, fixed clock): 2 attempts logged without a rep (cost unknown).
    clock.set('2026-06-01T09:00:00Z');
    const live: Ctx = { db: t.db, clock, actor: { type: 'user', id: String(repA) } };
    const c7 = (await createContact(live, { email: 'c7@c7-corp.com', lifecycle_stage: 'lead' })).id;
    ids.c7 = c7;
    clock.set('2026-07-01T09:00:00Z');
    await moveStage(live, 'contact', c7, 'mql');
    await act(c7, 'email', '2026-07-02T10:00:00Z');
    await act(c7, 'email', '2026-07-09T10:00:00Z', { outcome: 'replied' });

    // c4, webinar, MQL 1 Oct: too recent for 3 months. c5: never an MQL.
    const c4 = await lead('c4', 'webinar', [['lead', '2026-09-01T09:00:00Z'], ['mql', '2026-10-01T09:00:00Z']]);
    await act(c4, 'call', '2026-10-02T10:00:00Z', { user_id: repA });
    const c5 = await lead('c5', null, [['lead', '2026-01-01T09:00:00Z']]);
    await act(c5, 'call', '2026-01-02T10:00:00Z', { user_id: repA });
    // c1's and c2's companies (made from their email domains) are in Software.
    await t.db.query("UPDATE companies SET industry = 'Software' WHERE id IN (SELECT company_id FROM contacts WHERE id = ANY($1::bigint[]))", [[c1, c2]]);

    // c8, demo, an MQL of 2008: 2 attempts, won.
    const c8 = await lead('c8', 'demo', [['lead', '2008-02-01T09:00:00Z'], ['mql', '2008-03-01T09:00:00Z']]);
    await act(c8, 'call', '2008-03-02T10:00:00Z', { user_id: repA });
    await act(c8, 'call', '2008-03-04T10:00:00Z', { user_id: repA });
    await createDeal(imp, { name: 'c8 won', stage: 'closed_won', amount: 2000, contact_id: c8, created_at: '2008-03-05T00:00:00Z', closed_at: '2008-03-10T00:00:00Z' });
    // Anything after asOf is ignored.
    await act(c2, 'call', '2026-11-25T10:00:00Z', { user_id: repA });
  });
  afterAll(() => t.cleanup());

  it('counts, for each attempt, the leads still unconverted that got it and those who converted after it, with exact figures', async () => {
    const r = await attemptsReport(t.db, { asOf, from: since2016 }, exact);
    expect(r).toMatchObject({ asOf: '2026-11-20T12:00:00.000Z', minMonths: 3, mqlFrom: since2016.toISOString(), mqlTo: '2026-08-20T12:00:00.000Z', limitedBy: 'maturity', dimension: { key: 'mql_type', label: 'MQL type' } });
    expect(r.applied).toBe('Leads that became MQLs from Jan 1, 2016 up to Aug 20, 2026 (at least 3 months before Nov 20, 2026), their attempts and conversions up to Nov 20, 2026, by MQL type.');
    // Leads: c3 (0 attempts), c6 (1, won), c7 (2), c1 (3, won), c2 (4); c4 is too recent, c5 never an MQL, c8 an MQL of 2008.
    expect(r.overall).toMatchObject({ leads: 5, customers: 2, convertedWithoutAttempt: 0 });
    // Value of a conversion: (5,000 + 10,000) / 2; cost: 21 € over the 7 attempts with cost data.
    expect(r.overall).toMatchObject({ valuePerConversion: 7500, costPerAttempt: 3, costSource: 'measured' });
    // At risk for attempt k = leads with at least k attempts (c6, c7, c1, c2; then c7, c1, c2; c1, c2; c2).
    // c6 converted after its 1st attempt, c1 after its 3rd (its later calls and its inbound call do not count).
    expect(r.overall.steps.map((s) => [s.attempt, s.atRisk, s.conversions, s.value, s.cumulativeShare])).toEqual([
      [1, 4, 1, 1875, 0.5],
      [2, 3, 0, 0, 0.5],
      [3, 2, 1, 3750, 1],
      [4, 1, 0, 0, 1],
    ]);
    // Expected profit of an SLA of N: 1,875 − 3; − 0.75 × 3; + 0.75 × (3,750 − 3); − 0.375 × 3 → best at 3.
    expect(r.overall.steps.map((s) => s.expectedProfit)).toEqual([1872, 1869.75, 4680, 4678.88]);
    expect(r.overall.recommended).toMatchObject({ n: 3, cumulativeShare: 1, expectedProfit: 4680, confidence: 'low' });
    // The groups by attempts made, as a second view: leads, customers, revenue (won deals only), cost.
    expect(r.overall.byAttemptsMade.map((g) => ({ label: g.label, leads: g.leads, customers: g.customers, revenue: g.revenue, cost: g.cost, profit: g.profitPerLead, connected: g.connected }))).toEqual([
      { label: '0', leads: 1, customers: 0, revenue: 0, cost: 0, profit: 0, connected: 0 }, // c3
      { label: '1', leads: 1, customers: 1, revenue: 5000, cost: 3, profit: 4997, connected: 0 }, // c6: the lost 99,000 deal is not revenue
      { label: '2', leads: 1, customers: 0, revenue: 0, cost: 0, profit: 0, connected: 0 }, // c7: no rep, no cost
      { label: '3', leads: 1, customers: 1, revenue: 10000, cost: 9, profit: 9991, connected: 1 }, // c1
      { label: '4', leads: 1, customers: 0, revenue: 0, cost: 9, profit: -9, connected: 0 }, // c2: Ben's touch costs nothing
    ]);
    // Cost: 10 attempts, 3 without cost data (Ben's 1, c7's 2), 21 € over the 7 costed → 3 € each.
    expect(r.costPerAttempt).toMatchObject({ attempts: 10, attemptsWithoutCost: 3, totalCost: 21, average: 3 });
    expect(r.costPerAttempt.byRep).toEqual([
      { userId: repA, name: 'Ana Rep', hourlyCost: 30, callsPerHour: 10, costPerAttempt: 3, attempts: 7, missingCost: false },
      { userId: null, name: null, hourlyCost: null, callsPerHour: null, costPerAttempt: 0, attempts: 2, missingCost: true },
      { userId: expect.any(Number), name: 'Ben Rep', hourlyCost: 0, callsPerHour: 10, costPerAttempt: 0, attempts: 1, missingCost: true },
    ]);
    // Per MQL type, biggest first; c7 has no MQL type: Unspecified.
    expect(r.byGroup.map((g) => [g.group, g.label, g.leads, g.customers, g.steps.map((s) => [s.atRisk, s.conversions])])).toEqual([
      ['demo', 'Demo', 2, 1, [[1, 1]]],
      ['webinar', 'Webinar', 2, 1, [[2, 0], [2, 0], [2, 1], [1, 0]]],
      ['unspecified', 'Unspecified', 1, 0, [[1, 0], [1, 0]]],
    ]);
    const webinar = r.byGroup.find((g) => g.group === 'webinar')!;
    // Webinar: 10,000 a customer; 18 € over its 6 costed attempts.
    expect(webinar).toMatchObject({ valuePerConversion: 10000, costPerAttempt: 3 });
    expect(webinar.recommended.n).toBe(3);
    expect(r.byGroup.find((g) => g.group === 'demo')!.recommended.n).toBe(1);
    expect(r.byGroup.find((g) => g.group === 'unspecified')!.recommended).toMatchObject({ n: null, reason: expect.stringMatching(/None of these leads converted/) });
    expect(r.method).toMatch(/hourly cost ÷ calls per hour/);
    // The table (terminal, CSV): what was applied, then each curve's recommendation and its attempts; money as numbers.
    const rows = attemptsRows(r);
    expect(rows[0]).toMatchObject({ group: 'applied', note: r.applied });
    expect(JSON.parse(JSON.stringify(rows[1]))).toMatchObject({ group: 'All leads', attempt: 'recommended: 3', at_risk: 5, conversions: 2, cumulative_share: 1, profit_per_lead_sla: 4680 });
    expect(String(rows[1]!.cumulative_share)).toBe('100.0%');
    expect(JSON.parse(JSON.stringify(rows.slice(2, 6))).map((x: Record<string, unknown>) => [x.attempt, x.at_risk, x.conversions, x.value_of_attempt, x.pays, x.profit_per_lead_sla])).toEqual([
      [1, 4, 1, 1875, 'yes', 1872], [2, 3, 0, 0, 'no', 1869.75], [3, 2, 1, 3750, 'yes', 4680], [4, 1, 0, 0, 'no', 4678.88],
    ]);
    expect(rows.filter((x) => String(x.attempt).startsWith('recommended')).map((x) => x.group)).toEqual(['All leads', 'Demo', 'Webinar', 'Unspecified']);
  });

  it('applies the window on the MQL moment exactly, then the months a lead must have had', async () => {
    // No lower bound: the MQL of 2008 (c8, 2 attempts, won) counts too.
    const open = await attemptsReport(t.db, { asOf }, exact);
    expect(open.overall.leads).toBe(6);
    expect(open.mqlFrom).toBeNull();
    // The ten years before asOf (what the CSV export and the CLI apply by default) leave it out.
    const tenYears = await attemptsReport(t.db, { asOf, from: new Date(asOf.getTime() - ATTEMPTS_DEFAULT_DAYS * 86400_000) }, exact);
    expect(tenYears.overall.leads).toBe(5);
    // 0 months: c4 (MQL 1 Oct, 1 attempt by Ana) joins: 2 leads got a 1st attempt... of 6 with one.
    const all = await attemptsReport(t.db, { asOf, minMonths: 0, from: since2016 }, exact);
    expect(all.overall.leads).toBe(6);
    expect(all.overall.steps[0]).toMatchObject({ atRisk: 5, conversions: 1 });
    expect(all.overall.byAttemptsMade.find((g) => g.label === '1')).toMatchObject({ leads: 2, customers: 1, revenue: 5000, cost: 6 });
    // From 1 Mar: c6 (MQL 1 Feb) is left out.
    const recent = await attemptsReport(t.db, { asOf, from: new Date('2026-03-01T00:00:00Z') }, exact);
    expect(recent.overall.byAttemptsMade.map((g) => [g.label, g.leads])).toEqual([['0', 1], ['2', 1], ['3', 1], ['4', 1]]);
    // To 1 May (exclusive): c6 and c1 only; c2 became an MQL on 1 May. The window, not the months, ends the range.
    const spring = await attemptsReport(t.db, { asOf, from: since2016, to: new Date('2026-05-01T00:00:00Z') }, exact);
    expect(spring).toMatchObject({ mqlTo: '2026-05-01T00:00:00.000Z', limitedBy: 'window' });
    expect(spring.overall.byAttemptsMade.map((g) => [g.label, g.leads])).toEqual([['1', 1], ['3', 1]]);
    expect(spring.applied).toBe('Leads that became MQLs from Jan 1, 2016 up to Apr 30, 2026, their attempts and conversions up to Nov 20, 2026, by MQL type.');
    // A window after the months a lead must have had: nobody, and the sentence says why.
    const late = await attemptsReport(t.db, { asOf, from: new Date('2026-10-01T00:00:00Z'), to: new Date('2026-11-01T00:00:00Z') }, exact);
    expect(late.overall.leads).toBe(0);
    expect(late.applied).toBe('No lead can count: leads must have become MQLs by Aug 20, 2026 (at least 3 months before Nov 20, 2026), and the window starts on Oct 1, 2026.');
    // Days in the workspace's zone.
    expect((await attemptsReport(t.db, { asOf, from: new Date('2026-02-28T23:00:00Z'), zone: 'Europe/Madrid' }, exact)).applied).toMatch(/^Leads that became MQLs from Mar 1, 2026 up to Aug 20, 2026 .* \(days in Europe\/Madrid\)\.$/);
    // Before any of it happened: nobody.
    const early = await attemptsReport(t.db, { asOf: new Date('2026-01-01T00:00:00Z'), from: since2016 });
    expect(early.overall).toMatchObject({ leads: 0, steps: [], byAttemptsMade: [], recommended: { n: null } });
    expect(early.costPerAttempt).toEqual({ attempts: 0, attemptsWithoutCost: 0, totalCost: 0, average: null, byRep: [] });
  });

  it('as of a past date, later wins and attempts do not count', async () => {
    // As of 15 Apr with 0 months: c1 (MQL 1 Apr) had its 3 attempts but was not won yet; c2 was not an MQL yet.
    const r = await attemptsReport(t.db, { asOf: new Date('2026-04-15T00:00:00Z'), minMonths: 0, from: since2016 }, exact);
    expect(r.overall.byAttemptsMade.map((g) => [g.label, g.leads, g.customers, g.revenue, g.cost])).toEqual([['1', 1, 1, 5000, 3], ['3', 1, 0, 0, 9]]);
    expect(r.overall.steps.map((s) => [s.atRisk, s.conversions])).toEqual([[2, 1], [1, 0], [1, 0]]);
  });

  it('splits by another dimension, and refuses one it does not know by name', async () => {
    const r = await attemptsReport(t.db, { asOf, from: since2016, dimension: 'industry' }, exact);
    expect(r.dimension).toEqual({ key: 'industry', label: 'Industry' });
    // c1 and c2 work at Software companies; the others have none.
    expect(r.byGroup.map((g) => [g.group, g.leads, g.customers])).toEqual([['Software', 2, 1], ['(none)', 3, 1]]);
    await expect(attemptsReport(t.db, { asOf, dimension: 'shoe_size' })).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [expect.objectContaining({ field: 'dimension' })] } });
  });

  it('refuses a bad minMonths', async () => {
    await expect(attemptsReport(t.db, { asOf, minMonths: -1 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
