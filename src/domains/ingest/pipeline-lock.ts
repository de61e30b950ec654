import { advisoryXactLock, lockKeys, tryAdvisoryXactLock } from '../../db/advisory-lock.js';
import type { Db } from '../../db/client.js';

/**
 * One event-processing pass at a time per installation: identity resolution must see the previous
 * event's contact. An erase takes it too (before the contact, the order a pass takes them in), so
 * no pass re-creates or re-links the person while they are being erased. `settings`: see advisoryXactLock.
 */
export async function lockPipeline(db: Db, settings: Record<string, string> = {}): Promise<void> {
  await advisoryXactLock(db, lockKeys.pipeline, settings);
}

/**
 * Whether another instance is processing events at this moment (it holds the lock for its slice).
 * Asked alone, so the lock taken to find out is let go as the statement ends.
 */
export async function pipelineBusy(db: Db): Promise<boolean> {
  return !(await tryAdvisoryXactLock(db, lockKeys.pipeline));
}
