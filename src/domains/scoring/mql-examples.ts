import type { MqlClause, MqlDefinition } from './mql-definition.js';

/**
 * "Right job title" as the buying decision's owners: C-level (CEO, CFO, CMO, CTO, COO, CIO, CRO,
 * CSO, "Chief ... Officer"), founders and owners, presidents and VPs, heads of and directors.
 * Assistants, interns and students are excluded even when the title names a boss ("Assistant to
 * the CFO"), because they are not the buyer. Case-blind: matches always compiles with the i flag.
 *
 * Patterns run on RE2 (src/shared/safe-regex.ts), which has no lookahead, so "and no excluded
 * word" is spelt out: the title is a sequence of separators and whole words that are not an
 * excluded one, with one boss word among them. It judges one-line titles as the former
 * `^(?!.*\b(assistant|intern|student)\b).*\b(…)\b` did (mql-examples.test.ts compares them).
 */
const bossWords = 'c[efimorst]o|chief|founder|co-founder|owner|president|vp|svp|evp|head of|director';
const notBuyers = ['assistant', 'intern', 'student'];

/** Runs of word characters (\w*) that are none of `words`: they differ at a letter, stop short, or go on. */
function wordsOtherThan(words: readonly string[], emptyToo: boolean): string {
  const nonEmpty = words.filter(Boolean);
  if (!nonEmpty.length) return emptyToo ? '\\w*' : '\\w+';
  const firsts = [...new Set(nonEmpty.map((w) => w[0]!))];
  const tails = (f: string) => nonEmpty.filter((w) => w[0] === f).map((w) => w.slice(1));
  const ways = [`[^\\W${firsts.join('')}]\\w*`, ...firsts.map((f) => f + wordsOtherThan(tails(f), !tails(f).includes('')))];
  return `(?:${ways.join('|')})${emptyToo ? '?' : ''}`;
}

const anyOtherWords = `(?:\\W|${wordsOtherThan(notBuyers, false)}\\b)*`;
export const rightJobTitlePattern = `^${anyOtherWords}(?:${bossWords})\\b${anyOtherWords}$`;

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
