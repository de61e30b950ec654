import type { Db } from '../../db/client.js';
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import { classifyChannel, type ChannelResult } from './classify-channel.js';
import type { ClickIds } from './traffic-source.js';

const VISIT_GAP_MS = 30 * 60_000;

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/**
 * Where a Segment page/screen hit came from: UTM in context.campaign (or the URL), click ids, referrer.
 * `memo` remembers each classification by what it reads (the event pipeline keeps one per slice):
 * a slice's hits share a few landing URLs, referrers and tags, and parsing every URL again was the
 * largest part of the pipeline's own JavaScript.
 */
export function channelOfHit(properties: Obj, context: Obj, memo?: Map<string, ChannelResult>): ChannelResult & { url: string | undefined; referrer: string | undefined } {
  const campaign = obj(context.campaign);
  const page = obj(context.page);
  const url = str(properties.url) ?? str(page.url);
  const referrer = str(properties.referrer) ?? str(page.referrer) ?? str(obj(context.referrer).url);
  const clickIds: ClickIds = {};
  let clicks = '';
  for (const k of ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid'] as const) {
    const v = str(campaign[k]);
    if (v) {
      clickIds[k] = v;
      clicks += `\u0000${k}=${v}`;
    }
  }
  const input = { utmSource: str(campaign.source), utmMedium: str(campaign.medium), utmCampaign: str(campaign.name) ?? str(campaign.campaign), clickIds, referrer, pageUrl: url };
  // str() never answers '', so an absent value ('' here) cannot collide with a present one.
  const key = memo && [input.utmSource, input.utmMedium, input.utmCampaign, referrer, url].join('\u0000') + clicks;
  let result = key !== undefined ? memo!.get(key) : undefined;
  if (!result) {
    result = classifyChannel(input);
    if (key !== undefined) memo!.set(key, result);
  }
  return { ...result, url, referrer };
}

interface OpenVisit {
  id: number | null;
  visitorId: string;
  contactId: number | null;
  startedAt: Date;
  endedAt: Date;
  pages: string[];
  pageCount: number;
  channel: ChannelResult;
  referrer: string | null;
  dirty: boolean;
  /** New, or its landing hit changed: events tagged before it may lie inside it. */
  landed: boolean;
}

/** A visit that is new or has a new landing hit, for the events already tagged inside it. */
export interface LandedVisit {
  visitorId: string;
  startedAt: Date;
  endedAt: Date;
}

type StoredVisit = { id: number; contact_id: number | null; started_at: Date; ended_at: Date; pages: string[]; page_count: number; channel: string; channel_rule: string; source: string; medium: string; campaign: string | null; referrer: string | null };
const storedVisitColumns = 'id, contact_id, started_at, ended_at, pages, page_count, channel, channel_rule, source, medium, campaign, referrer';

