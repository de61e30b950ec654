import type { MqlClause, MqlDefinition } from './mql-definition.js';

/**
 * "Right job title" as the buying decision's owners: C-level (CEO, CFO, CMO, CTO, COO, CIO, CRO,
 * CSO, "Chief ... Officer"), founders and owners, presidents and VPs, heads of and directors.
 * Assistants, interns and students are excluded even when the title names a boss ("Assistant to
 * the CFO"), because they are not the buyer. Case-blind: matches always compiles with the i flag.
 */
export const rightJobTitlePattern = String.raw`^(?!.*\b(assistant|intern|student)\b).*\b(c[efimorst]o|chief|founder|co-founder|owner|president|vp|svp|evp|head of|director)\b`;

const rightJobTitle = { kind: 'property', field: 'contact.job_title', op: 'matches', value: rightJobTitlePattern } as const;
const usCompany = { kind: 'property', field: 'company.country', op: 'equals', value: 'US' } as const;

/**
 * PRODUCT.md §3, example 1: right job title AND filled the landing-page form AND a
 * financial-services company in the US with more than 5,000 employees ("more than": 5,000 itself
 * is not enough). The offer is whatever the form's campaign was, so the MQL type is derived.
 */
const financialServicesUs: MqlClause = {
  id: 'fin-services-us-form',
  label: 'Right title, landing-page form, US financial services > 5,000 employees',
  conditions: [
    rightJobTitle,
    { kind: 'behaviour', event: 'Form Submitted', minCount: 1 },
    { kind: 'property', field: 'company.industry', op: 'in', value: ['Financial Services', 'Banking', 'Insurance'] },
    usCompany,
    { kind: 'property', field: 'company.employees', op: 'gt', value: 5000 },
  ],
};

/** PRODUCT.md §3, example 2: right job title AND any US company AND requested a product demo. */
const usDemoRequest: MqlClause = {
  id: 'us-demo-request',
  label: 'Right title, US company, product demo requested',
  mqlType: 'online_demo',
  conditions: [rightJobTitle, usCompany, { kind: 'behaviour', event: 'Demo Requested', minCount: 1 }],
};

export const mqlExamples = {
  financialServicesUs: { clauses: [financialServicesUs] } satisfies MqlDefinition,
  usDemoRequest: { clauses: [usDemoRequest] } satisfies MqlDefinition,
  /** Both examples as one definition: either makes an MQL, the first listed wins when both hold. */
  guide: { clauses: [financialServicesUs, usDemoRequest] } satisfies MqlDefinition,
};
