import { parse } from 'csv-parse/sync';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../../db/client.js';
import { fixedClock } from '../../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../../testing/test-db.js';
import type { Ctx } from '../../context.js';
import { logActivity } from '../activities.js';
import { createCompany } from '../companies.js';
import { createContact } from '../contacts.js';
import { createDeal } from '../deals.js';
import { importCsv } from '../csv-import/import-csv.js';
import { importObjects } from '../csv-import/header-aliases.js';
import { defineProperty } from '../properties.js';
import { createUser } from '../users.js';
import { exportCsv, exportJsonLines } from './export-records.js';
import type { ExportObject } from './export-specs.js';

async function text(gen: AsyncGenerator<string>): Promise<string> {
  let out = '';
  for await (const chunk of gen) out += chunk;
  return out;
}

const csvRows = (s: string) => parse(s, { columns: true }) as Record<string, string>[];

/** Everything but this database's own ids and bookkeeping times, which a re-import cannot keep. */
function comparable(object: ExportObject, s: string) {
  const drop = ['id', 'updated_at', ...(object === 'activities' ? ['created_at', 'deal_id'] : [])];
  return csvRows(s).map((r) => Object.fromEntries(Object.entries(r).filter(([k]) => !drop.includes(k))));
}

async function seedSchema(db: Db) {
  await createUser(db, { email: 'owner@revloop.test', name: 'Owner', role: 'sales_manager' });
  await defineProperty(db, { object_type: 'contact', name: 'plan', label: 'Plan', type: 'enum', options: ['Free', 'Pro'] });
  await defineProperty(db, { object_type: 'company', name: 'tier', label: 'Tier', type: 'string' });
  await defineProperty(db, { object_type: 'deal', name: 'seats', label: 'Seats', type: 'number' });
}

describe.each(testBackends())('CSV and JSON export on %s', (backend) => {
  let a: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-03-01T09:00:00Z');
  beforeAll(async () => {
    a = await createTestDb(backend);
    ctx = { db: a.db, clock, actor: { type: 'user', id: '1' } };
    await seedSchema(a.db);
    const owner = 1;
    await createCompany(ctx, { name: '=HYPERLINK("http://evil.example","x")', domain: 'evil-corp.com', employees: 40, properties: { tier: '@gold' }, created_at: '2025-06-01T00:00:00Z' });
    const formula = await createContact(ctx, { email: 'sum@evil-corp.com', first_name: '=SUM(A1)', last_name: '+1', job_title: '-2', phone: '@x', owner_id: owner, properties: { plan: 'Pro' },
      stage_history: [{ stage: 'lead', at: '2025-07-01T10:00:00Z' }, { stage: 'mql', at: '2025-08-01T10:00:00Z' }], created_at: '2025-07-01T10:00:00Z', original_source: 'Organic Search' });
    clock.advance(3600_000);
    await createContact(ctx, { email: 'free@gmail.com', first_name: 'Free', last_name: "O'Mail, \"the\" tester", lifecycle_stage: 'lead', lead_status: 'unqualified', lead_status_reason: 'bad_fit: too small' });
    clock.advance(3600_000);
    const buyer = await createContact(ctx, { email: 'buyer@initech.com', first_name: 'Bill', lifecycle_stage: 'sql', latest_source: 'Email' });
    clock.advance(86400_000);
    await createDeal(ctx, { name: 'Initech rollout', stage: 'closed_won', amount: 42000.5, contact_id: buyer.id, close_date: '2026-03-02', properties: { seats: 25 } });
    await createDeal(ctx, { name: 'Evil pilot', stage: 'closed_lost', lost_reason: 'price', amount: 900, contact_id: formula.id, owner_id: owner });
    await logActivity(ctx, { type: 'call', outcome: 'connected', subject: '=cmd|calc', contact_id: buyer.id, user_id: owner, occurred_at: '2026-02-01T10:00:00Z', duration_seconds: 120 });
  });
  afterAll(() => a.cleanup());

  it('escapes every cell a spreadsheet would run as a formula, and nothing else', async () => {
    const rows = csvRows(await text(exportCsv(a.db, 'contacts')));
    const sum = rows.find((r) => r.email === 'sum@evil-corp.com')!;
    expect([sum.first_name, sum.last_name, sum.job_title, sum.phone]).toEqual(["'=SUM(A1)", "'+1", "'-2", "'@x"]);
    expect(sum.company_name).toBe(`'=HYPERLINK("http://evil.example","x")`);
    expect(sum['properties.plan']).toBe('Pro');
    expect(sum.owner_email).toBe('owner@revloop.test');
    expect(sum.became_lead).toBe('2025-07-01T10:00:00.000Z');
    const free = rows.find((r) => r.email === 'free@gmail.com')!;
    expect(free.last_name).toBe(`O'Mail, "the" tester`);
    expect(free.company_domain).toBe('');
    const companies = csvRows(await text(exportCsv(a.db, 'companies')));
    expect(companies.find((c) => c.domain === 'evil-corp.com')!['properties.tier']).toBe("'@gold");
    const activities = csvRows(await text(exportCsv(a.db, 'activities')));
    expect(activities[0]!.subject).toBe("'=cmd|calc");
  });

  it('has stable snake_case headers with custom properties and stage dates, and JSON Lines with the same fields', async () => {
    const header = (await text(exportCsv(a.db, 'contacts'))).split('\n')[0];
    expect(header).toBe('id,email,first_name,last_name,job_title,phone,company_name,company_domain,lifecycle_stage,lead_status,lead_status_reason,' +
      'original_source,original_source_detail,latest_source,owner_email,created_at,updated_at,external_id,external_source,became_subscriber,became_lead,became_mql,became_sql,became_opportunity,became_customer,' +
      'became_evangelist,properties.plan');
    const lines = (await text(exportJsonLines(a.db, 'deals'))).trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ name: 'Initech rollout', stage: 'closed_won', amount: 42000.5, contact_email: 'buyer@initech.com', company_domain: 'initech.com', properties: { seats: 25 } });
    const empty = await createTestDb(backend);
    try {
      expect(await text(exportCsv(empty.db, 'activities'))).toBe('id,type,direction,outcome,subject,body,contact_email,company_domain,deal_id,user_email,occurred_at,duration_seconds,created_at\n');
      expect(await text(exportJsonLines(empty.db, 'activities'))).toBe('');
    } finally {
      await empty.cleanup();
    }
  });

  it('round-trips: exporting everything and importing it into a fresh database gives the same records', async () => {
    const exports = Object.fromEntries(await Promise.all(importObjects.map(async (o) => [o, await text(exportCsv(a.db, o))] as const))) as Record<ExportObject, string>;
    const b = await createTestDb(backend);
    try {
      await seedSchema(b.db);
      const bctx: Ctx = { db: b.db, clock: fixedClock('2026-05-05T05:00:00Z'), actor: { type: 'import' } };
      for (const o of ['companies', 'contacts', 'deals', 'activities'] as const) {
        const s = await importCsv(bctx, o, Readable.from([exports[o]]));
        expect(s.mapping.filter((m) => m.field === null).map((m) => m.column)).toEqual(o === 'activities' ? ['id', 'created_at'] : ['id', 'updated_at']);
      }
      for (const o of importObjects) {
        expect(comparable(o, await text(exportCsv(b.db, o))), o).toEqual(comparable(o, exports[o]));
      }
    } finally {
      await b.cleanup();
    }
  });
});
