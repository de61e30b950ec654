import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { measuredFunnelRates, reverseFunnelPlanner, reverseFunnelPlannerFromQuery } from './funnel-rates.js';

const march = { from: new Date('2026-03-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };
const d = (day: string) => new Date(`2026-${day}Z`);

describe.each(testBackends())('measured funnel rates on %s', (backend) => {
  let t: TestDb;

  /** A contact created at `created`, its transitions in order, and where it stands now. */
  async function contact(email: string, created: Date, current: string, path: [stage: string, at: Date, kind?: string][]): Promise<number> {
    const [row] = await t.db.query<{ id: number }>(
      'INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at) VALUES ($1, $1, $2, $3) RETURNING id',
      [email, current, created],
    );
    let from: string | null = null;
    for (const [to, at, kind] of path) {
      await t.db.query(
        `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, $4, $5, 'system')`,
        [row!.id, from, to, kind ?? (from === null ? 'create' : 'forward'), at],
      );
      from = to;
    }
    return row!.id;
  }
  async function deal(contactId: number | null, stage: string, amount: number | null, closedAt: Date | null, currency = 'EUR') {
    await t.db.query('INSERT INTO deals (name, pipeline_id, stage, amount, currency, contact_id, closed_at) VALUES ($1, 1, $2, $3, $4, $5, $6)', [
      `deal ${stage} ${amount}`,
      stage,
      amount,
      currency,
      contactId,
      closedAt,
    ]);
  }
  async function visits(n: number, start: Date, contactId: number | null = null) {
    for (let i = 0; i < n; i++) {
      const at = new Date(start.getTime() + i * 3600_000);
      await t.db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule) VALUES ($1, $2, $3, $3, 'Direct', 'test')`, [
        `v${start.getTime()}-${i}`,
        contactId,
        at,
      ]);
    }
  }

  beforeAll(async () => {
    t = await createTestDb(backend);
    // The March cohort.
    await contact('s1@x.test', d('03-02T10:00:00'), 'subscriber', [['subscriber', d('03-02T10:00:00')]]);
    await contact('s2@x.test', d('03-03T10:00:00'), 'subscriber', [['subscriber', d('03-03T10:00:00')]]);
    const a = await contact('a@x.test', d('03-02T11:00:00'), 'customer', [
      ['lead', d('03-02T11:00:00')],
      ['mql', d('03-04T11:00:00')],
      ['sql', d('03-06T11:00:00')],
      ['opportunity', d('03-08T11:00:00')],
      ['customer', d('03-20T11:00:00')],
    ]);
    // B skips from lead to customer: it counts as having passed MQL, SQL and opportunity.
    const b = await contact('b@x.test', d('03-03T11:00:00'), 'customer', [['lead', d('03-03T11:00:00')], ['customer', d('03-18T11:00:00')]]);
    // C reached SQL and was recycled: it still counts as an SQL.
    await contact('c@x.test', d('03-04T11:00:00'), 'lead', [
      ['lead', d('03-04T11:00:00')],
      ['mql', d('03-05T11:00:00')],
      ['sql', d('03-07T11:00:00')],
      ['lead', d('03-09T11:00:00'), 'recycle'],
    ]);
    const dd = await contact('d@x.test', d('03-05T11:00:00'), 'mql', [['lead', d('03-05T11:00:00')], ['mql', d('03-06T11:00:00')]]);
    const e = await contact('e@x.test', d('03-06T11:00:00'), 'lead', [['lead', d('03-06T11:00:00')]]);
    // Later in March: one outside the funnel, one written without transitions (counted at its current stage).
    await contact('g@x.test', d('03-15T11:00:00'), 'other', [['other', d('03-15T11:00:00')]]);
    await contact('n@x.test', d('03-16T11:00:00'), 'mql', []);
    // Outside the cohort: February (won in March), the last second of February, the first instant of April.
    const h = await contact('h@x.test', d('02-10T11:00:00'), 'customer', [['lead', d('02-10T11:00:00')], ['customer', d('03-12T11:00:00')]]);
    await contact('y@x.test', d('02-28T23:59:59'), 'customer', [['customer', d('02-28T23:59:59')]]);
    await contact('x@x.test', d('04-01T00:00:00'), 'lead', [['lead', d('04-01T00:00:00')]]);

    // Visits: 15 from 1 March, 5 from 20 March; outside: 2 in February, 1 at the first instant of April.
    await visits(10, d('03-01T00:00:00'));
    await visits(5, d('03-08T00:00:00'), a);
    await visits(5, d('03-20T00:00:00'));
    await visits(2, d('02-20T00:00:00'));
    await visits(1, d('04-01T00:00:00'));

    // Won in March: A twice (40,000), B 20,000, H 50,000 (USD); a won deal without a contact and one without an amount.
    await deal(a, 'closed_won', 30_000, d('03-20T12:00:00'));
    await deal(a, 'closed_won', 10_000, d('03-25T12:00:00'));
    await deal(b, 'closed_won', 20_000, d('03-18T12:00:00'));
    await deal(h, 'closed_won', 50_000, d('03-12T12:00:00'), 'USD');
    await deal(null, 'closed_won', 99_000, d('03-15T12:00:00'));
    await deal(dd, 'closed_won', null, d('03-22T12:00:00'));
    // Not counted: won in April, lost in March, still open.
    await deal(a, 'closed_won', 70_000, d('04-02T12:00:00'));
    await deal(b, 'closed_lost', 5_000, d('03-10T12:00:00'));
    await deal(e, 'proposal', 8_000, null);
  });
  afterAll(() => t.cleanup());

  it('measures the March cohort exactly, with every sample', async () => {
    const m = await measuredFunnelRates(t.db, march, { now: new Date('2026-09-01T00:00:00Z') });
    expect(m.window).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z' });
    expect(m.cohort).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-04-01T00:00:00.000Z', maturityDays: 0 });
    expect(m.counts).toEqual({ visits: 20, contacts: 9, subscribers: 2, leads: 6, mqls: 5, sqls: 3, opportunities: 2, customers: 2 });
    expect(m.rates).toEqual({
      visitToLead: { value: 6 / 20, numerator: 6, denominator: 20, of: 'leads ÷ visits' },
      leadToMql: { value: 5 / 6, numerator: 5, denominator: 6, of: 'MQLs ÷ leads' },
      mqlToSql: { value: 3 / 5, numerator: 3, denominator: 5, of: 'SQLs ÷ MQLs' },
      sqlToCustomer: { value: 2 / 3, numerator: 2, denominator: 3, of: 'customers ÷ SQLs' },
      sqlToOpportunity: { value: 2 / 3, numerator: 2, denominator: 3, of: 'opportunities ÷ SQLs' },
      opportunityToCustomer: { value: 1, numerator: 2, denominator: 2, of: 'customers ÷ opportunities' },
      leadToCustomer: { value: 2 / 6, numerator: 2, denominator: 6, of: 'customers ÷ leads' },
    });
    expect(m.averageContractSize).toEqual({
      value: 110_000 / 3,
      numerator: 110_000,
      denominator: 3,
      of: 'won revenue ÷ customers with a won deal',
      deals: 6,
      dealsWithoutAmount: 1,
      dealsWithoutContact: 1,
      currencies: ['EUR', 'USD'],
    });
    expect(m.notes).toEqual([
      '1 won deal(s) without an amount were left out of the average contract size.',
      '1 won deal(s) without a contact were left out of the average contract size.',
      'Won deals are in several currencies (EUR, USD); amounts were added without conversion.',
    ]);
  });

  it('with a maturity lag leaves out contacts (and visits) too young to have converted', async () => {
    const m = await measuredFunnelRates(t.db, march, { now: new Date('2026-03-20T00:00:00Z'), maturityDays: 10 });
    expect(m.cohort).toEqual({ from: '2026-03-01T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z', maturityDays: 10 });
    expect(m.counts).toEqual({ visits: 15, contacts: 7, subscribers: 2, leads: 5, mqls: 4, sqls: 3, opportunities: 2, customers: 2 });
    expect(m.rates.visitToLead).toMatchObject({ numerator: 5, denominator: 15 });
    expect(m.rates.leadToMql).toMatchObject({ value: 4 / 5, numerator: 4, denominator: 5 });
    expect(m.rates.mqlToSql).toMatchObject({ value: 3 / 4, numerator: 3, denominator: 4 });
    // Deals are by close date over the whole window, unaffected by the lag.
    expect(m.averageContractSize).toMatchObject({ numerator: 110_000, denominator: 3 });
    expect(m.notes[0]).toMatch(/^The cohort includes contacts created in the last 90 days/);
  });

  it('has no values, only empty samples, for a window without data', async () => {
    const m = await measuredFunnelRates(t.db, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-02-01T00:00:00Z') });
    expect(m.counts).toEqual({ visits: 0, contacts: 0, subscribers: 0, leads: 0, mqls: 0, sqls: 0, opportunities: 0, customers: 0 });
    expect(m.rates.mqlToSql).toEqual({ value: null, numerator: 0, denominator: 0, of: 'SQLs ÷ MQLs' });
    expect(m.averageContractSize).toMatchObject({ value: null, numerator: 0, denominator: 0, deals: 0, currencies: [] });
  });

  it('plans from the measured rates, an entered rate overriding its measured one', async () => {
    const now = new Date('2026-09-01T00:00:00Z');
    const { plan, measured } = await reverseFunnelPlanner(t.db, { revenueGoal: 110_000, month: '2026-03', rates: { visitToLead: 0.05 } }, now);
    expect(measured.counts.leads).toBe(6);
    expect(plan.sources.visitToLead).toEqual({ source: 'entered', value: 0.05, measured: { value: 0.3, numerator: 6, denominator: 20, of: 'leads ÷ visits' } });
    expect(plan.sources.mqlToSql).toMatchObject({ source: 'measured', value: 3 / 5 });
    expect(plan.sources.averageContractSize).toMatchObject({ source: 'measured', value: 110_000 / 3 });
    // 110,000 ÷ 36,666.67 = 3 customers ÷ 2/3 = 4.5 SQLs ÷ 3/5 = 7.5 MQLs ÷ 5/6 = 9 leads ÷ 0.05 = 180 visits.
    expect(plan.perMonth.customers.exact).toBeCloseTo(3);
    expect(plan.perMonth.sqls.exact).toBeCloseTo(4.5);
    expect(Object.fromEntries(Object.entries(plan.perMonth).map(([k, v]) => [k, v.needed]))).toEqual({ customers: 3, sqls: 5, mqls: 8, leads: 9, visits: 180 });
  });

  it('refuses, naming the field, a rate with nothing measured and not entered', async () => {
    const now = new Date('2026-09-01T00:00:00Z');
    await expect(
      reverseFunnelPlanner(t.db, { revenueGoal: 10_000, month: '2025-01', rates: { visitToLead: 0.02, leadToMql: 0.2, sqlToCustomer: 0.25 }, averageContractSize: 5_000 }, now),
    ).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ field: 'rates.mqlToSql', problem: 'no measured value (0 MQLs in the window); enter one' }] } });
    // From GET parameters the error names the parameter.
    await expect(
      reverseFunnelPlannerFromQuery(t.db, { goal: '10000', month: '2025-01', visitToLead: '0.02', leadToMql: '0.2', sqlToCustomer: '0.25', averageContractSize: '5000' }, now),
    ).rejects.toMatchObject({ details: { errors: [{ field: 'mqlToSql', problem: 'no measured value (0 MQLs in the window); enter one' }] } });
  });

  it.each([
    [{ goal: '0', month: '2026-03' }, 'goal', 'must be more than 0'],
    [{ goal: '-100', month: '2026-03' }, 'goal', 'must be more than 0'],
    [{ goal: 'lots', month: '2026-03' }, 'goal', 'must be a number'],
    [{ month: '2026-03' }, 'goal', 'is required'],
    [{ goal: '1000', month: '2026-03', mqlToSql: '40' }, 'mqlToSql', 'must be a share between 0 and 1 (25 % is 0.25)'],
    [{ goal: '1000', month: '2026-13' }, 'month', '"2026-13" is not a month; use YYYY-MM, e.g. 2026-03'],
  ])('GET %j is a 400 naming %s', async (q, field, problem) => {
    await expect(reverseFunnelPlannerFromQuery(t.db, q, new Date('2026-09-01T00:00:00Z'))).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ field, problem }] } });
  });

  it('POST body: a zero goal is a 400 naming revenueGoal', async () => {
    await expect(reverseFunnelPlanner(t.db, { revenueGoal: 0 }, new Date())).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ field: 'revenueGoal', problem: 'must be more than 0' }] } });
  });
});
