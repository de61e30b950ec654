import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { invalid, type FieldProblem } from '../../shared/errors.js';
import type { campaignTypes } from '../ingest/campaigns.js';
import { assetExpectation, assetKindLabels, assetNewLeads, CAMPAIGN_FIRST_DAYS, campaignExpectation, campaignTypeNouns, newLeadsBySource } from './lead-history.js';
import { promotionUrlSql } from './queries/lead-history.js';
import type { Promotion, PromotionInput } from './update-content.js';

/** The week an update is for, in the workspace's zone: "this week" and "next week" start on Mondays. */
export interface WeekFrame {
  /** ISO week, e.g. 2026-W23. */
  week: string;
  /** Monday of this week, of next week, and of the week after (the end of "next week"), as days. */
  weekStart: string;
  nextWeekStart: string;
  end: string;
  /** Now, and today as a day in the zone. */
  now: Date;
  today: string;
  zone: string;
}

export function weekFrame(now: Date, zone: string, weekOf?: string): WeekFrame {
  const monday = (weekOf ? DateTime.fromISO(weekOf, { zone }) : DateTime.fromJSDate(now, { zone })).startOf('week');
  return {
    week: monday.toFormat("kkkk-'W'WW"),
    weekStart: monday.toISODate()!,
    nextWeekStart: monday.plus({ weeks: 1 }).toISODate()!,
    end: monday.plus({ weeks: 2 }).toISODate()!,
    now,
    today: DateTime.fromJSDate(now, { zone }).toISODate()!,
    zone,
  };
}

/** "Wednesday 3 June": days in the email and the excerpts, in English. */
export function dayLabel(day: string): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).setLocale('en-GB').toFormat('cccc d LLLL');
}

/** How many of the week's best assets the default draft promotes. */
export const BEST_ASSETS = 3;
/** The window of "the week's best assets" and of the asset excerpts. */
const RECENT_DAYS = 7;
/** Where new leads came from lately, for the default "where new leads will come from". */
const SOURCE_WEEKS = 4;
/** Kinds that are promoted by themselves; pages and CTAs are where promotions are shown. */
const promotableAssetKinds = new Set(['form', 'content', 'webinar']);

const dayMs = 86400_000;
const leadsWord = (n: number) => `${n} new lead${n === 1 ? '' : 's'}`;
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

interface CampaignRef {
  id: number;
  name: string;
  type: (typeof campaignTypes)[number];
  starts_on: string | null;
  ends_on: string | null;
}
interface AssetRef {
  id: number;
  kind: string;
  key: string;
  name: string | null;
  first_seen: Date;
}

async function promotionUrl(db: Db, kind: 'campaign' | 'asset', id: number, now: Date): Promise<string | null> {
  const [row] = await db.query<{ url: string }>(promotionUrlSql(kind), [now, id]);
  return row?.url ?? null;
}

async function campaignPromotion(db: Db, c: CampaignRef, input: Partial<PromotionInput>, frame: WeekFrame): Promise<Promotion> {
  const noun = capital(campaignTypeNouns[c.type][0]);
  const excerpt = c.starts_on
    ? `${noun} starting ${dayLabel(c.starts_on)}${c.ends_on && c.ends_on !== c.starts_on ? `, running until ${dayLabel(c.ends_on)}` : ''}.`
    : `${noun}.`;
  return {
    kind: 'campaign',
    ref_id: c.id,
    title: input.title ?? c.name,
    excerpt: input.excerpt ?? excerpt,
    url: input.url !== undefined ? input.url : await promotionUrl(db, 'campaign', c.id, frame.now),
    starts_on: input.starts_on !== undefined ? input.starts_on : c.starts_on,
    ...(await campaignExpectation(db, c, frame.today, frame.zone)),
  };
}

async function assetPromotion(db: Db, a: AssetRef, input: Partial<PromotionInput>, frame: WeekFrame, recentLeads?: number): Promise<Promotion> {
  const recent = recentLeads ?? (await assetNewLeads(db, new Date(frame.now.getTime() - RECENT_DAYS * dayMs), frame.now, [a.id]))[0]?.leads ?? 0;
  return {
    kind: 'asset',
    ref_id: a.id,
    title: input.title ?? a.name ?? a.key,
    excerpt: input.excerpt ?? `${assetKindLabels[a.kind] ?? capital(a.kind)}: ${leadsWord(recent)} in the last ${RECENT_DAYS} days.`,
    url: input.url !== undefined ? input.url : await promotionUrl(db, 'asset', a.id, frame.now),
    starts_on: input.starts_on ?? null,
    ...(await assetExpectation(db, a, frame.now)),
  };
}

