import { parse } from 'csv-parse';
import { Readable, pipeline } from 'node:stream';
import { AppError } from '../../../shared/errors.js';

export type CsvSource = AsyncIterable<Buffer | string>;

export interface CsvRecord {
  /** The row number a spreadsheet shows: the header is row 1. */
  row: number;
  cells: string[];
}

/** A cell larger than this is almost always an unclosed quote swallowing the rest of the file. */
const MAX_RECORD_BYTES = 1024 * 1024;

/**
 * The delimiter is whichever of , ; or tab occurs most in the header line (outside quotes):
 * European Excel saves "CSV" with semicolons, and a header with several columns always shows it.
 */
export function detectDelimiter(headerLine: string): ',' | ';' | '\t' {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  for (const ch of headerLine) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
  }
  return counts[';'] > counts[','] && counts[';'] >= counts['\t'] ? ';' : counts['\t'] > counts[','] ? '\t' : ',';
}

/**
 * Streams the records of a CSV file: the header first, then each data row with its spreadsheet
 * row number. Only one parser buffer is held at a time, whatever the file size. A UTF-8 BOM is
 * dropped; blank lines are skipped but still counted, so row numbers match what Excel shows.
 */
export async function* readCsvRecords(source: CsvSource): AsyncGenerator<CsvRecord> {
  const it = source[Symbol.asyncIterator]();
  // Read just enough to see the header line, then hand those bytes and the rest to the parser.
  const head: Buffer[] = [];
  let headText = '';
  while (!headText.includes('\n')) {
    const next = await it.next();
    if (next.done) break;
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head.push(chunk);
    headText += chunk.toString('utf8');
    if (headText.length > MAX_RECORD_BYTES) break;
  }
  const firstLine = headText.replace(/^\uFEFF/, '').split(/\r?\n/)[0] ?? '';
  // Excel's "sep=;" line names the delimiter and is not shown as a row, so it does not count as one.
  const sep = /^"?sep=(.)"?\s*$/i.exec(firstLine)?.[1];
  const delimiter = sep ?? detectDelimiter(firstLine);
  async function* all() {
    try {
      for (const c of head) yield c;
      for (let next = await it.next(); !next.done; next = await it.next()) yield next.value;
    } finally {
      // Stopping early (a refused header) must release the source, e.g. close the file.
      await it.return?.();
    }
  }
  const parser = parse({
    delimiter,
    from_line: sep ? 2 : 1,
    bom: true,
    relax_column_count: true,
    // A stray quote inside a cell (5" screen) is kept as text, as spreadsheets do.
    relax_quotes: true,
    max_record_size: MAX_RECORD_BYTES,
  });
  const records = pipeline(Readable.from(all()), parser, () => {});
  // Rows are counted here rather than read from the parser's info: its per-record info object
  // (two object spreads per row) was a tenth of a contacts import's parsing CPU. Blank lines come
  // through as one empty cell, counted but not yielded, as skip_empty_lines would have done.
  let row = 0;
  try {
    for await (const record of records as AsyncIterable<string[]>) {
      row++;
      if (record.length === 1 && record[0] === '') continue;
      yield { row, cells: record };
    }
  } catch (err) {
    throw csvSyntaxError(err);
  }
}

function csvSyntaxError(err: unknown): unknown {
  const e = err as { code?: string; message?: string; lines?: number };
  if (!e?.code?.startsWith('CSV_')) return err;
  const where = e.lines ? `near line ${e.lines}` : 'in the file';
  const hint = e.code === 'CSV_QUOTE_NOT_CLOSED' || e.code === 'CSV_MAX_RECORD_SIZE' ? ' (a quote " that is opened and never closed?)' : '';
  const problem = `the CSV cannot be read ${where}: ${e.message}${hint}`;
  return new AppError('validation_failed', `The file was not imported: ${problem}`, {
    errors: [{ row: e.lines ?? null, column: '', field: null, problem }],
    total_errors: 1,
  });
}
