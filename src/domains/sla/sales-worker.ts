import { PollingWorker } from '../../jobs/polling-worker.js';
import { deliverDue, type DeliverOptions } from '../alerts/deliver.js';
import type { Ctx } from '../context.js';
import { sweepAeHandoffs } from './ae-handoffs.js';
import { routeQueuedLeads } from './route-leads.js';
import { nextSlaCrossing, sweepSla } from './sla-watch.js';

/**
 * The sales side in the background: routes new MQLs (woken the moment one qualifies), sweeps
 * every SLA clock for at-risk and breached leads and automatic recycles, and sends alert emails
 * and webhooks. Polls every few seconds so a deadline alerts well within a minute; everything it
 * does is idempotent and claimed in the database, so several instances may run it.
 */
export class SalesWorker extends PollingWorker {
  /** The next SLA deadline: the worker wakes then rather than at the next poll. */
  private nextCrossing: Date | null = null;

  constructor(
    private readonly ctx: Ctx,
    private readonly deliver: DeliverOptions,
    pollMs = 5000,
    onError: (err: unknown) => void = () => {},
  ) {
    super(pollMs, onError);
  }

  async pass(): Promise<number> {
    let n = (await routeQueuedLeads(this.ctx)).length;
    const s = await sweepSla(this.ctx);
    n += s.alerts + s.recycled;
    n += await sweepAeHandoffs(this.ctx);
    this.nextCrossing = await nextSlaCrossing(this.ctx);
    // Recycling and routing raise alerts: send them in the same pass.
    for (let k; (k = await deliverDue(this.ctx.db, this.ctx.clock, this.deliver)) > 0; ) {
      n += k;
      if (this.stopped) break;
    }
    return n;
  }

  protected override nextDelay(): number {
    const untilDeadline = this.nextCrossing ? this.nextCrossing.getTime() - this.ctx.clock.now().getTime() + 50 : Infinity;
    return Math.min(this.pollMs, untilDeadline);
  }
}
