import { DateTime } from 'luxon';
import type { Clock } from '../../shared/clock.js';
import { dayProblem } from '../../shared/dates.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { recordScope } from '../auth/record-scope.js';
import type { Role } from '../auth/roles.js';
import type { Ctx } from '../context.js';
import { goalForMonth } from '../goals/goals.js';
import { leadWaterfall } from '../marketing-sla/marketing-sla.js';
import { valuesForMonth } from '../marketing-sla/mql-value.js';
import { monthMqlsSql } from '../marketing-sla/queries/month-mqls.js';
import { openLeadCounts, openLeads, slaCompliance, type OpenLead } from '../sla/sla-dashboard.js';
import { reportZone } from '../workspace/workspace-settings.js';
import type { PackBlock, PackDocument, PackSection, Tone } from './pack-document.js';
import { formatInstant, formatValue } from './render/format-value.js';

/**
 * The three daily dashboards (PRODUCT.md §6), built as PackDocuments so the email, the page, the
 * PDF and the JSON say the same: marketing's lead waterfall of the month, the sales manager's SLA
 * (leads late now, compliance per rep) and a rep's own queue.
 *
 * A dashboard is about one day of the workspace's zone and is judged at "now" while that day runs,
 * at its last instant once it is over: Tuesday's dashboard reads the same on Wednesday as it did at
 * Tuesday's end. A day that has not begun has nothing to show and is refused.
 */

/** How many leads a list in an email shows before pointing to the page with the rest. */
const LIST_LIMIT = 15;
const QUEUE_LIMIT = 50;

interface DayFrame {
  zone: string;
  day: string;
  start: DateTime;
  end: DateTime;
  /** The instant the dashboard is judged at. */
  asOf: Date;
  /** The day as people read it: "Saturday 24 October 2026". */
  label: string;
}

async function dayFrame(ctx: Ctx, day: unknown): Promise<DayFrame> {
  const problem = typeof day === 'string' ? dayProblem(day) : 'must be a date YYYY-MM-DD, e.g. 2026-03-31';
  if (problem) throw invalid([{ field: 'day', problem }]);
  const zone = await reportZone(ctx.db);
  const start = DateTime.fromISO(day as string, { zone }).startOf('day');
  const end = start.plus({ days: 1 });
  const now = ctx.clock.now();
  if (start.toMillis() > now.getTime()) throw invalid([{ field: 'day', problem: `has not begun yet in ${zone}: a dashboard shows a day that has started` }]);
  const asOf = new Date(Math.min(now.getTime(), end.toMillis() - 1));
  return { zone, day: day as string, start, end, asOf, label: start.setLocale('en-GB').toFormat('cccc d LLLL yyyy') };
}

/** Today in the workspace's zone, 'YYYY-MM-DD': the day a dashboard shows unless asked for another. */
export async function today(ctx: Ctx): Promise<string> {
  return DateTime.fromJSDate(ctx.clock.now(), { zone: await reportZone(ctx.db) }).toFormat('yyyy-MM-dd');
}

const clockAt = (at: Date): Clock => ({ now: () => at });
const money = (v: number | null) => formatValue(v, 'money');
const count = (n: number, one: string, many = `${one}s`) => `${formatValue(n, 'number')} ${n === 1 ? one : many}`;

function doc(kind: PackDocument['kind'], title: string, subtitle: string, f: DayFrame, ctx: Ctx, sections: PackSection[]): PackDocument {
  return { kind, title, subtitle, period: f.day, generated_at: ctx.clock.now().toISOString(), time_zone: f.zone, agenda: null, sections };
}

const section = (key: string, title: string, blocks: PackBlock[]): PackSection => ({ key, title, minutes: null, presenter: null, blocks });

// ---------------------------------------------------------------------------------------------
// Marketing

