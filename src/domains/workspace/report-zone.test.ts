import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runReport } from '../../reports/report-registry.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';
import { dayOf, daysOfMonth, monthBounds, monthOf, reportWindow } from '../reports/report-window.js';

describe('report days and months in a time zone', () => {
  it('puts Madrid months at Madrid midnight, with the 25-hour day of the October DST change', () => {
    const oct = monthBounds('2026-10', 'Europe/Madrid');
    expect(oct.from.toISOString()).toBe('2026-09-30T22:00:00.000Z');
    expect(oct.to.toISOString()).toBe('2026-10-31T23:00:00.000Z');
    const days = daysOfMonth('2026-10', 'Europe/Madrid');
    expect(days).toHaveLength(31);
    const change = days.find((d) => d.day === '2026-10-25')!;
    expect((change.end.getTime() - change.start.getTime()) / 3600_000).toBe(25);
    expect(days[0]!.weekday).toBe(4); // 1 October 2026 is a Thursday
    expect(monthOf(new Date('2026-10-31T23:30:00Z'), 'Europe/Madrid')).toBe('2026-11');
    expect(monthOf(new Date('2026-10-31T23:30:00Z'))).toBe('2026-10');
    expect(dayOf(new Date('2026-10-31T23:30:00Z'), 'America/New_York')).toBe('2026-10-31');
    expect(reportWindow({ from: '2026-11-02', to: '2026-11-02' }, new Date(), 30, 'Europe/Madrid')).toEqual({
      from: new Date('2026-11-01T23:00:00Z'), to: new Date('2026-11-02T23:00:00Z'),
    });
    expect(() => reportWindow({ from: '2026-02-30' }, new Date())).toThrow(/From/);
  });
});

describe.each(testBackends())('the workspace time zone moves report days and months (%s)', (backend) => {
  let t: TestApp;
  // 00:30 on 1 November in Madrid; still 31 October in UTC.
  const edge = '2026-10-31T23:30:00Z';

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-11-20T12:00:00Z');
    const [c] = await t.db.query<{ id: number }>(
      `INSERT INTO contacts (email, email_normalized, lifecycle_stage, mql_type, created_at) VALUES ('edge@x.test', 'edge@x.test', 'customer', 'webinar', $1) RETURNING id`, [edge]);
    await t.db.query(
      `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
       VALUES ('contact', $1, NULL, 'mql', 'import', $2, 'import'), ('contact', $1, 'mql', 'customer', 'import', $2, 'import')`, [c!.id, edge]);
    await t.db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at) VALUES ('Edge deal', 1, 'closed_won', 5000, $1, $2)`, [c!.id, edge]);
    const admin = await t.as('admin');
    for (const period of ['2026-10', '2026-11']) {
      expect((await t.app.inject({ method: 'PUT', url: `/api/goals/${period}`, headers: admin, payload: { revenue_goal: 100000, marketing_sourced_share: 0.5 } })).statusCode).toBe(200);
    }
  });
  afterAll(() => t.cleanup());

  const mqlDays = async (month: string) => {
    const { data } = await runReport(t.db, t.clock, 'waterfall', { month });
    return (data as { days: { day: string; mqls: number | null }[] }).days.filter((d) => d.mqls).map((d) => d.day);
  };
  const wonDays = async (month: string) => {
    const { data } = await runReport(t.db, t.clock, 'sales', { month });
    return (data as { waterfall: { days: { day: string; won_deals: number | null }[] } }).waterfall.days.filter((d) => d.won_deals).map((d) => d.day);
  };
  const cohortMonths = async () => {
    const { data } = await runReport(t.db, t.clock, 'funnel', { from: '2026-10-01', to: '2026-11-30' });
    return (data as { cohorts: { month: string; created: number }[] }).cohorts.filter((c) => c.created).map((c) => c.month);
  };

  it('counts in UTC until a zone is set, then in that zone; a bad zone is refused by name', async () => {
    const admin = await t.as('admin');
    expect((await t.app.inject({ method: 'GET', url: '/api/settings/workspace', headers: admin })).json()).toEqual({ time_zone: 'UTC', raw_event_months: null });
    expect(await mqlDays('2026-10')).toEqual(['2026-10-31']);
    expect(await wonDays('2026-10')).toEqual(['2026-10-31']);
    expect(await cohortMonths()).toEqual(['2026-10']);

    const bad = await t.app.inject({ method: 'PUT', url: '/api/settings/workspace', headers: admin, payload: { time_zone: '+01:00' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'time_zone', problem: expect.stringMatching(/IANA/) }]);
    expect((await t.app.inject({ method: 'PUT', url: '/api/settings/workspace', headers: await t.as('viewer'), payload: { time_zone: 'Europe/Madrid' } })).statusCode).toBe(403);
    expect((await t.app.inject({ method: 'PUT', url: '/api/settings/workspace', headers: admin, payload: { time_zone: 'Europe/Madrid' } })).statusCode).toBe(200);

    expect(await mqlDays('2026-10')).toEqual([]);
    expect(await mqlDays('2026-11')).toEqual(['2026-11-01']);
    expect(await wonDays('2026-11')).toEqual(['2026-11-01']);
    expect(await cohortMonths()).toEqual(['2026-11']);
    // The API answers the same as the registry, and a CSV is named by Madrid days.
    const csv = await t.app.inject({ method: 'GET', url: '/api/reports/sales/csv?month=2026-11', headers: admin });
    expect(csv.headers['content-disposition']).toContain('sales-2026-11-01-to-2026-11-30.csv');
  });
});
