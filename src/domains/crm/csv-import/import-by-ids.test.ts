import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../../shared/errors.js';
import { fixedClock } from '../../../shared/clock.js';
import { Random } from '../../../shared/random.js';
import { crmHistory, type CrmHistory } from '../../../testing/crm-export-history.js';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import type { Ctx } from '../../context.js';
import { rank, type Stage } from '../../funnel/stages.js';
import { defineProperty, listProperties } from '../properties.js';
import type { ImportObject } from './header-aliases.js';
import { importCsv, type ImportOptions, type ImportSummary } from './import-csv.js';

type Problem = { row: number | null; column: string; field: string | null; problem: string };

async function rejected(p: Promise<unknown>): Promise<{ message: string; errors: Problem[]; total_errors: number }> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe('validation_failed');
  return { message: (err as AppError).message, ...((err as AppError).details as { errors: Problem[]; total_errors: number }) };
}

/** The value mappings the portal's own words need. */
const mapValues = ['Lifecycle Stage:Hot Lead=mql', 'Persona:Dev=Developer', 'Original Source:social=Organic Social'];

describe.each(testBackends())('a HubSpot history joined by ids only, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const h: CrmHistory = crmHistory(12);
  const clock = fixedClock('2026-02-01T09:00:00Z');
  // A function that opens the file, as the CLI and the API pass it: --create-properties reads it twice.
  const run = (object: ImportObject, text: string, opts: ImportOptions = {}, c = ctx) => importCsv(c, object, () => Readable.from([text]), opts);
  const summaries: Partial<Record<'companies' | 'contacts' | 'deals', ImportSummary>> = {};

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'import' } };
    // The portal's own "Status" property: its label is also a built-in header (lead status).
    await defineProperty(t.db, { object_type: 'contact', name: 'account_status', label: 'Status', type: 'enum', options: ['Active', 'Churned', 'Prospect'] });
    summaries.companies = await run('companies', h.files.companies, { createProperties: true });
    summaries.contacts = await run('contacts', h.files.contacts, { createProperties: true, mapValues });
    summaries.deals = await run('deals', h.files.deals, { createProperties: true });
  });
  afterAll(() => t.cleanup());

  it('defines the unknown columns as typed custom properties and reads every id as a HubSpot id', async () => {
    const defined = (s: ImportSummary | undefined) => Object.fromEntries(s!.properties_created.map((p) => [p.name, p.type === 'enum' ? [p.type, [...p.options].sort()] : p.type]));
    expect(defined(summaries.companies)).toEqual({ tier: ['enum', ['Bronze', 'Gold', 'Silver']], partner_program: 'boolean', customer_since: 'date' });
    expect(defined(summaries.contacts)).toEqual({
      lead_score: 'number', first_conversion_date: 'date', persona: ['enum', ['Developer', 'Executive', 'Marketer', 'Ops']], newsletter_opt_in: 'boolean', notes: 'string',
    });
    expect(defined(summaries.deals)).toEqual({ seats: 'number' });
    expect((await listProperties(t.db, 'contact')).map((p) => p.label).sort()).toEqual(['First Conversion Date', 'Lead Score', 'Newsletter Opt-in', 'Notes', 'Persona', 'Status']);
    for (const s of Object.values(summaries)) expect(s!.external_source).toBe('hubspot');
    expect(summaries.contacts!.mapping.find((m) => m.column === 'Record ID')).toMatchObject({ field: 'external_id', note: 'hubspot ids' });
    expect(summaries.deals!.mapping.find((m) => m.column === 'Associated Contact IDs')).toMatchObject({ field: 'contact_external_id', note: 'hubspot ids' });
  });

  it('sends a header that is a custom property\'s label to the property, not to the built-in field', () => {
    expect(summaries.contacts!.mapping.find((m) => m.column === 'Status')).toMatchObject({ field: 'properties.account_status', source: 'property' });
    expect(summaries.contacts!.mapping.find((m) => m.column === 'Lead Status')).toMatchObject({ field: 'lead_status', source: 'recognised' });
  });

  it('creates every record once, without an email, each keeping its HubSpot id', async () => {
    expect(summaries.companies).toMatchObject({ rows: h.companies.length, created: h.companies.length, updated: 0 });
    expect(summaries.contacts).toMatchObject({ rows: h.contacts.length, created: h.contacts.length, updated: 0 });
    expect(summaries.deals).toMatchObject({ rows: h.deals.length, created: h.deals.length, updated: 0 });
    const contacts = await t.db.query<{ external_id: string; external_source: string; email: string | null }>('SELECT external_id, external_source, email FROM contacts ORDER BY id');
    expect(contacts.map((c) => c.external_id)).toEqual(h.contacts.map((c) => c.id));
    expect(new Set(contacts.map((c) => `${c.external_source}/${c.email}`))).toEqual(new Set(['hubspot/null']));
    const companies = await t.db.query<{ external_id: string; domain: string | null }>('SELECT external_id, domain FROM companies ORDER BY id');
    expect(companies).toEqual(h.companies.map((c) => ({ external_id: c.id, domain: c.domain })));
  });

  it('links contacts to companies and deals to contacts and companies through the associated ids', async () => {
    const contacts = await t.db.query<{ external_id: string; company: string | null }>(
      'SELECT c.external_id, co.external_id AS company FROM contacts c LEFT JOIN companies co ON co.id = c.company_id');
    const companyOf = new Map(contacts.map((c) => [c.external_id, c.company]));
    for (const c of h.contacts) expect(companyOf.get(c.id), c.id).toBe(c.companyId);
    const deals = await t.db.query<{ external_id: string; contact: string | null; company: string | null; amount: number; stage: string; seats: number; lost_reason: string | null }>(
      `SELECT d.external_id, c.external_id AS contact, co.external_id AS company, d.amount, d.stage, (d.properties->>'seats')::int AS seats, d.lost_reason
         FROM deals d LEFT JOIN contacts c ON c.id = d.contact_id LEFT JOIN companies co ON co.id = d.company_id ORDER BY d.id`);
    const outcomeKey = { won: 'closed_won', lost: 'closed_lost' } as const;
    expect(deals.map((d) => [d.external_id, d.contact, d.company, d.amount, d.seats, d.lost_reason])).toEqual(
      h.deals.map((d) => [d.id, d.contactIds[0], d.companyId, d.amount, d.seats, d.lostReason ? d.lostReason.toLowerCase().replace(/ /g, '_') : null]));
    for (const [i, d] of h.deals.entries()) {
      if (d.outcome !== 'open') expect(deals[i]!.stage).toBe(outcomeKey[d.outcome]);
    }
    const several = h.deals.filter((d) => d.contactIds.length > 1).length;
    expect(several).toBeGreaterThan(5);
    expect(summaries.deals!.notes).toEqual([`${several} rows named several ids in "Associated Contact IDs"; each was linked to the first one.`]);
  });

  it('stores custom values typed and translated by --map-values, and moves the funnel as the deals say', async () => {
    const rows = await t.db.query<{ external_id: string; lifecycle_stage: Stage; original_source: string; properties: Record<string, unknown> }>(
      'SELECT external_id, lifecycle_stage, original_source, properties FROM contacts');
    const byId = new Map(rows.map((r) => [r.external_id, r]));
    // Deals moved their first contact: an open one to Opportunity, a won one to Customer; never back.
    const expected = new Map(h.contacts.map((c) => [c.id, c.stageKey as Stage]));
    for (const d of h.deals) {
      const target: Stage | null = d.outcome === 'won' ? 'customer' : d.outcome === 'open' ? 'opportunity' : null;
      const id = d.contactIds[0]!;
      if (target && rank(target) > rank(expected.get(id)!)) expected.set(id, target);
    }
    for (const c of h.contacts) {
      const row = byId.get(c.id)!;
      expect(row.lifecycle_stage, c.id).toBe(expected.get(c.id));
      expect(row.properties).toEqual({
        account_status: c.status, persona: c.persona === 'Dev' ? 'Developer' : c.persona, newsletter_opt_in: c.newsletter === 'true', notes: c.notes,
        ...(c.score !== null ? { lead_score: c.score } : {}), ...(c.firstConversion ? { first_conversion_date: c.firstConversion } : {}),
      });
      if (c.source === 'social') expect(row.original_source).toBe('Organic Social');
    }
    const companies = await t.db.query<{ external_id: string; properties: Record<string, unknown> }>('SELECT external_id, properties FROM companies');
    const props = new Map(companies.map((c) => [c.external_id, c.properties]));
    for (const c of h.companies) {
      expect(props.get(c.id)).toEqual({ tier: c.tier, partner_program: c.partner === 'Yes', ...(c.customerSince ? { customer_since: c.customerSince } : {}) });
    }
  });

  it('updates on re-import instead of duplicating: same counts, nothing new', async () => {
    const before = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM companies) * 1000 + (SELECT count(*) FROM deals) * 1000000 AS n');
    const companies = await run('companies', h.files.companies, { createProperties: true });
    const contacts = await run('contacts', h.files.contacts, { createProperties: true, mapValues });
    const deals = await run('deals', h.files.deals, { createProperties: true });
    for (const [s, n] of [[companies, h.companies.length], [contacts, h.contacts.length], [deals, h.deals.length]] as const) {
      expect(s.created).toBe(0);
      expect(s.updated + s.unchanged).toBe(n);
      expect(s.properties_created).toEqual([]);
    }
    expect(deals.unchanged).toBe(h.deals.length);
    // The file's stages are behind what the deals made of them: kept, never moved back.
    expect(contacts.kept_stage).toBeGreaterThan(0);
    const after = await t.db.query<{ n: number }>('SELECT (SELECT count(*) FROM contacts) + (SELECT count(*) FROM companies) * 1000 + (SELECT count(*) FROM deals) * 1000000 AS n');
    expect(after).toEqual(before);
  });

  it('changes a deal found by its id: a stage, an amount, and the funnel it moves', async () => {
    const open = h.deals.find((d) => d.outcome === 'open')!;
    const file = ['Record ID,Deal Name,Deal Stage,Amount,Associated Contact IDs', `${open.id},${open.name},closedwon,${open.amount + 1000},${open.contactIds[0]}`].join('\n');
    const s = await run('deals', file);
    expect(s).toMatchObject({ created: 0, updated: 1 });
    const [deal] = await t.db.query<{ stage: string; amount: number; closed_at: Date | null; contact_stage: string }>(
      `SELECT d.stage, d.amount, d.closed_at, c.lifecycle_stage AS contact_stage FROM deals d JOIN contacts c ON c.id = d.contact_id WHERE d.external_id = $1`, [open.id]);
    expect(deal).toEqual({ stage: 'closed_won', amount: open.amount + 1000, closed_at: clock.now(), contact_stage: 'customer' });
    const changes = await t.db.query<{ property: string }>(
      `SELECT property FROM property_changes WHERE object_type = 'deal' AND object_id = (SELECT id FROM deals WHERE external_id = $1) ORDER BY property`, [open.id]);
    expect(changes.map((c) => c.property)).toEqual(['amount', 'close_date', 'stage']);
  });

  it('logs calls against the contacts, companies and deals their ids name', async () => {
    const r = new Random('calls');
    const calls = h.deals.slice(0, 25).map((d) => ({ deal: d.id, contact: d.contactIds[0]!, company: r.chance(0.5) ? d.companyId : null, outcome: r.pick(['Connected', 'No answer', 'Left voicemail']) }));
    const file = ['Activity Type,Activity Date,Call Outcome,Associated Contact IDs,Associated Company IDs,Associated Deal IDs',
      ...calls.map((c, i) => `Call,2026-01-${String(i + 1).padStart(2, '0')} 10:00,${c.outcome},${c.contact},${c.company ?? ''},${c.deal}`)].join('\n');
    const s = await run('activities', file);
    expect(s).toMatchObject({ created: calls.length, external_source: 'hubspot' });
    const rows = await t.db.query<{ contact: string; company: string | null; deal: string; outcome: string }>(
      `SELECT c.external_id AS contact, co.external_id AS company, d.external_id AS deal, a.outcome FROM activities a
         JOIN contacts c ON c.id = a.contact_id LEFT JOIN companies co ON co.id = a.company_id JOIN deals d ON d.id = a.deal_id ORDER BY a.occurred_at`);
    const contactCompany = new Map(h.contacts.map((c) => [c.id, c.companyId]));
    // Without a company id, the call takes its contact's company (as logActivity does).
    expect(rows).toEqual(calls.map((c) => ({ contact: c.contact, company: c.company ?? contactCompany.get(c.contact) ?? null, deal: c.deal,
      outcome: { Connected: 'connected', 'No answer': 'no_answer', 'Left voicemail': 'voicemail' }[c.outcome] })));
  });

  it('names the column of every reference no record holds, and says when the ids belong to another system', async () => {
    const r = new Random('unknown-references');
    const bad = h.deals.slice(0, 6).map((d, i) => ({ ...d, contactIds: i % 2 ? [`${r.int(1, 9)}0000000`] : d.contactIds, companyId: i === 4 ? '77' : d.companyId }));
    const file = ['Record ID,Deal Name,Deal Stage,Amount,Closed Lost Reason,Associated Contact IDs,Associated Company IDs',
      ...bad.map((d) => [`n${d.id}`, d.name, d.stage, d.amount, d.lostReason, d.contactIds.join(';'), d.companyId ?? ''].join(','))].join('\n');
    const res = await rejected(run('deals', file));
    const expected = bad.flatMap((d, i) => [
      ...(i % 2 ? [{ row: i + 2, column: 'Associated Contact IDs', field: 'contact_external_id', problem: `no contact has the hubspot id "${d.contactIds[0]}" (import the contacts first)` }] : []),
      ...(i === 4 ? [{ row: i + 2, column: 'Associated Company IDs', field: 'company_external_id', problem: 'no company has the hubspot id "77" (import the companies first)' }] : []),
    ]);
    expect(res.errors).toEqual(expected);
    expect(await t.db.query('SELECT 1 FROM deals WHERE external_id LIKE $1', ['n%'])).toEqual([]);

    const wrongSystem = await rejected(run('deals', h.files.deals, { externalSource: 'salesforce' }));
    expect(wrongSystem.total_errors).toBe(h.deals.length * 2 - h.deals.filter((d) => !d.companyId).length);
    expect(wrongSystem.errors[0]).toEqual({
      row: 2, column: 'Associated Contact IDs', field: 'contact_external_id',
      problem: `no contact has the salesforce id "${h.deals[0]!.contactIds[0]}"; a contact has it as a hubspot id: import with --external-source hubspot (API: external_source=hubspot)`,
    });
  });

  it('stops and asks for --map when a header could be a built-in field or a property by its name', async () => {
    const fresh = await createTestDb(backend);
    try {
      const c: Ctx = { db: fresh.db, clock, actor: { type: 'import' } };
      await defineProperty(fresh.db, { object_type: 'contact', name: 'source', label: 'Source system', type: 'string' });
      await run('companies', h.files.companies, { ignoreUnknown: true }, c);
      const file = h.files.contacts.replace('Original Source', 'Source');
      const values = ['Lifecycle Stage:Hot Lead=mql', 'Source:social=Organic Social'];
      // Without the portal's "Status" property, "Status" would be a second lead status column: skipped.
      const res = await rejected(run('contacts', file, { ignoreUnknown: true, mapValues: values, map: ['Status=-'] }, c));
      expect(res.errors).toEqual([{ row: 1, column: 'Source', field: null,
        problem: 'could be the field original_source or the custom property source; say which with --map "Source=original_source" or --map "Source=properties.source"' }]);
      const s = await run('contacts', file, { ignoreUnknown: true, mapValues: values, map: ['Status=-', 'Source=original_source'] }, c);
      expect(s.created).toBe(h.contacts.length);
      // --ignore-unknown skipped the portal's own columns instead of refusing them one by one.
      expect(s.mapping.filter((m) => m.note === 'unknown: skipped by --ignore-unknown').map((m) => m.column)).toEqual(
        ['Lead Score', 'First Conversion Date', 'Persona', 'Newsletter Opt-in', 'Notes']);
    } finally {
      await fresh.cleanup();
    }
  });

  it('refuses a contact row with neither an email nor an external id, naming the email column', async () => {
    const res = await rejected(run('contacts', 'Email,First Name,Record ID\nann@hooli.com,Ann,\n,Nobody,\n,Keyed,555\n'));
    expect(res.errors).toEqual([{ row: 3, column: 'Email', field: 'email', problem: expect.stringMatching(/^is required when the row has no external id/) }]);
  });

  it('a dry run says what it would create and define, and writes nothing', async () => {
    const fresh = await createTestDb(backend);
    try {
      const c: Ctx = { db: fresh.db, clock, actor: { type: 'import' } };
      const s = await run('companies', h.files.companies, { createProperties: true, dryRun: true }, c);
      expect(s).toMatchObject({ dry_run: true, created: h.companies.length });
      expect(s.properties_created.map((p) => p.name)).toEqual(['tier', 'partner_program', 'customer_since']);
      expect(await fresh.db.query('SELECT 1 FROM companies')).toEqual([]);
      expect(await listProperties(fresh.db)).toEqual([]);
    } finally {
      await fresh.cleanup();
    }
  });
});

