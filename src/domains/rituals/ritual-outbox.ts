import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { invalid } from '../../shared/errors.js';
import { afterId, keysetPage, pageLimit, type Page, type PageParams } from '../crm/list-query.js';

/**
 * The rituals' emails as kept in ritual_emails: without an SMTP server every meeting pack, weekly
 * update and daily dashboard stays here ('outbox'), so an admin can still read what Revloop would
 * have sent; 'failed' ones carry the server's error. A list of its own rather than part of the alert
 * outbox (GET /api/outbox): the two tables number their rows apart, so one keyset cursor cannot page
 * both, and these emails carry HTML. Inline chart images are not stored: the text part says it all.
 */
export const ritualEmailStatuses = ['outbox', 'failed', 'sent'] as const;
export type RitualEmailStatus = (typeof ritualEmailStatuses)[number];

export const ritualEmailOut = z.object({
  id: z.number(),
  kind: z.string(),
  ref: z.string(),
  user_id: z.number().nullable(),
  to: z.string(),
  subject: z.string(),
  text: z.string(),
  html: z.string().nullable(),
  status: z.enum(['sending', ...ritualEmailStatuses]),
  error: z.string().nullable(),
  created_at: z.date(),
  sent_at: z.date().nullable(),
});
export type RitualEmailRow = z.infer<typeof ritualEmailOut>;

/** Ritual emails in one state (default: the outbox), newest first, a page at a time. */
export async function listRitualEmails(db: Db, q: PageParams & { status?: string } = {}): Promise<Page<RitualEmailRow>> {
  const status = q.status ?? 'outbox';
  if (!(ritualEmailStatuses as readonly string[]).includes(status)) throw invalid([{ field: 'status', problem: `must be one of ${ritualEmailStatuses.join(', ')}` }]);
  const limit = pageLimit(q.limit);
  const rows = await db.query<RitualEmailRow>(
    `SELECT id, kind, ref, user_id, to_email AS "to", subject, text, html, status, error, created_at, sent_at
       FROM ritual_emails
      WHERE status = $1 AND ($2::bigint IS NULL OR id < $2)
      ORDER BY id DESC LIMIT $3`,
    [status, afterId(q.cursor), limit + 1],
  );
  return keysetPage(rows, limit, (last) => ({ id: last.id }));
}
