import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { block, cells, figure, links, section, table } from '../../testing/pack-lookup.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { createUser } from '../crm/users.js';
import { setGoal, setQuotas } from '../goals/goals.js';
import { setMqlValueOverride } from '../marketing-sla/mql-value.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { monthlyAgenda, monthlyPack, rejectionCode } from './monthly-pack.js';
import { agendaTimeboxes } from './pack-agenda.js';
import { packDocumentOut } from './pack-document.js';

// The pack reviews November 2026 in Madrid ([31 Oct 23:00 UTC, 30 Nov 23:00 UTC)). The meeting:
// the monthly series' first Tuesday, 1 December 2026, 10:00 in Madrid (09:00 UTC); the pack is
// built an hour before it.
const NOW = new Date('2026-12-01T08:00:00Z');
const MEETING_AT = '2026-12-01T09:00:00Z';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const close = (v: unknown, expected: number) => expect(v as number).toBeCloseTo(expected, 6);

let seq = 0;

/** n MQLs (imported history: no routing), created `createdAt` (default 5 days before), recording the definition version and clause that qualified them. */
async function mqls(db: Db, o: { n: number; type: string | null; version?: number; clause?: string; at: string; createdAt?: string; source: string }): Promise<number[]> {
  const created = o.createdAt ?? new Date(new Date(o.at).getTime() - 5 * DAY).toISOString();
  const ids = (await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, lifecycle_stage, mql_type, mql_at, mql_definition_version, mql_clause, original_source, created_at)
     SELECT e, e, 'mql', $2, $3, $4, $5, $6, $7 FROM (SELECT 'm' || ($8::int + g) || '@history.test' AS e FROM generate_series(1, $1::int) g) x RETURNING id`,
    [o.n, o.type, o.at, o.version ?? null, o.clause ?? null, o.source, created, seq],
  )).map((r) => Number(r.id));
  seq += o.n;
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'lead', 'mql', 'import', $2, 'import' FROM unnest($1::bigint[]) id`, [ids, o.at]);
  return ids;
}

/** Customers at `wonAt`, each with a won deal of `amount` owned by `owner`. */
async function win(db: Db, ids: number[], wonAt: string, amount: number, owner: number | ((i: number) => number)) {
  await db.query(`UPDATE contacts SET lifecycle_stage = 'customer' WHERE id = ANY($1::bigint[])`, [ids]);
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'mql', 'customer', 'import', $2, 'import' FROM unnest($1::bigint[]) id`, [ids, wonAt]);
  for (const [i, id] of ids.entries()) {
    await db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, owner_id, closed_at) VALUES ($1, 1, 'closed_won', $2, $3, $4, $5)`, [`Deal ${id}`, amount, id, typeof owner === 'number' ? owner : owner(i), wonAt]);
  }
}

/** `n` outbound calls on a lead, one a day from the day after `from`; the last one's outcome is `last`. */
async function calls(db: Db, contactId: number, userId: number, from: string, n: number, last = 'no_answer') {
  for (let k = 1; k <= n; k++) {
    await db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) VALUES ('call', $1, $2, $3, $4)`, [k === n ? last : 'no_answer', contactId, userId, new Date(new Date(from).getTime() + k * DAY)]);
  }
}

/**
 * An SLA clock as routing starts it (the contact's MQL type kept on the clock) and the SLA watch
 * leaves it: first touch due 4 hours after assignment, attempts due after 14 days, with the touch,
 * attempts, connection and closing given.
 */
async function assign(db: Db, contactId: number, owner: number, at: string, o: { required: number; touchH: number; attempts: number; inWindow?: number; connectedH?: number; closed?: { reason: string; days: number } }) {
  const t = new Date(at).getTime();
  const closedAt = o.closed ? new Date(t + o.closed.days * DAY) : null;
  await db.query(
    `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, mql_type, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due,
                                   first_touch_at, attempts, attempts_in_window, connected_at, closed_at, close_reason, accepted_at)
     VALUES ($1, $2, $3, 'test', (SELECT mql_type FROM contacts WHERE id = $1), 'default', '{"name":"Default"}', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
    [
      contactId, owner, at, new Date(t + 2 * HOUR), new Date(t + 4 * HOUR), o.required, new Date(t + 10 * DAY), new Date(t + 14 * DAY),
      new Date(t + o.touchH * HOUR), o.attempts, o.inWindow ?? o.attempts, o.connectedH === undefined ? null : new Date(t + o.connectedH * HOUR),
      closedAt, o.closed?.reason ?? null, o.closed?.reason === 'accepted' ? closedAt : null,
    ],
  );
}

