import { DAY, MINUTE } from './demo-calendar.js';
import type { DemoContact, DemoWorld, MarketingTouch } from './demo-world.js';
import { channelShares, type Channel, type MqlType } from './funnel-assumptions.js';
import { Random } from '../shared/random.js';

// Segment-spec messages (https://segment.com/docs/connections/spec/), named and shaped by the
// conventions of docs/tracking.md: the demo replays its journeys through an EventSink, which the
// demo command points at the real ingestion pipeline.

export interface SegmentContext {
  library: { name: string; version: string };
  page?: SegmentPage;
  campaign?: { name: string; source: string; medium: string; term?: string; content?: string };
  referrer?: { type: string; url: string };
  userAgent?: string;
  locale?: string;
}

export interface SegmentPage {
  path: string;
  referrer: string;
  search: string;
  title: string;
  url: string;
}

interface Common {
  messageId: string;
  timestamp: string;
  anonymousId: string;
  userId?: string;
  context: SegmentContext;
}

export type SegmentEvent =
  | (Common & { type: 'page'; name: string; properties: SegmentPage & Record<string, unknown> })
  | (Common & { type: 'identify'; traits: Record<string, unknown> })
  | (Common & { type: 'track'; event: string; properties: Record<string, unknown> });

export interface EventSink {
  emit(batch: SegmentEvent[]): Promise<void>;
}

/** Drops everything (benchmarks that only need the CRM data). */
export const noopEventSink: EventSink = { emit: async () => {} };

export const demoSite = 'https://www.revloop-demo.test';
const library = { name: 'revloop-demo', version: '1' };
const agents = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
];

/** The campaigns behind each offer: utm_campaign keys a later campaigns table can match. */
export const offerCampaigns: Record<MqlType, { key: string; title: string; path: string }> = {
  whitepaper: { key: 'wp-state-of-revops', title: 'The State of Revenue Operations', path: '/resources/state-of-revops' },
  webinar: { key: 'webinar-two-way-sla', title: 'Building a Two-Way SLA', path: '/webinars/two-way-sla' },
  online_demo: { key: 'demo-always-on', title: 'See Revloop in 20 minutes', path: '/demo' },
  trade_show: { key: 'tradeshow-saas-summit', title: 'SaaS Summit', path: '/events/saas-summit' },
  contact_sales: { key: 'contact-sales', title: 'Talk to sales', path: '/contact-sales' },
  newsletter: { key: 'newsletter-weekly', title: 'The Smarketing Weekly', path: '/newsletter' },
};

/** Where a visit from each channel comes from: UTM parameters or a referrer, as the GA4 rules read them. */
function arrival(channel: Channel, campaign: string, rng: Random): { search: string; referrer: string; campaign?: SegmentContext['campaign'] } {
  const utm = (source: string, medium: string, extra = '') => ({
    search: `?utm_source=${source}&utm_medium=${medium}&utm_campaign=${campaign}${extra}`,
    referrer: '',
    campaign: { name: campaign, source, medium },
  });
  switch (channel) {
    case 'Paid Search': return utm('google', 'cpc', `&gclid=${rng.uuid().replace(/-/g, '')}`);
    case 'Paid Social': return utm('linkedin', 'paid_social');
    case 'Email': return utm('newsletter', 'email');
    case 'Display': return utm('programmatic', 'display');
    case 'Affiliates': return utm('partnerstack', 'affiliate');
    case 'Other': return utm('podcast', 'audio');
    case 'Organic Search': return { search: '', referrer: rng.pick(['https://www.google.com/', 'https://www.google.com/', 'https://www.bing.com/', 'https://duckduckgo.com/']) };
    case 'Organic Social': return { search: '', referrer: rng.pick(['https://www.linkedin.com/', 'https://t.co/', 'https://www.youtube.com/']) };
    case 'Referral': return { search: '', referrer: rng.pick(['https://www.g2.com/products/revloop', 'https://www.capterra.com/', 'https://revopsweekly.example/']) };
    default: return { search: '', referrer: '' };
  }
}

