import { Presets, SingleBar } from 'cli-progress';

export interface ProgressStream extends NodeJS.WritableStream {
  isTTY?: boolean;
}

export interface PhaseTiming {
  phase: string;
  seconds: number;
}

export interface PhaseProgressOptions {
  /** What a phase counts ("rows", "events"), or null to show its percentage alone. */
  unit?: (phase: string) => string | null;
  /** How a phase is named on screen. */
  label?: (phase: string) => string;
  /** A line at least this often while a phase moves slower than 10 % at a time. */
  everyMs?: number;
  now?: () => number;
}

const n = (x: number) => x.toLocaleString('en-US');
const capitalised = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Progress of a long command made of phases: a bar on a terminal; plain lines on a pipe, a log
 * file or CI, where cli-progress prints nothing at all and a silent minute looks like a hang.
 * Plain lines come at each 10 % and every `everyMs` in between, and each phase ends with its
 * time, so a log also says where the time went.
 */
export class PhaseProgress {
  readonly timings: PhaseTiming[] = [];
  private readonly bar: SingleBar | null;
  private readonly now: () => number;
  private readonly unit: (phase: string) => string | null;
  private readonly label: (phase: string) => string;
  private readonly everyMs: number;
  private phase: string | null = null;
  private phaseStart = 0;
  private lastLine = 0;
  private lastStep = -1;
  private lastDone = -1;
  private barOn = false;

  constructor(
    private readonly out: ProgressStream,
    o: PhaseProgressOptions = {},
  ) {
    this.now = o.now ?? (() => performance.now());
    this.unit = o.unit ?? (() => null);
    this.label = o.label ?? ((p) => p);
    this.everyMs = o.everyMs ?? 10_000;
    this.bar = out.isTTY
      ? new SingleBar({ format: '{phase} [{bar}] {percentage}% | {value}/{total}', stream: out, hideCursor: true, clearOnComplete: true, etaBuffer: 50 }, Presets.shades_classic)
      : null;
  }

  update(phase: string, done: number, total: number): void {
    const now = this.now();
    if (phase !== this.phase) {
      this.endPhase(now);
      this.phase = phase;
      this.phaseStart = now;
      this.lastStep = -1;
      this.lastDone = -1;
    }
    if (this.bar) {
      const payload = { phase: this.label(phase).padEnd(30) };
      if (!this.barOn) this.bar.start(Math.max(1, total), done, payload);
      this.barOn = true;
      this.bar.setTotal(Math.max(1, total));
      this.bar.update(done, payload);
      return;
    }
    const name = capitalised(this.label(phase));
    // A one-step phase (hashing, training) has nothing to count: it is named when it starts.
    if (total <= 1) {
      if (this.lastStep < 0) this.line(`${name}…`, now);
      this.lastStep = 0;
      return;
    }
    const step = Math.floor((10 * Math.min(done, total)) / total);
    const due = now - this.lastLine >= this.everyMs && done !== this.lastDone;
    if (step <= this.lastStep && !due) return;
    this.lastStep = Math.max(step, this.lastStep);
    this.lastDone = done;
    const unit = this.unit(phase);
    const percent = Math.floor((100 * Math.min(done, total)) / total);
    this.line(`${name}… ${percent} %${unit === null ? '' : ` (${n(done)} of ${n(total)} ${unit})`}`, now);
  }

  /** Ends the last phase (its time is recorded) and the bar. */
  finish(): void {
    this.endPhase(this.now());
    this.phase = null;
    this.stop();
  }

  /** Takes the bar off the terminal (on failure too), so what follows starts on a clean line. */
  stop(): void {
    if (this.barOn) this.bar!.stop();
    this.barOn = false;
  }

  private endPhase(now: number): void {
    if (this.phase === null) return;
    const seconds = (now - this.phaseStart) / 1000;
    this.timings.push({ phase: this.phase, seconds });
    if (!this.bar) this.line(`${capitalised(this.label(this.phase))}: done in ${seconds.toFixed(1)} s`, now);
  }

  private line(text: string, now: number): void {
    this.out.write(`${text}\n`);
    this.lastLine = now;
  }
}
