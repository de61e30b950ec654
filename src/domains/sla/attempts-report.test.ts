import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { logActivity } from '../crm/activities.js';
import { createContact } from '../crm/contacts.js';
import { createDeal } from '../crm/deals.js';
import { createUser } from '../crm/users.js';
import { moveStage } from '../funnel/transitions.js';
import { attemptsReport, monthsBefore } from './attempts-report.js';

const asOf = new Date('2026-11-20T12:00:00Z'); // 3 months before: 2026-08-20T12:00Z
const exact = { minGroupSize: 1, resamples: 0 }; // one group per attempt count, so each lead can be checked

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
    // Anything after asOf is ignored.
    await act(c2, 'call', '2026-11-25T10:00:00Z', { user_id: repA });
  });
  afterAll(() => t.cleanup());

  it('groups the leads in the funnel ≥ 3 months by attempts, with exact leads, customers, revenue and cost', async () => {
    const r = await attemptsReport(t.db, { asOf }, exact);
    expect(r).toMatchObject({ asOf: '2026-11-20T12:00:00.000Z', minMonths: 3, mqlBefore: '2026-08-20T12:00:00.000Z', mqlFrom: null });
    // Leads: c3 (0 attempts), c6 (1), c7 (2), c1 (3), c2 (4); c4 is too recent, c5 never an MQL.
    expect(r.overall.leads).toBe(5);
    expect(r.overall.customers).toBe(2);
    expect(r.overall.groups.map((g) => ({ label: g.label, leads: g.leads, customers: g.customers, revenue: g.revenue, cost: g.cost, profit: g.profitPerLead, connected: g.connected }))).toEqual([
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
    // Profit per lead over 1..4 attempts: 4997, 0, 9991, −9 → the plateau is 3.
    expect(r.overall.recommended.n).toBe(3);
    expect(r.byLeadType.map((lt) => [lt.leadType, lt.leads, lt.customers, lt.groups.map((g) => g.label)])).toEqual([
      ['demo', 2, 1, ['0', '1']],
      ['unknown', 1, 0, ['2']],
      ['webinar', 2, 1, ['3', '4']],
    ]);
    const webinar = r.byLeadType.find((lt) => lt.leadType === 'webinar')!;
    expect(webinar.recommended.n).toBe(3);
    // Demo's only group from 1 attempt up is "1": nothing to compare. Unknown has no revenue.
    expect(r.byLeadType.find((lt) => lt.leadType === 'demo')!.recommended).toMatchObject({ n: null, reason: expect.stringMatching(/Only one group/) });
    expect(r.byLeadType.find((lt) => lt.leadType === 'unknown')!.recommended).toMatchObject({ n: null, reason: expect.stringMatching(/No revenue/) });
    expect(r.chart).toEqual({
      x: [0, 1, 2, 3, 4],
      series: [
        { name: 'demo', y: [0, 4997, null, null, null], leads: [1, 1, null, null, null], labels: ['0', '1', null, null, null] },
        { name: 'unknown', y: [null, null, 0, null, null], leads: [null, null, 1, null, null], labels: [null, null, '2', null, null] },
        { name: 'webinar', y: [null, null, null, 9991, -9], leads: [null, null, null, 1, 1], labels: [null, null, null, '3', '4'] },
      ],
    });
    expect(r.method).toMatch(/hourly cost ÷ calls per hour/);
  });

  it('minMonths and from choose the cohort', async () => {
    // 0 months: c4 (MQL 1 Oct, 1 attempt by Ana) joins the 1-attempt group.
    const all = await attemptsReport(t.db, { asOf, minMonths: 0 }, exact);
    expect(all.overall.leads).toBe(6);
    expect(all.overall.groups.find((g) => g.label === '1')).toMatchObject({ leads: 2, customers: 1, revenue: 5000, cost: 6 });
    // From 1 Mar: c6 (MQL 1 Feb) is left out.
    const recent = await attemptsReport(t.db, { asOf, from: new Date('2026-03-01T00:00:00Z') }, exact);
    expect(recent.overall.groups.map((g) => [g.label, g.leads])).toEqual([['0', 1], ['2', 1], ['3', 1], ['4', 1]]);
    // Before any of it happened: nobody.
    const early = await attemptsReport(t.db, { asOf: new Date('2026-01-01T00:00:00Z') });
    expect(early.overall).toMatchObject({ leads: 0, groups: [], recommended: { n: null } });
    expect(early.costPerAttempt).toEqual({ attempts: 0, attemptsWithoutCost: 0, totalCost: 0, average: null, byRep: [] });
  });

  it('as of a past date, later wins and attempts do not count', async () => {
    // As of 15 Apr with 0 months: c1 (MQL 1 Apr) had its 3 attempts but was not won yet; c2 was not an MQL yet.
    const r = await attemptsReport(t.db, { asOf: new Date('2026-04-15T00:00:00Z'), minMonths: 0 }, exact);
    expect(r.overall.groups.map((g) => [g.label, g.leads, g.customers, g.revenue, g.cost])).toEqual([['1', 1, 1, 5000, 3], ['3', 1, 0, 0, 9]]);
  });

  it('refuses a bad minMonths', async () => {
    await expect(attemptsReport(t.db, { asOf, minMonths: -1 })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
