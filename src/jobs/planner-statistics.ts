import type { Db } from '../db/client.js';
import { analyzeTables } from '../db/analyze-tables.js';
import { runOnce } from './scheduled-run.js';

/**
 * Once a day on PGlite (the first scheduler tick of each UTC day): analyzeTables. A
 * PostgreSQL server's autovacuum does this itself, so there it is skipped.
 */
export function dailyStatistics(db: Db, now: Date): Promise<'ran' | 'skipped'> {
  if (db.kind !== 'pglite') return Promise.resolve('skipped');
  return runOnce(db, 'planner-statistics', now.toISOString().slice(0, 10), now, () => analyzeTables(db));
}
