import type { Command } from 'commander';
import { writeFileSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { smtpMailer } from '../app/mailer.js';
import type { Db } from '../db/client.js';
import type { Mailer } from '../domains/alerts/deliver.js';
import type { Ctx } from '../domains/context.js';
import { normalizeEmail } from '../domains/identity/normalize-email.js';
import { activeSeries, createSeries, listSeries, updateSeries, type SeriesKind } from '../domains/rituals/meeting-series.js';
import { ensureMeeting, packOfPeriod, periodOfDay, sendMeetingPack, upcomingPeriod } from '../domains/rituals/meetings.js';
import { renderPackPage } from '../domains/rituals/render/pack-page.js';
import { renderPackPdf } from '../domains/rituals/render/pack-pdf.js';
import { renderPackText } from '../domains/rituals/render/pack-text.js';
import { reportZone } from '../domains/workspace/workspace-settings.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { AppError } from '../shared/errors.js';
import { cliAuditor } from './cli-auditor.js';
import { dataOption, withDb } from './with-db.js';

/**
 * The meetings from the terminal (docs/meetings.md): set up a series, print or save the pack of a
 * week's or month's meeting, and email it to the attendees. The same domain functions as the API.
 */

const refuse = (field: string, message: string) => new AppError('validation_failed', message, { errors: [{ field, problem: message }] });

function kindOf(o: { weekly?: boolean; monthly?: boolean }): SeriesKind {
  if (o.weekly && o.monthly) throw refuse('kind', 'Give --weekly or --monthly, not both.');
  if (!o.weekly && !o.monthly) throw refuse('kind', 'Say which meeting: --weekly or --monthly.');
  return o.weekly ? 'weekly' : 'monthly';
}

const cliCtx = (db: Db, clock: Clock): Ctx => ({ db, clock, actor: { ...cliAuditor().actor, role: 'admin' } });

const howToCreate = (kind: SeriesKind) =>
  `No ${kind} meeting series is set up. Create one in the app (Meetings), or here: revloop meeting series --${kind} ${kind === 'weekly' ? '--weekday thu --time 17:00' : '--weekday tue --week-of-month 1 --time 10:00'} --attendee ana@example.com:sales --attendee leo@example.com:marketing`;

export interface PackCliOptions {
  weekly?: boolean;
  monthly?: boolean;
  date?: string;
  format?: string;
  out?: string;
}

const formats = ['text', 'html', 'pdf', 'json'] as const;

/**
 * Prints or saves the pack of the meeting in the week or month holding --date (default: the next
 * meeting not yet over). A PDF always goes to a file (--out, else a name of its own in the current
 * folder), never onto the terminal. Answers what to say on standard error.
 */
export async function packFromCli(db: Db, clock: Clock, o: PackCliOptions, stdout: Writable, baseUrl: string): Promise<string> {
  const kind = kindOf(o);
  const format = (o.format ?? 'text') as (typeof formats)[number];
  if (!formats.includes(format)) throw refuse('format', `--format must be ${formats.join(', ')}, not "${o.format}".`);
  const { doc, meetingId } = await packOfPeriod(cliCtx(db, clock), kind, { date: o.date });
  const what = meetingId ? `meeting ${meetingId}'s pack` : `a live ${kind} pack (no meeting planned for it yet)`;
  if (format === 'pdf') {
    const file = o.out ?? `${doc.kind.replace(/_/g, '-')}-${doc.period}.pdf`;
    writeFileSync(file, await renderPackPdf(doc, { baseUrl }));
    return `Wrote ${what} to ${file}.`;
  }
  const body = format === 'json' ? JSON.stringify(doc, null, 2) + '\n' : format === 'html' ? renderPackPage(doc, { baseUrl }) : renderPackText(doc, { baseUrl });
  if (o.out) {
    writeFileSync(o.out, body);
    return `Wrote ${what} to ${o.out}.`;
  }
  stdout.write(body);
  return '';
}

/** Plans the meeting of the period (if it is not yet) and emails its pack to each attendee once. */
export async function sendFromCli(db: Db, clock: Clock, o: { weekly?: boolean; monthly?: boolean; date?: string }, deps: { mailer: Mailer | null; baseUrl: string }): Promise<string> {
  const kind = kindOf(o);
  const series = await activeSeries(db, kind);
  if (!series) throw new AppError('not_found', howToCreate(kind));
  const ctx = cliCtx(db, clock);
  const zone = await reportZone(db);
  const period = o.date ? periodOfDay(kind, o.date, zone) : upcomingPeriod(series, clock.now(), zone).period;
  const meeting = await ensureMeeting(ctx, series.id, period);
  const r = await sendMeetingPack(ctx, deps, meeting.id);
  const when = `${series.name}, ${period} (${meeting.scheduled_at.toISOString()})`;
  if (!series.attendees.some((a) => a.active)) return `${when}: the series has no active attendees, so nobody was emailed. Add them with --attendee email:side.`;
  const parts = [
    r.sent && `sent to ${r.sent}`,
    r.outbox && `kept ${r.outbox} in the outbox (no SMTP_URL is set)`,
    r.already_sent && `${r.already_sent} already had it`,
    r.failed && `${r.failed} failed (tried again at the next send)`,
  ].filter(Boolean);
  return `${when}: ${parts.join('; ')}.`;
}

const weekdays: Record<string, number> = { mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6, sun: 7 };
const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

export interface SeriesCliOptions {
  weekly?: boolean;
  monthly?: boolean;
  name?: string;
  weekday?: string;
  time?: string;
  weekOfMonth?: string;
  duration?: string;
  packHours?: string;
  attendee?: string[];
}

const wholeNumber = (flag: string, v: string | undefined) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw refuse(flag, `--${flag} must be a whole number, not "${v}".`);
  return Number(v);
};

