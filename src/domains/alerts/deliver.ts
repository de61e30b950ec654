import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import { afterId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { alertEventName, WEBHOOK_EVENT_VERSION } from './webhook-events.js';

/** A file carried by an email; `cid` makes it an inline image the HTML shows as <img src="cid:…">. */
export interface MailAttachment {
  filename: string;
  content: Buffer;
  contentType: string;
  cid?: string;
}

export interface MailMessage {
  to: string;
  subject: string;
  /** The plain-text part: every email has one, for clients that do not show HTML. */
  text: string;
  html?: string;
  attachments?: MailAttachment[];
}

/** Sends one email (the app builds it on nodemailer's SMTP transport). */
export interface Mailer {
  send(msg: MailMessage): Promise<void>;
}

export interface DeliverOptions {
  /** null: no SMTP configured — emails are kept in the outbox, readable in the app. */
  mailer: Mailer | null;
  fetch?: typeof fetch;
  /** Link to the app in emails. */
  baseUrl?: string;
  maxAttempts?: number;
  timeoutMs?: number;
}

/** 30 s, 1 min, 2 min… capped at an hour: a webhook down for a deploy gets its alerts after. */
export const backoffMs = (attempt: number) => Math.min(30_000 * 2 ** (attempt - 1), 3_600_000);

const LEASE_MS = 60_000;

/** Signature of a webhook body: hex HMAC-SHA256 of "<timestamp>.<body>" with the webhook's secret. */
export function webhookSignature(secret: string, timestamp: string, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** A claimed delivery: of an alert (its fields set, the event's null) or of an integration event (the reverse). */
interface Claimed {
  id: number;
  channel: 'email' | 'webhook';
  target: string;
  attempts: number;
  secret: string | null;
  alert_id: number | null;
  kind: string;
  title: string;
  body: string;
  payload: Record<string, unknown>;
  assignment_id: number | null;
  contact_id: number | null;
  trigger_at: Date;
  created_at: Date;
  event_id: number | null;
  event: string | null;
  company_id: number | null;
  data: Record<string, unknown> | null;
  occurred_at: Date | null;
}

/**
 * Sends what is due. Rows are claimed with SKIP LOCKED and a one-minute lease (several instances
 * never send one twice at once; a crash mid-send retries after the lease), then each outcome is
 * written with its attempt in the delivery log.
 *
 * The lease is the claim's `next_attempt_at`, and it is renewed row by row just before each send:
 * fifty slow webhooks sent one after the other outlast one minute, and a second instance would
 * then claim the rows still waiting here and send them too. A row whose lease another instance
 * took over (its `next_attempt_at` is no longer ours) is left to that instance, sent and recorded
 * once. What remains is a single send outlasting the whole lease: webhooks time out well before it.
 */
export async function deliverDue(db: Db, clock: Clock, opts: DeliverOptions, limit = 50): Promise<number> {
  const now = clock.now();
  const claimLease = new Date(now.getTime() + LEASE_MS);
  const claimed = await db.query<Claimed>(
    `WITH c AS (
       UPDATE deliveries d SET next_attempt_at = $2
        WHERE d.id IN (SELECT id FROM deliveries WHERE status = 'pending' AND next_attempt_at <= $1 ORDER BY next_attempt_at LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING d.id, d.channel, d.target, d.attempts, d.webhook_id, d.alert_id, d.event_id)
     SELECT c.id, c.channel, c.target, c.attempts, w.secret, a.id AS alert_id, a.kind, a.title, a.body, a.payload, a.assignment_id,
            COALESCE(a.contact_id, e.contact_id) AS contact_id, a.trigger_at, COALESCE(a.created_at, e.created_at) AS created_at,
            e.id AS event_id, e.event, e.company_id, e.data, e.occurred_at
       FROM c LEFT JOIN alerts a ON a.id = c.alert_id LEFT JOIN integration_events e ON e.id = c.event_id
       LEFT JOIN webhooks w ON w.id = c.webhook_id ORDER BY c.id`,
    [now, claimLease, limit],
  );
  for (const d of claimed) {
    if (d.channel === 'email' && !opts.mailer) {
      await db.query(`UPDATE deliveries SET status = 'outbox' WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2`, [d.id, claimLease]);
      continue;
    }
    const lease = await renewLease(db, d.id, claimLease, new Date(clock.now().getTime() + LEASE_MS));
    if (!lease) continue;
    const started = Date.now();
    let error: string | null = null;
    let statusCode: number | null = null;
    try {
      if (d.channel === 'email') await sendEmail(d, opts);
      else statusCode = await postWebhook(d, clock, opts);
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
      statusCode = (err as { statusCode?: number }).statusCode ?? null;
    }
    const at = clock.now();
    const attempts = d.attempts + 1;
    await db.tx(async (tx) => {
      // Taken over after all (this send outlasted the lease): the other instance records its own attempt.
      const [mine] = await tx.query('SELECT 1 FROM deliveries WHERE id = $1 AND status = $2 AND next_attempt_at = $3 FOR UPDATE', [d.id, 'pending', lease]);
      if (!mine) return;
      await tx.query('INSERT INTO delivery_attempts (delivery_id, at, ok, status_code, error, duration_ms) VALUES ($1, $2, $3, $4, $5, $6)', [
        d.id, at, error === null, statusCode, error, Date.now() - started,
      ]);
      if (error === null) {
        await tx.query(`UPDATE deliveries SET status = 'sent', attempts = $2, sent_at = $3, last_error = NULL WHERE id = $1`, [d.id, attempts, at]);
      } else {
        const failed = attempts >= (opts.maxAttempts ?? 8);
        await tx.query(`UPDATE deliveries SET status = $2, attempts = $3, last_error = $4, next_attempt_at = $5 WHERE id = $1`, [
          d.id, failed ? 'failed' : 'pending', attempts, error, new Date(at.getTime() + backoffMs(attempts)),
        ]);
      }
    });
  }
  return claimed.length;
}

/**
 * Extends this instance's lease on one claimed row, if it still holds it; answers the new lease
 * (null: another instance took the row over, or it is no longer pending). The lease only moves
 * forward, so a stopped test clock keeps it as it was and it still tells the holder apart.
 */
async function renewLease(db: Db, id: number, held: Date, until: Date): Promise<Date | null> {
  const next = until > held ? until : held;
  const [row] = await db.query<{ next_attempt_at: Date }>(
    `UPDATE deliveries SET next_attempt_at = $3 WHERE id = $1 AND status = 'pending' AND next_attempt_at = $2 RETURNING next_attempt_at`,
    [id, held, next],
  );
  return row ? new Date(row.next_attempt_at) : null;
}

async function sendEmail(d: Claimed, opts: DeliverOptions): Promise<void> {
  const link = d.contact_id && opts.baseUrl ? `\n\nOpen the contact: ${opts.baseUrl.replace(/\/$/, '')}/contacts/${d.contact_id}` : '';
  await opts.mailer!.send({ to: d.target, subject: d.title, text: `${d.body}${link}\n\n— Revloop` });
}

async function postWebhook(d: Claimed, clock: Clock, opts: DeliverOptions): Promise<number> {
  const event = webhookBody(d);
  const body = JSON.stringify(event);
  const timestamp = String(Math.floor(clock.now().getTime() / 1000));
  const res = await (opts.fetch ?? fetch)(d.target, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': 'Revloop-Webhooks/1',
      'x-revloop-delivery': String(d.id),
      'x-revloop-event': event.event,
      'x-revloop-event-id': event.event_id,
      'x-revloop-timestamp': timestamp,
      'x-revloop-signature': `sha256=${webhookSignature(d.secret ?? '', timestamp, body)}`,
    },
    body,
    // Inside the lease, whatever the caller asks: a send outlasting it could be sent again elsewhere.
    signal: AbortSignal.timeout(Math.min(opts.timeoutMs ?? 10_000, LEASE_MS / 2)),
  });
  if (!res.ok) throw Object.assign(new Error(`HTTP ${res.status} from ${d.target}`), { statusCode: res.status });
  return res.status;
}

/**
 * A webhook's JSON body (docs/webhooks.md): the envelope every event shares — event_id (the same on
 * every retry and for every webhook: receivers drop what they have seen), event, version, when it
 * happened, the contact, and the event's data. An alert's body also keeps the fields it had before
 * the catalogue (id, kind, title, body, payload, trigger_at), so existing receivers read it as before.
 */
function webhookBody(d: Claimed) {
  if (d.event_id !== null) {
    return {
      event_id: `evt_${d.event_id}`, event: d.event!, version: WEBHOOK_EVENT_VERSION, occurred_at: d.occurred_at!, created_at: d.created_at,
      contact_id: d.contact_id, ...(d.company_id !== null ? { company_id: d.company_id } : {}), data: d.data ?? {},
    };
  }
  const sla = d.kind.startsWith('first_touch_') ? 'first_touch' : d.kind.startsWith('attempts_') ? 'attempts' : null;
  return {
    event_id: `alert_${d.alert_id}`, event: alertEventName(d.kind), version: WEBHOOK_EVENT_VERSION, occurred_at: d.trigger_at, created_at: d.created_at,
    contact_id: d.contact_id,
    data: { alert_kind: d.kind, ...(sla ? { sla } : {}), assignment_id: d.assignment_id, title: d.title, body: d.body, ...d.payload },
    id: d.alert_id, kind: d.kind, title: d.title, body: d.body, payload: d.payload, trigger_at: d.trigger_at,
  };
}

export interface OutboxEmail {
  id: number;
  to: string;
  subject: string;
  body: string;
  kind: string;
  contact_id: number | null;
  created_at: Date;
}

export const outboxEmailOut = z.object({
  id: z.number(), to: z.string(), subject: z.string(), body: z.string(), kind: z.string(), contact_id: z.number().nullable(), created_at: z.date(),
});

/** The alert emails kept because no SMTP server is configured, newest first, a page at a time. */
export async function listOutbox(db: Db, page: PageParams = {}): Promise<Page<OutboxEmail>> {
  const limit = pageLimit(page.limit);
  const rows = await db.query<OutboxEmail>(
    `SELECT d.id, d.target AS "to", a.title AS subject, a.body, a.kind, a.contact_id, d.created_at
       FROM deliveries d JOIN alerts a ON a.id = d.alert_id
      WHERE d.channel = 'email' AND d.status = 'outbox' AND ($1::bigint IS NULL OR d.id < $1)
      ORDER BY d.id DESC LIMIT $2`,
    [afterId(page.cursor), limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}
