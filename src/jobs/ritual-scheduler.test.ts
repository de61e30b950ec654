import { describe, expect, it } from 'vitest';
import { smtpMailer } from '../app/mailer.js';
import { openDb, type Db } from '../db/client.js';
import type { Mailer, MailMessage } from '../domains/alerts/deliver.js';
import type { Ctx } from '../domains/context.js';
import { createUser } from '../domains/crm/users.js';
import { setGoal } from '../domains/goals/goals.js';
import { saveEmailPreferences } from '../domains/rituals/email-preferences.js';
import { createSeries } from '../domains/rituals/meeting-series.js';
import { saveSlaPolicies } from '../domains/sla/sla-policies.js';
import { saveWorkspaceSettings } from '../domains/workspace/workspace-settings.js';
import { fixedClock } from '../shared/clock.js';
import { startSmtpSink } from '../testing/smtp-sink.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { ritualJobs, runDueRituals } from './ritual-scheduler.js';

const MIN = 60_000;
const scheduler = { type: 'system', id: 'scheduler' } as const;

interface World {
  t: TestDb;
  clock: ReturnType<typeof fixedClock>;
  ctx: Ctx;
  users: { mara: number; sam: number; rae: number };
}

/** A Madrid workspace: Mara (marketing), Sam (sales manager), Rae (rep). */
async function world(backend: 'pglite' | 'postgres', at: string): Promise<World> {
  const t = await createTestDb(backend);
  const clock = fixedClock(at);
  await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
  const user = async (name: string, role: string) => (await createUser(t.db, { name, email: `${name.toLowerCase()}@rituals.test`, role, team: 'Team' })).id;
  const users = { mara: await user('Mara', 'marketing'), sam: await user('Sam', 'sales_manager'), rae: await user('Rae', 'sales_rep') };
  return { t, clock, ctx: { db: t.db, clock, actor: scheduler }, users };
}

/** The weekly (Thursday 17:00, pack 2 h before) and monthly (first Tuesday 10:00) meetings, Mara and Sam attending. */
async function meetings(w: World) {
  const attendees = [{ user_id: w.users.mara, side: 'marketing' }, { user_id: w.users.sam, side: 'sales' }];
  await createSeries(w.ctx, { kind: 'weekly', attendees });
  await createSeries(w.ctx, { kind: 'monthly', attendees });
}

const emails = (db: Db) =>
  db.query<{ kind: string; ref: string; to_email: string; status: string; created_at: Date }>('SELECT kind, ref, to_email, status, created_at FROM ritual_emails ORDER BY created_at, kind, to_email');

/** Steps the clock from `from` to `to` (inclusive) every `stepMinutes`, running the scheduler at each step. */
async function ticks(w: World, from: string, to: string, stepMinutes: number) {
  for (let t = Date.parse(from); t <= Date.parse(to); t += stepMinutes * MIN) {
    w.clock.set(new Date(t));
    const { errors } = await runDueRituals(w.ctx, { mailer: null, baseUrl: 'https://crm.example.com' });
    expect(errors).toEqual([]);
  }
}

function countingMailer(): Mailer & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return { sent, send: async (m) => void sent.push(m) };
}

