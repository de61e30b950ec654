import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../../app/mailer.js';
import { createApiToken } from '../../domains/auth/api-tokens.js';
import { createUser } from '../../domains/crm/users.js';
import { saveEmailPreferences } from '../../domains/rituals/email-preferences.js';
import { saveWorkspaceSettings } from '../../domains/workspace/workspace-settings.js';
import { section } from '../../testing/pack-lookup.js';
import { startSmtpSink } from '../../testing/smtp-sink.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

// The weekly meeting: Thursdays 17:00 in Madrid; 2026-W49 is Thursday 3 December, 16:00 UTC.

describe.each(testBackends())('meeting routes on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  const users: Record<string, number> = {};
  const tokens: Record<string, Record<string, string>> = {};
  let seriesId: number;
  let meetingId: number;

  const call = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, headers = admin) =>
    t.app.inject({ method, url, headers, ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-12-01T09:00:00Z', { processEvents: false, publicUrl: 'https://crm.example.com' });
    admin = await t.as('admin');
    await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
    for (const [name, role] of [['Ana Sales', 'sales_rep'], ['Bo Sales', 'sales_rep'], ['Mia Marketing', 'marketing']] as const) {
      users[name] = (await createUser(t.db, { name, email: `${name.split(' ')[0]!.toLowerCase()}@x.test`, role })).id;
      tokens[name] = { authorization: `Bearer ${(await createApiToken(t.db, { name, role, user_id: users[name] })).token}` };
    }
  });
  afterAll(() => t.cleanup());

  it('creates the weekly series, refusing a second active one and naming wrong fields', async () => {
    const bad = await call('POST', '/api/meeting-series', { kind: 'weekly', weekday: 0, attendees: [{ user_id: users['Ana Sales'], side: 'sales', extra: 1 }] });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([
      { field: 'weekday', problem: 'must be 1 (Monday) to 7 (Sunday)' },
      { field: 'attendees[0].extra', problem: 'is not a known field' },
    ]);
    const res = await call('POST', '/api/meeting-series', {
      kind: 'weekly',
      attendees: [{ user_id: users['Ana Sales'], side: 'sales' }, { user_id: users['Bo Sales'], side: 'sales' }, { user_id: users['Mia Marketing'], side: 'marketing' }],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ kind: 'weekly', weekday: 4, local_time: '17:00', duration_minutes: 35, next_occurrence: { period: '2026-W49', at: '2026-12-03T16:00:00.000Z' } });
    seriesId = res.json().id;
    expect((await call('POST', '/api/meeting-series', { kind: 'weekly' })).statusCode).toBe(409);
    expect((await call('GET', '/api/meeting-series')).json().map((s: { id: number }) => s.id)).toEqual([seriesId]);
    expect((await call('GET', '/api/meeting-series/999999')).statusCode).toBe(404);
    expect((await call('PATCH', `/api/meeting-series/${seriesId}`, { kind: 'monthly' })).json().errors).toEqual([{ field: 'kind', problem: 'is not a known field' }]);
  });

  it('plans the next meeting of the series, or the one of a period', async () => {
    const next = await call('POST', `/api/meeting-series/${seriesId}/meetings`, {});
    expect(next.statusCode).toBe(200);
    expect(next.json()).toMatchObject({ period: '2026-W49', scheduled_at: '2026-12-03T16:00:00.000Z', status: 'planned', sales_presenter_name: 'Ana Sales', marketing_presenter_name: 'Mia Marketing', decisions: [], action_items: [] });
    meetingId = next.json().id;
    expect((await call('POST', `/api/meeting-series/${seriesId}/meetings`, { period: '2026-W49' })).json().id).toBe(meetingId);
    const bad = await call('POST', `/api/meeting-series/${seriesId}/meetings`, { period: '2026-W60' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors).toEqual([{ field: 'period', problem: '2026 has weeks 01 to 53, got "2026-W60"' }]);
    expect((await call('POST', '/api/meeting-series/999999/meetings', {})).statusCode).toBe(404);
    const list = await call('GET', '/api/meetings?kind=weekly');
    expect(list.json()).toMatchObject({ data: [{ id: meetingId, period: '2026-W49' }], next_cursor: null });
    expect((await call('GET', '/api/meetings?status=done')).json().errors[0].field).toBe('status');
  });

  it('answers a meeting pack as JSON, a printable page and a PDF file; 404 for a meeting that does not exist', async () => {
    const json = await call('GET', `/api/meetings/${meetingId}/pack`);
    expect(json.statusCode).toBe(200);
    expect(json.headers['content-type']).toContain('application/json');
    expect(json.json()).toMatchObject({ kind: 'weekly_pack', time_zone: 'Europe/Madrid', agenda: { duration_minutes: 35 } });
    expect(section(json.json(), 'sales_sla').presenter).toBe('Ana Sales (sales)');

    const html = await call('GET', `/api/meetings/${meetingId}/pack.html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.headers['content-security-policy']).toContain("default-src 'none'");
    expect(html.body).toMatch(/^<!DOCTYPE html>/i);
    expect(html.body).toContain(json.json().title);

    const pdf = await call('GET', `/api/meetings/${meetingId}/pack.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe(`attachment; filename="weekly-pack-${json.json().period}.pdf"`);
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    for (const ext of ['', '.html', '.pdf']) {
      const missing = await call('GET', `/api/meetings/999999/pack${ext}`);
      expect(missing.statusCode, ext).toBe(404);
      expect(missing.json().message).toBe('Meeting 999999 does not exist.');
    }
  });

  it('previews the weekly pack of a week and the monthly pack of a month, refusing bad dates by name', async () => {
    const weekly = await call('GET', '/api/meeting-packs/weekly?date=2026-12-05');
    expect(weekly.statusCode).toBe(200);
    // Saturday the 5th is in the week of Thursday the 3rd: the same meeting, the same week reviewed.
    expect(weekly.json().period).toBe((await call('GET', `/api/meetings/${meetingId}/pack`)).json().period);
    const monthly = await call('GET', '/api/meeting-packs/monthly?month=2026-11');
    expect(monthly.json()).toMatchObject({ kind: 'monthly_pack', period: '2026-11' });
    const pdf = await call('GET', '/api/meeting-packs/monthly.pdf?month=2026-11');
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toBe('attachment; filename="monthly-pack-2026-11.pdf"');
    expect((await call('GET', '/api/meeting-packs/weekly.html')).headers['content-type']).toBe('text/html; charset=utf-8');

    const badDay = await call('GET', '/api/meeting-packs/weekly.pdf?date=2026-02-30');
    expect(badDay.statusCode).toBe(400);
    expect(badDay.json().errors).toEqual([{ field: 'date', problem: '"2026-02-30" is not a day of the calendar' }]);
    const badMonth = await call('GET', '/api/meeting-packs/monthly?month=2026-13');
    expect(badMonth.json().errors).toEqual([{ field: 'month', problem: '"2026-13" is not a month; use YYYY-MM, e.g. 2026-03' }]);
    expect((await call('GET', '/api/meeting-packs/monthly?from=2026-01-01')).json().errors).toEqual([{ field: 'from', problem: 'is not a known field' }]);
  });

  it('records decisions and action items; the owner closes their own item, another rep may not', async () => {
    const d = await call('POST', `/api/meetings/${meetingId}/decisions`, { text: 'Call webinar leads within the hour.' });
    expect(d.statusCode).toBe(201);
    expect((await call('DELETE', `/api/meetings/${meetingId}/decisions/${d.json().id}`)).statusCode).toBe(204);
    expect((await call('DELETE', `/api/meetings/${meetingId}/decisions/${d.json().id}`)).statusCode).toBe(404);

    const item = await call('POST', `/api/meetings/${meetingId}/action-items`, { title: 'Clean the no-show list', owner_id: users['Ana Sales'], due_date: '2026-12-09' });
    expect(item.statusCode).toBe(201);
    const id = item.json().id;
    const other = await call('PATCH', `/api/action-items/${id}`, { status: 'done' }, tokens['Bo Sales']);
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toBe(`Your role (sales rep) may change the status of your own action items only; action item ${id} is Ana Sales's.`);
    expect((await call('PATCH', `/api/action-items/${id}`, { due_date: '2026-12-31' }, tokens['Ana Sales'])).statusCode).toBe(403);
    const done = await call('PATCH', `/api/action-items/${id}`, { status: 'done' }, tokens['Ana Sales']);
    expect(done.json()).toMatchObject({ status: 'done', closed_at: '2026-12-01T09:00:00.000Z' });
    expect((await call('GET', `/api/action-items?owner_id=${users['Ana Sales']}&status=done`)).json().data.map((a: { id: number }) => a.id)).toEqual([id]);
    expect((await call('GET', '/api/action-items?status=late')).statusCode).toBe(400);
    expect((await call('GET', `/api/meetings/${meetingId}`)).json().action_items).toMatchObject([{ id, status: 'done' }]);
  });

  it('holds a meeting: its pack is then the snapshot, and only its notes change', async () => {
    const before = (await call('GET', `/api/meetings/${meetingId}/pack`)).json();
    t.clock.set('2026-12-03T16:40:00Z');
    const held = await call('POST', `/api/meetings/${meetingId}/hold`);
    expect(held.json()).toMatchObject({ status: 'held', held_at: '2026-12-03T16:40:00.000Z' });
    const snapshot = (await call('GET', `/api/meetings/${meetingId}/pack`)).json();
    expect(snapshot.generated_at).not.toBe(before.generated_at);
    t.clock.set('2026-12-20T10:00:00Z');
    expect((await call('GET', `/api/meetings/${meetingId}/pack`)).json()).toEqual(snapshot);
    const moved = await call('PATCH', `/api/meetings/${meetingId}`, { scheduled_at: '2026-12-04T16:00:00Z' });
    expect(moved.statusCode).toBe(422);
    expect((await call('PATCH', `/api/meetings/${meetingId}`, { notes: 'Good one.' })).json().notes).toBe('Good one.');
    expect((await call('POST', '/api/meetings/999999/hold')).statusCode).toBe(404);
  });
});

