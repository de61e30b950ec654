import { describe, expect, it } from 'vitest';
import type { Ctx } from '../domains/context.js';
import { createUser } from '../domains/crm/users.js';
import { createSeries } from '../domains/rituals/meeting-series.js';
import { ensureMeeting, getMeeting, updateMeeting } from '../domains/rituals/meetings.js';
import { saveWorkspaceSettings } from '../domains/workspace/workspace-settings.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends } from '../testing/test-db.js';
import { ritualJobs, runDueRituals } from './ritual-scheduler.js';

// A meeting cancelled in the app (PATCH status: cancelled, the meetings page's "Cancel meeting")
// sends no pack, and the scheduler leaves it cancelled; reinstated before it starts, its pack
// goes out at the next tick. ritual-scheduler.test.ts covers a series that emails nothing.

const deps = { mailer: null, baseUrl: 'https://crm.example.com' };

describe.each(testBackends())('scheduled packs of cancelled meetings on %s', (backend) => {
  it('sends no pack for a cancelled weekly or monthly meeting, and sends it once reinstated before the meeting starts', async () => {
    // Thursday 22 October 2026, 13:00 in Madrid: this week's meeting is at 17:00 (15:00 UTC), its pack due from 15:00 (13:00 UTC).
    const t = await createTestDb(backend);
    const clock = fixedClock('2026-10-22T11:00:00Z');
    try {
      await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
      const mara = (await createUser(t.db, { name: 'Mara', email: 'mara@rituals.test', role: 'marketing', team: 'Team' })).id;
      const sam = (await createUser(t.db, { name: 'Sam', email: 'sam@rituals.test', role: 'sales_manager', team: 'Team' })).id;
      const ctx: Ctx = { db: t.db, clock, actor: { type: 'user', id: String(mara), role: 'marketing', name: 'Mara' } };
      const scheduler: Ctx = { db: t.db, clock, actor: { type: 'system', id: 'scheduler' } };
      const attendees = [{ user_id: mara, side: 'marketing' }, { user_id: sam, side: 'sales' }];
      const weekly = await createSeries(ctx, { kind: 'weekly', attendees });
      const monthly = await createSeries(ctx, { kind: 'monthly', attendees });
      const packs = () => t.db.query<{ kind: string; ref: string; to_email: string; created_at: Date }>('SELECT kind, ref, to_email, created_at FROM ritual_emails ORDER BY created_at, to_email');
      const runsOf = (job: string) => t.db.query<{ period: string }>('SELECT period FROM scheduled_runs WHERE job = $1', [job]);
      const tick = async (at: string) => {
        clock.set(new Date(at));
        const r = await runDueRituals(scheduler, deps);
        expect(r.errors).toEqual([]);
        return r.runs;
      };

      // Weekly: cancelled in the morning, then the whole pack window until 16:50 in Madrid: nothing is sent or claimed.
      const week = await ensureMeeting(ctx, weekly.id, '2026-W43');
      await updateMeeting(ctx, week.id, { status: 'cancelled' });
      for (let at = Date.parse('2026-10-22T13:00:00Z'); at < Date.parse('2026-10-22T15:00:00Z'); at += 10 * 60_000) {
        expect(await tick(new Date(at).toISOString())).toEqual([]);
      }
      expect(await packs()).toEqual([]);
      expect(await runsOf(ritualJobs.weekly)).toEqual([]);
      expect((await getMeeting(ctx, week.id)).status).toBe('cancelled');

      // Reinstated at 16:55, five minutes before it starts: the next tick emails its pack to both attendees.
      clock.set(new Date('2026-10-22T14:55:00Z'));
      await updateMeeting(ctx, week.id, { status: 'planned' });
      const ran = await tick('2026-10-22T14:55:00Z');
      expect(ran.map((r) => `${r.job} ${r.outcome}`)).toEqual([`${ritualJobs.weekly} ran`]);
      expect((await packs()).map((p) => `${p.kind} ${p.ref} ${p.to_email}`)).toEqual([
        `weekly_pack meeting:${week.id} mara@rituals.test`,
        `weekly_pack meeting:${week.id} sam@rituals.test`,
      ]);

      // Monthly: November's meeting (Tuesday 3rd, 10:00) cancelled before its pack's moment (Monday 2nd, 08:00):
      // nothing at 08:00, and the scheduler does not plan it back.
      const month = await ensureMeeting(ctx, monthly.id, '2026-11');
      await updateMeeting(ctx, month.id, { status: 'cancelled' });
      expect(await tick('2026-11-02T07:00:00Z')).toEqual([]);
      expect(await tick('2026-11-02T12:00:00Z')).toEqual([]);
      expect((await packs()).filter((p) => p.kind === 'monthly_pack')).toEqual([]);
      expect((await getMeeting(ctx, month.id)).status).toBe('cancelled');

      // Reinstated the next morning, before 10:00: sent once, then never again.
      clock.set(new Date('2026-11-03T07:30:00Z'));
      await updateMeeting(ctx, month.id, { status: 'planned' });
      expect((await tick('2026-11-03T07:30:00Z')).map((r) => `${r.job} ${r.outcome}`)).toEqual([`${ritualJobs.monthly} ran`]);
      expect(await tick('2026-11-03T07:31:00Z')).toEqual([]);
      const monthlyPacks = (await packs()).filter((p) => p.kind === 'monthly_pack');
      expect(monthlyPacks.map((p) => `${p.ref} ${p.to_email} ${p.created_at.toISOString()}`)).toEqual([
        `meeting:${month.id} mara@rituals.test 2026-11-03T07:30:00.000Z`,
        `meeting:${month.id} sam@rituals.test 2026-11-03T07:30:00.000Z`,
      ]);
    } finally {
      await t.cleanup();
    }
    // Two packs built and rendered on a loaded machine: a ceiling, not a timing assertion.
  }, 180_000);
});
