import type { Channel } from './channel-names.js';
import { channelOfDeclaredSource } from './declared-source.js';
import { siteOf, type SiteCategory } from './source-lists.js';
import { clean, trafficSource, type TrafficEvidence, type TrafficInput } from './traffic-source.js';

export interface ChannelInput extends TrafficInput {
  /** A source typed by people (imports, offline capture): 'trade show', 'OFFLINE', 'PAID_SOCIAL'... */
  declaredSource?: string;
}

export interface ChannelResult {
  channel: Channel;
  /** Id of the rule that matched (docs/channels.md), so a report can answer "why this channel". */
  rule: string;
  source: string;
  medium: string;
  campaign: string | null;
}

/** What the rules read: the GA4 source/medium of a touch plus what we know about its source. */
export interface Touch {
  source: string;
  medium: string;
  /** Lower-cased for matching. */
  campaign: string;
  site: SiteCategory | null;
  evidence: TrafficEvidence;
  declared: string | null;
  declaredChannel: Channel | null;
}

export interface ChannelRule {
  id: string;
  decide(t: Touch): Channel | null;
}

// GA4's medium definitions, verbatim.
const paidMedium = /^(.*cp.*|ppc|retargeting|paid.*)$/;
const displayMediums = new Set(['display', 'banner', 'expandable', 'interstitial', 'cpm']);
const socialMediums = new Set(['social', 'social-network', 'social-media', 'sm', 'social network', 'social media']);
const emailWords = new Set(['email', 'e-mail', 'e_mail', 'e mail']);
const referralMediums = new Set(['referral', 'app', 'link']);
const directSources = new Set(['(direct)', 'direct']);
const noMediums = new Set(['(none)', '(not set)', 'none']);

const paid = (t: Touch) => paidMedium.test(t.medium);
const when = (id: string, channel: Channel, test: (t: Touch) => boolean): ChannelRule => ({
  id,
  decide: (t) => (test(t) ? channel : null),
});

/**
 * GA4's default channel group, in its order (first match wins), mapped onto our channels.
 * The two declared-source rules come first because a source a person recorded on an import is the
 * system of record for that contact. docs/channels.md explains each mapping.
 */
export const channelRules: readonly ChannelRule[] = [
  // A declared "unknown" says nothing: web evidence, when there is some, decides instead.
  { id: 'declared', decide: (t) => (t.declaredChannel === 'Unknown' && t.evidence !== 'none' ? null : t.declaredChannel) },
  when('declared-unmapped', 'Other', (t) => t.declared !== null && t.evidence === 'none'),
  when('direct', 'Direct', (t) => directSources.has(t.source) && noMediums.has(t.medium)),
  when('cross-network', 'Paid Search', (t) => t.campaign.includes('cross-network')),
  when('paid-shopping', 'Paid Search', (t) => t.site === 'shopping' && paid(t)),
  when('paid-search', 'Paid Search', (t) => t.site === 'search' && paid(t)),
  when('paid-social', 'Paid Social', (t) => t.site === 'social' && paid(t)),
  when('paid-video', 'Paid Social', (t) => t.site === 'video' && paid(t)),
  when('display', 'Display', (t) => displayMediums.has(t.medium)),
  when('paid-other', 'Other', paid),
  when('organic-shopping', 'Referral', (t) => t.site === 'shopping'),
  when('organic-social', 'Organic Social', (t) => t.site === 'social' || socialMediums.has(t.medium)),
  when('organic-video', 'Organic Social', (t) => t.site === 'video' || t.medium.includes('video')),
  when('organic-search', 'Organic Search', (t) => t.site === 'search' || t.medium === 'organic'),
  when('referral', 'Referral', (t) => referralMediums.has(t.medium)),
  when('email', 'Email', (t) => t.site === 'email' || emailWords.has(t.source) || emailWords.has(t.medium)),
  when('affiliates', 'Affiliates', (t) => t.medium === 'affiliate'),
  when('audio', 'Other', (t) => t.medium === 'audio'),
  when('sms', 'Other', (t) => t.source === 'sms' || t.medium === 'sms'),
  when('mobile-push', 'Other', (t) => /push$|mobile|notification/.test(t.medium) || t.source === 'firebase'),
];

/** GA4's "Unassigned": a touch that no rule recognises. */
export const fallbackRule = 'unassigned';

/** The channel of one touch (a hit, or a contact's first or latest source). Pure; case and spaces do not matter. */
export function classifyChannel(input: ChannelInput): ChannelResult {
  const traffic = trafficSource(input);
  const declared = clean(input.declaredSource)?.toLowerCase() ?? null;
  const touch: Touch = {
    ...traffic,
    campaign: traffic.campaign?.toLowerCase() ?? '',
    site: siteOf(traffic.source)?.category ?? null,
    declared,
    declaredChannel: declared === null ? null : channelOfDeclaredSource(declared),
  };
  for (const rule of channelRules) {
    const channel = rule.decide(touch);
    if (!channel) continue;
    // A declared source explains itself better than whatever the web data said.
    const shown = rule.id.startsWith('declared') ? { source: declared!, medium: '(not set)' } : traffic;
    return { channel, rule: rule.id, source: shown.source, medium: shown.medium, campaign: traffic.campaign };
  }
  return { channel: 'Other', rule: fallbackRule, source: traffic.source, medium: traffic.medium, campaign: traffic.campaign };
}