const statusWords = { behind: 'Behind the pace', on_track: 'On track', ahead: 'Ahead of the pace', not_started: 'Not started' } as const;
const statusTones: Record<keyof typeof statusWords, Tone> = { behind: 'bad', on_track: 'good', ahead: 'good', not_started: 'neutral' };

/**
 * Marketing's morning: the month's lead waterfall (cumulative MQL value against the pace that meets
 * the target, status, month-end projection) and yesterday's MQLs. Without a revenue goal for the
 * month there is no target to pace against: the dashboard says so and shows yesterday only.
 */
export async function dailyMarketing(ctx: Ctx, opts: { day: string }): Promise<PackDocument> {
  const f = await dayFrame(ctx, opts.day);
  const month = f.day.slice(0, 7);
  const monthLabel = f.start.setLocale('en-GB').toFormat('LLLL yyyy');
  const href = `/marketing-sla?month=${month}`;
  const clock = clockAt(f.asOf);
  const goal = await goalForMonth(ctx.db, month);
  const waterfall = goal ? await leadWaterfall(ctx.db, clock, month, 'linear', f.zone) : null;
  const yesterday = await yesterdaysMqls(ctx, f, waterfall?.days);
  const yesterdayFigure = {
    label: "Yesterday's MQLs",
    value: yesterday.mqls,
    format: 'number' as const,
    detail: yesterday.value === null ? f.start.minus({ days: 1 }).setLocale('en-GB').toFormat('cccc d LLLL') : `worth ${money(yesterday.value)}`,
    href: `/marketing-sla?month=${f.start.minus({ days: 1 }).toFormat('yyyy-MM')}`,
  };

  if (!waterfall) {
    return doc('daily_marketing', 'Marketing daily dashboard', `${f.label} · no target for ${monthLabel}`, f, ctx, [
      section('lead_waterfall', `Lead waterfall, ${monthLabel}`, [
        { type: 'figures', items: [yesterdayFigure] },
        { type: 'text', text: `No revenue goal is set for ${monthLabel} (nor for its quarter), so there is no target to pace the MQLs against.` },
        { type: 'list', items: [{ text: `Set the revenue goal for ${monthLabel}`, detail: "Goals and marketing's share give the month's target in MQL value.", href }] },
      ]),
    ]);
  }

  const w = waterfall;
  const tone = statusTones[w.today.status as keyof typeof statusTones];
  const status = statusWords[w.today.status as keyof typeof statusWords];
  const summary =
    w.today.status === 'not_started'
      ? `${monthLabel} has not started yet.`
      : `${status}: ${money(w.delivered.value)} of MQL value delivered against ${money(w.today.pace_value)} due by now on the way to ${money(w.target.value)}. ` +
        (w.projection.value === null ? '' : `At this pace the month ends at ${money(w.projection.value)} (${formatValue(w.projection.share_of_target, 'percent')} of the target).`);
  const dayLabel = (d: string) => DateTime.fromISO(d).setLocale('en-GB').toFormat('d LLL');
  return doc('daily_marketing', 'Marketing daily dashboard', `${f.label} · ${status}`, f, ctx, [
    section('lead_waterfall', `Lead waterfall, ${monthLabel}`, [
      {
        type: 'figures',
        items: [
          {
            label: 'MQL value delivered',
            value: w.delivered.value,
            format: 'money',
            target: w.target.value,
            tone,
            detail: `${count(w.delivered.mqls, 'MQL')}${w.target.mqls === null ? '' : ` of about ${formatValue(w.target.mqls, 'number')}`} · target ${money(w.target.value)}`,
            href,
          },
          { label: 'Against the pace', value: w.today.ratio, format: 'percent', tone, detail: `${status} · ${money(w.today.pace_value)} due by now`, href },
          { label: 'Projected month end', value: w.projection.value, format: 'money', target: w.target.value, tone, detail: w.projection.share_of_target === null ? 'no pace yet' : `${formatValue(w.projection.share_of_target, 'percent')} of the target`, href },
          yesterdayFigure,
        ],
      },
      {
        type: 'chart',
        title: 'Cumulative MQL value against the pace to the target',
        kind: 'line',
        format: 'money',
        categories: w.days.map((d) => dayLabel(d.day)),
        series: [
          { name: 'MQL value delivered', values: w.days.map((d) => d.cumulative_value), style: 'line' },
          { name: 'Pace to the target', values: w.days.map((d) => d.pace_value), style: 'dashed' },
        ],
        href,
      },
      { type: 'text', text: summary },
    ]),
  ]);
}

