import { DateTime } from 'luxon';
import type { Db } from '../db/client.js';
import type { Mailer } from '../domains/alerts/deliver.js';
import type { Actor, Ctx } from '../domains/context.js';
import { setGoal, setQuotas } from '../domains/goals/goals.js';
import { saveRoutingRules } from '../domains/sla/routing-rules.js';
import { appSecret } from '../domains/notify/app-secret.js';
import { recordEngagement } from '../domains/notify/record-engagement.js';
import { createActionItem, updateActionItem } from '../domains/rituals/action-items.js';
import { createSeries } from '../domains/rituals/meeting-series.js';
import { addDecision, ensureMeeting, holdMeeting, updateMeeting } from '../domains/rituals/meetings.js';
import { nextOccurrence, shiftPeriod } from '../domains/rituals/series-occurrences.js';
import { sendUpdate } from '../domains/updates/send-update.js';
import { createUpdate } from '../domains/updates/weekly-updates.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import { fixedClock } from '../shared/clock.js';

const HOUR = 3600_000;
const DAY = 24 * HOUR;

/**
 * The demo has no mail server and its people have @revloop.test addresses: the two past weekly
 * updates are recorded as accepted for delivery, so their reports read like a real team's.
 */
const acceptingMailer: Mailer = { send: async () => {} };

const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15';
const SCANNER = 'Mimecast Web Security';

export interface DemoRitualsSummary {
  meetings: number;
  actionItems: number;
  updates: number;
}

interface Person {
  id: number;
  name: string;
  role: string;
}

/**
 * The rituals of the demo company, so every meeting and update page has something on first
 * start: a weekly Smarketing series with its two last meetings held (notes, decisions, action
 * items in every state, packs kept as they were), the next meeting planned, a monthly
 * management series, and the two last weekly updates to sales sent, opened and clicked.
 * Runs after the simulated history (packs and updates read it), through the domain functions a
 * user's clicks would call, each at its moment on a clock of its own.
 */
