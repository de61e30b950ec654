import type { Db } from '../../db/client.js';
import { invalid, notFound } from '../../shared/errors.js';
import type { PackBlock, PackDocument, PackSection } from './pack-document.js';
import { meetingWithSeriesSql } from './queries/weekly-pack.js';
import { plural } from './render/format-value.js';

/**
 * The agenda of a meeting pack, shared by the weekly and the monthly pack: the meeting it is for,
 * each item's timebox in the series' duration, who presents it, and what the pack says when the
 * items do not fit.
 */

/** Who presents an agenda item: one side's presenter, both sides' (a shared commitment), or nobody (the whole room). */
export type AgendaSide = 'sales' | 'marketing' | 'both' | null;

export interface AgendaItem<K extends string = string> {
  key: K;
  title: string;
  /** The item's timebox in a meeting of the default length. */
  minutes: number;
  side: AgendaSide;
}

/** No agenda item gets less: under two minutes an item is read out, not discussed. */
export const MIN_ITEM_MINUTES = 2;

/**
 * Timeboxes for `duration` minutes: the defaults scaled to the duration (largest remainders, so
 * they add up exactly), none under `min`. When even the minimums do not fit, every item gets the
 * minimum and `overBy` says by how much the agenda runs over.
 */
export function agendaTimeboxes(defaults: readonly number[], duration: number, min = MIN_ITEM_MINUTES): { minutes: number[]; total: number; overBy: number } {
  const n = defaults.length;
  if (n * min >= duration) return { minutes: defaults.map(() => min), total: n * min, overBy: n * min - duration };
  const whole = defaults.reduce((s, m) => s + m, 0);
  const raw = defaults.map((m) => (m * duration) / whole);
  const minutes = raw.map((r) => Math.max(min, Math.floor(r)));
  const remainder = (i: number) => raw[i]! - Math.floor(raw[i]!);
  let diff = duration - minutes.reduce((s, m) => s + m, 0);
  // Each pass gives a minute to (or takes one from) an item at most once: adds go to the items
  // that lost most to rounding, cuts come from those above the minimum that lost least. It ends
  // because n × min < duration.
  let touched = new Set<number>();
  while (diff !== 0) {
    const add = diff > 0;
    const candidates = minutes.map((_, i) => i).filter((i) => !touched.has(i) && (add || minutes[i]! > min));
    if (!candidates.length) {
      touched = new Set();
      continue;
    }
    candidates.sort((a, b) => (add ? remainder(b) - remainder(a) : remainder(a) - remainder(b)) || a - b);
    const i = candidates[0]!;
    minutes[i]! += add ? 1 : -1;
    diff += add ? -1 : 1;
    touched.add(i);
  }
  return { minutes, total: duration, overBy: 0 };
}

/**
 * The section that opens a pack whose agenda does not fit its meeting (minutes null: not an agenda
 * item). The renderers warn too; this keeps the reason, and what to do, in every form of the pack.
 */
export function agendaOverTimeSection(a: { items: number; total: number; overBy: number; duration: number; advice: string }): PackSection {
  return {
    key: 'agenda_over_time',
    title: 'The agenda does not fit the meeting',
    minutes: null,
    presenter: null,
    blocks: [{
      type: 'text',
      text: `The ${a.items} agenda items need at least ${MIN_ITEM_MINUTES} minutes each, ${a.total} minutes in all: ${plural(a.overBy, 'minute')} more than the ${a.duration}-minute meeting. ${a.advice}`,
    }],
  };
}

/** A meeting's presenters as a pack names them ("Ana Sales (sales)"); null where nobody is set. */
export interface Presenters {
  sales: string | null;
  marketing: string | null;
}

/** Without a meeting nobody presents: presenters are chosen per meeting (rotated), not per series. */
export const noPresenters: Presenters = { sales: null, marketing: null };

export interface PackMeeting {
  seriesId: number;
  seriesName: string;
  /** The series' duration in minutes. */
  duration: number;
  period: string;
  at: Date;
  presenters: Presenters;
}

/**
 * The meeting a pack of `kind` is for, with its series and presenters. A meeting of the other kind
 * is refused, naming the field: its pack is the other pack.
 */
export async function packMeeting(db: Db, meetingId: number, kind: 'weekly' | 'monthly'): Promise<PackMeeting> {
  const [m] = await db.query<{ series_id: number; period: string; scheduled_at: Date; kind: string; series_name: string; duration_minutes: number; sales_presenter: string | null; marketing_presenter: string | null }>(
    meetingWithSeriesSql,
    [meetingId],
  );
  if (!m) throw notFound('Meeting', meetingId);
  if (m.kind !== kind) throw invalid([{ field: 'meetingId', problem: `meeting ${meetingId} is a ${m.kind} meeting; its pack is the ${m.kind} pack` }]);
  return {
    seriesId: Number(m.series_id),
    seriesName: m.series_name,
    duration: m.duration_minutes,
    period: m.period,
    at: new Date(m.scheduled_at),
    presenters: {
      sales: m.sales_presenter && `${m.sales_presenter} (sales)`,
      marketing: m.marketing_presenter && `${m.marketing_presenter} (marketing)`,
    },
  };
}

function presenterOf(p: Presenters, side: AgendaSide): string | null {
  if (side === 'both') return [p.marketing, p.sales].filter(Boolean).join(' and ') || null;
  return side === 'sales' ? p.sales : side === 'marketing' ? p.marketing : null;
}

export interface PackAgenda<K extends string> {
  /** An item's title, timebox in this meeting and presenter. */
  item(key: K): { title: string; minutes: number; presenter: string | null };
  /** The item's section of the pack (`title` where the pack words it for the period). */
  section(key: K, blocks: PackBlock[], title?: string): PackSection;
  /** The document's agenda and its sections, opened by the over-time section (with `advice`) when the items do not fit. */
  finish(sections: PackSection[], advice: string): Pick<PackDocument, 'agenda' | 'sections'>;
}

/** The agenda `items` in a meeting of `duration` minutes presented by `presenters`. */
export function packAgenda<K extends string>(items: readonly AgendaItem<K>[], duration: number, presenters: Presenters): PackAgenda<K> {
  const boxes = agendaTimeboxes(items.map((a) => a.minutes), duration);
  const item = (key: K) => {
    const i = items.findIndex((a) => a.key === key);
    if (i < 0) throw new Error(`packAgenda: no agenda item ${key}`);
    return { title: items[i]!.title, minutes: boxes.minutes[i]!, presenter: presenterOf(presenters, items[i]!.side) };
  };
  return {
    item,
    section(key, blocks, title) {
      const a = item(key);
      return { key, title: title ?? a.title, minutes: a.minutes, presenter: a.presenter, blocks };
    },
    finish(sections, advice) {
      return {
        agenda: { total_minutes: boxes.total, duration_minutes: duration, over_by_minutes: boxes.overBy },
        sections: boxes.overBy > 0 ? [agendaOverTimeSection({ items: items.length, ...boxes, duration, advice }), ...sections] : sections,
      };
    },
  };
}
