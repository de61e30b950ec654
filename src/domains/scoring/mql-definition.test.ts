import { describe, expect, it } from 'vitest';
import { definitionFingerprint, parseMqlDefinition, validateMqlDefinition, type MqlDefinitionInput, type MqlVocabulary } from './mql-definition.js';
import { mqlExamples } from './mql-examples.js';

const known: MqlVocabulary = {
  contactFields: ['job_title', 'email', 'lifecycle_stage'],
  companyFields: ['industry', 'employees', 'country', 'segment'],
  contactProperties: ['role'],
  companyProperties: ['tech_stack'],
  events: ['Form Submitted', 'Demo Requested', 'Content Downloaded'],
};

const problemsOf = (input: unknown, vocabulary = known) => {
  const res = validateMqlDefinition(input, vocabulary);
  if (res.ok) throw new Error('expected the definition to be refused');
  return res.problems;
};

const clause = (conditions: unknown[], extra: Record<string, unknown> = {}) => ({ id: 'c', label: 'C', conditions, ...extra });

describe('validateMqlDefinition', () => {
  it('accepts both PRODUCT.md examples, alone and together', () => {
    for (const def of Object.values(mqlExamples)) expect(validateMqlDefinition(def, known)).toEqual({ ok: true, definition: def });
  });

  it('fills in minCount 1 and exists true', () => {
    const res = validateMqlDefinition(
      { clauses: [clause([{ kind: 'behaviour', event: 'page' }, { kind: 'property', field: 'contact.email', op: 'exists' }])] },
      known,
    );
    expect(res.ok && res.definition.clauses[0].conditions).toEqual([
      { kind: 'behaviour', event: 'page', minCount: 1 },
      { kind: 'property', field: 'contact.email', op: 'exists', value: true },
    ]);
  });

  it('refuses an empty definition and an empty clause', () => {
    expect(problemsOf({ clauses: [] })).toEqual([{ field: 'clauses', problem: 'must have at least one clause: an empty definition would qualify nobody' }]);
    expect(problemsOf({ clauses: [clause([])] })).toEqual([{ field: 'clauses[0].conditions', problem: 'must have at least one condition: an empty clause would qualify everyone' }]);
  });

  it('reports every problem at once, each on its exact field', () => {
    const problems = problemsOf({
      clauses: [
        clause([{ kind: 'property', field: 'contact.job_title', op: 'matches', value: '(cfo|vp' }]),
        clause(
          [
            { kind: 'property', field: 'company.employes', op: 'gt', value: 5000 },
            { kind: 'behaviour', event: 'Demo Requestd', withinDays: 0, minCount: 0 },
            { kind: 'behaviour', event: 'Demo Requested', withinDay: 30 },
            { kind: 'score', score: 'fit', op: 'gt', value: 50 },
            { kind: 'property', field: 'company.employees', op: 'gt', value: '5000' },
          ],
          { id: 'c2', mqlType: 'podcast' },
        ),
      ],
    });
    expect(problems).toEqual([
      { field: 'clauses[0].conditions[0].value', problem: expect.stringMatching(/^is not a valid regular expression: missing closing \)/) },
      { field: 'clauses[1].conditions[0].field', problem: expect.stringMatching(/^"company\.employes" is not a contact or company property \(did you mean "company\.employees"\?\); known: contact\.job_title, .*company\.properties\.tech_stack$/) },
      { field: 'clauses[1].conditions[1].event', problem: 'unknown event "Demo Requestd"; did you mean "Demo Requested"? known: page, Form Submitted, Demo Requested, Content Downloaded' },
      { field: 'clauses[1].conditions[1].minCount', problem: 'must be at least 1' },
      { field: 'clauses[1].conditions[1].withinDays', problem: 'must be more than 0 days' },
      { field: 'clauses[1].conditions[2].withinDay', problem: 'is not a known field' },
      { field: 'clauses[1].conditions[3].op', problem: 'must be one of gte, lte' },
      { field: 'clauses[1].conditions[4].value', problem: 'must be a number' },
      { field: 'clauses[1].mqlType', problem: 'must be one of whitepaper, webinar, online_demo, trade_show, contact_sales, newsletter, other' },
    ]);
  });

  it('throws one validation error naming every problem for callers that want an exception', () => {
    expect(() => parseMqlDefinition({ clauses: [] }, known)).toThrow(/validation_failed|Invalid input\. Clauses must have at least one clause/);
    expect(parseMqlDefinition(mqlExamples.guide, known)).toEqual(mqlExamples.guide);
  });

  it('offers no guess when nothing is close, and checks assets only against a known list', () => {
    expect(problemsOf({ clauses: [clause([{ kind: 'behaviour', event: 'Signed Up' }])] })).toEqual([
      { field: 'clauses[0].conditions[0].event', problem: 'unknown event "Signed Up"; known: page, Form Submitted, Demo Requested, Content Downloaded' },
    ]);
    const onAsset = { clauses: [clause([{ kind: 'behaviour', event: 'Form Submitted', asset: 'pricing-form' }])] };
    expect(validateMqlDefinition(onAsset, known).ok).toBe(true);
    expect(problemsOf(onAsset, { ...known, assets: ['pricing_form', 'demo-request'] })).toEqual([
      { field: 'clauses[0].conditions[0].asset', problem: 'unknown asset "pricing-form"; did you mean "pricing_form"? known: pricing_form, demo-request' },
    ]);
  });

  it('knows custom properties by their name and refuses unknown kinds, ops and duplicate clause ids', () => {
    const problems = problemsOf({
      clauses: [
        clause([{ kind: 'property', field: 'contact.properties.role', op: 'in', value: ['buyer'] }]),
        clause([{ kind: 'property', field: 'contact.properties.budget', op: 'like', value: 'x' }, { kind: 'visit' }, 'cfo']),
      ],
    });
    expect(problems).toEqual([
      { field: 'clauses[1].conditions[0].field', problem: expect.stringMatching(/^"contact\.properties\.budget" is not a contact or company property; known: /) },
      { field: 'clauses[1].conditions[0].op', problem: 'must be one of equals, in, matches, gt, gte, lt, lte, between, exists' },
      { field: 'clauses[1].conditions[1].kind', problem: 'must be one of property, score, behaviour' },
      { field: 'clauses[1].conditions[2]', problem: 'must be an object' },
    ]);
    expect(problemsOf({ clauses: [clause([{ kind: 'behaviour', event: 'page' }]), clause([{ kind: 'behaviour', event: 'page' }])] })).toEqual([
      { field: 'clauses[1].id', problem: '"c" is used by an earlier clause; clause ids must be unique' },
    ]);
  });
});

describe('definitionFingerprint', () => {
  const demoWithin = (days: number): MqlDefinitionInput => ({ clauses: [{ id: 'c', label: 'C', conditions: [{ kind: 'behaviour', event: 'Demo Requested', withinDays: days }] }] });

  it('is the same for the same rules, whatever the key order or spelt-out defaults', () => {
    const reordered: MqlDefinitionInput = { clauses: [{ conditions: [{ withinDays: 30, minCount: 1, event: 'Demo Requested', kind: 'behaviour' }], label: 'C', id: 'c' }] };
    expect(definitionFingerprint(reordered)).toBe(definitionFingerprint(demoWithin(30)));
    expect(definitionFingerprint(demoWithin(30))).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes when a rule or the clause order changes', () => {
    expect(definitionFingerprint(demoWithin(31))).not.toBe(definitionFingerprint(demoWithin(30)));
    const { financialServicesUs, usDemoRequest } = mqlExamples;
    expect(definitionFingerprint({ clauses: [...usDemoRequest.clauses, ...financialServicesUs.clauses] })).not.toBe(definitionFingerprint(mqlExamples.guide));
  });
});