/** Salesforce exports: 18-character ids from the API, 15-character ones from reports; either joins. */
function salesforceId(r: Random, prefix: string): { long: string; short: string } {
  const chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  let short = prefix + '5g';
  while (short.length < 15) short += chars[r.int(0, chars.length - 1)];
  let long = short;
  while (long.length < 18) long += chars[r.int(0, 25)];
  return { long, short };
}

describe.each(testBackends())('a Salesforce history joined by ids only, on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t.cleanup());

  it('links contacts to accounts whether the ids are written in 18 or 15 characters', async () => {
    const r = new Random('salesforce-history');
    const accounts = Array.from({ length: 20 }, (_, i) => ({ ...salesforceId(r, '001'), name: `Account ${i + 1}` }));
    const contacts = Array.from({ length: 50 }, (_, i) => ({ ...salesforceId(r, '003'), last: `Person ${i + 1}`, account: r.chance(0.8) ? r.pick(accounts) : null }));
    const ctx: Ctx = { db: t.db, clock: fixedClock('2026-02-01T09:00:00Z'), actor: { type: 'import' } };
    const open = (text: string) => () => Readable.from([text]);
    const a = await importCsv(ctx, 'companies', open(['Id,Name,Industry', ...accounts.map((x) => `${x.long},${x.name},Software`)].join('\n')));
    expect(a).toMatchObject({ created: 20, external_source: 'salesforce' });
    // A report export: 15-character ids, "Contact ID" and "Account ID".
    const file = ['Contact ID,Last Name,Account ID', ...contacts.map((x) => `${x.short},${x.last},${x.account?.short ?? ''}`)].join('\n');
    const c = await importCsv(ctx, 'contacts', open(file));
    expect(c).toMatchObject({ created: 50, external_source: 'salesforce' });
    const rows = await t.db.query<{ external_id: string; account: string | null }>(
      'SELECT c.external_id, co.external_id AS account FROM contacts c LEFT JOIN companies co ON co.id = c.company_id ORDER BY c.id');
    expect(rows).toEqual(contacts.map((x) => ({ external_id: x.short, account: x.account?.short ?? null })));
    // The Data Loader export of the same contacts (18 characters, "Id") updates them.
    const again = await importCsv(ctx, 'contacts', open(['Id,LastName,AccountId,Title', ...contacts.map((x) => `${x.long},${x.last},${x.account?.long ?? ''},Buyer`)].join('\n')));
    expect(again).toMatchObject({ created: 0, updated: 50 });
  });
});

