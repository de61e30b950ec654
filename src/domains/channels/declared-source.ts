import { channelNames, type Channel } from './channel-names.js';

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
  affiliate: 'Affiliates',
};

/** The channel a declared source names, or null when it is not one we know. */
export function channelOfDeclaredSource(value: string): Channel | null {
  const key = value.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
  // hasOwn: "constructor" and friends are not channels.
  return Object.hasOwn(declaredChannels, key) ? declaredChannels[key]! : null;
}

/**
 * A source typed by people, stored the way reports need it: the channel (one of the eleven) in
 * original_source and the words as given in original_source_detail ("Trade Show" → Offline,
 * detail "Trade Show"). A value we do not recognise is an offline source with that detail.
 */
export function declaredSource(raw: string | null | undefined): { original_source: Channel; original_source_detail: string | null } | null {
  const value = raw?.trim();
  if (!value) return null;
  const channel = channelOfDeclaredSource(value) ?? 'Offline';
  return { original_source: channel, original_source_detail: value === channel ? null : value };
}
