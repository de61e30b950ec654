import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { scoreContacts, scoreQueued } from './score-contacts.js';

const CONTACTS = 3000;

// Two app instances are two pools on one server database. Both are told to score the same
// contacts at once (two pipelines that touched the same people, or a pipeline beside a full
// rescore); a contact scored by both at once would have two "First scored" lines, each instance
// having read it unscored. Claimed, each contact is scored by one of them, the other queues it
// again, and the queue (taken by both) rescores it once more, finding nothing changed.
// PGlite has one connection in one process: nothing else scores there, and there is no claim.
describe.skipIf(!process.env.TEST_DATABASE_URL)('scoring claimed across instances, on the PostgreSQL server', () => {
  let t: TestDb;
  let other: Db;
  const ctxOf = (db: Db): Ctx => ({ db, clock: fixedClock('2026-06-10T09:00:00Z'), actor: { type: 'system', id: 'test' } });

  beforeAll(async () => {
    t = await createTestDb('postgres');
    other = await openDb({ databaseUrl: t.databaseUrl!, schema: t.schema!, poolSize: 4 });
    await t.db.exec(`
      INSERT INTO companies (name, domain, industry, employees, country, segment, lifecycle_stage)
        SELECT 'Co ' || g, 'co' || g || '.example.com', 'Software', (g * 37) % 5000, 'US', 'small', 'lead' FROM generate_series(1, 300) g;
      INSERT INTO contacts (email, email_normalized, job_title, company_id, lifecycle_stage, created_at, updated_at)
        SELECT 'p' || g || '@x.test', 'p' || g || '@x.test', (ARRAY['VP Marketing','Analyst','CFO'])[1 + g % 3], 1 + g % 300, 'lead', '2026-01-01', '2026-01-01'
          FROM generate_series(1, ${CONTACTS}) g;
      DELETE FROM score_queue;
      INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
        SELECT 1, 'r' || g, 'track', (ARRAY['Form Submitted','Content Downloaded'])[1 + g % 2], 1 + g % ${CONTACTS},
               timestamptz '2026-06-09' - ((g % 60) * interval '1 day'), now(), now() FROM generate_series(1, ${CONTACTS * 4}) g;
    `);
  });
  afterAll(async () => {
    await other?.close();
    await t?.cleanup();
  });

  it('never scores one contact in two instances at once, and scores every contact', async () => {
    const ids = (await t.db.query<{ id: number }>('SELECT id FROM contacts ORDER BY id')).map((r) => Number(r.id));
    // Small steps in opposite orders, so the two meet on the same contacts many times over.
    const reversed = [...ids].reverse();
    const [a, b] = await Promise.all([
      scoreContacts(ctxOf(t.db), ids, { advance: false, chunkSize: 100 }),
      scoreContacts(ctxOf(other), reversed, { advance: false, chunkSize: 100 }),
    ]);
    // Each contact was scored by one instance; a contact the other held was queued, not scored.
    expect(a.scored + b.scored).toBeGreaterThanOrEqual(CONTACTS);
    const [queued] = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM score_queue');
    expect(queued!.n).toBeLessThanOrEqual(2 * CONTACTS - a.scored - b.scored);
    // Both instances take the queue at once until it is empty.
    const drain = async (db: Db) => {
      let n = 0;
      for (let k; (k = await scoreQueued(ctxOf(db), { advance: false, limit: 50 })) > 0; ) n += k;
      return n;
    };
    await Promise.all([drain(t.db), drain(other)]);
    const [history] = await t.db.query<{ lines: number; contacts: number; first: number }>(
      `SELECT count(*)::int AS lines, count(DISTINCT contact_id)::int AS contacts, count(*) FILTER (WHERE prev_quadrant IS NULL)::int AS first FROM contact_score_history`,
    );
    expect(history).toEqual({ lines: CONTACTS, contacts: CONTACTS, first: CONTACTS });
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contact_scores'))[0]!.n).toBe(CONTACTS);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM score_queue'))[0]!.n).toBe(0);
  });

  it('leaves a contact an edit holds to it, queued, and scores it once the edit ends', async () => {
    const [held, free] = [11, 12];
    await t.db.query('DELETE FROM score_queue');
    await t.db.query('DELETE FROM contact_scores WHERE contact_id = ANY($1::bigint[])', [[held, free]]);
    const scored = async () => (await t.db.query<{ id: number }>('SELECT contact_id AS id FROM contact_scores WHERE contact_id = ANY($1::bigint[]) ORDER BY 1', [[held, free]])).map((r) => Number(r.id));
    const queued = async () => (await t.db.query<{ id: number }>('SELECT contact_id AS id FROM score_queue ORDER BY 1')).map((r) => Number(r.id));
    // Another connection holds the contact's row as a user's edit does, while this instance scores both.
    await other.tx(async (edit) => {
      await edit.query('SELECT id FROM contacts WHERE id = $1 FOR NO KEY UPDATE', [held]);
      const run = await scoreContacts(ctxOf(t.db), [held, free], { advance: false });
      expect(run.scored).toBe(1);
      expect(await scored()).toEqual([free]);
      expect(await queued()).toEqual([held]);
    });
    expect(await scoreQueued(ctxOf(t.db), { advance: false })).toBe(1);
    expect(await scored()).toEqual([held, free]);
    expect(await queued()).toEqual([]);
  });

  it('skips a contact a merge is deleting: the step neither waits for the delete nor fails on it', async () => {
    const [gone, free] = [21, 22];
    await t.db.query('DELETE FROM score_queue');
    await t.db.query('DELETE FROM contact_scores WHERE contact_id = ANY($1::bigint[])', [[gone, free]]);
    let settled = false;
    let scored = -1;
    await other.tx(async (merge) => {
      await merge.query('DELETE FROM contacts WHERE id = $1', [gone]);
      const [{ xid }] = await merge.query<{ xid: string }>('SELECT pg_current_xact_id()::text AS xid');
      const step = scoreContacts(ctxOf(t.db), [gone, free], { advance: false }).finally(() => {
        settled = true;
      });
      // Polled until the step ends or some session waits for this transaction (queueing the deleted
      // contact would wait for the delete): no fixed delay decides the outcome. Read outside this
      // transaction, which would see one snapshot of the server's activity.
      while (!settled) {
        const [w] = await t.db.query<{ n: number }>(
          `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND locktype = 'transactionid' AND transactionid::text = $1`, [xid],
        );
        if (w!.n > 0) break;
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(settled).toBe(true);
      scored = (await step).scored;
    });
    expect(scored).toBe(1);
    expect((await t.db.query<{ id: number }>('SELECT contact_id AS id FROM contact_scores WHERE contact_id = ANY($1::bigint[])', [[gone, free]])).map((r) => Number(r.id))).toEqual([free]);
    expect((await t.db.query('SELECT 1 FROM score_queue WHERE contact_id = $1', [gone])).length).toBe(0);
  });
});
