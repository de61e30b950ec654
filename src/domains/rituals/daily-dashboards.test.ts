import { describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { importMqls } from '../../testing/imported-mqls.js';
import { block, figure, section } from '../../testing/pack-lookup.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { logActivity } from '../crm/activities.js';
import { createCompany } from '../crm/companies.js';
import { createContact } from '../crm/contacts.js';
import { createUser } from '../crm/users.js';
import { moveStage } from '../funnel/transitions.js';
import { setGoal } from '../goals/goals.js';
import { setMqlValueOverride } from '../marketing-sla/mql-value.js';
import { assignLead } from '../sla/route-leads.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { dailyMarketing, dailyRep, dailySalesManager } from './daily-dashboards.js';
import { packDocumentOut } from './pack-document.js';

describe.each(testBackends())('daily dashboards on %s', (backend) => {
  it("marketing: the month's waterfall in the workspace's days, yesterday's MQLs, a past day judged at its end", async () => {
    const t = await createTestDb(backend);
    try {
      // Wednesday 14 October 2026, 08:00 in Madrid (CEST, UTC+2).
      const clock = fixedClock('2026-10-14T06:00:00Z');
      const ctx: Ctx = { db: t.db, clock, actor: systemActor };
      await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
      await setGoal(ctx, '2026-10', { revenue_goal: 400_000, marketing_sourced_share: 0.5 });
      await setMqlValueOverride(ctx, 'webinar', 1_500);
      await setMqlValueOverride(ctx, 'contact_sales', 11_000);
      // September's mix, half and half: 6,250 per MQL → 32 MQLs for the 200,000 target.
      await importMqls(t.db, 'webinar', 10, '2026-09-10T10:00:00Z');
      await importMqls(t.db, 'contact_sales', 10, '2026-09-11T10:00:00Z');
      await importMqls(t.db, 'webinar', 10, '2026-10-02T10:00:00Z');
      await importMqls(t.db, 'contact_sales', 5, '2026-10-13T10:00:00Z');
      // 22:30 UTC on the 13th is 00:30 on the 14th in Madrid: today's, not yesterday's.
      await importMqls(t.db, 'webinar', 1, '2026-10-13T22:30:00Z');

      const d = await dailyMarketing(ctx, { day: '2026-10-14' });
      expect(packDocumentOut.parse(d)).toEqual(d);
      expect(d).toMatchObject({ kind: 'daily_marketing', period: '2026-10-14', time_zone: 'Europe/Madrid', agenda: null, subtitle: 'Wednesday 14 October 2026 · Behind the pace' });
      expect(d.sections.map((s) => [s.key, s.title, s.minutes, s.presenter])).toEqual([['lead_waterfall', 'Lead waterfall, October 2026', null, null]]);
      // 13⅓ of 31 days gone: pace 200,000 × 13.333/31 = 86,021.51; 71,500 / 86,021.51 = 0.831 → behind.
      expect(figure(section(d, 'lead_waterfall'), 'MQL value delivered')).toEqual({
        label: 'MQL value delivered', value: 71_500, format: 'money', target: 200_000, tone: 'bad', detail: '16 MQLs of about 32 · target €200,000', href: '/marketing-sla?month=2026-10',
      });
      const pace = figure(section(d, 'lead_waterfall'), 'Against the pace');
      expect(pace.value).toBeCloseTo(71_500 / (200_000 * (40 / 3) / 31), 10);
      expect(pace.detail).toBe('Behind the pace · €86,022 due by now');
      // 71,500 × 31 / 13⅓ = 166,237.50, 83.1% of the target.
      expect(figure(section(d, 'lead_waterfall'), 'Projected month end')).toMatchObject({ value: 166_237.5, target: 200_000, tone: 'bad', detail: '83.1% of the target' });
      expect(figure(section(d, 'lead_waterfall'), "Yesterday's MQLs")).toMatchObject({ value: 5, detail: 'worth €55,000' });
      const chart = block(section(d, 'lead_waterfall'), 'chart');
      expect(chart.categories).toHaveLength(31);
      expect(chart.categories.slice(0, 2)).toEqual(['1 Oct', '2 Oct']);
      expect(chart.series[0]!.values.slice(0, 3)).toEqual([0, 15_000, 15_000]);
      expect(chart.series[0]!.values.slice(12, 15)).toEqual([70_000, 71_500, null]);
      expect(chart.series[1]!.values[30]).toBe(200_000);
      expect(block(section(d, 'lead_waterfall'), 'text').text).toBe(
        'Behind the pace: €71,500 of MQL value delivered against €86,022 due by now on the way to €200,000. At this pace the month ends at €166,238 (83.1% of the target).',
      );

      // Yesterday's dashboard, read today, is Tuesday's as it ended: the 00:30 MQL is not on its curve.
      const tuesday = await dailyMarketing(ctx, { day: '2026-10-13' });
      expect(block(section(tuesday, 'lead_waterfall'), 'chart').series[0]!.values.slice(11, 14)).toEqual([15_000, 70_000, null]);
      expect(figure(section(tuesday, 'lead_waterfall'), "Yesterday's MQLs")).toMatchObject({ value: 0, detail: 'worth €0' });
      // Its totals too: judged at Tuesday's end, Wednesday's 00:30 MQL is not delivered yet, and
      // the projection is 13 whole days' pace (70,000 × 31 / 13 = 166,923.08).
      expect(figure(section(tuesday, 'lead_waterfall'), 'MQL value delivered')).toMatchObject({ value: 70_000, detail: '15 MQLs of about 32 · target €200,000' });
      expect(figure(section(tuesday, 'lead_waterfall'), 'Projected month end').value).toBeCloseTo(166_923.08, 2);

      // The first of a month without a goal: no target to pace against, yesterday still counted (from October).
      await importMqls(t.db, 'webinar', 2, '2026-10-31T12:00:00Z');
      clock.set('2026-11-01T07:00:00Z');
      const nov = await dailyMarketing(ctx, { day: '2026-11-01' });
      expect(figure(section(nov, 'lead_waterfall'), "Yesterday's MQLs")).toMatchObject({ value: 2, detail: 'worth €3,000', href: '/marketing-sla?month=2026-10' });
      expect(block(section(nov, 'lead_waterfall'), 'text').text).toBe('No revenue goal is set for November 2026 (nor for its quarter), so there is no target to pace the MQLs against.');
      expect(block(section(nov, 'lead_waterfall'), 'list').items[0]!.href).toBe('/marketing-sla?month=2026-11');
      expect(nov.subtitle).toBe('Sunday 1 November 2026 · no target for November 2026');

      await expect(dailyMarketing(ctx, { day: '2026-11-02' })).rejects.toThrow('Day has not begun yet in Europe/Madrid');
      await expect(dailyMarketing(ctx, { day: '2026-02-30' })).rejects.toThrow('Day: "2026-02-30" is not a day of the calendar');
    } finally {
      await t.cleanup();
    }
  }, 180_000);

  it('sales manager and rep: late leads with owners, compliance per rep month to date, a rep’s own queue with due times', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock('2026-09-28T08:00:00Z');
      const sys: Ctx = { db: t.db, clock, actor: systemActor };
      await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
      const ana = (await createUser(t.db, { name: 'Ana Rep', email: 'ana@daily.test', role: 'sales_rep', team: 'SDR' })).id;
      const ben = (await createUser(t.db, { name: 'Ben Rep', email: 'ben@daily.test', role: 'sales_rep', team: 'SDR' })).id;
      const acme = (await createCompany(sys, { name: 'Acme' })).id;
      let n = 0;
      /** An MQL assigned to `owner` at `at` (default policy: first touch in 4 h, 8 attempts in 14 days), touched at `touched`. */
      const lead = async (first: string, owner: number, at: string, touched?: string) => {
        clock.set(at);
        const id = (await createContact(sys, { email: `lead${++n}@gmail.com`, first_name: first, last_name: 'Lead', company_id: acme })).id;
        await moveStage(sys, 'contact', id, 'mql', 'test');
        await assignLead(sys, id, { owner_id: owner });
        if (touched) await logActivity(sys, { type: 'call', direction: 'outbound', outcome: 'no_answer', contact_id: id, user_id: owner, occurred_at: touched });
        return id;
      };
      const l4 = await lead('Dora', ben, '2026-09-28T08:00:00Z', '2026-09-28T09:00:00Z'); // one attempt; 8 were due by 12 Oct 08:00 UTC
      const l1 = await lead('Abel', ana, '2026-10-13T08:00:00Z', '2026-10-13T09:00:00Z'); // touched in 1 h
      const l2 = await lead('Cleo', ana, '2026-10-13T10:00:00Z'); // first touch due 14:00 UTC, never made
      await lead('Eddy', ben, '2026-10-14T04:00:00Z'); // due 08:00 UTC, on time at 06:00
      clock.set('2026-10-14T06:00:00Z');
      const ctx: Ctx = { ...sys, actor: { type: 'user', id: '999', role: 'sales_manager' } };

      const d = await dailySalesManager(ctx, { day: '2026-10-14' });
      expect(packDocumentOut.parse(d)).toEqual(d);
      expect(d.sections.map((s) => s.key)).toEqual(['leads_now', 'not_touched', 'not_attempted', 'compliance']);
      expect(d.sections[0]!.title).toBe('Leads waiting at 14 Oct 2026, 08:00');
      expect(d.subtitle).toBe('Wednesday 14 October 2026 · 2 leads late, 0 at risk');
      expect(block(section(d, 'leads_now'), 'figures').items.map((f) => [f.label, f.value, f.tone ?? null])).toEqual([
        ['Open leads', 4, null], ['Breached', 2, 'bad'], ['At risk', 0, 'good'], ['Not touched in time', 1, 'bad'], ['Not attempted enough', 1, 'bad'],
      ]);
      expect(block(section(d, 'not_touched'), 'list').items).toEqual([
        { text: 'Cleo Lead · Acme', detail: 'Ana Rep · first touch was due 13 Oct 2026, 16:00 · 16 h late', tone: 'bad', href: `/contacts/${l2}` },
      ]);
      expect(block(section(d, 'not_attempted'), 'list').items).toEqual([
        { text: 'Dora Lead · Acme', detail: 'Ben Rep · 1 of 8 attempts, due 12 Oct 2026, 10:00', tone: 'bad', href: `/contacts/${l4}` },
      ]);
      // October so far: Ana's two leads (one touched in 60 min, one late), Ben's one still on time.
      expect(block(section(d, 'compliance'), 'figures').items.map((f) => [f.label, f.value, f.detail])).toEqual([
        ['First touch in time', 0.5, '1 of 2 leads due so far'],
        ['Attempts made in time', null, '0 of 0 leads due so far'],
        ["Yesterday's leads touched in time", 0.5, '1 of 2 leads due so far'],
      ]);
      expect(block(section(d, 'compliance'), 'table').rows).toEqual([
        { cells: ['Ana Rep', 'SDR', 2, 0.5, 60, null, 1], tone: 'bad', href: '/sla' },
        // Ben's late lead is September's: it is late now, though not in October's compliance.
        { cells: ['Ben Rep', 'SDR', 1, null, null, null, 1], tone: 'bad', href: '/sla' },
      ]);

      // A rep asking for the manager's dashboard sees only their own leads in the lists.
      const asBen: Ctx = { ...sys, actor: { type: 'user', id: String(ben), role: 'sales_rep' } };
      const bens = await dailySalesManager(asBen, { day: '2026-10-14' });
      expect(block(section(bens, 'not_touched'), 'list').items).toEqual([]);
      expect(block(section(bens, 'not_attempted'), 'list').items.map((i) => i.href)).toEqual([`/contacts/${l4}`]);

      const q = await dailyRep(ctx, { day: '2026-10-14', userId: ana });
      expect(packDocumentOut.parse(q)).toEqual(q);
      expect(q).toMatchObject({ kind: 'daily_rep', title: 'Your lead queue', subtitle: 'Wednesday 14 October 2026 · Ana Rep' });
      expect(block(section(q, 'queue'), 'figures').items.map((f) => [f.label, f.value])).toEqual([['Open leads', 2], ['Late', 1], ['At risk', 0], ['Due by tonight', 1]]);
      expect(block(section(q, 'queue'), 'table').rows).toEqual([
        { cells: ['Cleo Lead', 'Acme', 'Late', 'First touch', '2026-10-13T14:00:00.000Z'], tone: 'bad', href: `/contacts/${l2}` },
        { cells: ['Abel Lead', 'Acme', 'On time', 'Attempt 2 of 8', '2026-10-27T08:00:00.000Z'], tone: 'neutral', href: `/contacts/${l1}` },
      ]);
      await expect(dailyRep(asBen, { day: '2026-10-14', userId: ana })).rejects.toMatchObject({ code: 'forbidden' });
      expect(block(section(await dailyRep(asBen, { day: '2026-10-14', userId: ben }), 'queue'), 'table').rows).toHaveLength(2);
      await expect(dailyRep(ctx, { day: '2026-10-14', userId: 424242 })).rejects.toMatchObject({ code: 'not_found' });
    } finally {
      await t.cleanup();
    }
  });
});
