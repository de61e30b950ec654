import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * What a tracking link knows: which email, to whom, when it was sent, and (clicks) where it goes.
 * The recipient is a contact (`c`) or a Revloop user (`r`, with `c` absent or 0), never both:
 * emails to colleagues (the weekly update to sales) are tracked per user, not as contact events.
 */
export interface TrackingPayload {
  /** The email (digest issue, campaign send, "update:12") the link is in. */
  e: string;
  /** Recipient contact id (absent or 0 when the recipient is a user). */
  c?: number;
  /** Recipient user id, for emails to Revloop users. */
  r?: number;
  /** Sent at, epoch seconds. */
  t: number;
  /** Click target (absent for the open pixel). */
  u?: string;
}

function sign(secret: string, body: string): string {
  return createHmac('sha256', secret).update(body).digest('base64url').slice(0, 22);
}

/** payload.signature, both base64url: a recipient cannot forge another's opens or open-redirect elsewhere. */
export function signTrackingToken(secret: string, p: TrackingPayload): string {
  const body = Buffer.from(JSON.stringify(p)).toString('base64url');
  return `${body}.${sign(secret, body)}`;
}

export function verifyTrackingToken(secret: string, token: string): TrackingPayload | null {
  const [body, mac] = token.split('.');
  if (!body || !mac) return null;
  const expected = Buffer.from(sign(secret, body));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const p = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as TrackingPayload;
    if (typeof p.e !== 'string' || !recipientOf(p) || !Number.isFinite(p.t)) return null;
    if (p.u === undefined) return p;
    const target = redirectTarget(p.u);
    return target ? { ...p, u: target } : null;
  } catch {
    return null;
  }
}

const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

/** Exactly one recipient: a contact, or a user with no contact named. */
function recipientOf(p: TrackingPayload): 'contact' | 'user' | null {
  if (p.r === undefined) return isId(p.c) ? 'contact' : null;
  return isId(p.r) && (p.c === undefined || p.c === 0) ? 'user' : null;
}

/**
 * A click target as a redirect may send it: an absolute http(s) URL in the URL parser's own
 * form, which drops tabs and line breaks and percent-encodes other control characters and
 * non-ASCII, so even a signed link cannot put CR/LF (a second header) into Location.
 */
export function redirectTarget(u: unknown): string | null {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

export function openPixelUrl(baseUrl: string, secret: string, p: Omit<TrackingPayload, 'u'>): string {
  return `${baseUrl.replace(/\/$/, '')}/e/o/${signTrackingToken(secret, p)}.gif`;
}

export function clickUrl(baseUrl: string, secret: string, p: TrackingPayload & { u: string }): string {
  return `${baseUrl.replace(/\/$/, '')}/e/c/${signTrackingToken(secret, { ...p, u: redirectTarget(p.u) ?? p.u })}`;
}

// Link scanners of mail security gateways and corporate proxies open and click everything on delivery.
const scannerAgents = /barracuda|mimecast|proofpoint|messagelabs|symantec|trend ?micro|fireeye|forcepoint|sophos|cisco.*(ironport|secure email)|mcafee|zscaler|safelinks|bitdefender|avanan|checkpoint|fortinet|libwww|python-requests|curl\/|wget\/|go-http-client|java\/|headless|bot\b|crawler|spider|preview/i;

/** Seconds after delivery under which an open or click is a machine, not a person reading. */
export const SCANNER_WINDOW_SECONDS = 10;

/**
 * Whether an open or click came from a mail scanner rather than the recipient: a known scanner
 * user agent, a HEAD request, or a hit within seconds of delivery. Flagged hits are stored (for the
 * record) but never counted as engagement.
 */
export function scannerVerdict(hit: { sentAt: Date; at: Date; userAgent?: string; method?: string }): { scanner: boolean; reason: string | null } {
  if (hit.method === 'HEAD') return { scanner: true, reason: 'HEAD request (link checker)' };
  if (!hit.userAgent) return { scanner: true, reason: 'no user agent' };
  if (scannerAgents.test(hit.userAgent)) return { scanner: true, reason: `scanner user agent: ${hit.userAgent.slice(0, 80)}` };
  const seconds = (hit.at.getTime() - hit.sentAt.getTime()) / 1000;
  if (seconds >= 0 && seconds < SCANNER_WINDOW_SECONDS) return { scanner: true, reason: `${seconds.toFixed(1)} s after delivery` };
  return { scanner: false, reason: null };
}
