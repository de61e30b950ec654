import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { createReadStream, statSync } from 'node:fs';
import type { Db } from '../db/client.js';
import type { Ctx } from '../domains/context.js';
import { importObjects, type ImportObject } from '../domains/crm/csv-import/header-aliases.js';
import { importCsv, type ImportSummary, type MappingEntry } from '../domains/crm/csv-import/import-csv.js';
import type { ImportProblem } from '../domains/crm/csv-import/import-problems.js';
import { dateOrders, type DateOrder } from '../domains/crm/csv-import/value-parsers.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { runEventImport } from './import-events-command.js';
import { ProblemReport, problemTable } from './problem-report.js';
import { dataOption, withDb } from './with-db.js';

export function registerImport(program: Command): void {
  dataOption(
    program
      .command('import')
      .description('import a CSV file, all or nothing (HubSpot and Salesforce export headers are recognised)')
      .argument('<object>', `${importObjects.join(', ')}, events`)
      .argument('<file>', 'CSV file, UTF-8, comma or semicolon separated, header in the first row')
      .option('--map <column=field...>', 'what a column is: "Col=field", "Col=properties.<name>", or "Col=-" to skip it')
      .option('--date-format <order>', 'how dates like 03/01/2026 are written: mdy or dmy (default: only unambiguous ones are accepted)', 'auto')
      .option('--consent-again', 'people whose data was erased are in the file because they consented again: admit their emails')
      .option('--no-wait', 'events: store them and leave the processing to the server')
      .option('--external-source <system>', 'the system the file\'s ids come from: hubspot, salesforce or any name (default: read from the id headers, else "import")')
      .option('--create-properties', 'define every column Revloop does not recognise as a custom property, typed from its values, and import it')
      .option('--ignore-unknown', 'skip every column Revloop does not recognise (instead of one --map "Col=-" each)')
      .option('--set <field=value...>', 'a value for every row that has none for the field, e.g. --set "stage=Closed Won" for a file of won deals without a stage column')
      .option('--map-values <column:from=to...>', 'translate values before they are read: "Lead Status:Qualified=qualified,Junk=unqualified" (repeatable)')
      .option('--dry-run', 'check the whole file and say what it would do (and which properties it would define); write nothing'),
  ).action(async (object: string, file: string, o: ImportFlags & { dateFormat: string; data?: string; wait: boolean }) => {
    if (!(dateOrders as readonly string[]).includes(o.dateFormat)) throw new AppError('validation_failed', `--date-format must be mdy or dmy (got "${o.dateFormat}").`);
    if (object === 'events') {
      await withDb(o, async (db) => {
        process.exitCode = await runEventImport({ db, clock: systemClock }, file, { map: o.map, dateOrder: o.dateFormat as DateOrder, externalSource: o.externalSource, wait: o.wait });
      });
      return;
    }
    if (!(importObjects as readonly string[]).includes(object)) throw new AppError('validation_failed', `Cannot import "${object}": use one of ${importObjects.join(', ')}, events.`);
    await withDb(o, async (db) => {
      const { dateFormat, data: _, wait: __, ...flags } = o;
      process.exitCode = await runImport({ db, clock: systemClock }, object as ImportObject, file, { ...flags, dateOrder: dateFormat as DateOrder });
    });
  });
}

