import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { createUser, updateUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { routeQueuedLeads } from './route-leads.js';

describe.each(testBackends())('routing and monthly capacity on %s', (backend) => {
  // Ana may take one lead a month and got one at 00:30 on 1 November in Madrid (still 31 October
  // in UTC). Whether she is full in November depends on whose November it is.
  const ownerOfNextLead = async (zone: string | null) => {
    const t = await createTestDb(backend);
    try {
      if (zone) await saveWorkspaceSettings(t.db, { time_zone: zone });
      const ana = await createUser(t.db, { name: 'Ana', email: 'ana@x.test', role: 'sales_rep', team: 'SDR' });
      const ben = await createUser(t.db, { name: 'Ben', email: 'ben@x.test', role: 'sales_rep', team: 'SDR' });
      await t.db.query('UPDATE users SET monthly_capacity = 1 WHERE id = $1', [ana.id]);
      const [old] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) VALUES ('old@x.test', 'old@x.test', $1, 'mql') RETURNING id`, [ana.id]);
      await t.db.query(
        `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
         VALUES ($1, $2, '2026-10-31T23:30:00Z', 'test', 'default', '{"name":"Default"}', '2026-11-01T02:30:00Z', '2026-11-01T03:30:00Z', 8, '2026-11-11T00:00:00Z', '2026-11-14T23:30:00Z')`,
        [old!.id, ana.id],
      );
      const clock = fixedClock('2026-11-10T09:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'system' as const, id: 'test' } };
      const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('new@x.test', 'new@x.test', 'lead') RETURNING id`);
      await advanceTo(ctx, 'contact', c!.id, 'mql', 'test', clock.now());
      const [routed] = await routeQueuedLeads(ctx);
      return { owner: routed!.ownerId, ana: ana.id, ben: ben.id };
    } finally {
      await t.cleanup();
    }
  };

  it("counts a rep's leads against capacity by the workspace's months", async () => {
    const utc = await ownerOfNextLead(null);
    expect(utc.owner).toBe(utc.ana); // in UTC her lead was October's: she has room in November
    const madrid = await ownerOfNextLead('Europe/Madrid');
    expect(madrid.owner).toBe(madrid.ben); // in Madrid it was November's: she is full, Ben gets it
  });

  it('never gives a new lead to a deactivated or away rep, even one who owned it before; with nobody left the lead waits', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-11-10T09:00:00Z');
      const ctx = { db: t.db, clock, actor: { type: 'system' as const, id: 'test' } };
      const ana = await createUser(t.db, { name: 'Ana', email: 'ana@x.test', role: 'sales_rep', team: 'SDR' });
      const ben = await createUser(t.db, { name: 'Ben', email: 'ben@x.test', role: 'sales_rep', team: 'SDR' });
      const cy = await createUser(t.db, { name: 'Cy', email: 'cy@x.test', role: 'sales_rep', team: 'SDR' });
      await updateUser(t.db, ana.id, { active: false });
      await updateUser(t.db, cy.id, { away: true });
      // Two leads Ana and Cy already own (the default rules keep an existing owner when they can take it), and two without an owner.
      const mql = async (email: string, owner: number | null) => {
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, owner_id, lifecycle_stage) VALUES ($1, $1, $2, 'lead') RETURNING id`, [email, owner]);
        await advanceTo(ctx, 'contact', c!.id, 'mql', 'test', clock.now());
      };
      await mql('a@x.test', ana.id);
      await mql('c@x.test', cy.id);
      await mql('n1@x.test', null);
      await mql('n2@x.test', null);
      const routed = await routeQueuedLeads(ctx);
      expect(routed.map((r) => r.ownerId)).toEqual([ben.id, ben.id, ben.id, ben.id]);
      // Ben goes away too: the next lead finds nobody, stays queued and the managers hear of it.
      await updateUser(t.db, ben.id, { away: true });
      await mql('n3@x.test', null);
      expect(await routeQueuedLeads(ctx)).toEqual([expect.objectContaining({ ownerId: null, assignedBy: 'unroutable' })]);
      expect(await t.db.query('SELECT 1 FROM routing_queue')).toHaveLength(1);
      // Back from away, Ben takes it on the next pass; Ana, reactivated, is again in the rotation.
      await updateUser(t.db, ben.id, { away: false });
      await updateUser(t.db, ana.id, { active: true });
      expect((await routeQueuedLeads(ctx)).map((r) => r.ownerId)).toEqual([ana.id]);
    } finally {
      await t.cleanup();
    }
  });
});
