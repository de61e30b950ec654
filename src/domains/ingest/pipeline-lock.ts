import type { Db } from '../../db/client.js';

/**
 * One event-processing pass at a time per database: identity resolution must see the previous
 * event's contact. An erase takes it too (before the contact, the order a pass takes them in), so
 * no pass re-creates or re-links the person while they are being erased.
 */
export async function lockPipeline(db: Db): Promise<void> {
  await db.query('SELECT pg_advisory_xact_lock(727275)');
}
