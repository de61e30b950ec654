import type { Db } from './client.js';

/** The app's transaction-level advisory locks, one key per kind of work that must not overlap. */
export const lockKeys = {
  migrate: 727274,
  pipeline: 727275,
  lastAdmin: 727276,
  scoringModel: 727277,
  mqlDefinition: 727278,
  predictiveTraining: 727279,
} as const;

/**
 * Advisory locks live per database, not per schema: two Revloop installations in two schemas of
 * one database (or the test suite's throwaway schemas) would wait on each other's pipeline. The
 * second key is the installation's schema, so each takes only its own locks. (The two-key form is
 * a lock space of its own: every taker of a key must use this form.)
 */
const keyed = (fn: string) => `${fn}($1::int, hashtext(current_schema()))`;

/**
 * Waits for the lock; it is let go when the transaction ends. `settings` (name → value) are set
 * for the rest of the transaction in the same statement, after the lock: on a loaded machine each
 * round trip costs milliseconds of waiting for a core, whatever the statement.
 */
export async function advisoryXactLock(db: Pick<Db, 'query'>, key: number, settings: Record<string, string> = {}): Promise<void> {
  const names = Object.keys(settings);
  await db.query(`SELECT ${[keyed('pg_advisory_xact_lock'), ...names.map((_, i) => `set_config($${2 + 2 * i}, $${3 + 2 * i}, true)`)].join(', ')}`,
    [key, ...names.flatMap((n) => [n, settings[n]!])]);
}

/** Takes the lock if free; false when another transaction holds it. */
export async function tryAdvisoryXactLock(db: Pick<Db, 'query'>, key: number): Promise<boolean> {
  const [row] = await db.query<{ got: boolean }>(`SELECT ${keyed('pg_try_advisory_xact_lock')} AS got`, [key]);
  return row!.got;
}
