import { describe, expect, it } from 'vitest';
import { fitScore } from './fit-score.js';
import { mqlDefinitionSchema } from './mql-definition.js';
import { evaluateMql } from './mql-evaluate.js';
import { describeTest, readField, testProperty, type PropertyTest } from './property-test.js';
import { scoringModel } from './score-rules.js';

const subject = {
  contact: { job_title: ' VP of Finance ', phone: '', properties: { buying_role: ['influencer', 'buyer'] } },
  company: { employees: '250', industry: 'financial services', country: null },
};

describe('one property grammar for fit rules and MQL conditions', () => {
  const cases: [PropertyTest, string, boolean, unknown][] = [
    [{ op: 'equals', value: 'Financial Services' }, 'company.industry', true, 'financial services'],
    [{ op: 'in', value: ['buyer', 'decision maker'] }, 'contact.properties.buying_role', true, 'buyer'],
    [{ op: 'matches', value: '\\bvp\\b' }, 'contact.job_title', true, ' VP of Finance '],
    [{ op: 'gt', value: 250 }, 'company.employees', false, undefined],
    [{ op: 'gte', value: 250 }, 'company.employees', true, '250'],
    [{ op: 'lt', value: 251 }, 'company.employees', true, '250'],
    [{ op: 'between', value: [200, 5000] }, 'company.employees', true, '250'],
    // Blank is not a value: '' and null never match, except asking for a blank.
    [{ op: 'exists', value: true }, 'contact.phone', false, null],
    [{ op: 'exists', value: false }, 'company.country', true, null],
    [{ op: 'gte', value: 0 }, 'company.country', false, undefined],
  ];

  it.each(cases)('%j on %s → %s', (test, field, met, value) => {
    expect(testProperty(test, readField(field, subject))).toEqual({ met, value });
  });

  it('both grammars accept every operator and judge alike', () => {
    for (const [test, field, met] of cases) {
      const model = scoringModel.parse({ fit: [{ id: 'r', label: 'R', field, points: 7, ...test }], halfLifeDays: null, thresholds: { fit: 1, interest: 1 } });
      expect(fitScore(model, subject).score).toBe(met ? 7 : 0);
      const def = mqlDefinitionSchema.parse({ clauses: [{ id: 'c', label: 'C', conditions: [{ kind: 'property', field, ...test }] }] });
      const r = evaluateMql(def, { ...subject, scores: { fit: 0, interest: 0 }, events: [] }, new Date());
      expect(r.qualified).toBe(met);
      expect(r.reasons[0]!.condition).toContain(describeTest(test));
    }
  });

  it('exists without a value means "is set" in both', () => {
    const model = scoringModel.parse({ fit: [{ id: 'r', label: 'R', field: 'contact.job_title', op: 'exists', points: 2 }], halfLifeDays: null, thresholds: { fit: 1, interest: 1 } });
    expect(model.fit[0]).toMatchObject({ op: 'exists', value: true });
    expect(fitScore(model, subject).score).toBe(2);
  });
});
