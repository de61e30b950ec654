import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { runExport } from './export-command.js';
import { runImport } from './import-command.js';

function sink(): Writable & { text: string } {
  const w = new Writable({
    write(chunk, _enc, done) {
      w.text += String(chunk);
      done();
    },
  }) as Writable & { text: string };
  w.text = '';
  return w;
}

describe.each(testBackends())('revloop import / export commands on %s', (backend) => {
  let t: TestDb;
  let dir: string;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    dir = mkdtempSync(join(tmpdir(), 'revloop-import-'));
  });
  afterAll(async () => {
    await t.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('rejects a bad file with exit code 1, a readable table and every problem in FILE.errors.csv', async () => {
    const file = join(dir, 'bad.csv');
    const lines = ['Email,First Name'];
    for (let i = 0; i < 30; i++) lines.push(`broken${i},=HYPERLINK("x")`);
    writeFileSync(file, lines.join('\n'));
    const out = sink();
    const err = sink();
    const code = await runImport({ db: t.db, clock }, 'contacts', file, {}, { out, err });
    expect(code).toBe(1);
    expect(err.text).toContain('"Email"      → email');
    expect(err.text).toMatch(/bad\.csv was not imported; nothing was written\. 30 problems:/);
    expect(err.text).toMatch(/ 2 +Email +email +is not a valid email address/);
    expect(err.text).toContain('... and 10 more.');
    expect(err.text).toContain(`Every problem is listed in ${file}.errors.csv`);
    const report = parse(readFileSync(`${file}.errors.csv`, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(report).toHaveLength(30);
    expect(report[29]).toEqual({ row: '31', column: 'Email', field: 'email', problem: 'is not a valid email address' });
    expect(out.text).toBe('');
    expect((await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts'))[0]!.n).toBe(0);
  });

  it('imports a good file, prints the mapping and a summary, and exports it back', async () => {
    const file = join(dir, 'good.csv');
    writeFileSync(file, 'Record ID,Email,First Name,Lifecycle Stage\n1,a@hooli.com,=A,lead\n2,b@hooli.com,B,Marketing Qualified Lead\n');
    const out = sink();
    const err = sink();
    expect(await runImport({ db: t.db, clock }, 'contacts', file, {}, { out, err })).toBe(0);
    expect(err.text).toMatch(/"Record ID" +→ skipped: record id/);
    expect(out.text).toMatch(/^Imported 2 contacts rows from .*good\.csv: 2 created, 0 updated in [\d.]+ s \(\d+ rows\/s\)\.\n$/);
    expect(existsSync(`${file}.errors.csv`)).toBe(false);
    const exported = join(dir, 'contacts.csv');
    await runExport(t.db, 'contacts', 'csv', exported);
    const rows = parse(readFileSync(exported, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.email, r.first_name, r.lifecycle_stage])).toEqual([['a@hooli.com', "'=A", 'lead'], ['b@hooli.com', 'B', 'mql']]);
    const stdout = sink();
    await runExport(t.db, 'companies', 'json', undefined, stdout);
    expect(JSON.parse(stdout.text.trim())).toMatchObject({ name: 'Hooli', domain: 'hooli.com', lifecycle_stage: 'mql' });
  });
});
