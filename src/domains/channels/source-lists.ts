import { hostOf } from './host-of.js';

export type SiteCategory = 'email' | 'social' | 'video' | 'shopping' | 'search';

/**
 * Known traffic sources by category, GA4-style: each site's key is its canonical source name and
 * its patterns are matched against referrer hosts and utm_source values alike (GA4 compares
 * utm_source with the same lists). A pattern with a dot is a host: "bing.com" matches bing.com and
 * every subdomain (cn.bing.com); "google.*" matches google under any country ending of one or two
 * short labels (google.es, google.co.uk, google.com.br) but no subdomain, because docs.google.com
 * or sites.google.com link like any other site. A pattern without a dot is a utm_source alias.
 *
 * The categories are tried in this order, so a host in two lists takes the first: webmail before
 * search keeps mail.google.com and mail.yahoo.com out of Organic Search.
 *
 * AI assistants (chatgpt.com, perplexity.ai, gemini, copilot) are deliberately absent: their links
 * are citations, which is what Referral means, and GA4 does not count them as search either.
 */
export const knownSites: Readonly<Record<SiteCategory, Readonly<Record<string, readonly string[]>>>> = {
  // Webmail and mail apps (a Revloop adaptation: GA4 has no such list and reports them as Referral).
  email: {
    gmail: ['mail.google.com', 'inbox.google.com', 'com.google.android.gm'],
    outlook: ['outlook.live.com', 'outlook.office.com', 'outlook.office365.com', 'com.microsoft.office.outlook'],
    'yahoo mail': ['mail.yahoo.com', 'mail.yahoo.*', 'com.yahoo.mobile.client.android.mail'],
    'aol mail': ['mail.aol.com'],
    'proton mail': ['mail.proton.me', 'mail.protonmail.com'],
    'zoho mail': ['mail.zoho.com', 'mail.zoho.eu', 'mail.zoho.in'],
    'yandex mail': ['mail.yandex.*'],
    'mail.ru': ['e.mail.ru'],
    'naver mail': ['mail.naver.com'],
    'seznam email': ['email.seznam.cz'],
    'gmx mail': ['navigator.gmx.net', 'navigator.gmx.com'],
  },
  social: {
    facebook: ['facebook.com', 'fb.com', 'fb.me', 'fb', 'meta', 'com.facebook.katana'],
    instagram: ['instagram.com', 'ig', 'com.instagram.android'],
    messenger: ['messenger.com'],
    linkedin: ['linkedin.com', 'lnkd.in', 'com.linkedin.android'],
    twitter: ['twitter.com', 't.co', 'x.com', 'x', 'com.twitter.android'],
    tiktok: ['tiktok.com'],
    reddit: ['reddit.com', 'redd.it'],
    pinterest: ['pinterest.*', 'pinterest.com', 'pin.it'],
    quora: ['quora.com'],
    xing: ['xing.com'],
    vk: ['vk.com', 'vkontakte.ru'],
    snapchat: ['snapchat.com'],
    threads: ['threads.net', 'threads.com'],
    mastodon: ['mastodon.social', 'mastodon.online', 'mstdn.social'],
    bluesky: ['bsky.app'],
    tumblr: ['tumblr.com'],
    whatsapp: ['whatsapp.com', 'wa.me'],
    telegram: ['t.me', 'telegram.org'],
    discord: ['discord.com', 'discord.gg'],
    slack: ['slack.com', 'com.slack'],
    weibo: ['weibo.com'],
  },
  video: {
    youtube: ['youtube.com', 'youtu.be', 'yt', 'com.google.android.youtube'],
    vimeo: ['vimeo.com'],
    twitch: ['twitch.tv'],
    dailymotion: ['dailymotion.com'],
    wistia: ['wistia.com'],
  },
  shopping: {
    amazon: ['amazon.*', 'amazon.com'],
    ebay: ['ebay.*', 'ebay.com'],
    etsy: ['etsy.com'],
    aliexpress: ['aliexpress.com'],
    alibaba: ['alibaba.com'],
    walmart: ['walmart.com'],
    mercadolibre: ['mercadolibre.*', 'mercadolibre.com'],
  },
  search: {
    google: ['google.*', 'com.google.android.googlequicksearchbox', 'adwords', 'googleads', 'google ads'],
    bing: ['bing.com', 'msn.com', 'microsoft ads', 'bing ads'],
    yahoo: ['yahoo.*', 'search.yahoo.com', 'search.yahoo.co.jp'],
    duckduckgo: ['duckduckgo.com', 'ddg'],
    baidu: ['baidu.com'],
    yandex: ['yandex.*', 'ya.ru'],
    ecosia: ['ecosia.org'],
    naver: ['search.naver.com'],
    seznam: ['seznam.cz'],
    qwant: ['qwant.com'],
    startpage: ['startpage.com'],
    ask: ['ask.com'],
    aol: ['aol.com'],
    brave: ['search.brave.com'],
    sogou: ['sogou.com'],
    daum: ['search.daum.net'],
  },
};

const categoryOrder: readonly SiteCategory[] = ['email', 'social', 'video', 'shopping', 'search'];

export interface KnownSite {
  name: string;
  category: SiteCategory;
}

/** The known site a referrer host or utm_source value names, or null. Case and "www." do not matter. */
export function siteOf(value: string | undefined): KnownSite | null {
  const v = value?.trim().toLowerCase();
  if (!v) return null;
  // The event pipeline asks for the same few referrers and sources over and over, and walking every
  // pattern of every category was its largest JavaScript cost; the lists never change at run time.
  const known = siteMemo.get(v);
  if (known !== undefined) return known;
  if (siteMemo.size >= 5000) siteMemo.clear();
  const found = findSite(v);
  siteMemo.set(v, found);
  return found;
}

const siteMemo = new Map<string, KnownSite | null>();

function findSite(v: string): KnownSite | null {
  const host = v.includes('.') ? hostOf(v) : null;
  for (const category of categoryOrder) {
    for (const [name, patterns] of Object.entries(knownSites[category])) {
      if (v === name || patterns.some((p) => (p.includes('.') ? host !== null && hostMatches(host, p) : v === p))) {
        return { name, category };
      }
    }
  }
  return null;
}

function hostMatches(host: string, pattern: string): boolean {
  if (!pattern.endsWith('.*')) return host === pattern || host.endsWith(`.${pattern}`);
  const stem = pattern.slice(0, -2);
  // A country ending is one or two labels of two or three letters: es, com, co.uk, com.br.
  const labels = host.split('.');
  for (const n of [1, 2]) {
    const ending = labels.slice(-n);
    if (labels.length > n && ending.every((l) => /^[a-z]{2,3}$/.test(l)) && labels.slice(0, -n).join('.') === stem) return true;
  }
  return false;
}
