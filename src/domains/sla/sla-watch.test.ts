import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { isEmailWorthy } from '../alerts/alerts.js';
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

  it('on a first sweep over old history records every breach in-app but emails only what happened in the last day', async () => {
    const t = await createTestDb(backend);
    try {
      const boss = await createUser(t.db, { name: 'Boss', email: 'boss@x.test', role: 'sales_manager', team: 'SDR' });
      const rep = await createUser(t.db, { name: 'Rep', email: 'rep@x.test', role: 'sales_rep', team: 'SDR', manager_id: boss.id });
      const clock = fixedClock('2026-06-30T12:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'rule' as const, id: 'sla' } };
      // Two leads left a month ago (both their deadlines long past), one whose first touch was due 2 hours ago.
      const lead = async (email: string, assigned: string, ftRisk: string, ftDue: string, atRisk: string, atDue: string) => {
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) VALUES ($1, $1, $2, 'mql') RETURNING id`, [email, rep.id]);
        await t.db.query(
          `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
           VALUES ($1, $2, $3, 'test', 'default', '{"name":"Default"}', $4, $5, 2, $6, $7)`,
          [c!.id, rep.id, assigned, ftRisk, ftDue, atRisk, atDue],
        );
      };
      await lead('old1@x.test', '2026-05-01T08:00:00Z', '2026-05-01T11:00:00Z', '2026-05-01T12:00:00Z', '2026-05-11T08:00:00Z', '2026-05-15T08:00:00Z');
      await lead('old2@x.test', '2026-05-02T08:00:00Z', '2026-05-02T11:00:00Z', '2026-05-02T12:00:00Z', '2026-05-12T08:00:00Z', '2026-05-16T08:00:00Z');
      await lead('new@x.test', '2026-06-30T06:00:00Z', '2026-06-30T09:00:00Z', '2026-06-30T10:00:00Z', '2026-07-10T06:00:00Z', '2026-07-14T06:00:00Z');
      expect((await sweepSla(ctx)).alerts).toBe(5);
      const alerts = await t.db.query<{ kind: string; email: string; n: number }>(
        `SELECT a.kind, c.email, count(r.user_id)::int AS n FROM alerts a JOIN contacts c ON c.id = a.contact_id JOIN alert_recipients r ON r.alert_id = a.id
          GROUP BY 1, 2 ORDER BY 2, 1`);
      // Every breach is on record and in both people's alert lists...
      expect(alerts).toEqual([
        { kind: 'first_touch_breached', email: 'new@x.test', n: 2 },
        { kind: 'attempts_breached', email: 'old1@x.test', n: 2 }, { kind: 'first_touch_breached', email: 'old1@x.test', n: 2 },
        { kind: 'attempts_breached', email: 'old2@x.test', n: 2 }, { kind: 'first_touch_breached', email: 'old2@x.test', n: 2 },
      ]);
      // ...but only the fresh one becomes email: one to the rep and one to the manager, not ten.
      const emails = await t.db.query<{ target: string; title: string }>(
        `SELECT d.target, a.title FROM deliveries d JOIN alerts a ON a.id = d.alert_id WHERE d.channel = 'email' ORDER BY d.target`);
      expect(emails).toEqual([{ target: 'boss@x.test', title: 'First touch missed: new@x.test' }, { target: 'rep@x.test', title: 'First touch missed: new@x.test' }]);
      // A breach a day and a minute old is past the cutoff; one a day old still goes out.
      expect([24 * 60, 24 * 60 + 1].map((m) => isEmailWorthy(new Date(clock.now().getTime() - m * 60_000), clock.now()))).toEqual([true, false]);
    } finally {
      await t.cleanup();
    }
  });

  it('two instances sweeping at once recycle a lead whose attempts ran out once, and neither fails on the lead the other recycled', async () => {
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
