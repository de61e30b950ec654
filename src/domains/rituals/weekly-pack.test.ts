import { describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { block, links, section, table } from '../../testing/pack-lookup.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { systemActor, type Ctx } from '../context.js';
import { createDeal } from '../crm/deals.js';
import { createUser } from '../crm/users.js';
import { moveStage } from '../funnel/transitions.js';
import type { Stage } from '../funnel/stages.js';
import { setGoal } from '../goals/goals.js';
import { setMqlValueOverride, type MeasuredValue } from '../marketing-sla/mql-value.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { overdueActionItems } from './action-items-section.js';
import { agendaTimeboxes } from './pack-agenda.js';
import { packDocumentOut } from './pack-document.js';
import { fallingCloseRates, weeklyPack } from './weekly-pack.js';

// The meeting: Thursday 17 December 2026, 17:00 in Madrid (16:00 UTC). The pack reviews
// [10 Dec 16:00 UTC, 17 Dec 16:00 UTC); last week is [3 Dec, 10 Dec); the four weeks before the
// week are [12 Nov, 10 Dec).
const AT = new Date('2026-12-17T16:00:00Z');
const DAY = 86_400_000;

async function contact(db: Db, o: { first?: string; last?: string; type?: string | null; stage?: string; createdAt?: string } = {}): Promise<number> {
  const email = `c${Math.random().toString(36).slice(2)}@x.test`;
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, first_name, last_name, lifecycle_stage, mql_type, created_at) VALUES ($1, $1, $2, $3, $4, $5, COALESCE($6::timestamptz, now())) RETURNING id`,
    [email, o.first ?? null, o.last ?? null, o.stage ?? 'subscriber', o.type ?? null, o.createdAt ?? null],
  );
  return Number(row!.id);
}

/** n MQLs of a type at `at` (bulk, as an import would), the first `customers` of them customers at `wonAt`. */
async function cohort(db: Db, type: string, n: number, at: Date, customers: number, wonAt: Date) {
  const ids = (await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, lifecycle_stage, mql_type, created_at)
     SELECT e, e, 'mql', $2, $3::timestamptz FROM (SELECT $2 || '-' || $3::text || '-' || g || '@cohort.test' AS e FROM generate_series(1, $1::int) g) x RETURNING id`,
    [n, type, at.toISOString()],
  )).map((r) => Number(r.id));
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'lead', 'mql', 'import', $2, 'import' FROM unnest($1::bigint[]) id`, [ids, at]);
  const won = ids.slice(0, customers);
  if (won.length) {
    await db.query(`UPDATE contacts SET lifecycle_stage = 'customer' WHERE id = ANY($1::bigint[])`, [won]);
    await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'mql', 'customer', 'import', $2, 'import' FROM unnest($1::bigint[]) id`, [won, wonAt]);
  }
}

async function assignment(db: Db, contactId: number, ownerId: number, assignedAt: string, firstTouchDue: string, attemptsDue: string) {
  const due = new Date(firstTouchDue).getTime();
  const start = new Date(assignedAt).getTime();
  await db.query(
    `INSERT INTO lead_assignments (contact_id, owner_id, assigned_at, assigned_by, policy_id, policy, first_touch_risk_at, first_touch_due, attempts_required, attempts_risk_at, attempts_due)
     VALUES ($1, $2, $3, 'test', 'default', '{"name":"Default","autoRecycle":false}', $4, $5, 2, $6, $7)`,
    [contactId, ownerId, assignedAt, new Date(start + (due - start) * 0.75), firstTouchDue, new Date(new Date(attemptsDue).getTime() - 3 * DAY), attemptsDue],
  );
}

async function call(db: Db, contactId: number, userId: number, at: string, outcome: string) {
  await db.query(`INSERT INTO activities (type, outcome, contact_id, user_id, occurred_at) VALUES ('call', $1, $2, $3, $4)`, [outcome, contactId, userId, at]);
}

async function meeting(db: Db, seriesId: number, period: string, at: string, status: string, presenters: { sales?: number; marketing?: number } = {}): Promise<number> {
  const [m] = await db.query<{ id: number }>(
    `INSERT INTO meetings (series_id, period, scheduled_at, status, held_at, sales_presenter_id, marketing_presenter_id) VALUES ($1, $2, $3, $4, CASE WHEN $4 = 'held' THEN $3::timestamptz + interval '30 minutes' END, $5, $6) RETURNING id`,
    [seriesId, period, at, status, presenters.sales ?? null, presenters.marketing ?? null],
  );
  return Number(m!.id);
}

