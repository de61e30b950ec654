import { deliverDue, type DeliverOptions } from '../alerts/deliver.js';
import type { Ctx } from '../context.js';
import { routeQueuedLeads } from './route-leads.js';
import { nextSlaCrossing, sweepSla } from './sla-watch.js';

/**
 * The sales side in the background: routes new MQLs (woken the moment one qualifies), sweeps
 * every SLA clock for at-risk and breached leads and automatic recycles, and sends alert emails
 * and webhooks. Polls every few seconds so a deadline alerts well within a minute; everything it
 * does is idempotent and claimed in the database, so several instances may run it.
 */
export class SalesWorker {
  private stopped = true;
  private running = false;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> = Promise.resolve();
  /** The next SLA deadline: the worker wakes then rather than at the next poll. */
  private nextCrossing: Date | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly deliver: DeliverOptions,
    private readonly pollMs = 5000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** One pass; returns how much it did (0 when idle). */
  async pass(): Promise<number> {
    let n = (await routeQueuedLeads(this.ctx)).length;
    const s = await sweepSla(this.ctx);
    n += s.alerts + s.recycled;
    this.nextCrossing = await nextSlaCrossing(this.ctx);
    // Recycling and routing raise alerts: send them in the same pass.
    for (let k; (k = await deliverDue(this.ctx.db, this.ctx.clock, this.deliver)) > 0; ) {
      n += k;
      if (this.stopped) break;
    }
    return n;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Runs passes until one finds nothing to do (tests, and a clean stop). */
  async idle(): Promise<void> {
    await this.current;
    while ((await this.pass()) > 0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.current;
  }

  private schedule(ms: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.run(), ms);
    this.timer.unref();
  }

  private run(): void {
    if (this.running) return;
    this.running = true;
    this.again = false;
    this.current = (async () => {
      try {
        await this.pass();
      } catch (err) {
        this.onError(err);
      } finally {
        this.running = false;
        if (!this.stopped) {
          const untilDeadline = this.nextCrossing ? this.nextCrossing.getTime() - this.ctx.clock.now().getTime() + 50 : Infinity;
          this.schedule(this.again ? 0 : Math.max(0, Math.min(this.pollMs, untilDeadline)));
        }
      }
    })();
  }
}
