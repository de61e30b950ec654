import type { Db } from '../../db/client.js';

/** Per backend: the slice a pass starts with, its bounds, and how long one slice may hold the database. */
const bounds: Record<Db['kind'], { min: number; max: number; targetMs: number }> = {
  // PGlite has one connection: every request (acks included) waits behind a slice, so slices stay
  // near 250 ms; on a quiet machine that is several hundred events, on a busy one about 100.
  pglite: { min: 100, max: 1000, targetMs: 250 },
  // The server answers requests beside a slice; what waits on it is an edit of a contact the slice
  // has locked, and how soon an event shows on its contact. Each slice costs some 20 round trips
  // whatever its size, and on a loaded machine each waits milliseconds for a core: slices of 1,000
  // under half a second spent a third of a drain's time there (pipeline-bench at load 17-23: 2,500
  // to 10,000 under a second drained 1.4x as fast). An edit waits a second at most.
  postgres: { min: 2500, max: 10000, targetMs: 1000 },
};

/**
 * How many events the next slice of a pass takes: as many as fit in the backend's time budget,
 * learned from the slices before it (a full slice that took less grows the next, one that took
 * longer shrinks it, at most twice or half at a time so one slow slice does not swing it).
 */
export class SliceSizer {
  private readonly b: { min: number; max: number; targetMs: number };
  size: number;

  constructor(kind: Db['kind']) {
    this.b = bounds[kind];
    this.size = this.b.min;
  }

  /** A slice of `taken` events (asked for `size`) took `ms`: the size of the next. */
  record(taken: number, ms: number): void {
    // A partial slice drained the backlog: its time says nothing about a full one.
    if (taken < this.size) return;
    const ratio = Math.min(2, Math.max(0.5, this.b.targetMs / Math.max(ms, 1)));
    this.size = Math.min(this.b.max, Math.max(this.b.min, Math.round(this.size * ratio)));
  }

  /** Runs one slice with the current size, timed. */
  async run(slice: (limit: number) => Promise<number>): Promise<number> {
    const t0 = performance.now();
    const taken = await slice(this.size);
    this.record(taken, performance.now() - t0);
    return taken;
  }
}
