import type { Db } from '../../db/client.js';

// Events are partitioned by the UTC month of their timestamp (migration 0030). This keeps the
// months ahead created, moves months that landed in the default partition into their own, and
// drops whole months past the workspace's retention. Each step is its own short transaction, so
// on PGlite (one connection) requests keep being answered between them.

/**
 * Reports read raw events up to 24 months back by default (attribution: a 365-day window, each
 * conversion looking back 365 days), plus the running month (docs/scaling.md "Events by month and
 * retention"): retention may never drop a month they read.
 */
export const RETENTION_FLOOR_MONTHS = 25;
/** Months created ahead of the running one, so live events never wait on a partition. */
const MONTHS_AHEAD = 2;
/** Message ids released per transaction when a dropped month's rows are forgotten. */
const RELEASE_SLICE = 5_000;
const PARTITION = /^events_y(\d{4})m(\d{2})$/;
const RETIRED = /^events_retired_y(\d{4})m(\d{2})$/;

/** First instant of the UTC month `offset` months after the one holding `at`. */
export function utcMonthStart(at: Date, offset = 0): Date {
  return new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + offset, 1));
}

/** Months before this instant are past retention: the running month and `keepMonths` before it stay. */
export function retentionCutoff(now: Date, keepMonths: number): Date {
  return utcMonthStart(now, -Math.max(keepMonths, RETENTION_FLOOR_MONTHS));
}

export interface EventMonth {
  table: string;
  month: Date;
}

async function tablesLike(db: Db, pattern: RegExp, attached: boolean): Promise<EventMonth[]> {
  const rows = await db.query<{ name: string }>(
    `SELECT c.relname AS name FROM pg_class c
      WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND c.relname LIKE 'events\\_%'
        AND EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid AND i.inhparent = 'events'::regclass) = $1`,
    [attached],
  );
  return rows
    .map((r) => ({ r, m: pattern.exec(r.name) }))
    .filter((x) => x.m)
    .map(({ r, m }) => ({ table: r.name, month: new Date(Date.UTC(Number(m![1]), Number(m![2]) - 1, 1)) }))
    .sort((a, b) => a.month.getTime() - b.month.getTime());
}

/** The monthly partitions of events, oldest first. */
export const eventPartitions = (db: Db) => tablesLike(db, PARTITION, true);

/** The partition holding `at`'s month, created (and filled from the default partition) if missing. */
export async function ensureEventPartition(db: Db, at: Date): Promise<string> {
  const [row] = await db.tx((tx) => tx.query<{ name: string }>('SELECT events_ensure_partition($1) AS name', [at]));
  return row!.name;
}

/**
 * Creates this month's and the next months' partitions, and gives each month found in the default
 * partition its own (imported history, late events), except months already past retention, which
 * would only be dropped again. Returns the partitions it created.
 */
export async function maintainEventPartitions(db: Db, now: Date, keepMonths: number | null): Promise<string[]> {
  const have = new Set((await eventPartitions(db)).map((p) => p.table));
  const floor = keepMonths === null ? null : retentionCutoff(now, keepMonths);
  const ahead = utcMonthStart(now, MONTHS_AHEAD + 1);
  const stray = await db.query<{ month: Date }>(
    `SELECT DISTINCT date_trunc('month', timestamp AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS month FROM events_default
      WHERE timestamp < $1 AND ($2::timestamptz IS NULL OR timestamp >= $2)`,
    [ahead, floor],
  );
  const months = [...Array.from({ length: MONTHS_AHEAD + 1 }, (_, k) => utcMonthStart(now, k)), ...stray.map((r) => r.month)];
  const created: string[] = [];
  for (const m of months) {
    const name = `events_y${m.getUTCFullYear()}m${String(m.getUTCMonth() + 1).padStart(2, '0')}`;
    if (have.has(name)) continue;
    await ensureEventPartition(db, m);
    have.add(name);
    created.push(name);
  }
  return created.sort();
}

/**
 * Drops the monthly partitions older than the retention (never younger than
 * RETENTION_FLOOR_MONTHS): each is detached and renamed in one short transaction, its message ids
 * are released in slices (a retry of a forgotten message may be stored again, as a new event), then
 * the table is dropped. A run cut short leaves an `events_retired_*` table, finished by the next run.
 * Dropping rows of a partition fires no trigger on events: the rollups (contact_actions) keep their
 * counts. Returns the months dropped.
 */
export async function applyEventRetention(db: Db, now: Date, keepMonths: number | null): Promise<string[]> {
  if (keepMonths !== null) {
    const cutoff = retentionCutoff(now, keepMonths);
    for (const p of await eventPartitions(db)) {
      if (utcMonthStart(p.month, 1) > cutoff) break;
      const retired = p.table.replace('events_y', 'events_retired_y');
      await db.tx(async (tx) => {
        await tx.exec(`ALTER TABLE events DETACH PARTITION ${p.table}; ALTER TABLE ${p.table} RENAME TO ${retired}`);
      });
    }
  }
  const dropped: string[] = [];
  for (const r of await tablesLike(db, RETIRED, false)) {
    for (;;) {
      const [{ n }] = (await db.tx((tx) =>
        tx.query<{ n: number }>(
          `WITH gone AS (DELETE FROM ${r.table} WHERE ctid = ANY(ARRAY(SELECT ctid FROM ${r.table} LIMIT ${RELEASE_SLICE})) RETURNING write_key_id, message_id),
                released AS (DELETE FROM event_message_ids m USING gone g WHERE m.write_key_id = g.write_key_id AND m.message_id = g.message_id)
           SELECT count(*)::int AS n FROM gone`,
        ),
      )) as [{ n: number }];
      if (n < RELEASE_SLICE) break;
    }
    await db.exec(`DROP TABLE ${r.table}`);
    dropped.push(r.table.replace('events_retired_', 'events_'));
  }
  return dropped;
}
