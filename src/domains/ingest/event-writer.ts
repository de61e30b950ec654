import type { Db } from '../../db/client.js';
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
import { AppError } from '../../shared/errors.js';
import { truncateJsonDepth } from '../../shared/json-shape.js';
import type { SegmentEvent } from './segment-message.js';

export interface RejectedMessage {
  index: number;
  messageId: string | null;
  reason: string;
  payload: unknown;
}

export interface WriteResult {
  stored: number;
  duplicates: number;
}

interface Job {
  writeKeyId: number;
  events: SegmentEvent[];
  rejected: RejectedMessage[];
  receivedAt: Date;
  resolve: (r: WriteResult) => void;
  reject: (err: unknown) => void;
}

export const eventColumns: readonly BulkColumn[] = [
  ['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['user_id', 'text'], ['anonymous_id', 'text'],
  ['group_id', 'text'], ['previous_id', 'text'], ['timestamp', 'timestamptz'], ['original_timestamp', 'timestamptz'], ['sent_at', 'timestamptz'],
  ['received_at', 'timestamptz'], ['traits', 'jsonb'], ['properties', 'jsonb'], ['context', 'jsonb'],
];
const rejectedColumns: readonly BulkColumn[] = [['write_key_id', 'bigint'], ['message_id', 'text'], ['received_at', 'timestamptz'], ['reason', 'text'], ['payload', 'jsonb']];

/**
 * Group commit: calls that arrive while a transaction is being written wait and go together in
 * the next one. Each caller's promise settles only after the transaction holding its events has
 * committed, so an acknowledged event is never lost, and under load many calls share one commit.
 */
export class EventWriter {
  private queue: Job[] = [];
  /** Events accepted into the queue and not yet committed. */
  private queuedEvents = 0;
  private readonly lanes = new Set<Promise<void>>();
  /** Lanes still looping; decremented in the same tick a lane finds the queue empty. */
  private active = 0;

  constructor(
    private readonly db: Db,
    private readonly maxEventsPerCommit = 5000,
    /** Called after each commit that stored events (wakes the processor). */
    private readonly onCommit: () => void = () => {},
    /**
     * Commits in flight at once. A server overlaps one commit's disk flush with the next one's
     * work; PGlite runs one transaction at a time anyway.
     */
    private readonly maxLanes = db.kind === 'postgres' ? 3 : 1,
    /**
     * Backpressure: past this many events waiting for their commit, new calls are refused with
     * 503 and Retry-After (Segment and RudderStack clients retry those) instead of queueing
     * without bound while the database catches up — clients replaying a backlog after an
     * outage would otherwise fill memory and stall every other request.
     */
    private readonly maxQueuedEvents = 50_000,
  ) {}

  write(writeKeyId: number, events: SegmentEvent[], rejected: RejectedMessage[], receivedAt: Date): Promise<WriteResult> {
    if (this.queuedEvents + events.length > this.maxQueuedEvents && this.queuedEvents > 0) {
      return Promise.reject(new AppError('overloaded', `Revloop is storing ${this.queuedEvents.toLocaleString('en')} events already; send these again in a few seconds.`, { retry_after_seconds: 2 }));
    }
    this.queuedEvents += events.length;
    this.unsettledCalls++;
    return new Promise<WriteResult>((resolve, reject) => {
      this.queue.push({ writeKeyId, events, rejected, receivedAt, resolve, reject });
      if (this.active < this.maxLanes) {
        this.active++;
        const lane: Promise<void> = this.drain().finally(() => this.lanes.delete(lane));
        this.lanes.add(lane);
      }
    }).finally(() => {
      this.queuedEvents -= events.length;
      this.unsettledCalls--;
    });
  }

  /**
   * Resolves when no call waits for a commit, or after `maxMs` at the latest. PGlite has one
   * connection: a pipeline slice holds it for up to a quarter of a second while every tracking
   * client waits for its ack. Background work that awaits this before taking the connection lets
   * the waiting calls commit first, and under a steady stream of calls it is delayed by `maxMs` a
   * slice, never starved.
   */
  async yieldToWrites(maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    while (this.unsettledCalls && performance.now() < until) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((r) => {
        this.commitEnded.push(r);
        // A commit that takes longer than the time left must not hold the caller past it.
        timer = setTimeout(r, Math.max(1, until - performance.now()));
      });
      clearTimeout(timer);
    }
  }

  /** Resolved after each commit (yieldToWrites waits on them). */
  private commitEnded: (() => void)[] = [];
  /** Calls queued or in a commit, not yet answered. */
  private unsettledCalls = 0;

  /** Resolves once everything queued so far is committed (or failed). */
  async idle(): Promise<void> {
    while (this.lanes.size) await Promise.all([...this.lanes]);
  }

  private async drain(): Promise<void> {
    for (;;) {
      // Linger one turn of the event loop before taking a group. The call that started this lane
      // (or the commit that just ended) ran in promise continuations, ahead of the requests that
      // the same I/O poll read or that arrived meanwhile: without the turn, the first of them
      // committed alone and the rest in the next commit. On PGlite, whose statements run in this
      // thread, that made a third of the commits one-event ones (measured: bench/track-single-bench.ts).
      await new Promise<void>((r) => setImmediate(r));
      // Check and step down in one synchronous step: a call arriving after this sees the lane gone
      // and starts another, instead of waiting on a lane that has already stopped looking.
      if (!this.queue.length) {
        this.active--;
        return;
      }
      const jobs: Job[] = [];
      let n = 0;
      while (this.queue.length && (n === 0 || n + this.queue[0]!.events.length <= this.maxEventsPerCommit)) {
        const j = this.queue.shift()!;
        n += j.events.length;
        jobs.push(j);
      }
      await this.commit(jobs);
      // After the callers' own continuations (their settling ran first), so a waiter sees them answered.
      setImmediate(() => {
        for (const r of this.commitEnded.splice(0)) r();
      });
    }
  }

  private async commit(jobs: Job[]): Promise<void> {
    const rows = jobs.flatMap((j) =>
      j.events.map((e) => [j.writeKeyId, e.messageId, e.type, e.event, e.userId, e.anonymousId, e.groupId, e.previousId, e.timestamp,
        e.originalTimestamp, e.sentAt, e.receivedAt, JSON.stringify(e.traits), JSON.stringify(e.properties), JSON.stringify(e.context)]),
    );
    const rejectedRows = jobs.flatMap((j) => j.rejected.map((r) => [j.writeKeyId, storableText(r.messageId), j.receivedAt, storableText(r.reason), storableJson(r.payload)]));
    try {
      const inserted = await insertEventsAndRejections(this.db, rows, rejectedRows);
      if (inserted.length) this.onCommit();
      // Credit each newly stored row to the first call that carried it; the rest were duplicates.
      const fresh = new Set(inserted.map((r) => `${r.write_key_id}\u0000${r.message_id}`));
      for (const j of jobs) {
        let stored = 0;
        for (const e of j.events) {
          const k = `${j.writeKeyId}\u0000${e.messageId}`;
          if (fresh.delete(k)) stored++;
        }
        j.resolve({ stored, duplicates: j.events.length - stored });
      }
    } catch (err) {
      // One bad call must not fail the others that shared its commit: retry them one by one.
      if (jobs.length > 1) for (const j of jobs) await this.commit([j]);
      else jobs[0]!.reject(err);
    }
  }
}