async function actionItem(db: Db, meetingId: number, title: string, o: { owner?: number | null; due?: string | null; status?: string; closedAt?: string | null }) {
  await db.query(`INSERT INTO action_items (meeting_id, title, owner_id, due_date, status, closed_at) VALUES ($1, $2, $3, $4, $5, $6)`, [meetingId, title, o.owner ?? null, o.due ?? null, o.status ?? 'open', o.closedAt ?? null]);
}

/**
 * The week by hand. Funnel moves (each contact moved once, straight from subscriber):
 *            this week   last week   weeks −2…−4   → 4-week average (last week included)
 *   lead         4           2           6            8 / 4 = 2
 *   MQL          3           3           3            6 / 4 = 1.5
 *   SQL          1           0           2            2 / 4 = 0.5
 *   opportunity  0           1           0            1 / 4 = 0.25
 *   customer     1           0           0            0
 * December's MQLs: 5 webinar (1,500 €), 1 online demo (3,000 €), 1 contact sales (11,000 €) =
 * 21,500 € against a target of 100,000 € × 50 % = 50,000 €.
 */
async function buildWeek(ctx: Ctx) {
  const db = ctx.db;
  await saveWorkspaceSettings(db, { time_zone: 'Europe/Madrid' });
  const ana = await createUser(db, { name: 'Ana Ruiz', email: 'ana@x.test', role: 'marketing', team: 'Marketing' });
  const bo = await createUser(db, { name: 'Bo Li', email: 'bo@x.test', role: 'sales_rep', team: 'SDR' });
  const cy = await createUser(db, { name: 'Cy Park', email: 'cy@x.test', role: 'sales_rep', team: 'SDR' });

  await setGoal(ctx, '2026-12', { revenue_goal: 100_000, marketing_sourced_share: 0.5 });
  for (const [type, value] of [['webinar', 1_500], ['online_demo', 3_000], ['contact_sales', 11_000], ['trade_show', 1_250]] as const) await setMqlValueOverride(ctx, type, value);

  const move = async (stage: Stage, at: string, o: { type?: string; first?: string } = {}) => {
    const id = await contact(db, { type: o.type ?? null, first: o.first, createdAt: new Date(new Date(at).getTime() - 3_600_000).toISOString() });
    await moveStage(ctx, 'contact', id, stage, null, new Date(at));
    return id;
  };
  // This week.
  const w1 = await move('lead', '2026-12-11T10:00:00Z');
  await move('lead', '2026-12-12T10:00:00Z');
  await move('lead', '2026-12-14T10:00:00Z');
  await move('lead', '2026-12-15T10:00:00Z');
  const w5 = await move('mql', '2026-12-11T11:00:00Z', { type: 'webinar' });
  await move('mql', '2026-12-15T09:00:00Z', { type: 'contact_sales' });
  const w7 = await move('mql', '2026-12-16T09:00:00Z', { type: 'webinar' });
  await move('sql', '2026-12-16T10:00:00Z');
  await move('customer', '2026-12-17T09:00:00Z');
  // Last week.
  await move('lead', '2026-12-04T10:00:00Z');
  await move('lead', '2026-12-08T10:00:00Z');
  await move('mql', '2026-12-04T11:00:00Z', { type: 'webinar' });
  await move('mql', '2026-12-07T11:00:00Z', { type: 'webinar' });
  await move('mql', '2026-12-09T11:00:00Z', { type: 'online_demo' });
  await move('opportunity', '2026-12-05T10:00:00Z');
  // Weeks −2 to −4.
  for (const d of ['2026-11-13', '2026-11-16', '2026-11-20', '2026-11-24', '2026-11-27', '2026-12-01']) await move('lead', `${d}T10:00:00Z`);
  for (const d of ['2026-11-13', '2026-11-25', '2026-12-02']) await move('mql', `${d}T11:00:00Z`, { type: 'webinar' });
  for (const d of ['2026-11-18', '2026-11-30']) await move('sql', `${d}T10:00:00Z`);
  // Outside every window: before the four weeks, and at the meeting moment itself (the week is half-open).
  await move('lead', '2026-11-01T10:00:00Z');
  await move('lead', AT.toISOString());

  // Close rates of MQL types (cohorts judged at the same age): webinar MQLs of the last 90 days
  // close at 1 of 27 (the 20 below and the 7 webinar MQLs above), against 6 of 20 the 90 days
  // before: falling. Trade shows fall from 5 of 10 to 0 of 10, too few MQLs to say.
  await cohort(db, 'webinar', 20, new Date(AT.getTime() - 60 * DAY), 1, new Date(AT.getTime() - 50 * DAY));
  await cohort(db, 'trade_show', 10, new Date(AT.getTime() - 60 * DAY), 0, new Date(AT.getTime() - 50 * DAY));
  await cohort(db, 'webinar', 20, new Date(AT.getTime() - 150 * DAY), 6, new Date(AT.getTime() - 120 * DAY));
  await cohort(db, 'trade_show', 10, new Date(AT.getTime() - 150 * DAY), 5, new Date(AT.getTime() - 120 * DAY));

  // Sales SLA clocks (first touch due 4 h after assignment, 2 attempts).
  const lead = (first: string, last: string) => contact(db, { first, last, type: 'webinar', stage: 'mql' });
  const s1 = await lead('Sam', 'One');
  await assignment(db, s1, bo.id, '2026-12-14T09:00:00Z', '2026-12-14T13:00:00Z', '2026-12-28T09:00:00Z');
  await call(db, s1, bo.id, '2026-12-14T10:00:00Z', 'no_answer'); // touched in time, 1 of 2 attempts: undecided
  const s2 = await lead('Sue', 'Two');
  await assignment(db, s2, bo.id, '2026-12-15T09:00:00Z', '2026-12-15T13:00:00Z', '2026-12-29T09:00:00Z');
  await call(db, s2, bo.id, '2026-12-15T11:00:00Z', 'connected'); // in time, reached: both met
  const s3 = await lead('Alan', 'Turing');
  await assignment(db, s3, cy.id, '2026-12-15T09:00:00Z', '2026-12-15T13:00:00Z', '2026-12-29T09:00:00Z'); // never touched: breached
  const s4 = await lead('Ada', 'Four');
  await assignment(db, s4, cy.id, '2026-12-16T08:00:00Z', '2026-12-16T12:00:00Z', '2026-12-30T08:00:00Z');
  await call(db, s4, cy.id, '2026-12-16T14:00:00Z', 'no_answer'); // touched late: missed
  const s5 = await lead('Eve', 'Five');
  await assignment(db, s5, cy.id, '2026-12-17T15:00:00Z', '2026-12-17T19:00:00Z', '2026-12-31T15:00:00Z'); // not due yet
  // Earlier in the four weeks.
  const s6 = await lead('Max', 'Six');
  await assignment(db, s6, bo.id, '2026-11-25T09:00:00Z', '2026-11-25T13:00:00Z', '2026-12-09T09:00:00Z');
  await call(db, s6, bo.id, '2026-11-25T10:00:00Z', 'no_answer');
  await call(db, s6, bo.id, '2026-11-26T10:00:00Z', 'no_answer'); // both attempts: met
  const s7 = await lead('Grace', 'Hopper');
  await assignment(db, s7, cy.id, '2026-11-26T09:00:00Z', '2026-11-26T13:00:00Z', '2026-12-10T09:00:00Z');
  await call(db, s7, cy.id, '2026-11-26T10:00:00Z', 'no_answer'); // 1 of 2 attempts, window over: breached

  // Deals: two won this week, one won last week, one still open.
  const company = async (name: string) => Number((await db.query<{ id: number }>('INSERT INTO companies (name) VALUES ($1) RETURNING id', [name]))[0]!.id);
  const sys = { ...ctx, actor: systemActor };
  await createDeal(sys, { name: 'Northwind renewal', stage: 'closed_won', amount: 48_000, company_id: await company('Northwind'), owner_id: bo.id, closed_at: '2026-12-15T10:00:00Z' });
  await createDeal(sys, { name: 'Contoso pilot', stage: 'closed_won', amount: 12_500, company_id: await company('Contoso'), owner_id: cy.id, closed_at: '2026-12-11T10:00:00Z' });
  await createDeal(sys, { name: 'Fabrikam first order', stage: 'closed_won', amount: 90_000, company_id: await company('Fabrikam'), owner_id: bo.id, closed_at: '2026-12-09T10:00:00Z' });
  await createDeal(sys, { name: 'Initech proposal', stage: 'proposal', amount: 30_000, company_id: await company('Initech'), owner_id: cy.id });

  // Campaigns: two start in the next two weeks (one the meeting day), one on the day the window
  // closes (31 Dec, out), one started before.
  const campaign = async (name: string, type: string, startsOn: string, endsOn: string) =>
    Number((await db.query<{ id: number }>('INSERT INTO campaigns (name, type, utm_campaign, starts_on, ends_on) VALUES ($1, $2, $3, $4, $5) RETURNING id', [name, type, name.toLowerCase().replace(/ /g, '-'), startsOn, endsOn]))[0]!.id);
  const webinar = await campaign('Closing the loop', 'webinar', '2026-12-17', '2026-12-17');
  const yearEnd = await campaign('Year-end offer', 'paid_ads', '2026-12-21', '2026-12-31');
  await campaign('January trade show', 'trade_show', '2026-12-31', '2027-01-02');
  const autumn = await campaign('Autumn guide', 'content', '2026-12-01', '2026-12-31');
  const visit = async (campaignId: number, at: string, contactId: number | null = null) =>
    db.query(`INSERT INTO visits (visitor_id, contact_id, started_at, ended_at, channel, channel_rule, campaign_id) VALUES ($1, $2, $3, $3, 'Email', 'test', $4)`, [`v-${Math.random()}`, contactId, at, campaignId]);
  // Leads of the week first touched by a campaign: w5 and w7 by the webinar (both MQLs), w1 by the guide.
  await visit(webinar, '2026-12-11T09:30:00Z', w5);
  await visit(webinar, '2026-12-16T07:30:00Z', w7);
  await visit(webinar, '2026-12-12T12:00:00Z');
  await visit(autumn, '2026-12-11T08:30:00Z', w1);
  for (const d of ['11', '12', '13', '14']) await visit(autumn, `2026-12-${d}T12:00:00Z`);
  await visit(yearEnd, '2026-12-16T12:00:00Z');
  await visit(yearEnd, '2026-12-02T12:00:00Z'); // last week's visits do not count

  // Assets used this week (and one download last week, which does not count).
  const asset = async (kind: string, key: string, name: string) => Number((await db.query<{ id: number }>(`INSERT INTO assets (kind, key, name, first_seen) VALUES ($1, $2, $3, '2026-11-01') RETURNING id`, [kind, key, name]))[0]!.id);
  const guide = await asset('content', 'smarketing-guide', 'Smarketing guide');
  const webinarAsset = await asset('webinar', 'closing-the-loop', 'Closing the loop');
  const cta = await asset('cta', 'book-a-demo', 'Book a demo');
  let n = 0;
  const event = (assetId: number, name: string, at: string) =>
    db.query(`INSERT INTO events (write_key_id, message_id, type, event, timestamp, received_at, asset_id) VALUES (1, $1, 'track', $2, $3, $3, $4)`, [`m${++n}`, name, at, assetId]);
  for (const d of ['11', '12', '15']) await event(guide, 'Content Downloaded', `2026-12-${d}T12:00:00Z`);
  await event(guide, 'Content Downloaded', '2026-12-05T12:00:00Z');
  for (const d of ['13', '14']) await event(webinarAsset, 'Webinar Registered', `2026-12-${d}T12:00:00Z`);
  for (let i = 0; i < 10; i++) await event(cta, 'CTA Viewed', '2026-12-14T12:00:00Z');
  await event(cta, 'CTA Clicked', '2026-12-14T12:05:00Z');

  // The series and its meetings: m0 (3 Dec) and m1 (10 Dec) held, m2 the meeting of the pack.
  const [series] = await db.query<{ id: number }>(`INSERT INTO meeting_series (kind, name, weekday, local_time, duration_minutes) VALUES ('weekly', 'Smarketing weekly', 4, '17:00', 35) RETURNING id`);
  const seriesId = Number(series!.id);
  const m0 = await meeting(db, seriesId, '2026-W49', '2026-12-03T16:00:00Z', 'held');
  const m1 = await meeting(db, seriesId, '2026-W50', '2026-12-10T16:00:00Z', 'held');
  const m2 = await meeting(db, seriesId, '2026-W51', '2026-12-17T16:00:00Z', 'planned', { sales: bo.id, marketing: ana.id });
  await actionItem(db, m0, 'Fix the webinar form', { owner: ana.id, due: '2026-12-08' }); // carried, overdue 9 days
  await actionItem(db, m0, 'Clean up the old lead list', { owner: bo.id, due: '2026-12-05', status: 'done', closedAt: '2026-12-09T10:00:00Z' }); // closed before m1: gone
  await actionItem(db, m1, 'Call back the trade-show leads', { owner: bo.id, due: '2026-12-20', status: 'in_progress' });
  await actionItem(db, m1, 'Share the year-end deck', { owner: ana.id, due: '2026-12-15', status: 'done', closedAt: '2026-12-14T10:00:00Z' });
  await actionItem(db, m1, 'Drop the print ad', { status: 'cancelled', closedAt: '2026-12-15T10:00:00Z' });
  await actionItem(db, m1, 'Update lead scoring', { due: '2026-12-16' }); // no owner, overdue 1 day
  await actionItem(db, m2, 'Decided at this meeting', { owner: ana.id, due: '2026-12-01' }); // the meeting's output, not its input
  // Another series' item never shows.
  const [monthly] = await db.query<{ id: number }>(`INSERT INTO meeting_series (kind, name, weekday, week_of_month, local_time) VALUES ('monthly', 'Management', 2, 1, '10:00') RETURNING id`);
  const mm = await meeting(db, Number(monthly!.id), '2026-12', '2026-12-01T09:00:00Z', 'held');
  await actionItem(db, mm, 'Monthly item', { owner: ana.id, due: '2026-12-02' });
  return { seriesId, m1, m2, s3, s7 };
}