const browsePages = [
  ['/', 'Revloop demo company: one funnel for sales and marketing'], ['/product', 'Product'], ['/pricing', 'Pricing'],
  ['/customers', 'Customers'], ['/blog/mql-definition', 'How to write an MQL definition sales trusts'],
  ['/blog/lead-follow-up-sla', 'The 4-hour follow-up rule'], ['/blog/closed-loop-reporting', 'Closed-loop reporting in practice'],
] as const;

/**
 * Every journey's marketing side as Segment messages: the visit that brought each touch (page
 * views with UTM or referrer), identify when the person first gives an email, and the
 * conversion itself. Deterministic from the seed (messageIds too); contact by contact, each
 * contact's messages in time order, none after the anchor.
 */
export function* marketingEvents(world: DemoWorld): Generator<SegmentEvent> {
  const root = new Random(world.seed).fork('events');
  for (let i = 0; i < world.contacts.length; i++) yield* contactEvents(world.contacts[i]!, root.fork(i), world.anchor);
  yield* anonymousEvents(world);
}

/** Visitors who never give an email, per contact of the history: most traffic stays anonymous. */
export const ANONYMOUS_VISITORS_PER_CONTACT = 13;

/** People about to buy read the pricing page; others rarely do (the pricing-page lift the reports show). */
function browsePage(rng: Random, buyer: boolean): (typeof browsePages)[number] {
  if (rng.chance(buyer ? 0.45 : 0.04)) return browsePages[2];
  return rng.pick(browsePages.filter((p) => p[0] !== '/pricing'));
}

/** Every offer's landing page carries one call to action, named after the offer. */
const ctaOf = (landing: { key: string; title: string }) => ({ cta_id: `${landing.key}-cta`, cta_name: landing.title });

const sessionLengths = [[1, 75], [2, 15], [3, 7], [4, 3]] as const;
const webChannels = channelShares.filter(([ch]) => ch !== 'Offline');
const landings = [...Object.values(offerCampaigns).filter((o) => o.key !== 'tradeshow-saas-summit'), { key: 'content-hub', title: 'Resources', path: '/resources' }, { key: 'newsletter-weekly', title: 'Subscribe', path: '/newsletter' }];

/**
 * Anonymous traffic: sessions of one to four pages (mostly one) from the same channels as the contacts, some
 * ending on an offer's landing page where the call to action is seen (and now and then clicked)
 * without anyone converting. Deterministic from the seed, over the window as contacts arrive (its growth and seasons).
 */
export function* anonymousEvents(world: DemoWorld): Generator<SegmentEvent> {
  const rng = new Random(world.seed).fork('anonymous');
  const sessions = world.contacts.length * ANONYMOUS_VISITORS_PER_CONTACT;
  const span = world.anchor - world.start;
  for (let i = 0; i < sessions; i++) {
    const anonymousId = rng.uuid();
    const channel = rng.weighted(webChannels);
    const landing = rng.chance(0.15) ? rng.pick(landings) : null;
    const from = arrival(channel, landing?.key ?? 'content-hub', rng);
    const context = { library, userAgent: rng.pick(agents), locale: 'en-US' };
    // Traffic grows with the business: each session near a contact's arrival (the same growth
    // and seasonality), so every month's visit → contact rate is alike.
    const near = world.contacts.length ? world.contacts[rng.int(0, world.contacts.length - 1)]?.createdAt : undefined;
    let at = near === undefined ? world.start + Math.floor((span * (i + rng.float(0, 1))) / sessions) : Math.min(world.anchor - 1, Math.max(world.start, near + Math.round(rng.float(-7, 7) * DAY)));
    let referrer = from.referrer;
    // Most visits bounce: one page, as on any B2B site.
    const pages = rng.weighted(sessionLengths);
    for (let v = 0; v < pages && at < world.anchor; v++) {
      const first = v === 0;
      const [path, title] = landing && v === pages - 1 ? [landing.path, landing.title] : browsePage(rng, false);
      const search = first ? from.search : '';
      const page: SegmentPage = { path, referrer, search, title, url: `${demoSite}${path}${search}` };
      const pageContext = { ...context, page, ...(first && from.campaign ? { campaign: from.campaign } : {}), ...(first && referrer ? { referrer: { type: 'link', url: referrer } } : {}) };
      yield { messageId: rng.uuid(), timestamp: new Date(at).toISOString(), anonymousId, context: pageContext, type: 'page', name: title, properties: { ...page } };
      if (landing && v === pages - 1) {
        // Nothing at or after the anchor: the window ends there.
        const viewed = at + 2000;
        const clicked = rng.chance(0.06) ? at + rng.int(5, 40) * 1000 : null;
        if (viewed < world.anchor) yield { messageId: rng.uuid(), timestamp: new Date(viewed).toISOString(), anonymousId, context: { ...context, page }, type: 'track', event: 'CTA Viewed', properties: ctaOf(landing) };
        if (clicked !== null && clicked < world.anchor) yield { messageId: rng.uuid(), timestamp: new Date(clicked).toISOString(), anonymousId, context: { ...context, page }, type: 'track', event: 'CTA Clicked', properties: ctaOf(landing) };
      }
      referrer = page.url;
      at += rng.int(1, 4) * MINUTE;
    }
  }
}

