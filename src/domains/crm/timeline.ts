import { z } from 'zod';
import { invalid, notFound } from '../../shared/errors.js';
import { assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { decodeCursor, encodeCursor, fitsCast, isId } from './list-query.js';
import { contactTimelineSql } from './queries/contact-timeline.js';

export const timelineTypes = ['stage_change', 'activity', 'deal_created', 'deal_stage', 'property_change', 'event', 'merge'] as const;

/** One line of a contact's history: its title and detail in words, and the facts behind them in data. */
export const timelineItemOut = z.object({
  /** The type and the id of the row it comes from, "activity:12". */
  id: z.string(),
  type: z.enum(timelineTypes),
  at: z.date(),
  title: z.string(),
  detail: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
});
export type TimelineItem = z.infer<typeof timelineItemOut>;

type Raw = { type: TimelineItem['type']; id: number; at: Date; data: Record<string, any> };

/** A contact's whole history (its deals' steps included: they are the contact's history too), for whoever may read the contact. */
export async function contactTimeline(ctx: Ctx, contactId: number, opts: { limit?: number; cursor?: string } = {}): Promise<{ data: TimelineItem[]; next_cursor: string | null }> {
  const { db } = ctx;
  const limit = opts.limit ?? 50;
  if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw invalid([{ field: 'limit', problem: 'must be between 1 and 500' }]);
  await assertCanRead(ctx, 'contact', contactId);
  const exists = await db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
  if (!exists.length) throw notFound('Contact', contactId);
  const after: [string | null, string | null, number | null] = opts.cursor
    ? decodeCursor<[string, string, number]>(opts.cursor, (c) => Array.isArray(c) && typeof c[0] === 'string' && fitsCast(c[0], 'timestamptz') && typeof c[1] === 'string' && isId(c[2]))
    : [null, null, null];
  const rows = await db.query<Raw>(contactTimelineSql, [contactId, after[0], after[1], after[2], limit + 1]);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    data: page.map(describe),
    next_cursor: rows.length > limit && last ? encodeCursor([new Date(last.at).toISOString(), last.type, last.id]) : null,
  };
}

const fmt = (v: unknown) => (v === null || v === undefined || v === '' ? '—' : String(v));

/** Human title and detail, so every client shows the same words. */
function describe(r: Raw): TimelineItem {
  const d = r.data;
  let title: string;
  let detail: string | null = null;
  switch (r.type) {
    case 'stage_change':
      title = d.from ? `Lifecycle stage ${d.from} → ${d.to}` : `Created as ${d.to}`;
      if (d.kind === 'recycle') title = `Recycled to ${d.to}`;
      if (d.kind === 'reject') title = `Rejected by sales, back to ${d.to}`;
      detail = [d.reason, d.actor_name ? `by ${d.actor_name}` : d.actor_type !== 'user' ? `by ${d.actor_type}` : null].filter(Boolean).join(' · ') || null;
      break;
    case 'activity':
      title = `${d.direction === 'inbound' ? 'Inbound' : 'Outbound'} ${d.type}${d.outcome ? `: ${String(d.outcome).replace(/_/g, ' ')}` : ''}`;
      detail = [d.subject, d.user_name ? `by ${d.user_name}` : null].filter(Boolean).join(' · ') || null;
      break;
    case 'deal_created':
      title = `Deal created: ${d.name}`;
      detail = d.amount !== null ? `${d.amount} ${d.currency} · ${d.stage}` : String(d.stage);
      break;
    case 'deal_stage':
      title = `Deal ${d.name}: ${fmt(d.from)} → ${fmt(d.to)}`;
      detail = d.to === 'closed_lost' && d.lost_reason ? `Lost reason: ${d.lost_reason}` : null;
      break;
    case 'property_change':
      title = `${String(d.property).replace(/^properties\./, '').replace(/_/g, ' ')} changed`;
      detail = `${fmt(d.from)} → ${fmt(d.to)}`;
      break;
    case 'event':
      if (d.type === 'page' || d.type === 'screen') {
        title = `Viewed ${d.type === 'screen' ? 'screen' : 'page'}: ${d.event ?? d.title ?? d.url ?? 'untitled'}`;
        detail = d.url ?? null;
      } else if (d.type === 'track') {
        const p = (d.properties ?? {}) as Record<string, unknown>;
        title = p.scanner === true ? `${String(d.event)} (mail scanner, not counted)` : String(d.event);
        detail = ['form_name', 'form_id', 'content_name', 'webinar_name', 'title', 'url'].map((k) => p[k]).filter((v) => typeof v === 'string').join(' · ') || null;
      } else {
        title = d.type === 'identify' ? 'Identified' : d.type === 'group' ? 'Linked to a company' : 'Ids linked (alias)';
      }
      break;
    case 'merge':
      title = `Merged with contact ${d.loser_id}`;
      detail = d.loser_email ? `${d.loser_email} merged into this contact` : null;
      break;
  }
  return { id: `${r.type}:${r.id}`, type: r.type, at: r.at, title, detail, data: d };
}
