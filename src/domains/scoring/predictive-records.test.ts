import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { createCompany, updateCompany } from '../crm/companies.js';
import { createContact, updateContact } from '../crm/contacts.js';
import { defineProperty } from '../crm/properties.js';
import { moveStage } from '../funnel/transitions.js';
import { currentRecords, trainingRecords } from './predictive-records.js';

// Two contacts edited through the real domain paths (so property_changes is what edits write),
// one reaching MQL then customer, one never handed over, with actions on both sides of the MQL.
describe.each(testBackends())('contacts as they were at their prediction moment (%s)', (backend) => {
  let t: TestDb;
  const clock = fixedClock('2026-01-05T09:00:00Z');
  let ctx: Ctx;
  const ids = { sold: 0, quiet: 0, acme: 0, globex: 0 };

  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'user', id: '1' } };
    await defineProperty(t.db, { object_type: 'contact', name: 'budget', label: 'Budget', type: 'number' });
    await defineProperty(t.db, { object_type: 'contact', name: 'use_case', label: 'Use case', type: 'string' });
    await defineProperty(t.db, { object_type: 'company', name: 'tier', label: 'Tier', type: 'enum', options: ['gold', 'silver'] });
    ids.acme = (await createCompany(ctx, { name: 'Acme', domain: 'acme.com', industry: 'Retail', employees: 40, properties: { tier: 'silver' } })).id;
    ids.globex = (await createCompany(ctx, { name: 'Globex', domain: 'globex.com', industry: 'Software', employees: 900 })).id;
    ids.sold = (await createContact(ctx, { email: 'ann@acme.com', job_title: 'Analyst', company_id: ids.acme, lifecycle_stage: 'lead', properties: { budget: 10 } })).id;
    ids.quiet = (await createContact(ctx, { email: 'bob@acme.com', job_title: 'Analyst', company_id: ids.acme, lifecycle_stage: 'lead', properties: { budget: 5 } })).id;

    // Before the MQL moment: a first edit, two downloads.
    clock.set('2026-01-10T09:00:00Z');
    await updateContact(ctx, ids.sold, { properties: { use_case: 'reporting' } });
    const event = (contact: number, at: string, n: number) =>
      Array.from({ length: n }, (_, i) => [1, `${contact}-${at}-${i}`, 'track', 'Content Downloaded', contact, new Date(Date.parse(at) + i * 60_000), new Date(at)]);
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['contact_id', 'bigint'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz']],
      [...event(ids.sold, '2026-01-11T10:00:00Z', 2), ...event(ids.quiet, '2026-01-11T10:00:00Z', 1)]);

    clock.set('2026-01-15T09:00:00Z');
    await moveStage(ctx, 'contact', ids.sold, 'mql', 'asked for a demo');

    // After it: sales learn things (a new title, budget, another company, a bigger Acme), more downloads, the sale.
    clock.set('2026-02-01T09:00:00Z');
    await updateContact(ctx, ids.sold, { job_title: 'VP Finance', properties: { budget: 90, use_case: 'planning' } });
    await updateContact(ctx, ids.quiet, { job_title: 'Head of Data', properties: { budget: 50 } });
    await updateCompany(ctx, ids.acme, { industry: 'Pet Supplies', employees: 4000, properties: { tier: 'gold' } });
    await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['contact_id', 'bigint'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz']],
      [...event(ids.sold, '2026-02-02T10:00:00Z', 3), ...event(ids.quiet, '2026-02-02T10:00:00Z', 4)]);
    clock.set('2026-02-10T09:00:00Z');
    await moveStage(ctx, 'contact', ids.sold, 'customer', 'won');
    clock.set('2026-03-01T09:00:00Z');
    await updateContact(ctx, ids.sold, { company_id: ids.globex });
  });
  afterAll(() => t.cleanup());

  const window = { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-04-01T00:00:00Z') };

  it('takes a contact that became an MQL with the values it had then, its company of then, and its actions before', async () => {
    const { records, setAside } = await trainingRecords(t.db, window);
    const sold = records.find((r) => r.id === ids.sold)!;
    expect(sold.label).toBe(1);
    // Title, budget and use case as of the MQL moment; the company it was at then (Acme), as Acme was then.
    expect(sold.categorical).toMatchObject({ seniority: 'individual', 'contact.use_case': 'reporting', industry: 'Retail', 'company.tier': 'silver' });
    expect(sold.numeric).toMatchObject({ 'contact.budget': 10, employees: 40, 'did Content Downloaded': 2 });
    // The segment followed the employees (40 → 4,000) in the same edit: it is rewound with them.
    expect(sold.categorical.segment).toBe('small');
    expect(sold.rewound.sort()).toEqual(['company', 'company.tier', 'contact.budget', 'contact.use_case', 'employees', 'industry', 'segment', 'seniority']);
    // Each of those sources counted once for the one contact rewound.
    expect(Object.fromEntries(setAside)).toEqual({ company: 1, 'company.tier': 1, 'contact.budget': 1, 'contact.use_case': 1, employees: 1, industry: 1, segment: 1, seniority: 1 });
  });

  it('takes a contact never handed over as it is now: nothing it shows came after an outcome', async () => {
    const { records } = await trainingRecords(t.db, window);
    const quiet = records.find((r) => r.id === ids.quiet)!;
    expect(quiet.label).toBe(0);
    expect(quiet.categorical).toMatchObject({ seniority: 'vp', industry: 'Pet Supplies', segment: 'enterprise', 'company.tier': 'gold' });
    expect(quiet.numeric).toMatchObject({ 'contact.budget': 50, employees: 4000, 'did Content Downloaded': 5 });
    expect(quiet.rewound).toEqual([]);
  });

  it('scores contacts as they are now: current fields, current company, every action', async () => {
    const [sold] = await currentRecords(t.db, [ids.sold]);
    expect(sold!.categorical).toMatchObject({ seniority: 'vp', industry: 'Software', 'contact.use_case': 'planning' });
    expect(sold!.numeric).toMatchObject({ 'contact.budget': 90, employees: 900, 'did Content Downloaded': 5 });
  });
});
