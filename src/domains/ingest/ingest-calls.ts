import { parseSegmentMessage, type MessageType, type SegmentEvent } from './segment-message.js';
import type { EventWriter, RejectedMessage, WriteResult } from './event-writer.js';

export interface IngestAnswer extends WriteResult {
  success: true;
  /** How many messages were refused; `rejected` lists the first MAX_LISTED_REJECTIONS of them. */
  rejected_count: number;
  rejected: { index: number; messageId: string | null; reason: string }[];
}

/** A call with more bad messages than this keeps one summary in rejected_events, not a row each. */
export const MAX_STORED_REJECTIONS = 20;
/** The answer names at most this many refused messages (a client sending 8,000 bad ones learns the pattern from these). */
export const MAX_LISTED_REJECTIONS = 100;

/**
 * What a call's refusals leave in rejected_events: a row per message while they are few, one
 * summary (counts per reason and a few samples) when a sender floods the table with junk.
 */
export function rejectionsToStore(rejected: RejectedMessage[]): RejectedMessage[] {
  if (rejected.length <= MAX_STORED_REJECTIONS) return rejected;
  const counts = new Map<string, number>();
  for (const r of rejected) counts.set(r.reason, (counts.get(r.reason) ?? 0) + 1);
  const reasons = [...counts].sort((a, b) => b[1] - a[1]).map(([reason, count]) => ({ reason, count }));
  const top = reasons.slice(0, 3).map((r) => `${r.reason} (${r.count.toLocaleString('en')})`).join('; ');
  return [{
    index: rejected[0]!.index,
    messageId: null,
    reason: `${rejected.length.toLocaleString('en')} messages of one call were rejected: ${top}${reasons.length > 3 ? `; and ${reasons.length - 3} other reasons` : ''}`,
    payload: { summary: true, rejected: rejected.length, reasons, samples: rejected.slice(0, 5).map((r) => ({ index: r.index, messageId: r.messageId, payload: r.payload })) },
  }];
}

/** Why a message was refused, in a few classes a dashboard can tell apart (the reason itself is free text). */
export type RejectionClass = 'identity' | 'size' | 'time' | 'encoding' | 'shape';

export function rejectionClass(reason: string): RejectionClass {
  if (/userId or anonymousId|groupId is required|alias needs/.test(reason)) return 'identity';
  if (/KB; the limit|nested|deep/.test(reason)) return 'size';
  if (/timestamp|sentAt|date/i.test(reason)) return 'time';
  if (/NUL character|Unicode/.test(reason)) return 'encoding';
  return 'shape';
}

/** Told of each tracking call's outcome (the app's metrics attach here). */
export interface IngestObserver {
  called(call: 'single' | 'batch', outcome: { received: number; stored: number; duplicates: number; rejected: RejectionClass[] }): void;
}

function answer(res: WriteResult, rejected: RejectedMessage[], call: 'single' | 'batch', observer?: IngestObserver): IngestAnswer {
  observer?.called(call, { received: res.stored + res.duplicates + rejected.length, stored: res.stored, duplicates: res.duplicates, rejected: rejected.map((r) => rejectionClass(r.reason)) });
  return { success: true, ...res, rejected_count: rejected.length, rejected: rejected.slice(0, MAX_LISTED_REJECTIONS).map(({ payload: _, ...x }) => x) };
}

/** One tracking call (/v1/track, /v1/page, ...): validated, then stored; a bad one is kept as rejected. */
export async function ingestSingle(writer: EventWriter, writeKeyId: number, type: MessageType, body: unknown, receivedAt: Date, bytes?: number, observer?: IngestObserver): Promise<IngestAnswer> {
  const r = parseSegmentMessage(body, { receivedAt, type, bytes });
  const events: SegmentEvent[] = r.ok ? [r.event] : [];
  const rejected: RejectedMessage[] = r.ok ? [] : [{ index: 0, messageId: r.messageId, reason: r.reason, payload: body }];
  return answer(await writer.write(writeKeyId, events, rejected, receivedAt), rejected, 'single', observer);
}

/**
 * /v1/batch: each message is judged on its own; the good ones are stored, the bad ones kept in
 * rejected_events with their reason, all in one commit.
 */
export async function ingestBatch(writer: EventWriter, writeKeyId: number, body: unknown, receivedAt: Date, observer?: IngestObserver): Promise<IngestAnswer | { error: string }> {
  if (typeof body !== 'object' || body === null || !Array.isArray((body as { batch?: unknown }).batch)) {
    return { error: 'the body must be an object with a "batch" array of messages' };
  }
  const b = body as { batch: unknown[]; sentAt?: unknown; context?: unknown };
  const events: SegmentEvent[] = [];
  const rejected: RejectedMessage[] = [];
  b.batch.forEach((raw, index) => {
    const r = parseSegmentMessage(raw, { receivedAt, batchSentAt: b.sentAt, batchContext: b.context });
    if (r.ok) events.push(r.event);
    else rejected.push({ index, messageId: r.messageId, reason: r.reason, payload: raw });
  });
  return answer(await writer.write(writeKeyId, events, rejectionsToStore(rejected), receivedAt), rejected, 'batch', observer);
}