const columnList = (columns: readonly BulkColumn[]) => columns.map(([n]) => n).join(', ');

/**
 * A group's events and its calls' rejections in one statement, committed on its own: one round trip
 * to the server and one protocol call into PGlite, where BEGIN, two INSERTs and COMMIT took four
 * (the rejections ride in a data-modifying WITH, which PostgreSQL runs whether or not the outer
 * INSERT reads it). A single statement is atomic, so the ack after it still follows the commit.
 * A retried messageId is skipped by the events_claim_message_id trigger (migration 0030: the dedup
 * key lives outside the partitioned table); it is simply not returned.
 */
async function insertEventsAndRejections(db: Db, rows: unknown[][], rejectedRows: unknown[][]): Promise<{ write_key_id: number; message_id: string }[]> {
  if (!rows.length && !rejectedRows.length) return [];
  const events = unnestSource(eventColumns, rows);
  const insertEvents = `INSERT INTO events (${columnList(eventColumns)}) ${events.sql} RETURNING write_key_id, message_id`;
  if (!rejectedRows.length) return db.query(insertEvents, events.params);
  const rejected = unnestSource(rejectedColumns, rejectedRows, events.params.length + 1);
  return db.query(`WITH rejected AS (INSERT INTO rejected_events (${columnList(rejectedColumns)}) ${rejected.sql}) ${insertEvents}`, [...events.params, ...rejected.params]);
}

// A rejected payload is kept even when it holds what PostgreSQL cannot store (NUL, lone
// surrogates): those characters become U+FFFD so the record of the refusal is never lost.
const unstorableEscape = /\\u0000|\\ud[89a-f][0-9a-f]{2}/gi;
const unstorableChar = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storableJson(v: unknown): string | null {
  try {
    // A message refused for its depth is kept cut to the depth jsonb handles safely.
    return JSON.stringify(truncateJsonDepth(v))?.replace(unstorableEscape, '\\ufffd') ?? null;
  } catch {
    return null;
  }
}

function storableText(s: string | null): string | null {
  return s === null ? null : s.replace(unstorableChar, '\ufffd');
}
