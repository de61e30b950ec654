import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors.js';
import { checkScoringModel, closest, editDistance, validateScoringModel, type KnownNames } from './score-rules.js';

const known: KnownNames = {
  contactFields: ['email', 'job_title'],
  companyFields: ['industry', 'employees', 'country', 'segment'],
  contactProperties: ['buying_role'],
  companyProperties: ['competitor'],
  events: ['Content Downloaded', 'Webinar Attended', 'Demo Requested'],
};

const fitRule = (over: Record<string, unknown>) => ({ id: 'r', label: 'Rule', field: 'contact.job_title', op: 'matches', value: '\\bcfo\\b', points: 10, ...over });
const model = (over: Record<string, unknown> = {}) => ({ fit: [], interest: [], frequency: [], halfLifeDays: 30, thresholds: { fit: 20, interest: 30 }, ...over });
const problemsOf = (input: unknown) => {
  const res = checkScoringModel(input, known);
  return res.ok ? [] : res.problems;
};

describe('checkScoringModel', () => {
  it('accepts the PRODUCT.md model: titles, buying role, size, negative student and competitor rules, frequencies', () => {
    const res = checkScoringModel(
      model({
        fit: [
          fitRule({ id: 'title' }),
          fitRule({ id: 'role', field: 'contact.properties.buying_role', op: 'in', value: ['buyer', 'influencer'], points: 5 }),
          fitRule({ id: 'size', field: 'company.employees', op: 'between', value: [200, 5000], points: 10 }),
          fitRule({ id: 'student', value: 'student', points: -30 }),
          fitRule({ id: 'competitor', field: 'company.properties.competitor', op: 'equals', value: true, points: -100 }),
        ],
        interest: [{ id: 'pricing', label: 'Pricing page', event: 'page', asset: '/pricing', points: 5, maxTimes: 3 }],
        frequency: [
          { id: 'visits', label: 'More than 15 visits in 30 days', event: 'page', minCount: 16, withinDays: 30, points: 20 },
          { id: 'downloads', label: '10 or more downloads', event: 'Content Downloaded', minCount: 10, points: 15 },
        ],
      }),
      known,
    );
    expect(res.ok).toBe(true);
    // withinDays left out means all time.
    if (res.ok) expect(res.model.frequency[1].withinDays).toBeNull();
  });

  it('names the exact problem of an invalid regular expression', () => {
    expect(problemsOf(model({ fit: [fitRule({}), fitRule({ id: 'b' }), fitRule({ id: 'c', value: '(chief' })] }))).toEqual([
      { field: 'fit[2].value', problem: 'is not a valid regular expression: missing closing ): `(chief`' },
    ]);
  });

  it('refuses an unknown property, listing the known ones and the nearest', () => {
    const [p] = problemsOf(model({ fit: [fitRule({ field: 'company.colour' })] }));
    expect(p.field).toBe('fit[0].field');
    expect(p.problem).toBe(
      '"company.colour" is not a contact or company property; known: contact.email, contact.job_title, company.industry, company.employees, ' +
        'company.country, company.segment, contact.properties.buying_role, company.properties.competitor',
    );
    const [typo] = problemsOf(model({ fit: [fitRule({ field: 'company.industy' })] }));
    expect(typo.problem).toMatch(/^"company\.industy" is not a contact or company property \(did you mean "company\.industry"\?\); known: /);
  });

  it('points a custom property written like a column to its properties. path', () => {
    const [p] = problemsOf(model({ fit: [fitRule({ field: 'contact.buying_role' })] }));
    expect(p.problem).toContain('did you mean "contact.properties.buying_role"?');
  });

  it('refuses an unseen event with a did-you-mean; page is always known', () => {
    const problems = problemsOf(
      model({
        interest: [
          { id: 'a', label: 'Views', event: 'page', points: 1 },
          { id: 'b', label: 'Webinar', event: 'Webinar Atended', points: 10 },
          { id: 'c', label: 'Unrelated', event: 'Zzz', points: 1 },
        ],
      }),
    );
    expect(problems).toEqual([
      { field: 'interest[1].event', problem: 'no event "Webinar Atended" has been seen; did you mean "Webinar Attended"?' },
      { field: 'interest[2].event', problem: 'no event "Zzz" has been seen' },
    ]);
  });

  it('returns every problem at once, duplicate ids included', () => {
    const problems = problemsOf({
      fit: [fitRule({ op: 'like' }), fitRule({ id: 'r', field: 'company.employees', op: 'between', value: [5000, 10] })],
      interest: [{ id: 'i', label: 'I', event: 'page', points: 'ten', maxTimes: 0 }],
      frequency: [{ id: 'f', label: 'F', event: 'Content Downloaded', minCount: 1.5, withinDays: -1, points: 1 }],
      halfLifeDays: 0,
      thresholds: { fit: 10 },
      extra: true,
    });
    expect(problems.map((p) => p.field).sort()).toEqual(
      [
        'fit[0].op',
        'fit[1].value',
        'fit[1].id',
        'interest[0].points',
        'interest[0].maxTimes',
        'frequency[0].minCount',
        'frequency[0].withinDays',
        'halfLifeDays',
        'thresholds.interest',
        'extra',
      ].sort(),
    );
    expect(problems.find((p) => p.field === 'fit[0].op')?.problem).toBe('must be one of equals, in, matches, gt, gte, lt, lte, between, exists');
    expect(problems.find((p) => p.field === 'fit[1].id')?.problem).toBe('"r" is already the id of fit[0]');
  });

  it('near miss: null half-life (no decay) is valid, a missing one is not', () => {
    expect(problemsOf(model({ halfLifeDays: null }))).toEqual([]);
    expect(problemsOf({ thresholds: { fit: 1, interest: 1 } }).map((p) => p.field)).toEqual(['halfLifeDays']);
  });

  it('validateScoringModel throws the house validation error with the problems', () => {
    expect(() => validateScoringModel(model({ halfLifeDays: -1 }), known)).toThrowError(AppError);
    try {
      validateScoringModel(model({ halfLifeDays: -1 }), known);
    } catch (e) {
      expect((e as AppError).code).toBe('validation_failed');
      expect((e as AppError).details.errors).toEqual([{ field: 'halfLifeDays', problem: 'must be more than 0 days' }]);
    }
  });
});

describe('did-you-mean', () => {
  it('measures edits', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
  it('suggests only near names, ignoring case', () => {
    expect(closest('webinar attended', ['Webinar Attended', 'Demo Requested'])).toBe('Webinar Attended');
    expect(closest('Signup', ['Webinar Attended', 'Demo Requested'])).toBeNull();
  });
});
