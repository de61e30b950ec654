import { describe, expect, it } from 'vitest';
import { fitScore, type FitSubject } from './fit-score.js';
import type { FitRule } from './score-rules.js';

// The guide's fit: decision makers at mid-size financial-services companies in the US; students
// and competitors count against.
const fit: FitRule[] = [
  { id: 'title', label: 'Finance decision maker', field: 'contact.job_title', op: 'matches', value: '\\b(cfo|chief financial|finance director|head of finance)\\b', points: 20 },
  { id: 'role', label: 'Buyer or influencer', field: 'contact.properties.buying_role', op: 'in', value: ['buyer', 'influencer'], points: 10 },
  { id: 'end-user', label: 'End user', field: 'contact.properties.buying_role', op: 'equals', value: 'end user', points: 3 },
  { id: 'industry', label: 'Financial services', field: 'company.industry', op: 'equals', value: 'Financial Services', points: 15 },
  { id: 'size', label: '200 to 5,000 employees', field: 'company.employees', op: 'between', value: [200, 5000], points: 10 },
  { id: 'large', label: 'More than 5,000 employees', field: 'company.employees', op: 'gte', value: 5001, points: 5 },
  { id: 'country', label: 'US', field: 'company.country', op: 'in', value: ['US', 'United States'], points: 5 },
  { id: 'student', label: 'Student', field: 'contact.job_title', op: 'matches', value: '\\b(student|intern)\\b', points: -30 },
  { id: 'competitor', label: 'Competitor', field: 'company.properties.competitor', op: 'equals', value: true, points: -100 },
  { id: 'has-phone', label: 'Left a phone number', field: 'contact.phone', op: 'exists', value: true, points: 2 },
];
const model = { fit };

const acme = { industry: 'financial services ', employees: 1200, country: 'US', properties: {} };
const subject = (contact: Record<string, unknown>, company: Record<string, unknown> | null = acme): FitSubject => ({ contact, company });
const ids = (s: FitSubject) => fitScore(model, s).reasons.map((r) => r.ruleId);

describe('fitScore', () => {
  it('adds the points of every matching rule and says which and why', () => {
    const res = fitScore(model, subject({ job_title: 'CFO', properties: { buying_role: 'buyer' }, phone: '+1 555 0100' }));
    expect(res.score).toBe(20 + 10 + 15 + 10 + 5 + 2);
    expect(res.reasons).toEqual([
      { ruleId: 'title', label: 'Finance decision maker', points: 20, value: 'CFO' },
      { ruleId: 'role', label: 'Buyer or influencer', points: 10, value: 'buyer' },
      { ruleId: 'industry', label: 'Financial services', points: 15, value: 'financial services ' },
      { ruleId: 'size', label: '200 to 5,000 employees', points: 10, value: 1200 },
      { ruleId: 'country', label: 'US', points: 5, value: 'US' },
      { ruleId: 'has-phone', label: 'Left a phone number', points: 2, value: '+1 555 0100' },
    ]);
  });

  it('a student at a good company loses points', () => {
    const res = fitScore(model, subject({ job_title: 'Finance Student', properties: {} }));
    expect(res.score).toBe(15 + 10 + 5 - 30);
    expect(res.reasons.find((r) => r.ruleId === 'student')).toEqual({ ruleId: 'student', label: 'Student', points: -30, value: 'Finance Student' });
  });

  it('a competitor ends far below any threshold', () => {
    const res = fitScore(model, subject({ job_title: 'CFO', properties: {} }, { ...acme, properties: { competitor: true } }));
    expect(res.score).toBe(20 + 15 + 10 + 5 - 100);
  });

  it('job title patterns ignore case and need a whole word', () => {
    expect(ids(subject({ job_title: 'Chief Financial Officer' }, null))).toEqual(['title']);
    expect(ids(subject({ job_title: 'cfo & co-founder' }, null))).toEqual(['title']);
    // near misses: "cfo" inside another word, "internal" is not "intern"
    expect(ids(subject({ job_title: 'CFOAdvisor' }, null))).toEqual([]);
    expect(ids(subject({ job_title: 'Internal auditor' }, null))).toEqual([]);
  });

  it('numbers match by range, inclusive at both ends, numeric strings included', () => {
    const sized = (employees: unknown) => ids(subject({}, { employees }));
    expect(sized(200)).toEqual(['size']);
    expect(sized(5000)).toEqual(['size']);
    expect(sized(5001)).toEqual(['large']);
    expect(sized('350')).toEqual(['size']);
    expect(sized(199)).toEqual([]);
    expect(sized('many')).toEqual([]);
  });

  it('missing values never match, not even negative rules or exists', () => {
    expect(fitScore(model, subject({}, null))).toEqual({ score: 0, reasons: [] });
    expect(ids(subject({ job_title: '  ', phone: '' }, { industry: null, employees: null, country: undefined }))).toEqual([]);
  });

  it('a multi-select value matches when one of its values does', () => {
    expect(fitScore(model, subject({ properties: { buying_role: ['end user', 'influencer'] } }, null)).reasons).toEqual([
      { ruleId: 'role', label: 'Buyer or influencer', points: 10, value: 'influencer' },
      { ruleId: 'end-user', label: 'End user', points: 3, value: 'end user' },
    ]);
  });

  it('near miss: equals true does not match the text "yes"', () => {
    expect(ids(subject({}, { properties: { competitor: 'yes' } }))).toEqual([]);
    expect(ids(subject({}, { properties: { competitor: 'TRUE' } }))).toEqual(['competitor']);
  });
});
