import { hostOf, parseUrl, sameSite } from './host-of.js';
import { siteOf } from './source-lists.js';

export interface ClickIds {
  gclid?: string;
  gbraid?: string;
  wbraid?: string;
  dclid?: string;
  fbclid?: string;
  msclkid?: string;
  ttclid?: string;
  li_fat_id?: string;
  twclid?: string;
}

/** What one hit tells about where it came from; every field is optional and trimmed. */
export interface TrafficInput {
  utmSource?: string;
  utmMedium?: string;
  utmCampaign?: string;
  clickIds?: ClickIds;
  referrer?: string;
  /** utm_* and click ids are read from its query string when not given separately. */
  pageUrl?: string;
  /** A referrer from this host or its subdomains is navigation, not a referral. Defaults to pageUrl's host. */
  siteHost?: string;
}

/** Which kind of evidence gave the source: used to tell "nothing observed" from "observed Direct". */
export type TrafficEvidence = 'utm' | 'click-id' | 'referrer' | 'none';

export interface TrafficSource {
  /** Lower-cased; a known site's canonical name (google, linkedin) or the referring host; '(direct)' when nothing was seen. */
  source: string;
  /** Lower-cased; '(none)' for direct, '(not set)' when a tag named a source only. */
  medium: string;
  /** utm_campaign as tagged (trimmed, case kept: it is the key of a campaign record). */
  campaign: string | null;
  evidence: TrafficEvidence;
}

interface Clue {
  source?: string;
  medium?: string;
}

/**
 * Auto-tagging ids and what they imply, in the order they win when several are present. Each is
 * appended only to ad clicks, except fbclid: Meta adds it to every outbound link, organic posts and
 * Instagram bios included, so it names the platform but says nothing about payment.
 * dclid comes from Campaign Manager 360 / Display & Video 360, i.e. display and video ads, so it
 * implies a display medium rather than search.
 */
const clickIdMeaning: readonly (readonly [keyof ClickIds, string, string])[] = [
  ['gclid', 'google', 'cpc'],
  ['gbraid', 'google', 'cpc'],
  ['wbraid', 'google', 'cpc'],
  ['msclkid', 'bing', 'cpc'],
  ['dclid', 'dv360', 'cpm'],
  ['ttclid', 'tiktok', 'cpc'],
  ['li_fat_id', 'linkedin', 'cpc'],
  ['twclid', 'twitter', 'cpc'],
];

/**
 * GA4's session source and medium for one hit. Evidence is taken in this order, each later one only
 * filling what the earlier ones left blank: the UTM tag, a paid click id, the referrer, fbclid.
 * Tags beat click ids (GA4 lets auto-tagging win) because without the ad platform's API a gclid
 * cannot say whether the click was on search, display or YouTube, while the advertiser's own tag can.
 */
export function trafficSource(input: TrafficInput): TrafficSource {
  const query = parseUrl(input.pageUrl ?? '', 'http://relative.invalid')?.searchParams;
  const param = (given: string | undefined, name: string) => clean(given) ?? clean(query?.get(name) ?? undefined);
  const clicked = (name: keyof ClickIds) => param(input.clickIds?.[name], name) !== undefined;

  const tag: Clue = { source: param(input.utmSource, 'utm_source')?.toLowerCase(), medium: param(input.utmMedium, 'utm_medium')?.toLowerCase() };
  const paidClick = clickIdMeaning.find(([name]) => clicked(name));
  const evidence: [TrafficEvidence, Clue | undefined][] = [
    ['utm', tag.source || tag.medium ? tag : undefined],
    ['click-id', paidClick && { source: paidClick[1], medium: paidClick[2] }],
    ['referrer', fromReferrer(input)],
    // Meta's in-app browsers often send no referrer; fbclid is then the only trace of the platform.
    ['click-id', clicked('fbclid') ? { source: 'facebook', medium: 'referral' } : undefined],
  ];
  const seen = evidence.filter((e): e is [TrafficEvidence, Clue] => e[1] !== undefined);
  const campaign = param(input.utmCampaign, 'utm_campaign') ?? null;
  if (seen.length === 0) return { source: '(direct)', medium: '(none)', campaign, evidence: 'none' };
  const first = (key: keyof Clue) => seen.find(([, p]) => p[key])?.[1][key] ?? '(not set)';
  return { source: first('source'), medium: first('medium'), campaign, evidence: seen[0]![0] };
}

function fromReferrer(input: TrafficInput): Clue | undefined {
  const host = hostOf(input.referrer);
  const own = hostOf(input.siteHost) ?? (input.pageUrl?.includes('://') ? hostOf(input.pageUrl) : null);
  if (!host || (own && sameSite(host, own))) return undefined;
  const site = siteOf(host);
  const medium = site?.category === 'search' ? 'organic' : site?.category === 'email' ? 'email' : 'referral';
  return { source: site?.name ?? host, medium };
}

/** Trimmed, or undefined when blank: an empty utm_source="" is no tag at all. */
export function clean(value: string | undefined): string | undefined {
  const v = value?.trim();
  return v ? v : undefined;
}
