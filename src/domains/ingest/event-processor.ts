import { PollingWorker } from '../../jobs/polling-worker.js';
import type { Ctx } from '../context.js';
import { scoreDequeuing, scoreQueued, type MqlHook } from '../scoring/score-contacts.js';
import { pipelineBusy } from './pipeline-lock.js';
import { processPendingEvents } from './process-events.js';
import { SliceSizer } from './slice-sizer.js';

/**
 * Runs the event pipeline in the background: woken right after each ingestion commit (so a
 * contact's record reflects an event within a second) and polling as a fallback for events
 * committed by other app instances.
 */
export class EventProcessor extends PollingWorker {
  /** Events this instance's passes processed (the throughput metric reads it); with several instances, the sums add up to every event once. */
  eventsProcessed = 0;

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

  /** Awaited before each slice of a pass (build-app.ts: on PGlite, tracking calls waiting for their commit go first). */
  private beforeSlice: (() => Promise<void>) | undefined;

  /** Sets what each slice of a pass waits for before it takes the connection. */
  yieldBeforeSlices(wait: () => Promise<void>): void {
    this.beforeSlice = wait;
  }

  /** Set while idle() runs: it waits its turn for the pipeline instead of leaving the work to another instance. */
  private patient = 0;
  /** The last pass found another instance processing: look again soon, in case it finished just before our events came. */
  private busy = false;

  /** One pass: process what is pending, then rescore the contacts it touched. */
  async pass(): Promise<number> {
    // Another instance is draining: it takes our events too, and one instance keeping a visitor's
    // events together scores each contact once; waiting in line for the lock, two instances took
    // slices in turn, and both rescored the people whose events they shared.
    this.busy = !this.patient && (await pipelineBusy(this.ctx.db));
    if (this.busy) return 0;
    // New MQLs are handed to the hooks (routing) only after the returning-contact alerts: routing
    // running alongside them made whether an owner heard "asked to talk to sales" a race.
    const reached: Parameters<MqlHook>[] = [];
    const hold: MqlHook[] = [async (ctx, mql) => { reached.push([ctx, mql]); }];
    // Counted slice by slice: a pass that fails later still did the work of its committed slices.
    let counted = 0;
    const onProcessed = (total: number) => {
      this.eventsProcessed += total - counted;
      counted = total;
    };
    // Handed over mid-drain: look again soon too, in case what holds the lock is an erase, not a drain.
    const othersBusy = this.patient ? undefined : async () => (this.busy = await pipelineBusy(this.ctx.db));
    let n = await drainEvents(this.ctx, { hooks: hold, afterPass: this.afterPass, stopped: () => this.stopped, onProcessed, othersBusy, beforeSlice: this.beforeSlice });
    for (const args of reached) for (const hook of this.mqlHooks) await hook(...args);
    // Property changes queue their contacts (database triggers); they are rescored here too.
    for (let k; (k = await scoreQueued(this.ctx, { hooks: this.mqlHooks })) > 0; ) n += k;
    return n;
  }

  override async idle(): Promise<void> {
    this.patient++;
    try {
      await super.idle();
    } finally {
      this.patient--;
    }
  }

  protected override nextDelay(): number {
    return this.busy ? Math.min(this.pollMs, 250) : this.pollMs;
  }
}

export interface DrainOptions {
  hooks?: readonly MqlHook[];
  afterPass?: (touched: number[]) => Promise<void>;
  /** Events processed so far, after each slice. */
  onProcessed?: (n: number) => void;
  /** Contacts rescored so far, of how many. */
  onScored?: (done: number, total: number) => void;
  stopped?: () => boolean;
  /** Asked after each slice: true when another instance took the pipeline meanwhile, and this one hands the rest to it. */
  othersBusy?: () => Promise<boolean>;
  /** Awaited before each slice (the background processor yields to tracking calls here on PGlite). */
  beforeSlice?: () => Promise<void>;
}

/**
 * Processes every pending event, slice by slice (each slice its own transaction), then rescores
 * the contacts they touched: those only imported history touched (revloop import events) score
 * as history, so an MQL they reached long ago is recorded then and not routed today. The
 * background processor and an import that waits for its events run the same code.
 */
export async function drainEvents(ctx: Ctx, opts: DrainOptions = {}): Promise<number> {
  const touched = new Set<number>();
  const history = new Set<number>();
  let n = 0;
  // Slices as large as the backend's time budget allows (SliceSizer): PGlite's one connection
  // keeps answering requests between them.
  const slices = new SliceSizer(ctx.db.kind);
  for (let k; (await opts.beforeSlice?.(), k = await slices.run((limit) => processPendingEvents(ctx, limit, touched, history))) > 0; ) {
    n += k;
    opts.onProcessed?.(n);
    if (opts.stopped?.() || (await opts.othersBusy?.())) break;
  }
  for (const id of touched) history.delete(id);
  const all = [...touched, ...history];
  if (all.length) {
    const step = 2000;
    for (let i = 0; i < all.length; i += step) {
      // One evaluation per step (a chunk of 500 cost the same fixed statements four times).
      await scoreDequeuing(ctx, all.slice(i, i + step), { hooks: opts.hooks, history, chunkSize: step });
      opts.onScored?.(Math.min(i + step, all.length), all.length);
    }
    await opts.afterPass?.(all);
  }
  return n;
}
