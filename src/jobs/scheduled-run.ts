import type { Db } from '../db/client.js';

/** ISO-8601 week of a date, e.g. 2026-W48: the period of weekly jobs. */
export function isoWeek(d: Date): string {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((t.getTime() - yearStart) / 86400_000 + 1) / 7);
  return `${t.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/**
 * Runs `work` for (job, period) unless some instance already did: the claim is an insert with a
 * deterministic key, so the database decides, not a clock race. A failed run keeps its error.
 */
export async function runOnce(db: Db, job: string, period: string, at: Date, work: () => Promise<unknown>): Promise<'ran' | 'skipped'> {
  const claimed = await db.query('INSERT INTO scheduled_runs (job, period, started_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING job', [job, period, at]);
  if (!claimed.length) return 'skipped';
  let result: unknown;
  try {
    result = { ok: true, value: await work() };
  } catch (err) {
    result = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  await db.query('UPDATE scheduled_runs SET finished_at = $3, result = $4 WHERE job = $1 AND period = $2', [job, period, new Date(), JSON.stringify(result)]);
  return 'ran';
}
