import { Presets, SingleBar } from 'cli-progress';
import { createReadStream } from 'node:fs';
import type { Db } from '../db/client.js';
import type { Ctx } from '../domains/context.js';
import type { ImportProblem } from '../domains/crm/csv-import/import-problems.js';
import type { DateOrder } from '../domains/crm/csv-import/value-parsers.js';
import { drainEvents } from '../domains/ingest/event-processor.js';
import { importEvents, type EventImportSummary } from '../domains/ingest/import-events.js';
import { alertReturningContacts } from '../domains/sla/sla-watch.js';
import type { Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { describeMapping, importFileSize, type ImportIo } from './import-command.js';
import { ProblemReport, problemTable } from './problem-report.js';

/**
 * `revloop import events FILE`: the rows are stored (a progress bar by bytes read), then, unless
 * --no-wait, processed by the event pipeline right here (a second bar, then the rescoring), the
 * same work the server's background processor does. Rows with a problem are refused one by one
 * and listed (the first 20 on screen, all in FILE.errors.csv); the exit code is then 1.
 */
export async function runEventImport(
  deps: { db: Db; clock: Clock },
  file: string,
  opts: { map?: string[]; dateOrder?: DateOrder; externalSource?: string; wait?: boolean },
  io: ImportIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const size = importFileSize(file);
  const input = createReadStream(file);
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: { type: 'import', name: file } };
  const report = new ProblemReport(`${file}.errors.csv`);
  const bar = new SingleBar(
    { stream: io.err, format: `{phase} |{bar}| {percentage}% | {rows} rows | {rate}/s | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
    Presets.shades_classic,
  );
  let barOn = false;
  let rows = 0;
  let started = performance.now();
  const rate = () => Math.round(rows / Math.max((performance.now() - started) / 1000, 0.001));
  const timer = setInterval(() => barOn && bar.update(input.bytesRead, { rows, rate: rate() }), 250);
  const stopBar = () => {
    if (barOn) bar.stop();
    barOn = false;
  };
  let summary: EventImportSummary;
  try {
    summary = await importEvents(ctx, input, {
      map: opts.map,
      dateOrder: opts.dateOrder,
      externalSource: opts.externalSource,
      onMapping: (mapping) => {
        io.err.write(describeMapping(file, mapping));
        bar.start(size, 0, { phase: 'stored   ', rows: 0, rate: 0 });
        barOn = true;
      },
      onProgress: (p) => {
        rows = p.rows;
      },
      onProblem: (p) => {
        report.add(p);
      },
    });
    if (barOn) bar.update(size, { rows, rate: rate() });
    stopBar();
  } catch (err) {
    stopBar();
    clearInterval(timer);
    const problems = err instanceof AppError && err.code === 'validation_failed' ? (err.details.errors as ImportProblem[] | undefined) : undefined;
    if (!problems) throw err;
    await report.close();
    io.err.write(`\n${file} was not imported; nothing was stored.\n${problemTable(problems, ((err as AppError).details.total_errors as number | undefined) ?? problems.length)}\n` +
      `Fix the header (or say what a column is with --map "Column=field") and run the import again.\n`);
    return 1;
  } finally {
    input.destroy();
  }
  clearInterval(timer);
  const storeSeconds = (performance.now() - started) / 1000;
  io.out.write(`Stored ${summary.stored} events from ${file} (${summary.rows} rows${summary.duplicates ? `, ${summary.duplicates} stored before` : ''}` +
    `${summary.failed ? `, ${summary.failed} refused` : ''}) in ${storeSeconds.toFixed(1)} s (${Math.round(summary.rows / Math.max(storeSeconds, 0.001))} rows/s).\n`);

  if (opts.wait !== false) {
    const [{ n: pending }] = await deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events WHERE processed_at IS NULL');
    started = performance.now();
    rows = 0;
    if (pending) {
      bar.start(pending, 0, { phase: 'processed', rows: 0, rate: 0 });
      barOn = true;
    }
    const processed = await drainEvents(ctx, {
      afterPass: async (touched) => {
        await alertReturningContacts({ ...ctx, actor: { type: 'rule', id: 'alerts' } }, touched);
      },
      onProcessed: (n) => {
        rows = n;
        if (barOn) bar.update(Math.min(n, pending), { rows: n, rate: rate() });
      },
      onScored: (done, total) => {
        if (barOn) stopBar();
        if (done === total) io.err.write(`scored ${total} contacts\n`);
      },
    });
    stopBar();
    const seconds = (performance.now() - started) / 1000;
    io.out.write(`Processed ${processed} events in ${seconds.toFixed(1)} s (${Math.round(processed / Math.max(seconds, 0.001))} events/s): contacts, visits, channels, assets, campaigns and scores are up to date.\n`);
  } else {
    io.out.write('The server processes them in the background (contacts, visits, channels, scores).\n');
  }
  if (summary.total_errors) {
    await report.close();
    io.err.write(`\n${summary.failed} row${summary.failed === 1 ? ' was' : 's were'} refused and not stored.\n${problemTable(summary.errors, summary.total_errors)}\n` +
      `Every problem is listed in ${report.file}. Fix those rows and import the file again: rows stored already are not stored twice.\n`);
    return 1;
  }
  return 0;
}
