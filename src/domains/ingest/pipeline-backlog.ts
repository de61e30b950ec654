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
  /** At most MAX_COUNTED_EVENTS. */
  unprocessedEvents: number;
  scoreQueue: number;
  routingQueue: number;
  /** Alert emails and webhooks by channel: due or not yet tried, failed at least once and to be retried, emails kept for want of SMTP. */
  deliveries: { channel: 'email' | 'webhook'; state: 'waiting' | 'retrying' | 'outbox'; count: number }[];
  /** Meeting packs, weekly updates and daily dashboards kept in the outbox (no SMTP server set). */
  ritualEmailsOutbox: number;
}

/**
 * The unprocessed-events count stops here: counting costs time in proportion (about 35 ms per
 * 100,000 on the test server, 200 ms on PGlite), and past a million the lag says more than the
 * exact figure.
 */
export const MAX_COUNTED_EVENTS = 1_000_000;

/**
 * Unprocessed events, counted a range of ids at a time: on PGlite one count of 100,000 held the
 * only connection for 80-200 ms, so a scrape made every request wait; by ranges of 20,000 ids it
 * is held at most ~60 ms at a time (the total is higher: without a vacuum each range reads its
 * rows from the heap one by one). The ranges run from the oldest unprocessed id to the newest
 * id, both one index probe.
 */
export async function countUnprocessedEvents(db: Db, max = MAX_COUNTED_EVENTS): Promise<number> {
  // A server has other connections to answer with: there, one range is the whole backlog.
  const step = db.kind === 'pglite' ? 20_000 : 2_000_000;
  const [span] = await db.query<{ lo: number | null; hi: number | null }>(
    'SELECT (SELECT min(id) FROM events WHERE processed_at IS NULL) AS lo, (SELECT max(id) FROM events) AS hi',
  );
  if (span!.lo === null || span!.hi === null) return 0;
  let total = 0;
  for (let from = span!.lo; from <= span!.hi && total < max; from += step) {
    const [row] = await db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE processed_at IS NULL AND id >= $1 AND id < $2', [from, from + step]);
    total += row!.n;
  }
  return Math.min(total, max);
}

/**
 * Every queue's depth, for a metrics scrape. Each count runs on a partial index or a table that
 * empties as work is done (score_queue, routing_queue), except the alert email outbox, which
 * only grows while no SMTP server is configured.
 */
export async function backlogDepths(db: Db): Promise<BacklogDepths> {
  const [row] = await db.query<{ score: number; routing: number; ritual: number; deliveries: { channel: 'email' | 'webhook'; state: 'waiting' | 'retrying' | 'outbox'; count: number }[] | null }>(
    `SELECT (SELECT count(*) FROM score_queue) AS score,
            (SELECT count(*) FROM routing_queue) AS routing,
            (SELECT count(*) FROM ritual_emails WHERE status = 'outbox') AS ritual,
            (SELECT json_agg(json_build_object('channel', channel, 'state', state, 'count', n))
               FROM (SELECT channel, CASE WHEN status = 'outbox' THEN 'outbox' WHEN attempts = 0 THEN 'waiting' ELSE 'retrying' END AS state, count(*) AS n
                       FROM deliveries WHERE status IN ('pending', 'outbox') GROUP BY 1, 2) d) AS deliveries`,
  );
  return {
    unprocessedEvents: await countUnprocessedEvents(db),
    scoreQueue: row!.score,
    routingQueue: row!.routing,
    deliveries: row!.deliveries ?? [],
    ritualEmailsOutbox: row!.ritual,
  };
}
