import { describe, expect, it } from 'vitest';
import type { Channel } from './channel-names.js';
import { declaredSource, readDeclaredSource } from './declared-source.js';

// [declared value, expected channel, expected rule (null: no rule knows it)]
type Case = [string, Channel, string | null];

const cases: Case[] = [
  // unknown: nobody knows
  ['unknown', 'Unknown', 'unknown'],
  ['  Unknown ', 'Unknown', 'unknown'],
  ['', 'Unknown', 'unknown'],
  ['n/a', 'Unknown', 'unknown'],
  ['N/A', 'Unknown', 'unknown'],
  ['(none)', 'Unknown', 'unknown'],
  ['(not set)', 'Unknown', 'unknown'],
  ['-', 'Unknown', 'unknown'],
  ['#N/A', 'Unknown', 'unknown'],
  // known values: channel names, HubSpot and Salesforce picklists
  ['Organic Search', 'Organic Search', 'known-value'],
  ['PAID_SOCIAL', 'Paid Social', 'known-value'],
  ['OFFLINE', 'Offline', 'known-value'],
  ['Trade Show', 'Offline', 'known-value'],
  ['Seminar - Partner', 'Offline', 'known-value'],
  ['Employee Referral', 'Referral', 'known-value'],
  ['Web', 'Direct', 'known-value'],
  ['direct', 'Direct', 'known-value'],
  ['display', 'Display', 'known-value'],
  ['Direct mail', 'Offline', 'known-value'],
  ['Advertisement', 'Other', 'known-value'],
  ['other', 'Other', 'known-value'],
  // a URL or host name: the site lists, else a referral
  ['www.google.com', 'Organic Search', 'site'],
  ['https://www.linkedin.com/feed/', 'Organic Social', 'site'],
  ['mail.google.com', 'Email', 'site'],
  ['partner-site.io', 'Referral', 'site'],
  ['https://www.g2.com/products/revloop', 'Referral', 'site'],
  // words
  ['Affiliate network', 'Affiliates', 'affiliate-words'],
  ['banner', 'Display', 'display-words'],
  ['Google Display Network', 'Display', 'display-words'],
  ['Google Ads', 'Paid Search', 'paid-search-words'],
  ['google cpc', 'Paid Search', 'paid-search-words'],
  ['Bing Ads', 'Paid Search', 'paid-search-words'],
  ['AdWords', 'Paid Search', 'paid-search-words'],
  ['LinkedIn Ads', 'Paid Social', 'paid-social-words'],
  ['Facebook - paid', 'Paid Social', 'paid-social-words'],
  ['YouTube ads', 'Paid Social', 'paid-social-words'],
  ['facebook', 'Organic Social', 'social-words'],
  ['Instagram', 'Organic Social', 'social-words'],
  ['LinkedIn', 'Organic Social', 'social-words'],
  ['social', 'Organic Social', 'social-words'],
  ['Social media post', 'Organic Social', 'social-words'],
  ['LinkedIn email', 'Organic Social', 'social-words'],
  ['google', 'Organic Search', 'search-words'],
  ['bing', 'Organic Search', 'search-words'],
  ['SEO', 'Organic Search', 'search-words'],
  ['organic', 'Organic Search', 'search-words'],
  ['e-mail', 'Email', 'email-words'],
  ['E-Mail campaign', 'Email', 'email-words'],
  ['Newsletter', 'Email', 'email-words'],
  ['gmail', 'Email', 'email-words'],
  ['Tradeshow booth', 'Offline', 'offline-words'],
  ['webinar', 'Offline', 'offline-words'],
  ['Partner webinar', 'Offline', 'offline-words'],
  ['Cold calling list', 'Offline', 'offline-words'],
  ['referral', 'Referral', 'known-value'],
  ['Referred by a friend', 'Referral', 'referral-words'],
  ['partner site', 'Referral', 'referral-words'],
  ['Customer referral', 'Referral', 'referral-words'],
  ['amazon', 'Referral', 'referral-words'],
  ['Direct traffic (typed)', 'Direct', 'direct-words'],
  ['Website form', 'Direct', 'direct-words'],
  ['PPC', 'Paid Search', 'search-ad-words'],
  ['Paid', 'Other', 'paid-words'],
  ['Sponsored content', 'Other', 'paid-words'],
  // near misses: nothing known
  ['foo', 'Other', null],
  ['Gartner Magic Quadrant', 'Other', null],
  ['constructor', 'Other', null],
  ['Ask sales', 'Offline', 'offline-words'], // "ask" alone does not name ask.com
  ['Channel X', 'Other', null],
];

describe('readDeclaredSource', () => {
  it.each(cases)('"%s" is %s (%s)', (value, channel, rule) => {
    const reading = readDeclaredSource(value);
    expect(reading?.rule ?? null).toBe(rule);
    expect(declaredSource(value)!.original_source).toBe(channel);
  });

  it('has a case for every rule, so none is dead', () => {
    const rules = ['unknown', 'known-value', 'site', 'affiliate-words', 'display-words', 'paid-search-words', 'paid-social-words', 'social-words',
      'search-words', 'email-words', 'offline-words', 'referral-words', 'direct-words', 'search-ad-words', 'paid-words'];
    const tested = new Set(cases.map((c) => c[2]));
    expect(rules.filter((r) => !tested.has(r))).toEqual([]);
  });
});

describe('declaredSource', () => {
  it('keeps the words as given as the detail, trimmed', () => {
    expect(declaredSource('  Google Ads ')).toEqual({ original_source: 'Paid Search', original_source_detail: 'Google Ads' });
    // The channel's own name says nothing more: no detail. Other spellings are kept.
    expect(declaredSource('Organic Search')).toEqual({ original_source: 'Organic Search', original_source_detail: null });
    expect(declaredSource('ORGANIC_SEARCH')).toEqual({ original_source: 'Organic Search', original_source_detail: 'ORGANIC_SEARCH' });
    expect(declaredSource('foo')).toEqual({ original_source: 'Other', original_source_detail: 'foo' });
  });

  it('a blank value is Unknown without a detail; null declares nothing', () => {
    expect(declaredSource('   ')).toEqual({ original_source: 'Unknown', original_source_detail: null });
    expect(declaredSource('n/a')).toEqual({ original_source: 'Unknown', original_source_detail: 'n/a' });
    expect(declaredSource(null)).toBeNull();
    expect(declaredSource(undefined)).toBeNull();
  });
});
