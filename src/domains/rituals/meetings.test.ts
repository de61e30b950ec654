import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { figure, section } from '../../testing/pack-lookup.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { systemActor, type Actor, type Ctx } from '../context.js';
import { createDeal } from '../crm/deals.js';
import { createUser } from '../crm/users.js';
import { saveWorkspaceSettings } from '../workspace/workspace-settings.js';
import { createActionItem, listActionItems, updateActionItem } from './action-items.js';
import { activeSeries, createSeries, updateSeries } from './meeting-series.js';
import { addDecision, deleteDecision, ensureMeeting, getMeeting, holdMeeting, listMeetings, meetingPack, previewWeeklyPack, updateMeeting } from './meetings.js';
import type { PackDocument } from './pack-document.js';

// The weekly meeting meets Thursdays at 17:00 in Madrid: 2026-W49 is Thursday 3 December
// (16:00 UTC), W50 the 10th, W51 the 17th, W52 the 24th.
const W49 = new Date('2026-12-03T16:00:00Z');
const DAY = 86_400_000;

const actionRows = (doc: PackDocument) =>
  section(doc, 'action_items').blocks.flatMap((b) => (b.type === 'table' ? b.rows.map((r) => [r.cells[0], r.cells[3]]) : []));

describe.each(testBackends())('meetings on %s', (backend) => {
  let t: TestDb;
  let clock: ReturnType<typeof fixedClock>;
  let admin: Ctx;
  const users: Record<string, number> = {};
  const as = (name: string, role: Actor['role']): Ctx => ({ db: t.db, clock, actor: { type: 'user', id: String(users[name]), role, name } });

  beforeEach(async () => {
    t = await createTestDb(backend);
    clock = fixedClock('2026-12-01T09:00:00Z');
    admin = { db: t.db, clock, actor: systemActor };
    await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
    // Created out of name order: presenters go by name, not by id.
    for (const [name, role] of [['Carla Sales', 'sales_rep'], ['Ana Sales', 'sales_rep'], ['Bea Sales', 'sales_manager'], ['Mia Marketing', 'marketing'], ['Leo Marketing', 'marketing'], ['Vic Viewer', 'viewer']] as const) {
      users[name] = (await createUser(t.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@x.test`, role })).id;
    }
  });
  afterEach(() => t.cleanup());

  const weekly = (extra: Record<string, unknown> = {}) =>
    createSeries(admin, {
      kind: 'weekly',
      attendees: [
        { user_id: users['Carla Sales'], side: 'sales' }, { user_id: users['Ana Sales'], side: 'sales' }, { user_id: users['Bea Sales'], side: 'sales' },
        { user_id: users['Mia Marketing'], side: 'marketing' }, { user_id: users['Leo Marketing'], side: 'marketing' },
      ],
      ...extra,
    });
  const presenters = (m: { sales_presenter_name: string | null; marketing_presenter_name: string | null }) => [m.sales_presenter_name, m.marketing_presenter_name];

  it('creates a weekly series with the defaults (Thursday 17:00, 35 minutes) and a monthly one (first Tuesday 10:00, 60 minutes)', async () => {
    const w = await weekly();
    expect(w).toMatchObject({ kind: 'weekly', name: 'Weekly Smarketing meeting', weekday: 4, week_of_month: null, local_time: '17:00', duration_minutes: 35, pack_hours_before: 2, rotate_presenters: true, active: true, time_zone: 'Europe/Madrid' });
    expect(w.attendees.map((a) => [a.name, a.side])).toEqual([['Ana Sales', 'sales'], ['Bea Sales', 'sales'], ['Carla Sales', 'sales'], ['Leo Marketing', 'marketing'], ['Mia Marketing', 'marketing']]);
    expect(w.next_occurrence).toEqual({ period: '2026-W49', at: W49 });
    const m = await createSeries(admin, { kind: 'monthly' });
    expect(m).toMatchObject({ kind: 'monthly', weekday: 2, week_of_month: 1, local_time: '10:00', duration_minutes: 60, pack_hours_before: 24 });
    // Tuesday 1 December 10:00 in Madrid is 09:00 UTC, the clock's moment itself: the next one is in January.
    expect(m.next_occurrence).toEqual({ period: '2027-01', at: new Date('2027-01-05T09:00:00Z') });
    expect((await activeSeries(t.db, 'weekly'))?.id).toBe(w.id);
  });

  it('keeps one active series per kind, and names every wrong field', async () => {
    const w = await weekly();
    await expect(weekly()).rejects.toMatchObject({ code: 'conflict', details: { field: 'active', existing_id: w.id } });
    // An inactive second series is allowed; activating it while the first is active is not.
    const other = await createSeries(admin, { kind: 'weekly', active: false });
    await expect(updateSeries(admin, other.id, { active: true })).rejects.toMatchObject({ code: 'conflict' });
    await updateSeries(admin, w.id, { active: false });
    expect((await updateSeries(admin, other.id, { active: true })).active).toBe(true);

    await expect(createSeries(admin, { kind: 'monthly', weekday: 8, local_time: '5pm', duration_minutes: 2, attendees: [{ user_id: users['Ana Sales'], side: 'both' }] })).rejects.toMatchObject({
      code: 'validation_failed',
      details: {
        errors: [
          { field: 'weekday', problem: 'must be 1 (Monday) to 7 (Sunday)' },
          { field: 'local_time', problem: 'must be a time HH:MM (24 h), e.g. 17:00' },
          { field: 'duration_minutes', problem: 'must be at least 5 minutes' },
          { field: 'attendees[0].side', problem: 'must be sales or marketing: the team the attendee presents for' },
        ],
      },
    });
    await expect(createSeries(admin, { kind: 'weekly', week_of_month: 2, active: false })).rejects.toMatchObject({ details: { errors: [{ field: 'week_of_month', problem: expect.stringContaining('only a monthly series') }] } });
    await expect(createSeries(admin, { kind: 'monthly', week_of_month: null })).rejects.toMatchObject({ details: { errors: [{ field: 'week_of_month', problem: expect.stringContaining('needs 1–4') }] } });
    await expect(createSeries(admin, { kind: 'monthly', attendees: [{ user_id: users['Ana Sales'], side: 'sales' }, { user_id: users['Ana Sales'], side: 'marketing' }] })).rejects.toMatchObject({
      details: { errors: [{ field: 'attendees[1].user_id', problem: `user ${users['Ana Sales']} is listed twice` }] },
    });
    await expect(createSeries(admin, { kind: 'monthly', attendees: [{ user_id: 999999, side: 'sales' }] })).rejects.toMatchObject({ code: 'not_found', details: { errors: [{ field: 'attendees[0].user_id', problem: 'user 999999 does not exist' }] } });
    await expect(updateSeries(admin, w.id, { kind: 'monthly' })).rejects.toMatchObject({ details: { errors: [{ field: 'kind', problem: 'is not a known field' }] } });
    // Nothing partial was written: still one monthly-free workspace.
    expect(await activeSeries(t.db, 'monthly')).toBeNull();
    await expect(createSeries(as('Ana Sales', 'sales_rep'), { kind: 'monthly' })).rejects.toMatchObject({ code: 'forbidden', message: 'Your role (sales rep) may not set up meetings.' });
  });

  it('plans one meeting per period at the series time, presenters rotating by name within each side', async () => {
    const s = await weekly();
    const m49 = await ensureMeeting(admin, s.id, '2026-W49');
    expect(m49).toMatchObject({ period: '2026-W49', scheduled_at: W49, status: 'planned', kind: 'weekly', duration_minutes: 35, reviews_month: null, decisions: [], action_items: [] });
    expect(presenters(m49)).toEqual(['Ana Sales', 'Leo Marketing']);
    expect((await ensureMeeting(admin, s.id, '2026-W49')).id).toBe(m49.id);
    expect(presenters(await ensureMeeting(admin, s.id, '2026-W50'))).toEqual(['Bea Sales', 'Mia Marketing']);
    expect(presenters(await ensureMeeting(admin, s.id, '2026-W51'))).toEqual(['Carla Sales', 'Leo Marketing']);
    // Around to the first again.
    const m52 = await ensureMeeting(admin, s.id, '2026-W52');
    expect(presenters(m52)).toEqual(['Ana Sales', 'Mia Marketing']);
    // An edited presenter is who the next meeting follows; a cancelled meeting presents nobody.
    await updateMeeting(admin, m52.id, { sales_presenter_id: users['Bea Sales'] });
    const m53 = await ensureMeeting(admin, s.id, '2026-W53');
    expect(presenters(m53)).toEqual(['Carla Sales', 'Leo Marketing']);
    await updateMeeting(admin, m53.id, { status: 'cancelled' });
    expect(presenters(await ensureMeeting(admin, s.id, '2027-W01'))).toEqual(['Carla Sales', 'Leo Marketing']);
    // The list: latest first, paged.
    const page = await listMeetings(t.db, { series_id: s.id }, { limit: 2 });
    expect(page.data.map((m) => m.period)).toEqual(['2027-W01', '2026-W53']);
    const next = await listMeetings(t.db, { series_id: s.id }, { limit: 10, cursor: page.next_cursor! });
    expect(next.data.map((m) => m.period)).toEqual(['2026-W52', '2026-W51', '2026-W50', '2026-W49']);
    expect((await listMeetings(t.db, { status: 'cancelled' })).data.map((m) => m.period)).toEqual(['2026-W53']);

    await expect(ensureMeeting(admin, s.id, '2026-12')).rejects.toMatchObject({ details: { errors: [{ field: 'period', problem: '"2026-12" is not a week; use YYYY-Www, e.g. 2026-W49' }] } });
    await expect(updateMeeting(admin, m49.id, { sales_presenter_id: users['Mia Marketing'] })).rejects.toMatchObject({
      details: { errors: [{ field: 'sales_presenter_id', problem: expect.stringContaining('is not an active sales attendee') }] },
    });
  });

  it('keeps the same presenters when the series does not rotate', async () => {
    const s = await weekly({ rotate_presenters: false });
    expect(presenters(await ensureMeeting(admin, s.id, '2026-W49'))).toEqual(['Ana Sales', 'Leo Marketing']);
    expect(presenters(await ensureMeeting(admin, s.id, '2026-W50'))).toEqual(['Ana Sales', 'Leo Marketing']);
  });

  it('records decisions, and a held meeting changes only its notes', async () => {
    const s = await weekly();
    const m = await ensureMeeting(admin, s.id, '2026-W49');
    const d = await addDecision(as('Bea Sales', 'sales_manager'), m.id, { text: '  Webinar leads go to the SDR team first. ' });
    expect(d).toMatchObject({ text: 'Webinar leads go to the SDR team first.', created_by: 'Bea Sales', meeting_id: m.id });
    await addDecision(admin, m.id, { text: 'Drop the trade-show follow-up.' });
    await deleteDecision(admin, m.id, d.id);
    await expect(deleteDecision(admin, m.id, d.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(addDecision(admin, m.id, { text: '' })).rejects.toMatchObject({ details: { errors: [{ field: 'text' }] } });
    expect((await getMeeting(admin, m.id)).decisions.map((x) => x.text)).toEqual(['Drop the trade-show follow-up.']);

    clock.set(new Date(W49.getTime() + 40 * 60_000));
    const held = await holdMeeting(admin, m.id);
    expect(held).toMatchObject({ status: 'held', held_at: clock.now() });
    expect((await updateMeeting(admin, m.id, { notes: 'Good week.' })).notes).toBe('Good week.');
    await expect(updateMeeting(admin, m.id, { scheduled_at: '2026-12-04T16:00:00Z' })).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(updateMeeting(admin, m.id, { status: 'cancelled' })).rejects.toMatchObject({ code: 'illegal_transition' });
    await expect(updateMeeting(admin, m.id, { status: 'held' })).rejects.toMatchObject({ details: { errors: [{ field: 'status' }] } });
    // Holding again keeps the first hold.
    clock.advance(DAY);
    expect((await holdMeeting(admin, m.id)).held_at).toEqual(held.held_at);
  });

  it('carries an action item from meeting to meeting until it is done, then shows it done once', async () => {
    const s = await weekly();
    const m49 = await ensureMeeting(admin, s.id, '2026-W49');
    const item = await createActionItem(as('Bea Sales', 'sales_manager'), m49.id, { title: 'Fix the demo form', owner_id: users['Ana Sales'], due_date: '2026-12-10' });
    expect(item).toMatchObject({ title: 'Fix the demo form', owner_name: 'Ana Sales', due_date: '2026-12-10', status: 'open', closed_at: null, meeting_period: '2026-W49', series_id: s.id, created_by: 'Bea Sales' });
    expect((await getMeeting(admin, m49.id)).action_items.map((a) => a.id)).toEqual([item.id]);
    // The item is the meeting's output, not its input.
    expect(actionRows(await meetingPack(admin, m49.id))).toEqual([]);

    const m50 = await ensureMeeting(admin, s.id, '2026-W50');
    clock.set(new Date(W49.getTime() + 2 * DAY));
    // Due the day of the meeting: not late yet.
    expect(actionRows(await meetingPack(admin, m50.id))).toEqual([['Fix the demo form', 'Open']]);
    const m51 = await ensureMeeting(admin, s.id, '2026-W51');
    clock.set(new Date(W49.getTime() + 9 * DAY));
    // Still open a week later, now past its due date.
    expect(actionRows(await meetingPack(admin, m51.id))).toEqual([['Fix the demo form', 'Open, overdue 7 days']]);

    // Done on Monday 14 December (between W50 and W51): W51 shows it done, W52 no longer.
    clock.set('2026-12-14T10:00:00Z');
    const done = await updateActionItem(as('Ana Sales', 'sales_rep'), item.id, { status: 'done' });
    expect(done).toMatchObject({ status: 'done', closed_at: new Date('2026-12-14T10:00:00Z') });
    expect(actionRows(await meetingPack(admin, m51.id))).toEqual([['Fix the demo form', 'Done']]);
    const m52 = await ensureMeeting(admin, s.id, '2026-W52');
    clock.set('2026-12-23T10:00:00Z');
    expect(actionRows(await meetingPack(admin, m52.id))).toEqual([]);

    // Reopened: closed_at cleared, carried again.
    const reopened = await updateActionItem(admin, item.id, { status: 'in_progress' });
    expect(reopened).toMatchObject({ status: 'in_progress', closed_at: null });
    expect(actionRows(await meetingPack(admin, m52.id))).toEqual([['Fix the demo form', 'In progress, overdue 14 days']]);
  });

  it('lets the owner of an item change its status and nothing else; running meetings changes anything', async () => {
    const s = await weekly();
    const m = await ensureMeeting(admin, s.id, '2026-W49');
    const item = await createActionItem(admin, m.id, { title: 'Call back the webinar no-shows', owner_id: users['Ana Sales'] });
    const carla = as('Carla Sales', 'sales_rep');
    const ana = as('Ana Sales', 'sales_rep');
    await expect(updateActionItem(carla, item.id, { status: 'done' })).rejects.toMatchObject({
      code: 'forbidden', message: `Your role (sales rep) may change the status of your own action items only; action item ${item.id} is Ana Sales's.`,
    });
    await expect(updateActionItem(ana, item.id, { status: 'done', due_date: '2027-01-31' })).rejects.toMatchObject({
      code: 'forbidden', message: 'Your role (sales rep) may change only the status of an action item you own, not its due_date.',
    });
    await expect(updateActionItem(as('Vic Viewer', 'viewer'), item.id, { status: 'done' })).rejects.toMatchObject({ code: 'forbidden', message: 'Your role (viewer) may not change action items.' });
    await expect(createActionItem(ana, m.id, { title: 'Mine', owner_id: users['Ana Sales'] })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await updateActionItem(ana, item.id, { status: 'in_progress' })).status).toBe('in_progress');
    const moved = await updateActionItem(as('Mia Marketing', 'marketing'), item.id, { title: 'Call back every no-show', owner_id: users['Carla Sales'], due_date: '2026-12-18' });
    expect(moved).toMatchObject({ title: 'Call back every no-show', owner_name: 'Carla Sales', due_date: '2026-12-18', status: 'in_progress' });
    // Now it is Carla's to close, no longer Ana's.
    await expect(updateActionItem(ana, item.id, { status: 'done' })).rejects.toMatchObject({ code: 'forbidden' });
    expect((await updateActionItem(carla, item.id, { status: 'done' })).status).toBe('done');

    await expect(createActionItem(admin, m.id, { title: ' ', owner_id: 0, due_date: '2026-02-30' })).rejects.toMatchObject({
      details: { errors: [{ field: 'title' }, { field: 'owner_id', problem: 'must be a user id' }, { field: 'due_date', problem: '"2026-02-30" is not a day of the calendar' }] },
    });
    await expect(createActionItem(admin, m.id, { title: 'Ghost', owner_id: 999999 })).rejects.toMatchObject({ code: 'not_found', details: { field: 'owner_id' } });
    await expect(updateActionItem(admin, item.id, { status: 'closed' })).rejects.toMatchObject({ details: { errors: [{ field: 'status', problem: 'must be one of open, in_progress, done, cancelled' }] } });
  });

  it('lists action items across meetings by status, owner and series', async () => {
    const s = await weekly();
    const m49 = await ensureMeeting(admin, s.id, '2026-W49');
    const m50 = await ensureMeeting(admin, s.id, '2026-W50');
    const monthly = await createSeries(admin, { kind: 'monthly' });
    const mm = await ensureMeeting(admin, monthly.id, '2026-12');
    expect(mm.reviews_month).toBe('2026-11');
    const a = await createActionItem(admin, m49.id, { title: 'A', owner_id: users['Ana Sales'] });
    const b = await createActionItem(admin, m50.id, { title: 'B', owner_id: users['Leo Marketing'] });
    const c = await createActionItem(admin, mm.id, { title: 'C', owner_id: users['Ana Sales'] });
    await updateActionItem(admin, b.id, { status: 'cancelled' });
    const ids = async (f: Parameters<typeof listActionItems>[1]) => (await listActionItems(t.db, f)).data.map((x) => x.id);
    expect(await ids({})).toEqual([c.id, b.id, a.id]);
    expect(await ids({ owner_id: users['Ana Sales'] })).toEqual([c.id, a.id]);
    expect(await ids({ series_id: s.id })).toEqual([b.id, a.id]);
    expect(await ids({ status: 'open,in_progress' })).toEqual([c.id, a.id]);
    expect(await ids({ status: 'cancelled', series_id: s.id })).toEqual([b.id]);
    const first = await listActionItems(t.db, {}, { limit: 1 });
    expect((await listActionItems(t.db, {}, { limit: 5, cursor: first.next_cursor! })).data.map((x) => x.id)).toEqual([b.id, a.id]);
    await expect(listActionItems(t.db, { status: 'open,late' })).rejects.toMatchObject({ details: { errors: [{ field: 'status', problem: expect.stringContaining('"late" is none') }] } });
  });

  it('keeps the snapshot of a held meeting unchanged after later data, while the live preview changes', async () => {
    const s = await weekly();
    const W51 = new Date('2026-12-17T16:00:00Z');
    const m = await ensureMeeting(admin, s.id, '2026-W51');
    expect(m.scheduled_at).toEqual(W51);
    clock.set(new Date(W51.getTime() + 30 * 60_000));
    await holdMeeting(admin, m.id);
    const snapshot = await meetingPack(admin, m.id);
    expect(figure(section(snapshot, 'highlights'), 'Deals won this week').value).toBe(0);

    // Later: a deal won on Tuesday of the reviewed week is entered after the meeting.
    clock.set('2026-12-21T09:00:00Z');
    await createDeal(admin, { name: 'Late-entered win', stage: 'closed_won', amount: 25_000, closed_at: '2026-12-15T10:00:00Z' });
    const after = await meetingPack(admin, m.id);
    expect(after).toEqual(snapshot);
    const live = await previewWeeklyPack(admin, { date: '2026-12-17' });
    expect(live.period).toBe(snapshot.period);
    expect(figure(section(live, 'highlights'), 'Deals won this week').value).toBe(1);
    expect(figure(section(live, 'highlights'), 'Revenue won this week').value).toBe(25_000);
    // A planned meeting's pack is live, and read before the meeting it is the week so far.
    const m52 = await ensureMeeting(admin, s.id, '2026-W52');
    await createDeal(admin, { name: 'Monday win', stage: 'closed_won', amount: 5_000, closed_at: '2026-12-21T08:00:00Z' });
    expect(figure(section(await meetingPack(admin, m52.id), 'highlights'), 'Deals won so far this week').value).toBe(1);
  });
});
