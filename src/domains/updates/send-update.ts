import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import type { Mailer } from '../alerts/deliver.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { sendRitualEmail } from '../rituals/ritual-mail.js';
import { weeklyUpdateOut } from './update-content.js';
import { renderUpdateEmail, updateRef } from './update-email.js';
import { actorLabel, getUpdate, sentConflict } from './weekly-updates.js';

/** Who gets the update by default: every active sales user. */
export const SALES_ROLES = ['sales_rep', 'sales_manager'] as const;

export const sendUpdateInput = z.strictObject({
  /** Send to these users instead of the whole sales team. */
  user_ids: z
    .array(z.number({ error: 'must be user ids' }).int('must be whole numbers').positive('must be positive ids'), { error: 'must be a list of user ids' })
    .min(1, 'must name at least one user, or be left out to send to the sales team')
    .max(500, 'must name at most 500 users')
    .optional(),
});

export interface SendDeps {
  mailer: Mailer | null;
  /** Where the app is reached: the tracking links point there. */
  baseUrl: string;
  /** Signs the tracking links. */
  secret: string;
}

export const sendResultOut = z.object({
  update: weeklyUpdateOut,
  /** Emails accepted by the SMTP server now. */
  sent: z.number(),
  /** Emails kept in the outbox (no SMTP server configured). */
  outbox: z.number(),
  failed: z.number(),
  /** Recipients whose copy had already gone out (a retried or concurrent send). */
  already_sent: z.number(),
});
export type SendResult = z.output<typeof sendResultOut>;

interface Person {
  user_id: number;
  name: string;
  email: string;
}

async function recipientsFor(db: Db, userIds: readonly number[] | undefined): Promise<Person[]> {
  if (!userIds) {
    const team = await db.query<Person>(
      `SELECT id AS user_id, name, email FROM users WHERE active AND role = ANY($1::text[]) ORDER BY lower(name), id`, [SALES_ROLES]);
    if (!team.length) throw invalid([{ field: 'user_ids', problem: 'there is no active sales user (sales rep or sales manager) to send to: name the recipients' }]);
    return team;
  }
  const ids = [...new Set(userIds)];
  const found = await db.query<Person & { active: boolean }>('SELECT id AS user_id, name, email, active FROM users WHERE id = ANY($1::bigint[]) ORDER BY lower(name), id', [ids]);
  const byId = new Map(found.map((u) => [u.user_id, u]));
  const problems = ids.flatMap((id) => {
    const u = byId.get(id);
    if (!u) return [`there is no user ${id}`];
    return u.active ? [] : [`user ${id} (${u.name}) is deactivated`];
  });
  if (problems.length) throw invalid([{ field: 'user_ids', problem: problems.join('; ') }]);
  return found.map(({ user_id, name, email }) => ({ user_id, name, email }));
}

/**
 * Sends a draft to the sales team (every active sales rep and manager) or to the users named,
 * one personal copy each (renderUpdateEmail: their own open pixel and click links) through
 * sendRitualEmail, kind 'weekly_update', ref "update:<id>": over SMTP, or into the outbox without
 * a mailer. The update becomes read-only as it is claimed. Sending a sent update again retries
 * only the copies that failed; with nothing to retry it is a 409.
 */
export async function sendUpdate(ctx: Ctx, deps: SendDeps, id: number, input: unknown): Promise<SendResult> {
  const v = parseInput(sendUpdateInput, input ?? {});
  assertAllowed(ctx.actor, 'updates:send', 'send the weekly update');
  const { db, clock } = ctx;
  const todo = await db.tx(async (tx) => {
    const [row] = await tx.query<{ id: number; status: string; sent_at: Date | null }>('SELECT id, status, sent_at FROM weekly_updates WHERE id = $1 FOR UPDATE', [id]);
    if (!row) throw notFound('Weekly update', id);
    if (row.status === 'sent') {
      if (v.user_ids) throw sentConflict(row);
      const retry = await tx.query<Person>(
        `UPDATE weekly_update_recipients SET status = 'sending', error = NULL WHERE update_id = $1 AND status = 'failed' RETURNING user_id, name, email`, [id]);
      if (!retry.length) throw new AppError('conflict', `Weekly update ${id} was already sent on ${row.sent_at?.toISOString().slice(0, 10)}, and no copy failed to retry. Create a new draft to send again.`, { id, status: 'sent' });
      return retry;
    }
    const people = await recipientsFor(tx, v.user_ids);
    const now = clock.now();
    await tx.query(`UPDATE weekly_updates SET status = 'sent', sent_at = $2, sent_by = $3, updated_at = $2 WHERE id = $1`, [id, now, actorLabel(ctx.actor)]);
    await tx.query(
      `INSERT INTO weekly_update_recipients (update_id, user_id, name, email, status)
       SELECT $1, p.user_id, p.name, p.email, 'sending' FROM jsonb_to_recordset($2::jsonb) AS p(user_id bigint, name text, email text)`,
      [id, JSON.stringify(people)],
    );
    return people;
  });

  const update = await getUpdate(db, id);
  const counts = { sent: 0, outbox: 0, failed: 0, already_sent: 0 };
  for (const p of todo) {
    const sentAt = clock.now();
    const mail = renderUpdateEmail(update, { baseUrl: deps.baseUrl, secret: deps.secret, userId: p.user_id, sentAt });
    const result = await sendRitualEmail(db, clock, deps.mailer, { kind: 'weekly_update', ref: updateRef(id), userId: p.user_id, to: p.email, ...mail });
    counts[result] += 1;
    await recordDelivery(db, id, p, result, sentAt);
  }
  return { update: await getUpdate(db, id), ...counts };
}

/** The recipient's delivery status, from the ritual email (which keeps the error of a failed send). */
async function recordDelivery(db: Db, id: number, p: Person, result: string, sentAt: Date): Promise<void> {
  const [mail] = await db.query<{ status: string; error: string | null; at: Date | null }>(
    'SELECT status, error, COALESCE(sent_at, created_at) AS at FROM ritual_emails WHERE ref = $1 AND to_email = $2', [updateRef(id), p.email]);
  const status = mail?.status ?? 'failed';
  const at = result === 'already_sent' ? (mail?.at ?? null) : status === 'sent' || status === 'outbox' ? sentAt : null;
  await db.query('UPDATE weekly_update_recipients SET status = $3, error = $4, sent_at = $5 WHERE update_id = $1 AND user_id = $2', [id, p.user_id, status, mail?.error ?? null, at]);
}