async function reject(db: Db, contactId: number, at: string, reason: string) {
  await db.query(`UPDATE contacts SET lifecycle_stage = 'lead', lead_status = 'unqualified', lead_status_reason = $2 WHERE id = $1`, [contactId, reason.replace(/^rejected: /, '')]);
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type, reason) VALUES ('contact', $1, 'mql', 'lead', 'reject', $2, 'user', $3)`, [contactId, at, reason]);
}

const clause = (id: string, label: string, mqlType: string) => ({ id, label, mqlType, conditions: [{ kind: 'behaviour', event: 'Webinar Attended' }] });

/**
 * Seven months by hand (Madrid). MQL values are set by hand: webinar 1,000 €, online demo
 * 2,000 €, contact sales 5,000 €. Goals: none for June, 100,000 € × 50 % (target 50,000 €) for
 * July to November, 120,000 € × 50 % for December.
 *
 *   group  MQL moment              type           definition        MQLs  customers (won, €)
 *   G0     15 Jun                  (none)         not recorded         5  —
 *   G1     15 Jul                  webinar        v1 "webinar"        25  1 on 20 Aug (20,000)
 *   G2     15 Aug                  online demo    v1 "demo"           20  4 on 20 Sep (25,000 each)
 *   G3     15 Sep                  webinar        v2 "webinar"        10  —
 *   G4     15 Oct                  contact sales  v2 "contact"        10  3 on 10 Nov (30,000 each)
 *   G5     15 Nov (+31 Oct 23:30Z) webinar 13, online demo 3, contact sales 2 (v2)    —
 *
 * The MQL at 31 Oct 23:30 UTC is 1 November in Madrid: November has 18 MQLs, not 17.
 * MQL value delivered: Jul 25 × 1,000 = 25,000 (50 %), Aug 20 × 2,000 = 40,000 (80 %), Sep
 * 10,000 (20 %), Oct 10 × 5,000 = 50,000 (100 %), Nov 13,000 + 6,000 + 10,000 = 29,000 (58 %).
 */
async function buildHistory(ctx: Ctx) {
  const db = ctx.db;
  await saveWorkspaceSettings(db, { time_zone: 'Europe/Madrid' });
  const ana = await createUser(db, { name: 'Ana Ruiz', email: 'ana@x.test', role: 'sales_rep', team: 'Sales', hourly_cost: 40, calls_per_hour: 10 });
  const ben = await createUser(db, { name: 'Ben Ode', email: 'ben@x.test', role: 'sales_rep', team: 'Sales', hourly_cost: 40, calls_per_hour: 10 });
  const mia = await createUser(db, { name: 'Mia Sol', email: 'mia@x.test', role: 'marketing', team: 'Marketing' });

  for (const m of ['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']) await setGoal(ctx, m, { revenue_goal: 100_000, marketing_sourced_share: 0.5 });
  await setGoal(ctx, '2026-12', { revenue_goal: 120_000, marketing_sourced_share: 0.5 });
  for (const [type, value] of [['webinar', 1_000], ['online_demo', 2_000], ['contact_sales', 5_000]] as const) await setMqlValueOverride(ctx, type, value);
  await setQuotas(ctx, '2026-11', { quotas: [{ team: 'Sales', amount: 120_000 }] });
  await setQuotas(ctx, '2026-12', { quotas: [{ team: 'Sales', amount: 150_000 }] });

  // Two versions of the MQL definition; version 2 (1 September) is the current one.
  const v1 = { clauses: [clause('demo', 'Asked for a demo', 'online_demo'), clause('webinar', 'Attended a webinar', 'webinar')] };
  const v2 = { clauses: [clause('demo', 'Asked for a demo', 'online_demo'), clause('webinar', 'Attended a webinar this month', 'webinar'), clause('contact', 'Asked to talk to sales', 'contact_sales')] };
  await db.query(`INSERT INTO mql_definitions (version, definition, fingerprint, created_at) VALUES (1, $1, 'v1', '2026-01-05T09:00:00Z'), (2, $2, 'v2', '2026-09-01T09:00:00Z')`, [JSON.stringify(v1), JSON.stringify(v2)]);

  const g0 = await mqls(db, { n: 5, type: null, at: '2026-06-15T12:00:00Z', source: 'Direct' });
  const g1 = await mqls(db, { n: 25, type: 'webinar', version: 1, clause: 'webinar', at: '2026-07-15T12:00:00Z', source: 'Organic Search' });
  const g2 = await mqls(db, { n: 20, type: 'online_demo', version: 1, clause: 'demo', at: '2026-08-15T12:00:00Z', source: 'Organic Search' });
  const g3 = await mqls(db, { n: 10, type: 'webinar', version: 2, clause: 'webinar', at: '2026-09-15T12:00:00Z', source: 'Paid Search' });
  const g4 = await mqls(db, { n: 10, type: 'contact_sales', version: 2, clause: 'contact', at: '2026-10-15T12:00:00Z', source: 'Referrals' });
  const late = await mqls(db, { n: 1, type: 'webinar', version: 2, clause: 'webinar', at: '2026-10-31T23:30:00Z', source: 'Organic Search' });
  const g5w = [...late, ...(await mqls(db, { n: 12, type: 'webinar', version: 2, clause: 'webinar', at: '2026-11-15T12:00:00Z', source: 'Organic Search' }))];
  const g5d = await mqls(db, { n: 3, type: 'online_demo', version: 2, clause: 'demo', at: '2026-11-15T12:00:00Z', source: 'Organic Search' });
  const g5c = await mqls(db, { n: 2, type: 'contact_sales', version: 2, clause: 'contact', at: '2026-11-15T12:00:00Z', source: 'Organic Search' });

  await win(db, g1.slice(0, 1), '2026-08-20T12:00:00Z', 20_000, ana.id);
  await win(db, g2.slice(0, 4), '2026-09-20T12:00:00Z', 25_000, ana.id);
  // November's wins: two for Ana, one for Ben (90,000 € against a 120,000 € quota), and Ben loses one.
  await win(db, g4.slice(0, 3), '2026-11-10T12:00:00Z', 30_000, (i) => (i < 2 ? ana.id : ben.id));
  await db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, owner_id, closed_at, lost_reason) VALUES ('Lost one', 1, 'closed_lost', 10000, $1, $2, '2026-11-12T12:00:00Z', 'Price')`, [g2[10], ben.id]);

  // Attempts (Ana: 40 € an hour, 10 calls an hour → 4 € a call). The leads mature for the attempts
  // analysis (MQLs three months before 30 November: G0, G1, G2; 50 leads) convert after attempt 1
  // (G1's customer), 2 (two of G2's) and 3 (the other two); the 45 others got 5 attempts each.
  await calls(db, g1[0]!, ana.id, '2026-07-15T12:00:00Z', 1, 'connected');
  for (const [i, id] of g2.slice(0, 4).entries()) await calls(db, id, ana.id, '2026-08-15T12:00:00Z', i < 2 ? 2 : 3, 'connected');
  for (const id of g0) await calls(db, id, ana.id, '2026-06-15T12:00:00Z', 5);
  for (const id of g1.slice(1)) await calls(db, id, ana.id, '2026-07-15T12:00:00Z', 5);
  for (const id of g2.slice(4)) await calls(db, id, ana.id, '2026-08-15T12:00:00Z', 5);

  // SLA clocks, month by month (first touch in time = within 4 hours).
  // July: 20 of 25 touched in time; all attempts met (the customer was reached, the others got their 5).
  for (const [i, id] of g1.entries()) {
    await assign(db, id, ana.id, '2026-07-15T12:00:00Z', i === 0
      ? { required: 5, touchH: 1, attempts: 1, connectedH: 1, closed: { reason: 'accepted', days: 2 } }
      : { required: 5, touchH: i < 20 ? 1 : 6, attempts: 5, closed: { reason: 'recycled', days: 20 } });
  }
  // August: 18 of 20 in time; 16 of 20 attempts met (four got only 3 of 5 in the window).
  for (const [i, id] of g2.entries()) {
    await assign(db, id, ana.id, '2026-08-15T12:00:00Z', i < 4
      ? { required: 5, touchH: 1, attempts: i < 2 ? 2 : 3, connectedH: 30, closed: { reason: 'accepted', days: 3 } }
      : { required: 5, touchH: i < 18 ? 1 : 6, attempts: 5, inWindow: i >= 16 ? 3 : 5, closed: { reason: 'recycled', days: 20 } });
  }
  // September: all in time, all 6 attempts made; still open, so four are closed by November's rejections.
  for (const id of g3) await assign(db, id, ben.id, '2026-09-15T12:00:00Z', { required: 6, touchH: 1, attempts: 6 });
  // October: 9 of 10 in time; attempts all met.
  for (const [i, id] of g4.entries()) {
    await assign(db, id, ben.id, '2026-10-15T12:00:00Z', i < 3
      ? { required: 6, touchH: 1, attempts: 1, connectedH: 2, closed: { reason: 'accepted', days: 2 } }
      : { required: 6, touchH: i < 9 ? 1 : 6, attempts: 6, closed: { reason: 'recycled', days: 20 } });
  }
  // November (policy: 6 attempts): 8 webinar leads reached on the first call; 5 never reached and
  // recycled after 2 attempts (2 touched in time, 3 late); the demo and contact-sales leads reached
  // on the first call (one demo lead then rejected). First touch in time 15 of 18; attempts 13 of 18.
  for (const [i, id] of g5w.entries()) {
    const at = i === 0 ? '2026-10-31T23:30:00Z' : '2026-11-15T12:00:00Z';
    await assign(db, id, ana.id, at, i < 8
      ? { required: 6, touchH: 1, attempts: 1, connectedH: 1, closed: { reason: 'accepted', days: 2 } }
      : { required: 6, touchH: i < 10 ? 1 : 6, attempts: 2, closed: { reason: 'recycled', days: 10 } });
  }
  for (const [i, id] of [...g5d, ...g5c].entries()) {
    await assign(db, id, ben.id, '2026-11-15T12:00:00Z', i === 2
      ? { required: 6, touchH: 1, attempts: 1, connectedH: 1 }
      : { required: 6, touchH: 1, attempts: 1, connectedH: 1, closed: { reason: 'accepted', days: 2 } });
  }

  // November's rejections: three of G3 for bad fit (the three the "Autumn webinars" campaign
  // brought), one of G3 and the open demo lead for no interest.
  const [autumn] = await db.query<{ id: number }>(`INSERT INTO campaigns (name, type, utm_campaign, starts_on, ends_on) VALUES ('Autumn webinars', 'webinar', 'autumn-webinars', '2026-09-01', '2026-09-30') RETURNING id`);
  for (const id of g3.slice(0, 3)) {
    await db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id) VALUES ($1, $2, '2026-09-10T13:00:00Z', '2026-09-10T13:10:00Z', 'Paid Search', 'test', $3)`, [`v${id}`, id, autumn!.id]);
  }
  await db.query(`INSERT INTO campaigns (name, type, utm_campaign, starts_on, monthly_spend) VALUES ('November ads', 'paid_ads', 'november-ads', '2026-11-01', 5000)`);
  for (const [i, id] of g3.slice(0, 3).entries()) await reject(db, id, `2026-11-${18 + i}T12:00:00Z`, 'rejected: bad_fit (outside our market)');
  await reject(db, g3[3]!, '2026-11-21T12:00:00Z', 'rejected: no_interest');
  await reject(db, g5d[2]!, '2026-11-20T12:00:00Z', 'rejected: no_interest (happy with their vendor)');

  // The monthly series: November's meeting (reviewing October) held, with two action items;
  // December's meeting (reviewing November) is the one of the pack.
  const [series] = await db.query<{ id: number }>(`INSERT INTO meeting_series (kind, name, weekday, week_of_month, local_time, duration_minutes) VALUES ('monthly', 'Management meeting', 2, 1, '10:00', 60) RETURNING id`);
  const seriesId = Number(series!.id);
  const [nov] = await db.query<{ id: number }>(`INSERT INTO meetings (series_id, period, scheduled_at, status, held_at) VALUES ($1, '2026-11', '2026-11-03T09:00:00Z', 'held', '2026-11-03T10:00:00Z') RETURNING id`, [seriesId]);
  const [dec] = await db.query<{ id: number }>(`INSERT INTO meetings (series_id, period, scheduled_at, sales_presenter_id, marketing_presenter_id) VALUES ($1, '2026-12', $2, $3, $4) RETURNING id`, [seriesId, MEETING_AT, ben.id, mia.id]);
  await db.query(`INSERT INTO action_items (meeting_id, title, owner_id, due_date, status) VALUES ($1, 'Tighten the webinar clause', $2, '2026-11-20', 'open')`, [nov!.id, mia.id]);
  await db.query(`INSERT INTO action_items (meeting_id, title, owner_id, due_date, status, closed_at) VALUES ($1, 'Agree the rejection reasons', $2, '2026-11-10', 'done', '2026-11-09T10:00:00Z')`, [nov!.id, ben.id]);
  return { seriesId, novMeeting: Number(nov!.id), decMeeting: Number(dec!.id) };
}

describe.each(testBackends())('monthly management pack on %s', (backend) => {
  it('builds the pack of a hand-built history with exact figures, trends, definition performance and debate topics', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock(NOW), actor: systemActor };
      const h = await buildHistory(ctx);
      const doc = packDocumentOut.parse(await monthlyPack(ctx, { month: '2026-11', meetingId: h.decMeeting }));

      expect(doc).toMatchObject({
        kind: 'monthly_pack',
        title: 'Management meeting: November 2026',
        subtitle: 'Review of November 2026 · meeting Tuesday 1 December, 10:00 (Europe/Madrid)',
        period: '2026-11',
        time_zone: 'Europe/Madrid',
        generated_at: NOW.toISOString(),
        agenda: { total_minutes: 60, duration_minutes: 60, over_by_minutes: 0 },
      });
      expect(doc.sections.map((s) => [s.key, s.minutes, s.presenter])).toEqual([
        ['marketing_review', 10, 'Mia Sol (marketing)'],
        ['sales_review', 10, 'Ben Ode (sales)'],
        ['funnel', 5, 'Mia Sol (marketing)'],
        ['sla_trend', 5, 'Mia Sol (marketing) and Ben Ode (sales)'],
        ['mql_definitions', 5, 'Mia Sol (marketing)'],
        ['plans', 5, 'Mia Sol (marketing) and Ben Ode (sales)'],
        ['debate', 15, null],
        ['action_items', 5, null],
      ]);
      expect(doc.sections.reduce((s, x) => s + (x.minutes ?? 0), 0)).toBe(60);
      expect(section(doc, 'plans').title).toBe('Plans for December 2026');

      // Every figure, row and chart links to a page of the app; no label shows an enum key.
      for (const l of links(doc)) expect(l.href, l.where).toMatch(/^\/[a-z]/);
      const shown = JSON.stringify(doc.sections.map((s) => s.blocks.map((b) => (b.type === 'table' ? [b.title, b.columns, b.rows.map((r) => r.cells)] : b.type === 'chart' ? [b.title, b.categories, b.series.map((x) => x.name)] : b))));
      for (const key of ['online_demo', 'contact_sales', 'bad_fit', 'no_interest', 'unspecified', 'closed_won', 'paid_ads']) expect(shown).not.toContain(key);

      // — Closed loop, marketing: 18 MQLs in Madrid's November (the 31 Oct 23:30 UTC one included), 29,000 € of 50,000 €.
      const mkt = section(doc, 'marketing_review');
      expect(figure(mkt, 'MQL value delivered')).toEqual({
        label: 'MQL value delivered', value: 29_000, format: 'money', target: 50_000, tone: 'bad',
        detail: '58.0% of the €50,000 target · 18 MQLs', href: '/marketing-sla?month=2026-11',
      });
      expect(figure(mkt, 'MQLs')).toMatchObject({ value: 18, href: '/reports/marketing?month=2026-11' });
      // No visits in November: no visit-to-contact rate, so no line under the figure.
      expect(figure(mkt, 'New contacts')).toEqual({ label: 'New contacts', value: 17, format: 'number', href: '/reports/marketing?month=2026-11' });
      // First touch: 15 at 1 hour, 3 at 6 hours → median 60 minutes, 15 of 18 within 4 hours.
      expect(figure(mkt, 'Median time to first touch')).toMatchObject({ value: 60, format: 'minutes', detail: '83.3% of 18 leads touched within 4 hours' });
      expect(block(mkt, 'chart')).toEqual({
        type: 'chart', title: 'MQLs by channel', kind: 'bar', format: 'number', categories: ['Organic Search'],
        series: [{ name: 'MQLs', values: [18], style: 'bar' }], href: '/reports/marketing?month=2026-11',
      });
      expect(cells(table(mkt, 'Campaign ranking'))).toEqual([['November ads', 5_000, 0, 0, 0, 0, -1]]);

      // — Closed loop, sales: 90,000 € won of a 120,000 € quota, 3 won and 1 lost.
      const sales = section(doc, 'sales_review');
      expect(figure(sales, 'Revenue won')).toEqual({
        label: 'Revenue won', value: 90_000, format: 'money', target: 120_000, tone: 'bad',
        detail: '75.0% of the €120,000 quota · €30,000 short', href: '/reports/sales?month=2026-11',
      });
      expect(figure(sales, 'Deals won')).toMatchObject({ value: 3, detail: '1 deal lost' });
      expect(figure(sales, 'Win rate')).toMatchObject({ value: 0.75 });
      // MQL on 15 Oct, won on 10 Nov: 26 days; created 10 Oct: 31 days.
      expect(figure(sales, 'MQL to customer, median')).toMatchObject({ value: 26, format: 'days', detail: 'over 3 won deals' });
      expect(figure(sales, 'Lead to customer, median')).toMatchObject({ value: 31 });
      const revenueChart = block(sales, 'chart');
      expect(revenueChart.categories).toHaveLength(30);
      expect(revenueChart.categories[9]).toBe('10 Nov');
      expect(revenueChart.series.map((s) => s.name)).toEqual(['Revenue won, cumulative', 'Pace to quota']);
      expect(revenueChart.series[0]!.values[8]).toBe(0);
      expect(revenueChart.series[0]!.values[9]).toBe(90_000);
      expect(revenueChart.series[0]!.values[29]).toBe(90_000);
      expect(revenueChart.series[1]!.values[29]).toBe(120_000);
      expect(cells(table(sales, 'Deals lost, by reason'))).toEqual([['Price', 1, 10_000]]);
      expect(cells(table(sales, 'Results by rep'))).toEqual([
        ['Ana Ruiz', 2, 60_000, null, null, 1],
        ['Ben Ode', 1, 30_000, null, null, 0.5],
      ]);

      // — Funnel: cohorts June to November by month created (Madrid).
      const funnel = section(doc, 'funnel');
      const conv = table(funnel, 'Stage conversion of the contacts created Jun 2026 to Nov 2026');
      expect(conv.rows.map((r) => r.cells[0])).toEqual(['Lead to MQL', 'MQL to SQL', 'SQL to Opportunity', 'Opportunity to Customer']);
      expect(conv.rows[0]!.cells[1]).toBe(1);
      close(conv.rows[1]!.cells[1], 8 / 88);
      expect(cells(table(funnel, 'Cohorts by month created: how far they have got'))).toEqual([
        ['Jun 2026', 5, 5, 5, 0, 0, 0, 0],
        ['Jul 2026', 25, 25, 25, 1, 1, 1, 0.04],
        ['Aug 2026', 20, 20, 20, 4, 4, 4, 0.2],
        ['Sep 2026', 10, 10, 10, 0, 0, 0, 0],
        ['Oct 2026', 11, 11, 11, 3, 3, 3, 3 / 11],
        ['Nov 2026', 17, 17, 17, 0, 0, 0, 0],
      ]);

      // — SLA trend over six months, both sides.
      const trend = section(doc, 'sla_trend');
      const mChart = block(trend, 'chart', 0);
      expect(mChart).toMatchObject({ format: 'money', categories: ['Jun 2026', 'Jul 2026', 'Aug 2026', 'Sep 2026', 'Oct 2026', 'Nov 2026'], href: '/marketing-sla?month=2026-11' });
      expect(mChart.series).toEqual([
        { name: 'MQL value delivered', values: [null, 25_000, 40_000, 10_000, 50_000, 29_000], style: 'bar' },
        { name: 'Target', values: [null, 50_000, 50_000, 50_000, 50_000, 50_000], style: 'dashed' },
      ]);
      const mTable = table(trend, "Marketing's commitment, month by month");
      expect(cells(mTable)).toEqual([
        ['Jun 2026 (no goal set)', null, null, null, null],
        ['Jul 2026', 25, 25_000, 50_000, 0.5],
        ['Aug 2026', 20, 40_000, 50_000, 0.8],
        ['Sep 2026', 10, 10_000, 50_000, 0.2],
        ['Oct 2026', 10, 50_000, 50_000, 1],
        ['Nov 2026', 18, 29_000, 50_000, 0.58],
      ]);
      expect(mTable.rows.map((r) => r.tone)).toEqual(['neutral', 'bad', 'bad', 'bad', 'good', 'bad']);
      expect(mTable.rows[3]!.href).toBe('/marketing-sla?month=2026-09');
      const sChart = block(trend, 'chart', 1);
      expect(sChart.href).toBe('/sla?month=2026-11');
      expect(sChart.series[0]!.values.slice(0, 5)).toEqual([null, 0.8, 0.9, 1, 0.9]);
      close(sChart.series[0]!.values[5], 15 / 18);
      expect(sChart.series[1]!.values.slice(0, 5)).toEqual([null, 1, 0.8, 1, 1]);
      close(sChart.series[1]!.values[5], 13 / 18);
      const sTable = table(trend, "Sales' commitment, month by month");
      expect(sTable.rows.map((r) => [r.cells[0], r.cells[1], r.cells[4], r.cells[5], r.tone, r.href])).toEqual([
        ['Jun 2026', 0, 0, 0, 'neutral', '/sla?month=2026-06'],
        ['Jul 2026', 25, 0, 24, 'bad', '/sla?month=2026-07'],
        ['Aug 2026', 20, 0, 16, 'bad', '/sla?month=2026-08'],
        ['Sep 2026', 10, 4, 0, 'good', '/sla?month=2026-09'],
        ['Oct 2026', 10, 0, 7, 'good', '/sla?month=2026-10'],
        ['Nov 2026', 18, 1, 5, 'bad', '/sla?month=2026-11'],
      ]);

      // — MQL definition performance: 88 MQLs of Dec 2025–Nov 2026, 8 customers (1 in 11), 210,000 €.
      const defs = section(doc, 'mql_definitions');
      expect(figure(defs, 'Close rate of all MQLs')).toMatchObject({ detail: '8 customers of 88 MQLs', href: '/qualification' });
      close(figure(defs, 'Close rate of all MQLs').value, 1 / 11);
      expect(figure(defs, 'Value per MQL')).toMatchObject({ value: 2386.36, detail: '€210,000 won from them' });
      const versions = table(defs, 'By definition version');
      expect(versions.rows.map((r) => [r.cells[0], r.cells[2], r.cells[3], r.cells[5], r.tone])).toEqual([
        ['Version 2 (current)', 38, 3, 2368.42, 'neutral'],
        ['Version 1', 45, 5, 2666.67, 'neutral'],
        ['No definition recorded (imported or set by hand)', 5, 0, 0, 'neutral'],
      ]);
      expect(versions.rows.map((r) => r.cells[1])).toEqual(['2026-09-01', '2026-01-05', null]);
      const clauses = table(defs, 'By clause');
      expect(clauses.rows.map((r) => [...r.cells, r.tone])).toEqual([
        ['Attended a webinar this month', 'Version 2', 'Webinar', 23, 0, 0, 0, 'bad'],
        ['Asked to talk to sales', 'Version 2', 'Contact sales', 12, 3, 0.25, 7_500, 'neutral'],
        ['Asked for a demo', 'Version 2', 'Online demo', 3, 0, 0, 0, 'neutral'],
        ['Attended a webinar', 'Version 1', 'Webinar', 25, 1, 0.04, 800, 'bad'],
        ['Asked for a demo', 'Version 1', 'Online demo', 20, 4, 0.2, 5_000, 'neutral'],
      ]);

      // — Plans for December: 120,000 € at 26,250 € a customer (210,000 € over 8 customers) → 4.57
      // customers; MQL → SQL 8 of 88, the rest 1 (visits: 3, against 88 leads) → 51 MQLs, 2 visits.
      const plans = section(doc, 'plans');
      expect(figure(plans, 'Revenue goal')).toMatchObject({ value: 120_000, href: '/marketing-sla?month=2026-12' });
      expect(figure(plans, "Marketing's target in MQL value")).toMatchObject({ value: 60_000, detail: '50.0% of the goal, sourced by marketing' });
      expect(figure(plans, 'Sales quota')).toMatchObject({ value: 150_000, href: '/reports/sales?month=2026-12' });
      expect(figure(plans, 'MQLs needed')).toMatchObject({ value: 51, href: '/reports/planner' });
      const reverse = table(plans, 'Reverse funnel: what €120,000 takes in December 2026');
      expect(reverse.rows.map((r) => [r.cells[0], r.cells[1], r.cells[2], r.cells[4], r.tone])).toEqual([
        ['Customers', 5, 'Average contract size €26,250', 8, 'warning'],
        ['SQLs', 5, 'SQL to customer', 8, 'warning'],
        ['MQLs', 51, 'MQL to SQL', 88, 'neutral'],
        ['Leads', 51, 'Lead to MQL', 88, 'neutral'],
        ['Visits', 2, 'Visit to lead', 3, 'warning'],
      ]);
      close(reverse.rows[2]!.cells[3], 8 / 88);

      // — Debate topics, from the data.
      const debate = section(doc, 'debate');
      const topics = block(debate, 'list').items;
      expect(topics.map((i) => [i.text, i.href])).toEqual([
        ['Should "Attended a webinar this month" (version 2) stay in the MQL definition?', '/qualification'],
        ['Should "Attended a webinar" (version 1) stay in the MQL definition?', '/qualification'],
        ['Why does sales reject so many Webinar MQLs?', '/reports/lead-quality?month=2026-11'],
        ['Are the leads from Paid Search worth passing to sales?', '/reports/lead-quality?month=2026-11'],
        ['Is the "Autumn webinars" campaign bringing the right people?', '/reports/lead-quality?month=2026-11'],
        ['Are reps giving up on leads too early?', '/sla/attempts'],
        ['Should the SLA ask for 3 attempts per lead instead of 6?', '/sla/attempts'],
        ['What is holding up "Tighten the webinar clause"?', `/meetings/${h.novMeeting}`],
      ]);
      // 0 of 23: the Wilson 95 % interval is 0 % to 14.3 %.
      expect(topics[0]!.detail).toBe('0 of 23 MQLs became customers (0.0%; 95 % interval 0.0% to 14.3%) against 9.1% for all MQLs; €0 per MQL against €2,386');
      expect(topics[2]!.detail).toBe('4 of the 5 rejections in November 2026; the most common reason: bad fit (3)');
      expect(topics[4]!.detail).toBe('3 of the 5 rejections in November 2026; the most common reason: bad fit (3)');
      // Attempts analysis over G0–G2 (50 leads, value 24,000 € a conversion, 4 € a call): attempt 3
      // is the last with a conversion; 5 customers only, so low confidence.
      expect(topics[5]!.detail).toBe('The 5 leads of November 2026 never reached got 2 attempts on average, 5 of them fewer than 3; the closed loop says attempt 3 still pays (low confidence)');
      expect(topics[6]!.detail).toBe('The follow-up policy asks for 6; on the leads that became MQLs up to 31 August 2026, attempt 3 is the last that pays for itself (low confidence)');
      expect(topics[7]).toMatchObject({ detail: 'Mia Sol · overdue 11 days', tone: 'bad' });
      expect(cells(table(debate, 'Why sales rejected MQLs in November 2026'))).toEqual([
        ['Bad fit', 3, 0.6],
        ['No interest', 2, 0.4],
      ]);
      expect(cells(table(debate, 'Where the rejected MQLs came from'))).toEqual([
        ['MQL type', 'Webinar', 4, 'Bad fit (3)'],
        ['MQL type', 'Online demo', 1, 'No interest (1)'],
        ['Source', 'Paid Search', 4, 'Bad fit (3)'],
        ['Source', 'Organic Search', 1, 'No interest (1)'],
        ['Campaign', 'Autumn webinars', 3, 'Bad fit (3)'],
      ]);
      // Attempts per lead 23 / 18; by type, the analysis recommends 1 for webinars (1 customer at
      // attempt 1 of 25 leads) and 2 for demos (attempt 3 has fewer than 20 leads left).
      const effort = table(debate, 'Follow-up effort against the recommended number of attempts');
      expect(cells(effort)).toEqual([
        ['All MQL types', 18, 1.28, 2, 6, 3, 5],
        ['Webinar', 13, 1.38, 2, 6, 1, 0],
        ['Online demo', 3, 1, null, 6, 2, 0],
        ['Contact sales', 2, 1, null, 6, null, null],
      ]);

      // — Action items of the series: the open one carried (overdue), the done one shown once.
      const actions = section(doc, 'action_items');
      expect(cells(block(actions, 'table'))).toEqual([
        ['Tighten the webinar clause', 'Mia Sol', '2026-11-20', 'Open, overdue 11 days'],
        ['Agree the rejection reasons', 'Ben Ode', '2026-11-10', 'Done'],
      ]);
    } finally {
      await t.cleanup();
    }
  });

  it('without a meeting uses the active series, scales the agenda to its length and says when it runs over', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock(NOW), actor: systemActor };
      // No data, no series: the default 60 minutes, the default first-Tuesday meeting, no action items.
      const bare = packDocumentOut.parse(await monthlyPack(ctx, { month: '2026-11' }));
      expect(bare).toMatchObject({
        title: 'Monthly management meeting: November 2026',
        subtitle: 'Review of November 2026 · next meeting Tuesday 1 December, 10:00 (UTC)',
        agenda: { total_minutes: 60, duration_minutes: 60, over_by_minutes: 0 },
      });
      expect(bare.sections.every((s) => s.presenter === null)).toBe(true);
      expect(block(section(bare, 'action_items'), 'text').text).toMatch(/No meeting series/);
      expect(block(section(bare, 'plans'), 'text').text).toBe('No revenue goal is set for December 2026 (nor for its quarter), so there is no marketing target and no reverse-funnel plan. Set the goal before the month starts.');
      expect(block(section(bare, 'debate'), 'list').items).toEqual([]);
      expect(block(section(bare, 'marketing_review'), 'text').text).toBe('No contact became an MQL in November 2026.');

      // A 45-minute series: every box scaled, adding up to 45.
      await t.db.query(`INSERT INTO meeting_series (kind, name, weekday, week_of_month, local_time, duration_minutes) VALUES ('monthly', 'Board', 1, 5, '09:30', 45)`);
      const scaled = packDocumentOut.parse(await monthlyPack(ctx, { month: '2026-11' }));
      expect(scaled.agenda).toEqual({ total_minutes: 45, duration_minutes: 45, over_by_minutes: 0 });
      expect(scaled.sections.map((s) => s.minutes)).toEqual([7, 7, 4, 4, 4, 4, 11, 4]);
      expect(agendaTimeboxes(monthlyAgenda.map((a) => a.minutes), 45).minutes).toEqual([7, 7, 4, 4, 4, 4, 11, 4]);
      // The last Monday of December, 09:30.
      expect(scaled.subtitle).toBe('Review of November 2026 · next meeting Monday 28 December, 09:30 (UTC)');

      // 12 minutes cannot hold 8 items of at least 2 minutes: 4 minutes over, said first.
      await t.db.query(`UPDATE meeting_series SET duration_minutes = 12`);
      const short = packDocumentOut.parse(await monthlyPack(ctx, { month: '2026-11' }));
      expect(short.agenda).toEqual({ total_minutes: 16, duration_minutes: 12, over_by_minutes: 4 });
      expect(short.sections[0]).toMatchObject({ key: 'agenda_over_time', minutes: null });
      expect(block(short.sections[0]!, 'text').text).toBe('The 8 agenda items need at least 2 minutes each, 16 minutes in all: 4 minutes more than the 12-minute meeting. Lengthen the meeting or move an item to the weekly meeting.');
    } finally {
      await t.cleanup();
    }
  });

  it('refuses a bad month or meeting, naming the field', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock(NOW), actor: systemActor };
      await expect(monthlyPack(ctx, { month: '2026-13' })).rejects.toThrow(/Month:/);
      await expect(monthlyPack(ctx, { month: 'November' })).rejects.toThrow(/Month:/);
      await expect(monthlyPack(ctx, { month: '2026-11', meetingId: 999 })).rejects.toThrow(/Meeting 999 does not exist/);
      await expect(monthlyPack(ctx, { month: '2026-11', meetingId: -1 })).rejects.toThrow(/Meeting must be a meeting id/);
      const [weekly] = await t.db.query<{ id: number }>(`INSERT INTO meeting_series (kind, name) VALUES ('weekly', 'Weekly') RETURNING id`);
      const [m] = await t.db.query<{ id: number }>(`INSERT INTO meetings (series_id, period, scheduled_at) VALUES ($1, '2026-W49', '2026-12-03T16:00:00Z') RETURNING id`, [weekly!.id]);
      await expect(monthlyPack(ctx, { month: '2026-11', meetingId: Number(m!.id) })).rejects.toThrow(/Meeting: .* is a weekly meeting/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('rejection codes', () => {
  it('reads the code rejectContact writes, and files anything else under other', () => {
    expect(rejectionCode('rejected: bad_fit (outside our market)')).toBe('bad_fit');
    expect(rejectionCode('rejected: unreachable')).toBe('unreachable');
    expect(rejectionCode('rejected: made_up')).toBe('other');
    expect(rejectionCode(null)).toBe('other');
  });
});
