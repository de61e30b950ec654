import { describe, expect, it } from 'vitest';
import type { Channel } from './channel-names.js';
import { channelRules, classifyChannel, fallbackRule, type ChannelInput, type ChannelResult } from './classify-channel.js';

// [what, input, expected channel, expected rule, other fields the result must carry]
type Case = [string, ChannelInput, Channel, string, Partial<ChannelResult>?];

const site = 'https://www.acme.com/pricing';

const cases: Case[] = [
  // declared sources (imports, offline capture)
  ['HubSpot OFFLINE is Offline', { declaredSource: 'OFFLINE' }, 'Offline', 'declared', { source: 'offline', medium: '(not set)' }],
  ['"Trade Show" with spaces is Offline', { declaredSource: '  Trade Show ' }, 'Offline', 'declared'],
  ['"Sales prospecting" is Offline', { declaredSource: 'Sales prospecting' }, 'Offline', 'declared'],
  ['HubSpot PAID_SOCIAL is Paid Social', { declaredSource: 'PAID_SOCIAL' }, 'Paid Social', 'declared'],
  ['HubSpot SOCIAL_MEDIA is Organic Social', { declaredSource: 'SOCIAL_MEDIA' }, 'Organic Social', 'declared'],
  ['HubSpot label "Email marketing" is Email', { declaredSource: 'Email marketing' }, 'Email', 'declared'],
  ['HubSpot DIRECT_TRAFFIC is Direct', { declaredSource: 'DIRECT_TRAFFIC' }, 'Direct', 'declared'],
  ['HubSpot OTHER_CAMPAIGNS is Other', { declaredSource: 'OTHER_CAMPAIGNS' }, 'Other', 'declared'],
  ['a declared source beats web evidence', { declaredSource: 'OFFLINE', referrer: 'https://www.google.com/' }, 'Offline', 'declared'],
  ['declared words are read: "Google Ads" is Paid Search', { declaredSource: 'Google Ads' }, 'Paid Search', 'declared', { source: 'google ads' }],
  ['a declared "n/a" with no web data is Unknown', { declaredSource: 'n/a' }, 'Unknown', 'declared'],
  ['near miss: a declared "unknown" with web data falls to the web rules', { declaredSource: 'unknown', referrer: 'https://www.bing.com/' }, 'Organic Search', 'organic-search'],
  ['an unrecognised declared source with no web data is Other', { declaredSource: 'Gartner Magic Quadrant' }, 'Other', 'declared-unmapped', { source: 'gartner magic quadrant' }],
  ['"constructor" is not a known declared source', { declaredSource: 'constructor' }, 'Other', 'declared-unmapped'],
  ['near miss: an unrecognised declared source with web data falls to the web rules', { declaredSource: 'Gartner MQ', utmMedium: 'email' }, 'Email', 'email'],

  // direct
  ['no data at all is Direct', {}, 'Direct', 'direct', { source: '(direct)', medium: '(none)' }],
  ['blank strings are no data', { utmSource: '  ', utmMedium: '', referrer: ' ' }, 'Direct', 'direct'],
  ['a (direct)/(none) tag is Direct', { utmSource: '(direct)', utmMedium: '(none)' }, 'Direct', 'direct'],
  ['a referrer from the own site (pageUrl host) is Direct', { pageUrl: site, referrer: 'https://acme.com/blog/post' }, 'Direct', 'direct'],
  ['a referrer from an own subdomain (siteHost) is Direct', { siteHost: 'acme.com', referrer: 'https://blog.acme.com/post' }, 'Direct', 'direct'],
  ['a campaign without source or medium is not a tag', { utmCampaign: 'spring' }, 'Direct', 'direct', { campaign: 'spring' }],
  ['near miss: (direct) with an email medium is Email', { utmSource: '(direct)', utmMedium: 'email' }, 'Email', 'email'],
  ['near miss: a referrer that only ends like the own site is Referral', { pageUrl: site, referrer: 'https://notacme.com/' }, 'Referral', 'referral'],

  // paid, in GA4's order
  ['a cross-network campaign is Paid Search, even on a social source', { utmSource: 'facebook', utmMedium: 'cpc', utmCampaign: 'PMax Cross-Network Q3' }, 'Paid Search', 'cross-network'],
  ['near miss: a cross-network campaign name alone is still Direct', { utmCampaign: 'cross-network' }, 'Direct', 'direct'],
  ['a shopping site with a paid medium is Paid Search', { utmSource: 'amazon', utmMedium: 'cpc' }, 'Paid Search', 'paid-shopping'],
  ['google / cpc is Paid Search', { utmSource: 'google', utmMedium: 'cpc' }, 'Paid Search', 'paid-search', { source: 'google', medium: 'cpc' }],
  ['case and spaces do not matter', { utmSource: ' Google ', utmMedium: ' CPC ' }, 'Paid Search', 'paid-search', { source: 'google', medium: 'cpc' }],
  ['a host as utm_source matches its site', { utmSource: 'www.bing.com', utmMedium: 'ppc' }, 'Paid Search', 'paid-search'],
  ['tags are read from the page URL', { pageUrl: `${site}?utm_source=duckduckgo&utm_medium=paid-search&utm_campaign=Brand%20EU` }, 'Paid Search', 'paid-search', { campaign: 'Brand EU' }],
  ['cpm on a search engine is Paid Search: the paid rules come before Display', { utmSource: 'google', utmMedium: 'cpm' }, 'Paid Search', 'paid-search'],
  ['a tag without utm_source takes the source from the referrer', { utmMedium: 'cpc', referrer: 'https://www.google.de/' }, 'Paid Search', 'paid-search', { source: 'google', medium: 'cpc' }],
  ['gclid in the page URL is Paid Search (google / cpc)', { pageUrl: `${site}?gclid=EAIaIQobChMI` }, 'Paid Search', 'paid-search', { source: 'google', medium: 'cpc' }],
  ['gclid beats an organic Google referrer', { pageUrl: `${site}?gclid=x`, referrer: 'https://www.google.com/' }, 'Paid Search', 'paid-search'],
  ['gbraid is Paid Search', { clickIds: { gbraid: 'abc' } }, 'Paid Search', 'paid-search'],
  ['wbraid is Paid Search', { clickIds: { wbraid: 'abc' } }, 'Paid Search', 'paid-search'],
  ['msclkid is Paid Search (bing / cpc)', { pageUrl: `${site}?msclkid=123` }, 'Paid Search', 'paid-search', { source: 'bing', medium: 'cpc' }],
  ['near miss: cpc on facebook is Paid Social, not Paid Search', { utmSource: 'facebook', utmMedium: 'cpc' }, 'Paid Social', 'paid-social'],
  ['near miss: an explicit utm_source beats the one in the URL', { utmSource: 'facebook', pageUrl: `${site}?utm_source=google&utm_medium=cpc` }, 'Paid Social', 'paid-social'],
  ['near miss: a UTM tag beats gclid (the advertiser says which network)', { utmMedium: 'display', pageUrl: `${site}?gclid=x` }, 'Display', 'display', { source: 'google' }],
  ['linkedin / paid_social is Paid Social', { utmSource: 'linkedin', utmMedium: 'paid_social' }, 'Paid Social', 'paid-social'],
  ['ig / retargeting is Paid Social', { utmSource: 'ig', utmMedium: 'retargeting' }, 'Paid Social', 'paid-social'],
  ['ttclid is Paid Social', { pageUrl: `${site}?ttclid=1` }, 'Paid Social', 'paid-social', { source: 'tiktok' }],
  ['li_fat_id is Paid Social', { clickIds: { li_fat_id: '1' } }, 'Paid Social', 'paid-social', { source: 'linkedin' }],
  ['twclid is Paid Social', { clickIds: { twclid: '1' } }, 'Paid Social', 'paid-social', { source: 'twitter' }],
  ['fbclid with a paid medium is Paid Social', { utmMedium: 'cpc', pageUrl: `${site}?fbclid=IwAR0` }, 'Paid Social', 'paid-social', { source: 'facebook' }],
  ['youtube / cpv is Paid Social (paid video)', { utmSource: 'youtube', utmMedium: 'cpv' }, 'Paid Social', 'paid-video'],
  ['a display medium is Display', { utmSource: 'criteo', utmMedium: 'Banner' }, 'Display', 'display'],
  ['google / display is Display: "display" is not a paid medium', { utmSource: 'google', utmMedium: 'display' }, 'Display', 'display'],
  ['dclid (Display & Video 360) is Display', { pageUrl: `${site}?dclid=CJKu8` }, 'Display', 'display', { source: 'dv360', medium: 'cpm' }],
  ['a paid medium on an unknown source is Other', { utmSource: 'capterra', utmMedium: 'cpc' }, 'Other', 'paid-other'],
  ['near miss: the same source unpaid is Referral', { utmSource: 'capterra', utmMedium: 'referral' }, 'Referral', 'referral'],

  // organic
  ['a shopping-site referrer is Referral', { referrer: 'https://www.ebay.co.uk/itm/1' }, 'Referral', 'organic-shopping'],
  ['l.facebook.com is Organic Social', { referrer: 'https://l.facebook.com/' }, 'Organic Social', 'organic-social', { source: 'facebook', medium: 'referral' }],
  ['lnkd.in is Organic Social', { referrer: 'https://lnkd.in/abc' }, 'Organic Social', 'organic-social', { source: 'linkedin' }],
  ['t.co is Organic Social', { referrer: 'https://t.co/xyz' }, 'Organic Social', 'organic-social', { source: 'twitter' }],
  ['the LinkedIn Android app is Organic Social', { referrer: 'android-app://com.linkedin.android/' }, 'Organic Social', 'organic-social'],
  ['linkedin / social is Organic Social', { utmSource: 'linkedin', utmMedium: 'social' }, 'Organic Social', 'organic-social'],
  ['a social medium on any source is Organic Social', { pageUrl: `${site}?utm_source=newsletter&utm_medium=social+media` }, 'Organic Social', 'organic-social'],
  ['fbclid alone with a facebook referrer is Organic Social', { referrer: 'https://m.facebook.com/', pageUrl: `${site}?fbclid=IwAR0` }, 'Organic Social', 'organic-social'],
  ['fbclid alone without referrer (in-app browser) is Organic Social', { pageUrl: `${site}?fbclid=IwAR0` }, 'Organic Social', 'organic-social', { source: 'facebook' }],
  ['near miss: fbclid on a link copied to a blog is Referral', { referrer: 'https://someblog.net/post', pageUrl: `${site}?fbclid=IwAR0` }, 'Referral', 'referral'],
  ['near miss: email on a social source is Organic Social (GA4 order)', { utmSource: 'linkedin', utmMedium: 'email' }, 'Organic Social', 'organic-social'],
  ['youtube.com is Organic Social (organic video)', { referrer: 'https://www.youtube.com/watch?v=1' }, 'Organic Social', 'organic-video'],
  ['a video medium is Organic Social', { utmSource: 'webinar-platform', utmMedium: 'video' }, 'Organic Social', 'organic-video'],
  ['near miss: youtube / organic is video before search', { utmSource: 'youtube', utmMedium: 'organic' }, 'Organic Social', 'organic-video'],
  ['google.es is Organic Search', { referrer: 'https://www.google.es/' }, 'Organic Search', 'organic-search', { source: 'google', medium: 'organic' }],
  ['google.com.br is Organic Search', { referrer: 'https://www.google.com.br/search?q=crm' }, 'Organic Search', 'organic-search'],
  ['bing.com is Organic Search', { referrer: 'https://www.bing.com/search?q=crm' }, 'Organic Search', 'organic-search', { source: 'bing' }],
  ['Brave Search is Organic Search', { referrer: 'https://search.brave.com/' }, 'Organic Search', 'organic-search', { source: 'brave' }],
  ['the Google app is Organic Search', { referrer: 'android-app://com.google.android.googlequicksearchbox/' }, 'Organic Search', 'organic-search'],
  ['medium organic on any source is Organic Search', { utmSource: 'newsletter', utmMedium: 'organic' }, 'Organic Search', 'organic-search'],
  ['near miss: docs.google.com is Referral', { referrer: 'https://docs.google.com/document/d/1' }, 'Referral', 'referral', { source: 'docs.google.com' }],
  ['near miss: perplexity.ai is Referral', { referrer: 'https://www.perplexity.ai/' }, 'Referral', 'referral'],
  ['another site is Referral', { referrer: 'https://www.partner.io/blog/x' }, 'Referral', 'referral', { source: 'partner.io', medium: 'referral' }],
  ['medium link is Referral', { utmSource: 'g2', utmMedium: 'link' }, 'Referral', 'referral'],
  ['utm_medium=email is Email', { utmSource: 'newsletter', utmMedium: 'email' }, 'Email', 'email'],
  ['utm_source=E-Mail is Email', { utmSource: 'E-Mail', utmMedium: 'newsletter' }, 'Email', 'email'],
  ['mail.google.com is Email', { referrer: 'https://mail.google.com/' }, 'Email', 'email', { source: 'gmail', medium: 'email' }],
  ['Outlook on the web is Email', { referrer: 'https://outlook.live.com/' }, 'Email', 'email'],
  ['the Gmail app is Email', { referrer: 'android-app://com.google.android.gm/' }, 'Email', 'email'],
  ['near miss: medium newsletter with an unknown source is Other', { utmSource: 'mailchimp', utmMedium: 'newsletter' }, 'Other', fallbackRule],
  ['utm_medium=affiliate is Affiliates', { utmSource: 'partnerstack', utmMedium: 'affiliate' }, 'Affiliates', 'affiliates'],
  ['near miss: affiliate on a social source is Organic Social', { utmSource: 'facebook', utmMedium: 'affiliate' }, 'Organic Social', 'organic-social'],
  ['medium audio is Other', { utmSource: 'spotify', utmMedium: 'audio' }, 'Other', 'audio'],
  ['source sms is Other', { utmSource: 'sms', utmMedium: 'text' }, 'Other', 'sms'],
  ['medium web-push is Other', { utmSource: 'onesignal', utmMedium: 'web-push' }, 'Other', 'mobile-push'],
  ['source firebase is Other', { utmSource: 'firebase', utmMedium: 'inapp' }, 'Other', 'mobile-push'],
  ['a medium nobody knows (podcast) is Other', { utmSource: 'acquired', utmMedium: 'podcast' }, 'Other', fallbackRule],
  ['near miss: "socials" is not a social medium', { utmSource: 'club', utmMedium: 'socials' }, 'Other', fallbackRule],
];

describe('classifyChannel', () => {
  it.each(cases)('%s', (_what, input, channel, rule, also) => {
    expect(classifyChannel(input)).toMatchObject({ channel, rule, ...also });
  });

  it('has a case for every rule, so none is dead', () => {
    const tested = new Set(cases.map((c) => c[3]));
    expect([...channelRules.map((r) => r.id), fallbackRule].filter((id) => !tested.has(id))).toEqual([]);
  });

  it('keeps the campaign as tagged (it keys a campaign record) but trims it', () => {
    expect(classifyChannel({ utmSource: 'newsletter', utmMedium: 'email', utmCampaign: ' Spring-Webinar ' }).campaign).toBe('Spring-Webinar');
  });

  it('reads tags and click ids from the page URL exactly as from the fields', () => {
    const fields = classifyChannel({ utmSource: 'linkedin', utmMedium: 'cpc', utmCampaign: 'abm', clickIds: { li_fat_id: '9' } });
    const url = classifyChannel({ pageUrl: `${site}?utm_source=linkedin&utm_medium=cpc&utm_campaign=abm&li_fat_id=9` });
    expect(url).toEqual(fields);
  });
});
