import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { createReadStream, createWriteStream, statSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import type { Db } from '../db/client.js';
import type { Ctx } from '../domains/context.js';
import { escapeFormula } from '../domains/crm/csv-export/formula-escape.js';
import { importObjects, type ImportObject } from '../domains/crm/csv-import/header-aliases.js';
import { importCsv, type ImportSummary, type MappingEntry } from '../domains/crm/csv-import/import-csv.js';
import type { ImportProblem } from '../domains/crm/csv-import/import-problems.js';
import { dateOrders, type DateOrder } from '../domains/crm/csv-import/value-parsers.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { dataOption, withDb } from './with-db.js';

/** Problems printed on the terminal; all of them go to the report file. */
const SHOWN = 20;

export function registerImport(program: Command): void {
  dataOption(
    program
      .command('import')
      .description('import a CSV file, all or nothing (HubSpot and Salesforce export headers are recognised)')
      .argument('<object>', importObjects.join(', '))
      .argument('<file>', 'CSV file, UTF-8, comma or semicolon separated, header in the first row')
      .option('--map <column=field...>', 'what a column is: "Col=field", "Col=properties.<name>", or "Col=-" to skip it')
      .option('--date-format <order>', 'how dates like 03/01/2026 are written: mdy or dmy (default: only unambiguous ones are accepted)', 'auto')
      .option('--consent-again', 'people whose data was erased are in the file because they consented again: admit their emails'),
  ).action(async (object: string, file: string, o: { map?: string[]; dateFormat: string; consentAgain?: boolean; data?: string }) => {
    if (!(importObjects as readonly string[]).includes(object)) throw new AppError('validation_failed', `Cannot import "${object}": use one of ${importObjects.join(', ')}.`);
    if (!(dateOrders as readonly string[]).includes(o.dateFormat)) throw new AppError('validation_failed', `--date-format must be mdy or dmy (got "${o.dateFormat}").`);
    await withDb(o, async (db) => {
      process.exitCode = await runImport({ db, clock: systemClock }, object as ImportObject, file, { map: o.map, dateOrder: o.dateFormat as DateOrder, consentAgain: o.consentAgain });
    });
  });
}

export interface ImportIo {
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream & { isTTY?: boolean };
}

/**
 * The import as the CLI runs it: progress from the bytes read (no line count first), the
 * detected mapping, the summary; on rejection a table of the first problems and every problem
 * in FILE.errors.csv. Returns the exit code (1 when the file was rejected).
 */
export async function runImport(
  deps: { db: Db; clock: Clock },
  object: ImportObject,
  file: string,
  opts: { map?: string[]; dateOrder?: DateOrder; consentAgain?: boolean },
  io: ImportIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  let size: number;
  try {
    size = statSync(file).size;
  } catch (err) {
    throw new AppError('not_found', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message}.`);
  }
  const input = createReadStream(file);
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: { type: 'import', name: file } };
  const reportFile = `${file}.errors.csv`;
  let report: WriteStream | null = null;
  const bar = new SingleBar(
    { stream: io.err, format: `${object} |{bar}| {percentage}% | {rows} rows | {rate} rows/s | ETA {eta_formatted}`, hideCursor: true, etaBuffer: 50 },
    Presets.shades_classic,
  );
  const started = performance.now();
  let rows = 0;
  let barOn = false;
  const tick = () => {
    const seconds = (performance.now() - started) / 1000;
    bar.update(input.bytesRead, { rows, rate: seconds > 0 ? Math.round(rows / seconds) : 0 });
  };
  const timer = setInterval(() => barOn && tick(), 250);
  try {
    const summary = await importCsv(ctx, object, input, {
      map: opts.map,
      dateOrder: opts.dateOrder,
      consentAgain: opts.consentAgain,
      onMapping: (mapping) => {
        io.err.write(describeMapping(file, mapping));
        bar.start(size, 0, { rows: 0, rate: 0 });
        barOn = true;
      },
      onProgress: (p) => {
        rows = p.rows;
      },
      onProblem: (p) => {
        if (!report) {
          report = createWriteStream(reportFile);
          report.write(stringify([['row', 'column', 'field', 'problem']]));
        }
        report.write(stringify([[p.row ?? '', p.column, p.field ?? '', p.problem].map((c) => escapeFormula(String(c)))]));
      },
    });
    tick();
    stop();
    io.out.write(describeSummary(file, summary, (performance.now() - started) / 1000));
    return 0;
  } catch (err) {
    stop();
    const problems = err instanceof AppError && err.code === 'validation_failed' ? (err.details.errors as ImportProblem[] | undefined) : undefined;
    if (!problems) throw err;
    if (report) {
      (report as WriteStream).end();
      await once(report, 'finish');
    }
    io.err.write(describeRejection(file, problems, err as AppError, report ? reportFile : null));
    return 1;
  } finally {
    clearInterval(timer);
    input.destroy();
  }

  function stop() {
    if (barOn) bar.stop();
    barOn = false;
  }
}

export function describeMapping(file: string, mapping: MappingEntry[]): string {
  const width = Math.min(40, Math.max(...mapping.map((m) => m.column.length + 2)));
  const lines = mapping.map((m) => {
    const target = m.field ? `${m.field}${m.source === 'map' ? ' (--map)' : m.source === 'property' ? ' (custom property)' : ''}` : m.note === 'unknown' ? '?? not recognised' : `skipped: ${m.note}`;
    return `  ${`"${m.column}"`.padEnd(width)} → ${target}`;
  });
  return `Columns of ${file}:\n${lines.join('\n')}\n`;
}

function describeSummary(file: string, s: ImportSummary, seconds: number): string {
  const parts = [`${s.created} created`, `${s.updated} updated`];
  if (s.unchanged) parts.push(`${s.unchanged} unchanged`);
  const lines = [`Imported ${s.rows} ${s.object} rows from ${file}: ${parts.join(', ')} in ${seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(seconds, 0.001))} rows/s).`];
  if (s.kept_stage) lines.push(`${s.kept_stage} existing record(s) were further along the funnel than the file says; their stage was kept (imports never move the funnel back).`);
  return lines.join('\n') + '\n';
}

function describeRejection(file: string, problems: ImportProblem[], err: AppError, reportFile: string | null): string {
  const total = (err.details.total_errors as number | undefined) ?? problems.length;
  const shown = problems.slice(0, SHOWN);
  const rows = [['row', 'column', 'field', 'problem'], ...shown.map((p) => [p.row === null ? '' : String(p.row), p.column, p.field ?? '', p.problem])];
  const widths = [0, 1, 2].map((i) => Math.min(32, Math.max(...rows.map((r) => r[i]!.length))));
  const table = rows.map((r) => '  ' + r.map((c, i) => (i < 3 ? c.slice(0, widths[i]).padEnd(widths[i]!) : c)).join('  ')).join('\n');
  const more = total > shown.length ? `\n  ... and ${total - shown.length} more.` : '';
  const where = reportFile ? `\nEvery problem is listed in ${reportFile}.` : '';
  return `\n${file} was not imported; nothing was written. ${total} problem${total === 1 ? '' : 's'}:\n${table}${more}${where}\nFix the file (or say what a column is with --map "Column=field") and run the import again.\n`;
}
