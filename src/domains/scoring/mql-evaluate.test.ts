import { describe, expect, it } from 'vitest';
import type { MqlDefinition } from './mql-definition.js';
import { evaluateMql, type MqlEvent, type MqlSubject } from './mql-evaluate.js';
import { mqlExamples, rightJobTitlePattern } from './mql-examples.js';

const at = new Date('2026-03-31T12:00:00Z');
const daysAgo = (n: number) => new Date(at.getTime() - n * 86_400_000);
const track = (event: string, days: number, extra: Partial<MqlEvent> = {}): MqlEvent => ({ event, type: 'track', at: daysAgo(days), ...extra });
const pageView = (path: string, days: number): MqlEvent => ({ event: 'Pricing', type: 'page', at: daysAgo(days), asset: path });

/** Example 1's ideal contact: a CFO at a US bank with 12,000 employees who filled the landing-page form. */
const subject = (over: { contact?: object; company?: object | null; events?: MqlEvent[]; scores?: MqlSubject['scores'] } = {}): MqlSubject => ({
  contact: { job_title: 'CFO', properties: { role: 'buyer' }, ...over.contact },
  company: over.company === null ? null : { industry: 'Banking', country: 'US', employees: 12000, ...over.company },
  scores: over.scores ?? { fit: 70, interest: 40, predicted: null },
  events: over.events ?? [track('Form Submitted', 3, { asset: 'lp-risk-report' })],
});

const { financialServicesUs, usDemoRequest, guide } = mqlExamples;
const unmet = (r: ReturnType<typeof evaluateMql>) => r.reasons.filter((x) => !x.met).map((x) => x.condition);

describe('PRODUCT.md example 1: right title, landing-page form, US financial services > 5,000 employees', () => {
  it('qualifies the CFO of a 12,000-person US bank who filled the form, and says why', () => {
    const r = evaluateMql(financialServicesUs, subject(), at);
    expect(r).toMatchObject({ qualified: true, clauseId: 'fin-services-us-form' });
    expect(r.reasons.map((x) => x.condition)).toEqual([
      `contact.job_title matches /${rightJobTitlePattern}/i (is "CFO")`,
      'did "Form Submitted" (1 time)',
      'company.industry in [Financial Services, Banking, Insurance] (is "Banking")',
      'company.country = "US" (is "US")',
      'company.employees > 5000 (is 12000)',
    ]);
    expect(r.reasons.every((x) => x.met)).toBe(true);
  });

  it('does not count 5,000 employees as more than 5,000', () => {
    const r = evaluateMql(financialServicesUs, subject({ company: { employees: 5000 } }), at);
    expect(r).toMatchObject({ qualified: false, clauseId: null, mqlType: null });
    expect(unmet(r)).toEqual(['company.employees > 5000 (is 5000)']);
    expect(evaluateMql(financialServicesUs, subject({ company: { employees: '5001' } }), at).qualified).toBe(true);
  });

  it.each([
    ['a retailer', { company: { industry: 'Retail' } }, 'company.industry in [Financial Services, Banking, Insurance] (is "Retail")'],
    ['a UK bank', { company: { country: 'UK' } }, 'company.country = "US" (is "UK")'],
    ['no company', { company: null }, 'company.industry in [Financial Services, Banking, Insurance] (is missing)'],
    ['no form', { events: [track('Demo Requested', 1)] }, 'did "Form Submitted" (0 times)'],
    ['a form filled after the moment asked about', { events: [track('Form Submitted', -1)] }, 'did "Form Submitted" (0 times)'],
  ])('fails for %s', (_, over, firstUnmet) => {
    const r = evaluateMql(financialServicesUs, subject(over), at);
    expect(r.qualified).toBe(false);
    expect(unmet(r)[0]).toBe(firstUnmet);
  });

  it('derives the MQL type from the form’s campaign, else says other', () => {
    const fromWhitepaper = subject({ events: [track('Form Submitted', 3, { campaign: 'risk-report-2026', campaignType: 'whitepaper' })] });
    expect(evaluateMql(financialServicesUs, fromWhitepaper, at).mqlType).toBe('whitepaper');
    expect(evaluateMql(financialServicesUs, subject(), at).mqlType).toBe('other');
  });
});

describe('PRODUCT.md example 2: right title, any US company, demo requested', () => {
  const demoRequester = (over: Parameters<typeof subject>[0] = {}) =>
    subject({ contact: { job_title: 'VP Sales' }, company: { industry: 'Retail', employees: 40 }, events: [track('Demo Requested', 2)], ...over });

  it('qualifies a VP at a small US retailer who asked for a demo, as an online demo MQL', () => {
    expect(evaluateMql(usDemoRequest, demoRequester(), at)).toMatchObject({ qualified: true, clauseId: 'us-demo-request', mqlType: 'online_demo' });
  });

  it.each([
    ['a UK company', { company: { country: 'UK' } }],
    ['the wrong title', { contact: { job_title: 'Marketing Intern' } }],
    ['an assistant to the right title', { contact: { job_title: 'Assistant to the CFO' } }],
    ['no demo request', { events: [track('Content Downloaded', 2)] }],
  ])('fails for %s', (_, over) => {
    expect(evaluateMql(usDemoRequest, demoRequester(over), at).qualified).toBe(false);
  });

  it('matches titles case-blind and country codes whatever their case', () => {
    const r = evaluateMql(usDemoRequest, demoRequester({ contact: { job_title: 'chief revenue officer' }, company: { country: ' us' } }), at);
    expect(r.qualified).toBe(true);
  });
});

