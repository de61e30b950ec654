import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { runReport, rowsToCsv } from '../../reports/report-registry.js';
import type { Ctx } from '../context.js';
import { logActivity } from '../crm/activities.js';
import { createUser, updateUser } from '../crm/users.js';
import { advanceTo, recycleContact } from '../funnel/transitions.js';
import { aeQueue, handoffsReport, sweepAeHandoffs } from './ae-handoffs.js';
import { saveAeRoutingRules } from './ae-routing.js';
import { addWorkingDays, aeCalendar, defaultAeSla, saveAeSla } from './ae-sla.js';
import { acceptLead, routeQueuedLeads } from './route-leads.js';

const H = 3600_000;

describe('working days on the AE calendar', () => {
  const cal = aeCalendar(defaultAeSla, 'Europe/Madrid');
  it('lands on the same local time the given working days later, skipping weekends and holidays', () => {
    // Friday 13 November 2026, 15:00 in Madrid (14:00 UTC): two working days on is Tuesday 15:00.
    expect(addWorkingDays(new Date('2026-11-13T14:00:00Z'), 2, cal).toISOString()).toBe('2026-11-17T14:00:00.000Z');
    // Handed on Saturday: the clock starts at Monday's opening (09:00), due Wednesday 09:00.
    expect(addWorkingDays(new Date('2026-11-14T10:00:00Z'), 2, cal).toISOString()).toBe('2026-11-18T08:00:00.000Z');
    // Monday 16 November a holiday: Friday 15:00 + 2 working days is Wednesday 15:00.
    expect(addWorkingDays(new Date('2026-11-13T14:00:00Z'), 2, { ...cal, holidays: ['2026-11-16'] }).toISOString()).toBe('2026-11-18T14:00:00.000Z');
  });
});