/** The import's command-line options, as commander names them. */
export interface ImportFlags {
  map?: string[];
  consentAgain?: boolean;
  externalSource?: string;
  createProperties?: boolean;
  ignoreUnknown?: boolean;
  mapValues?: string[];
  set?: string[];
  dryRun?: boolean;
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
  opts: ImportFlags & { dateOrder?: DateOrder },
  io: ImportIo = { out: process.stdout, err: process.stderr },
): Promise<number> {
  const size = importFileSize(file);
  // --create-properties reads the file twice (types first, then rows): each read opens it again.
  let input = createReadStream(file);
  let opened = false;
  const open = () => {
    if (opened) {
      input.destroy();
      input = createReadStream(file);
    }
    opened = true;
    return input;
  };
  const ctx: Ctx = { db: deps.db, clock: deps.clock, actor: { type: 'import', name: file } };
  const report = new ProblemReport(`${file}.errors.csv`);
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
    const summary = await importCsv(ctx, object, open, {
      ...opts,
      onMapping: (mapping) => {
        io.err.write(describeMapping(file, mapping));
        bar.start(size, 0, { rows: 0, rate: 0 });
        barOn = true;
      },
      onProgress: (p) => {
        rows = p.rows;
      },
      onProblem: (p) => {
        report.add(p);
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
    const written = await report.close();
    io.err.write(describeRejection(file, problems, err as AppError, written ? report.file : null));
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

/** The size of the file to import (the progress bar's total); a 404 naming it when it cannot be read. */
export function importFileSize(file: string): number {
  try {
    return statSync(file).size;
  } catch (err) {
    throw new AppError('not_found', `Cannot read ${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'there is no such file' : (err as Error).message}.`);
  }
}

export function describeMapping(file: string, mapping: MappingEntry[]): string {
  const width = Math.min(40, Math.max(...mapping.map((m) => m.column.length + 2)));
  const lines = mapping.map((m) => {
    const given = m.column.startsWith('--set ');
    const tags = [m.source === 'map' && !given ? '--map' : m.source === 'property' ? 'custom property' : '', m.note ?? ''].filter(Boolean).join(': ');
    const target = m.field ? `${m.field}${tags ? ` (${tags})` : ''}` : m.note === 'unknown' ? '?? not recognised' : `skipped: ${m.note}`;
    return `  ${`"${m.column}"`.padEnd(width)} → ${target}`;
  });
  return `Columns of ${file}:\n${lines.join('\n')}\n`;
}

function describeSummary(file: string, s: ImportSummary, seconds: number): string {
  const parts = [`${s.created} created`, `${s.updated} updated`];
  if (s.unchanged) parts.push(`${s.unchanged} unchanged`);
  const verb = s.dry_run ? 'Dry run, nothing was written: would import' : 'Imported';
  const lines = [`${verb} ${s.rows} ${s.object} rows from ${file}: ${parts.join(', ')} in ${seconds.toFixed(1)} s (${Math.round(s.rows / Math.max(seconds, 0.001))} rows/s).`];
  if (s.external_source) lines.push(`Ids were read as ${s.external_source} ids.`);
  if (s.properties_created.length) {
    const n = s.properties_created.length;
    lines.push(`${s.dry_run ? 'Would define' : 'Defined'} ${n} custom ${s.properties_created[0]!.object_type} propert${n === 1 ? 'y' : 'ies'}:`);
    for (const p of s.properties_created) lines.push(`  ${p.name} "${p.label}": ${p.type}${p.type === 'enum' ? ` (${p.options.join(', ')})` : ''}`);
  }
  lines.push(...s.notes);
  if (s.kept_stage) lines.push(`${s.kept_stage} existing record(s) were further along the funnel than the file says; their stage was kept (imports never move the funnel back).`);
  return lines.join('\n') + '\n';
}

function describeRejection(file: string, problems: ImportProblem[], err: AppError, reportFile: string | null): string {
  const total = (err.details.total_errors as number | undefined) ?? problems.length;
  const where = reportFile ? `\nEvery problem is listed in ${reportFile}.` : '';
  const unknown = problems.some((p) => p.row === 1 && p.problem.startsWith('is not a column Revloop recognises'));
  const hint = unknown ? '\nColumns Revloop does not know: --create-properties keeps them all as custom properties, --ignore-unknown skips them all.' : '';
  return `\n${file} was not imported; nothing was written. ${problemTable(problems, total)}${where}${hint}\nFix the file (or say what a column is with --map "Column=field") and run the import again.\n`;
}