/**
 * Without --weekly or --monthly, lists the series. With one, sets up that kind's active series:
 * creates it, or changes what the flags give (--attendee, repeated, is the whole new list).
 */
export async function seriesFromCli(db: Db, clock: Clock, o: SeriesCliOptions): Promise<string> {
  const ctx = cliCtx(db, clock);
  if (!o.weekly && !o.monthly) {
    const all = await listSeries(ctx);
    if (!all.length) return 'No meeting series yet. Create one: revloop meeting series --weekly --attendee ana@example.com:sales --attendee leo@example.com:marketing';
    return all.map((s) => {
      const nth = s.week_of_month === null ? '' : `${s.week_of_month === 5 ? 'last' : ['first', 'second', 'third', 'fourth'][s.week_of_month - 1]} `;
      const next = s.next_occurrence ? ` · next ${s.next_occurrence.period} (${s.next_occurrence.at.toISOString()})` : '';
      const people = s.attendees.map((a) => `${a.name} <${a.email}> (${a.side}${a.active ? '' : ', inactive'})`).join(', ') || 'none';
      return `${s.id}  ${s.name} [${s.kind}${s.active ? '' : ', inactive'}] — ${s.kind === 'monthly' ? `the ${nth}${weekdayNames[s.weekday]} of the month` : `${weekdayNames[s.weekday]}s`} at ${s.local_time} (${s.time_zone}), ${s.duration_minutes} min, pack ${s.pack_hours_before} h before${next}\n    attendees: ${people}`;
    }).join('\n');
  }
  const kind = kindOf(o);
  const input: Record<string, unknown> = {};
  if (o.name !== undefined) input.name = o.name;
  if (o.weekday !== undefined) {
    const day = o.weekday.trim().toLowerCase();
    const named = weekdayNames.findIndex((n) => n.toLowerCase() === day);
    const w = weekdays[day] ?? (named > 0 ? named : /^[1-7]$/.test(day) ? Number(day) : undefined);
    if (!w) throw refuse('weekday', `--weekday must be mon, tue, wed, thu, fri, sat or sun (or 1–7), not "${o.weekday}".`);
    input.weekday = w;
  }
  if (o.time !== undefined) input.local_time = o.time;
  if (o.weekOfMonth !== undefined) input.week_of_month = o.weekOfMonth === 'last' ? 5 : wholeNumber('week-of-month', o.weekOfMonth);
  if (o.duration !== undefined) input.duration_minutes = wholeNumber('duration', o.duration);
  if (o.packHours !== undefined) input.pack_hours_before = wholeNumber('pack-hours', o.packHours);
  if (o.attendee) {
    const attendees = [];
    for (const raw of o.attendee) {
      const m = /^(.+):(sales|marketing)$/.exec(raw.trim());
      if (!m) throw refuse('attendee', `--attendee must be email:side with side sales or marketing, e.g. ana@example.com:sales, not "${raw}".`);
      const [user] = await db.query<{ id: number }>('SELECT id FROM users WHERE email = $1', [normalizeEmail(m[1]!)]);
      if (!user) throw new AppError('not_found', `No user has the email ${m[1]}. Create them first: revloop user create --email ${m[1]} ...`, { field: 'attendee' });
      attendees.push({ user_id: user.id, side: m[2] });
    }
    input.attendees = attendees;
  }
  const current = await activeSeries(db, kind);
  const s = current ? await updateSeries(ctx, current.id, input) : await createSeries(ctx, { kind, ...input });
  const next = s.next_occurrence ? ` Next meeting: ${s.next_occurrence.period}, ${s.next_occurrence.at.toISOString()}.` : '';
  return `${current ? 'Changed' : 'Created'} the ${kind} series ${s.id} (${s.name}): ${weekdayNames[s.weekday]} ${s.local_time} ${s.time_zone}, ${s.duration_minutes} min, ${s.attendees.length} attendees.${next}`;
}