describe.each(testBackends())('scheduled ritual emails on %s', (backend) => {
  it('two instances at once send each pack and each daily dashboard exactly once, through a real SMTP server', async () => {
    const smtp = await startSmtpSink();
    const { mails } = smtp;
    // Thursday 1 October 2026, 15:30 in Madrid: the weekly pack is due (17:00 − 2 h), it is the
    // month's first working day past 08:00 (the monthly pack, for Tuesday the 6th), and everyone's 08:00 has passed.
    const w = await world(backend, '2026-10-01T13:30:00Z');
    // The second instance has its own connection to the same database (PGlite has one: it is shared).
    const other: Db = w.t.databaseUrl ? await openDb({ databaseUrl: w.t.databaseUrl, schema: w.t.schema }) : w.t.db;
    try {
      await meetings(w);
      await setGoal(w.ctx, '2026-10', { revenue_goal: 400_000, marketing_sourced_share: 0.5 });
      for (const id of Object.values(w.users)) await saveEmailPreferences(w.t.db, w.clock, id, { daily_email: true });
      const deps = (from: string) => ({ mailer: smtpMailer(smtp.url, `Revloop <${from}@revloop.test>`), baseUrl: 'https://crm.example.com' });
      const [a, b] = await Promise.all([
        runDueRituals(w.ctx, deps('a')),
        runDueRituals({ db: other, clock: w.clock, actor: scheduler }, deps('b')),
      ]);
      expect([...a.errors, ...b.errors]).toEqual([]);
      const ran = [...a.runs, ...b.runs].filter((r) => r.outcome === 'ran').map((r) => `${r.job} ${r.period}`).sort();
      expect(ran).toHaveLength(5);
      expect(new Set(ran).size).toBe(5);
      expect(ran.filter((r) => r.startsWith(ritualJobs.daily))).toEqual([...Object.values(w.users)].sort((x, y) => x - y).map((id) => `${ritualJobs.daily} 2026-10-01:${id}`).sort());

      const rows = await emails(w.t.db);
      expect(rows.map((r) => `${r.kind} ${r.to_email} ${r.status}`).sort()).toEqual([
        'daily_marketing mara@rituals.test sent',
        'daily_rep rae@rituals.test sent',
        'daily_sales_manager sam@rituals.test sent',
        'monthly_pack mara@rituals.test sent',
        'monthly_pack sam@rituals.test sent',
        'weekly_pack mara@rituals.test sent',
        'weekly_pack sam@rituals.test sent',
      ]);
      expect(mails.map((m) => m.to.join()).sort()).toEqual([
        'mara@rituals.test', 'mara@rituals.test', 'mara@rituals.test', 'rae@rituals.test', 'sam@rituals.test', 'sam@rituals.test', 'sam@rituals.test',
      ]);
      const [subject] = await w.t.db.query<{ subject: string }>(`SELECT subject FROM ritual_emails WHERE kind = 'daily_marketing'`);
      expect(subject!.subject).toBe('Marketing daily dashboard — Thursday 1 October 2026');
      // (The subject travels encoded, for its dash.)
      const daily = mails.find((m) => m.data.includes('Subject: =?UTF-8?Q?Marketing_daily_dashboard_=E2=80=94_Thur'))!;
      expect(daily.to).toEqual(['mara@rituals.test']);
      // The waterfall chart travels as an inline PNG the HTML shows by its Content-ID.
      expect(daily.data).toMatch(/Content-Type: image\/png/);
      expect(daily.data).toMatch(/Content-ID: <chart-1\.2026-10-01@revloop>/);
      // Links are absolute (the body travels quoted-printable: read it as kept).
      const [kept] = await w.t.db.query<{ text: string; html: string }>(`SELECT text, html FROM ritual_emails WHERE kind = 'daily_marketing'`);
      expect(kept!.text).toContain('https://crm.example.com/marketing-sla?month=2026-10');
      expect(kept!.html).toContain('src="cid:chart-1.2026-10-01@revloop"');
      expect(kept!.text).toContain('You get this email because you asked for the daily dashboard at 08:00 (Europe/Madrid), on working days.');
      expect(kept!.text).toContain('https://crm.example.com/account/emails');

      // A minute later both instances find nothing left to do.
      w.clock.advance(MIN);
      const again = await Promise.all([runDueRituals(w.ctx, deps('a')), runDueRituals({ db: other, clock: w.clock, actor: scheduler }, deps('b'))]);
      expect(again.flatMap((r) => r.runs)).toEqual([]);
      expect(mails).toHaveLength(7);
    } finally {
      if (other !== w.t.db) await other.close();
      await w.t.cleanup();
      await smtp.close();
    }
    // Two packs and three dashboards built and rendered (charts to PNG): minutes on a loaded machine, not a timing assertion.
  }, 240_000);

  it('sends the daily dashboard once a day at the local hour across the end of summer time, on working days unless asked for every day', async () => {
    const w = await world(backend, '2026-10-23T22:00:00Z');
    try {
      await saveEmailPreferences(w.t.db, w.clock, w.users.mara, { daily_email: true, daily_hour: 8, daily_every_day: true });
      // 02:00 happens twice on the night of the 25th: the first one counts.
      await saveEmailPreferences(w.t.db, w.clock, w.users.rae, { daily_email: true, daily_hour: 2, daily_every_day: true });
      // Working days only (the default): not on Saturday 24 and Sunday 25.
      await saveEmailPreferences(w.t.db, w.clock, w.users.sam, { daily_email: true, daily_hour: 8 });
      // Saturday 24 October 00:00 in Madrid to Monday 26 October 23:45, every quarter of an hour.
      await ticks(w, '2026-10-23T22:00:00Z', '2026-10-26T22:45:00Z', 15);
      const rows = await emails(w.t.db);
      const sent = (to: string) => rows.filter((r) => r.to_email === to).map((r) => [r.ref.split(':')[1], r.created_at.toISOString()]);
      // 08:00 is 06:00 UTC in summer time (CEST, +2) and 07:00 UTC from Sunday on (CET, +1).
      expect(sent('mara@rituals.test')).toEqual([['2026-10-24', '2026-10-24T06:00:00.000Z'], ['2026-10-25', '2026-10-25T07:00:00.000Z'], ['2026-10-26', '2026-10-26T07:00:00.000Z']]);
      expect(sent('rae@rituals.test')).toEqual([['2026-10-24', '2026-10-24T00:00:00.000Z'], ['2026-10-25', '2026-10-25T00:00:00.000Z'], ['2026-10-26', '2026-10-26T01:00:00.000Z']]);
      expect(sent('sam@rituals.test')).toEqual([['2026-10-26', '2026-10-26T07:00:00.000Z']]);
      expect(rows.every((r) => r.status === 'outbox')).toBe(true);
      expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['daily_marketing', 'daily_rep', 'daily_sales_manager']));
    } finally {
      await w.t.cleanup();
    }
    // 288 ticks: a ceiling for a loaded machine, not a timing assertion.
  }, 180_000);

  it('sends a 02:00 dashboard once on the night 02:00 does not exist (at 03:00, when the clock jumps)', async () => {
    const w = await world(backend, '2026-03-28T22:00:00Z');
    try {
      await saveEmailPreferences(w.t.db, w.clock, w.users.rae, { daily_email: true, daily_hour: 2, daily_every_day: true });
      await ticks(w, '2026-03-28T23:00:00Z', '2026-03-29T03:00:00Z', 5);
      expect((await emails(w.t.db)).map((r) => [r.ref.split(':')[1], r.created_at.toISOString()])).toEqual([['2026-03-29', '2026-03-29T01:00:00.000Z']]);
    } finally {
      await w.t.cleanup();
    }
  });

  it('catches up after downtime while an email is still useful, and never sends a stale one', async () => {
    const w = await world(backend, '2026-10-14T05:00:00Z');
    try {
      await meetings(w);
      await saveEmailPreferences(w.t.db, w.clock, w.users.sam, { daily_email: true, daily_hour: 8 });
      // New Year's Day is a holiday of the sales calendar: January's first working day is Monday the 4th.
      await saveSlaPolicies(w.t.db, {
        policies: [{ id: 'default', name: 'Every MQL', firstTouchMinutes: 240, attempts: 8, attemptsDays: 14, calendar: {
          timeZone: 'Europe/Madrid', hours: { mon: [['09:00', '18:00']], tue: [['09:00', '18:00']], wed: [['09:00', '18:00']], thu: [['09:00', '18:00']], fri: [['09:00', '18:00']] }, holidays: ['2027-01-01'],
        } }],
      });
      const sentRefs = async () => (await emails(w.t.db)).map((r) => `${r.kind} ${r.ref.replace(/:\d+$/, '')} ${r.to_email.split('@')[0]} ${r.created_at.toISOString()}`);
      const tick = async (at: string) => ticks(w, at, at, 1);

      // Daily: down from 07:00 to 11:00 on Wednesday 14 October: the 08:00 dashboard goes out at 11:00, once.
      await tick('2026-10-14T05:00:00Z');
      await tick('2026-10-14T09:00:00Z');
      await tick('2026-10-14T09:01:00Z');
      // Down all of Thursday 15: Friday does not send Thursday's, and sends its own at 08:00.
      await tick('2026-10-16T05:30:00Z');
      await tick('2026-10-16T06:00:00Z');
      expect(await sentRefs()).toEqual([
        'daily_sales_manager daily:2026-10-14 sam 2026-10-14T09:00:00.000Z',
        'daily_sales_manager daily:2026-10-16 sam 2026-10-16T06:00:00.000Z',
      ]);

      // Weekly: up again at 16:30 on Thursday 22 October, after the 15:00 send time, before the 17:00 meeting: sent.
      await tick('2026-10-22T14:30:00Z');
      // The next week the app is down until 17:05, after the meeting started: no pack; the week after, on time.
      await tick('2026-10-29T16:05:00Z');
      await tick('2026-11-05T14:00:00Z');
      const weekly = (await sentRefs()).filter((r) => r.startsWith('weekly_pack'));
      expect(weekly).toHaveLength(4);
      expect(weekly.map((r) => r.split(' ')[3])).toEqual(['2026-10-22T14:30:00.000Z', '2026-10-22T14:30:00.000Z', '2026-11-05T14:00:00.000Z', '2026-11-05T14:00:00.000Z']);
      const weeks = await w.t.db.query<{ period: string }>('SELECT period FROM meetings m JOIN meeting_series s ON s.id = m.series_id WHERE s.kind = $1 ORDER BY period', ['weekly']);
      expect(weeks.map((r) => r.period)).toEqual(['2026-W43', '2026-W45']);

      // Monthly: down all of Monday 2 November (the first working day): sent at 08:00 on Tuesday, before the 10:00 meeting.
      await tick('2026-11-03T07:00:00Z');
      // December's first working day is Tuesday the 1st, also the meeting's day (10:00): down until 10:30, no pack.
      await tick('2026-12-01T09:30:00Z');
      // January: Friday the 1st is a holiday, so not before 08:00 on Monday the 4th.
      await tick('2027-01-04T06:59:00Z');
      await tick('2027-01-04T07:00:00Z');
      const monthly = (await sentRefs()).filter((r) => r.startsWith('monthly_pack')).map((r) => r.split(' ').slice(2).join(' '));
      expect(monthly).toEqual(['mara 2026-11-03T07:00:00.000Z', 'sam 2026-11-03T07:00:00.000Z', 'mara 2027-01-04T07:00:00.000Z', 'sam 2027-01-04T07:00:00.000Z']);
    } finally {
      await w.t.cleanup();
    }
  });

  it('leaves a series that does not email its pack, and a cancelled meeting, alone', async () => {
    const w = await world(backend, '2026-10-22T14:00:00Z');
    try {
      const attendees = [{ user_id: w.users.mara, side: 'marketing' }];
      await createSeries(w.ctx, { kind: 'weekly', attendees, pack_hours_before: 0 });
      await createSeries(w.ctx, { kind: 'monthly', attendees });
      await w.t.db.query(`INSERT INTO meetings (series_id, period, scheduled_at, status) SELECT id, '2026-11', '2026-11-03T09:00:00Z', 'cancelled' FROM meeting_series WHERE kind = 'monthly'`);
      await ticks(w, '2026-10-22T14:00:00Z', '2026-10-22T14:00:00Z', 1);
      await ticks(w, '2026-11-02T07:00:00Z', '2026-11-02T07:00:00Z', 1);
      expect(await emails(w.t.db)).toEqual([]);
      // Counting a mailer's sends, the same moment with a mailer sends nothing either.
      const mailer = countingMailer();
      expect((await runDueRituals(w.ctx, { mailer, baseUrl: 'https://crm.example.com' })).runs).toEqual([]);
      expect(mailer.sent).toEqual([]);
    } finally {
      await w.t.cleanup();
    }
  });
});
