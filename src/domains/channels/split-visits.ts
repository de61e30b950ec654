import { invalid } from '../../shared/errors.js';
import type { Channel } from './channel-names.js';
import { classifyChannel } from './classify-channel.js';
import type { TrafficInput } from './traffic-source.js';

/** One page view of one visitor. */
export interface VisitHit extends Omit<TrafficInput, 'pageUrl' | 'siteHost'> {
  at: Date;
  url: string;
}

export interface SplitVisitsOptions {
  /** Inactivity that ends a visit; GA4's and PRODUCT.md's default is 30 minutes. */
  timeoutMinutes?: number;
  siteHost?: string;
}

export interface Visit {
  startedAt: Date;
  endedAt: Date;
  /** From the first to the last page view: a one-page visit lasts 0 s, as in GA4 without engagement pings. */
  durationSeconds: number;
  landingPage: string;
  /** Every page view in time order, repeats included. */
  pages: string[];
  pageCount: number;
  channel: Channel;
  channelRule: string;
  source: string;
  medium: string;
  campaign: string | null;
  referrer: string | null;
}

/**
 * Splits one visitor's page views into visits: a new visit starts when more than the timeout has
 * passed since the previous page view. Like GA4 (and unlike Universal Analytics) a visit is not cut
 * at midnight nor when a new campaign arrives mid-visit; the visit keeps the channel of its first
 * hit, as PRODUCT.md §1 defines it. Input order does not matter; ties keep input order.
 */
export function splitVisits(hits: readonly VisitHit[], opts: SplitVisitsOptions = {}): Visit[] {
  const timeoutMs = (opts.timeoutMinutes ?? 30) * 60_000;
  // Callers hand in parsed JSON too; a bad date would otherwise sort unpredictably and split at random.
  const bad = hits.flatMap((h, i) => (h.at instanceof Date && !Number.isNaN(h.at.getTime()) ? [] : [{ field: `hits[${i}].at`, problem: 'is not a valid date' }]));
  if (bad.length > 0) throw invalid(bad);

  const sorted = hits.map((hit, i) => ({ hit, i })).sort((a, b) => a.hit.at.getTime() - b.hit.at.getTime() || a.i - b.i).map((x) => x.hit);
  const groups: VisitHit[][] = [];
  for (const hit of sorted) {
    const current = groups.at(-1);
    if (current && hit.at.getTime() - current.at(-1)!.at.getTime() <= timeoutMs) current.push(hit);
    else groups.push([hit]);
  }
  return groups.map((group) => toVisit(group, opts.siteHost));
}

function toVisit(group: VisitHit[], siteHost: string | undefined): Visit {
  const first = group[0]!;
  const last = group.at(-1)!;
  const { at: _at, url, ...traffic } = first;
  const c = classifyChannel({ ...traffic, pageUrl: url, siteHost });
  return {
    // Copies, so a caller editing a visit does not move its own hits.
    startedAt: new Date(first.at),
    endedAt: new Date(last.at),
    durationSeconds: Math.round((last.at.getTime() - first.at.getTime()) / 1000),
    landingPage: url,
    pages: group.map((h) => h.url),
    pageCount: group.length,
    channel: c.channel,
    channelRule: c.rule,
    source: c.source,
    medium: c.medium,
    campaign: c.campaign,
    referrer: first.referrer?.trim() || null,
  };
}
