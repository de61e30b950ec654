import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type Backend, type TestDb } from '../../testing/test-db.js';
import { createUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { speedToLead } from '../reports/speed-to-lead.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { assignLead, routeQueuedLeads } from './route-leads.js';
import { activeSlaPolicies, saveSlaPolicies } from './sla-policies.js';
import { sweepSla } from './sla-watch.js';

// Madrid in June is UTC+2: 10:00 local is 08:00Z. 1 June 2026 is a Monday.
const local = (day: string, hhmmss: string) => new Date(new Date(`${day}T${hhmmss}Z`).getTime() - 2 * 3600_000);

async function setUp(backend: Backend) {
  const t = await createTestDb(backend);
  await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
  const boss = await createUser(t.db, { name: 'Boss', email: 'boss@x.test', role: 'sales_manager', team: 'SDR' });
  const rep = await createUser(t.db, { name: 'Rep', email: 'rep@x.test', role: 'sales_rep', team: 'SDR', manager_id: boss.id });
  const clock = fixedClock(local('2026-06-01', '09:00:00').toISOString());
  const ctx = { db: t.db, clock, actor: { type: 'system' as const, id: 'test' } };
  return { t, boss, rep, clock, ctx };
}

/** A contact that asks for sales (or a demo) at `at` and becomes an MQL of that type then. */
async function request(t: TestDb, ctx: { db: TestDb['db']; clock: ReturnType<typeof fixedClock>; actor: { type: 'system'; id: string } }, email: string, at: Date, type = 'contact_sales') {
  const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, 'lead') RETURNING id`, [email]);
  await t.db.query('UPDATE contacts SET mql_type = $2 WHERE id = $1', [c!.id, type]);
  await advanceTo(ctx, 'contact', c!.id, 'mql', 'asked for sales', at);
  return c!.id;
}

const call = (t: TestDb, contactId: number, userId: number, at: Date) =>
  t.db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) VALUES ('call', 'no_answer', $1, $2, $3)`, [contactId, userId, at]);

const clockOf = async (t: TestDb, contactId: number) => {
  const [a] = await t.db.query<{ clock_started_at: Date; assigned_at: Date; first_touch_due: Date; first_touch_risk_at: Date; first_touch_at: Date | null; met: boolean | null }>(
    `SELECT clock_started_at, assigned_at, first_touch_due, first_touch_risk_at, first_touch_at, first_touch_at <= first_touch_due AS met FROM lead_assignments WHERE contact_id = $1`, [contactId]);
  return { ...a!, clock_started_at: new Date(a!.clock_started_at).toISOString(), assigned_at: new Date(a!.assigned_at).toISOString(), first_touch_due: new Date(a!.first_touch_due).toISOString(), first_touch_risk_at: new Date(a!.first_touch_risk_at).toISOString() };
};

const alertsOf = (t: TestDb, kind: string) =>
  t.db.query<{ email: string; who: string; role: string }>(
    `SELECT c.email, u.email AS who, r.role FROM alerts a JOIN contacts c ON c.id = a.contact_id JOIN alert_recipients r ON r.alert_id = a.id JOIN users u ON u.id = r.user_id
      WHERE a.kind = $1 ORDER BY c.email, u.email`, [kind]);