const collect = (v: string, all: string[] = []) => [...all, v];

export function registerMeeting(program: Command): void {
  const meeting = program.command('meeting').description('the weekly Smarketing and monthly management meetings: series, packs, sending the pack');
  dataOption(
    meeting
      .command('series')
      .description('list the meeting series, or set up the weekly or monthly one (creates it, or changes the options given)')
      .option('--weekly', 'the weekly Smarketing meeting (default Thursday 17:00, 35 min)')
      .option('--monthly', 'the monthly management meeting (default first Tuesday 10:00, 60 min)')
      .option('--name <name>', 'its name')
      .option('--weekday <day>', 'mon … sun')
      .option('--time <HH:MM>', 'local time in the workspace zone')
      .option('--week-of-month <n>', 'monthly: 1–4, or last')
      .option('--duration <minutes>', 'how long the meeting lasts')
      .option('--pack-hours <hours>', 'email the pack this many hours before (0: never)')
      .option('--attendee <email:side>', 'an attendee and the team they present for (sales or marketing); repeat it; the list replaces the old one', collect),
  ).action(async (o: SeriesCliOptions & { data?: string }) => {
    await withDb(o, async (db) => console.log(await seriesFromCli(db, systemClock, o)));
  });
  dataOption(
    meeting
      .command('pack')
      .description("print or save the pack of a week's or month's meeting (the meeting's own pack once planned, the snapshot once held)")
      .option('--weekly', 'the weekly meeting pack')
      .option('--monthly', 'the monthly management pack (it reviews the month before the meeting)')
      .option('--date <YYYY-MM-DD>', 'the meeting of the week (or month) holding this day; default: the next meeting')
      .option('--format <format>', 'text, html, pdf or json', 'text')
      .option('--out <file>', 'write to this file (a PDF without --out goes to a file named after the pack)'),
  ).action(async (o: PackCliOptions & { data?: string }) => {
    await withDb(o, async (db, config) => {
      const said = await packFromCli(db, systemClock, o, process.stdout, config.publicUrl ?? `http://localhost:${config.port}`);
      if (said) console.error(said);
    });
  });
  dataOption(
    meeting
      .command('send')
      .description("plan the meeting of the week or month (if it is not yet) and email its pack to each attendee once (SMTP_URL; else the outbox)")
      .option('--weekly', 'the weekly meeting')
      .option('--monthly', 'the monthly management meeting')
      .option('--date <YYYY-MM-DD>', 'the meeting of the week (or month) holding this day; default: the next meeting'),
  ).action(async (o: { weekly?: boolean; monthly?: boolean; date?: string; data?: string }) => {
    await withDb(o, async (db, config) => {
      console.log(await sendFromCli(db, systemClock, o, { mailer: smtpMailer(config.smtpUrl, config.mailFrom), baseUrl: config.publicUrl ?? `http://localhost:${config.port}` }));
    });
  });
}
