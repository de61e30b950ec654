import { channelNames, type Channel } from './channel-names.js';
import { hostOf } from './host-of.js';
import { siteOf, type SiteCategory } from './source-lists.js';

/**
 * Sources typed by people rather than observed on the site: CSV imports (HubSpot's "Original
 * Source", Salesforce's "Lead Source") and offline capture (trade-show scans, sales prospecting).
 * Keys are normalised: lower case, "_" and "-" as spaces, so ORGANIC_SEARCH and "Organic search"
 * are one key.
 */
const declaredChannels: Readonly<Record<string, Channel>> = {
  ...Object.fromEntries(channelNames.map((c) => [c.toLowerCase(), c])),
  // HubSpot API values and their labels.
  'email marketing': 'Email',
  'social media': 'Organic Social',
  referrals: 'Referral',
  'ai referrals': 'Referral',
  'other campaigns': 'Other',
  'direct traffic': 'Direct',
  'offline sources': 'Offline',
  // Salesforce's default Lead Source picklist. "Web" is a website lead whose source nobody kept,
  // which is what Direct means in GA4.
  web: 'Direct',
  website: 'Direct',
  advertisement: 'Other',
  'partner referral': 'Referral',
  'employee referral': 'Referral',
  'external referral': 'Referral',
  'phone inquiry': 'Offline',
  'purchased list': 'Offline',
  'trade show': 'Offline',
  'seminar internal': 'Offline',
  'seminar partner': 'Offline',
  'word of mouth': 'Offline',
  // The sales team's own words for offline capture.
  tradeshow: 'Offline',
  event: 'Offline',
  conference: 'Offline',
  'sales prospecting': 'Offline',
  prospecting: 'Offline',
  outbound: 'Offline',
  'cold call': 'Offline',
  'direct mail': 'Offline',
  affiliate: 'Affiliates',
};

/** Values that say nobody knows where the person came from (compared after normalising). */
const unknownValues = new Set([
  '', 'unknown', '(unknown)', 'n/a', '#n/a', 'na', 'none', '(none)', 'not set', '(not set)', 'null', 'nil', 'undefined', '?',
  'tbd', 'not specified', 'unspecified', 'not known', 'no source',
]);

// Words of a declared source, by what they say. A value is read word by word ("Google Ads" is
// google + ads), so the people's variants need no entry each.
const paidWords = new Set(['paid', 'cpc', 'ppc', 'sem', 'ads', 'ad', 'adwords', 'advertising', 'advert', 'adverts', 'sponsored', 'promoted', 'retargeting', 'remarketing']);
/** Paid words that by themselves mean search ads: "PPC" in a CRM is the search-ads budget. */
const searchAdWords = new Set(['cpc', 'ppc', 'sem', 'adwords']);
const displayWords = new Set(['display', 'banner', 'banners', 'programmatic', 'cpm']);
const affiliateWords = new Set(['affiliate', 'affiliates']);
const searchWords = new Set(['search', 'seo', 'organic']);
const socialWords = new Set(['social', 'socials']);
const emailWords = new Set(['email', 'emails', 'emailing', 'newsletter', 'newsletters', 'mailing', 'mailchimp']);
const offlineWords = new Set([
  'offline', 'trade', 'tradeshow', 'booth', 'expo', 'exhibition', 'fair', 'event', 'events', 'conference', 'summit', 'meetup', 'roadshow',
  'seminar', 'webinar', 'webinars', 'workshop', 'phone', 'call', 'calls', 'cold', 'outbound', 'prospecting', 'sales', 'sdr', 'bdr',
  'list', 'purchased', 'print', 'magazine', 'tv', 'radio', 'billboard',
]);
const referralWords = new Set(['referral', 'referrals', 'referred', 'referrer', 'partner', 'partners', 'reseller', 'resellers', 'backlink', 'backlinks', 'review', 'reviews', 'directory']);
const directWords = new Set(['direct', 'typed', 'bookmark', 'bookmarks', 'web', 'website']);
/** Site aliases too short or too common to name the site inside a phrase ("Ask sales", "Channel X"). */
const notSiteWords = new Set(['ask', 'x', 'fb', 'ig', 'yt']);

