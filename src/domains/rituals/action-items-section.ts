import { DateTime } from 'luxon';
import type { Db } from '../../db/client.js';
import { reportZone } from '../workspace/workspace-settings.js';
import type { PackBlock, PackSection } from './pack-document.js';
import { overdueActionItemsSql, seriesActionItemsSql } from './queries/weekly-action-items.js';

export type ActionItemStatus = 'open' | 'in_progress' | 'done' | 'cancelled';

const statusLabels: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  cancelled: 'Cancelled',
};

export interface OverdueActionItem {
  id: number;
  title: string;
  status: ActionItemStatus;
  /** 'YYYY-MM-DD'. */
  due_date: string;
  owner_name: string | null;
  meeting_id: number;
  /** Whole days between the due date and the meeting's local day (≥ 1). */
  days_overdue: number;
}

/** The meeting's day in the workspace zone: an item due that day is not late yet. */
function localDay(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

function daysBetween(fromDay: string, toDay: string): number {
  return Math.round(DateTime.fromISO(toDay, { zone: 'UTC' }).diff(DateTime.fromISO(fromDay, { zone: 'UTC' }), 'days').days);
}

export function overdueText(days: number): string {
  return `overdue ${days} ${days === 1 ? 'day' : 'days'}`;
}

/**
 * An overdue item in a pack's list (the weekly pack's at-risk items, the monthly pack's debate),
 * worded by the pack (`text`), with its owner and lateness, linking to the meeting that made it.
 */
export function overdueListItem(o: OverdueActionItem, text: string): Extract<PackBlock, { type: 'list' }>['items'][number] {
  return {
    text,
    detail: `${o.owner_name ?? 'No owner'} · ${overdueText(o.days_overdue)}`,
    tone: 'bad',
    href: `/meetings/${o.meeting_id}`,
  };
}

/**
 * Items of the series still open or in progress whose due date is before the meeting's day: the
 * packs list them among the at-risk items. Without a series there are none.
 */
export async function overdueActionItems(db: Db, opts: { seriesId: number | null; at: Date; zone?: string }): Promise<OverdueActionItem[]> {
  if (opts.seriesId == null) return [];
  const zone = opts.zone ?? (await reportZone(db));
  const today = localDay(opts.at, zone);
  const rows = await db.query<{ id: number; title: string; status: ActionItemStatus; due_date: string; meeting_id: number; owner_name: string | null }>(
    overdueActionItemsSql,
    [opts.seriesId, opts.at, today],
  );
  return rows.map((r) => ({ ...r, id: Number(r.id), meeting_id: Number(r.meeting_id), days_overdue: daysBetween(r.due_date, today) }));
}

/**
 * "Last meeting's action items": what the series agreed to do and where it stands. Open work is
 * carried from meeting to meeting until done (so nothing agreed is silently dropped); items closed
 * since the previous meeting (`since`) are shown once, so the team sees them done, then drop off.
 * Each row links to the meeting that created the item, where it is edited.
 */
export async function actionItemsSection(
  db: Db,
  opts: { seriesId: number | null; since: Date | null; at: Date; zone: string; minutes: number | null; title?: string },
): Promise<PackSection> {
  const section: PackSection = { key: 'action_items', title: opts.title ?? "Last meeting's action items", minutes: opts.minutes, presenter: null, blocks: [] };
  if (opts.seriesId == null) {
    section.blocks.push({ type: 'text', text: 'No meeting series is set up, so there are no action items to review.' });
    return section;
  }
  const today = localDay(opts.at, opts.zone);
  const rows = await db.query<{
    id: number;
    title: string;
    status: ActionItemStatus;
    due_date: string | null;
    meeting_id: number;
    owner_name: string | null;
  }>(seriesActionItemsSql, [opts.seriesId, opts.at, opts.since]);
  section.blocks.push({
    type: 'table',
    columns: [
      { label: 'Action', format: 'text' },
      { label: 'Owner', format: 'text' },
      { label: 'Due', format: 'date' },
      { label: 'Status', format: 'text' },
    ],
    rows: rows.map((r) => {
      const open = r.status === 'open' || r.status === 'in_progress';
      const late = open && r.due_date != null && r.due_date < today ? daysBetween(r.due_date, today) : 0;
      const status = late > 0 ? `${statusLabels[r.status]}, ${overdueText(late)}` : statusLabels[r.status];
      return {
        cells: [r.title, r.owner_name ?? 'No owner', r.due_date, status],
        tone: late > 0 ? 'bad' : r.status === 'done' ? 'good' : 'neutral',
        href: `/meetings/${Number(r.meeting_id)}`,
      };
    }),
    empty: 'No open action items and none closed since the last meeting.',
  });
  return section;
}
