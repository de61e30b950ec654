import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser } from '../domains/crm/users.js';
import { saveWorkspaceSettings } from '../domains/workspace/workspace-settings.js';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { textSink } from '../testing/text-sink.js';
import { packFromCli, sendFromCli, seriesFromCli } from './meeting-command.js';

// 1 December 2026, 09:00 UTC: the next weekly meeting is Thursday 3 December, 17:00 in Madrid (2026-W49).
describe.each(testBackends())('revloop meeting on %s', (backend) => {
  let t: TestDb;
  let dir: string;
  const clock = fixedClock('2026-12-01T09:00:00Z');
  const base = 'https://crm.example.com';

  beforeAll(async () => {
    t = await createTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'revloop-meeting-cli-'));
    await saveWorkspaceSettings(t.db, { time_zone: 'Europe/Madrid' });
    await createUser(t.db, { name: 'Ana Sales', email: 'ana@x.test', role: 'sales_rep' });
    await createUser(t.db, { name: 'Leo Marketing', email: 'leo@x.test', role: 'marketing' });
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says how to set up a series when there is none, and sets one up from flags', async () => {
    expect(await seriesFromCli(t.db, clock, {})).toMatch(/^No meeting series yet\. Create one: revloop meeting series --weekly/);
    await expect(sendFromCli(t.db, clock, { weekly: true }, { mailer: null, baseUrl: base })).rejects.toThrow(/^No weekly meeting series is set up\. Create one in the app \(Meetings\), or here: revloop meeting series --weekly/);
    await expect(packFromCli(t.db, clock, {}, textSink(), base)).rejects.toThrow('Say which meeting: --weekly or --monthly.');
    await expect(seriesFromCli(t.db, clock, { weekly: true, weekday: 'thursdays please' })).rejects.toThrow('--weekday must be mon, tue, wed, thu, fri, sat or sun (or 1–7), not "thursdays please".');
    await expect(seriesFromCli(t.db, clock, { weekly: true, attendee: ['ana@x.test'] })).rejects.toThrow(/--attendee must be email:side/);
    await expect(seriesFromCli(t.db, clock, { weekly: true, attendee: ['nobody@x.test:sales'] })).rejects.toThrow(/^No user has the email nobody@x.test/);
    await expect(seriesFromCli(t.db, clock, { weekly: true, time: '5pm' })).rejects.toThrow('Local time must be a time HH:MM (24 h), e.g. 17:00');

    const said = await seriesFromCli(t.db, clock, { weekly: true, weekday: 'thu', time: '17:00', attendee: ['ana@x.test:sales', 'LEO@x.test:marketing'] });
    expect(said).toMatch(/^Created the weekly series \d+ \(Weekly Smarketing meeting\): Thursday 17:00 Europe\/Madrid, 35 min, 2 attendees\. Next meeting: 2026-W49, 2026-12-03T16:00:00\.000Z\.$/);
    expect(await seriesFromCli(t.db, clock, { weekly: true, duration: '40' })).toMatch(/^Changed the weekly series \d+ .* 40 min, 2 attendees\./);
    expect(await seriesFromCli(t.db, clock, {})).toContain('attendees: Ana Sales <ana@x.test> (sales), Leo Marketing <leo@x.test> (marketing)');
  });

  it('prints the live pack of the next meeting, saves a PDF, then sends it once and prints the meeting’s own pack', async () => {
    const out = textSink();
    expect(await packFromCli(t.db, clock, { weekly: true, format: 'json' }, out, base)).toBe('');
    const doc = JSON.parse(out.text);
    expect(doc).toMatchObject({ kind: 'weekly_pack', agenda: { duration_minutes: 40 } });
    const file = join(dir, 'pack.pdf');
    expect(await packFromCli(t.db, clock, { weekly: true, format: 'pdf', out: file }, textSink(), base)).toBe(`Wrote a live weekly pack (no meeting planned for it yet) to ${file}.`);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    await expect(packFromCli(t.db, clock, { weekly: true, format: 'docx' }, textSink(), base)).rejects.toThrow('--format must be text, html, pdf, json, not "docx".');
    await expect(packFromCli(t.db, clock, { weekly: true, date: '03/12/2026' }, textSink(), base)).rejects.toThrow('Date must be a date YYYY-MM-DD');

    expect(await sendFromCli(t.db, clock, { weekly: true }, { mailer: null, baseUrl: base })).toBe(
      'Weekly Smarketing meeting, 2026-W49 (2026-12-03T16:00:00.000Z): kept 2 in the outbox (no SMTP_URL is set).',
    );
    expect(await sendFromCli(t.db, clock, { weekly: true, date: '2026-12-05' }, { mailer: null, baseUrl: base })).toBe(
      'Weekly Smarketing meeting, 2026-W49 (2026-12-03T16:00:00.000Z): 2 already had it.',
    );
    const text = textSink();
    await packFromCli(t.db, clock, { weekly: true, date: '2026-12-03' }, text, base);
    // The meeting is planned now: its pack names its presenters.
    expect(text.text).toContain('Ana Sales (sales)');
    expect(await packFromCli(t.db, clock, { weekly: true, format: 'html', out: join(dir, 'pack.html') }, textSink(), base)).toMatch(/^Wrote meeting \d+'s pack to /);
    expect(readFileSync(join(dir, 'pack.html'), 'utf8')).toMatch(/^<!DOCTYPE html>/i);
  });

  it('reviews the month before the meeting’s month in the monthly pack', async () => {
    const out = textSink();
    await packFromCli(t.db, clock, { monthly: true, date: '2026-12-15', format: 'json' }, out, base);
    expect(JSON.parse(out.text)).toMatchObject({ kind: 'monthly_pack', period: '2026-11' });
  });
});