/** Yesterday's new MQLs and their value: from the month's waterfall when yesterday is in it, else counted and valued for its own month. */
async function yesterdaysMqls(ctx: Ctx, f: DayFrame, days: { day: string; mqls: number | null; value: number | null }[] | undefined): Promise<{ mqls: number; value: number | null }> {
  const y = f.start.minus({ days: 1 });
  const inMonth = days?.find((d) => d.day === y.toFormat('yyyy-MM-dd'));
  if (inMonth) return { mqls: inMonth.mqls ?? 0, value: inMonth.value };
  const rows = await ctx.db.query<{ mql_type: string; mqls: number }>(monthMqlsSql, [y.toJSDate(), f.start.toJSDate(), f.zone]);
  const mqls = rows.reduce((s, r) => s + r.mqls, 0);
  if (!mqls) return { mqls: 0, value: 0 };
  const values = await valuesForMonth(ctx.db, clockAt(f.asOf), y.toFormat('yyyy-MM'), f.zone);
  return { mqls, value: Math.round(rows.reduce((s, r) => s + r.mqls * (values.get(r.mql_type)?.value ?? 0), 0) * 100) / 100 };
}

// ---------------------------------------------------------------------------------------------
// Sales manager

const leadLabel = (l: OpenLead) => `${l.name ?? 'Lead without a name'}${l.company_name ? ` · ${l.company_name}` : ''}`;

