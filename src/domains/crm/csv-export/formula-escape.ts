// Spreadsheets run a cell that starts with = + - @ (or tab / carriage return, which some strip
// first) as a formula: "=HYPERLINK(...)" typed into a web form would run on the exporter's PC.
// A leading apostrophe makes it text. Cells already starting with apostrophes before such a
// character get one more, so importing (which removes exactly one) gives back the original.
const risky = /^'*[=+\-@\t\r]/;

export function escapeFormula(cell: string): string {
  return risky.test(cell) ? `'${cell}` : cell;
}

/** The inverse of escapeFormula, applied to every imported cell. */
export function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && risky.test(cell) ? cell.slice(1) : cell;
}
