import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Db } from '../client.js';
import * as m0005 from './0005-sales-sla.js';
import * as m0013 from './0013-row-locks-without-deadlocks.js';

/** The per-row triggers as migrations 0005 and 0013 left them, put back on a database. */
async function restoreRowTriggers(db: Db): Promise<void> {
  const transition = /CREATE FUNCTION sla_on_transition\(\)[\s\S]*?END \$\$;/.exec(m0005.sql)![0].replace('CREATE FUNCTION', 'CREATE OR REPLACE FUNCTION');
  await db.exec(`${m0013.sql}
    ${transition}
    DROP TRIGGER activities_sla ON activities;
    CREATE TRIGGER activities_sla AFTER INSERT ON activities FOR EACH ROW EXECUTE FUNCTION sla_on_activity();
    DROP TRIGGER stage_transitions_sla ON stage_transitions;
    CREATE TRIGGER stage_transitions_sla AFTER INSERT ON stage_transitions FOR EACH ROW EXECUTE FUNCTION sla_on_transition();
    CREATE OR REPLACE FUNCTION queue_contact_score() RETURNS trigger LANGUAGE plpgsql AS $f$
    BEGIN INSERT INTO score_queue (contact_id) VALUES (NEW.id) ON CONFLICT DO NOTHING; RETURN NULL; END $f$;
    DROP TRIGGER contacts_score_on_insert ON contacts;
    CREATE TRIGGER contacts_score_on_insert AFTER INSERT ON contacts FOR EACH ROW EXECUTE FUNCTION queue_contact_score();`);
}

const T = (minutes: number) => new Date(Date.UTC(2026, 2, 2, 9, 0) + minutes * 60_000).toISOString();

/**
 * Contacts with and without open clocks and every lead status a clock meets, then activities and
 * funnel moves that exercise each rule: attempts before and after a connection, a connection
 * that is also an attempt, inbound replies, activities before the assignment and after the
 * attempts window, several moves of one contact (queued, dequeued, queued again) in one
 * statement. `sql` returns the multi-row statements an import would send.
 */
async function seed(db: Db): Promise<void> {
  await db.query(`INSERT INTO users (email, name, role, password_hash) VALUES ('rep@x.test', 'Rep', 'sales_rep', 'x')`);
  const statuses = [null, 'new', 'new', 'attempting', 'connected', 'new', null, 'new', 'new', 'new'];
  await db.query(
    `INSERT INTO contacts (id, email, email_normalized, lifecycle_stage, lead_status, owner_id, created_at, updated_at, properties) OVERRIDING SYSTEM VALUE
     SELECT i, 'c' || i || '@x.test', 'c' || i || '@x.test', 'mql', s, (SELECT id FROM users), $2, $2, '{}' FROM unnest($1::text[]) WITH ORDINALITY AS u(s, i)`,
    [statuses, T(-600)],
  );
  await db.query(`SELECT setval(pg_get_serial_sequence('contacts', 'id'), 100)`);
  // Clocks on contacts 1-8 (7 assigned late, 8 with a short attempts window); 9 and 10 have none.
  await db.query(
    `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
     SELECT i, (SELECT id FROM users), CASE WHEN i = 7 THEN $1::timestamptz + interval '30 minutes' ELSE $1::timestamptz END, 'test', 'p', '{}',
            $1::timestamptz + interval '3 hours', $1::timestamptz + interval '4 hours', 8, $1::timestamptz + interval '1 day',
            CASE WHEN i = 8 THEN $1::timestamptz + interval '20 minutes' ELSE $1::timestamptz + interval '14 days' END
       FROM generate_series(1, 8) i`,
    [T(0)],
  );
  await db.query(`INSERT INTO routing_queue (contact_id, queued_at) VALUES (3, $1), (9, $1)`, [T(-60)]);
}

const activities: [contact: number | null, type: string, direction: string, outcome: string | null, minute: number][] = [
  [1, 'email', 'outbound', null, 10], [1, 'call', 'outbound', 'connected', 20], [1, 'meeting', 'outbound', 'completed', 30],
  [2, 'email', 'inbound', null, 5], [2, 'call', 'outbound', 'no_answer', 15],
  [3, 'call', 'outbound', 'no_answer', 10], [3, 'call', 'outbound', 'no_answer', 12], [3, 'email', 'outbound', 'replied', 40],
  [4, 'call', 'outbound', 'no_answer', 10], [4, 'call', 'outbound', 'connected', 11],
  [5, 'call', 'outbound', 'no_answer', 10], [5, 'email', 'inbound', null, 50],
  [6, 'meeting', 'inbound', 'no_show', 5], [6, 'call', 'outbound', 'connected', 25], [6, 'call', 'outbound', 'no_answer', 26],
  [7, 'call', 'outbound', 'no_answer', 10], [7, 'call', 'outbound', 'no_answer', 45],
  [8, 'call', 'outbound', 'no_answer', 10], [8, 'call', 'outbound', 'no_answer', 30], [8, 'social', 'outbound', null, 35],
  [9, 'call', 'outbound', 'connected', 10],
  [null, 'call', 'outbound', 'connected', 10],
];

