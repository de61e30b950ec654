import { stringify } from 'csv-stringify/sync';
import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { escapeFormula } from '../domains/crm/csv-export/formula-escape.js';
import type { ImportProblem } from '../domains/crm/csv-import/import-problems.js';

/** Problems printed on the terminal; all of them go to the report file. */
const SHOWN = 20;

/**
 * FILE.errors.csv beside an imported file: every problem of the import, one per line, written as
 * they are found (a file with a million bad rows does not fill memory). Created at the first one.
 */
export class ProblemReport {
  private stream: WriteStream | null = null;
  constructor(readonly file: string) {}

  add(p: ImportProblem): void {
    if (!this.stream) {
      this.stream = createWriteStream(this.file);
      this.stream.write(stringify([['row', 'column', 'field', 'problem']]));
    }
    this.stream.write(stringify([[p.row ?? '', p.column, p.field ?? '', p.problem].map((c) => escapeFormula(String(c)))]));
  }

  /** Flushes and closes it; true when it was written (there was a problem). */
  async close(): Promise<boolean> {
    if (!this.stream) return false;
    this.stream.end();
    await once(this.stream, 'finish');
    return true;
  }
}

/** The first problems as an aligned table for the terminal, with how many more there are. */
export function problemTable(problems: readonly ImportProblem[], total: number): string {
  const shown = problems.slice(0, SHOWN);
  const rows = [['row', 'column', 'field', 'problem'], ...shown.map((p) => [p.row === null ? '' : String(p.row), p.column, p.field ?? '', p.problem])];
  const widths = [0, 1, 2].map((i) => Math.min(32, Math.max(...rows.map((r) => r[i]!.length))));
  const table = rows.map((r) => '  ' + r.map((c, i) => (i < 3 ? c.slice(0, widths[i]).padEnd(widths[i]!) : c)).join('  ')).join('\n');
  return `${total} problem${total === 1 ? '' : 's'}:\n${table}${total > shown.length ? `\n  ... and ${total - shown.length} more.` : ''}`;
}
