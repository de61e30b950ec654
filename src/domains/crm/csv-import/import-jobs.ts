import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors.js';
import type { Ctx } from '../../context.js';
import { readCsvRecords, type CsvSource } from './csv-records.js';
import type { ImportObject } from './header-aliases.js';
import { importCsv, type ImportOptions, type ImportSummary } from './import-csv.js';

export type ImportJobPhase = 'counting' | 'checking' | 'importing' | 'finished';

export interface ImportJobFailure {
  code: string;
  message: string;
  details: Record<string, unknown>;
}

export interface ImportJob {
  id: string;
  object: ImportObject;
  dry_run: boolean;
  status: 'running' | 'done' | 'failed';
  phase: ImportJobPhase;
  /** Data rows in the file (blank rows not counted); null until counted. */
  rows_total: number | null;
  /** Rows the current phase has got through. */
  rows_done: number;
  summary: ImportSummary | null;
  error: ImportJobFailure | null;
  started_at: Date;
  finished_at: Date | null;
}

/** The uploaded file, spooled: opened as often as the job reads it, removed when it is done. */
export interface SpooledFile {
  open: () => CsvSource;
  remove: () => Promise<void>;
}

/** A finished job is kept this long for the page that polls it, then forgotten. */
const KEEP_MS = 60 * 60 * 1000;

/**
 * Imports run in the background of the web app, polled by the import page. On PGlite the app has
 * one connection, and one import transaction held it until the whole file was written (every
 * request waited); a job writes batch by batch in short transactions instead, so requests are
 * answered in between. All or nothing is kept where it matters: a real import first checks the
 * whole file in a dry pass (batches written and rolled back), and writes nothing when any row has
 * a problem. Only what that pass cannot foresee (another change taking an email meanwhile) can
 * stop a real pass part way; its error then says how many rows were imported.
 *
 * Jobs live in this process's memory: PGlite runs one process; behind several servers, the page's
 * polls must reach the server that took the upload.
 */
export class ImportJobs {
  private readonly jobs = new Map<string, { job: ImportJob; owner: string }>();

  /** onUnexpected sees errors that are not the import's own refusals (the server logs them). */
  constructor(private readonly onUnexpected: (err: unknown) => void = () => {}) {}

  /** Starts the job and answers at once; the job removes the file when it ends. */
  start(ctx: Ctx, owner: string, object: ImportObject, file: SpooledFile, opts: ImportOptions): ImportJob {
    this.forgetOld(ctx.clock.now().getTime());
    const job: ImportJob = {
      id: randomUUID(), object, dry_run: opts.dryRun ?? false, status: 'running', phase: 'counting',
      rows_total: null, rows_done: 0, summary: null, error: null, started_at: ctx.clock.now(), finished_at: null,
    };
    this.jobs.set(job.id, { job, owner });
    void this.run(ctx, job, file, opts).finally(() => file.remove().catch(() => {}));
    return job;
  }

  /** The job as its owner sees it; someone else's, or a forgotten one, is not found. */
  get(id: string, owner: string): ImportJob {
    const entry = this.jobs.get(id);
    if (!entry || entry.owner !== owner) throw new AppError('not_found', 'That import is not known (imports are kept for an hour after they finish).');
    return entry.job;
  }

  /** Resolves once every running job has ended (tests, shutdown). */
  async idle(): Promise<void> {
    while ([...this.jobs.values()].some((e) => e.job.status === 'running')) await new Promise((r) => setTimeout(r, 20));
  }

  private async run(ctx: Ctx, job: ImportJob, file: SpooledFile, opts: ImportOptions): Promise<void> {
    const progress = (p: { rows: number }) => {
      job.rows_done = p.rows;
    };
    // Smaller batches than an import's own on PGlite: each holds the one connection while it is
    // written, so a request waits for one at most. 20,000 contacts (bench/import-responsiveness-bench.ts):
    // 500 rows a batch, p95 1.0 s in 77 s; 100 rows, p95 0.6 s in 111 s. 200 is between.
    opts = { batchSize: ctx.db.kind === 'pglite' ? 200 : undefined, ...opts };
    try {
      job.rows_total = await countRows(file.open());
      job.phase = 'checking';
      const checked = await importCsv(ctx, job.object, file.open, { ...opts, dryRun: true, commit: 'batches', onProgress: progress });
      if (!job.dry_run) {
        job.phase = 'importing';
        job.rows_done = 0;
        job.summary = await importCsv(ctx, job.object, file.open, { ...opts, dryRun: false, commit: 'batches', onProgress: progress });
      } else {
        job.summary = checked;
      }
      job.rows_done = job.summary.rows;
      job.status = 'done';
    } catch (err) {
      if (!(err instanceof AppError)) this.onUnexpected(err);
      job.error = err instanceof AppError ? { code: err.code, message: err.message, details: err.details } : { code: 'internal', message: 'The import failed unexpectedly; nothing more was written. Try again, or import the file with the CLI to see the error.', details: {} };
      job.status = 'failed';
    } finally {
      job.phase = 'finished';
      job.finished_at = ctx.clock.now();
    }
  }

  private forgetOld(now: number) {
    for (const [id, { job }] of this.jobs) if (job.finished_at && now - job.finished_at.getTime() > KEEP_MS) this.jobs.delete(id);
  }
}

/** Data rows of the file, as the import counts them (blank rows skipped); an unreadable file counts 0, and the import says why. */
async function countRows(source: CsvSource): Promise<number> {
  let n = -1;
  try {
    for await (const rec of readCsvRecords(source)) if (n < 0 || rec.cells.some((c) => c.trim() !== '')) n++;
  } catch {
    return Math.max(n, 0);
  }
  return Math.max(n, 0);
}
