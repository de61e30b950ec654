import { describe, expect, it } from 'vitest';
import { planReverseFunnel, roundUp, type MeasuredInputs } from './reverse-funnel.js';

const worked = {
  revenueGoal: 200_000,
  rates: { visitToLead: 0.02, leadToMql: 0.2, mqlToSql: 0.4, sqlToCustomer: 0.25 },
  averageContractSize: 20_000,
};

const sample = (numerator: number, denominator: number) => ({ value: denominator ? numerator / denominator : null, numerator, denominator });

/** 30 % of 200 leads became MQLs, etc. */
const measured: MeasuredInputs = {
  rates: {
    visitToLead: sample(200, 10_000),
    leadToMql: sample(60, 200),
    mqlToSql: sample(30, 60),
    sqlToCustomer: sample(6, 30),
  },
  averageContractSize: { value: 25_000, numerator: 150_000, denominator: 6 },
};

describe('planReverseFunnel', () => {
  it('works the guide example back from 200,000 € a month', () => {
    const p = planReverseFunnel(worked);
    expect(p.perMonth).toEqual({
      customers: { exact: 10, needed: 10 },
      sqls: { exact: 40, needed: 40 },
      mqls: { exact: 100, needed: 100 },
      leads: { exact: 500, needed: 500 },
      visits: { exact: 25_000, needed: 25_000 },
    });
    expect(p.months).toBe(1);
    expect(p.total).toEqual(p.perMonth);
    expect(p.rates.leadToCustomer).toBeCloseTo(0.02);
    expect(Object.values(p.sources).map((s) => s.source)).toEqual(['entered', 'entered', 'entered', 'entered', 'entered']);
    expect(p.sources.mqlToSql).toEqual({ source: 'entered', value: 0.4, measured: null });
    expect(p.warnings).toEqual([]);
  });

  it('splits a goal over several months and rounds up only the displayed counts', () => {
    // 600,000 over 3 months at 35,000: 5.714… customers a month; every stage from the unrounded value.
    const p = planReverseFunnel({ ...worked, revenueGoal: 600_000, months: 3, averageContractSize: 35_000 });
    const customers = 200_000 / 35_000;
    expect(p.revenuePerMonth).toBe(200_000);
    expect(p.perMonth.customers).toEqual({ exact: customers, needed: 6 });
    expect(p.perMonth.sqls.exact).toBeCloseTo(customers / 0.25);
    expect(p.perMonth.sqls.needed).toBe(23); // 22.857…, not ceil(6) ÷ 0.25 = 24
    expect(p.perMonth.visits.needed).toBe(Math.ceil(customers / 0.25 / 0.4 / 0.2 / 0.02)); // 14,286
    expect(p.total.customers).toEqual({ exact: 600_000 / 35_000, needed: 18 });
  });

  it('ignores floating-point noise when rounding up', () => {
    expect(roundUp(25000.000000000004)).toBe(25_000);
    expect(roundUp(25000.01)).toBe(25_001);
  });

  it('uses measured values unless entered, and says which is which with the sample', () => {
    const p = planReverseFunnel({ revenueGoal: 100_000, rates: { mqlToSql: 0.4 } }, measured);
    expect(p.sources).toEqual({
      visitToLead: { source: 'measured', value: 0.02, measured: { value: 0.02, numerator: 200, denominator: 10_000 } },
      leadToMql: { source: 'measured', value: 0.3, measured: { value: 0.3, numerator: 60, denominator: 200 } },
      mqlToSql: { source: 'entered', value: 0.4, measured: { value: 0.5, numerator: 30, denominator: 60 } },
      sqlToCustomer: { source: 'measured', value: 0.2, measured: { value: 0.2, numerator: 6, denominator: 30 } },
      averageContractSize: { source: 'measured', value: 25_000, measured: { value: 25_000, numerator: 150_000, denominator: 6 } },
    });
    // 100,000 ÷ 25,000 = 4 customers ÷ 0.2 = 20 SQLs ÷ 0.4 (entered) = 50 MQLs ÷ 0.3 = 166.7 leads ÷ 0.02 = 8,333.3 visits
    expect(p.perMonth.customers.needed).toBe(4);
    expect(p.perMonth.sqls.needed).toBe(20);
    expect(p.perMonth.mqls.needed).toBe(50);
    expect(p.perMonth.leads).toEqual({ exact: 50 / 0.3, needed: 167 });
    expect(p.perMonth.visits.needed).toBe(8334);
    // The average contract size comes from 6 customers: a small sample is flagged.
    expect(p.warnings).toEqual(['Average contract size: measured from a small sample (150,000 revenue over 6 customers with a won deal); treat it as a rough guide.']);

    const all = planReverseFunnel({ ...worked }, measured);
    expect(all.perMonth.visits.needed).toBe(25_000);
    expect(all.sources.averageContractSize).toMatchObject({ source: 'entered', value: 20_000, measured: { value: 25_000 } });
  });

  it('refuses a missing rate, naming the field and why, and asks for a value', () => {
    const none: MeasuredInputs = { ...measured, rates: { ...measured.rates, mqlToSql: sample(0, 0), sqlToCustomer: sample(0, 0) } };
    let err: unknown;
    try {
      planReverseFunnel({ revenueGoal: 100_000 }, none);
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({
      code: 'validation_failed',
      details: {
        errors: [
          { field: 'rates.mqlToSql', problem: 'no measured value (0 MQLs in the window); enter one' },
          { field: 'rates.sqlToCustomer', problem: 'no measured value (0 SQLs in the window); enter one' },
        ],
      },
    });
    expect((err as Error).message).toContain('MQL to SQL rate: no measured value (0 MQLs in the window); enter one');
    // Entering the missing ones is enough.
    expect(planReverseFunnel({ revenueGoal: 100_000, rates: { mqlToSql: 0.5, sqlToCustomer: 0.2 } }, none).sources.mqlToSql.source).toBe('entered');
  });

  it('refuses a measured rate of 0 and, with no measurement at all, every value not entered', () => {
    const zero: MeasuredInputs = { ...measured, rates: { ...measured.rates, sqlToCustomer: sample(0, 12) } };
    expect(() => planReverseFunnel({ revenueGoal: 1 }, zero)).toThrow(/SQL to customer rate: measured 0 \(0 of 12 SQLs became customers\)/);
    expect(() => planReverseFunnel({ revenueGoal: 1, rates: { visitToLead: 0.1, leadToMql: 0.1, mqlToSql: 0.1 } })).toThrow(
      'Invalid input. SQL to customer rate: no measured value (no measurement available); enter one; Average contract size: no measured value (no measurement available); enter one',
    );
  });

  it('flags a measured visit→lead above 1 (leads that did not come from visits)', () => {
    const p = planReverseFunnel({ revenueGoal: 50_000 }, { ...measured, rates: { ...measured.rates, visitToLead: sample(300, 200) } });
    expect(p.sources.visitToLead.source).toBe('measured');
    expect(p.warnings[0]).toMatch(/^Visit to lead rate: measured 1\.500 \(300 leads from 200 visits\)/);
  });

  it.each([
    [{ revenueGoal: 0 }, 'revenueGoal', 'must be more than 0'],
    [{ revenueGoal: -5 }, 'revenueGoal', 'must be more than 0'],
    [{}, 'revenueGoal', 'is required'],
    [{ revenueGoal: '100' }, 'revenueGoal', 'must be a number'],
    [{ ...worked, rates: { ...worked.rates, leadToMql: 0 } }, 'rates.leadToMql', 'must be more than 0'],
    [{ ...worked, rates: { ...worked.rates, leadToMql: 25 } }, 'rates.leadToMql', 'must be a share between 0 and 1 (25 % is 0.25)'],
    [{ ...worked, averageContractSize: -1 }, 'averageContractSize', 'must be more than 0'],
    [{ ...worked, months: 0 }, 'months', 'must be at least 1'],
    [{ ...worked, rates: { ...worked.rates, vistToLead: 0.1 } }, 'rates.vistToLead', 'is not a known field'],
  ])('refuses %j naming %s (400)', (input, field, problem) => {
    expect(() => planReverseFunnel(input, measured)).toThrow(expect.objectContaining({ code: 'validation_failed', details: { errors: [{ field, problem }] } }));
  });

  it('accepts a rate of exactly 1', () => {
    expect(planReverseFunnel({ ...worked, rates: { ...worked.rates, sqlToCustomer: 1 } }).perMonth.sqls.needed).toBe(10);
  });
});
