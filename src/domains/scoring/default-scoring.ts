import type { MqlDefinitionInput } from './mql-definition.js';
import { rightJobTitlePattern } from './mql-examples.js';
import type { ScoringModel } from './score-rules.js';

/**
 * What a new installation scores with until marketing and sales agree on their own (and what
 * the demo shows): fit from title, size, industry and market; interest from the offers of
 * PRODUCT.md with a 90-day half-life; the matrix thresholds chosen so a decision-maker at a
 * mid-sized company who requested content twice is "hot".
 */
export const defaultScoringModel: ScoringModel = {
  fit: [
    { id: 'decision-maker', label: 'Decision-maker title', field: 'contact.job_title', op: 'matches', value: rightJobTitlePattern, points: 20 },
    { id: 'mid-market-up', label: '200+ employees', field: 'company.employees', op: 'gte', value: 200, points: 15 },
    { id: 'enterprise', label: '1,000+ employees', field: 'company.employees', op: 'gte', value: 1000, points: 10 },
    { id: 'target-industry', label: 'Target industry', field: 'company.industry', op: 'in', value: ['Software', 'Financial Services', 'Professional Services'], points: 10 },
    { id: 'core-market', label: 'Core market', field: 'company.country', op: 'in', value: ['US', 'GB', 'ES', 'DE', 'FR', 'United States', 'United Kingdom', 'Spain', 'Germany', 'France'], points: 5 },
    { id: 'student', label: 'Student', field: 'contact.job_title', op: 'matches', value: String.raw`\b(student|intern)\b`, points: -30 },
  ],
  interest: [
    { id: 'page-view', label: 'Page view', event: 'page', points: 1, maxTimes: 20 },
    { id: 'pricing', label: 'Viewed pricing', event: 'page', asset: '/pricing', points: 5, maxTimes: 3 },
    { id: 'form', label: 'Form submitted', event: 'Form Submitted', points: 10 },
    { id: 'download', label: 'Content downloaded', event: 'Content Downloaded', points: 8 },
    { id: 'webinar-registered', label: 'Webinar registration', event: 'Webinar Registered', points: 10 },
    { id: 'webinar-attended', label: 'Webinar attended', event: 'Webinar Attended', points: 15 },
    { id: 'demo', label: 'Demo requested', event: 'Demo Requested', points: 30 },
    { id: 'contact-sales', label: 'Asked to talk to sales', event: 'Contact Sales Requested', points: 40 },
    { id: 'email-click', label: 'Email link clicked', event: 'Email Link Clicked', points: 3, maxTimes: 10 },
  ],
  frequency: [
    { id: 'frequent-visitor', label: 'More than 15 visits in 30 days', event: 'page', minCount: 16, withinDays: 30, points: 10 },
    { id: 'avid-reader', label: '10 or more downloads', event: 'Content Downloaded', minCount: 10, withinDays: null, points: 10 },
  ],
  halfLifeDays: 90,
  thresholds: { fit: 25, interest: 30 },
};

/** Hand-raisers are MQLs at once; everyone else when fit and interest are both high. */
export const defaultMqlDefinition: MqlDefinitionInput = {
  clauses: [
    { id: 'contact-sales', label: 'Asked to talk to sales', mqlType: 'contact_sales', conditions: [{ kind: 'behaviour', event: 'Contact Sales Requested', withinDays: 30 }] },
    { id: 'demo', label: 'Requested a demo', mqlType: 'online_demo', conditions: [{ kind: 'behaviour', event: 'Demo Requested', withinDays: 30 }] },
    { id: 'hot', label: 'Good fit and interested', conditions: [{ kind: 'score', score: 'fit', op: 'gte', value: 25 }, { kind: 'score', score: 'interest', op: 'gte', value: 30 }] },
  ],
};