describe.each(testBackends())('weekly Smarketing pack on %s', (backend) => {
  it('builds the pack of a hand-built week with exact figures, agenda, links and carried action items', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock(AT);
      const ctx: Ctx = { db: t.db, clock, actor: systemActor };
      const w = await buildWeek(ctx);
      const doc = packDocumentOut.parse(await weeklyPack(ctx, { at: AT, meetingId: w.m2 }));

      expect(doc).toMatchObject({
        kind: 'weekly_pack',
        title: 'Smarketing weekly',
        subtitle: 'Week of 10–17 December 2026 · meeting Thursday 17 December, 17:00 (Europe/Madrid)',
        period: '2026-W51',
        generated_at: AT.toISOString(),
        time_zone: 'Europe/Madrid',
        agenda: { total_minutes: 35, duration_minutes: 35, over_by_minutes: 0 },
      });
      expect(doc.sections.map((s) => [s.key, s.minutes, s.presenter])).toEqual([
        ['marketing_sla', 7, 'Ana Ruiz (marketing)'],
        ['sales_sla', 7, 'Bo Li (sales)'],
        ['funnel', 5, 'Ana Ruiz (marketing)'],
        ['highlights', 4, 'Bo Li (sales)'],
        ['at_risk', 5, null],
        ['promotions', 3, 'Ana Ruiz (marketing)'],
        ['action_items', 4, null],
      ]);
      expect(doc.sections.reduce((s, x) => s + (x.minutes ?? 0), 0)).toBe(35);

      // Marketing SLA: 21,500 € of 50,000 €; 16 days and 17 hours of 31 gone → pace 26,948.92 €.
      const mkt = block(section(doc, 'marketing_sla'), 'figures').items;
      expect(mkt[0]).toMatchObject({ label: 'MQL value delivered in December 2026', value: 21_500, target: 50_000, format: 'money', tone: 'warning', detail: 'of €50,000 target · projected €39,890', href: '/marketing-sla?month=2026-12' });
      // Target in MQLs at the mix of Sep–Nov (22 webinars, 10 trade shows: 1,421.875 € each) → 36.
      expect(mkt[1]).toMatchObject({ label: 'MQLs delivered in December 2026', value: 7, target: 36, detail: 'of 36 MQLs at the current type mix' });
      expect(mkt[2]!.value).toBeCloseTo(0.797805, 5);
      expect(mkt[2]).toMatchObject({ label: 'Against pace', tone: 'warning', detail: 'Behind pace: €21,500 delivered, €26,949 expected by now' });
      expect(mkt[3]).toMatchObject({ label: 'Projected at month end', value: 39_890.27, tone: 'warning', detail: '79.8% of target' });
      const paceChart = block(section(doc, 'marketing_sla'), 'chart');
      expect(paceChart.categories).toHaveLength(31);
      expect(paceChart.categories[16]).toBe('17 Dec');
      expect(paceChart.series[0]!.values[16]).toBe(21_500);
      expect(paceChart.series[0]!.values[17]).toBeNull();

      // Sales SLA: this week 2 of 4 decided first touches in time (Cy: one breached, one late);
      // attempts over four weeks 2 of 3 decided; two leads breached now.
      const sales = section(doc, 'sales_sla');
      const sf = block(sales, 'figures').items;
      expect(sf[0]).toMatchObject({ value: 0.5, target: 0.9, tone: 'bad', detail: '2 of 4 leads assigned this week and due by now', href: '/sla?from=2026-12-10&to=2026-12-17' });
      expect(sf[1]!.value).toBeCloseTo(2 / 3, 10);
      expect(sf[1]).toMatchObject({ tone: 'bad', detail: '2 of 3 leads whose attempts are decided', href: '/sla?from=2026-11-19&to=2026-12-17' });
      expect(sf[2]).toMatchObject({ label: 'Leads breached now', value: 2, tone: 'bad', detail: '1 not touched in time · 1 short of attempts' });
      expect(table(sales, 'SLA compliance by rep').rows).toEqual([
        { cells: ['Cy Park', 3, 0, 0, 2], tone: 'bad', href: '/sla?from=2026-12-10&to=2026-12-17' },
        { cells: ['Bo Li', 2, 1, 1, 0], tone: 'good', href: '/sla?from=2026-12-10&to=2026-12-17' },
      ]);
      expect(table(sales, 'Leads breached now').rows).toEqual([
        { cells: ['Grace Hopper', 'Cy Park', 'Attempts (1 of 2)', '2026-12-10T09:00:00.000Z'], tone: 'bad', href: `/contacts/${w.s7}` },
        { cells: ['Alan Turing', 'Cy Park', 'First touch', '2026-12-15T13:00:00.000Z'], tone: 'bad', href: `/contacts/${w.s3}` },
      ]);

      // Funnel: this week, last week, and the average of the four weeks before.
      const funnel = section(doc, 'funnel');
      expect(block(funnel, 'table').rows.map((r) => r.cells)).toEqual([
        ['Lead', 4, 2, 2],
        ['MQL', 3, 3, 1.5],
        ['SQL', 1, 0, 0.5],
        ['Opportunity', 0, 1, 0.25],
        ['Customer', 1, 0, 0],
      ]);
      expect(block(funnel, 'table').rows.map((r) => r.tone)).toEqual(['good', 'good', 'good', 'warning', 'good']);
      expect(block(funnel, 'table').rows[0]!.href).toBe('/funnel?from=2026-12-10&to=2026-12-17');

      // Highlights: the two deals won this week, biggest first; campaigns by MQLs; assets by result.
      const hl = section(doc, 'highlights');
      expect(block(hl, 'figures').items.map((f) => [f.label, f.value])).toEqual([['Deals won this week', 2], ['Revenue won this week', 60_500]]);
      expect(block(hl, 'figures').items.map((f) => f.href)).toEqual(['/deals?from=2026-12-10&to=2026-12-17', '/deals?from=2026-12-10&to=2026-12-17']);
      expect(table(hl, 'Deals won').rows.map((r) => r.cells)).toEqual([['Northwind renewal', 'Northwind', 'Bo Li', 48_000], ['Contoso pilot', 'Contoso', 'Cy Park', 12_500]]);
      expect(table(hl, 'Best campaigns this week').rows.map((r) => r.cells)).toEqual([
        ['Closing the loop', 'Webinar', 3, 2, 2],
        ['Autumn guide', 'Content', 5, 1, 0],
        ['Year-end offer', 'Paid ads', 1, 0, 0],
      ]);
      expect(table(hl, 'Best assets this week').rows.map((r) => r.cells)).toEqual([
        ['Smarketing guide', 'Downloads', 3],
        ['Closing the loop', 'Webinar registrations', 2],
        ['Book a demo', 'Call-to-action clicks', 1],
      ]);

      // At risk: breached leads, the rep under 90 %, marketing behind pace, webinar close rate, overdue items.
      const risks = block(section(doc, 'at_risk'), 'list').items;
      expect(risks.map((r) => [r.text, r.tone, r.href])).toEqual([
        ['2 leads past the follow-up SLA', 'bad', '/sla'],
        ['Cy Park is under 90% SLA compliance', 'bad', '/sla?from=2026-12-10&to=2026-12-17'],
        ['Marketing is behind pace on its SLA', 'warning', '/marketing-sla?month=2026-12'],
        ['Close rate of Webinar MQLs is falling', 'warning', '/marketing-sla?month=2026-12'],
        ['Action item overdue: Fix the webinar form', 'bad', `/meetings/${(await t.db.query<{ meeting_id: number }>(`SELECT meeting_id FROM action_items WHERE title = 'Fix the webinar form'`))[0]!.meeting_id}`],
        ['Action item overdue: Update lead scoring', 'bad', `/meetings/${w.m1}`],
      ]);
      expect(risks[3]!.detail).toBe("3.7% (1 of 27) for the last 90 days' MQLs against 30.0% (6 of 20) for the 90 days before, at the same age");
      expect(risks[4]!.detail).toBe('Ana Ruiz · overdue 9 days');
      expect(risks[5]!.detail).toBe('No owner · overdue 1 day');

      // Promotions: what starts in [17 Dec, 31 Dec).
      expect(block(section(doc, 'promotions'), 'table').rows).toEqual([
        { cells: ['Closing the loop', 'Webinar', '2026-12-17', '2026-12-17'], href: '/campaigns' },
        { cells: ['Year-end offer', 'Paid ads', '2026-12-21', '2026-12-31'], href: '/campaigns' },
      ]);

      // Action items: open ones carried (overdue flagged), those closed since the last meeting once.
      const items = block(section(doc, 'action_items'), 'table').rows;
      expect(items.map((r) => [r.cells, r.tone])).toEqual([
        [['Fix the webinar form', 'Ana Ruiz', '2026-12-08', 'Open, overdue 9 days'], 'bad'],
        [['Update lead scoring', 'No owner', '2026-12-16', 'Open, overdue 1 day'], 'bad'],
        [['Call back the trade-show leads', 'Bo Li', '2026-12-20', 'In progress'], 'neutral'],
        [['Share the year-end deck', 'Ana Ruiz', '2026-12-15', 'Done'], 'good'],
        [['Drop the print ad', 'No owner', null, 'Cancelled'], 'neutral'],
      ]);
      expect(items.every((r) => r.href === `/meetings/${w.m1}` || r.href === items[0]!.href)).toBe(true);
      expect(JSON.stringify(doc)).not.toContain('Clean up the old lead list');
      expect(JSON.stringify(doc)).not.toContain('Decided at this meeting');
      expect(JSON.stringify(doc)).not.toContain('Monthly item');

      // Every figure, row, chart and list item links to a page of the web app.
      for (const l of links(doc)) expect(l.href, l.where).toMatch(/^\/[a-z]/);
      // No enum keys in what people read.
      expect(JSON.stringify(doc.sections.map((s) => s.blocks))).not.toMatch(/"(webinar|paid_ads|in_progress|closed_won|on_track|first_touch)"/);

      // The at-risk section's overdue items are the shared function's.
      expect((await overdueActionItems(t.db, { seriesId: w.seriesId, at: AT })).map((o) => [o.title, o.days_overdue])).toEqual([['Fix the webinar form', 9], ['Update lead scoring', 1]]);
    } finally {
      await t.cleanup();
    }
  });

  it('read before its meeting, covers the week so far and compares it with the same days of the weeks before', async () => {
    const t = await createTestDb(backend);
    try {
      const clock = fixedClock(AT);
      const ctx: Ctx = { db: t.db, clock, actor: systemActor };
      const w = await buildWeek(ctx);
      // Monday 14 December, 13:00 in Madrid: 3 days and 21 hours of the week gone. The week's later
      // rows (built above) lie in the future of this reading and must not count.
      clock.set('2026-12-14T12:00:00Z');
      const doc = packDocumentOut.parse(await weeklyPack(ctx, { at: AT, meetingId: w.m2 }));
      expect(doc.subtitle).toBe('Week of 10–17 December 2026, so far (to Monday 14 December, 13:00) · meeting Thursday 17 December, 17:00 (Europe/Madrid)');
      // Each week's [Thursday 17:00, Monday 13:00): this week leads on 11, 12 and 14 Dec (10:00 UTC), an MQL on the 11th;
      // last week a lead (4 Dec), two MQLs (4 and 7 Dec), an opportunity (5 Dec); weeks −2…−4 add
      // leads on 27, 20, 13 and 16 Nov, an SQL on 30 Nov and an MQL on 13 Nov.
      const funnel = block(section(doc, 'funnel'), 'table');
      expect(funnel.columns.map((c) => c.label)).toEqual(['Stage', 'This week so far', 'Last week, same days', 'Average of the 4 weeks before, same days']);
      expect(funnel.rows.map((r) => r.cells)).toEqual([
        ['Lead', 3, 1, 1.25],
        ['MQL', 1, 2, 0.75],
        ['SQL', 0, 0, 0.25],
        ['Opportunity', 0, 1, 0.25],
        ['Customer', 0, 0, 0],
      ]);
      expect(funnel.rows.map((r) => r.tone)).toEqual(['good', 'good', 'warning', 'warning', 'neutral']);
      const hl = section(doc, 'highlights');
      expect(block(hl, 'figures').items.map((f) => [f.label, f.value])).toEqual([['Deals won so far this week', 1], ['Revenue won so far this week', 12_500]]);
      expect(table(hl, 'Deals won').rows.map((r) => r.cells[0])).toEqual(['Contoso pilot']);
      expect(table(hl, 'Best assets so far this week').rows.length).toBeGreaterThan(0);

      // Once the meeting has begun the same pack is the whole week again.
      clock.set(AT);
      const whole = await weeklyPack(ctx, { at: AT, meetingId: w.m2 });
      expect(block(section(whole, 'funnel'), 'table').rows[0]!.cells).toEqual(['Lead', 4, 2, 2]);
      expect(whole.subtitle).not.toContain('so far');
    } finally {
      await t.cleanup();
    }
  });

  it('without a series runs 35 minutes with no presenters nor action items; a too-short series runs over and says so', async () => {
    const t = await createTestDb(backend);
    try {
      const ctx: Ctx = { db: t.db, clock: fixedClock(AT), actor: systemActor };
      const bare = packDocumentOut.parse(await weeklyPack(ctx, { at: AT }));
      expect(bare).toMatchObject({ title: 'Weekly Smarketing meeting', time_zone: 'UTC', period: '2026-W51', agenda: { total_minutes: 35, duration_minutes: 35, over_by_minutes: 0 } });
      expect(bare.subtitle).toBe('Week of 10–17 December 2026 · meeting Thursday 17 December, 16:00 (UTC)');
      expect(bare.sections.every((s) => s.presenter === null)).toBe(true);
      expect(block(section(bare, 'action_items'), 'text').text).toMatch(/No meeting series/);
      expect(block(section(bare, 'marketing_sla'), 'text').text).toMatch(/No revenue goal is set for December 2026/);
      expect(block(section(bare, 'at_risk'), 'list')).toEqual({ type: 'list', items: [], empty: 'Nothing is at risk this week.' });

      await t.db.query(`INSERT INTO meeting_series (kind, name, duration_minutes) VALUES ('weekly', 'Stand-up', 10)`);
      const short = packDocumentOut.parse(await weeklyPack(ctx, { at: AT }));
      expect(short.agenda).toEqual({ total_minutes: 14, duration_minutes: 10, over_by_minutes: 4 });
      expect(short.sections[0]).toMatchObject({ key: 'agenda_over_time', minutes: null });
      expect(block(short.sections[0]!, 'text').text).toBe('The 7 agenda items need at least 2 minutes each, 14 minutes in all: 4 minutes more than the 10-minute meeting. Lengthen the meeting or drop an item.');
      expect(short.sections.filter((s) => s.minutes !== null).map((s) => s.minutes)).toEqual([2, 2, 2, 2, 2, 2, 2]);
      // The series exists but has no meetings: an empty action-items table, not the no-series text.
      expect(block(section(short, 'action_items'), 'table').rows).toEqual([]);

      await t.db.query(`UPDATE meeting_series SET duration_minutes = 60`);
      const long = packDocumentOut.parse(await weeklyPack(ctx, { at: AT }));
      expect(long.agenda).toEqual({ total_minutes: 60, duration_minutes: 60, over_by_minutes: 0 });
      expect(long.sections.map((s) => s.minutes)).toEqual([12, 12, 9, 7, 8, 5, 7]);

      await expect(weeklyPack(ctx, { at: AT, meetingId: 999 })).rejects.toThrow(/Meeting 999 does not exist/);
      const [monthly] = await t.db.query<{ id: number }>(`INSERT INTO meeting_series (kind, name, weekday, week_of_month) VALUES ('monthly', 'Management', 2, 1) RETURNING id`);
      const mm = await meeting(t.db, Number(monthly!.id), '2026-12', '2026-12-01T09:00:00Z', 'planned');
      await expect(weeklyPack(ctx, { at: AT, meetingId: mm })).rejects.toThrow(/Meeting: meeting \d+ is a monthly meeting/);
    } finally {
      await t.cleanup();
    }
  });
});