const moves: [contact: number, from: string, to: string, kind: string, minute: number][] = [
  [1, 'mql', 'sql', 'forward', 100], [1, 'sql', 'opportunity', 'forward', 110],
  [2, 'mql', 'lead', 'reject', 100],
  [3, 'mql', 'lead', 'recycle', 100], [3, 'lead', 'mql', 'forward', 120],
  [4, 'mql', 'mql', 'sideways', 100],
  [5, 'mql', 'customer', 'import', 100],
  [9, 'mql', 'lead', 'recycle', 90], [9, 'lead', 'mql', 'forward', 95], [9, 'mql', 'lead', 'reject', 99],
  [10, 'lead', 'mql', 'create', 100], [10, 'mql', 'mql', 'forward', 105],
  [6, 'mql', 'mql', 'merge', 100],
];

async function run(db: Db, oneStatement: boolean): Promise<void> {
  const insertActivities = (rows: typeof activities) => db.query(
    `INSERT INTO activities (contact_id, type, direction, outcome, occurred_at, properties)
     SELECT u.c, u.t, u.d, u.o, u.at, '{}' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(c, t, d, o, at)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => T(r[4]))],
  );
  const insertMoves = (rows: typeof moves) => db.query(
    `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
     SELECT 'contact', u.c, u.f, u.t, u.k, u.at, 'import' FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::timestamptz[]) AS u(c, f, t, k, at)`,
    [rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => T(r[4]))],
  );
  if (oneStatement) {
    await insertActivities(activities);
    await insertMoves(moves);
    await db.query(`INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at, updated_at, properties) SELECT 'n' || i || '@x.test', 'n' || i || '@x.test', 'lead', now(), now(), '{}' FROM generate_series(1, 3) i`);
  } else {
    for (const a of activities) await insertActivities([a]);
    for (const m of moves) await insertMoves([m]);
    for (let i = 1; i <= 3; i++) await db.query(`INSERT INTO contacts (email, email_normalized, lifecycle_stage, created_at, updated_at, properties) VALUES ('n${i}@x.test', 'n${i}@x.test', 'lead', now(), now(), '{}')`);
  }
}

async function outcome(db: Db) {
  return {
    clocks: await db.query(`SELECT contact_id, first_touch_at, attempts, attempts_in_window, last_attempt_at, connected_at, closed_at, close_reason, accepted_at FROM lead_assignments ORDER BY contact_id`),
    statuses: await db.query(`SELECT id, lead_status, lead_status_reason FROM contacts WHERE id <= 10 ORDER BY id`),
    changes: await db.query(`SELECT object_id, property, old_value, new_value, at, actor_type, actor_id FROM property_changes ORDER BY id`),
    queue: await db.query(`SELECT contact_id, queued_at FROM routing_queue ORDER BY contact_id`),
    scoreQueue: (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM score_queue WHERE contact_id > 10`))[0]!.n,
  };
}

describe.each(testBackends())('statement-level SLA and scoring triggers (migration 0017) on %s', (backend) => {
  let bulk: TestDb;
  let rowByRow: TestDb;
  beforeAll(async () => {
    [bulk, rowByRow] = await Promise.all([createTestDb(backend), createTestDb(backend)]);
    await restoreRowTriggers(rowByRow.db);
    for (const t of [bulk, rowByRow]) await seed(t.db);
  });
  afterAll(async () => {
    await bulk.cleanup();
    await rowByRow.cleanup();
  });

  it('give multi-row inserts exactly what the per-row triggers gave', async () => {
    await run(bulk.db, true);
    await run(rowByRow.db, true);
    const got = await outcome(bulk.db);
    expect(got).toEqual(await outcome(rowByRow.db));
    // The scenario reaches every rule (so equal is not trivially equal).
    expect(got.clocks.map((c) => c.close_reason)).toEqual(['accepted', 'rejected', 'recycled', null, 'accepted', null, null, null]);
    expect(got.statuses.map((s) => s.lead_status)).toEqual(['connected', 'connected', 'connected', 'connected', 'connected', 'connected', 'attempting', 'attempting', 'new', 'new']);
    expect(got.queue.map((q) => Number(q.contact_id))).toEqual([3, 4, 10]);
    expect(got.changes.length).toBeGreaterThan(8);
    expect(got.scoreQueue).toBe(3);
  });

  it('and one statement per row gives the same again', async () => {
    const single = await createTestDb(backend);
    try {
      await seed(single.db);
      await run(single.db, false);
      const a = await outcome(single.db);
      const b = await outcome(bulk.db);
      expect({ ...a, changes: a.changes.map((c) => ({ ...c })) }).toEqual({ ...b, changes: b.changes.map((c) => ({ ...c })) });
    } finally {
      await single.cleanup();
    }
  });
});