export async function seedDemoRituals(db: Db, now: Date): Promise<DemoRitualsSummary> {
  const people = await db.query<Person>('SELECT id, name, role FROM users WHERE active ORDER BY id');
  const byRole = (role: string) => people.filter((p) => p.role === role);
  const [admin] = byRole('admin');
  const marketing = byRole('marketing');
  const managers = byRole('sales_manager');
  const reps = byRole('sales_rep');
  if (!admin || marketing.length < 2 || !managers.length || reps.length < 2) return { meetings: 0, actionItems: 0, updates: 0 };
  const clock = fixedClock(now);
  const actor: Actor = { type: 'user', id: String(admin.id), role: 'admin', name: admin.name };
  const ctx: Ctx = { db, clock, actor };
  const zone = await reportZone(db);

  await seedGoals(ctx, now, zone);
  // The routing the simulated year followed: every MQL to the SDRs (round robin), who hand
  // qualified leads to the AE team of the account's segment.
  await saveRoutingRules(db, { rules: [{ id: 'mqls-to-sdrs', name: 'Every MQL to the SDR team', conditions: [], team: 'SDR' }], fallbackTeam: 'SDR', keepExistingOwner: true }, ctx);
  const weekly = await createSeries(ctx, {
    kind: 'weekly',
    attendees: [
      ...marketing.slice(0, 2).map((p) => ({ user_id: p.id, side: 'marketing' as const })),
      { user_id: managers[0]!.id, side: 'sales' as const },
      ...reps.slice(0, 2).map((p) => ({ user_id: p.id, side: 'sales' as const })),
    ],
  });
  await createSeries(ctx, {
    kind: 'monthly',
    attendees: [
      { user_id: marketing[0]!.id, side: 'marketing' as const },
      { user_id: marketing[1]!.id, side: 'marketing' as const },
      { user_id: managers[0]!.id, side: 'sales' as const },
    ],
  });

  // The next meeting is planned and the two before it were held, with what a team writes down. The
  // next one, not this week's: a demo made on a Friday would otherwise plan a meeting already past.
  const upcoming = nextOccurrence(weekly, now, zone).period;
  const [m1, m2] = [shiftPeriod('weekly', upcoming, -2), shiftPeriod('weekly', upcoming, -1)];
  const [mkt, mkt2] = [marketing[0]!, marketing[1]!];
  const [manager, rep1, rep2] = [managers[0]!, reps[0]!, reps[1]!];
  const day = (at: Date, days: number) => new Date(at.getTime() + days * DAY).toISOString().slice(0, 10);
  let actionItems = 0;

  const first = await ensureMeeting(ctx, weekly.id, m1!);
  const at1 = first.scheduled_at;
  clock.set(new Date(at1.getTime() + 30 * 60_000));
  await updateMeeting(ctx, first.id, {
    notes: `MQL value is behind pace after a quiet webinar week; ${mkt.name} walked through the campaigns starting next week.\nSales: two reps under the first-touch target, both on holiday part of the week.\nAgreed to look at why "no budget" rejections doubled.`,
  });
  await addDecision(ctx, first.id, { text: 'Pricing-page visits count towards the interest score from next week.' });
  await addDecision(ctx, first.id, { text: 'Leads from the partner webinar go straight to the AE team.' });
  const items1 = [
    await createActionItem(ctx, first.id, { title: 'Add pricing-page visits to the interest score', owner_id: mkt.id, due_date: day(at1, 7) }),
    await createActionItem(ctx, first.id, { title: 'Call back the leads that breached first touch', owner_id: rep1.id, due_date: day(at1, 2) }),
    await createActionItem(ctx, first.id, { title: 'Draft next quarter’s webinar calendar', owner_id: mkt2.id, due_date: day(at1, 21) }),
    await createActionItem(ctx, first.id, { title: 'Review the “no budget” rejections with marketing', owner_id: manager.id, due_date: day(at1, 5) }),
    await createActionItem(ctx, first.id, { title: 'Trial a lead-gen form on LinkedIn', owner_id: mkt2.id, due_date: day(at1, 14) }),
  ];
  actionItems += items1.length;
  clock.set(new Date(at1.getTime() + 40 * 60_000));
  await holdMeeting(ctx, first.id);
  clock.set(new Date(at1.getTime() + 1 * DAY));
  await updateActionItem(ctx, items1[1]!.id, { status: 'done' });
  await updateActionItem(ctx, items1[2]!.id, { status: 'in_progress' });
  clock.set(new Date(at1.getTime() + 4 * DAY));
  await updateActionItem(ctx, items1[0]!.id, { status: 'done' });
  await updateActionItem(ctx, items1[4]!.id, { status: 'cancelled' });

  const second = await ensureMeeting(ctx, weekly.id, m2!);
  const at2 = second.scheduled_at;
  clock.set(new Date(at2.getTime() + 30 * 60_000));
  await updateMeeting(ctx, second.id, {
    notes: `Good week for won deals. The “no budget” review is still open: ${manager.name} to bring examples next week.\nMarketing will share the new case study with the AEs before the webinar.`,
  });
  await addDecision(ctx, second.id, { text: 'SDRs make six attempts in ten days before recycling a lead.' });
  const items2 = [
    await createActionItem(ctx, second.id, { title: 'Share the new case study with the AE team', owner_id: mkt.id, due_date: day(at2, 9) }),
    await createActionItem(ctx, second.id, { title: 'Update the SLA policy to six attempts', owner_id: manager.id, due_date: day(at2, 3) }),
    await createActionItem(ctx, second.id, { title: 'Tag webinar registrants by topic', owner_id: rep2.id, due_date: day(at2, 10) }),
  ];
  actionItems += items2.length;
  clock.set(new Date(at2.getTime() + 40 * 60_000));
  await holdMeeting(ctx, second.id);
  clock.set(new Date(Math.min(at2.getTime() + 2 * DAY, now.getTime())));
  await updateActionItem(ctx, items2[1]!.id, { status: 'done' });
  await updateActionItem(ctx, items2[2]!.id, { status: 'in_progress' });
  clock.set(now);
  await ensureMeeting(ctx, weekly.id, upcoming);

  const updates = await seedUpdates({ ...ctx, clock }, now, zone, [...managers, ...reps]);
  return { meetings: 3, actionItems, updates };
}

/**
 * Quarterly revenue goals from the history's own pace (10 % above the average quarter's won
 * revenue, 60 % sourced by marketing), for every quarter of the history and the next one: the
 * marketing SLA, the waterfall and both packs then have a target to be measured against. The
 * goal is shared out as quotas: to each AE team by its share of the revenue won, and within the
 * team equally to its reps (the sales report reads a third of a quarter's quota for a month).
 */