function contactEvents(c: DemoContact, rng: Random, anchor: number): SegmentEvent[] {
  const out: SegmentEvent[] = [];
  const anonymousId = rng.uuid();
  const userAgent = rng.pick(agents);
  const locale = c.country.locale === 'en' ? `en-${c.country.code}` : `${c.country.locale}-${c.country.code}`;
  let userId: string | undefined;
  const buyer = c.steps.some((st) => st.kind === 'stage' && st.to === 'opportunity');
  const base = (at: number, context: Partial<SegmentContext> = {}) => ({
    messageId: rng.uuid(),
    timestamp: new Date(at).toISOString(),
    anonymousId,
    ...(userId ? { userId } : {}),
    context: { library, userAgent, locale, ...context },
  });

  for (const touch of c.touches) {
    if (touch.at >= anchor) continue;
    const offer = touch.offer ? offerCampaigns[touch.offer] : null;
    const landing = offer ?? { key: touch.kind === 'signup' ? 'newsletter-weekly' : 'content-hub', title: touch.kind === 'signup' ? 'Subscribe' : 'Resources', path: touch.kind === 'signup' ? '/newsletter' : '/resources' };
    let landingPage: SegmentPage | undefined;
    if (touch.channel !== 'Offline') {
      const from = arrival(touch.channel, landing.key, rng);
      // The visit: a few pages browsed, the landing page of the offer last.
      const times = [touch.at - rng.int(5, 50) * 1000];
      for (let v = rng.int(0, 3); v > 0; v--) times.unshift(times[0]! - rng.int(1, 4) * MINUTE);
      let referrer = from.referrer;
      for (const [v, at] of times.entries()) {
        const first = v === 0;
        const [path, title] = v === times.length - 1 ? [landing.path, landing.title] : browsePage(rng, buyer);
        const search = first ? from.search : '';
        const page: SegmentPage = { path, referrer, search, title, url: `${demoSite}${path}${search}` };
        const context = { page, ...(first && from.campaign ? { campaign: from.campaign } : {}), ...(first && referrer ? { referrer: { type: 'link', url: referrer } } : {}) };
        out.push({ ...base(at, context), type: 'page', name: title, properties: { ...page } });
        // The landing page's call to action is seen (before the person is known: it leads to the form).
        if (v === times.length - 1) out.push({ ...base(at + 2000, { page }), type: 'track', event: 'CTA Viewed', properties: ctaOf(landing) });
        referrer = page.url;
        landingPage = page;
      }
    }
    if (!userId) {
      userId = c.email.toLowerCase();
      out.push({
        ...base(touch.at),
        type: 'identify',
        traits: { email: c.email, firstName: c.firstName, lastName: c.lastName, title: c.jobTitle, ...(c.phone ? { phone: c.phone } : {}), ...(c.company ? { company: { name: c.company.name } } : {}) },
      });
    }
    const at = touch.at + rng.int(1, 20) * 1000;
    if (at >= anchor) continue;
    // The call to action clicked on the way to the form.
    if (landingPage) out.push({ ...base(at - 1000, { page: landingPage }), type: 'track', event: 'CTA Clicked', properties: ctaOf(landing) });
    // The conversion happens on the landing page: its context says so (landing-page conversion rates).
    // A badge scanned at the show carries the show's campaign, as a badge-scanner app's import does.
    const where = landingPage ? { page: landingPage } : touch.offer === 'trade_show' ? { campaign: { name: offerCampaigns.trade_show.key, source: 'saas-summit', medium: 'event' } } : {};
    for (const [event, properties] of conversion(touch, rng)) out.push({ ...base(at, where), type: 'track', event, properties });
    if (touch.offer === 'webinar' && rng.chance(0.55)) {
      const attended = touch.at + rng.int(3, 14) * DAY;
      if (attended < anchor) out.push({ ...base(attended), type: 'track', event: 'Webinar Attended', properties: { webinar_id: offerCampaigns.webinar.key, webinar_name: offerCampaigns.webinar.title, duration_minutes: rng.int(12, 55) } });
    }
  }
  // ISO timestamps of one format sort as text; the sort is stable, so same-instant messages keep their order.
  return out.sort((a, b) => (a.timestamp < b.timestamp ? -1 : a.timestamp > b.timestamp ? 1 : 0));
}

