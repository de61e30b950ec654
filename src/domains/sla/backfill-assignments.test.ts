import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { backfillAssignments } from './backfill-assignments.js';

describe.each(testBackends())('SLA clocks from imported history on %s', (backend) => {
  it('starts each clock at the first MQL date, reads touches and attempts from the activities, and ends it at the next funnel move', async () => {
    const t = await createTestDb(backend);
    try {
      const rep = await createUser(t.db, { name: 'Rep', email: 'rep@x.test', role: 'sales_rep', team: 'SDR' });
      const contact = async (email: string, stage: string, mqlType: string | null) =>
        (await t.db.query<{ id: number }>(
          `INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage, mql_type) VALUES ($1, $1, $2, $3, $4) RETURNING id`,
          [email, rep.id, stage, mqlType],
        ))[0]!.id;
      const move = (id: number, from: string | null, to: string, kind: string, at: string) =>
        t.db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $3, $4, $5, 'import')`, [id, from, to, kind, at]);
      const act = (id: number, type: string, outcome: string, at: string) =>
        t.db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) VALUES ($1, $2, $3, $4, $5)`, [type, outcome, id, rep.id, at]);
      // Accepted after a late first call and a connection.
      const a = await contact('a@x.test', 'sql', 'webinar');
      await move(a, 'lead', 'mql', 'import', '2026-03-02T09:00:00Z');
      await act(a, 'call', 'no_answer', '2026-03-02T15:00:00Z');
      await act(a, 'email', 'sent', '2026-03-03T10:00:00Z');
      await act(a, 'call', 'connected', '2026-03-04T10:00:00Z');
      await move(a, 'mql', 'sql', 'import', '2026-03-05T09:00:00Z');
      // Contact sales, touched 20 minutes after the request: late for its 5 minutes (office hours, UTC), then rejected.
      const b = await contact('b@x.test', 'lead', 'contact_sales');
      await move(b, 'lead', 'mql', 'import', '2026-03-10T09:00:00Z');
      await act(b, 'call', 'voicemail', '2026-03-10T09:20:00Z');
      await move(b, 'mql', 'lead', 'reject', '2026-03-11T09:00:00Z');
      // Still an MQL, never touched.
      const c = await contact('c@x.test', 'mql', null);
      await move(c, 'lead', 'mql', 'import', '2026-03-20T09:00:00Z');

      expect(await backfillAssignments(t.db, fixedClock('2026-04-01T00:00:00Z').now())).toBe(3);
      expect(await backfillAssignments(t.db, fixedClock('2026-04-01T00:00:00Z').now())).toBe(0);
      const rows = await t.db.query<Record<string, unknown>>(
        `SELECT contact_id, policy_id, first_touch_at, first_touch_due, attempts, attempts_in_window, connected_at, close_reason, accepted_at
           FROM lead_assignments ORDER BY contact_id`);
      const iso = (v: unknown) => (v === null ? null : new Date(v as string).toISOString());
      expect(rows.map((r) => ({ ...r, first_touch_at: iso(r.first_touch_at), first_touch_due: iso(r.first_touch_due), connected_at: iso(r.connected_at), accepted_at: iso(r.accepted_at) }))).toEqual([
        { contact_id: a, policy_id: 'default', first_touch_at: '2026-03-02T15:00:00.000Z', first_touch_due: '2026-03-02T13:00:00.000Z', attempts: 3, attempts_in_window: 3,
          connected_at: '2026-03-04T10:00:00.000Z', close_reason: 'accepted', accepted_at: '2026-03-05T09:00:00.000Z' },
        { contact_id: b, policy_id: 'contact-sales', first_touch_at: '2026-03-10T09:20:00.000Z', first_touch_due: '2026-03-10T09:05:00.000Z', attempts: 1, attempts_in_window: 1,
          connected_at: null, close_reason: 'rejected', accepted_at: null },
        { contact_id: c, policy_id: 'default', first_touch_at: null, first_touch_due: '2026-03-20T13:00:00.000Z', attempts: 0, attempts_in_window: 0,
          connected_at: null, close_reason: null, accepted_at: null },
      ]);
    } finally {
      await t.cleanup();
    }
  });
});