async function seedGoals(ctx: Ctx, now: Date, zone: string): Promise<void> {
  const [have] = await ctx.db.query<{ n: number }>('SELECT count(*) AS n FROM revenue_goals');
  if (have!.n > 0) return;
  // From the history's first day (its first contact), so every month of it has a goal.
  const [won] = await ctx.db.query<{ revenue: number | null; first: Date | null; start: Date | null }>(
    `SELECT sum(d.amount)::float8 AS revenue, min(d.closed_at) AS first, (SELECT min(created_at) FROM contacts) AS start
       FROM deals d JOIN pipeline_stages s ON s.pipeline_id = d.pipeline_id AND s.key = d.stage WHERE s.outcome = 'won' AND d.closed_at <= $1`, [now]);
  if (!won?.revenue || !won.first || !won.start) return;
  const months = Math.max(1, (now.getTime() - won.first.getTime()) / (30.44 * DAY));
  const quarterGoal = Math.round((won.revenue / months) * 3 * 1.1 / 10_000) * 10_000;
  if (quarterGoal <= 0) return;
  const teams = await ctx.db.query<{ team: string; reps: number[]; revenue: number }>(
    `SELECT u.team, array_agg(DISTINCT u.id ORDER BY u.id) AS reps,
            COALESCE((SELECT sum(d.amount)::float8 FROM deals d JOIN pipeline_stages s ON s.pipeline_id = d.pipeline_id AND s.key = d.stage
                       JOIN users o ON o.id = d.owner_id WHERE s.outcome = 'won' AND o.team = u.team), 0) AS revenue
       FROM users u WHERE u.active AND u.role = 'sales_rep' AND u.team LIKE 'AE %' GROUP BY u.team ORDER BY u.team`);
  const teamRevenue = teams.reduce((sum, t) => sum + t.revenue, 0);
  const quotas = teams.flatMap((t) => {
    const teamQuota = Math.round((quarterGoal * (teamRevenue > 0 ? t.revenue / teamRevenue : 1 / teams.length)) / 1000) * 1000;
    return teamQuota > 0
      ? [{ team: t.team, amount: teamQuota }, ...t.reps.map((id) => ({ user_id: Number(id), amount: Math.round(teamQuota / t.reps.length / 1000) * 1000 }))]
      : [];
  });
  const end = DateTime.fromJSDate(now, { zone }).plus({ quarters: 1 });
  for (let q = DateTime.fromJSDate(won.start, { zone }).startOf('quarter'); q <= end; q = q.plus({ quarters: 1 })) {
    const period = `${q.year}-Q${q.quarter}`;
    await setGoal(ctx, period, { revenue_goal: quarterGoal, marketing_sourced_share: 0.6 });
    if (quotas.length) await setQuotas(ctx, period, { quotas });
  }
}

/** Two weekly updates sent on the Mondays of the last two weeks, then read as a sales team reads. */
async function seedUpdates(ctx: Ctx & { clock: ReturnType<typeof fixedClock> }, now: Date, zone: string, sales: Person[]): Promise<number> {
  const secret = await appSecret(ctx.db);
  // 09:00 on the Monday of each of the two weeks before this one, in the workspace's zone.
  const mondays = [2, 1].map((back) => DateTime.fromJSDate(now, { zone }).minus({ weeks: back }).startOf('week').set({ hour: 9 }));
  // Fewer readers on the second issue: the trend page shows a real movement, not a flat line.
  const readers = [0.7, 0.55];
  const clickers = [0.35, 0.25];
  for (const [i, monday] of mondays.entries()) {
    ctx.clock.set(monday.toJSDate());
    const draft = await createUpdate(ctx, {
      week_of: monday.toISODate()!,
      product_updates: [
        i === 0
          ? { title: 'Call scripts in the contact page', body: 'The objections marketing hears most, one click from the call button.', url: 'https://revloop.example/changelog/call-scripts' }
          : { title: 'Faster lead queue', body: 'The queue now opens on the leads closest to breaching first touch.', url: 'https://revloop.example/changelog/lead-queue' },
      ],
    });
    const sent = await sendUpdate(ctx, { mailer: acceptingMailer, baseUrl: 'http://localhost:3000', secret }, draft.id, {});
    const sentAt = sent.update.sent_at ?? ctx.clock.now();
    const links = [...sent.update.promotions.map((p) => p.url), ...sent.update.product_updates.map((u) => u.url)].filter((u): u is string => !!u);
    const t = Math.floor(sentAt.getTime() / 1000);
    const e = `update:${draft.id}`;
    for (const [k, p] of sales.entries()) {
      const share = (k + 0.5) / sales.length;
      // Every copy meets the recipient's mail gateway first: stored, never counted.
      if (k % 3 === 0) await recordEngagement(ctx.db, { kind: 'open', payload: { e, r: p.id, t }, at: new Date(sentAt.getTime() + 2000), userAgent: SCANNER });
      if (share > readers[i]!) continue;
      const openedAt = new Date(sentAt.getTime() + (1 + k) * 47 * 60_000);
      if (openedAt > now) continue;
      await recordEngagement(ctx.db, { kind: 'open', payload: { e, r: p.id, t }, at: openedAt, userAgent: BROWSER });
      if (share > clickers[i]! || !links.length) continue;
      const url = links[k % links.length]!;
      await recordEngagement(ctx.db, { kind: 'click', payload: { e, r: p.id, t, u: url }, at: new Date(openedAt.getTime() + 3 * 60_000), userAgent: BROWSER });
    }
  }
  ctx.clock.set(now);
  return mondays.length;
}