describe('behaviour windows and counts', () => {
  const recentDemo: MqlDefinition = { clauses: [{ id: 'recent-demo', label: 'Demo in 30 days', conditions: [{ kind: 'behaviour', event: 'Demo Requested', withinDays: 30, minCount: 1 }] }] };
  const pricingVisits: MqlDefinition = {
    clauses: [{ id: 'pricing', label: 'Pricing 3× in 30 days', conditions: [{ kind: 'behaviour', event: 'page', asset: '/pricing', withinDays: 30, minCount: 3 }] }],
  };

  it('refuses a demo request 40 days ago when the window is 30 days, and accepts one 30 days ago', () => {
    expect(evaluateMql(recentDemo, subject({ events: [track('Demo Requested', 40)] }), at).reasons[0]).toEqual({
      clauseId: 'recent-demo',
      condition: 'did "Demo Requested" within 30 days (0 times)',
      met: false,
    });
    expect(evaluateMql(recentDemo, subject({ events: [track('Demo Requested', 30)] }), at).qualified).toBe(true);
  });

  it('counts page views on one asset within the window', () => {
    const twoRecent = [pageView('/pricing', 1), pageView('/Pricing', 5), pageView('/pricing', 45), pageView('/blog', 2)];
    const r = evaluateMql(pricingVisits, subject({ events: twoRecent }), at);
    expect(r.reasons[0]).toMatchObject({ condition: 'viewed a page on "/pricing" at least 3 times within 30 days (2 times)', met: false });
    expect(evaluateMql(pricingVisits, subject({ events: [...twoRecent, pageView('/pricing', 29)] }), at).qualified).toBe(true);
  });

  it('does not take a named page for a track event of the same name', () => {
    const def: MqlDefinition = { clauses: [{ id: 'p', label: 'P', conditions: [{ kind: 'behaviour', event: 'Pricing', minCount: 1 }] }] };
    expect(evaluateMql(def, subject({ events: [pageView('/pricing', 1)] }), at).qualified).toBe(false);
  });
});

describe('OR across clauses', () => {
  it('picks the first clause that holds and records its id', () => {
    const both = subject({ events: [track('Form Submitted', 3), track('Demo Requested', 1)] });
    expect(evaluateMql(guide, both, at)).toMatchObject({ qualified: true, clauseId: 'fin-services-us-form' });
  });

  it('falls through to a later clause and keeps why the earlier ones failed', () => {
    const r = evaluateMql(guide, subject({ company: { industry: 'Retail' }, events: [track('Demo Requested', 1)] }), at);
    expect(r).toMatchObject({ qualified: true, clauseId: 'us-demo-request', mqlType: 'online_demo' });
    expect(r.reasons.filter((x) => !x.met).map((x) => x.clauseId)).toEqual(['fin-services-us-form', 'fin-services-us-form']);
    expect(r.reasons.filter((x) => x.clauseId === 'us-demo-request').every((x) => x.met)).toBe(true);
  });

  it('reports every condition of every clause when none holds', () => {
    const r = evaluateMql(guide, subject({ company: { country: 'DE' }, events: [] }), at);
    expect(r.qualified).toBe(false);
    expect(r.reasons).toHaveLength(8);
  });
});

describe('scores, custom properties and derived MQL types', () => {
  const engaged = (conditions: MqlDefinition['clauses'][number]['conditions']): MqlDefinition => ({ clauses: [{ id: 'x', label: 'X', conditions }] });

  it('compares scores and treats a missing predicted score as not met', () => {
    const def = engaged([{ kind: 'score', score: 'fit', op: 'gte', value: 70 }, { kind: 'score', score: 'predicted', op: 'gte', value: 0.2 }]);
    expect(unmet(evaluateMql(def, subject(), at))).toEqual(['predicted score >= 0.2 (is missing)']);
    expect(evaluateMql(def, subject({ scores: { fit: 70, interest: 0, predicted: 0.25 } }), at)).toMatchObject({ qualified: true, mqlType: 'other' });
  });

  it('reads custom properties and tells blank from present', () => {
    const def = engaged([
      { kind: 'property', field: 'contact.properties.role', op: 'in', value: ['buyer', 'influencer'] },
      { kind: 'property', field: 'company.properties.owner', op: 'exists', value: false },
    ]);
    expect(evaluateMql(def, subject(), at).qualified).toBe(true);
    expect(unmet(evaluateMql(def, subject({ company: { properties: { owner: 'Ann' } } }), at))).toEqual(['company.properties.owner is blank (is "Ann")']);
  });

  it('takes the most recent counted event that names an offer', () => {
    const def = engaged([
      { kind: 'behaviour', event: 'Content Downloaded', minCount: 1 },
      { kind: 'behaviour', event: 'Webinar Attended', minCount: 1 },
      { kind: 'behaviour', event: 'page', minCount: 1 },
    ]);
    const events = [track('Content Downloaded', 9), track('Webinar Attended', 4), pageView('/pricing', 1)];
    expect(evaluateMql(def, subject({ events }), at).mqlType).toBe('webinar');
    const atTradeShow = [...events, track('Content Downloaded', 2, { campaignType: 'event' })];
    expect(evaluateMql(def, subject({ events: atTradeShow }), at).mqlType).toBe('trade_show');
    const fromAds = [...events, track('Content Downloaded', 2, { campaignType: 'paid_ads' })];
    expect(evaluateMql(def, subject({ events: fromAds }), at).mqlType).toBe('whitepaper');
  });

  it('lets a clause’s own MQL type win over the derived one', () => {
    const def: MqlDefinition = { clauses: [{ id: 'x', label: 'X', mqlType: 'contact_sales', conditions: [{ kind: 'behaviour', event: 'Demo Requested', minCount: 1 }] }] };
    expect(evaluateMql(def, subject({ events: [track('Demo Requested', 1)] }), at).mqlType).toBe('contact_sales');
  });
});
