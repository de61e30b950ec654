import type { Db } from './client.js';

/** A column for a bulk statement: its name and the PostgreSQL type its array parameter is sent as. */
export type BulkColumn = readonly [name: string, type: 'text' | 'bigint' | 'int' | 'numeric' | 'boolean' | 'date' | 'timestamptz' | 'jsonb'];

/**
 * One array parameter per column, read back with unnest(): a 500-row insert is one statement
 * with a fixed number of parameters, whatever the row count (a VALUES list would need 500 × n).
 * jsonb travels as text and is cast in the SELECT, because both drivers serialise arrays of
 * strings reliably and arrays of objects differently.
 */
export function unnestSource(columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], firstParam = 1): { sql: string; params: unknown[][] } {
  const params: unknown[][] = columns.map(() => []);
  for (const row of rows) {
    for (let i = 0; i < columns.length; i++) {
      const v = row[i];
      params[i]!.push(v instanceof Date ? v.toISOString() : v === undefined ? null : v);
    }
  }
  const arrays = columns.map(([, type], i) => `$${firstParam + i}::${type === 'jsonb' ? 'text' : type}[]`);
  const names = columns.map(([name]) => name);
  const select = columns.map(([name, type]) => (type === 'jsonb' ? `u.${name}::jsonb` : `u.${name}`));
  return { sql: `SELECT ${select.join(', ')} FROM unnest(${arrays.join(', ')}) AS u(${names.join(', ')})`, params };
}

/** INSERT of many rows in one statement; `explicitIds` writes given ids into an identity column. */
export async function insertRows<T = Record<string, unknown>>(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  opts: { explicitIds?: boolean; suffix?: string } = {},
): Promise<T[]> {
  if (!rows.length) return [];
  const { sql, params } = unnestSource(columns, rows);
  const overriding = opts.explicitIds ? ' OVERRIDING SYSTEM VALUE' : '';
  return db.query<T>(`INSERT INTO ${table} (${columns.map(([n]) => n).join(', ')})${overriding} ${sql} ${opts.suffix ?? ''}`, params);
}

/**
 * UPDATE of many rows by id in one statement: the first column is the id, every other column is
 * set from its array; updated_at is set to `updatedAt`.
 */
export async function updateRows(db: Db, table: string, columns: readonly BulkColumn[], rows: readonly (readonly unknown[])[], updatedAt: Date): Promise<void> {
  if (!rows.length) return;
  const { sql, params } = unnestSource(columns, rows, 2);
  const sets = columns.slice(1).map(([name]) => `${name} = u.${name}`);
  await db.query(`UPDATE ${table} t SET ${sets.join(', ')}, updated_at = $1 FROM (${sql}) u WHERE t.id = u.${columns[0]![0]}`, [updatedAt, ...params]);
}

/** Takes `n` ids from a table's identity sequence, so rows can be linked before they are written. */
export async function reserveIds(db: Db, table: string, n: number): Promise<number[]> {
  if (n === 0) return [];
  // The sequence is looked up once (OFFSET 0 keeps the planner from folding it into every row):
  // per row, the catalog look-up cost four times the nextval, 130 ms of a 5,000-row batch.
  const rows = await db.query<{ id: number }>(
    `SELECT nextval(q.seq) AS id FROM (SELECT pg_get_serial_sequence($1, 'id')::regclass AS seq OFFSET 0) q, generate_series(1, $2)`,
    [table, n],
  );
  return rows.map((r) => Number(r.id));
}