/** "2 h 15 min late", "3 days late". */
function lateBy(due: Date, at: Date): string {
  const minutes = Math.max(0, Math.round((at.getTime() - new Date(due).getTime()) / 60_000));
  if (minutes < 60) return `${minutes} min late`;
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h${minutes % 60 ? ` ${minutes % 60} min` : ''} late`;
  return `${Math.floor(minutes / 1440)} days late`;
}

/** A list of leads, the first LIST_LIMIT of them, then a line pointing to the page with the rest. */
function leadList(leads: OpenLead[], detail: (l: OpenLead) => string, empty: string, more: string): PackBlock {
  const items = leads.slice(0, LIST_LIMIT).map((l) => ({ text: leadLabel(l), detail: detail(l), tone: 'bad' as const, href: `/contacts/${l.contact_id}` }));
  if (leads.length > LIST_LIMIT) items.push({ text: `and ${count(leads.length - LIST_LIMIT, 'more lead')}`, detail: more, tone: 'bad', href: '/sla' });
  return { type: 'list', items, empty };
}

/**
 * The sales manager's morning: the leads late now (not touched within the SLA, not attempted
 * enough) with their owners, and SLA compliance per rep for the month to date. A rep asking for it
 * sees their own leads in the lists, like everywhere else.
 */
export async function dailySalesManager(ctx: Ctx, opts: { day: string }): Promise<PackDocument> {
  const f = await dayFrame(ctx, opts.day);
  const scope = recordScope(ctx.actor);
  const monthStart = f.start.startOf('month').toJSDate();
  const yesterday = f.start.minus({ days: 1 });
  const [open, month, prior, breached] = await Promise.all([
    openLeadCounts(ctx.db, f.asOf),
    // The window ends just after asOf: a lead assigned at that instant counts.
    slaCompliance(ctx.db, f.asOf, monthStart, new Date(f.asOf.getTime() + 1)),
    slaCompliance(ctx.db, f.asOf, yesterday.toJSDate(), f.start.toJSDate()),
    openLeads(ctx.db, f.asOf, { status: 'breached', limit: 1000 }, scope),
  ]);
  const notTouched = breached.filter((l) => l.first_touch_status === 'breached');
  const notAttempted = breached.filter((l) => l.attempts_status === 'breached');
  const breachedByOwner = new Map<number | null, number>();
  for (const l of breached) breachedByOwner.set(l.owner_id, (breachedByOwner.get(l.owner_id) ?? 0) + 1);
  const at = formatInstant(f.asOf.toISOString(), f.zone);
  const alarm = (n: number, t: Tone): Tone => (n > 0 ? t : 'good');

  return doc('daily_sales_manager', 'Sales daily dashboard', `${f.label} · ${count(open.breached, 'lead')} late, ${formatValue(open.at_risk, 'number')} at risk`, f, ctx, [
    section('leads_now', `Leads waiting at ${at}`, [
      {
        type: 'figures',
        items: [
          { label: 'Open leads', value: open.open, format: 'number', detail: `${formatValue(open.on_time, 'number')} on time`, href: '/sla' },
          { label: 'Breached', value: open.breached, format: 'number', tone: alarm(open.breached, 'bad'), href: '/sla' },
          { label: 'At risk', value: open.at_risk, format: 'number', tone: alarm(open.at_risk, 'warning'), href: '/sla' },
          { label: 'Not touched in time', value: open.first_touch_breached, format: 'number', tone: alarm(open.first_touch_breached, 'bad'), href: '/sla' },
          { label: 'Not attempted enough', value: open.attempts_breached, format: 'number', tone: alarm(open.attempts_breached, 'bad'), href: '/sla/attempts' },
        ],
      },
    ]),
    section('not_touched', 'Not touched within the SLA', [
      leadList(notTouched, (l) => `${l.owner_name ?? 'No owner'} · first touch was due ${formatInstant(new Date(l.first_touch_due).toISOString(), f.zone)} · ${lateBy(l.first_touch_due, f.asOf)}`,
        'Every lead was touched within the SLA.', 'the rest are on the SLA page'),
    ]),
    section('not_attempted', 'Not attempted enough', [
      leadList(notAttempted, (l) => `${l.owner_name ?? 'No owner'} · ${l.attempts} of ${l.attempts_required} attempts, due ${formatInstant(new Date(l.attempts_due).toISOString(), f.zone)}`,
        'Every lead got its attempts in time.', 'the rest are on the SLA page'),
    ]),
    section('compliance', `SLA compliance per rep, ${f.start.setLocale('en-GB').toFormat('LLLL yyyy')} to date`, [
      {
        type: 'figures',
        items: [
          { label: 'First touch in time', value: month.total.first_touch.met_rate, format: 'percent', detail: `${month.total.first_touch.met} of ${count(month.total.first_touch.decided, 'lead')} due so far`, href: '/sla' },
          { label: 'Attempts made in time', value: month.total.attempts.met_rate, format: 'percent', detail: `${month.total.attempts.met} of ${count(month.total.attempts.decided, 'lead')} due so far`, href: '/sla/attempts' },
          { label: "Yesterday's leads touched in time", value: prior.total.first_touch.met_rate, format: 'percent', detail: `${prior.total.first_touch.met} of ${count(prior.total.first_touch.decided, 'lead')} due so far`, href: '/sla' },
        ],
      },
      {
        type: 'table',
        columns: [
          { label: 'Rep', format: 'text' },
          { label: 'Team', format: 'text' },
          { label: 'Leads', format: 'number' },
          { label: 'First touch in time', format: 'percent' },
          { label: 'Median time to first touch', format: 'minutes' },
          { label: 'Attempts in time', format: 'percent' },
          { label: 'Late now', format: 'number' },
        ],
        rows: month.reps.map((r) => {
          const late = breachedByOwner.get(r.owner_id) ?? 0;
          return {
            cells: [r.owner_name ?? 'No owner', r.team, r.leads, r.first_touch.met_rate, r.first_touch.median_minutes, r.attempts.met_rate, late],
            ...(late > 0 ? { tone: 'bad' as const } : {}),
            href: '/sla',
          };
        }),
        empty: 'No leads were assigned this month yet.',
      },
    ]),
  ]);
}

// ---------------------------------------------------------------------------------------------
// Rep

const queueStatus = { breached: 'Late', at_risk: 'At risk', on_time: 'On time' } as const;
const queueTone: Record<OpenLead['status'], Tone> = { breached: 'bad', at_risk: 'warning', on_time: 'neutral' };

function nextStep(l: OpenLead): string {
  if (!l.first_touch_at) return 'First touch';
  if (l.connected_at) return 'Reached: accept or reject';
  if (l.attempts >= l.attempts_required) return 'Attempts done: accept or reject';
  return `Attempt ${l.attempts + 1} of ${l.attempts_required}`;
}

/**
 * A rep's morning: their own open leads, most urgent first, with what is due next and when. Anyone
 * may ask for their own; a rep may not ask for another rep's.
 */
export async function dailyRep(ctx: Ctx, opts: { day: string; userId: number }): Promise<PackDocument> {
  const f = await dayFrame(ctx, opts.day);
  const callerScope = recordScope(ctx.actor);
  if (callerScope && callerScope.userId !== opts.userId) {
    throw new AppError('forbidden', "A sales rep sees their own queue only, not another rep's.", { errors: [{ field: 'userId', problem: 'may only be your own user' }] });
  }
  const [user] = await ctx.db.query<{ name: string; role: Role }>('SELECT name, role FROM users WHERE id = $1', [opts.userId]);
  if (!user) throw notFound('User', opts.userId);
  // The queue is read as its owner would: a rep's scope is their own leads.
  const scope = recordScope({ type: 'user', id: String(opts.userId), role: user.role });
  const leads = await openLeads(ctx.db, f.asOf, { ownerId: opts.userId, limit: 1000 }, scope);
  const n = (s: OpenLead['status']) => leads.filter((l) => l.status === s).length;
  const dueToday = leads.filter((l) => new Date(l.next_due).getTime() < f.end.toMillis()).length;
  const shown = leads.slice(0, QUEUE_LIMIT);
  const blocks: PackBlock[] = [
    {
      type: 'figures',
      items: [
        { label: 'Open leads', value: leads.length, format: 'number', href: '/queue' },
        { label: 'Late', value: n('breached'), format: 'number', tone: n('breached') ? 'bad' : 'good', href: '/queue' },
        { label: 'At risk', value: n('at_risk'), format: 'number', tone: n('at_risk') ? 'warning' : 'good', href: '/queue' },
        { label: 'Due by tonight', value: dueToday, format: 'number', detail: 'next step due before midnight', href: '/queue' },
      ],
    },
    {
      type: 'table',
      title: 'Your queue, most urgent first',
      columns: [
        { label: 'Lead', format: 'text' },
        { label: 'Company', format: 'text' },
        { label: 'Status', format: 'text' },
        { label: 'Next step', format: 'text' },
        { label: 'Due', format: 'date' },
      ],
      rows: shown.map((l) => ({
        cells: [l.name ?? 'Lead without a name', l.company_name, queueStatus[l.status], nextStep(l), new Date(l.next_due).toISOString()],
        tone: queueTone[l.status],
        href: `/contacts/${l.contact_id}`,
      })),
      empty: 'No open leads: nothing is waiting for you.',
    },
  ];
  if (leads.length > shown.length) blocks.push({ type: 'list', items: [{ text: `and ${count(leads.length - shown.length, 'more lead')} in your queue`, href: '/queue' }] });
  return doc('daily_rep', 'Your lead queue', `${f.label} · ${user.name}`, f, ctx, [section('queue', `Open leads at ${formatInstant(f.asOf.toISOString(), f.zone)}`, blocks)]);
}
