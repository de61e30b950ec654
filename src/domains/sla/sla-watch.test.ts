import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { nextSlaCrossing, sweepSla } from './sla-watch.js';

describe.each(testBackends())('SLA sweep scheduling on %s', (backend) => {
  it('looks at a clock only when a threshold is due, never misses one beyond a sweep limit, and stops once nothing is pending', async () => {
    const t = await createTestDb(backend);
    try {
      const rep = await createUser(t.db, { name: 'Rep', email: 'rep@x.test', role: 'sales_rep', team: 'SDR' });
      const clock = fixedClock('2026-06-01T08:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'rule' as const, id: 'sla' } };
      const ids: number[] = [];
      for (let i = 0; i < 3; i++) {
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) VALUES ($1, $1, $2, 'mql') RETURNING id`, [`l${i}@x.test`, rep.id]);
        const [a] = await t.db.query<{ id: number }>(
          `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
           VALUES ($1, $2, '2026-06-01T08:00:00Z', 'test', 'default', '{"name":"Default","autoRecycle":true}', '2026-06-01T11:00:00Z', '2026-06-01T12:00:00Z', 2, '2026-06-11T08:00:00Z', '2026-06-15T08:00:00Z') RETURNING id`,
          [c!.id, rep.id],
        );
        ids.push(a!.id);
      }
      const next = async () => (await t.db.query<{ next_check_at: Date | null }>('SELECT next_check_at FROM lead_assignments ORDER BY id')).map((r) => r.next_check_at && new Date(r.next_check_at).toISOString());
      expect(await next()).toEqual(Array(3).fill('2026-06-01T11:00:00.000Z'));
      expect((await nextSlaCrossing(ctx))!.toISOString()).toBe('2026-06-01T11:00:00.000Z');
      // Past the due time with a sweep that takes one crossing at a time: all three breaches come, one per sweep.
      clock.set('2026-06-01T12:30:00Z');
      const counts = [];
      for (let i = 0; i < 4; i++) counts.push((await sweepSla(ctx, 1)).alerts);
      expect(counts).toEqual([1, 1, 1, 0]);
      expect(await t.db.query(`SELECT 1 FROM alerts WHERE kind = 'first_touch_breached'`)).toHaveLength(3);
      expect(await t.db.query(`SELECT 1 FROM alerts WHERE kind = 'first_touch_at_risk'`)).toHaveLength(0);
      // Next look: the attempts at-risk point.
      expect(await next()).toEqual(Array(3).fill('2026-06-11T08:00:00.000Z'));
      // One lead reached: nothing pending for it any more; one made its 2 attempts without reaching anyone.
      await t.db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) SELECT 'call', 'connected', contact_id, owner_id, '2026-06-02T09:00:00Z' FROM lead_assignments WHERE id = $1`, [ids[0]]);
      await t.db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) SELECT 'call', 'no_answer', contact_id, owner_id, d FROM lead_assignments, unnest(ARRAY['2026-06-02T09:00:00Z','2026-06-03T09:00:00Z']::timestamptz[]) d WHERE id = $1`, [ids[1]]);
      clock.set('2026-06-12T08:00:00Z');
      expect((await sweepSla(ctx)).alerts).toBe(1); // only the untouched one is behind on attempts
      expect(await next()).toEqual([null, '2026-06-15T08:00:00.000Z', '2026-06-15T08:00:00.000Z']);
      clock.set('2026-06-15T09:00:00Z');
      const end = await sweepSla(ctx);
      expect(end).toEqual({ alerts: 1, recycled: 1 }); // the untouched one breaches; the tried one is recycled
      // The recycled clock is closed; the two still open have nothing left to look at.
      const open = await t.db.query<{ next_check_at: Date | null }>('SELECT next_check_at FROM lead_assignments WHERE closed_at IS NULL ORDER BY id');
      expect(open).toEqual([{ next_check_at: null }, { next_check_at: null }]);
      expect(await nextSlaCrossing(ctx)).toBeNull();
    } finally {
      await t.cleanup();
    }
  });
});