/** How a declared value was read: the channel and the rule (docs/channels.md, "Declared sources"). */
export interface DeclaredReading {
  channel: Channel;
  rule: string;
}

const normalise = (value: string) => value.trim().toLowerCase().replace(/[\s_-]+/g, ' ').trim();

/**
 * A declared value's channel by its words, first rule first; null when no rule knows the value
 * (it is then Other, or the web rules decide when there is web evidence).
 */
export function readDeclaredSource(value: string): DeclaredReading | null {
  const key = normalise(value);
  if (unknownValues.has(key)) return { channel: 'Unknown', rule: 'unknown' };
  // hasOwn: "constructor" and friends are not channels.
  if (Object.hasOwn(declaredChannels, key)) return { channel: declaredChannels[key]!, rule: 'known-value' };
  // A URL or a host name ("https://partner-site.io/blog", "g2.com"), read before "-" becomes a space.
  const raw = value.trim().toLowerCase();
  const host = /^[a-z][a-z0-9+.-]*:\/\//.test(raw) || /^[a-z0-9-]+(\.[a-z0-9-]+)+(\/\S*)?$/.test(raw) ? hostOf(raw) : null;
  if (host) return { channel: channelOfSite(siteOf(host)?.category) ?? 'Referral', rule: 'site' };

  const words = key.replace(/\be mail\b/g, 'email').split(/[^a-z0-9]+/).filter(Boolean);
  const has = (set: ReadonlySet<string>) => words.some((w) => set.has(w));
  const sites = words.filter((w) => !notSiteWords.has(w)).map((w) => siteOf(w)?.category);
  const paid = has(paidWords);
  const search = has(searchWords) || sites.includes('search');
  const social = has(socialWords) || sites.includes('social') || sites.includes('video');
  const rules: [string, Channel, boolean][] = [
    ['affiliate-words', 'Affiliates', has(affiliateWords)],
    ['display-words', 'Display', has(displayWords)],
    ['paid-search-words', 'Paid Search', paid && search],
    ['paid-social-words', 'Paid Social', paid && social],
    ['social-words', 'Organic Social', social],
    ['search-words', 'Organic Search', search],
    ['email-words', 'Email', has(emailWords) || sites.includes('email')],
    ['offline-words', 'Offline', has(offlineWords)],
    ['referral-words', 'Referral', has(referralWords) || sites.includes('shopping')],
    ['direct-words', 'Direct', has(directWords)],
    ['search-ad-words', 'Paid Search', has(searchAdWords)],
    ['paid-words', 'Other', paid],
  ];
  const hit = rules.find(([, , matches]) => matches);
  return hit ? { channel: hit[1], rule: hit[0] } : null;
}

/** The channel of a site category, as the web rules give its unpaid referrer. */
function channelOfSite(category: SiteCategory | undefined): Channel | null {
  if (category === 'search') return 'Organic Search';
  if (category === 'social' || category === 'video') return 'Organic Social';
  if (category === 'email') return 'Email';
  return null;
}

/** The channel a declared source names, or null when it is not one we know. */
export function channelOfDeclaredSource(value: string): Channel | null {
  return readDeclaredSource(value)?.channel ?? null;
}

/**
 * A source typed by people, stored the way reports need it: the channel in original_source and
 * the words as given in original_source_detail ("Trade Show" → Offline, detail "Trade Show";
 * "foo" → Other, detail "foo"); a value that is the channel's own name says nothing more, so it
 * has no detail. A blank value is Unknown with no detail; null or undefined declares nothing
 * (null is returned).
 */
export function declaredSource(raw: string | null | undefined): { original_source: Channel; original_source_detail: string | null } | null {
  if (raw === null || raw === undefined) return null;
  const value = raw.trim();
  const channel = channelOfDeclaredSource(value) ?? 'Other';
  return { original_source: channel, original_source_detail: value && value !== channel ? value : null };
}