function conversion(touch: MarketingTouch, rng: Random): [string, Record<string, unknown>][] {
  if (touch.kind === 'signup') return [['Form Submitted', { form_id: 'newsletter-signup', form_name: 'Newsletter signup' }]];
  if (!touch.offer) {
    const title = rng.pick(['MQL Definition Checklist', 'SLA Template', 'Funnel Benchmarks 2026']);
    return [['Form Submitted', { form_id: 'content-gate', form_name: 'Gated content' }], ['Content Downloaded', { content_type: 'ebook', content_name: title }]];
  }
  const o = offerCampaigns[touch.offer];
  switch (touch.offer) {
    case 'whitepaper': return [['Form Submitted', { form_id: 'whitepaper', form_name: o.title }], ['Content Downloaded', { content_type: 'whitepaper', content_name: o.title, campaign: o.key }]];
    case 'webinar': return [['Webinar Registered', { webinar_id: o.key, webinar_name: o.title, campaign: o.key }]];
    case 'online_demo': return [['Form Submitted', { form_id: 'demo-request', form_name: 'Demo request' }], ['Demo Requested', { campaign: o.key }]];
    case 'trade_show': return [['Trade Show Badge Scanned', { trade_show: o.title, campaign: o.key }]];
    case 'contact_sales': return [['Form Submitted', { form_id: 'contact-sales', form_name: 'Contact sales' }], ['Contact Sales Requested', { campaign: o.key }]];
    case 'newsletter': return [['Email Link Clicked', { email_id: o.key, email_subject: o.title, campaign: o.key, url: `${demoSite}/pricing` }]];
  }
}

/** Sends the journeys' events to a sink in batches; returns how many were sent. */
export async function emitMarketingEvents(world: DemoWorld, sink: EventSink, opts: { batchSize?: number; onBatch?: (sent: number) => void } = {}): Promise<number> {
  const size = opts.batchSize ?? 500;
  let batch: SegmentEvent[] = [];
  let sent = 0;
  for (const e of marketingEvents(world)) {
    batch.push(e);
    if (batch.length === size) {
      await sink.emit(batch);
      sent += batch.length;
      batch = [];
      opts.onBatch?.(sent);
    }
  }
  if (batch.length) await sink.emit(batch);
  sent += batch.length;
  opts.onBatch?.(sent);
  return sent;
}
