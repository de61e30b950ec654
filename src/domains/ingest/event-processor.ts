import { PollingWorker } from '../../jobs/polling-worker.js';
import type { Ctx } from '../context.js';
import { scoreContacts, scoreQueued, type MqlHook } from '../scoring/score-contacts.js';
import { processPendingEvents } from './process-events.js';

/**
 * Runs the event pipeline in the background: woken right after each ingestion commit (so a
 * contact's record reflects an event within a second) and polling as a fallback for events
 * committed by other app instances.
 */
export class EventProcessor extends PollingWorker {
  constructor(
    private readonly ctx: Ctx,
    pollMs = 1000,
    /** Called for every contact that becomes an MQL (routing attaches here). */
    private readonly mqlHooks: readonly MqlHook[] = [],
    /** Told of a failed pass (the server logs it); the next poll retries, nothing is lost. */
    onError: (err: unknown) => void = () => {},
    /** Told which contacts a pass touched (alerts for returning contacts attach here). */
    private readonly afterPass: (touched: number[]) => Promise<void> = async () => {},
  ) {
    super(pollMs, onError);
  }

  /** One pass: process what is pending, then rescore the contacts it touched. */
  async pass(): Promise<number> {
    const touched = new Set<number>();
    let n = 0;
    // PGlite has one connection: a transaction of 500 events held it for up to a second, and every
    // request (acks included) waited behind it. 100 keep each slice near 100-200 ms.
    const slice = this.ctx.db.kind === 'pglite' ? 100 : 500;
    for (let k; (k = await processPendingEvents(this.ctx, slice, touched)) > 0; ) {
      n += k;
      if (this.stopped) break;
    }
    if (touched.size) {
      await scoreContacts(this.ctx, [...touched], { hooks: this.mqlHooks });
      await this.afterPass([...touched]);
    }
    // Property changes queue their contacts (database triggers); they are rescored here too.
    for (let k; (k = await scoreQueued(this.ctx, { hooks: this.mqlHooks })) > 0; ) n += k;
    return n;
  }
}
