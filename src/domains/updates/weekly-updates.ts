import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Actor, Ctx } from '../context.js';
import { afterId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { reportZone } from '../workspace/workspace-settings.js';
import { updateStatsSql, type UpdateStatsRow } from './queries/update-report.js';
import {
  updateCreateInput,
  updatePatchInput,
  updateStatuses,
  type ProductUpdate,
  type Promotion,
  type Recipient,
  type WeeklyUpdate,
} from './update-content.js';
import { defaultIntro, defaultLeadSources, defaultPromotions, defaultSubject, resolvePromotions, weekFrame } from './update-defaults.js';

interface UpdateRow {
  id: number;
  week_start: string;
  status: 'draft' | 'sent';
  subject: string;
  intro: string;
  promotions: Promotion[];
  lead_sources: string;
  product_updates: ProductUpdate[];
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
  sent_at: Date | null;
  sent_by: string | null;
}

const columns = 'id, week_start, status, subject, intro, promotions, lead_sources, product_updates, created_by, created_at, updated_at, sent_at, sent_by';

/** Who did it, as stored in created_by / sent_by: a person's name, else the kind of caller. */
export function actorLabel(a: Actor): string {
  return a.name ?? (a.id ? `${a.type}:${a.id}` : a.type);
}

export const isoWeekOf = (weekStart: string) => DateTime.fromISO(weekStart, { zone: 'UTC' }).toFormat("kkkk-'W'WW");

async function recipientsOf(db: Db, id: number): Promise<Recipient[]> {
  return db.query<Recipient>('SELECT user_id, name, email, status, error, sent_at FROM weekly_update_recipients WHERE update_id = $1 ORDER BY lower(name), user_id', [id]);
}

const toUpdate = (r: UpdateRow, recipients: Recipient[]): WeeklyUpdate => ({
  ...r,
  week: isoWeekOf(r.week_start),
  product_updates: r.product_updates.map((p) => ({ title: p.title, body: p.body, url: p.url ?? null })),
  recipients,
});

async function loadRow(db: Db, id: number, lock = false): Promise<UpdateRow> {
  const [row] = await db.query<UpdateRow>(`SELECT ${columns} FROM weekly_updates WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
  if (!row) throw notFound('Weekly update', id);
  return row;
}

export async function getUpdate(db: Db, id: number): Promise<WeeklyUpdate> {
  return toUpdate(await loadRow(db, id), await recipientsOf(db, id));
}

/** 409 for any change to a sent update: its report must describe the email people received. */
export function sentConflict(row: { id: number; sent_at: Date | null }): AppError {
  return new AppError('conflict', `Weekly update ${row.id} was sent on ${row.sent_at?.toISOString().slice(0, 10)} and can no longer be changed. Create a new draft instead.`, { id: row.id, status: 'sent' });
}

const productUpdates = (items: readonly { title: string; body: string; url?: string | null }[]): ProductUpdate[] =>
  items.map((p) => ({ title: p.title, body: p.body, url: p.url ?? null }));

/**
 * A new draft for the week of `week_of` (default: this week in the workspace's zone), pre-filled
 * (update-defaults.ts): campaigns starting this week or next and the week's best assets with their
 * expected leads, where new leads came from lately, a subject and an intro. Any field given
 * replaces its default.
 */
export async function createUpdate(ctx: Ctx, input: unknown): Promise<WeeklyUpdate> {
  const v = parseInput(updateCreateInput, input ?? {});
  assertAllowed(ctx.actor, 'updates:send', 'write the weekly update');
  const frame = weekFrame(ctx.clock.now(), await reportZone(ctx.db), v.week_of);
  const promotions = v.promotions ? await resolvePromotions(ctx.db, v.promotions, frame) : await defaultPromotions(ctx.db, frame);
  const leadSources = v.lead_sources ?? (await defaultLeadSources(ctx.db, promotions, frame));
  const now = ctx.clock.now();
  const [row] = await ctx.db.query<UpdateRow>(
    `INSERT INTO weekly_updates (week_start, status, subject, intro, promotions, lead_sources, product_updates, created_by, created_at, updated_at)
     VALUES ($1, 'draft', $2, $3, $4, $5, $6, $7, $8, $8) RETURNING ${columns}`,
    [frame.weekStart, v.subject ?? defaultSubject(frame), v.intro ?? defaultIntro, JSON.stringify(promotions), leadSources, JSON.stringify(productUpdates(v.product_updates ?? [])), actorLabel(ctx.actor), now],
  );
  return toUpdate(row!, []);
}

/** Edits a draft; each field given replaces the stored one (promotions get fresh expectations). */
export async function patchUpdate(ctx: Ctx, id: number, input: unknown): Promise<WeeklyUpdate> {
  const v = parseInput(updatePatchInput, input ?? {});
  assertAllowed(ctx.actor, 'updates:send', 'edit the weekly update');
  const before = await loadRow(ctx.db, id);
  if (before.status === 'sent') throw sentConflict(before);
  const promotions = v.promotions ? await resolvePromotions(ctx.db, v.promotions, weekFrame(ctx.clock.now(), await reportZone(ctx.db), before.week_start)) : null;
  return ctx.db.tx(async (tx) => {
    // The send claims the row the same way: an edit never lands in an update being sent.
    const row = await loadRow(tx, id, true);
    if (row.status === 'sent') throw sentConflict(row);
    const [updated] = await tx.query<UpdateRow>(
      `UPDATE weekly_updates SET subject = COALESCE($2, subject), intro = COALESCE($3, intro), promotions = COALESCE($4::jsonb, promotions),
         lead_sources = COALESCE($5, lead_sources), product_updates = COALESCE($6::jsonb, product_updates), updated_at = $7
       WHERE id = $1 RETURNING ${columns}`,
      [id, v.subject ?? null, v.intro ?? null, promotions ? JSON.stringify(promotions) : null, v.lead_sources ?? null, v.product_updates ? JSON.stringify(productUpdates(v.product_updates)) : null, ctx.clock.now()],
    );
    return toUpdate(updated!, []);
  });
}

export const updateListItemOut = z.object({
  id: z.number(),
  week: z.string(),
  week_start: z.string(),
  status: z.enum(updateStatuses),
  subject: z.string(),
  created_at: z.date(),
  sent_at: z.date().nullable(),
  recipients: z.number(),
  delivered: z.number(),
  unique_opens: z.number(),
  unique_clicks: z.number(),
  /** unique_opens ÷ delivered; null when nothing was delivered. */
  open_rate: z.number().nullable(),
  /** unique_clicks ÷ delivered; null when nothing was delivered. */
  ctr: z.number().nullable(),
});
export type UpdateListItem = z.output<typeof updateListItemOut>;

export interface UpdateStats {
  recipients: number;
  delivered: number;
  unique_opens: number;
  unique_clicks: number;
  open_rate: number | null;
  ctr: number | null;
}

/** Headline figures per update (queries/update-report.ts): rates are shares of delivered emails. */
export async function updateStats(db: Db, ids: readonly number[]): Promise<Map<number, UpdateStats>> {
  const rows = await db.query<UpdateStatsRow>(updateStatsSql, [ids]);
  return new Map(rows.map((r) => [r.id, {
    recipients: r.recipients, delivered: r.delivered, unique_opens: r.unique_opens, unique_clicks: r.unique_clicks,
    open_rate: r.delivered ? r.unique_opens / r.delivered : null,
    ctr: r.delivered ? r.unique_clicks / r.delivered : null,
  }]));
}

/** The updates, newest first, with their headline figures, a page at a time. */
export async function listUpdates(db: Db, page: PageParams = {}): Promise<Page<UpdateListItem>> {
  const limit = pageLimit(page.limit);
  const after = afterId(page.cursor);
  const rows = await db.query<UpdateRow>(`SELECT ${columns} FROM weekly_updates WHERE $1::bigint IS NULL OR id < $1 ORDER BY id DESC LIMIT $2`, [after, limit + 1]);
  const p = keysetPage(rows, limit, (last) => ({ id: last.id }));
  const stats = await updateStats(db, p.data.map((r) => r.id));
  return {
    next_cursor: p.next_cursor,
    data: p.data.map((r) => ({
      id: r.id, week: isoWeekOf(r.week_start), week_start: r.week_start, status: r.status, subject: r.subject, created_at: r.created_at, sent_at: r.sent_at,
      ...stats.get(r.id)!,
    })),
  };
}
