/** One problem in an imported file: where (row and column as the spreadsheet shows them) and what. */
export interface ImportProblem {
  /** Spreadsheet row (header = 1); null for a problem with the file as a whole. */
  row: number | null;
  /** The CSV header of the column, '' when the problem is not about one column. */
  column: string;
  /** The Revloop field the column feeds, or null. */
  field: string | null;
  problem: string;
}

/**
 * Keeps the first `cap` problems and counts the rest, so a file where every row is wrong still
 * needs bounded memory; `onProblem` sees every one (the CLI writes them all to a report file).
 */
export class ProblemCollector {
  readonly listed: ImportProblem[] = [];
  total = 0;
  constructor(
    private readonly cap: number,
    private readonly onProblem?: (p: ImportProblem) => void,
  ) {}

  add(p: ImportProblem): void {
    this.total++;
    if (this.listed.length < this.cap) this.listed.push(p);
    this.onProblem?.(p);
  }
}
