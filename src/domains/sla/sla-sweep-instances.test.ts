import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { sweepSla } from './sla-watch.js';

describe.each(testBackends())('SLA sweeps of two instances at once (%s)', (backend) => {
  it('recycle a lead whose attempts ran out once, and neither sweep fails on the lead the other recycled', async () => {
    const t = await createTestDb(backend);
    try {
      const rep = await createUser(t.db, { name: 'Rep', email: 'rep@x.test', role: 'sales_rep', team: 'SDR' });
      const clock = fixedClock('2026-06-15T09:00:00Z');
      const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) VALUES ('l@x.test', 'l@x.test', $1, 'mql') RETURNING id`, [rep.id]);
      await t.db.query(
        `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, next_check_at)
         VALUES ($1, $2, '2026-06-01T08:00:00Z', 'test', 'default', '{"name":"Default","autoRecycle":true}', '2026-06-01T11:00:00Z', '2026-06-01T12:00:00Z', 2, '2026-06-11T08:00:00Z', '2026-06-15T08:00:00Z', '2026-06-15T08:00:00Z')`,
        [c!.id, rep.id],
      );
      await t.db.query(
        `INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) SELECT 'call', 'no_answer', $1, $2, d FROM unnest(ARRAY['2026-06-01T09:00:00Z','2026-06-03T09:00:00Z']::timestamptz[]) d`,
        [c!.id, rep.id],
      );
      const ctx = { db: t.db, clock, actor: { type: 'rule' as const, id: 'sla' } };
      const sweeps = await Promise.all([sweepSla(ctx), sweepSla(ctx)]);
      expect(sweeps.reduce((n, s) => n + s.recycled, 0)).toBe(1);
      expect(await t.db.query(`SELECT to_stage FROM stage_transitions WHERE object_id = $1 AND kind = 'recycle'`, [c!.id])).toEqual([{ to_stage: 'lead' }]);
      expect(await t.db.query(`SELECT kind FROM alerts WHERE kind = 'recycled'`)).toHaveLength(1);
    } finally {
      await t.cleanup();
    }
  });
});
