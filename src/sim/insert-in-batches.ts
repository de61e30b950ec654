import { insertRows, type BulkColumn } from '../db/bulk-insert.js';
import type { Db } from '../db/client.js';

/**
 * insertRows (one unnest statement) over batches, so a 100k-row table neither builds one giant
 * parameter nor leaves the progress bar still. With `returning`, the new ids come back in row
 * order: identity ids are handed out in insertion order, so sorting them recovers it whatever
 * order RETURNING reports.
 */
export async function insertInBatches(
  db: Db,
  table: string,
  columns: readonly BulkColumn[],
  rows: readonly (readonly unknown[])[],
  opts: { returning?: boolean; batchSize?: number; onBatch?: (inserted: number) => void } = {},
): Promise<number[]> {
  const size = opts.batchSize ?? 2000;
  const ids: number[] = [];
  for (let from = 0; from < rows.length; from += size) {
    const out = await insertRows<{ id: number }>(db, table, columns, rows.slice(from, from + size), { suffix: opts.returning ? 'RETURNING id' : '' });
    if (opts.returning) ids.push(...out.map((r) => Number(r.id)).sort((a, b) => a - b));
    opts.onBatch?.(Math.min(rows.length, from + size));
  }
  return ids;
}
