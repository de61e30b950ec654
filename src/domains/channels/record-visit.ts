import type { Db } from '../../db/client.js';
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

/**
 * Adds one page view to its visitor's visits, incrementally: it joins the visit it falls within
 * 30 minutes of, or starts a new one. A hit that arrives late and lands before a visit's start
 * becomes that visit's landing page and decides its channel.
 */
export async function recordVisitHit(
  db: Db,
  hit: { visitorId: string; contactId: number | null; at: Date; path: string | null; channel: ChannelResult; referrer: string | undefined },
): Promise<number> {
  const [visit] = await db.query<{ id: number; started_at: Date }>(
    `SELECT id, started_at FROM visits WHERE visitor_id = $1
        AND started_at - $3::interval <= $2 AND ended_at + $3::interval >= $2
      ORDER BY started_at DESC LIMIT 1 FOR UPDATE`,
    [hit.visitorId, hit.at, `${VISIT_GAP_MS / 1000} seconds`],
  );
  const c = hit.channel;
  if (!visit) {
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, landing_page, page_count, pages, channel, channel_rule, source, medium, campaign, referrer, campaign_id)
       VALUES ($1, $2, $3, $3, $4, 1, $5, $6, $7, $8, $9, $10, $11, (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower($10))) RETURNING id`,
      [hit.visitorId, hit.contactId, hit.at, hit.path, hit.path ? [hit.path] : [], c.channel, c.rule, c.source, c.medium, c.campaign, hit.referrer ?? null],
    );
    return row!.id;
  }
  const earlier = hit.at < visit.started_at;
  await db.query(
    `UPDATE visits SET ended_at = greatest(ended_at, $2), started_at = least(started_at, $2), page_count = page_count + 1,
        pages = CASE WHEN $3::text IS NULL THEN pages WHEN $4 THEN array_prepend($3::text, pages) ELSE array_append(pages, $3::text) END,
        landing_page = CASE WHEN $4 THEN $3 ELSE landing_page END,
        channel = CASE WHEN $4 THEN $5 ELSE channel END, channel_rule = CASE WHEN $4 THEN $6 ELSE channel_rule END,
        source = CASE WHEN $4 THEN $7 ELSE source END, medium = CASE WHEN $4 THEN $8 ELSE medium END,
        campaign = CASE WHEN $4 THEN $9 ELSE campaign END,
        campaign_id = CASE WHEN $4 THEN (SELECT id FROM campaigns WHERE lower(utm_campaign) = lower($9)) ELSE campaign_id END, referrer = CASE WHEN $4 THEN $10 ELSE referrer END,
        contact_id = COALESCE(contact_id, $11)
      WHERE id = $1`,
    [visit.id, hit.at, hit.path, earlier, c.channel, c.rule, c.source, c.medium, c.campaign, hit.referrer ?? null, hit.contactId],
  );
  return visit.id;
}

/**
 * A contact's original source is the channel of its first visit and its latest source the channel
 * of its last, unless the original was declared (imports, offline): that one is kept.
 */
export async function refreshContactSources(db: Db, contactId: number): Promise<void> {
  await db.query(
    `UPDATE contacts c SET
        original_source = COALESCE(c.original_source, v.first_channel),
        latest_source = v.last_channel
       FROM (SELECT (array_agg(channel ORDER BY started_at))[1] AS first_channel,
                    (array_agg(channel ORDER BY started_at DESC))[1] AS last_channel
               FROM visits WHERE contact_id = $1) v
      WHERE c.id = $1 AND v.first_channel IS NOT NULL`,
    [contactId],
  );
}