/**
 * The promotions as stored: each input completed from what it refers to (title, excerpt, page,
 * start) and given its expected leads from history. Every unknown reference is named at once.
 */
export async function resolvePromotions(db: Db, inputs: readonly PromotionInput[], frame: WeekFrame): Promise<Promotion[]> {
  const ids = (kind: 'campaign' | 'asset') => inputs.filter((p) => p.kind === kind).map((p) => p.ref_id);
  const campaigns = new Map((await db.query<CampaignRef>('SELECT id, name, type, starts_on, ends_on FROM campaigns WHERE id = ANY($1::bigint[])', [ids('campaign')])).map((c) => [c.id, c]));
  const assets = new Map((await db.query<AssetRef>('SELECT id, kind, key, name, first_seen FROM assets WHERE id = ANY($1::bigint[])', [ids('asset')])).map((a) => [a.id, a]));
  const problems: FieldProblem[] = inputs.flatMap((p, i) =>
    (p.kind === 'campaign' ? campaigns.has(p.ref_id) : assets.has(p.ref_id)) ? [] : [{ field: `promotions.${i}.ref_id`, problem: `there is no ${p.kind} ${p.ref_id}` }],
  );
  if (problems.length) throw invalid(problems);
  const out: Promotion[] = [];
  for (const p of inputs) out.push(p.kind === 'campaign' ? await campaignPromotion(db, campaigns.get(p.ref_id)!, p, frame) : await assetPromotion(db, assets.get(p.ref_id)!, p, frame));
  return out;
}

/**
 * The default promotions: campaigns starting this week or next (by start day), then the week's
 * best assets — the forms, content and webinars that brought the most new leads in the last 7
 * days (BEST_ASSETS of them, at least one lead each).
 */
export async function defaultPromotions(db: Db, frame: WeekFrame): Promise<Promotion[]> {
  const campaigns = await db.query<CampaignRef>(
    'SELECT id, name, type, starts_on, ends_on FROM campaigns WHERE starts_on >= $1::date AND starts_on < $2::date ORDER BY starts_on, id LIMIT 10',
    [frame.weekStart, frame.end],
  );
  const recent = await assetNewLeads(db, new Date(frame.now.getTime() - RECENT_DAYS * dayMs), frame.now);
  const best = recent.filter((a) => promotableAssetKinds.has(a.kind) && a.leads > 0).slice(0, BEST_ASSETS);
  const out: Promotion[] = [];
  for (const c of campaigns) out.push(await campaignPromotion(db, c, {}, frame));
  for (const a of best) out.push(await assetPromotion(db, a, {}, frame, a.leads));
  return out;
}

const pct = (share: number) => `${Math.round(share * 100)} %`;
const about = (p: Promotion) =>
  p.expected_leads === null ? null : `${p.title} (about ${p.expected_leads} ${p.kind === 'campaign' ? `in its first ${CAMPAIGN_FIRST_DAYS} days` : 'a week'})`;

/**
 * The default "where new leads will come from": what the promotions are expected to bring, and the
 * channels the last SOURCE_WEEKS weeks' new leads came from (the sender edits it).
 */
export async function defaultLeadSources(db: Db, promotions: readonly Promotion[], frame: WeekFrame): Promise<string> {
  const parts: string[] = [];
  const expected = promotions.map(about).filter((s): s is string => s !== null);
  if (expected.length) parts.push(`Expected from this week's and next week's promotions: ${expected.join(', ')}.`);
  const rows = await newLeadsBySource(db, new Date(frame.now.getTime() - SOURCE_WEEKS * 7 * dayMs), frame.now);
  const total = rows.reduce((s, r) => s + r.leads, 0);
  if (!total) parts.push(`No new leads came in during the last ${SOURCE_WEEKS} weeks.`);
  else {
    const top = rows.slice(0, 4).map((r) => `${r.channel} (${pct(r.leads / total)})`);
    parts.push(`In the last ${SOURCE_WEEKS} weeks, ${leadsWord(total)} came from ${top.join(', ')}${rows.length > 4 ? ' and other sources' : ''}.`);
  }
  return parts.join(' ');
}

export const defaultIntro = "This week's and next week's promotions, where new leads will come from, and what is new in the product.";

export function defaultSubject(frame: WeekFrame): string {
  return `Marketing update: week of ${DateTime.fromISO(frame.weekStart, { zone: 'UTC' }).setLocale('en-GB').toFormat('d LLLL yyyy')}`;
}
