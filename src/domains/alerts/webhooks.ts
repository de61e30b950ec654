import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid, notFound } from '../../shared/errors.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { afterId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';
import { alertEventName, subscribableKinds, webhookEvents } from './webhook-events.js';

export interface WebhookRow {
  id: number;
  url: string;
  kinds: string[] | null;
  active: boolean;
  created_at: Date;
}

/** A webhook as the API answers it: never its secret, which only the creation answer carries. */
export const webhookOut = z.object({ id: z.number(), url: z.string(), kinds: z.array(z.string()).nullable(), active: z.boolean(), created_at: z.date() });

// The audit line names the receiving host only: a webhook URL often carries its own secret
// (Slack's and Zapier's do, in the path), and the audit log is read by more eyes than the setting.
const hostOf = (url: string) => new URL(url).host;

/** Adds a webhook; its signing secret is in this answer only (receivers verify x-revloop-signature with it). */
export async function createWebhook(db: Db, input: { url: string; kinds?: string[] }, by: Auditor): Promise<WebhookRow & { secret: string }> {
  const unknown = (input.kinds ?? []).map((k, i) => ({ k, i })).filter(({ k }) => !subscribableKinds.includes(k));
  if (unknown.length) {
    throw invalid(unknown.map(({ k, i }) => ({ field: `kinds.${i}`, problem: `"${k}" is not an event; one of ${webhookEvents.join(', ')}` })));
  }
  const secret = randomBytes(24).toString('base64url');
  return db.tx(async (tx) => {
    const [row] = await tx.query<WebhookRow>('INSERT INTO webhooks (url, secret, kinds, created_at) VALUES ($1, $2, $3, $4) RETURNING id, url, kinds, active, created_at', [
      input.url, secret, input.kinds ?? null, by.clock.now(),
    ]);
    await auditChange(tx, by, { action: 'webhook.created', objectType: 'webhook', objectId: row!.id, details: { host: hostOf(input.url), kinds: input.kinds ?? null } });
    return { ...row!, secret };
  });
}

/** Stops deliveries to a webhook (its delivery log stays readable). */
export async function disableWebhook(db: Db, id: number, by: Auditor): Promise<void> {
  await db.tx(async (tx) => {
    const [row] = await tx.query<{ url: string; was_active: boolean }>(
      'UPDATE webhooks w SET active = false FROM (SELECT id, active FROM webhooks WHERE id = $1 FOR UPDATE) old WHERE w.id = old.id RETURNING w.url, old.active AS was_active',
      [id],
    );
    if (!row) throw notFound('Webhook', id);
    if (row.was_active) await auditChange(tx, by, { action: 'webhook.deleted', objectType: 'webhook', objectId: id, details: { host: hostOf(row.url) } });
  });
}

/** The webhooks, oldest first (disabled ones too: their delivery logs stay readable), a page at a time. */
export async function listWebhooks(db: Db, page: PageParams = {}): Promise<Page<WebhookRow>> {
  const limit = pageLimit(page.limit);
  const rows = await db.query<WebhookRow>(
    'SELECT id, url, kinds, active, created_at FROM webhooks WHERE $1::bigint IS NULL OR id > $1 ORDER BY id LIMIT $2',
    [afterId(page.cursor), limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}

export interface WebhookDelivery {
  id: number;
  /** The alert it carries, or null for an integration event (a stage change, a rejection…). */
  alert_id: number | null;
  /** The alert's kind, or the event's name. */
  kind: string;
  /** The catalogue event it went out as (docs/webhooks.md), and the event_id receivers saw. */
  event: string;
  event_id: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  sent_at: Date | null;
  created_at: Date;
  log: { at: string; ok: boolean; status_code: number | null; error: string | null; duration_ms: number | null }[];
}

/** A delivery as the API answers it; its log's `at` is already text (built in SQL as JSON). */
export const webhookDeliveryOut = z.object({
  id: z.number(), alert_id: z.number().nullable(), kind: z.string(), event: z.string(), event_id: z.string(), status: z.string(), attempts: z.number(), next_attempt_at: z.date(),
  last_error: z.string().nullable(), sent_at: z.date().nullable(), created_at: z.date(),
  log: z.array(z.object({ at: z.string(), ok: z.boolean(), status_code: z.number().nullable(), error: z.string().nullable(), duration_ms: z.number().nullable() })),
});

/** A webhook's deliveries, newest first, with their attempts, a page at a time; an unknown webhook is a 404, not an empty log. */
export async function webhookDeliveries(db: Db, id: number, page: PageParams = {}): Promise<Page<WebhookDelivery>> {
  const limit = pageLimit(page.limit);
  const after = afterId(page.cursor);
  const [hook] = await db.query('SELECT 1 FROM webhooks WHERE id = $1', [id]);
  if (!hook) throw notFound('Webhook', id);
  const rows = await db.query<Omit<WebhookDelivery, 'event' | 'event_id'> & { integration_event: number | null; event_name: string | null }>(
    `SELECT d.id, d.alert_id, COALESCE(a.kind, e.event) AS kind, e.id AS integration_event, e.event AS event_name, d.status, d.attempts, d.next_attempt_at, d.last_error, d.sent_at, d.created_at,
            COALESCE((SELECT jsonb_agg(jsonb_build_object('at', x.at, 'ok', x.ok, 'status_code', x.status_code, 'error', x.error, 'duration_ms', x.duration_ms) ORDER BY x.at)
                        FROM delivery_attempts x WHERE x.delivery_id = d.id), '[]') AS log
       FROM deliveries d LEFT JOIN alerts a ON a.id = d.alert_id LEFT JOIN integration_events e ON e.id = d.event_id
      WHERE d.webhook_id = $1 AND ($2::bigint IS NULL OR d.id < $2)
      ORDER BY d.id DESC LIMIT $3`,
    [id, after, limit + 1],
  );
  const out = rows.map(({ integration_event, event_name, ...d }): WebhookDelivery => ({
    ...d,
    event: event_name ?? alertEventName(d.kind),
    event_id: integration_event !== null ? `evt_${integration_event}` : `alert_${d.alert_id}`,
  }));
  return keysetPage(out, limit, (last) => ({ id: last.id }));
}