describe('agenda timeboxes', () => {
  it('scales the defaults to the duration exactly, keeps a minimum per item and reports the over-run', () => {
    const defaults = [7, 7, 5, 4, 5, 3, 4];
    expect(agendaTimeboxes(defaults, 35)).toEqual({ minutes: defaults, total: 35, overBy: 0 });
    expect(agendaTimeboxes(defaults, 60)).toEqual({ minutes: [12, 12, 9, 7, 8, 5, 7], total: 60, overBy: 0 });
    expect(agendaTimeboxes(defaults, 20)).toEqual({ minutes: [4, 4, 3, 2, 3, 2, 2], total: 20, overBy: 0 });
    expect(agendaTimeboxes(defaults, 15)).toEqual({ minutes: [2, 3, 2, 2, 2, 2, 2], total: 15, overBy: 0 });
    expect(agendaTimeboxes(defaults, 14)).toEqual({ minutes: [2, 2, 2, 2, 2, 2, 2], total: 14, overBy: 0 });
    expect(agendaTimeboxes(defaults, 9)).toEqual({ minutes: [2, 2, 2, 2, 2, 2, 2], total: 14, overBy: 5 });
    for (let d = 15; d <= 240; d++) expect(agendaTimeboxes(defaults, d).minutes.reduce((s, m) => s + m, 0)).toBe(d);
  });
});

describe('falling close rate of an MQL type', () => {
  const v = (mql_type: string, mqls: number, customers: number): MeasuredValue => ({ mql_type, segment: null, mqls, customers, revenue: 0, close_rate: mqls ? customers / mqls : null, avg_revenue_per_customer: null, value: null });
  it('flags a real drop on enough MQLs, not noise', () => {
    // 30 % → 5 % on 20 MQLs each: z ≈ 2.08, flagged.
    expect(fallingCloseRates([v('webinar', 20, 1)], [v('webinar', 20, 6)]).map((f) => f.type)).toEqual(['webinar']);
    // 20 % → 15 %: a quarter down, but well within chance on 20 MQLs.
    expect(fallingCloseRates([v('webinar', 20, 3)], [v('webinar', 20, 4)])).toEqual([]);
    // 50 % → 0 % on 10 MQLs: too few to say.
    expect(fallingCloseRates([v('trade_show', 10, 0)], [v('trade_show', 10, 5)])).toEqual([]);
    // Rising, or no earlier cohort: nothing.
    expect(fallingCloseRates([v('webinar', 40, 10)], [v('webinar', 40, 4)])).toEqual([]);
    expect(fallingCloseRates([v('webinar', 40, 0)], [])).toEqual([]);
  });
});
