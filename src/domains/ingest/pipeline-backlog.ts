import type { Db } from '../../db/client.js';

/**
 * How far behind the event pipeline is: the age of the oldest event no processor has finished,
 * 0 when none waits. Read from the database, not kept in memory, so every instance (and a
 * health check on one whose processor is stopped) sees the same backlog. The oldest by id is
 * found down the partial index of unprocessed events, so this stays one index probe however
 * long the backlog.
 */
export async function pipelineLagSeconds(db: Db, now: Date): Promise<number> {
  const [row] = await db.query<{ received_at: Date }>('SELECT received_at FROM events WHERE processed_at IS NULL ORDER BY id LIMIT 1');
  // Another instance's clock may run a little ahead of this one's: a lag is never negative.
  return row ? Math.max(0, (now.getTime() - row.received_at.getTime()) / 1000) : 0;
}

/** Work waiting in each queue of the pipeline and of delivery, as counted at one moment. */
export interface BacklogDepths {
  unprocessedEvents: number;
  scoreQueue: number;
  routingQueue: number;
  /** Alert emails and webhooks by channel: due or not yet tried, failed at least once and to be retried, emails kept for want of SMTP. */
  deliveries: { channel: 'email' | 'webhook'; state: 'waiting' | 'retrying' | 'outbox'; count: number }[];
  /** Meeting packs, weekly updates and daily dashboards kept in the outbox (no SMTP server set). */
  ritualEmailsOutbox: number;
}

/**
 * Every queue's depth in one round trip, for a metrics scrape. Each count runs on a partial
 * index or a table that empties as work is done (score_queue, routing_queue), except the alert
 * email outbox, which only grows while no SMTP server is configured.
 */
export async function backlogDepths(db: Db): Promise<BacklogDepths> {
  const [row] = await db.query<{ unprocessed: number; score: number; routing: number; ritual: number; deliveries: { channel: 'email' | 'webhook'; state: 'waiting' | 'retrying' | 'outbox'; count: number }[] | null }>(
    `SELECT (SELECT count(*) FROM events WHERE processed_at IS NULL) AS unprocessed,
            (SELECT count(*) FROM score_queue) AS score,
            (SELECT count(*) FROM routing_queue) AS routing,
            (SELECT count(*) FROM ritual_emails WHERE status = 'outbox') AS ritual,
            (SELECT json_agg(json_build_object('channel', channel, 'state', state, 'count', n))
               FROM (SELECT channel, CASE WHEN status = 'outbox' THEN 'outbox' WHEN attempts = 0 THEN 'waiting' ELSE 'retrying' END AS state, count(*) AS n
                       FROM deliveries WHERE status IN ('pending', 'outbox') GROUP BY 1, 2) d) AS deliveries`,
  );
  return {
    unprocessedEvents: row!.unprocessed,
    scoreQueue: row!.score,
    routingQueue: row!.routing,
    deliveries: row!.deliveries ?? [],
    ritualEmailsOutbox: row!.ritual,
  };
}
