import { advisoryXactLock, lockKeys } from './advisory-lock.js';
import type { Db } from './client.js';
import * as m0001 from './migrations/0001-crm-foundation.js';
import * as m0002 from './migrations/0002-search-indexes.js';
import * as m0003 from './migrations/0003-event-ingestion.js';
import * as m0004 from './migrations/0004-scoring.js';
import * as m0005 from './migrations/0005-sales-sla.js';
import * as m0006 from './migrations/0006-goals-and-value.js';
import * as m0007 from './migrations/0007-contact-actions.js';
import * as m0008 from './migrations/0008-contact-stage-firsts.js';
import * as m0009 from './migrations/0009-sign-in-security.js';
import * as m0010 from './migrations/0010-erased-identities.js';
import * as m0011 from './migrations/0011-audit-log-reading.js';
import * as m0012 from './migrations/0012-re2-job-title-pattern.js';
import * as m0013 from './migrations/0013-row-locks-without-deadlocks.js';
import * as m0014 from './migrations/0014-external-ids.js';
import * as m0015 from './migrations/0015-event-visit-channels.js';
import * as m0016 from './migrations/0016-configurable-segments.js';
import * as m0017 from './migrations/0017-bulk-import-triggers.js';
import * as m0018 from './migrations/0018-erased-external-ids.js';
import * as m0019 from './migrations/0019-meetings.js';
import * as m0020 from './migrations/0020-weekly-updates.js';
import * as m0021 from './migrations/0021-ritual-schedules.js';
import * as m0022 from './migrations/0022-contact-list-views.js';
import * as m0023 from './migrations/0023-transition-join-plans.js';
import * as m0024 from './migrations/0024-integration-events.js';
import * as m0025 from './migrations/0025-mql-qualifications.js';
import * as m0026 from './migrations/0026-deal-reasons.js';
import * as m0027 from './migrations/0027-ae-handoffs.js';
import * as m0028 from './migrations/0028-speed-to-lead.js';
import * as m0029 from './migrations/0029-suppression-and-score-history.js';
import * as m0030 from './migrations/0030-events-by-month.js';
import * as m0031 from './migrations/0031-set-based-sla-triggers.js';
import * as m0032 from './migrations/0032-campaign-first-touches.js';
import * as m0033 from './migrations/0033-rescore-writes.js';
import * as m0034 from './migrations/0034-contact-funnels.js';
import * as m0035 from './migrations/0035-contact-actions-by-asset.js';
import * as m0036 from './migrations/0036-contact-funnel-cohorts.js';
import * as m0037 from './migrations/0037-mql-episodes.js';
import * as m0038 from './migrations/0038-cheaper-row-writes.js';
import * as m0039 from './migrations/0039-calibration-days.js';
import * as m0040 from './migrations/0040-events-unlinked-user-ids.js';
import * as m0041 from './migrations/0041-score-queue-history.js';
import * as m0042 from './migrations/0042-calibration-at-commit.js';
import * as m0043 from './migrations/0043-index-probes-on-fresh-tables.js';
import * as m0044 from './migrations/0044-score-reasons-as-json.js';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered list of every migration; append only, never edit one that has shipped. */
export const migrations: Migration[] = [
  { version: 1, ...m0001 },
  { version: 2, ...m0002 },
  { version: 3, ...m0003 },
  { version: 4, ...m0004 },
  { version: 5, ...m0005 },
  { version: 6, ...m0006 },
  { version: 7, ...m0007 },
  { version: 8, ...m0008 },
  { version: 9, ...m0009 },
  { version: 10, ...m0010 },
  { version: 11, ...m0011 },
  { version: 12, ...m0012 },
  { version: 13, ...m0013 },
  { version: 14, ...m0014 },
  { version: 15, ...m0015 },
  { version: 16, ...m0016 },
  { version: 17, ...m0017 },
  { version: 18, ...m0018 },
  { version: 19, ...m0019 },
  { version: 20, ...m0020 },
  { version: 21, ...m0021 },
  { version: 22, ...m0022 },
  { version: 23, ...m0023 },
  { version: 24, ...m0024 },
  { version: 25, ...m0025 },
  { version: 26, ...m0026 },
  { version: 27, ...m0027 },
  { version: 28, ...m0028 },
  { version: 29, ...m0029 },
  { version: 30, ...m0030 },
  { version: 31, ...m0031 },
  { version: 32, ...m0032 },
  { version: 33, ...m0033 },
  { version: 34, ...m0034 },
  { version: 35, ...m0035 },
  { version: 36, ...m0036 },
  { version: 37, ...m0037 },
  { version: 38, ...m0038 },
  { version: 39, ...m0039 },
  { version: 40, ...m0040 },
  { version: 41, ...m0041 },
  { version: 42, ...m0042 },
  { version: 43, ...m0043 },
  { version: 44, ...m0044 },
];

const SCHEMA_MIGRATIONS = `CREATE TABLE IF NOT EXISTS schema_migrations (
    version int PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`;

/**
 * Applies pending migrations in one transaction each. An advisory lock keeps two app
 * instances that start together from applying the same migration twice.
 */
export async function migrate(db: Db, list: Migration[] = migrations): Promise<number[]> {
  await db.exec(SCHEMA_MIGRATIONS);
  const applied: number[] = [];
  for (const m of list) {
    const done = await db.tx(async (tx) => {
      await advisoryXactLock(tx, lockKeys.migrate);
      const rows = await tx.query('SELECT 1 FROM schema_migrations WHERE version = $1', [m.version]);
      if (rows.length) return false;
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
      return true;
    });
    if (done) applied.push(m.version);
  }
  return applied;
}

/**
 * Every migration on a new, empty schema in one transaction and one round trip, leaving what
 * migrate() leaves (migrate-empty.test.ts holds it to that). The test server opens a throwaway
 * schema for most database tests, and migrate() pays a transaction and four round trips per
 * migration there: 2.3 times as long beside other work. Not for a database in use: it takes no
 * lock and checks nothing already applied.
 */
export async function migrateEmpty(db: Db, list: Migration[] = migrations): Promise<void> {
  await db.tx(async (tx) => {
    // Each migration on lines of its own: one ending in a comment would otherwise comment out the next.
    await tx.exec([SCHEMA_MIGRATIONS, ...list.map((m) => m.sql)].join('\n;\n'));
    await tx.query('INSERT INTO schema_migrations (version, name) SELECT * FROM unnest($1::int[], $2::text[])', [list.map((m) => m.version), list.map((m) => m.name)]);
  });
}
