import type { Db } from '../db/client.js';
import { applyEventRetention, maintainEventPartitions } from '../domains/ingest/event-partitions.js';
import { workspaceSettings } from '../domains/workspace/workspace-settings.js';
import { runOnce } from './scheduled-run.js';

/**
 * Once a day (the first scheduler tick of each UTC day, one instance only): the events partitions
 * of the months ahead and of months found in the default partition, then the workspace's
 * retention (raw events older than its months are dropped, whole months at a time).
 */
export function dailyEventPartitions(db: Db, now: Date): Promise<'ran' | 'skipped'> {
  return runOnce(db, 'event-partitions', now.toISOString().slice(0, 10), now, async () => {
    const keep = (await workspaceSettings(db)).raw_event_months;
    const created = await maintainEventPartitions(db, now, keep);
    const dropped = await applyEventRetention(db, now, keep);
    return { created, dropped };
  });
}