describe.each(testBackends())('sending a meeting pack over SMTP on %s', (backend) => {
  it('emails each attendee once, as HTML with the charts as inline PNG images; a second send sends nothing', async () => {
    const sink = await startSmtpSink();
    const mails = sink.mails;
    const t = await createTestApp(backend, '2026-12-03T14:00:00Z', { processEvents: false, mailer: smtpMailer(sink.url, 'Revloop <packs@revloop.test>'), publicUrl: 'https://crm.example.com' });
    try {
      const admin = await t.as('admin');
      const ana = await createUser(t.db, { name: 'Ana Sales', email: 'ana@x.test', role: 'sales_rep' });
      const mia = await createUser(t.db, { name: 'Mia Marketing', email: 'mia@x.test', role: 'marketing' });
      // Deactivated: stays on the list, gets no email.
      const gone = await createUser(t.db, { name: 'Gus Gone', email: 'gus@x.test', role: 'sales_rep', active: false });
      const series = (await t.app.inject({ method: 'POST', url: '/api/meeting-series', headers: admin, payload: { kind: 'weekly', attendees: [{ user_id: ana.id, side: 'sales' }, { user_id: mia.id, side: 'marketing' }, { user_id: gone.id, side: 'sales' }] } })).json();
      const meeting = (await t.app.inject({ method: 'POST', url: `/api/meeting-series/${series.id}/meetings`, headers: admin, payload: {} })).json();

      const first = await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/send`, headers: admin });
      expect(first.json()).toEqual({ sent: 2, outbox: 0, failed: 0, already_sent: 0 });
      expect(mails.map((m) => m.to).sort()).toEqual([['ana@x.test'], ['mia@x.test']]);
      for (const m of mails) {
        expect(m.data).toMatch(/Content-Type: text\/html/i);
        expect(m.data).toMatch(/Content-Type: text\/plain/i);
        expect(m.data).toMatch(/Content-Type: image\/png/i);
        const cid = /Content-ID: <([^>]+)>/i.exec(m.data)?.[1];
        expect(cid).toBeTruthy();
        // The HTML part shows the image by that Content-ID (quoted-printable may fold the line).
        expect(m.data.replace(/=\r?\n/g, '')).toContain(`cid:${cid}`);
        expect(m.data.replace(/=\r?\n/g, '')).toContain(`https://crm.example.com/meetings/${meeting.id}`);
      }

      const second = await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/send`, headers: admin });
      expect(second.json()).toEqual({ sent: 0, outbox: 0, failed: 0, already_sent: 2 });
      expect(mails).toHaveLength(2);
      const rows = await t.db.query<{ to_email: string; kind: string; ref: string; status: string }>('SELECT to_email, kind, ref, status FROM ritual_emails ORDER BY to_email');
      expect(rows).toEqual([
        { to_email: 'ana@x.test', kind: 'weekly_pack', ref: `meeting:${meeting.id}`, status: 'sent' },
        { to_email: 'mia@x.test', kind: 'weekly_pack', ref: `meeting:${meeting.id}`, status: 'sent' },
      ]);
    } finally {
      await t.cleanup();
      await sink.close();
    }
  });

  it("skips an attendee who turned the weekly pack's email off; the other attendees get it", async () => {
    const sink = await startSmtpSink();
    const t = await createTestApp(backend, '2026-12-03T14:00:00Z', { processEvents: false, mailer: smtpMailer(sink.url, 'Revloop <packs@revloop.test>'), publicUrl: 'https://crm.example.com' });
    try {
      const admin = await t.as('admin');
      const ana = await createUser(t.db, { name: 'Ana Sales', email: 'ana@x.test', role: 'sales_rep' });
      const bo = await createUser(t.db, { name: 'Bo Sales', email: 'bo@x.test', role: 'sales_rep' });
      const mia = await createUser(t.db, { name: 'Mia Marketing', email: 'mia@x.test', role: 'marketing' });
      // Bo opted out of the weekly pack; Mia of the monthly one only, which leaves her weekly email on.
      await saveEmailPreferences(t.db, t.clock, bo.id, { weekly_pack_email: false });
      await saveEmailPreferences(t.db, t.clock, mia.id, { monthly_pack_email: false });
      expect(await t.db.query('SELECT user_id::int AS user_id, weekly_pack, monthly_pack FROM email_preferences ORDER BY user_id')).toEqual([
        { user_id: bo.id, weekly_pack: false, monthly_pack: true },
        { user_id: mia.id, weekly_pack: true, monthly_pack: false },
      ]);
      const attendees = [{ user_id: ana.id, side: 'sales' }, { user_id: bo.id, side: 'sales' }, { user_id: mia.id, side: 'marketing' }];
      const series = (await t.app.inject({ method: 'POST', url: '/api/meeting-series', headers: admin, payload: { kind: 'weekly', attendees } })).json();
      const meeting = (await t.app.inject({ method: 'POST', url: `/api/meeting-series/${series.id}/meetings`, headers: admin, payload: {} })).json();

      const res = await t.app.inject({ method: 'POST', url: `/api/meetings/${meeting.id}/send`, headers: admin });
      expect(res.json()).toEqual({ sent: 2, outbox: 0, failed: 0, already_sent: 0 });
      expect(sink.mails.map((m) => m.to).sort()).toEqual([['ana@x.test'], ['mia@x.test']]);
      expect(await t.db.query('SELECT to_email FROM ritual_emails ORDER BY to_email')).toEqual([{ to_email: 'ana@x.test' }, { to_email: 'mia@x.test' }]);
    } finally {
      await t.cleanup();
      await sink.close();
    }
  });
});
