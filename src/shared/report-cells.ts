/**
 * A figure in a report's table: the terminal shows it formatted ("12.5%", "1200"), a CSV file
 * gets the number itself (0.125, 1200) so a spreadsheet can compute with it, and JSON the number.
 * A share is a ratio between 0 and 1, and its CSV column says so (rowsToCsv).
 */
export class Cell {
  constructor(
    readonly value: number | null,
    readonly text: string,
    readonly kind: 'ratio' | 'number',
  ) {}

  toString(): string {
    return this.text;
  }

  toJSON(): number | null {
    return this.value;
  }
}

const round = (v: number, digits: number) => Number(v.toFixed(digits));

/** A number for a table cell: fixed digits, or — when there is none. */
export const num = (v: number | null | undefined, digits = 0): Cell =>
  typeof v === 'number' && Number.isFinite(v) ? new Cell(round(v, digits), v.toFixed(digits), 'number') : new Cell(null, '—', 'number');

/** A share for a table cell: 12.5% on screen, 0.125 in CSV; — (blank in CSV) when there is none. */
export const pct = (v: unknown): Cell =>
  typeof v === 'number' && Number.isFinite(v) ? new Cell(round(v, 4), `${(v * 100).toFixed(1)}%`, 'ratio') : new Cell(null, '—', 'ratio');