const visitColumns: readonly BulkColumn[] = [
  ['id', 'bigint'], ['visitor_id', 'text'], ['contact_id', 'bigint'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['landing_page', 'text'],
  ['page_count', 'int'], ['pages', 'jsonb'], ['channel', 'text'], ['channel_rule', 'text'], ['source', 'text'], ['medium', 'text'], ['campaign', 'text'], ['referrer', 'text'],
];

/**
 * The contact a visitor id (the SQL expression `visitor`) is linked to, if any: by the identities
 * key, one probe per kind a visitor id can be. Visits and the pipeline's channel look-up both ask it.
 */
export const visitorContactSql = (visitor: string) =>
  `(SELECT i.contact_id FROM identities i WHERE i.kind IN ('anonymous_id', 'user_id') AND i.value = ${visitor} AND i.contact_id IS NOT NULL LIMIT 1)`;

/**
 * Adds page views to their visitors' visits, incrementally: a hit joins the visit it falls within
 * 30 minutes of, or starts a new one; a hit that arrives late and lands before a visit's start
 * becomes its landing page and decides its channel. Visits touched in a batch stay in memory and
 * are written once, at flush: a visitor's tenth page view in a batch costs no query.
 */
export class VisitRecorder {
  private readonly open = new Map<string, OpenVisit[]>();
  private readonly loaded = new Set<string>();

  constructor(private readonly db: Db) {}

  async hit(h: { visitorId: string; contactId: number | null; at: Date; path: string | null; channel: ChannelResult; referrer: string | undefined }): Promise<void> {
    const visits = await this.visitsOf(h.visitorId, h.at);
    const t = h.at.getTime();
    let v = visits.find((x) => x.startedAt.getTime() - VISIT_GAP_MS <= t && x.endedAt.getTime() + VISIT_GAP_MS >= t);
    if (!v) {
      v = { id: null, visitorId: h.visitorId, contactId: h.contactId, startedAt: h.at, endedAt: h.at, pages: [], pageCount: 0, channel: h.channel, referrer: h.referrer ?? null, dirty: true, landed: true };
      visits.push(v);
    }
    const earlier = t < v.startedAt.getTime();
    if (earlier) Object.assign(v, { startedAt: h.at, channel: h.channel, referrer: h.referrer ?? null, landed: true });
    if (t > v.endedAt.getTime()) v.endedAt = h.at;
    if (h.path) (earlier ? v.pages.unshift(h.path) : v.pages.push(h.path));
    v.pageCount++;
    v.contactId ??= h.contactId;
    v.dirty = true;
  }

  /**
   * Step 1 of event_channel (migration 0015) answered from the visits in memory: the channel of the
   * visitor's latest visit started at or before `at`, when it ended less than 30 minutes before.
   * Null when memory cannot be sure and the SQL must decide: the visitor's day around `at` was not
   * read, or the visit started before that day's read window (an older visit could then sit
   * between it and `at` unseen), or no visit holds the moment (the later steps need the contact).
   * Asked after flush, so what it answers is what the visits table now holds.
   */
  visitChannelAt(visitorId: string, at: Date): Pick<ChannelResult, 'channel' | 'source' | 'medium'> | null {
    const t = at.getTime();
    const day = Math.floor(t / 86400_000);
    if (!this.loaded.has(`${visitorId}\u0000${day}`)) return null;
    let latest: OpenVisit | null = null;
    for (const v of this.open.get(visitorId) ?? []) {
      if (v.startedAt.getTime() <= t && (!latest || v.startedAt.getTime() > latest.startedAt.getTime())) latest = v;
    }
    // Ties on started_at: the SQL's ORDER BY ... LIMIT 1 picks either, so memory cannot say which.
    if (!latest || (this.open.get(visitorId) ?? []).some((v) => v !== latest && v.startedAt.getTime() === latest!.startedAt.getTime())) return null;
    // Every stored visit started in (latest, at] ended after the window start, so it was read (see preload).
    if (latest.startedAt.getTime() < day * 86400_000 - VISIT_GAP_MS) return null;
    // Strictly inside: an event's microseconds are lost in JavaScript, a visit's times are whole milliseconds.
    if (latest.endedAt.getTime() <= t - VISIT_GAP_MS) return null;
    return { channel: latest.channel.channel, source: latest.channel.source, medium: latest.channel.medium };
  }

  /** The visitor's visits near `at`, read once per batch (locked until the batch commits). */
  private async visitsOf(visitorId: string, at: Date): Promise<OpenVisit[]> {
    let list = this.open.get(visitorId);
    if (!list) this.open.set(visitorId, (list = []));
    const key = `${visitorId}\u0000${Math.floor(at.getTime() / 86400_000)}`;
    if (this.loaded.has(key)) return list;
    this.loaded.add(key);
    const rows = await this.db.query<StoredVisit>(
      `SELECT ${storedVisitColumns} FROM visits
        WHERE visitor_id = $1 AND started_at <= $2::timestamptz + interval '1 day 30 minutes' AND ended_at >= $2::timestamptz - interval '1 day 30 minutes'
        FOR UPDATE`,
      [visitorId, at],
    );
    this.keep(visitorId, rows);
    return list;
  }

  /**
   * The visits near many hits, in one query instead of one per visitor and day: what visitsOf
   * would read for each of them (the first hit of a visitor and day decides the window), before
   * the batch walks its events.
   */
  async preload(hits: Iterable<{ visitorId: string; at: Date }>): Promise<void> {
    const wanted = new Map<string, { visitorId: string; at: Date }>();
    for (const h of hits) {
      const key = `${h.visitorId}\u0000${Math.floor(h.at.getTime() / 86400_000)}`;
      if (!this.loaded.has(key) && !wanted.has(key)) wanted.set(key, h);
    }
    if (!wanted.size) return;
    const list = [...wanted.values()];
    const rows = await this.db.query<StoredVisit & { visitor_id: string }>(
      `SELECT v.visitor_id, ${storedVisitColumns.split(', ').map((c) => `v.${c}`).join(', ')} FROM visits v
        WHERE v.id IN (SELECT v2.id FROM unnest($1::text[], $2::timestamptz[]) AS k(visitor, at)
                         JOIN visits v2 ON v2.visitor_id = k.visitor AND v2.started_at <= k.at + interval '1 day 30 minutes' AND v2.ended_at >= k.at - interval '1 day 30 minutes')
        ORDER BY v.id FOR UPDATE`,
      [list.map((h) => h.visitorId), list.map((h) => h.at)],
    );
    for (const key of wanted.keys()) this.loaded.add(key);
    const byVisitor = new Map<string, StoredVisit[]>();
    for (const r of rows) (byVisitor.get(r.visitor_id) ?? byVisitor.set(r.visitor_id, []).get(r.visitor_id)!).push(r);
    for (const h of list) if (!this.open.has(h.visitorId)) this.open.set(h.visitorId, []);
    for (const [visitorId, found] of byVisitor) this.keep(visitorId, found);
  }

  private keep(visitorId: string, rows: readonly StoredVisit[]): void {
    let list = this.open.get(visitorId);
    if (!list) this.open.set(visitorId, (list = []));
    for (const r of rows) {
      if (list.some((x) => x.id === r.id)) continue;
      list.push({
        id: r.id, visitorId, contactId: r.contact_id, startedAt: new Date(r.started_at), endedAt: new Date(r.ended_at), pages: r.pages, pageCount: r.page_count,
        channel: { channel: r.channel as ChannelResult['channel'], rule: r.channel_rule, source: r.source, medium: r.medium, campaign: r.campaign }, referrer: r.referrer, dirty: false, landed: false,
      });
    }
  }

  /**
   * Writes new and changed visits; visits of visitors identified meanwhile get their contact, in
   * the same statements (every link writes the contact onto the visitor's visits stored by then:
   * linkIdentity, PendingWrites; what is left is these, written after it).
   * Answers the visits that are new or landed earlier, for retagEventsInVisits.
   */
  async flush(): Promise<LandedVisit[]> {
    const dirty = [...this.open.values()].flat().filter((v) => v.dirty);
    if (!dirty.length) return [];
    const toRow = (v: OpenVisit) => [v.id, v.visitorId, v.contactId, v.startedAt, v.endedAt, v.pages[0] ?? null, v.pageCount, JSON.stringify(v.pages),
      v.channel.channel, v.channel.rule, v.channel.source, v.channel.medium, v.channel.campaign, v.referrer];
    const fresh = dirty.filter((v) => v.id === null).map(toRow);
    const changed = dirty.filter((v) => v.id !== null).map(toRow);
    const cols = visitColumns.map(([n]) => n);
    if (fresh.length) {
      const { sql, params } = unnestSource(visitColumns.slice(1), fresh.map((r) => r.slice(1)));
      await this.db.query(
        `INSERT INTO visits (${cols.slice(1).join(', ')}, campaign_id)
         SELECT ${cols.slice(1).map((c) => (c === 'pages' ? `ARRAY(SELECT jsonb_array_elements_text(u.pages::jsonb))` : c === 'contact_id' ? `COALESCE(u.contact_id, ${visitorContactSql('u.visitor_id')})` : `u.${c}`)).join(', ')},
                (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower(u.campaign))
           FROM (${sql.replace(/^SELECT .* FROM unnest/, 'SELECT * FROM unnest')}) u`,
        params,
      );
    }
    if (changed.length) {
      const { sql, params } = unnestSource(visitColumns, changed);
      await this.db.query(
        `UPDATE visits v SET contact_id = COALESCE(v.contact_id, u.contact_id, ${visitorContactSql('u.visitor_id')}), started_at = u.started_at, ended_at = u.ended_at, landing_page = u.landing_page,
                page_count = u.page_count, pages = ARRAY(SELECT jsonb_array_elements_text(u.pages::jsonb)), channel = u.channel, channel_rule = u.channel_rule,
                source = u.source, medium = u.medium, campaign = u.campaign, referrer = u.referrer,
                campaign_id = (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower(u.campaign))
           FROM (${sql.replace(/^SELECT .* FROM unnest/, 'SELECT * FROM unnest')}) u WHERE v.id = u.id`,
        params,
      );
    }
    const landed = dirty.filter((v) => v.landed).map((v) => ({ visitorId: v.visitorId, startedAt: v.startedAt, endedAt: v.endedAt }));
    for (const v of dirty) Object.assign(v, { dirty: false, landed: false });
    return landed;
  }
}

/**
 * Events already tagged that lie inside visits that are new or landed earlier (a late landing hit,
 * a call that arrived before its page view) take those visits' channel: event_channel (migration
 * 0015) again, on what they carry. The batch's own events are tagged by the processor itself.
 */
export async function retagEventsInVisits(db: Db, landed: readonly LandedVisit[]): Promise<void> {
  if (!landed.length) return;
  await db.query(
    `UPDATE events e SET channel = x.channel, source = x.source, medium = x.medium
       FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) w(visitor, started_at, ended_at)
      -- Per visitor, by the anonymous_id index: the LIMIT keeps the subquery from being flattened
      -- into a hash join over every event (PGlite never gathers statistics to know better).
      CROSS JOIN LATERAL (SELECT s.id, s.contact_id, s.timestamp, s.channel, s.source, s.medium FROM events s
                           WHERE s.anonymous_id = w.visitor AND s.timestamp >= w.started_at AND s.timestamp <= w.ended_at + interval '30 minutes'
                             AND s.processed_at IS NOT NULL AND s.type IN ('track', 'page', 'screen') LIMIT 1000000) s
      CROSS JOIN LATERAL event_channel(w.visitor, s.contact_id, s.timestamp, s.channel, s.source, s.medium) x
      WHERE e.id = s.id AND (e.channel, e.source, e.medium) IS DISTINCT FROM (x.channel, x.source, x.medium)`,
    [landed.map((v) => v.visitorId), landed.map((v) => v.startedAt), landed.map((v) => v.endedAt)],
  );
}

/**
 * A contact's original source is the channel of its first visit (with that visit's source, e.g.
 * google or partner.io, as the detail) and its latest source the channel of its last, unless the
 * original was declared (imports, offline): that one is kept.
 */
export async function refreshContactSources(db: Db, contactIds: number[]): Promise<void> {
  await db.query(contactSourcesUpdate('$1'), [contactIds]);
}

/** refreshContactSources' statement, its contacts in the bigint[] parameter `ids` (the pipeline runs it inside its tagging statement). */
export function contactSourcesUpdate(ids: string): string {
  return `UPDATE contacts c SET
        original_source = COALESCE(c.original_source, v.first_channel),
        original_source_detail = CASE WHEN c.original_source IS NULL THEN v.first_source ELSE c.original_source_detail END,
        latest_source = v.last_channel
       -- Each contact's first and last visit, two probes of the (contact_id, started_at) index, rather
       -- than sorting all its visits three times over.
       FROM (SELECT k.contact_id, f.channel AS first_channel, f.source AS first_source, l.channel AS last_channel
               FROM unnest(${ids}::bigint[]) AS k(contact_id)
              CROSS JOIN LATERAL (SELECT channel, source FROM visits WHERE contact_id = k.contact_id ORDER BY started_at LIMIT 1) f
              CROSS JOIN LATERAL (SELECT channel FROM visits WHERE contact_id = k.contact_id ORDER BY started_at DESC LIMIT 1) l) v
      WHERE c.id = v.contact_id AND (c.original_source IS NULL OR c.latest_source IS DISTINCT FROM v.last_channel)`;
}
