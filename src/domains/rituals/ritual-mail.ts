import type { Db } from '../../db/client.js';
import type { Clock } from '../../shared/clock.js';
import type { MailMessage, Mailer } from '../alerts/deliver.js';

export interface RitualEmail extends MailMessage {
  /** What kind of email: 'weekly_pack', 'monthly_pack', 'weekly_update', 'daily_marketing'… */
  kind: string;
  /** Which one: "meeting:12", "update:3", "daily_rep:2026-12-03:7". One recipient gets one ref once. */
  ref: string;
  userId: number | null;
}

export type RitualSendResult = 'sent' | 'outbox' | 'failed' | 'already_sent';

/**
 * Sends one ritual email at most once per (ref, recipient). The row is claimed first (a unique
 * insert, so two instances or a retried schedule cannot both send), then the mail goes out and the
 * outcome is written. Without a mailer the email is kept in the outbox, readable in the app. A
 * failed send may be tried again later: it is the only state a new attempt takes over.
 */
export async function sendRitualEmail(db: Db, clock: Clock, mailer: Mailer | null, msg: RitualEmail): Promise<RitualSendResult> {
  const status = mailer ? 'sending' : 'outbox';
  const [claimed] = await db.query<{ id: number }>(
    `INSERT INTO ritual_emails (kind, ref, user_id, to_email, subject, html, text, status, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT (ref, to_email) DO UPDATE SET status = EXCLUDED.status, subject = EXCLUDED.subject, html = EXCLUDED.html, text = EXCLUDED.text, error = NULL
       WHERE ritual_emails.status = 'failed'
     RETURNING id`,
    [msg.kind, msg.ref, msg.userId, msg.to, msg.subject, msg.html ?? null, msg.text, status, clock.now()],
  );
  if (!claimed) return 'already_sent';
  if (!mailer) return 'outbox';
  try {
    await mailer.send({ to: msg.to, subject: msg.subject, text: msg.text, html: msg.html, attachments: msg.attachments });
  } catch (err) {
    await db.query(`UPDATE ritual_emails SET status = 'failed', error = $2 WHERE id = $1`, [claimed.id, err instanceof Error ? err.message : String(err)]);
    return 'failed';
  }
  await db.query(`UPDATE ritual_emails SET status = 'sent', sent_at = $2 WHERE id = $1`, [claimed.id, clock.now()]);
  return 'sent';
}
