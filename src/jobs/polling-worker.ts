/** One finished pass: how long it took, how much it did, whether it failed. */
export type PassObserver = (pass: { seconds: number; work: number; ok: boolean }) => void;

/**
 * A background job that runs passes: at start, when woken (coalesced while a pass runs), and
 * every `pollMs` as a fallback for work committed by other app instances. A failed pass is
 * reported and retried at the next poll; nothing is lost because the work lives in the database.
 */
export abstract class PollingWorker {
  private running = false;
  /** Until start(), wake() does nothing: an app built with background work off stays off. */
  protected stopped = true;
  private timer: NodeJS.Timeout | null = null;
  private current: Promise<void> = Promise.resolve();
  private again = false;
  private observer: PassObserver | null = null;

  constructor(
    protected readonly pollMs: number,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Told of each background pass's duration and outcome (the app's metrics attach here). */
  observe(observer: PassObserver): void {
    this.observer = observer;
  }

  /** One pass; returns how much it did (0 when there was nothing to do). */
  abstract pass(): Promise<number>;

  /** How long to wait after a pass when nothing woke the worker (default: the poll interval). */
  protected nextDelay(): number {
    return this.pollMs;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Something was committed: run now (coalesced if a pass is in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /** Runs passes until one finds nothing to do (tests, and a clean stop). */
  async idle(): Promise<void> {
    for (;;) {
      await this.current;
      const n = await this.pass();
      if (n === 0 && !this.running) return;
    }
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
      const started = performance.now();
      try {
        const n = await this.pass();
        this.observer?.({ seconds: (performance.now() - started) / 1000, work: n, ok: true });
      } catch (err) {
        this.observer?.({ seconds: (performance.now() - started) / 1000, work: 0, ok: false });
        this.onError(err);
      } finally {
        this.running = false;
        if (!this.stopped) this.schedule(this.again ? 0 : Math.max(0, this.nextDelay()));
      }
    })();
  }
}
