import { parseSegmentMessage, type MessageType, type SegmentEvent } from './segment-message.js';
import type { EventWriter, RejectedMessage, WriteResult } from './event-writer.js';

export interface IngestAnswer extends WriteResult {
  success: true;
  rejected: { index: number; messageId: string | null; reason: string }[];
}

/** One tracking call (/v1/track, /v1/page, ...): validated, then stored; a bad one is kept as rejected. */
export async function ingestSingle(writer: EventWriter, writeKeyId: number, type: MessageType, body: unknown, receivedAt: Date, bytes?: number): Promise<IngestAnswer> {
  const r = parseSegmentMessage(body, { receivedAt, type, bytes });
  const events: SegmentEvent[] = r.ok ? [r.event] : [];
  const rejected: RejectedMessage[] = r.ok ? [] : [{ index: 0, messageId: r.messageId, reason: r.reason, payload: body }];
  const res = await writer.write(writeKeyId, events, rejected, receivedAt);
  return { success: true, ...res, rejected: rejected.map(({ payload: _, ...x }) => x) };
}

/**
 * /v1/batch: each message is judged on its own; the good ones are stored, the bad ones kept in
 * rejected_events with their reason, all in one commit.
 */
export async function ingestBatch(writer: EventWriter, writeKeyId: number, body: unknown, receivedAt: Date): Promise<IngestAnswer | { error: string }> {
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
  const res = await writer.write(writeKeyId, events, rejected, receivedAt);
  return { success: true, ...res, rejected: rejected.map(({ payload: _, ...x }) => x) };
}

