import type { Command } from 'commander';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { Db } from '../db/client.js';
import { exportCsv, exportJsonLines } from '../domains/crm/csv-export/export-records.js';
import type { ExportObject } from '../domains/crm/csv-export/export-specs.js';
import { importObjects } from '../domains/crm/csv-import/header-aliases.js';
import { AppError } from '../shared/errors.js';
import { dataOption, withDb } from './with-db.js';

export function registerExport(program: Command): void {
  dataOption(
    program
      .command('export')
      .description('export every record of an object as CSV (formula-safe) or JSON Lines')
      .argument('<object>', importObjects.join(', '))
      .option('--format <format>', 'csv or json (JSON Lines: one object per line)', 'csv')
      .option('--out <file>', 'write to this file instead of standard output'),
  ).action(async (object: string, o: { format: string; out?: string; data?: string }) => {
    if (!(importObjects as readonly string[]).includes(object)) throw new AppError('validation_failed', `Cannot export "${object}": use one of ${importObjects.join(', ')}.`);
    if (o.format !== 'csv' && o.format !== 'json') throw new AppError('validation_failed', `--format must be csv or json (got "${o.format}").`);
    await withDb(o, (db) => runExport(db, object as ExportObject, o.format as 'csv' | 'json', o.out));
  });
}

/** Streams the export page by page into a file or stdout, waiting for the writer to drain. */
export async function runExport(db: Db, object: ExportObject, format: 'csv' | 'json', out?: string, stdout: NodeJS.WritableStream = process.stdout): Promise<void> {
  const dest: NodeJS.WritableStream = out ? createWriteStream(out) : stdout;
  // `revloop export contacts | head` closes the pipe early: that ends the export, it is not a failure.
  let closed: NodeJS.ErrnoException | null = null;
  const onError = (err: NodeJS.ErrnoException) => (closed = err);
  dest.on('error', onError);
  let bytes = 0;
  try {
    for await (const chunk of format === 'csv' ? exportCsv(db, object) : exportJsonLines(db, object)) {
      if (closed) break;
      bytes += Buffer.byteLength(chunk);
      if (!dest.write(chunk)) await drained(dest);
    }
  } finally {
    dest.off('error', onError);
  }
  if (closed && ((closed as NodeJS.ErrnoException).code !== 'EPIPE' || out)) throw closed;
  if (out) {
    dest.end();
    await once(dest, 'finish');
    process.stderr.write(`Exported ${object} to ${out} (${(bytes / 1024).toFixed(0)} KB).\n`);
  }
}

/** Resolves when the writer can take more, or has closed or failed (the error listener above records why). */
function drained(dest: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      for (const e of ['drain', 'close', 'error']) dest.off(e, done);
      resolve();
    };
    for (const e of ['drain', 'close', 'error']) dest.on(e, done);
  });
}
