// The meetings' API shapes, query keys and how a meeting's moment reads (one place for the meeting pages).
import type { QueryClient } from '@tanstack/react-query';
import type { ApiItem, ApiResponse } from './api-shapes';
import { formatMonth } from './format';

export type Meeting = ApiResponse<'/api/meetings/{id}', 'get'>;
export type MeetingSummary = ApiItem<ApiResponse<'/api/meetings', 'get'>['data']>;
export type MeetingSeries = ApiItem<ApiResponse<'/api/meeting-series', 'get'>>;
export type MeetingKind = MeetingSeries['kind'];
export type AttendeeSide = ApiItem<MeetingSeries['attendees']>['side'];
export type ActionItem = ApiItem<ApiResponse<'/api/action-items', 'get'>['data']>;
export type ActionItemStatus = ActionItem['status'];
export type PackSendResult = ApiResponse<'/api/meetings/{id}/send', 'post'>;

/** Every query of the meeting pages starts with this, so one change re-reads what depends on it. */
export const meetingsKey = 'meetings';
export const seriesListKey = [meetingsKey, 'series'] as const;

export function invalidateMeetings(queryClient: QueryClient) {
  return queryClient.invalidateQueries({ queryKey: [meetingsKey] });
}

const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/** "Thursday, 3 December 2026, 17:00" in the workspace's zone (where the series' local time is read). */
export function formatMeetingTime(at: string | Date, zone: string | undefined): string {
  const key = zone ?? '';
  let f = zoneFormats.get(key);
  if (!f) {
    const opts: Intl.DateTimeFormatOptions = { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' };
    try {
      f = new Intl.DateTimeFormat(undefined, { ...opts, timeZone: zone });
    } catch {
      f = new Intl.DateTimeFormat(undefined, opts);
    }
    zoneFormats.set(key, f);
  }
  return f.format(new Date(at));
}

/** What a meeting is about: the monthly one reviews the month before its own. */
export function meetingScope(m: Pick<MeetingSummary, 'kind' | 'reviews_month'>): string | null {
  return m.kind === 'monthly' && m.reviews_month ? `Reviews ${formatMonth(m.reviews_month)}` : null;
}

/** Open items are what the next meetings carry; closed ones were done or dropped. */
export const openStatuses: ActionItemStatus[] = ['open', 'in_progress'];
export const closedStatuses: ActionItemStatus[] = ['done', 'cancelled'];
export const actionItemStatuses: ActionItemStatus[] = [...openStatuses, ...closedStatuses];
