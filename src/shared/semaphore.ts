/** At most `limit` calls of run() at once; the others wait their turn, first come first served. */
export class Semaphore {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Semaphore limit must be a positive integer, got ${limit}.`);
  }

  /** Calls waiting for a turn (not counting those running). */
  get waiting(): number {
    return this.queue.length;
  }

  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    else this.active++;
    try {
      return await fn();
    } finally {
      // The turn passes straight to the next waiter, so `active` never dips and lets a newcomer jump the queue.
      const next = this.queue.shift();
      if (next) next();
      else this.active--;
    }
  }
}
