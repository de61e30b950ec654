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
 * A click repeated within this many minutes (a double click, a reload, the link opened again from
 * the same email) counts once per recipient and link: the first click is the engagement.
 */
export const CLICK_REPEAT_MINUTES = 10;

/**
 * Stores an email open or click as an event on the recipient ('Email Opened' / 'Email Link Clicked'),
 * with the scanner verdict in its properties: a scanner hit is kept for the record and flagged
 * (properties.scanner = true) so reports never count it as engagement. A counted click repeated
 * within CLICK_REPEAT_MINUTES is not stored again (`repeat`).
 */
export async function recordEngagement(db: Db, hit: EngagementHit): Promise<{ scanner: boolean; reason: string | null; repeat: boolean }> {
  const verdict = scannerVerdict({ sentAt: new Date(hit.payload.t * 1000), at: hit.at, userAgent: hit.userAgent, method: hit.method });
  const properties = {
    email_id: hit.payload.e,
    ...(hit.payload.u ? { url: hit.payload.u } : {}),
    scanner: verdict.scanner,
    ...(verdict.reason ? { scanner_reason: verdict.reason } : {}),
    seconds_after_send: Math.round((hit.at.getTime() - hit.payload.t * 1000) / 1000),
  };
  const event = hit.kind === 'open' ? 'Email Opened' : 'Email Link Clicked';
  const insert = (tx: Db) =>
    tx.query(
      `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, properties, context)
       SELECT w.id, $1, 'track', $2, c.id, $3, $3, $4, $5 FROM write_keys w, contacts c WHERE w.key_hash = '!internal' AND c.id = $6`,
      [randomUUID(), event, hit.at, JSON.stringify(properties), JSON.stringify({ userAgent: hit.userAgent ?? null, ip: hit.ip ?? null }), hit.payload.c],
    );
  if (hit.kind === 'open' || verdict.scanner) {
    await insert(db);
    return { ...verdict, repeat: false };
  }
  // Two requests of one double click arrive together: the lock makes the second see the first.
  return db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`click:${hit.payload.c}:${hit.payload.e}:${hit.payload.u ?? ''}`]);
    const [seen] = await tx.query(
      `SELECT 1 FROM events e JOIN write_keys w ON w.id = e.write_key_id AND w.key_hash = '!internal'
        WHERE e.contact_id = $1 AND e.event = 'Email Link Clicked' AND e.timestamp > $2 AND e.timestamp <= $3
          AND e.properties->>'email_id' = $4 AND e.properties->>'url' IS NOT DISTINCT FROM $5 AND e.properties->'scanner' IS DISTINCT FROM 'true'::jsonb
        LIMIT 1`,
      [hit.payload.c, new Date(hit.at.getTime() - CLICK_REPEAT_MINUTES * 60_000), hit.at, hit.payload.e, hit.payload.u ?? null],
    );
    if (seen) return { ...verdict, repeat: true };
    await insert(tx);
    return { ...verdict, repeat: false };
  });
}
