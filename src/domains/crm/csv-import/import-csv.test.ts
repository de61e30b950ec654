import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { quoteIdent, type Db } from '../../../db/client.js';
import { AppError } from '../../../shared/errors.js';
import { fixedClock } from '../../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import type { Ctx } from '../../context.js';
import { stageDates } from '../../funnel/transitions.js';
import { createContact } from '../contacts.js';
import { defineProperty } from '../properties.js';
import { createUser } from '../users.js';
import { importCsv, type ImportOptions } from './import-csv.js';
import type { ImportObject } from './header-aliases.js';

/** The file as a stream of small chunks, so nothing depends on the header arriving in one piece. */
function file(text: string, chunk = 64): Readable {
  const buf = Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  for (let i = 0; i < buf.length; i += chunk) parts.push(buf.subarray(i, i + chunk));
  return Readable.from(parts);
}

async function rejected(p: Promise<unknown>): Promise<{ message: string; errors: { row: number | null; column: string; field: string | null; problem: string }[]; total_errors: number }> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('validation_failed');
  return { message: (err as AppError).message, ...((err as AppError).details as { errors: never[]; total_errors: number }) };
}

async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  const out: Record<string, number> = {};
  for (const { table_name } of tables) out[table_name] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${quoteIdent(table_name)}`))[0]!.n;
  return out;
}

const hubspotHeader = 'Record ID,First Name,Last Name,Email,Job Title,Phone Number,Company Name,Lifecycle Stage,Lead Status,Contact owner,Create Date,Original Source,Became a Lead Date,Became a Marketing Qualified Lead Date';
const hubspotRows = [
  '101, Ana ,García,  Ana.Garcia@Acme-Corp.com ,CTO,+34 600 000 000,Acme Corporation,Marketing Qualified Lead,OPEN,REP@revloop.test,2026-01-10 09:30,Organic Search,2026-01-10 09:30,2026-02-01 12:00',
  '102,Bob,Stone,bob@gmail.com,,,,lead,ATTEMPTED_TO_CONTACT,,2026-01-12,Paid Search,2026-01-12,',
  '103,Carla,Ruiz,carla@acme-corp.com,VP Sales,,Acme Corporation,salesqualifiedlead,CONNECTED,Rep One,03/15/2026,Referral,,',
  '',
  '104,Ana,García,ANA.GARCIA@acme-corp.com,Chief Technology Officer,,,,,,,,,',
];

describe.each(testBackends())('CSV import on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-04-01T10:00:00Z');
  const run = (object: ImportObject, text: string, opts?: ImportOptions, c = ctx) => importCsv(c, object, file(text), opts);
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'import' } };
    await createUser(t.db, { email: 'rep@revloop.test', name: 'Rep One', role: 'sales_rep' });
  });
  afterAll(() => t.cleanup());

  it('imports campaigns from a Salesforce-style file, deriving UTM keys, refusing a bad type, updating on re-import', async () => {
    const bad = await rejected(run('campaigns', 'Campaign Name,Type,Start Date,BudgetedCost\nSpring Ebook 2026,Ebook,2026-03-01,"1,200"\nRadio spot,Radio,2026-03-01,500\n'));
    expect(bad.errors).toEqual([expect.objectContaining({ row: 3, column: 'Type', problem: expect.stringContaining('"Radio" is not a campaign type') })]);
    expect(await t.db.query('SELECT 1 FROM campaigns')).toHaveLength(0);
    const s = await run('campaigns', 'Campaign Name,Type,Start Date,BudgetedCost\nSpring Ebook 2026,Ebook,2026-03-01,"1,200"\nSaaS Summit,Trade Show,2026-05-10,9000\n');
    expect(s).toMatchObject({ created: 2, failed: 0 });
    const again = await run('campaigns', 'Campaign Name,Type,BudgetedCost\nSpring Ebook 2026,Ebook,1500\n');
    expect(again).toMatchObject({ created: 0, updated: 1 });
    const rows = await t.db.query<{ name: string; type: string; utm_campaign: string; monthly_spend: number; starts_on: string | null }>(
      'SELECT name, type, utm_campaign, monthly_spend, starts_on FROM campaigns ORDER BY id');
    expect(rows).toEqual([
      { name: 'Spring Ebook 2026', type: 'whitepaper', utm_campaign: 'spring-ebook-2026', monthly_spend: 1500, starts_on: '2026-03-01' },
      { name: 'SaaS Summit', type: 'trade_show', utm_campaign: 'saas-summit', monthly_spend: 9000, starts_on: '2026-05-10' },
    ]);
  });

  it('stores declared sources as their channel with the words as given, and Unknown for contacts without one', async () => {
    const s = await run('contacts', 'Email,Lead Source\nshow@fabrikam.io,Trade Show\nhub@fabrikam.io,PAID_SOCIAL\nnone@fabrikam.io,\n');
    expect(s).toMatchObject({ created: 3, failed: 0 });
    const rows = await t.db.query<{ email: string; original_source: string; original_source_detail: string | null }>(
      `SELECT email, original_source, original_source_detail FROM contacts WHERE email LIKE '%@fabrikam.io' ORDER BY email`);
    expect(rows).toEqual([
      { email: 'hub@fabrikam.io', original_source: 'Paid Social', original_source_detail: 'PAID_SOCIAL' },
      { email: 'none@fabrikam.io', original_source: 'Unknown', original_source_detail: 'import' },
      { email: 'show@fabrikam.io', original_source: 'Offline', original_source_detail: 'Trade Show' },
    ]);
    await t.db.query(`DELETE FROM contacts WHERE email LIKE '%@fabrikam.io'`);
    await t.db.query(`DELETE FROM companies WHERE domain = 'fabrikam.io'`);
  });

  it('imports a messy HubSpot contacts export: BOM, spaces, mixed-case and repeated emails, stage names, Became-a-X dates, free mail', async () => {
    const s = await run('contacts', `\uFEFF${hubspotHeader}\r\n${hubspotRows.join('\r\n')}\r\n`);
    expect(s).toMatchObject({ rows: 4, created: 3, updated: 1, failed: 0 });
    expect(s.mapping.find((m) => m.column === 'Record ID')).toMatchObject({ field: 'external_id', source: 'recognised', note: 'hubspot ids' });
    expect(s.external_source).toBe('hubspot');
    expect(s.mapping.find((m) => m.column === 'Contact owner')).toMatchObject({ field: 'owner', source: 'recognised' });

    const contacts = await t.db.query<{ id: number; email: string; first_name: string; job_title: string; company_id: number | null; lifecycle_stage: string; lead_status: string; owner_id: number | null; created_at: Date }>(
      'SELECT id, email, first_name, job_title, company_id, lifecycle_stage, lead_status, owner_id, created_at FROM contacts ORDER BY id');
    expect(contacts.map((c) => [c.email, c.first_name, c.lifecycle_stage, c.lead_status])).toEqual([
      ['Ana.Garcia@Acme-Corp.com', 'Ana', 'mql', 'new'],
      ['bob@gmail.com', 'Bob', 'lead', 'attempting'],
      ['carla@acme-corp.com', 'Carla', 'sql', 'connected'],
    ]);
    const [ana, bob, carla] = contacts;
    // Row 104 repeats Ana's email in other case: it updated her, it did not make a second Ana.
    expect(ana!.job_title).toBe('Chief Technology Officer');
    expect(ana!.owner_id).not.toBeNull();
    expect(carla!.owner_id).toBe(ana!.owner_id);
    expect(ana!.created_at.toISOString()).toBe('2026-01-10T09:30:00.000Z');
    expect(carla!.created_at.toISOString()).toBe('2026-03-15T00:00:00.000Z');
    const changes = await t.db.query('SELECT property, old_value, new_value, actor_type FROM property_changes WHERE object_type = $1 AND object_id = $2', ['contact', ana!.id]);
    expect(changes).toEqual([{ property: 'job_title', old_value: 'CTO', new_value: 'Chief Technology Officer', actor_type: 'import' }]);

    expect(bob!.company_id).toBeNull();
    expect(carla!.company_id).toBe(ana!.company_id);
    const [company] = await t.db.query<{ name: string; domain: string; lifecycle_stage: string }>('SELECT name, domain, lifecycle_stage FROM companies WHERE id = $1', [ana!.company_id]);
    expect(company).toEqual({ name: 'Acme Corporation', domain: 'acme-corp.com', lifecycle_stage: 'sql' });
    expect(await t.db.query<{ n: number }>('SELECT count(*) AS n FROM companies')).toEqual([{ n: 1 }]);

    const history = await t.db.query<{ from_stage: string | null; to_stage: string; kind: string; at: Date; actor_type: string }>(
      `SELECT from_stage, to_stage, kind, at, actor_type FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 ORDER BY at, id`, [ana!.id]);
    expect(history.map((h) => [h.from_stage, h.to_stage, h.kind, h.at.toISOString(), h.actor_type])).toEqual([
      [null, 'lead', 'import', '2026-01-10T09:30:00.000Z', 'import'],
      ['lead', 'mql', 'import', '2026-02-01T12:00:00.000Z', 'import'],
    ]);
    expect(await stageDates(t.db, 'company', ana!.company_id!)).toEqual({
      subscriber: '2026-01-10T09:30:00.000Z', mql: '2026-02-01T12:00:00.000Z', sql: '2026-03-15T00:00:00.000Z',
    });
    const perContact = await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM stage_transitions WHERE object_type = 'contact' AND object_id = ANY($1::bigint[]) GROUP BY object_id ORDER BY object_id`, [[bob!.id, carla!.id]]);
    expect(perContact).toEqual([{ n: 1 }, { n: 1 }]);
  });

  it('reads the same export saved by a European Excel: semicolons, quoted cells, CRLF, in one piece or in tiny chunks', async () => {
    const fresh = await createTestDb(backend);
    try {
      const c: Ctx = { db: fresh.db, clock, actor: { type: 'import' } };
      await createUser(fresh.db, { email: 'rep@revloop.test', name: 'Rep One', role: 'sales_rep' });
      const semi = [hubspotHeader, ...hubspotRows].map((l) => l.split(',').map((cell) => (cell.includes(' ') ? `"${cell}"` : cell)).join(';')).join('\r\n');
      const s = await importCsv(c, 'contacts', file(`\uFEFF${semi}`, 7));
      expect(s).toMatchObject({ rows: 4, created: 3, updated: 1 });
      const rows = await fresh.db.query<{ email: string; lifecycle_stage: string; company_id: number | null }>('SELECT email, lifecycle_stage, company_id FROM contacts ORDER BY id');
      expect(rows.map((r) => [r.email, r.lifecycle_stage, r.company_id !== null])).toEqual([
        ['Ana.Garcia@Acme-Corp.com', 'mql', true], ['bob@gmail.com', 'lead', false], ['carla@acme-corp.com', 'sql', true],
      ]);
    } finally {
      await fresh.cleanup();
    }
  });

  it('rejects a file with three bad rows, naming exactly those rows and columns, and writes nothing at all', async () => {
    const before = await tableCounts(t.db);
    const csv = [
      'Email,First Name,Lifecycle Stage,Contact owner,Create Date',
      'ok1@initech.com,Ok,lead,,2026-01-01',
      'not-an-email,Bad,lead,,2026-01-01',
      'ok2@initech.com,Ok,lead,,2026-01-01',
      'ok3@initech.com,Ok,warm,,2026-01-01',
      'ok4@initech.com,Ok,lead,,2026-01-01',
      'ok5@initech.com,Ok,lead,nobody@revloop.test,2026-01-01',
      'ok6@initech.com,Ok,lead,,2026-01-01',
    ].join('\n');
    const r = await rejected(run('contacts', csv, { batchSize: 2 }));
    expect(r.total_errors).toBe(3);
    expect(r.errors.map((e) => [e.row, e.column, e.field])).toEqual([[3, 'Email', 'email'], [5, 'Lifecycle Stage', 'lifecycle_stage'], [7, 'Contact owner', 'owner']]);
    expect(r.errors[0]!.problem).toBe('is not a valid email address');
    expect(r.errors[1]!.problem).toMatch(/"warm" is not a lifecycle stage/);
    expect(r.errors[2]!.problem).toMatch(/no user has the email, name or id "nobody@revloop.test"/);
    expect(r.message).toMatch(/nothing was written: 3 problems. First: row 3, column "Email": email is not a valid email address/);
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('recognises Salesforce headers for leads, accounts and opportunities; a won opportunity makes contact and company Customer', async () => {
    const leads = [
      'FirstName,LastName,Email,Title,Phone,Company,LeadSource,Status,CreatedDate,Owner.Email',
      'Dana,Scully,dana@fbi-labs.com,Agent,555-0100,FBI Labs,Web,Working - Contacted,2026-02-03T10:00:00.000Z,rep@revloop.test',
    ].join('\n');
    const l = await run('contacts', leads);
    expect(l.mapping.every((m) => m.source === 'recognised')).toBe(true);
    expect(l.created).toBe(1);
    const accounts = [
      'Account Name,Website,Industry,NumberOfEmployees,AnnualRevenue,BillingCountry,Type,OwnerId',
      'FBI Labs Inc,https://www.fbi-labs.com/about,Government,"1,200","$5,000,000",US,Prospect,rep@revloop.test',
      'Wayne Enterprises,wayne.com,Manufacturing,90000,,US,Customer - Direct,',
    ].join('\n');
    const a = await run('companies', accounts);
    expect(a).toMatchObject({ created: 1, updated: 1 });
    const companies = await t.db.query<{ name: string; domain: string; employees: number; annual_revenue: number | null; segment: string; lifecycle_stage: string; country: string }>(
      `SELECT name, domain, employees, annual_revenue, segment, lifecycle_stage, country FROM companies WHERE domain IN ('fbi-labs.com', 'wayne.com') ORDER BY domain`);
    expect(companies).toEqual([
      { name: 'FBI Labs Inc', domain: 'fbi-labs.com', employees: 1200, annual_revenue: 5000000, segment: 'enterprise', lifecycle_stage: 'lead', country: 'US' },
      { name: 'Wayne Enterprises', domain: 'wayne.com', employees: 90000, annual_revenue: null, segment: 'enterprise', lifecycle_stage: 'customer', country: 'US' },
    ]);
    const opps = [
      'Opportunity Name,StageName,Amount,CloseDate,Account Name,Contact Email,Owner.Email,CurrencyIsoCode',
      'FBI platform,Closed Won,"€120,000",2026-03-20,FBI Labs Inc,dana@fbi-labs.com,rep@revloop.test,',
      'FBI add-on,Prospecting,5000,2026-06-30,fbi-labs.com,,,USD',
    ].join('\n');
    const o = await run('deals', opps);
    expect(o.created).toBe(2);
    const deals = await t.db.query<{ name: string; stage: string; amount: number; currency: string; close_date: string; closed_at: Date | null; segment: string; contact_id: number | null; company_id: number }>(
      'SELECT name, stage, amount, currency, close_date, closed_at, segment, contact_id, company_id FROM deals ORDER BY id');
    expect(deals.map((d) => [d.name, d.stage, d.amount, d.currency, d.close_date, d.closed_at?.toISOString() ?? null, d.segment])).toEqual([
      ['FBI platform', 'closed_won', 120000, 'EUR', '2026-03-20', '2026-03-20T12:00:00.000Z', 'enterprise'],
      ['FBI add-on', 'discovery', 5000, 'USD', '2026-06-30', null, 'enterprise'],
    ]);
    const [dana] = await t.db.query<{ id: number; lifecycle_stage: string; company_id: number }>(`SELECT id, lifecycle_stage, company_id FROM contacts WHERE email = 'dana@fbi-labs.com'`);
    expect(dana!.lifecycle_stage).toBe('customer');
    expect(deals[0]!.company_id).toBe(dana!.company_id);
    const became = await stageDates(t.db, 'contact', dana!.id);
    // The won deal has no create date: it was created when it closed, so its contact became an
    // opportunity then, not on the import day (after the customer it became on 20 March).
    expect(became.opportunity).toBe('2026-03-20T12:00:00.000Z');
    expect(became.customer).toBe('2026-03-20T12:00:00.000Z');
    const [company] = await t.db.query<{ lifecycle_stage: string }>('SELECT lifecycle_stage FROM companies WHERE id = $1', [dana!.company_id]);
    expect(company!.lifecycle_stage).toBe('customer');
    const [tr] = await t.db.query<{ actor_type: string; reason: string }>(`SELECT actor_type, reason FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'customer'`, [dana!.id]);
    expect(tr!.actor_type).toBe('deal');
    expect(tr!.reason).toMatch(/^deal \d+ "FBI platform" won$/);

    const activities = [
      'Subject,TaskSubtype,CallDisposition,ActivityDate,Who.Email,Owner.Email,CallDurationInSeconds,Description',
      'First call,Call,Left voicemail,2026-02-04,dana@fbi-labs.com,rep@revloop.test,35,"Left a message, will retry"',
    ].join('\n');
    expect(await run('activities', activities)).toMatchObject({ created: 1 });
    const [act] = await t.db.query('SELECT type, outcome, subject, body, company_id, duration_seconds FROM activities');
    expect(act).toEqual({ type: 'call', outcome: 'voicemail', subject: 'First call', body: 'Left a message, will retry', company_id: dana!.company_id, duration_seconds: 35 });
  });

  it('lets --map name any column, a custom property or a column to skip', async () => {
    await defineProperty(t.db, { object_type: 'contact', name: 'plan', label: 'Plan', type: 'enum', options: ['Free', 'Pro'] });
    await defineProperty(t.db, { object_type: 'contact', name: 'seats', label: 'Seats', type: 'number' });
    const csv = ['Correo;Puesto;Tarifa;Seats;Notas', 'luis@globex.es;CFO;pro;"1.234.567";llamar el lunes'].join('\n');
    const refused = await rejected(run('contacts', csv));
    expect(refused.errors.map((e) => e.column)).toEqual(['Correo', 'Puesto', 'Tarifa', 'Notas']);
    const s = await run('contacts', csv, { map: ['Correo=email', 'puesto=job_title', 'Tarifa=properties.plan', 'Notas=-'] });
    expect(s.created).toBe(1);
    expect(s.mapping.map((m) => [m.column, m.field, m.source])).toEqual([
      ['Correo', 'email', 'map'], ['Puesto', 'job_title', 'map'], ['Tarifa', 'properties.plan', 'map'], ['Seats', 'properties.seats', 'property'], ['Notas', null, 'ignored'],
    ]);
    const [luis] = await t.db.query<{ job_title: string; properties: Record<string, unknown> }>(`SELECT job_title, properties FROM contacts WHERE email = 'luis@globex.es'`);
    expect(luis).toEqual({ job_title: 'CFO', properties: { plan: 'Pro', seats: 1234567 } });
    const badMap = await rejected(run('contacts', csv, { map: ['Correo=emial', 'Tarifa=properties.tier', 'Puesto=job_title', 'Notas=-', 'Missing=email'] }));
    expect(badMap.errors.map((e) => [e.column, e.problem.slice(0, 30)])).toEqual([
      ['Correo', '"emial" is not a contacts fiel'], ['Tarifa', '"tier" is not a contact proper'], ['Missing', 'is named in --map but the file'],
    ]);
  });

  it('refuses an unknown header up front, naming it and how to map it', async () => {
    const before = await tableCounts(t.db);
    const r = await rejected(run('contacts', 'Email,Favourite Colour\nx@initech.com,blue\n'));
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0]).toMatchObject({ row: 1, column: 'Favourite Colour', field: null });
    expect(r.errors[0]!.problem).toContain('--map "Favourite Colour=-"');
    expect(await tableCounts(t.db)).toEqual(before);
  });

  it('updates a contact already in the database: blanks keep values, the stage only moves forward, changes are recorded', async () => {
    const c = await createContact(ctx, { email: 'Known@Umbrella.com', first_name: 'Kim', job_title: 'Analyst', lifecycle_stage: 'sql', properties: { plan: 'Free' } });
    const s = await run('contacts', ['email,first_name,job_title,lifecycle_stage,properties.plan', ' known@umbrella.com ,,Head of Data,lead,Pro', 'KNOWN@umbrella.com,,,opportunity,'].join('\n'));
    expect(s).toMatchObject({ created: 0, updated: 2, kept_stage: 1 });
    const [after] = await t.db.query<{ email: string; first_name: string; job_title: string; lifecycle_stage: string; properties: object }>(
      'SELECT email, first_name, job_title, lifecycle_stage, properties FROM contacts WHERE id = $1', [c.id]);
    expect(after).toEqual({ email: 'Known@Umbrella.com', first_name: 'Kim', job_title: 'Head of Data', lifecycle_stage: 'opportunity', properties: { plan: 'Pro' } });
    const changes = await t.db.query<{ property: string }>('SELECT property FROM property_changes WHERE object_type = $1 AND object_id = $2 ORDER BY property', ['contact', c.id]);
    expect(changes.map((x) => x.property)).toEqual(['job_title', 'properties.plan']);
    const moves = await t.db.query<{ from_stage: string; to_stage: string; kind: string }>(
      `SELECT from_stage, to_stage, kind FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 ORDER BY id`, [c.id]);
    expect(moves.map((m) => [m.from_stage, m.to_stage, m.kind])).toEqual([[null, 'sql', 'create'], ['sql', 'opportunity', 'import']]);
    const [co] = await t.db.query<{ lifecycle_stage: string }>('SELECT lifecycle_stage FROM companies WHERE id = $1', [c.company_id]);
    expect(co!.lifecycle_stage).toBe('opportunity');
  });

  it('reports rows the parser splits wrongly, bad UTF-8 and ambiguous dates, each at its row', async () => {
    const latin1 = Buffer.concat([Buffer.from('Email,First Name,Create Date\nok@hooli.com,Ok,2026-01-01\nbad@hooli.com,'), Buffer.from([0x4a, 0xf6, 0x72, 0x67]), Buffer.from(',2026-01-01\nshort@hooli.com\nwhen@hooli.com,When,03/04/2026\n')]);
    const r = await rejected(importCsv(ctx, 'contacts', Readable.from([latin1])));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'First Name'], [4, ''], [5, 'Create Date']]);
    expect(r.errors[0]!.problem).toMatch(/not UTF-8/);
    expect(r.errors[1]!.problem).toMatch(/has 1 cells but the header has 3 columns/);
    expect(r.errors[2]!.problem).toMatch(/ambiguous/);
    const s = await run('contacts', 'Email,First Name,Create Date\nwhen@hooli.com,When,03/04/2026\n', { dateOrder: 'dmy' });
    expect(s.created).toBe(1);
    const [when] = await t.db.query<{ created_at: Date }>(`SELECT created_at FROM contacts WHERE email = 'when@hooli.com'`);
    expect(when!.created_at.toISOString()).toBe('2026-04-03T00:00:00.000Z');
    const quote = await rejected(run('contacts', 'Email,First Name\nq@hooli.com,"never closed\n'));
    expect(quote.errors[0]!.problem).toMatch(/cannot be read/);
  });

  it("honours Excel's sep= line without counting it as a row", async () => {
    const r = await rejected(run('contacts', 'sep=;\r\nEmail;First Name\r\nsep1@hooli.com;Uno\r\nbroken;Dos\r\n'));
    expect(r.errors.map((e) => [e.row, e.column])).toEqual([[3, 'Email']]);
    expect(await run('contacts', '"sep=,"\nEmail,First Name\nsep2@hooli.com,Uno;Dos\n')).toMatchObject({ created: 1 });
  });

  it('streams a 20,000-row file in batches with bounded memory', async () => {
    const n = 20_000;
    async function* generate() {
      yield 'Email,First Name,Last Name,Lifecycle Stage,Create Date\n';
      for (let i = 0; i < n; i += 1000) {
        let chunk = '';
        for (let j = i; j < i + 1000; j++) chunk += `person${j}@bulk${j % 50}.example.com,First${j},Last${j},${j % 3 ? 'lead' : 'mql'},2026-01-${String(1 + (j % 28)).padStart(2, '0')}\n`;
        yield chunk;
      }
    }
    const batches: number[] = [];
    let peakRowsHeld = 0;
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    let heapPeak = heapBefore;
    const s = await importCsv(ctx, 'contacts', Readable.from(generate()), {
      batchSize: 500,
      onBatch: (rows) => {
        batches.push(rows);
        peakRowsHeld = Math.max(peakRowsHeld, rows);
        heapPeak = Math.max(heapPeak, process.memoryUsage().heapUsed);
      },
    });
    expect(s).toMatchObject({ rows: n, created: n });
    expect(batches).toHaveLength(n / 500);
    expect(peakRowsHeld).toBe(500);
    expect(heapPeak - heapBefore).toBeLessThan(150 * 1024 * 1024);
    const [{ contacts, companies, transitions }] = (await t.db.query<{ contacts: number; companies: number; transitions: number }>(
      `SELECT (SELECT count(*) FROM contacts WHERE email LIKE 'person%') AS contacts, (SELECT count(*) FROM companies WHERE domain LIKE 'bulk%') AS companies,
              (SELECT count(*) FROM stage_transitions t JOIN contacts c ON c.id = t.object_id AND t.object_type = 'contact' WHERE c.email LIKE 'person%') AS transitions`)) as [never];
    expect([contacts, companies, transitions]).toEqual([n, 50, n]);
  });
});
