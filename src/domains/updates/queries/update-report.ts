// Engagement with weekly updates (docs/weekly-update.md, "The report"). Mail-scanner hits are stored
// but never counted. Delivered: recipients whose email the SMTP server accepted (status 'sent'); an
// opener is a delivered recipient with a counted open or click (a click proves the email was
// opened, even when the client blocked the pixel); a clicker one with a counted click.

// Headline figures of the updates $1 (bigint[]).
export const updateStatsSql = /* sql */ `
SELECT u.id,
       count(r.user_id) AS recipients,
       count(r.user_id) FILTER (WHERE r.status = 'sent') AS delivered,
       count(r.user_id) FILTER (WHERE r.status = 'sent' AND EXISTS (
         SELECT 1 FROM weekly_update_hits h WHERE h.update_id = r.update_id AND h.user_id = r.user_id AND NOT h.scanner)) AS unique_opens,
       count(r.user_id) FILTER (WHERE r.status = 'sent' AND EXISTS (
         SELECT 1 FROM weekly_update_hits h WHERE h.update_id = r.update_id AND h.user_id = r.user_id AND NOT h.scanner AND h.kind = 'click')) AS unique_clicks
  FROM weekly_updates u LEFT JOIN weekly_update_recipients r ON r.update_id = u.id
 WHERE u.id = ANY($1::bigint[])
 GROUP BY u.id`;

export interface UpdateStatsRow {
  id: number;
  recipients: number;
  delivered: number;
  unique_opens: number;
  unique_clicks: number;
}

// One line per recipient of update $1: delivery, counted opens and clicks, scanner hits.
export const recipientEngagementSql = /* sql */ `
SELECT r.user_id, r.name, r.email, r.status, r.sent_at,
       count(h.id) FILTER (WHERE h.kind = 'open' AND NOT h.scanner) AS opens,
       min(h.at) FILTER (WHERE NOT h.scanner) AS first_opened_at,
       count(h.id) FILTER (WHERE h.kind = 'click' AND NOT h.scanner) AS clicks,
       min(h.at) FILTER (WHERE h.kind = 'click' AND NOT h.scanner) AS first_clicked_at,
       count(h.id) FILTER (WHERE h.scanner) AS scanner_hits
  FROM weekly_update_recipients r
  LEFT JOIN weekly_update_hits h ON h.update_id = r.update_id AND h.user_id = r.user_id
 WHERE r.update_id = $1
 GROUP BY r.user_id, r.name, r.email, r.status, r.sent_at
 ORDER BY lower(r.name), r.user_id`;

export interface RecipientEngagementRow {
  user_id: number;
  name: string;
  email: string;
  status: 'sending' | 'sent' | 'outbox' | 'failed';
  sent_at: Date | null;
  opens: number;
  first_opened_at: Date | null;
  clicks: number;
  first_clicked_at: Date | null;
  scanner_hits: number;
}

// Counted clicks of update $1 per link, by delivered recipients.
export const linkClicksSql = /* sql */ `
SELECT h.url, count(*) AS clicks, count(DISTINCT h.user_id) AS unique_clickers
  FROM weekly_update_hits h
  JOIN weekly_update_recipients r ON r.update_id = h.update_id AND r.user_id = h.user_id AND r.status = 'sent'
 WHERE h.update_id = $1 AND h.kind = 'click' AND NOT h.scanner
 GROUP BY h.url`;

// The last $1 sent updates, newest first.
export const lastSentSql = /* sql */ `
SELECT id, subject, week_start, sent_at FROM weekly_updates
 WHERE status = 'sent'
 ORDER BY sent_at DESC, id DESC
 LIMIT $1`;
