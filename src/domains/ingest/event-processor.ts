import type { Ctx } from '../context.js';
import { scoreContacts, scoreQueued, type MqlHook } from '../scoring/score-contacts.js';
import { processPendingEvents } from './process-events.js';

/**
 * Runs the event pipeline in the background: woken right after each ingestion commit (so a
 * contact's record reflects an event within a second) and polling as a fallback for events
 * committed by other app instances.
 */
export class EventProcessor {
  private running = false;
  /** Until start(), wake() does nothing: an app built with processing off stays off. */
  private stopped = true;
  private wakeTimer: NodeJS.Timeout | null = null;
  private current: Promise<void> = Promise.resolve();
  private again = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly pollMs = 1000,
    /** Called for every contact that becomes an MQL (routing attaches here). */
    private readonly mqlHooks: readonly MqlHook[] = [],
    /** Told of a failed pass (the server logs it); the next poll retries, nothing is lost. */
    private readonly onError: (err: unknown) => void = () => {},
    /** Told which contacts a pass touched (alerts for returning contacts attach here). */
    private readonly afterPass: (touched: number[]) => Promise<void> = async () => {},
  ) {}

  /** One pass: process what is pending, then rescore the contacts it touched. */
  private async pass(): Promise<number> {
    const touched = new Set<number>();
    let n = 0;
    for (let k; (k = await processPendingEvents(this.ctx, 500, touched)) > 0; ) {
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

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was committed: process it now (coalesced if a run is in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Resolves when every event committed before the call has been processed. */
  async idle(): Promise<void> {
    for (;;) {
      await this.current;
      const n = await this.pass();
      if (n === 0 && !this.running) return;
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = setTimeout(() => this.run(), ms);
    this.wakeTimer.unref();
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    this.again = false;
    this.current = (async () => {
      try {
        await this.pass();
      } catch (err) {
        // The database may be briefly unavailable; the next poll retries, nothing is lost.
        this.onError(err);
      } finally {
        this.running = false;
        if (!this.stopped) this.schedule(this.again ? 0 : this.pollMs);
      }
    })();
  }
}
