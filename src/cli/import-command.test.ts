import { parse } from 'csv-parse/sync';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../testing/test-db.js';
import { runExport } from './export-command.js';
import { crmHistory } from '../testing/crm-export-history.js';
import { runImport } from './import-command.js';
import { runPropertyCreate, runPropertyList } from './property-command.js';
import { textSink } from '../testing/text-sink.js';


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
    const out = textSink();
    const err = textSink();
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
    const out = textSink();
    const err = textSink();
    expect(await runImport({ db: t.db, clock }, 'contacts', file, {}, { out, err })).toBe(0);
    expect(err.text).toMatch(/"Record ID" +→ external_id \(hubspot ids\)/);
    expect(out.text).toMatch(/^Imported 2 contacts rows from .*good\.csv: 2 created, 0 updated in [\d.]+ s \(\d+ rows\/s\)\.\nIds were read as hubspot ids\.\n$/);
    expect(existsSync(`${file}.errors.csv`)).toBe(false);
    const exported = join(dir, 'contacts.csv');
    await runExport(t.db, 'contacts', 'csv', exported);
    const rows = parse(readFileSync(exported, 'utf8'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.email, r.first_name, r.lifecycle_stage])).toEqual([['a@hooli.com', "'=A", 'lead'], ['b@hooli.com', 'B', 'mql']]);
    const stdout = textSink();
    await runExport(t.db, 'companies', 'json', undefined, stdout);
    expect(JSON.parse(stdout.text.trim())).toMatchObject({ name: 'Hooli', domain: 'hooli.com', lifecycle_stage: 'mql' });
  });

  it('imports files joined by ids only: --create-properties says what it defines, --dry-run writes nothing, --map-values translates', async () => {
    const h = crmHistory(5, { companies: 15, contacts: 60, deals: 30 });
    const files = Object.fromEntries((['companies', 'contacts', 'deals'] as const).map((o) => {
      const f = join(dir, `hubspot-${o}.csv`);
      writeFileSync(f, h.files[o]);
      return [o, f];
    })) as Record<'companies' | 'contacts' | 'deals', string>;
    const io = () => ({ out: textSink(), err: textSink() });

    const dry = io();
    expect(await runImport({ db: t.db, clock }, 'companies', files.companies, { createProperties: true, dryRun: true }, dry)).toBe(0);
    expect(dry.out.text).toMatch(/^Dry run, nothing was written: would import 15 companies rows from .*: 15 created, 0 updated in/);
    const tiers = [...new Set(h.companies.map((c) => c.tier))].join(', ');
    expect(dry.out.text).toContain(`Ids were read as hubspot ids.\nWould define 3 custom company properties:\n  tier "Tier": enum (${tiers})\n  partner_program "Partner Program": boolean\n  customer_since "Customer Since": date\n`);
    expect(await t.db.query('SELECT 1 FROM companies WHERE external_id IS NOT NULL')).toEqual([]);
    expect(await runPropertyList(t.db, 'company')).toMatch(/^No custom properties yet/);

    const companies = io();
    expect(await runImport({ db: t.db, clock }, 'companies', files.companies, { createProperties: true }, companies)).toBe(0);
    expect(companies.out.text).toContain('Defined 3 custom company properties:');
    expect(companies.err.text).toMatch(/"Tier" +→ properties\.tier \(custom property: new enum property \(/);
    const contacts = io();
    const flags = { createProperties: true, mapValues: ['Persona:Dev=Developer', 'Lifecycle Stage:Hot Lead=mql'], map: ['Status=-'] };
    expect(await runImport({ db: t.db, clock }, 'contacts', files.contacts, flags, contacts)).toBe(0);
    expect(contacts.err.text).toMatch(/"Record ID" +→ external_id \(hubspot ids\)/);
    expect(contacts.err.text).toMatch(/"Associated Company IDs" +→ company_external_id \(hubspot ids\)/);
    expect(contacts.out.text).toMatch(/^Imported 60 contacts rows .*: 60 created, 0 updated/);
    const deals = io();
    expect(await runImport({ db: t.db, clock }, 'deals', files.deals, { createProperties: true }, deals)).toBe(0);
    const several = h.deals.filter((d) => d.contactIds.length > 1).length;
    expect(deals.out.text).toContain(several ? `${several} row${several === 1 ? '' : 's'} named several ids in "Associated Contact IDs"; each was linked to the first one.` : 'Defined 1 custom deal property');
    const [linked] = await t.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM deals d JOIN contacts c ON c.id = d.contact_id WHERE d.external_source = 'hubspot' AND c.external_source = 'hubspot'`);
    expect(linked!.n).toBe(h.deals.length);
    const personas = await t.db.query<{ persona: string }>(`SELECT DISTINCT properties->>'persona' AS persona FROM contacts WHERE external_source = 'hubspot' ORDER BY 1`);
    expect(personas.map((p) => p.persona)).not.toContain('Dev');

    // A second run of the same file: the unknown reference is named with its row and column.
    const broken = join(dir, 'hubspot-deals-broken.csv');
    writeFileSync(broken, h.files.deals.replace(`,${h.deals[2]!.contactIds.join(';')},`, ',31337,'));
    const again = io();
    expect(await runImport({ db: t.db, clock }, 'deals', broken, {}, again)).toBe(1);
    expect(again.err.text).toMatch(/ 4 +Associated Contact IDs +contact_external_id +no contact has the hubspot id "31337"/);
  });

  it('defines and lists custom properties: revloop property create | list', async () => {
    expect(await runPropertyCreate(t.db, { object: 'contacts', name: 'plan', label: 'Plan', type: 'enum', options: 'Free, Pro' })).toBe(
      'Defined the contact property plan "Plan" (enum: Free, Pro). Import it as a column named "Plan" or "properties.plan".');
    await expect(runPropertyCreate(t.db, { object: 'deal', name: 'Tier', label: 'Tier', type: 'colour' })).rejects.toThrow(
      /^The property was not defined: --name must be lower_snake_case.*; --type /);
    await expect(runPropertyCreate(t.db, { object: 'deal', name: 'tier', label: 'Tier', type: 'enum' })).rejects.toThrow('The property was not defined: --options must list at least one option for an enum.');
    await expect(runPropertyCreate(t.db, { object: 'lead', name: 'x', label: 'X', type: 'string' })).rejects.toThrow('--object must be contact, company or deal (got "lead").');
    const table = await runPropertyList(t.db, 'contact');
    expect(table.split('\n')[0]).toMatch(/^object +name +label +type +options$/);
    expect(table).toMatch(/contact +plan +Plan +enum +Free, Pro/);
  });
});