describe.each(testBackends())('a marketplace\'s MQL list and its won deals, joined by the MQL id, on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(async () => {
    await t?.cleanup();
  });

  it('dates each contact by its MQL date and each won deal by its close date, with --set giving the columns the file lacks', async () => {
    const rnd = new Random(7);
    const ctx: Ctx = { db: t.db, clock: fixedClock('2026-12-01T09:00:00Z'), actor: { type: 'import' } };
    const open = (text: string) => () => Readable.from([text]);
    const mqls = ['mql_id,first_contact_date,origin,lead_type'];
    const deals = ['mql_id,won_date,declared_monthly_revenue'];
    for (let i = 0; i < 60; i++) {
      const day = `2018-${String(1 + (i % 6)).padStart(2, '0')}-${String(1 + rnd.int(0, 27)).padStart(2, '0')}`;
      mqls.push(`M${i},${day},${rnd.pick(['organic_search', 'paid_search', 'unknown', ''])},${rnd.pick(['online_big', 'offline'])}`);
      if (i % 3 === 0) deals.push(`M${i},2018-${String(7 + (i % 5)).padStart(2, '0')}-15 10:00:00,${1000 * (1 + (i % 4))}`);
    }
    await importCsv(ctx, 'contacts', open(mqls.join('\n')), { map: ['mql_id=external_id', 'first_contact_date=became_mql', 'origin=original_source'], createProperties: true });
    // Without --set the file is refused, and the problem says how to give every row a stage.
    const refused = await rejected(importCsv(ctx, 'deals', open(deals.join('\n')), { map: ['mql_id=contact_external_id', 'won_date=close_date', 'declared_monthly_revenue=amount'] }));
    expect(refused.errors.map((e) => e.field)).toEqual(['name', 'stage']);
    expect(refused.errors[1]!.problem).toContain('--set "stage=…"');
    const s = await importCsv(ctx, 'deals', open(deals.join('\n')), {
      map: ['mql_id=contact_external_id', 'won_date=close_date', 'declared_monthly_revenue=amount'], set: ['stage=Closed Won', 'name=Marketplace seller'],
    });
    expect(s.created).toBe(20);
    expect(s.mapping.filter((m) => m.column.startsWith('--set'))).toEqual([
      { column: '--set stage', field: 'stage', source: 'map', note: '"Closed Won" where the file has none' },
      { column: '--set name', field: 'name', source: 'map', note: '"Marketplace seller" where the file has none' },
    ]);
    // Created when they first reached a stage, not on the import day; a won deal's contact became
    // an opportunity and a customer when it was won, in that order, and never after today.
    const late = await t.db.query(`SELECT id FROM contacts WHERE created_at > '2019-01-01'`);
    expect(late).toHaveLength(0);
    const moves = await t.db.query<{ to_stage: string; at: Date; mql: Date }>(
      `SELECT st.to_stage, st.at, f.first_at AS mql FROM stage_transitions st JOIN contact_stage_firsts f ON f.contact_id = st.object_id AND f.stage = 'mql'
        WHERE st.object_type = 'contact' AND st.to_stage IN ('opportunity', 'customer') ORDER BY st.object_id, st.at, st.id`);
    expect(moves).toHaveLength(40);
    for (const m of moves) {
      expect(m.at.getTime()).toBeLessThan(Date.parse('2019-01-01'));
      expect(m.at.getTime()).toBeGreaterThanOrEqual(m.mql.getTime());
    }
    const [won] = await t.db.query<{ n: number; early: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE created_at = closed_at)::int AS early FROM deals WHERE stage = 'closed_won'`);
    expect(won).toEqual({ n: 20, early: 20 });
    // A bad --set is named before any row is read.
    const bad = await rejected(importCsv(ctx, 'deals', open(deals.join('\n')), { map: ['mql_id=contact_external_id', 'won_date=close_date', 'declared_monthly_revenue=amount'], set: ['stage', 'colour=red'] }));
    expect(bad.errors.slice(0, 2)).toEqual([
      { row: 1, column: '--set stage', field: null, problem: expect.stringContaining('--set needs "field=value"') },
      { row: 1, column: '--set colour', field: 'colour', problem: expect.stringContaining('"colour" is not a deals field') },
    ]);
  });
});
