// The rep's day seen from the SLA clock: activities logged through logActivity (what
// POST /api/activities calls) move the open clock that the contact page's SLA panel reads
// (openLeadsPage, behind GET /api/sla/leads?contact_id=).
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { logActivity } from '../crm/activities.js';
import { createUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { routeQueuedLeads } from './route-leads.js';
import { openLeadsPage } from './sla-dashboard.js';

describe.each(testBackends())('activities on an open SLA clock on %s', (backend) => {
  it('count a logged call as an attempt at its own past time, as the SLA panel reads it', async () => {
    const t = await createTestDb(backend);
    try {
      const rep = await createUser(t.db, { name: 'Rita Rep', email: 'rita@x.test', role: 'sales_rep', team: 'SDR' });
      const clock = fixedClock('2026-06-01T08:00:00Z');
      const system: Ctx = { db: t.db, clock, actor: { type: 'rule', id: 'test' } };
      const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('lead@x.test', 'lead@x.test', 'lead') RETURNING id`);
      const id = c!.id;
      await advanceTo(system, 'contact', id, 'mql', 'downloaded the guide');
      const [routed] = await routeQueuedLeads(system);
      expect(routed!.ownerId).toBe(rep.id);

      const panel = async () => {
        const { data } = await openLeadsPage(t.db, clock.now(), { contactId: id }, null);
        expect(data).toHaveLength(1);
        const [status] = await t.db.query<{ lead_status: string | null }>('SELECT lead_status FROM contacts WHERE id = $1', [id]);
        const l = data[0]!;
        return { attempts: l.attempts, first_touch_at: l.first_touch_at && new Date(l.first_touch_at).toISOString(), last_attempt_at: l.last_attempt_at && new Date(l.last_attempt_at).toISOString(), connected: l.connected_at !== null, lead_status: status!.lead_status };
      };
      expect(await panel()).toMatchObject({ attempts: 0, first_touch_at: null, connected: false });

      // Two hours later the rep logs the call she made at 09:15, with notes: her own context, as the route builds it.
      clock.set('2026-06-01T10:00:00Z');
      const rita: Ctx = { db: t.db, clock, actor: { type: 'user', id: String(rep.id), role: 'sales_rep', name: 'Rita Rep' } };
      const call = await logActivity(rita, { type: 'call', direction: 'outbound', outcome: 'voicemail', contact_id: id, occurred_at: '2026-06-01T09:15:00.000Z', body: 'Left a voicemail about the pricing guide.' });
      expect(new Date(call.occurred_at).toISOString()).toBe('2026-06-01T09:15:00.000Z');
      expect(call.body).toBe('Left a voicemail about the pricing guide.');
      expect(call.user_id).toBe(rep.id);
      expect(await panel()).toEqual({ attempts: 1, first_touch_at: '2026-06-01T09:15:00.000Z', last_attempt_at: '2026-06-01T09:15:00.000Z', connected: false, lead_status: 'attempting' });

      // An email is an attempt too; a meeting is not (it is a touch, not a try to reach someone).
      await logActivity(rita, { type: 'email', outcome: 'sent', contact_id: id });
      expect(await panel()).toMatchObject({ attempts: 2, last_attempt_at: '2026-06-01T10:00:00.000Z' });
      await logActivity(rita, { type: 'meeting', outcome: 'scheduled', contact_id: id });
      expect((await panel()).attempts).toBe(2);
      // A call from before the lead was handed to her is not an attempt on this clock.
      await logActivity(rita, { type: 'call', outcome: 'no_answer', contact_id: id, occurred_at: '2026-06-01T07:30:00.000Z' });
      expect(await panel()).toMatchObject({ attempts: 2, first_touch_at: '2026-06-01T09:15:00.000Z' });

      // The call that reaches her is the third attempt and connects the lead.
      clock.set('2026-06-02T09:00:00Z');
      await logActivity(rita, { type: 'call', outcome: 'connected', contact_id: id, occurred_at: '2026-06-02T08:40:00.000Z' });
      expect(await panel()).toEqual({ attempts: 3, first_touch_at: '2026-06-01T09:15:00.000Z', last_attempt_at: '2026-06-02T08:40:00.000Z', connected: true, lead_status: 'connected' });
    } finally {
      await t.cleanup();
    }
  });
});
