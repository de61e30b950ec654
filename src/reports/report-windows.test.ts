import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';
import { ERA_CAMPAIGN_CHANNEL, twoEraHistory, writeTwoEraHistory, type EraContact, type EraHistory } from '../testing/two-era-history.js';
import { reportNames } from './report-registry.js';

// Issue 12, "every report honours its window": a history in 2018 and in the current year (plus
// records one second outside 2018 on both sides); each report asked for 2018 (or March 2018, for
// the monthly ones) must count 2018's records only, as computed here from the generated history,
// and say the window it applied. Reports that are "as of now" refuse a window by name.

const year2018 = { from: Date.parse('2018-01-01T00:00:00Z'), to: Date.parse('2019-01-01T00:00:00Z') };
const march2018 = { from: Date.parse('2018-03-01T00:00:00Z'), to: Date.parse('2018-04-01T00:00:00Z') };
type Span = typeof year2018;
const inside = (d: Date | null | undefined, s: Span) => !!d && d.getTime() >= s.from && d.getTime() < s.to;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** What 2018 (or a month of it) holds, from the generated records alone. */
function expected(h: EraHistory, s: Span) {
  const created = h.contacts.filter((c) => inside(c.createdAt, s));
  const closed = (o: 'won' | 'lost') => h.contacts.filter((c) => c.deal?.outcome === o && inside(c.deal.closedAt, s));
  return {
    contacts: created.length,
    customersOfCohort: created.filter((c) => c.customerAt).length,
    reachedMql: created.filter((c) => c.mqlAt).length,
    visits: h.visits.filter((v) => inside(v.at, s)).length,
    campaignVisits: h.visits.filter((v) => inside(v.at, s) && v.channel === ERA_CAMPAIGN_CHANNEL).length,
    forms: h.forms.filter((f) => inside(f.at, s)).length,
    mqls: h.contacts.filter((c) => inside(c.mqlAt, s)).length,
    assignments: h.contacts.filter((c) => inside(c.assignedAt, s)).length,
    won: closed('won').length,
    wonRevenue: sum(closed('won').map((c) => c.deal!.amount)),
    lost: closed('lost').length,
  };
}

type Expected = ReturnType<typeof expected>;
interface Case {
  report: string;
  /** The query asking for 2018 (or March 2018). */
  query: string;
  span: Span;
  /** What the answer says, to compare with `want`. */
  got(data: any): Partial<Expected>;
  want(e: Expected): Partial<Expected>;
}

const y = 'from=2018-01-01&to=2018-12-31';
const cases: Case[] = [
  { report: 'sources', query: y, span: year2018, got: (d) => ({ visits: d.total.visits, contacts: d.total.contacts, customersOfCohort: d.total.customers }), want: (e) => ({ visits: e.visits, contacts: e.contacts, customersOfCohort: e.customersOfCohort }) },
  { report: 'assets', query: y, span: year2018, got: (d) => ({ visits: sum(d.pages.map((p: { views: number }) => p.views)), forms: sum(d.forms.map((f: { submissions: number }) => f.submissions)) }), want: (e) => ({ visits: e.visits, forms: e.forms }) },
  { report: 'marketing', query: 'month=2018-03', span: march2018, got: (d) => ({ contacts: d.total.contacts, mqls: d.total.mqls, visits: d.total.visits }), want: (e) => ({ contacts: e.contacts, mqls: e.mqls, visits: e.visits }) },
  { report: 'campaigns', query: y, span: year2018, got: (d) => ({ campaignVisits: sum(d.campaigns.map((c: { visits: number }) => c.visits)) }), want: (e) => ({ campaignVisits: e.campaignVisits }) },
  { report: 'attribution', query: `${y}&model=linear`, span: year2018, got: (d) => ({ won: d.conversions, wonRevenue: d.revenue }), want: (e) => ({ won: e.won, wonRevenue: e.wonRevenue }) },
  { report: 'funnel', query: y, span: year2018, got: (d) => ({ contacts: sum(d.cohorts.map((c: { created: number }) => c.created)), reachedMql: d.stages.find((s: { key: string }) => s.key === 'mql').reached }), want: (e) => ({ contacts: e.contacts, reachedMql: e.reachedMql }) },
  { report: 'funnel-breakdown', query: `${y}&dimension=channel`, span: year2018, got: (d) => ({ contacts: sum(d.groups.map((g: { contacts: number }) => g.contacts)) }), want: (e) => ({ contacts: e.contacts }) },
  { report: 'sales', query: y, span: year2018, got: (d) => ({ won: d.win_loss.won.deals, wonRevenue: d.win_loss.won.revenue, lost: d.win_loss.lost.deals }), want: (e) => ({ won: e.won, wonRevenue: e.wonRevenue, lost: e.lost }) },
  { report: 'sla', query: y, span: year2018, got: (d) => ({ assignments: d.total.leads }), want: (e) => ({ assignments: e.assignments }) },
  { report: 'attempts', query: y, span: year2018, got: (d) => ({ mqls: d.overall.leads }), want: (e) => ({ mqls: e.mqls }) },
  { report: 'mql-value', query: y, span: year2018, got: (d) => ({ mqls: sum(d.types.map((t: { mqls: number | null }) => t.mqls ?? 0)) }), want: (e) => ({ mqls: e.mqls }) },
  { report: 'marketing-sla', query: 'month=2018-03', span: march2018, got: (d) => ({ mqls: d.delivered.mqls }), want: (e) => ({ mqls: e.mqls }) },
  { report: 'waterfall', query: 'month=2018-03', span: march2018, got: (d) => ({ mqls: sum(d.days.map((x: { mqls: number | null }) => x.mqls ?? 0)) }), want: (e) => ({ mqls: e.mqls }) },
  { report: 'planner', query: `goal=100000&${y}`, span: year2018, got: (d) => ({ contacts: d.measured.counts.contacts, visits: d.measured.counts.visits }), want: (e) => ({ contacts: e.contacts, visits: e.visits }) },
  { report: 'calibration', query: y, span: year2018, got: (d) => ({ contacts: d.baseline.contacts, customersOfCohort: d.baseline.customers }), want: (e) => ({ contacts: e.contacts, customersOfCohort: e.customersOfCohort }) },
  { report: 'lead-quality', query: y, span: year2018, got: (d) => ({ mqls: d.total.mqls }), want: (e) => ({ mqls: e.mqls }) },
  { report: 'mql-definition', query: y, span: year2018, got: (d) => ({ mqls: d.all.mqls }), want: (e) => ({ mqls: e.mqls }) },
];
// The SDR → AE handoff: its time to accept counts the SDR clocks started in the window, as `sla` does.
cases.push({ report: 'handoffs', query: y, span: year2018, got: (d) => ({ assignments: d.accept.total.leads }), want: (e) => ({ assignments: e.assignments }) });

