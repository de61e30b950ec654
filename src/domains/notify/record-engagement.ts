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
 * Stores an email open or click, with the scanner verdict: a scanner hit is kept for the record and
 * flagged so reports never count it as engagement. A counted click repeated within
 * CLICK_REPEAT_MINUTES is not stored again (`repeat`).
 * - A contact recipient (`c`): an event on the contact ('Email Opened' / 'Email Link Clicked',
 *   properties.scanner), which the event processor then scores.
 * - A user recipient (`r`, the weekly update to sales, e = "update:<id>"): a row of
 *   weekly_update_hits, for that update's recipient only; colleagues' reading is not a contact event.
 */
export async function recordEngagement(db: Db, hit: EngagementHit): Promise<{ scanner: boolean; reason: string | null; repeat: boolean }> {
  const verdict = scannerVerdict({ sentAt: new Date(hit.payload.t * 1000), at: hit.at, userAgent: hit.userAgent, method: hit.method });
  const { r: userId, c: contactId } = hit.payload;
  if (userId) return { ...verdict, repeat: await recordUserHit(db, hit, verdict, userId) };
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
      [randomUUID(), event, hit.at, JSON.stringify(properties), JSON.stringify({ userAgent: hit.userAgent ?? null, ip: hit.ip ?? null }), contactId],
    );
  const repeat = await storeUnlessRepeat(db, hit, verdict.scanner, `click:${contactId}:${hit.payload.e}:${hit.payload.u ?? ''}`, insert, (tx) =>
    tx.query(
      `SELECT 1 FROM events e JOIN write_keys w ON w.id = e.write_key_id AND w.key_hash = '!internal'
        WHERE e.contact_id = $1 AND e.event = 'Email Link Clicked' AND e.timestamp > $2 AND e.timestamp <= $3
          AND e.properties->>'email_id' = $4 AND e.properties->>'url' IS NOT DISTINCT FROM $5 AND e.properties->'scanner' IS DISTINCT FROM 'true'::jsonb
        LIMIT 1`,
      [contactId, repeatWindowStart(hit.at), hit.at, hit.payload.e, hit.payload.u ?? null],
    ),
  );
  return { ...verdict, repeat };
}

const repeatWindowStart = (at: Date) => new Date(at.getTime() - CLICK_REPEAT_MINUTES * 60_000);

/**
 * Opens and scanner hits are always stored; a counted click only when no counted click of the same
 * recipient, email and link came in the last CLICK_REPEAT_MINUTES. Answers whether it was a repeat.
 */
async function storeUnlessRepeat(db: Db, hit: EngagementHit, scanner: boolean, lockKey: string, insert: (tx: Db) => Promise<unknown>, seen: (tx: Db) => Promise<unknown[]>): Promise<boolean> {
  if (hit.kind === 'open' || scanner) {
    await insert(db);
    return false;
  }
  // Two requests of one double click arrive together: the lock makes the second see the first.
  return db.tx(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [lockKey]);
    if ((await seen(tx)).length) return true;
    await insert(tx);
    return false;
  });
}

/** The weekly update's ref in a user token: "update:<id>". */
const updateRef = /^update:(\d{1,15})$/;

async function recordUserHit(db: Db, hit: EngagementHit, verdict: { scanner: boolean; reason: string | null }, userId: number): Promise<boolean> {
  const m = updateRef.exec(hit.payload.e);
  // Only the weekly update writes user tokens; another email id has nowhere to be stored.
  if (!m) return false;
  const updateId = Number(m[1]);
  const url = hit.kind === 'click' ? (hit.payload.u ?? null) : null;
  // The SELECT from the recipients keeps a hit only for someone the issue was sent to.
  const insert = (tx: Db) =>
    tx.query(
      `INSERT INTO weekly_update_hits (update_id, user_id, kind, url, at, scanner, scanner_reason, user_agent)
       SELECT r.update_id, r.user_id, $3, $4, $5, $6, $7, $8 FROM weekly_update_recipients r WHERE r.update_id = $1 AND r.user_id = $2`,
      [updateId, userId, hit.kind, url, hit.at, verdict.scanner, verdict.reason, hit.userAgent?.slice(0, 500) ?? null],
    );
  return storeUnlessRepeat(db, hit, verdict.scanner, `update-click:${userId}:${updateId}:${url ?? ''}`, insert, (tx) =>
    tx.query(
      `SELECT 1 FROM weekly_update_hits WHERE update_id = $1 AND user_id = $2 AND kind = 'click' AND url = $3 AND NOT scanner AND at > $4 AND at <= $5 LIMIT 1`,
      [updateId, userId, url, repeatWindowStart(hit.at), hit.at],
    ),
  );
}
