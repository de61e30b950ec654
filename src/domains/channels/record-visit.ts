import type { Db } from '../../db/client.js';
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import { classifyChannel, type ChannelResult } from './classify-channel.js';
import type { ClickIds } from './traffic-source.js';

const VISIT_GAP_MS = 30 * 60_000;

type Obj = Record<string, unknown>;
const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null ? (v as Obj) : {});

/** Where a Segment page/screen hit came from: UTM in context.campaign (or the URL), click ids, referrer. */
export function channelOfHit(properties: Obj, context: Obj): ChannelResult & { url: string | undefined; referrer: string | undefined } {
  const campaign = obj(context.campaign);
  const page = obj(context.page);
  const url = str(properties.url) ?? str(page.url);
  const referrer = str(properties.referrer) ?? str(page.referrer) ?? str(obj(context.referrer).url);
  const clickIds: ClickIds = {};
  for (const k of ['gclid', 'gbraid', 'wbraid', 'dclid', 'fbclid', 'msclkid', 'ttclid', 'li_fat_id', 'twclid'] as const) {
    const v = str(campaign[k]);
    if (v) clickIds[k] = v;
  }
  const result = classifyChannel({
    utmSource: str(campaign.source),
    utmMedium: str(campaign.medium),
    utmCampaign: str(campaign.name) ?? str(campaign.campaign),
    clickIds,
    referrer,
    pageUrl: url,
  });
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
}

const visitColumns: readonly BulkColumn[] = [
  ['id', 'bigint'], ['visitor_id', 'text'], ['contact_id', 'bigint'], ['started_at', 'timestamptz'], ['ended_at', 'timestamptz'], ['landing_page', 'text'],
  ['page_count', 'int'], ['pages', 'jsonb'], ['channel', 'text'], ['channel_rule', 'text'], ['source', 'text'], ['medium', 'text'], ['campaign', 'text'], ['referrer', 'text'],
];

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
      v = { id: null, visitorId: h.visitorId, contactId: h.contactId, startedAt: h.at, endedAt: h.at, pages: [], pageCount: 0, channel: h.channel, referrer: h.referrer ?? null, dirty: true };
      visits.push(v);
    }
    const earlier = t < v.startedAt.getTime();
    if (earlier) Object.assign(v, { startedAt: h.at, channel: h.channel, referrer: h.referrer ?? null });
    if (t > v.endedAt.getTime()) v.endedAt = h.at;
    if (h.path) (earlier ? v.pages.unshift(h.path) : v.pages.push(h.path));
    v.pageCount++;
    v.contactId ??= h.contactId;
    v.dirty = true;
  }

  /** The visitor's visits near `at`, read once per batch (locked until the batch commits). */
  private async visitsOf(visitorId: string, at: Date): Promise<OpenVisit[]> {
    let list = this.open.get(visitorId);
    if (!list) this.open.set(visitorId, (list = []));
    const key = `${visitorId}\u0000${Math.floor(at.getTime() / 86400_000)}`;
    if (this.loaded.has(key)) return list;
    this.loaded.add(key);
    const rows = await this.db.query<{ id: number; contact_id: number | null; started_at: Date; ended_at: Date; pages: string[]; page_count: number; channel: string; channel_rule: string; source: string; medium: string; campaign: string | null; referrer: string | null }>(
      `SELECT id, contact_id, started_at, ended_at, pages, page_count, channel, channel_rule, source, medium, campaign, referrer FROM visits
        WHERE visitor_id = $1 AND started_at <= $2::timestamptz + interval '1 day 30 minutes' AND ended_at >= $2::timestamptz - interval '1 day 30 minutes'
        FOR UPDATE`,
      [visitorId, at],
    );
    for (const r of rows) {
      if (list.some((x) => x.id === r.id)) continue;
      list.push({
        id: r.id, visitorId, contactId: r.contact_id, startedAt: new Date(r.started_at), endedAt: new Date(r.ended_at), pages: r.pages, pageCount: r.page_count,
        channel: { channel: r.channel as ChannelResult['channel'], rule: r.channel_rule, source: r.source, medium: r.medium, campaign: r.campaign }, referrer: r.referrer, dirty: false,
      });
    }
    return list;
  }

  /** Writes new and changed visits; visits of visitors identified meanwhile get their contact. */
  async flush(): Promise<void> {
    const dirty = [...this.open.values()].flat().filter((v) => v.dirty);
    if (!dirty.length) return;
    const toRow = (v: OpenVisit) => [v.id, v.visitorId, v.contactId, v.startedAt, v.endedAt, v.pages[0] ?? null, v.pageCount, JSON.stringify(v.pages),
      v.channel.channel, v.channel.rule, v.channel.source, v.channel.medium, v.channel.campaign, v.referrer];
    const fresh = dirty.filter((v) => v.id === null).map(toRow);
    const changed = dirty.filter((v) => v.id !== null).map(toRow);
    const cols = visitColumns.map(([n]) => n);
    if (fresh.length) {
      const { sql, params } = unnestSource(visitColumns.slice(1), fresh.map((r) => r.slice(1)));
      await this.db.query(
        `INSERT INTO visits (${cols.slice(1).join(', ')}, campaign_id)
         SELECT ${cols.slice(1).map((c) => (c === 'pages' ? `ARRAY(SELECT jsonb_array_elements_text(u.pages::jsonb))` : `u.${c}`)).join(', ')},
                (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower(u.campaign))
           FROM (${sql.replace(/^SELECT .* FROM unnest/, 'SELECT * FROM unnest')}) u`,
        params,
      );
    }
    if (changed.length) {
      const { sql, params } = unnestSource(visitColumns, changed);
      await this.db.query(
        `UPDATE visits v SET contact_id = COALESCE(v.contact_id, u.contact_id), started_at = u.started_at, ended_at = u.ended_at, landing_page = u.landing_page,
                page_count = u.page_count, pages = ARRAY(SELECT jsonb_array_elements_text(u.pages::jsonb)), channel = u.channel, channel_rule = u.channel_rule,
                source = u.source, medium = u.medium, campaign = u.campaign, referrer = u.referrer,
                campaign_id = (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower(u.campaign))
           FROM (${sql.replace(/^SELECT .* FROM unnest/, 'SELECT * FROM unnest')}) u WHERE v.id = u.id`,
        params,
      );
    }
    const visitors = [...new Set(dirty.map((v) => v.visitorId))];
    await this.db.query(
      `UPDATE visits v SET contact_id = i.contact_id FROM identities i
        WHERE v.contact_id IS NULL AND v.visitor_id = ANY($1::text[]) AND i.value = v.visitor_id AND i.contact_id IS NOT NULL`,
      [visitors],
    );
    for (const v of dirty) v.dirty = false;
  }
}

/**
 * A contact's original source is the channel of its first visit and its latest source the channel
 * of its last, unless the original was declared (imports, offline): that one is kept.
 */
export async function refreshContactSources(db: Db, contactIds: number[]): Promise<void> {
  await db.query(
    `UPDATE contacts c SET
        original_source = COALESCE(c.original_source, v.first_channel),
        latest_source = v.last_channel
       FROM (SELECT contact_id, (array_agg(channel ORDER BY started_at))[1] AS first_channel,
                    (array_agg(channel ORDER BY started_at DESC))[1] AS last_channel
               FROM visits WHERE contact_id = ANY($1::bigint[]) GROUP BY contact_id) v
      WHERE c.id = v.contact_id AND (c.original_source IS NULL OR c.latest_source IS DISTINCT FROM v.last_channel)`,
    [contactIds],
  );
}
