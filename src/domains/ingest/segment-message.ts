import { createHash } from 'node:crypto';
import { jsonShapeProblem } from '../../shared/json-shape.js';
import { parseDateTime } from '../crm/csv-import/value-parsers.js';

/** The six call types of the Segment spec. */
export const messageTypes = ['identify', 'track', 'page', 'screen', 'group', 'alias'] as const;
export type MessageType = (typeof messageTypes)[number];

/** Segment's published limits: 32 KB per call (and per event inside a batch), 500 KB per batch. */
export const MAX_EVENT_BYTES = 32 * 1024;
export const MAX_BATCH_BYTES = 500 * 1024;

export interface SegmentEvent {
  messageId: string;
  type: MessageType;
  /** track: the event name; page/screen: the page name. */
  event: string | null;
  userId: string | null;
  anonymousId: string | null;
  groupId: string | null;
  previousId: string | null;
  traits: Record<string, unknown>;
  properties: Record<string, unknown>;
  context: Record<string, unknown>;
  /** When it happened, corrected for the sender's clock skew. */
  timestamp: Date;
  originalTimestamp: Date | null;
  sentAt: Date | null;
  receivedAt: Date;
}

export type Parsed = { ok: true; event: SegmentEvent } | { ok: false; reason: string; messageId: string | null };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function id(v: unknown): string | null {
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s ? s : null;
}

/**
 * Event times Revloop stores: from the Unix epoch to the end of year 9999. Anything outside is a
 * sender's bug (a timestamp in seconds read as milliseconds, a year 10000), not an event, and
 * PostgreSQL and the reports could not hold or place it.
 */
export const EARLIEST_EVENT_TIME = Date.UTC(1970, 0, 1);
export const LATEST_EVENT_TIME = Date.UTC(10000, 0, 1) - 1;
const inRange = (d: Date) => d.getTime() >= EARLIEST_EVENT_TIME && d.getTime() <= LATEST_EVENT_TIME;

/** An ISO-8601 string (a real calendar date: 2026-02-30 is refused) or epoch milliseconds. */
function date(v: unknown): Date | null | 'invalid' | 'out_of_range' {
  if (v === undefined || v === null || v === '') return null;
  let d: Date;
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) return 'invalid';
    d = new Date(v);
  } else if (typeof v === 'string') {
    if (/^[+-]\d{6}-/.test(v.trim())) return 'out_of_range';
    const parsed = parseDateTime(v);
    if (!parsed.ok) return 'invalid';
    d = parsed.value;
  } else return 'invalid';
  if (Number.isNaN(d.getTime())) return 'out_of_range';
  return inRange(d) ? d : 'out_of_range';
}

const dateProblem = (field: string, v: unknown, r: 'invalid' | 'out_of_range') =>
  r === 'invalid'
    ? `${field} is not an ISO-8601 date (such as 2026-03-02T09:00:00Z); got ${JSON.stringify(v)?.slice(0, 60)}`
    : `${field} is out of range (${JSON.stringify(v)?.slice(0, 60)}): send a time between 1970 and 9999, as an ISO-8601 string or epoch milliseconds`;

export interface ParseOptions {
  receivedAt: Date;
  /** For single calls the URL says the type (/v1/track); in a batch each message says it. */
  type?: MessageType;
  /** Batch-level sentAt and context apply to every message that does not set its own. */
  batchSentAt?: unknown;
  batchContext?: unknown;
  /** Size of the message as received; computed when absent. */
  bytes?: number;
}

/**
 * Validates one message against the Segment spec and normalises it. Never throws: a bad message
 * comes back with the reason, so a batch can keep its good messages.
 */
