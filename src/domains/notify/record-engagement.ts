import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { scannerVerdict, type TrackingPayload } from './tracking-links.js';

export interface EngagementHit {
  kind: 'open' | 'click';
  payload: TrackingPayload;
  at: Date;
  userAgent?: string;
  method?: string;
  ip?: string;
}

/**
 * Stores an email open or click as an event on the recipient ('Email Opened' / 'Email Link Clicked'),
 * with the scanner verdict in its properties: a scanner hit is kept for the record and flagged
 * (properties.scanner = true) so reports never count it as engagement.
 */
export async function recordEngagement(db: Db, hit: EngagementHit): Promise<{ scanner: boolean; reason: string | null }> {
  const verdict = scannerVerdict({ sentAt: new Date(hit.payload.t * 1000), at: hit.at, userAgent: hit.userAgent, method: hit.method });
  const properties = {
    email_id: hit.payload.e,
    ...(hit.payload.u ? { url: hit.payload.u } : {}),
    scanner: verdict.scanner,
    ...(verdict.reason ? { scanner_reason: verdict.reason } : {}),
    seconds_after_send: Math.round((hit.at.getTime() - hit.payload.t * 1000) / 1000),
  };
  await db.query(
    `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, properties, context)
     SELECT w.id, $1, 'track', $2, c.id, $3, $3, $4, $5 FROM write_keys w, contacts c WHERE w.key_hash = '!internal' AND c.id = $6`,
    [randomUUID(), hit.kind === 'open' ? 'Email Opened' : 'Email Link Clicked', hit.at, JSON.stringify(properties),
      JSON.stringify({ userAgent: hit.userAgent ?? null, ip: hit.ip ?? null }), hit.payload.c],
  );
  return verdict;
}
