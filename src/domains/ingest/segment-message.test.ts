import { describe, expect, it } from 'vitest';
import { parseSegmentMessage } from './segment-message.js';

const receivedAt = new Date('2026-05-01T12:00:10Z');

describe('Segment message parsing', () => {
  it('corrects clock skew with sentAt: timestamp = receivedAt - (sentAt - timestamp)', () => {
    // The sender's clock is one hour fast; the event happened 5 s before sending.
    const r = parseSegmentMessage(
      { type: 'track', event: 'Form Submitted', userId: 'u1', messageId: 'm1', timestamp: '2026-05-01T13:00:00Z', sentAt: '2026-05-01T13:00:05Z' },
      { receivedAt },
    );
    expect(r.ok && r.event.timestamp.toISOString()).toBe('2026-05-01T12:00:05.000Z');
    expect(r.ok && r.event.originalTimestamp?.toISOString()).toBe('2026-05-01T13:00:00.000Z');
  });

  it('uses the timestamp as sent when there is no sentAt, and receivedAt when there is neither', () => {
    const a = parseSegmentMessage({ type: 'page', anonymousId: 'a1', timestamp: '2026-04-30T08:00:00Z' }, { receivedAt });
    expect(a.ok && a.event.timestamp.toISOString()).toBe('2026-04-30T08:00:00.000Z');
    const b = parseSegmentMessage({ type: 'page', anonymousId: 'a1' }, { receivedAt });
    expect(b.ok && b.event.timestamp).toEqual(receivedAt);
  });

  it('takes the type from the URL for single calls and the batch-level sentAt/context for batch items', () => {
    const r = parseSegmentMessage({ anonymousId: 'a', name: 'Pricing', timestamp: '2026-05-01T11:00:00Z', context: { ip: '1.2.3.4' } }, {
      receivedAt, type: 'page', batchSentAt: '2026-05-01T11:00:10Z', batchContext: { library: { name: 'x' }, ip: '9.9.9.9' },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.event).toMatchObject({ type: 'page', event: 'Pricing', context: { ip: '1.2.3.4', library: { name: 'x' } } });
    expect(r.event.timestamp.toISOString()).toBe('2026-05-01T12:00:00.000Z');
  });

  it.each([
    [{ type: 'track', userId: 'u' }, 'event is required'],
    [{ type: 'track', event: 'X' }, 'userId or anonymousId is required'],
    [{ type: 'shout', userId: 'u' }, 'type must be one of'],
    [{ type: 'group', userId: 'u' }, 'groupId is required'],
    [{ type: 'alias', userId: 'u' }, 'alias needs previousId and userId'],
    [{ type: 'identify', userId: 'u', traits: 'x' }, 'traits must be an object'],
    [{ type: 'track', event: 'X', userId: 'u', timestamp: 'yesterday' }, 'timestamp is not an ISO-8601 date'],
    [{ type: 'track', event: 'X', userId: 'u', messageId: '' }, 'messageId must be a non-empty string'],
    ['hello', 'a message must be a JSON object'],
    [{ type: 'track', event: 'X', userId: 'u', properties: { blob: 'x'.repeat(33 * 1024) } }, 'the limit is 32 KB'],
  ])('rejects %j with a reason', (raw, reason) => {
    const r = parseSegmentMessage(raw, { receivedAt });
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain(reason);
  });

  it('gives a message without messageId a content-derived id, equal for an identical retry', () => {
    const msg = { type: 'track', event: 'CTA Clicked', anonymousId: 'a', properties: { b: 1, a: 2 }, timestamp: '2026-05-01T10:00:00Z' };
    const a = parseSegmentMessage(msg, { receivedAt });
    const b = parseSegmentMessage({ ...msg, properties: { a: 2, b: 1 } }, { receivedAt: new Date() });
    const c = parseSegmentMessage({ ...msg, event: 'Other' }, { receivedAt });
    expect(a.ok && b.ok && a.event.messageId === b.event.messageId).toBe(true);
    expect(a.ok && c.ok && a.event.messageId !== c.event.messageId).toBe(true);
  });

  it('accepts numeric user ids as strings, as Segment libraries do', () => {
    const r = parseSegmentMessage({ type: 'identify', userId: 42, traits: { email: 'A@B.co' } }, { receivedAt });
    expect(r.ok && r.event.userId).toBe('42');
  });
});
