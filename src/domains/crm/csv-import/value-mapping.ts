import { z } from 'zod';
import { invalid } from '../../../shared/errors.js';
import type { HeaderProblem } from './column-mapping.js';
import { headerKey } from './header-aliases.js';

/** Column → (value as the file writes it → value to import): `{ "Lead Status": { "Qualified": "qualified" } }`. */
export type ValueMap = Record<string, Record<string, string>>;

/** Values are matched trimmed and whatever their case ("qualified" = " Qualified "). */
const valueKey = (v: string) => v.trim().toLowerCase();

/**
 * `--map-values` items: "Column:from=to", several pairs after one column separated by commas
 * ("Lead Status:Qualified=qualified,Junk=unqualified"); repeat the option for more columns.
 */
export function parseMapValues(items: readonly string[] = []): { map: ValueMap; problems: HeaderProblem[] } {
  const map: ValueMap = {};
  const problems: HeaderProblem[] = [];
  for (const item of items) {
    const at = item.indexOf(':');
    const column = item.slice(0, at).trim();
    const pairs = item.slice(at + 1).split(',');
    if (at <= 0 || !column) {
      problems.push({ column: item, field: null, problem: `--map-values needs "Column:from=to" (got "${item}"), e.g. --map-values "Lead Status:Qualified=qualified,Junk=unqualified"` });
      continue;
    }
    for (const pair of pairs) {
      const eq = pair.indexOf('=');
      if (eq < 0) {
        problems.push({ column, field: null, problem: `--map-values needs "from=to" pairs after "${column}:" (got "${pair.trim()}")` });
        continue;
      }
      (map[column] ??= {})[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return { map, problems };
}

/**
 * Each mapped column's table by column position, so every cell is translated before it is
 * parsed. A column the file does not have, or an empty value to translate, is a problem up front.
 */
export function valueTables(map: ValueMap, headers: readonly string[]): { tables: Map<number, Map<string, string>>; problems: HeaderProblem[] } {
  const tables = new Map<number, Map<string, string>>();
  const problems: HeaderProblem[] = [];
  for (const [column, pairs] of Object.entries(map)) {
    const index = headers.findIndex((h) => headerKey(h) === headerKey(column));
    if (index < 0) {
      problems.push({ column, field: null, problem: 'is named in --map-values (value_map) but the file has no such column' });
      continue;
    }
    const table = tables.get(index) ?? new Map<string, string>();
    for (const [from, to] of Object.entries(pairs)) {
      if (valueKey(from) === '') problems.push({ column, field: null, problem: `--map-values maps an empty value to "${to}": name the value to replace` });
      else table.set(valueKey(from), to.trim());
    }
    tables.set(index, table);
  }
  return { tables, problems };
}

/** The cell as the import reads it: translated when the column has a table and the value is in it. */
export function mapCell(cell: string, table: Map<string, string> | undefined): string {
  return table?.get(valueKey(cell)) ?? cell;
}

const valueMapShape = z.record(z.string(), z.record(z.string(), z.string()));

/** The API's value_map parameter: a JSON object of column → { from: to }; anything else is refused naming it. */
export function parseValueMapJson(text: string): ValueMap {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    value = undefined;
  }
  const parsed = valueMapShape.safeParse(value);
  if (!parsed.success) throw invalid([{ field: 'value_map', problem: 'must be a JSON object of column → {"from": "to"}, e.g. {"Lead Status": {"Qualified": "qualified"}}' }]);
  return parsed.data;
}