// Win/loss reads the deals closed in the window, as the sales report's win/loss does.
cases.push({ report: 'win-loss', query: y, span: year2018, got: (d) => ({ won: d.overall.won, lost: d.overall.lost }), want: (e) => ({ won: e.won, lost: e.lost }) });
// Speed to lead takes the clocks started in its month; the MQL scores, the MQLs delivered in it.
cases.push({ report: 'speed-to-lead', query: 'month=2018-03', span: march2018, got: (d) => ({ assignments: d.assignments }), want: (e) => ({ assignments: e.assignments }) });
cases.push({ report: 'mql-scores', query: 'month=2018-03', span: march2018, got: (d) => ({ mqls: d.months.find((m: { month: string }) => m.month === '2018-03')?.mqls }), want: (e) => ({ mqls: e.mqls }) });

/** Reports that say how things stand now: a window is refused, naming the parameter. */
const asOfNow = ['leads', 'sales-dashboard', 'model', 'quadrants', 'suppressions', 'nurture'];

describe.each(testBackends())('every report honours its window, on %s', (backend) => {
  let t: TestApp;
  let h: EraHistory;
  let admin: Record<string, string>;
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: admin });

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-15T12:00:00Z', { processEvents: false });
    admin = await t.as('admin');
    h = twoEraHistory(2018);
    await writeTwoEraHistory(t.db, h);
    // The marketing SLA needs a goal for its month: March 2018's and this month's.
    for (const period of ['2018-03', '2026-06']) await t.db.query(`INSERT INTO revenue_goals (period, revenue_goal, marketing_sourced_share, updated_at) VALUES ($1, 300000, 0.5, now())`, [period]);
  }, 120_000);
  afterAll(() => t?.cleanup());

  it('generated a history worth testing: 2018, this year and both edges of 2018 all hold records', () => {
    const all = expected(h, { from: 0, to: Date.parse('2100-01-01') });
    const e = expected(h, year2018);
    for (const k of ['contacts', 'visits', 'mqls', 'won', 'lost', 'assignments', 'forms'] as const) {
      expect(e[k], k).toBeGreaterThan(0);
      expect(e[k], k).toBeLessThan(all[k]);
    }
    const edge = (iso: string) => h.contacts.some((c: EraContact) => c.createdAt.toISOString() === iso);
    expect(edge('2017-12-31T23:59:59.000Z') && edge('2019-01-01T00:00:00.000Z')).toBe(true);
    expect(expected(h, march2018).mqls).toBeGreaterThan(0);
  });

  it('every report is either tested on a 2018 window below or says how things stand now', () => {
    expect([...cases.map((c) => c.report), ...asOfNow].sort()).toEqual(reportNames().sort());
  });

  it.each(cases.map((c) => [c.report, c] as const))('%s counts only the window asked for, and says which it applied', async (_name, c) => {
    const res = await get(`/api/reports/${c.report}?${c.query}`);
    expect(res.statusCode, res.body.slice(0, 300)).toBe(200);
    const data = res.json();
    expect(c.got(data)).toEqual(c.want(expected(h, c.span)));
    expect(data.window).toEqual({ from: new Date(c.span.from).toISOString(), to: new Date(c.span.to).toISOString(), zone: 'UTC', month: c.query.includes('month=') ? '2018-03' : null });
    // The file of the same parameters covers the same days.
    const csv = await get(`/api/reports/${c.report}/csv?${c.query}`);
    expect(csv.statusCode).toBe(200);
    const last = new Date(c.span.to - 1).toISOString().slice(0, 10);
    expect(csv.headers['content-disposition']).toBe(`attachment; filename="${c.report}-${new Date(c.span.from).toISOString().slice(0, 10)}-to-${last}.csv"`);
  });

  it.each(asOfNow)('%s says how things stand now and refuses a window by name', async (name) => {
    for (const [query, field] of [['month=2018-03', 'month'], ['from=2018-01-01', 'from'], ['to=2018-12-31', 'to']] as const) {
      const res = await get(`/api/reports/${name}?${query}`);
      expect(res.statusCode, `${name}?${query}`).toBe(400);
      expect(res.json().errors, `${name}?${query}`).toEqual([{ field, problem: 'is not a known field' }]);
    }
  });
});
