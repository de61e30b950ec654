import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { calendarDay } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { actorCan, assertAllowed } from '../auth/record-scope.js';
import type { Actor, Ctx } from '../context.js';
import { afterId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { assertReferences } from '../crm/references.js';

/**
 * What a meeting agreed someone would do: a title, an owner, a due date and where it stands. An
 * item belongs to the meeting that created it and is carried to every later pack of the series
 * until it is done or cancelled (action-items-section.ts). Running meetings ('meetings:manage')
 * covers every change; besides, the owner of an item may move its status with 'crm:write', so a
 * rep closes their own item without the right to rewrite what the meeting asked of them.
 */

export const actionItemStatuses = ['open', 'in_progress', 'done', 'cancelled'] as const;
export type ActionItemStatus = (typeof actionItemStatuses)[number];
const isClosed = (s: ActionItemStatus) => s === 'done' || s === 'cancelled';

export const actionItemOut = z.object({
  id: z.number(),
  meeting_id: z.number(),
  series_id: z.number(),
  /** The period of the meeting that created the item (2026-W49, 2026-12). */
  meeting_period: z.string(),
  title: z.string(),
  owner_id: z.number().nullable(),
  owner_name: z.string().nullable(),
  /** YYYY-MM-DD. */
  due_date: z.string().nullable(),
  status: z.enum(actionItemStatuses),
  created_by: z.string().nullable(),
  created_at: z.date(),
  updated_at: z.date(),
  /** When it was done or cancelled; null while open. */
  closed_at: z.date().nullable(),
});
export type ActionItem = z.infer<typeof actionItemOut>;

const select = `
SELECT a.id, a.meeting_id, m.series_id, m.period AS meeting_period, a.title, a.owner_id, u.name AS owner_name, a.due_date::text AS due_date,
       a.status, a.created_by, a.created_at, a.updated_at, a.closed_at
  FROM action_items a
  JOIN meetings m ON m.id = a.meeting_id
  LEFT JOIN users u ON u.id = a.owner_id`;

const fields = {
  title: z.string().trim().min(1, 'is required: what is to be done').max(500, 'must be at most 500 characters'),
  owner_id: z.number({ error: 'must be the user id of who does it' }).int('must be a user id').positive('must be a user id'),
  due_date: calendarDay().nullable(),
  status: z.enum(actionItemStatuses, { message: `must be one of ${actionItemStatuses.join(', ')}` }),
};
export const actionItemCreateInput = z.strictObject({ title: fields.title, owner_id: fields.owner_id, due_date: fields.due_date.optional() });
export const actionItemUpdateInput = z.strictObject({
  title: fields.title.optional(),
  owner_id: fields.owner_id.optional(),
  due_date: fields.due_date.optional(),
  status: fields.status.optional(),
});

/** Who did it, as stored with decisions and action items. */
export const actorLabel = (a: Actor) => a.name ?? a.id ?? a.type;
const actorUserId = (a: Actor) => (a.id !== undefined && /^\d+$/.test(a.id) ? Number(a.id) : null);

async function itemOf(db: Db, id: number): Promise<ActionItem> {
  const [row] = await db.query<ActionItem>(`${select} WHERE a.id = $1`, [id]);
  if (!row) throw notFound('Action item', id);
  return row;
}

/** The items a meeting created, oldest first. */
export async function actionItemsOfMeeting(db: Db, meetingId: number): Promise<ActionItem[]> {
  return db.query<ActionItem>(`${select} WHERE a.meeting_id = $1 ORDER BY a.id`, [meetingId]);
}

export async function createActionItem(ctx: Ctx, meetingId: number, input: unknown): Promise<ActionItem> {
  const v = parseInput(actionItemCreateInput, input);
  assertAllowed(ctx.actor, 'meetings:manage', 'create action items');
  const [m] = await ctx.db.query<{ status: string }>('SELECT status FROM meetings WHERE id = $1', [meetingId]);
  if (!m) throw notFound('Meeting', meetingId);
  if (m.status === 'cancelled') throw new AppError('illegal_transition', `Meeting ${meetingId} is cancelled: it creates no action items.`, { status: m.status });
  await assertReferences(ctx.db, { owner_id: v.owner_id });
  const now = ctx.clock.now();
  const [row] = await ctx.db.query<{ id: number }>(
    `INSERT INTO action_items (meeting_id, title, owner_id, due_date, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $6) RETURNING id`,
    [meetingId, v.title, v.owner_id, v.due_date ?? null, actorLabel(ctx.actor), now],
  );
  return itemOf(ctx.db, row!.id);
}

/**
 * Changes what is given. Closing (done, cancelled) stamps closed_at; reopening clears it. Without
 * 'meetings:manage', only the item's owner, and only its status.
 */
export async function updateActionItem(ctx: Ctx, id: number, input: unknown): Promise<ActionItem> {
  const v = parseInput(actionItemUpdateInput, input);
  const item = await itemOf(ctx.db, id);
  if (!actorCan(ctx.actor, 'meetings:manage')) {
    const role = (ctx.actor.role ?? '').replace(/_/g, ' ');
    const others = Object.keys(v).filter((k) => k !== 'status');
    if (!actorCan(ctx.actor, 'crm:write')) assertAllowed(ctx.actor, 'meetings:manage', 'change action items');
    if (item.owner_id === null || actorUserId(ctx.actor) !== item.owner_id) {
      throw new AppError('forbidden', `Your role (${role}) may change the status of your own action items only; action item ${id} is ${item.owner_name ? `${item.owner_name}'s` : 'nobody’s'}.`, { permission: 'meetings:manage' });
    }
    if (others.length) {
      throw new AppError('forbidden', `Your role (${role}) may change only the status of an action item you own, not its ${others.join(', ')}.`, { permission: 'meetings:manage', fields: others });
    }
  }
  if (v.owner_id !== undefined) await assertReferences(ctx.db, { owner_id: v.owner_id });
  const status = v.status ?? item.status;
  const now = ctx.clock.now();
  // closed_at is when it closed: kept through edits of a closed item, set on closing, cleared on reopening.
  const closedAt = !isClosed(status) ? null : isClosed(item.status) ? item.closed_at : now;
  await ctx.db.query(
    `UPDATE action_items SET title = COALESCE($2, title), owner_id = COALESCE($3, owner_id),
       due_date = CASE WHEN $4::boolean THEN $5::date ELSE due_date END, status = $6, closed_at = $7, updated_at = $8
     WHERE id = $1`,
    [id, v.title ?? null, v.owner_id ?? null, v.due_date !== undefined, v.due_date ?? null, status, closedAt, now],
  );
  return itemOf(ctx.db, id);
}

export interface ActionItemFilters {
  /** One status or several, comma-separated: "open,in_progress". */
  status?: string;
  owner_id?: number;
  series_id?: number;
  meeting_id?: number;
}

/** Action items across meetings, newest first, a page at a time. */
export async function listActionItems(db: Db, filters: ActionItemFilters, page: PageParams = {}): Promise<Page<ActionItem>> {
  const limit = pageLimit(page.limit);
  const statuses = filters.status ? filters.status.split(',').map((s) => s.trim()) : null;
  const wrong = statuses?.filter((s) => !(actionItemStatuses as readonly string[]).includes(s)) ?? [];
  if (wrong.length) throw invalid([{ field: 'status', problem: `must be one or more of ${actionItemStatuses.join(', ')}, comma-separated; "${wrong[0]}" is none` }]);
  const after = afterId(page.cursor);
  const rows = await db.query<ActionItem>(
    `${select}
      WHERE ($1::text[] IS NULL OR a.status = ANY($1::text[])) AND ($2::bigint IS NULL OR a.owner_id = $2) AND ($3::bigint IS NULL OR m.series_id = $3)
        AND ($4::bigint IS NULL OR a.meeting_id = $4) AND ($5::bigint IS NULL OR a.id < $5)
      ORDER BY a.id DESC LIMIT $6`,
    [statuses, filters.owner_id ?? null, filters.series_id ?? null, filters.meeting_id ?? null, after, limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}