export function parseSegmentMessage(raw: unknown, opts: ParseOptions): Parsed {
  if (!isObj(raw)) return { ok: false, reason: 'a message must be a JSON object', messageId: null };
  const messageId = id(raw.messageId);
  const fail = (reason: string): Parsed => ({ ok: false, reason, messageId });
  // Before anything serialises it: JSON.stringify throws on very deep values, and jsonb this deep traps PGlite.
  const shape = jsonShapeProblem(raw);
  if (shape) return fail(`${shape.field === '(body)' ? 'the message' : shape.field} ${shape.problem}`);
  const json = JSON.stringify(raw);
  // PostgreSQL text and jsonb cannot hold NUL or a lone UTF-16 surrogate; refuse them here so
  // they cannot fail the commit that carries other callers' events.
  if (/\\u0000|\\ud[89a-f][0-9a-f]{2}/i.test(json)) return fail('contains a NUL character or a broken Unicode surrogate, which cannot be stored');
  const bytes = opts.bytes ?? Buffer.byteLength(json);
  if (bytes > MAX_EVENT_BYTES) return fail(`message is ${Math.ceil(bytes / 1024)} KB; the limit is 32 KB per event`);

  const type = opts.type ?? raw.type;
  if (typeof type !== 'string' || !(messageTypes as readonly string[]).includes(type)) {
    return fail(`type must be one of ${messageTypes.join(', ')}${raw.type === undefined ? ' (missing)' : `; got ${JSON.stringify(raw.type)}`}`);
  }
  const userId = id(raw.userId);
  const anonymousId = id(raw.anonymousId);
  if (raw.messageId !== undefined && messageId === null) return fail('messageId must be a non-empty string');
  if (messageId && messageId.length > 200) return fail('messageId is longer than 200 characters');
  if (!userId && !anonymousId) return fail('userId or anonymousId is required');

  for (const f of ['traits', 'properties', 'context'] as const) {
    if (raw[f] !== undefined && raw[f] !== null && !isObj(raw[f])) return fail(`${f} must be an object`);
  }
  let event: string | null = null;
  if (type === 'track') {
    event = typeof raw.event === 'string' ? raw.event.trim() : '';
    if (!event) return fail('event is required for track (the name of the action, e.g. "Form Submitted")');
  } else if (type === 'page' || type === 'screen') {
    event = typeof raw.name === 'string' && raw.name.trim() ? raw.name.trim() : null;
  }
  const groupId = id(raw.groupId);
  if (type === 'group' && !groupId) return fail('groupId is required for group');
  const previousId = id(raw.previousId);
  if (type === 'alias' && (!previousId || !userId)) return fail('alias needs previousId and userId');

  const tsField = raw.timestamp !== undefined && raw.timestamp !== null ? 'timestamp' : 'originalTimestamp';
  const ts = date(raw[tsField]);
  if (ts === 'invalid' || ts === 'out_of_range') return fail(dateProblem(tsField, raw[tsField], ts));
  const sentRaw = raw.sentAt ?? opts.batchSentAt;
  const sent = date(sentRaw);
  if (sent === 'invalid' || sent === 'out_of_range') return fail(dateProblem('sentAt', sentRaw, sent));

  // Segment's skew correction: the sender's clock may be wrong, but the gap between when the
  // event happened and when it was sent is right. timestamp = receivedAt - (sentAt - timestamp).
  const receivedAt = opts.receivedAt;
  const timestamp = ts && sent ? new Date(receivedAt.getTime() - (sent.getTime() - ts.getTime())) : ts ?? receivedAt;
  if (!inRange(timestamp)) {
    return fail(`sentAt (${JSON.stringify(sentRaw)}) and ${tsField} (${JSON.stringify(raw[tsField])}) are so far apart that the clock-corrected time falls outside 1970–9999; check the sender's clock`);
  }

  const context = { ...(isObj(opts.batchContext) ? opts.batchContext : {}), ...(isObj(raw.context) ? raw.context : {}) };
  return {
    ok: true,
    event: {
      messageId: messageId ?? contentId(raw, type),
      type: type as MessageType,
      event,
      userId,
      anonymousId,
      groupId,
      previousId,
      traits: isObj(raw.traits) ? raw.traits : type === 'identify' && isObj(context.traits) ? (context.traits as Obj) : {},
      properties: isObj(raw.properties) ? raw.properties : {},
      context,
      timestamp,
      originalTimestamp: ts,
      sentAt: sent,
      receivedAt,
    },
  };
}

/**
 * A message without messageId gets one derived from its content, so a client that retries the
 * very same payload is still stored once.
 */
function contentId(raw: Obj, type: string): string {
  return 'rl-' + createHash('sha256').update(type).update(stableJson(raw)).digest('base64url').slice(0, 32);
}

function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`;
  if (isObj(v)) return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${stableJson(v[k])}`).join(',')}}`;
  return JSON.stringify(v) ?? 'null';
}
