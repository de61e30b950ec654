import { z } from 'zod';
import { insertRows, type BulkColumn } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { alertEvents } from './webhook-events.js';
import { decodeCursor, fitsCast, isId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';

export const alertKinds = [
  'handoff', 'ae_handoff', 'unroutable',
  'first_touch_at_risk', 'first_touch_breached', 'attempts_at_risk', 'attempts_breached',
  'recycled', 'contact_returned',
  // SDR → account executive handoff (ae-routing.ts, ae-handoff-watch.ts).
  'first_meeting_at_risk', 'first_meeting_breached',
] as const;
export type AlertKind = (typeof alertKinds)[number];

export interface AlertInput {
  kind: AlertKind;
  /** One alert per key, ever: the same breach seen by two sweeps or two instances alerts once. */
  dedupeKey: string;
  contactId?: number | null;
  assignmentId?: number | null;
  title: string;
  body: string;
  payload?: Record<string, unknown>;
  /** When the thing happened (the deadline, the visit): the alert's delay is measured from it. */
  triggerAt: Date;
  recipients: { userId: number; role: 'owner' | 'manager' | 'marketing' }[];
}

/**
 * Records an alert, its recipients (in-app) and what must go out for it: an email per recipient
 * and a POST per subscribed webhook, delivered later by deliverDue. All in the caller's
 * transaction, so an alert and its deliveries exist together or not at all. Returns the new
 * alert's id, or null when the key was alerted before.
 */
export async function raiseAlert(db: Db, clock: Clock, a: AlertInput): Promise<number | null> {
  return (await raiseAlerts(db, clock, [a])).get(a.dedupeKey) ?? null;
}

/**
 * Many alerts in four statements whatever their number (a sweep after downtime may find
 * thousands of breaches at once). Returns the ids of the alerts that were new, by dedupe key.
 */
export async function raiseAlerts(db: Db, clock: Clock, list: readonly AlertInput[]): Promise<Map<string, number>> {
  const created = new Map<string, number>();
  if (!list.length) return created;
  const now = clock.now();
  const rows = list.map((a) => [a.kind, a.dedupeKey, a.contactId ?? null, a.assignmentId ?? null, a.title, a.body, JSON.stringify(a.payload ?? {}), a.triggerAt, now]);
  const inserted = await insertRows<{ id: number; dedupe_key: string; kind: string }>(db, 'alerts', alertColumns, rows, { suffix: 'ON CONFLICT (dedupe_key) DO NOTHING RETURNING id, dedupe_key, kind' });
  if (!inserted.length) return created;
  for (const r of inserted) created.set(r.dedupe_key, r.id);
  const recipients: [number, number, string][] = [];
  for (const a of list) {
    const id = created.get(a.dedupeKey);
    if (id !== undefined) for (const r of uniqueRecipients(a.recipients)) recipients.push([id, r.userId, r.role]);
  }
  if (recipients.length) {
    const ids = recipients.map((r) => r[0]);
    const users = recipients.map((r) => r[1]);
    await db.query(
      `INSERT INTO alert_recipients (alert_id, user_id, role) SELECT a, u, r FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS t(a, u, r) ON CONFLICT DO NOTHING`,
      [ids, users, recipients.map((r) => r[2])],
    );
    // Only news is emailed: a sweep after downtime (or the first start on an imported history) finds
    // breaches weeks old, which stay in-app and on webhooks but would otherwise flood every inbox.
    const fresh = new Set(list.filter((a) => isEmailWorthy(a.triggerAt, now)).map((a) => created.get(a.dedupeKey)));
    const emailed = recipients.filter((r) => fresh.has(r[0]));
    if (emailed.length) {
      await db.query(
        `INSERT INTO deliveries (alert_id, channel, target, status, next_attempt_at, created_at)
         SELECT t.a, 'email', u.email, 'pending', $3, $3 FROM unnest($1::bigint[], $2::bigint[]) AS t(a, uid) JOIN users u ON u.id = t.uid AND u.active`,
        [emailed.map((r) => r[0]), emailed.map((r) => r[1]), now],
      );
    }
  }
  // A webhook subscribes by event name (webhook-events.ts) or, as before the catalogue, by alert kind;
  // one with no filter gets every alert that has an event of its own.
  await db.query(
    `INSERT INTO deliveries (alert_id, channel, target, webhook_id, status, next_attempt_at, created_at)
     SELECT t.a, 'webhook', w.url, w.id, 'pending', $4, $4 FROM unnest($1::bigint[], $2::text[], $3::text[]) AS t(a, k, e)
       JOIN webhooks w ON w.active AND ((w.kinds IS NULL AND t.e IS NOT NULL) OR t.k = ANY(w.kinds) OR t.e = ANY(w.kinds))`,
    [inserted.map((r) => r.id), inserted.map((r) => r.kind), inserted.map((r) => alertEvents[r.kind as AlertKind] ?? null), now],
  );
  return created;
}

/** How old the event behind an alert may be and still be emailed when the alert is raised. */
export const EMAIL_MAX_AGE_MS = 24 * 3600_000;

/** An alert is emailed only while what it tells of is recent (EMAIL_MAX_AGE_MS). */
export function isEmailWorthy(triggerAt: Date, now: Date): boolean {
  return now.getTime() - new Date(triggerAt).getTime() <= EMAIL_MAX_AGE_MS;
}

const alertColumns: readonly BulkColumn[] = [
  ['kind', 'text'], ['dedupe_key', 'text'], ['contact_id', 'bigint'], ['assignment_id', 'bigint'], ['title', 'text'], ['body', 'text'],
  ['payload', 'jsonb'], ['trigger_at', 'timestamptz'], ['created_at', 'timestamptz'],
];

// The owner who is also the manager gets one alert, as owner.
function uniqueRecipients(list: AlertInput['recipients']): AlertInput['recipients'] {
  const seen = new Map<number, AlertInput['recipients'][number]>();
  for (const r of list) if (!seen.has(r.userId)) seen.set(r.userId, r);
  return [...seen.values()];
}

/** The managers to tell about a rep's lead: their own manager, else the sales managers of their team, else all of them. */
export async function managersOf(db: Db, userId: number | null): Promise<number[]> {
  const rows = await db.query<{ id: number }>(
    `WITH rep AS (SELECT manager_id, team FROM users WHERE id = $1)
     SELECT id FROM users WHERE id = (SELECT manager_id FROM rep) AND active
     UNION
     SELECT u.id FROM users u, rep WHERE rep.manager_id IS NULL AND u.role = 'sales_manager' AND u.active AND u.team IS NOT DISTINCT FROM rep.team`,
    [userId],
  );
  if (rows.length) return rows.map((r) => r.id);
  return (await db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'sales_manager' AND active ORDER BY id`)).map((r) => r.id);
}

export interface AlertView {
  id: number;
  kind: AlertKind;
  contact_id: number | null;
  title: string;
  body: string;
  payload: Record<string, unknown>;
  trigger_at: Date;
  created_at: Date;
  role: string;
  read_at: Date | null;
}

/** An in-app alert as the API answers it (AlertView); `role` is the recipient's: owner, manager or marketing. */
export const alertOut = z.object({
  id: z.number(), kind: z.string(), contact_id: z.number().nullable(), title: z.string(), body: z.string(),
  payload: z.record(z.string(), z.unknown()), trigger_at: z.date(), created_at: z.date(), role: z.string(), read_at: z.date().nullable(),
});

/** A user's in-app alerts, newest first, a page at a time (keyset on created_at, id). */
export async function alertsFor(db: Db, userId: number, opts: { unreadOnly?: boolean } & PageParams = {}): Promise<Page<AlertView>> {
  const limit = pageLimit(opts.limit);
  const after = opts.cursor ? decodeCursor<{ at: string; id: number }>(opts.cursor, (c) => typeof c.at === 'string' && fitsCast(c.at, 'timestamptz') && isId(c.id)) : null;
  const rows = await db.query<AlertView>(
    `SELECT a.id, a.kind, a.contact_id, a.title, a.body, a.payload, a.trigger_at, a.created_at, r.role, r.read_at
       FROM alert_recipients r JOIN alerts a ON a.id = r.alert_id
      WHERE r.user_id = $1 AND ($2::boolean IS FALSE OR r.read_at IS NULL)
        AND ($4::timestamptz IS NULL OR (a.created_at, a.id) < ($4::timestamptz, $5::bigint))
      ORDER BY a.created_at DESC, a.id DESC LIMIT $3`,
    [userId, opts.unreadOnly ?? false, limit + 1, after?.at ?? null, after?.id ?? null],
  );
  return keysetPage(rows, limit, (last) => ({ at: new Date(last.created_at).toISOString(), id: last.id }));
}

export async function markAlertsRead(db: Db, clock: Clock, userId: number, ids: number[] | 'all'): Promise<number> {
  const rows = await db.query<{ alert_id: number }>(
    `UPDATE alert_recipients SET read_at = $2 WHERE user_id = $1 AND read_at IS NULL AND ($3::bigint[] IS NULL OR alert_id = ANY($3::bigint[])) RETURNING alert_id`,
    [userId, clock.now(), ids === 'all' ? null : ids],
  );
  return rows.length;
}

/** How a time reads in an alert: "Mon 1 Jun, 12:00 UTC", in the policy's time zone when it has one. */
export function formatAlertTime(d: Date, timeZone?: string | null): string {
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hour12: false, timeZone: timeZone ?? 'UTC', timeZoneName: 'short',
  }).format(d).replace(' at ', ', ');
}

/**
 * Marketing's people to tell about a lead coming back to them: every active marketing user (the
 * data model has no marketing owner per contact or nurture yet).
 */
export async function marketersOf(db: Db): Promise<number[]> {
  return (await db.query<{ id: number }>(`SELECT id FROM users WHERE role = 'marketing' AND active ORDER BY id`)).map((r) => Number(r.id));
}
