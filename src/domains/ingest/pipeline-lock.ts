import type { Db } from '../../db/client.js';

const PIPELINE_LOCK = 727275;

/**
 * One event-processing pass at a time per database: identity resolution must see the previous
 * event's contact. An erase takes it too (before the contact, the order a pass takes them in), so
 * no pass re-creates or re-links the person while they are being erased.
 */
export async function lockPipeline(db: Db): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock($1)', [PIPELINE_LOCK]);
}

/**
 * Whether another instance is processing events at this moment (it holds the lock for its slice).
 * Asked alone, so the lock taken to find out is let go as the statement ends.
 */
export async function pipelineBusy(db: Db): Promise<boolean> {
  const [row] = await db.query<{ got: boolean }>('SELECT pg_try_advisory_xact_lock($1) AS got', [PIPELINE_LOCK]);
  return !row!.got;
}
