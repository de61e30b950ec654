import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { runEventImport } from './import-events-command.js';
import { textSink } from '../testing/text-sink.js';


describe.each(testBackends())('revloop import events on %s', (backend) => {
  let t: TestDb;
  let dir: string;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'revloop-import-events-'));
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('stores, processes, lists refused rows in FILE.errors.csv, and stores nothing twice on a second run', async () => {
    const file = join(dir, 'touches.csv');
    writeFileSync(file, [
      'Event Name,Occurred At,Contact email,Anonymous ID,Page URL,Referrer,Form ID',
      'Page View,2025-10-01 10:00,,v-1,https://revloop.io/pricing?plan=pro,https://www.google.com/,',
      'Page View,2025-10-01 10:03,,v-1,https://revloop.io/signup,https://revloop.io/pricing,',
      'Form Submitted,2025-10-01 10:04,ana@hooli.com,v-1,https://revloop.io/signup,,signup',
      'Form Submitted,someday,bob@hooli.com,v-2,,,signup',
      'Clicked link in email,2025-10-08 08:00,ana@hooli.com,,,,',
    ].join('\n'));
    const out = textSink();
    const err = textSink();
    expect(await runEventImport({ db: t.db, clock }, file, {}, { out, err })).toBe(1);
    expect(err.text).toMatch(/"Occurred At" +→ timestamp/);
    expect(out.text).toMatch(/^Stored 4 events from .*touches\.csv \(5 rows, 1 refused\) in [\d.]+ s/m);
    expect(out.text).toMatch(/^Processed 4 events in [\d.]+ s/m);
    expect(err.text).toMatch(/ 5 +Occurred At +timestamp +must be a date/);
    const report = parse(readFileSync(`${file}.errors.csv`, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(report).toEqual([expect.objectContaining({ row: '5', column: 'Occurred At', field: 'timestamp' })]);
    const [ana] = await t.db.query<{ id: number; lifecycle_stage: string; original_source: string }>(`SELECT id, lifecycle_stage, original_source FROM contacts WHERE email = 'ana@hooli.com'`);
    expect(ana).toMatchObject({ lifecycle_stage: 'lead', original_source: 'Organic Search' });
    const events = await t.db.query<{ event: string | null; contact_id: number }>('SELECT event, contact_id FROM events ORDER BY timestamp');
    expect(events.map((e) => [e.event, Number(e.contact_id)])).toEqual([[null, ana!.id], [null, ana!.id], ['Form Submitted', ana!.id], ['Email Link Clicked', ana!.id]]);

    const again = textSink();
    expect(await runEventImport({ db: t.db, clock }, file, { wait: false }, { out: again, err: textSink() })).toBe(1);
    expect(again.text).toMatch(/^Stored 0 events from .*\(5 rows, 4 stored before, 1 refused\)/m);
    expect((await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM events'))[0]!.n).toBe(4);
  });

  it('refuses a file whose header says nothing about when, with exit code 1 and nothing stored', async () => {
    const file = join(dir, 'no-time.csv');
    writeFileSync(file, 'Event,Email\nForm Submitted,x@hooli.com\n');
    const err = textSink();
    expect(await runEventImport({ db: t.db, clock }, file, {}, { out: textSink(), err })).toBe(1);
    expect(err.text).toMatch(/no-time\.csv was not imported; nothing was stored\./);
    expect(err.text).toContain('no column for timestamp');
    expect(existsSync(`${file}.errors.csv`)).toBe(true);
  });
});
