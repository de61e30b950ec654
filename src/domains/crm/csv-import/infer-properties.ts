import type { PropertyDefinition } from '../properties.js';
import { headerKey } from './header-aliases.js';
import { dateOrders, parseDateTime, parseNumber } from './value-parsers.js';

type PropertyType = PropertyDefinition['type'];

/** Most options an inferred enum gets; a column with more distinct values is text. */
export const MAX_ENUM_OPTIONS = 20;
/** An enum's values repeat: on average every option is used at least this many times. */
const ROWS_PER_OPTION = 3;

const booleanWords = new Set(['yes', 'no', 'true', 'false', '1', '0']);

/**
 * What one column's values look like, seen cell by cell without keeping the column: whether every
 * value reads as a boolean, a number or a date, and its distinct values while there are few.
 */
export class ColumnProfile {
  values = 0;
  private booleans = true;
  private numbers = true;
  private dates = true;
  private distinct: Map<string, string> | null = new Map();

  add(raw: string): void {
    const cell = raw.trim();
    if (cell === '') return;
    this.values++;
    if (this.booleans && !booleanWords.has(cell.toLowerCase())) this.booleans = false;
    // "01234" is a code (a postcode, an id), not the number 1234.
    if (this.numbers && (!parseNumber(cell).ok || /^0\d/.test(cell))) this.numbers = false;
    if (this.dates && !dateOrders.some((order) => parseDateTime(cell, order).ok)) this.dates = false;
    if (this.distinct) {
      const key = headerKey(cell) || cell.toLowerCase();
      if (!this.distinct.has(key)) {
        if (this.distinct.size >= MAX_ENUM_OPTIONS) this.distinct = null;
        else this.distinct.set(key, cell);
      }
    }
  }

  /**
   * boolean when every value is yes/no/true/false/1/0; number when every value is one; date
   * when every value reads as a date in some order (--date-format decides how the import reads
   * them); enum when at most 20 distinct values each used 3 times or more on average; else string.
   */
  inferred(): { type: PropertyType; options: string[] } {
    if (!this.values) return { type: 'string', options: [] };
    if (this.booleans) return { type: 'boolean', options: [] };
    if (this.numbers) return { type: 'number', options: [] };
    if (this.dates) return { type: 'date', options: [] };
    if (this.distinct && this.values >= this.distinct.size * ROWS_PER_OPTION) return { type: 'enum', options: [...this.distinct.values()] };
    return { type: 'string', options: [] };
  }
}

/** A custom property name for a header: lower_snake_case, starting with a letter, not yet taken. */
export function propertyNameFor(header: string, taken: Set<string>): string {
  let base = header.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  if (!/^[a-z]/.test(base)) base = `p_${base}`.replace(/_+$/, '');
  base = base.slice(0, 56).replace(/_+$/, '');
  let name = base;
  for (let n = 2; taken.has(name); n++) name = `${base}_${n}`;
  taken.add(name);
  return name;
}
