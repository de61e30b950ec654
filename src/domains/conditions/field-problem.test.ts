import { describe, expect, it } from 'vitest';
import { fieldProblem, fieldShapeProblem, nearestName, unknownFieldProblem } from './field-problem.js';

const known = ['contact.job_title', 'contact.email', 'company.industry', 'company.employees', 'contact.properties.buying_role', 'contact.quadrant'];

describe('the one field check of fit rules, MQL conditions and routing rules', () => {
  it('accepts a known field and refuses a malformed one by its shape', () => {
    expect(fieldProblem('company.industry', known)).toBeNull();
    expect(fieldProblem('deal.amount', known)).toBe(fieldShapeProblem);
    expect(fieldProblem('company.properties.', known)).toBe(fieldShapeProblem);
    // Without the workspace's names (a stored rule read back) only the shape is checked.
    expect(fieldProblem('company.colour', null)).toBeNull();
  });

  it('names the nearest field, and a custom property written like a column', () => {
    expect(unknownFieldProblem('company.industy', known)).toBe(
      '"company.industy" is not a contact or company property (did you mean "company.industry"?); known: contact.job_title, contact.email, company.industry, company.employees, contact.properties.buying_role, contact.quadrant',
    );
    expect(unknownFieldProblem('contact.buying_role', known)).toMatch(/\(did you mean "contact\.properties\.buying_role"\?\)/);
    expect(unknownFieldProblem('contact.quadrnt', known)).toMatch(/\(did you mean "contact\.quadrant"\?\)/);
    expect(unknownFieldProblem('company.colour', known)).toMatch(/^"company\.colour" is not a contact or company property; known: /);
  });

  it('lists at most 25 known fields', () => {
    const many = Array.from({ length: 30 }, (_, i) => `contact.properties.p${i}`);
    expect(unknownFieldProblem('contact.zzz', many)).toBe(`"contact.zzz" is not a contact or company property; known: ${many.slice(0, 25).join(', ')} and 5 more`);
  });

  it('suggests only a plausible typo, not a shared prefix', () => {
    expect(nearestName('Webinar Atended', ['Webinar Attended', 'Demo Requested'])).toBe('Webinar Attended');
    expect(nearestName('iberia', ['Iberia', 'SDR'])).toBe('Iberia');
    expect(nearestName('contact.properties.budget', ['contact.properties.role'])).toBeNull();
    expect(nearestName('Zzz', ['page', 'screen'])).toBeNull();
  });
});