describe.each(testBackends())('speed to lead on %s', (backend) => {
  it('starts a contact-sales clock at the request: answered in 3 minutes is met, after 6 is breached (and alerted), a request at night is due 5 minutes after opening', async () => {
    const { t, boss, rep, clock, ctx } = await setUp(backend);
    try {
      // The default policy for requests: 5 minutes on office hours in the workspace's zone, from the request.
      const [requests] = (await activeSlaPolicies(t.db)).policies;
      expect(requests).toMatchObject({ match: { mqlTypes: ['contact_sales', 'online_demo'] }, firstTouchMinutes: 5, clockStart: 'request', calendar: { timeZone: 'Europe/Madrid' } });

      const fast = await request(t, ctx, 'fast@x.test', local('2026-06-01', '10:00:00'));
      const slow = await request(t, ctx, 'slow@x.test', local('2026-06-01', '10:00:00'), 'online_demo');
      // Routing took a minute: that minute counts against sales.
      clock.set(local('2026-06-01', '10:01:00').toISOString());
      expect((await routeQueuedLeads(ctx)).map((r) => r.ownerId)).toEqual([rep.id, rep.id]);
      expect(await clockOf(t, fast)).toMatchObject({
        clock_started_at: '2026-06-01T08:00:00.000Z', assigned_at: '2026-06-01T08:01:00.000Z',
        first_touch_risk_at: '2026-06-01T08:03:45.000Z', first_touch_due: '2026-06-01T08:05:00.000Z',
      });
      await call(t, fast, rep.id, local('2026-06-01', '10:03:00'));
      clock.set(local('2026-06-01', '10:05:30').toISOString());
      expect(await sweepSla(ctx)).toEqual({ alerts: 1, recycled: 0 });
      await call(t, slow, rep.id, local('2026-06-01', '10:06:00'));
      expect((await clockOf(t, fast)).met).toBe(true);
      expect((await clockOf(t, slow)).met).toBe(false);
      // The breach went to the rep and their manager.
      expect(await alertsOf(t, 'first_touch_breached')).toEqual([
        { email: 'slow@x.test', who: 'boss@x.test', role: 'manager' }, { email: 'slow@x.test', who: 'rep@x.test', role: 'owner' },
      ]);
      expect(boss.id).toBeGreaterThan(0);

      // 20:00 is after hours: the 5 minutes start at 09:00 the next morning; answered at 09:04, met.
      clock.set(local('2026-06-01', '20:00:00').toISOString());
      const night = await request(t, ctx, 'night@x.test', local('2026-06-01', '20:00:00'));
      clock.set(local('2026-06-01', '20:00:20').toISOString());
      await routeQueuedLeads(ctx);
      expect(await clockOf(t, night)).toMatchObject({ clock_started_at: '2026-06-01T18:00:00.000Z', first_touch_due: '2026-06-02T07:05:00.000Z' });
      clock.set(local('2026-06-02', '09:04:30').toISOString());
      await call(t, night, rep.id, local('2026-06-02', '09:04:00'));
      expect((await sweepSla(ctx)).alerts).toBe(0);
      expect((await clockOf(t, night)).met).toBe(true);
    } finally {
      await t.cleanup();
    }
  }, 240_000);

  it('keeps saved policies starting at assignment, and a reassigned lead gets a clock from its reassignment', async () => {
    const { t, rep, clock, ctx } = await setUp(backend);
    try {
      // A policy saved before the option existed (no clockStart): its clock starts at assignment.
      await saveSlaPolicies(t.db, { policies: [{ id: 'default', name: 'Every MQL', firstTouchMinutes: 30, attempts: 8, attemptsDays: 14 }] });
      expect((await activeSlaPolicies(t.db)).policies[0]).toMatchObject({ clockStart: 'assignment', atRiskAlerts: 'owner' });
      const old = await request(t, ctx, 'old@x.test', local('2026-06-01', '10:00:00'));
      clock.set(local('2026-06-01', '10:10:00').toISOString());
      await routeQueuedLeads(ctx);
      expect(await clockOf(t, old)).toMatchObject({ clock_started_at: '2026-06-01T08:10:00.000Z', first_touch_due: '2026-06-01T08:40:00.000Z' });

      await saveSlaPolicies(t.db, { policies: [{ id: 'default', name: 'Every MQL', firstTouchMinutes: 5, attempts: 8, attemptsDays: 14, clockStart: 'request' }] });
      const lead = await request(t, ctx, 'lead@x.test', local('2026-06-01', '11:00:00'));
      clock.set(local('2026-06-01', '11:02:00').toISOString());
      await routeQueuedLeads(ctx);
      expect(await clockOf(t, lead)).toMatchObject({ clock_started_at: '2026-06-01T09:00:00.000Z', first_touch_due: '2026-06-01T09:05:00.000Z' });
      // A manager hands it to another rep an hour later: the new owner's clock starts then, not at the request.
      const other = await createUser(t.db, { name: 'Other', email: 'other@x.test', role: 'sales_rep', team: 'SDR' });
      clock.set(local('2026-06-01', '12:00:00').toISOString());
      await assignLead({ ...ctx, actor: { type: 'system', id: 'test' } }, lead, { owner_id: other.id });
      const [open] = await t.db.query<{ clock_started_at: Date; first_touch_due: Date }>('SELECT clock_started_at, first_touch_due FROM lead_assignments WHERE contact_id = $1 AND closed_at IS NULL', [lead]);
      expect([new Date(open!.clock_started_at).toISOString(), new Date(open!.first_touch_due).toISOString()]).toEqual(['2026-06-01T10:00:00.000Z', '2026-06-01T10:05:00.000Z']);
      expect(rep.id).not.toBe(other.id);
    } finally {
      await t.cleanup();
    }
  }, 240_000);

  it("tells the rep's manager of an at-risk lead when the policy says so, and marketing of an automatic recycle with the reason", async () => {
    const { t, rep, clock, ctx } = await setUp(backend);
    try {
      await createUser(t.db, { name: 'Mia Marketing', email: 'mia@x.test', role: 'marketing', team: 'Growth' });
      const gone = await createUser(t.db, { name: 'Gus Gone', email: 'gus@x.test', role: 'marketing', team: 'Growth' });
      await t.db.query('UPDATE users SET active = false WHERE id = $1', [gone.id]);
      const policies = (await activeSlaPolicies(t.db)).policies;
      await saveSlaPolicies(t.db, { policies: [{ ...policies[0]!, atRiskAlerts: 'owner_and_manager' }, { ...policies[1]!, attempts: 2, attemptsDays: 2 }] });
      const hot = await request(t, ctx, 'hot@x.test', local('2026-06-01', '10:00:00'));
      const cold = await request(t, ctx, 'cold@x.test', local('2026-06-01', '10:00:00'), 'webinar');
      clock.set(local('2026-06-01', '10:00:10').toISOString());
      await routeQueuedLeads(ctx);
      // 3:45 in: the request is at risk; the webinar lead (4 h, owner only) is not yet.
      clock.set(local('2026-06-01', '10:04:00').toISOString());
      expect((await sweepSla(ctx)).alerts).toBe(1);
      expect(await alertsOf(t, 'first_touch_at_risk')).toEqual([
        { email: 'hot@x.test', who: 'boss@x.test', role: 'manager' }, { email: 'hot@x.test', who: 'rep@x.test', role: 'owner' },
      ]);
      // The webinar lead's at-risk alert (policy: owner only) reaches the rep alone.
      clock.set(local('2026-06-01', '13:30:00').toISOString());
      await sweepSla(ctx);
      expect((await alertsOf(t, 'first_touch_at_risk')).filter((a) => a.email === 'cold@x.test')).toEqual([{ email: 'cold@x.test', who: 'rep@x.test', role: 'owner' }]);
      // Two attempts without a connection in its two days: back to marketing, who hear why.
      await call(t, cold, rep.id, local('2026-06-01', '14:00:00'));
      await call(t, cold, rep.id, local('2026-06-02', '14:00:00'));
      clock.set(local('2026-06-03', '10:30:00').toISOString());
      expect((await sweepSla(ctx)).recycled).toBe(1);
      expect(await alertsOf(t, 'recycled')).toEqual([
        { email: 'cold@x.test', who: 'mia@x.test', role: 'marketing' }, { email: 'cold@x.test', who: 'rep@x.test', role: 'owner' },
      ]);
      const [a] = await t.db.query<{ body: string; payload: { reason: string } }>(`SELECT body, payload FROM alerts WHERE kind = 'recycled'`);
      expect(a!.payload.reason).toBe('no connection after 2 attempts in 2 days (automatic)');
      expect(a!.body).toBe('cold@x.test was recycled to marketing for nurture: no connection after 2 attempts in 2 days (automatic).');
      expect(hot).toBeGreaterThan(0);
    } finally {
      await t.cleanup();
    }
  }, 240_000);

  it('buckets first touches from the start of the clock, edges inclusive, with what each bucket converted to', async () => {
    const t = await createTestDb(backend);
    try {
      const start = new Date('2026-03-02T10:00:00Z');
      const min = (m: number) => new Date(start.getTime() + m * 60_000);
      let n = 0;
      // [minutes to first touch from the clock's start (null: untouched), minutes from start to assignment, stages reached (minutes from start)]
      const leads: [number | null, number, [string, number][]][] = [
        [3, 0, [['sql', 60], ['customer', 600]]],
        [5, 0, [['sql', -10]]], // an SQL move before this clock started does not count for it
        [5 + 1 / 60, 0, [['sql', 100]]],
        [6, 2, []], // 4 minutes after its assignment, but 6 after the request
        [60, 0, [['opportunity', 90]]],
        [60.5, 0, []],
        [1440, 0, [['customer', 2000]]],
        [1441, 0, []],
        [null, 0, [['sql', 30]]],
      ];
      for (const [touch, assigned, stages] of leads) {
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, 'mql') RETURNING id`, [`s${++n}@x.test`]);
        for (const [stage, m] of stages) {
          await t.db.query(`INSERT INTO stage_transitions (object_type, object_id, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, 'forward', $3, 'user')`, [c!.id, stage, min(m)]);
        }
        await t.db.query(
          `INSERT INTO lead_assignments (contact_id, assigned_at, clock_started_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at)
           VALUES ($1, $2, $3, 'rule', 'default', '{}', $3, $3, 1, $3, $3, $4)`,
          [c!.id, min(assigned), start, touch === null ? null : min(touch)],
        );
      }
      // An assignment of the month before is left out.
      await t.db.query(
        `INSERT INTO lead_assignments (contact_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due, first_touch_at, closed_at, close_reason)
         SELECT id, '2026-02-27T10:00:00Z', 'rule', 'default', '{}', now(), now(), 1, now(), now(), '2026-02-27T10:01:00Z', '2026-02-28T10:00:00Z', 'closed' FROM contacts WHERE email = 's1@x.test'`);
      const r = await speedToLead(t.db, new Date('2026-03-01T00:00:00Z'), new Date('2026-04-01T00:00:00Z'));
      expect(r.buckets.map((b) => [b.bucket, b.count, b.sqls, b.customers])).toEqual([
        ['≤5 min', 2, 1, 1], ['5–30 min', 2, 1, 0], ['30–60 min', 1, 1, 0], ['1–4 h', 1, 0, 0], ['4–24 h', 1, 1, 1], ['>24 h', 1, 0, 0], ['not yet', 1, 1, 0],
      ]);
      expect(r.buckets.map((b) => b.sql_rate)).toEqual([0.5, 0.5, 1, 0, 1, 0, 1]);
      expect(r.buckets.map((b) => b.customer_rate)).toEqual([0.5, 0, 0, 0, 1, 0, 0]);
      expect(r.buckets[0]!.share).toBeCloseTo(2 / 9, 10);
      expect(r).toMatchObject({ assignments: 9, within_5m: 2, within_4h: 6, sqls: 5, customers: 2, median_minutes: 33 });
      expect(r.share_within_5m).toBeCloseTo(2 / 9, 10);
      expect(r.customer_rate).toBeCloseTo(2 / 9, 10);
    } finally {
      await t.cleanup();
    }
  }, 240_000);
});