describe.each(testBackends())('SDR verification → account executive on %s', (backend) => {
  it('an SDR accepts, an AE chosen by the AE rules gets the lead with a 2-working-day clock, alerts at risk and breach, the first meeting closes it, and the report counts it', async () => {
    const t = await createTestDb(backend);
    try {
      // Monday 9 November 2026, 08:00 UTC (the workspace's zone: office hours 09:00–17:00 UTC).
      const clock = fixedClock('2026-11-09T08:00:00Z');
      const sys: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      // The AEs are created first, so a round-robin over every rep would reach them first: MQL routing must skip them.
      const ada = await createUser(t.db, { name: 'Ada', email: 'ada@x.test', role: 'sales_rep', team: 'Enterprise', sales_role: 'ae' });
      const abe = await createUser(t.db, { name: 'Abe', email: 'abe@x.test', role: 'sales_rep', team: 'Enterprise', sales_role: 'ae' });
      const al = await createUser(t.db, { name: 'Al', email: 'al@x.test', role: 'sales_rep', team: 'SMB', sales_role: 'ae' });
      const sam = await createUser(t.db, { name: 'Sam', email: 'sam@x.test', role: 'sales_rep', team: 'SDR', sales_role: 'sdr' });
      const mia = await createUser(t.db, { name: 'Mia', email: 'mia@x.test', role: 'sales_manager', team: 'Enterprise' });
      await expect(saveAeRoutingRules(t.db, { rules: [{ id: 'big', name: 'Big accounts', conditions: [{ field: 'company.segment', op: 'in', value: ['enterprise'] }], team: 'Sales' }], fallbackTeam: 'SMB' }))
        .rejects.toMatchObject({ details: { errors: [{ field: 'rules[0].team', problem: expect.stringContaining('no account executive is in team "Sales"') }] } });
      await saveAeRoutingRules(t.db, { rules: [{ id: 'big', name: 'Big accounts', conditions: [{ field: 'company.segment', op: 'in', value: ['enterprise'] }], team: 'Enterprise' }], fallbackTeam: 'SMB' });

      const mql = async (email: string, segment: string) => {
        const [co] = await t.db.query<{ id: number }>(`INSERT INTO companies (name, segment) VALUES ($1, $2) RETURNING id`, [`${email} Inc`, segment]);
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, first_name, company_id, lifecycle_stage) VALUES ($1, $1, $2, $3, 'lead') RETURNING id`, [email, email.split('@')[0], co!.id]);
        await advanceTo(sys, 'contact', c!.id, 'mql', 'test', clock.now());
        return c!.id;
      };
      const l1 = await mql('one@x.test', 'enterprise');
      const l2 = await mql('two@x.test', 'enterprise');
      const l3 = await mql('three@x.test', 'small');
      expect((await routeQueuedLeads(sys)).map((r) => r.ownerId)).toEqual([sam.id, sam.id, sam.id]);

      const asSam: Ctx = { ...sys, actor: { type: 'user', id: String(sam.id), role: 'sales_rep' } };
      clock.set('2026-11-09T09:00:00Z');
      expect(await acceptLead(asSam, l1)).toMatchObject({ aeId: ada.id, handedBy: 'AE rule big (team Enterprise)' });
      clock.set('2026-11-09T10:00:00Z');
      expect(await acceptLead(asSam, l2)).toMatchObject({ aeId: abe.id }); // round-robin inside Enterprise
      clock.set('2026-11-09T12:00:00Z');
      expect(await acceptLead(asSam, l3)).toMatchObject({ aeId: al.id, handedBy: 'AE fallback team SMB' });

      const contacts = await t.db.query<{ id: number; lifecycle_stage: string; lead_status: string; owner_id: number }>('SELECT id, lifecycle_stage, lead_status, owner_id FROM contacts ORDER BY id');
      expect(contacts.map((c) => [c.lifecycle_stage, c.lead_status, c.owner_id])).toEqual([['sql', 'qualified', ada.id], ['sql', 'qualified', abe.id], ['sql', 'qualified', al.id]]);
      // The SDR clocks closed as accepted; the AE clocks run 2 working days (16 office hours), at risk after 12.
      expect(await t.db.query(`SELECT close_reason FROM lead_assignments ORDER BY id`)).toEqual([{ close_reason: 'accepted' }, { close_reason: 'accepted' }, { close_reason: 'accepted' }]);
      const clocks = await t.db.query<{ contact_id: number; sdr_id: number; ae_id: number; meeting_risk_at: Date; meeting_due: Date; sdr_assignment_id: number | null }>(
        'SELECT contact_id, sdr_id, ae_id, meeting_risk_at, meeting_due, sdr_assignment_id FROM ae_handoffs ORDER BY id');
      expect(clocks.map((h) => [h.contact_id, h.sdr_id, h.ae_id, h.meeting_risk_at.toISOString(), h.meeting_due.toISOString()])).toEqual([
        [l1, sam.id, ada.id, '2026-11-10T13:00:00.000Z', '2026-11-11T09:00:00.000Z'],
        [l2, sam.id, abe.id, '2026-11-10T14:00:00.000Z', '2026-11-11T10:00:00.000Z'],
        [l3, sam.id, al.id, '2026-11-10T16:00:00.000Z', '2026-11-11T12:00:00.000Z'],
      ]);
      expect(clocks.every((h) => h.sdr_assignment_id !== null)).toBe(true);

      // The AE hears of the handoff with the contact, the SDR and themself.
      const [handoffAlert] = await t.db.query<{ title: string; payload: Record<string, unknown>; user_id: number }>(
        `SELECT a.title, a.payload, r.user_id FROM alerts a JOIN alert_recipients r ON r.alert_id = a.id WHERE a.kind = 'ae_handoff' AND a.contact_id = $1`, [l1]);
      expect(handoffAlert).toMatchObject({
        title: 'New sales lead for you: one', user_id: ada.id,
        payload: { contact: { id: l1, name: 'one', email: 'one@x.test' }, sdr: { id: sam.id, name: 'Sam' }, ae: { id: ada.id, name: 'Ada' }, why: [], first_meeting_due: '2026-11-11T09:00:00.000Z' },
      });
      // Ada's queue holds her SQL with its clock.
      expect((await aeQueue(t.db, clock.now(), ada.id)).map((q) => [q.contact_id, q.sdr_name, q.status])).toEqual([[l1, 'Sam', 'on_time']]);

      // Tuesday 13:30: only Ada's lead is past its at-risk point; she and her team's manager hear of it.
      clock.set('2026-11-10T13:30:00Z');
      expect(await sweepAeHandoffs(sys)).toBe(1);
      expect(await sweepAeHandoffs(sys)).toBe(0);
      const alertsOf = (kind: string) => t.db.query<{ contact_id: number; users: number[] }>(
        `SELECT a.contact_id, array_agg(r.user_id::int ORDER BY r.user_id) AS users FROM alerts a JOIN alert_recipients r ON r.alert_id = a.id WHERE a.kind = $1 GROUP BY a.id, a.contact_id ORDER BY a.contact_id`, [kind]);
      expect(await alertsOf('first_meeting_at_risk')).toEqual([{ contact_id: l1, users: [ada.id, mia.id] }]);
      expect((await aeQueue(t.db, clock.now(), ada.id))[0]!.status).toBe('at_risk');

      // Ada holds the first meeting at 15:00: her clock closes as met. Abe only schedules one.
      const as = (u: { id: number }): Ctx => ({ ...sys, actor: { type: 'user', id: String(u.id), role: 'sales_rep' } });
      await logActivity(as(ada), { type: 'meeting', outcome: 'completed', contact_id: l1, occurred_at: '2026-11-10T15:00:00Z' });
      await logActivity(as(abe), { type: 'meeting', outcome: 'scheduled', contact_id: l2, occurred_at: '2026-11-10T15:00:00Z' });
      expect(await t.db.query('SELECT contact_id, close_reason, first_meeting_at FROM ae_handoffs ORDER BY id')).toEqual([
        { contact_id: l1, close_reason: 'met', first_meeting_at: new Date('2026-11-10T15:00:00Z') },
        { contact_id: l2, close_reason: null, first_meeting_at: null },
        { contact_id: l3, close_reason: null, first_meeting_at: null },
      ]);
      expect(await aeQueue(t.db, clock.now(), ada.id)).toEqual([]);

      // Wednesday 12:30: Abe's and Al's are past due, found late: a breach each, no at-risk alert.
      clock.set('2026-11-11T12:30:00Z');
      expect(await sweepAeHandoffs(sys)).toBe(2);
      expect(await alertsOf('first_meeting_breached')).toEqual([{ contact_id: l2, users: [abe.id, mia.id] }, { contact_id: l3, users: [al.id, mia.id] }]);
      expect(await alertsOf('first_meeting_at_risk')).toHaveLength(1);

      // Al meets his lead late, Wednesday 14:00 (50 hours after the handoff).
      await logActivity(as(al), { type: 'meeting', outcome: 'completed', contact_id: l3, occurred_at: '2026-11-11T14:00:00Z' });

      // Thursday noon, November: accept took 1, 2 and 4 hours; first meetings 30 h (in time) and 50 h (late), one still missing past due.
      clock.set('2026-11-12T12:00:00Z');
      const r = await handoffsReport(t.db, clock.now(), new Date('2026-11-01T00:00:00Z'), new Date('2026-12-01T00:00:00Z'));
      expect(r.accept.total).toEqual({ leads: 3, done: 3, median_hours: 2, mean_hours: 7 / 3, decided: 3, within_sla: 3, within_sla_share: 1 });
      expect(r.accept.people).toEqual([{ team: 'SDR', user_id: sam.id, name: 'Sam', leads: 3, done: 3, median_hours: 2, mean_hours: 7 / 3, decided: 3, within_sla: 3, within_sla_share: 1 }]);
      expect(r.first_meeting.total).toEqual({ leads: 3, done: 2, median_hours: 40, mean_hours: 40, decided: 3, within_sla: 1, within_sla_share: 1 / 3 });
      expect(r.first_meeting.teams).toEqual([
        { team: 'Enterprise', leads: 2, done: 1, median_hours: 30, mean_hours: 30, decided: 2, within_sla: 1, within_sla_share: 0.5 },
        { team: 'SMB', leads: 1, done: 1, median_hours: 50, mean_hours: 50, decided: 1, within_sla: 0, within_sla_share: 0 },
      ]);
      expect(r.first_meeting.people.map((p) => [p.name, p.done, p.median_hours, p.within_sla_share])).toEqual([['Abe', 0, null, 0], ['Ada', 1, 30, 1], ['Al', 1, 50, 0]]);

      // The same figures as the CSV (and `revloop report handoffs`) prints them.
      const csv = rowsToCsv((await runReport(t.db, clock, 'handoffs', { from: '2026-11-01', to: '2026-11-30' })).rows).trim().split('\n');
      expect(csv[0]).toBe('measure,who,team,leads,done,median hours,mean hours,decided,within SLA,within SLA share');
      expect(csv).toContain('time to accept,everyone,,3,3,2,2.3,3,3,1');
      expect(csv).toContain('time to first meeting,team Enterprise,Enterprise,2,1,30,30,2,1,0.5');
      expect(csv).toContain('time to first meeting,Abe,Enterprise,1,0,,,1,0,0');

      // Abe's lead goes back to marketing: his clock closes, and his queue is empty.
      await recycleContact(sys, l2, { reason: 'no budget this year' });
      expect(await t.db.query('SELECT close_reason FROM ae_handoffs WHERE contact_id = $1', [l2])).toEqual([{ close_reason: 'recycled' }]);
      expect(await aeQueue(t.db, clock.now(), abe.id)).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 300_000);

  it('refuses an AE SLA naming each bad field, and keeps the one saved before', async () => {
    const t = await createTestDb(backend);
    try {
      await saveAeSla(t.db, { firstMeetingDays: 3 });
      await expect(saveAeSla(t.db, { firstMeetingDays: 0, atRiskShare: 1, monthlyCapacity: 'ten' })).rejects.toMatchObject({
        code: 'validation_failed',
        details: { errors: expect.arrayContaining([
          { field: 'firstMeetingDays', problem: 'must be at least 1 working day' },
          { field: 'atRiskShare', problem: 'must be less than 1' },
          { field: 'monthlyCapacity', problem: 'must be a number of leads' },
        ]) },
      });
      expect(await t.db.query(`SELECT value FROM app_settings WHERE key = 'ae_sla'`)).toEqual([{ value: JSON.stringify({ firstMeetingDays: 3, calendar: null, atRiskShare: 0.75, monthlyCapacity: null }) }]);
    } finally {
      await t.cleanup();
    }
  }, 180_000);

  it('keeps the lead with the SDR when no AE is active, and with a rep who works leads end to end', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-11-09T08:00:00Z');
      const sys: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'test' } };
      const ada = await createUser(t.db, { name: 'Ada', email: 'ada@x.test', role: 'sales_rep', team: 'AE', sales_role: 'ae' });
      const sam = await createUser(t.db, { name: 'Sam', email: 'sam@x.test', role: 'sales_rep', team: 'SDR', sales_role: 'sdr' });
      await updateUser(t.db, ada.id, { active: false });
      const mql = async (email: string) => {
        const [c] = await t.db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, 'lead') RETURNING id`, [email]);
        await advanceTo(sys, 'contact', c!.id, 'mql', 'test', clock.now());
        return c!.id;
      };
      const l1 = await mql('one@x.test');
      await routeQueuedLeads(sys);
      const asSam: Ctx = { ...sys, actor: { type: 'user', id: String(sam.id), role: 'sales_rep' } };
      expect(await acceptLead(asSam, l1)).toBeNull();
      expect(await t.db.query('SELECT lifecycle_stage, owner_id FROM contacts WHERE id = $1', [l1])).toEqual([{ lifecycle_stage: 'sql', owner_id: sam.id }]);
      // Sam has no sales role now (works leads end to end): Ada is back, but Sam keeps what he accepts.
      await updateUser(t.db, ada.id, { active: true });
      await updateUser(t.db, sam.id, { sales_role: null });
      const l2 = await mql('two@x.test');
      await routeQueuedLeads(sys);
      expect(await acceptLead(asSam, l2)).toBeNull();
      expect(await t.db.query('SELECT count(*)::int AS n FROM ae_handoffs')).toEqual([{ n: 0 }]);
      // Ada is away and an SDR accepts: AEs exist but none can take it: Sam keeps it and the managers hear of it.
      await updateUser(t.db, sam.id, { sales_role: 'sdr' });
      await updateUser(t.db, ada.id, { away: true });
      const mia = await createUser(t.db, { name: 'Mia', email: 'mia@x.test', role: 'sales_manager', team: 'SDR' });
      const l3 = await mql('three@x.test');
      await routeQueuedLeads(sys);
      expect(await acceptLead(asSam, l3)).toEqual({ handoffId: null, aeId: null, handedBy: 'unroutable' });
      expect(await t.db.query(`SELECT r.user_id FROM alerts a JOIN alert_recipients r ON r.alert_id = a.id WHERE a.kind = 'unroutable' AND a.contact_id = $1`, [l3])).toEqual([{ user_id: mia.id }]);
      expect(await t.db.query('SELECT owner_id FROM contacts WHERE id = $1', [l3])).toEqual([{ owner_id: sam.id }]);
      // Ada is back: the next one is hers, and a manager who gives it to Abe by hand gives him its clock.
      await updateUser(t.db, ada.id, { away: false });
      const abe = await createUser(t.db, { name: 'Abe', email: 'abe@x.test', role: 'sales_rep', team: 'AE', sales_role: 'ae' });
      const l4 = await mql('four@x.test');
      await routeQueuedLeads(sys);
      expect(await acceptLead(asSam, l4)).toMatchObject({ aeId: ada.id });
      await t.db.query('UPDATE contacts SET owner_id = $2 WHERE id = $1', [l4, abe.id]);
      expect(await t.db.query('SELECT ae_id::int FROM ae_handoffs WHERE contact_id = $1', [l4])).toEqual([{ ae_id: abe.id }]);
    } finally {
      await t.cleanup();
    }
  }, 300_000);
});
