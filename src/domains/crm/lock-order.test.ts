import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app/build-app.js';
import { openDb, type Db } from '../../db/client.js';
import { createApiToken } from '../auth/api-tokens.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { createUser } from './users.js';

// Issue 11, item 5: on the PostgreSQL server, concurrent writes to one contact or one company
// deadlocked (40P01) and users saw 500s. Inserting a row that references a contact or company
// takes a KEY SHARE lock on it; locking it FOR UPDATE afterwards (the activity trigger,
// currentStage) had two such transactions wait on each other. Row locks before an update now
// take FOR NO KEY UPDATE, which a KEY SHARE does not block, and the transaction helper retries
// what the server still aborts. Only the server has concurrent transactions: PGlite runs one at a time.
describe.skipIf(!process.env.TEST_DATABASE_URL)('concurrent writes on one record on the PostgreSQL server', () => {
  let t: TestApp;
  let otherDb: Db;
  let other: FastifyInstance;
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await createTestApp('postgres', '2026-03-02T09:00:00Z');
    admin = await t.as('admin');
    otherDb = await openDb({ databaseUrl: t.databaseUrl, schema: t.schema, poolSize: 10 });
    other = await buildApp({ db: otherDb, clock: t.clock, webDist: null, processEvents: false });
  });
  afterAll(async () => {
    await other?.close();
    await otherDb?.close();
    await t.cleanup();
  });

  it('logs 100 activities in 5 parallel streams on one contact with an open SLA clock, all of them', async () => {
    const rep = await createUser(t.db, { email: 'rep@revloop.test', name: 'Rae Rep', role: 'sales_rep', password: 'a sturdy pass phrase 9' });
    const c = await t.app.inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: 'lead@northwind.io', lifecycle_stage: 'mql' } });
    expect(c.statusCode).toBe(201);
    const manager = await t.as('sales_manager');
    const assigned = await t.app.inject({ method: 'POST', url: `/api/contacts/${c.json().id}/assign`, headers: manager, payload: { owner_id: rep.id } });
    expect(assigned.statusCode).toBe(200);
    const repToken = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'rae', role: 'sales_rep', user_id: rep.id })).token}` };
    const stream = async (s: number) => {
      const codes: number[] = [];
      for (let i = 0; i < 20; i++) {
        const app = s % 2 ? other : t.app;
        const r = await app.inject({ method: 'POST', url: '/api/activities', headers: repToken, payload: { type: 'call', outcome: 'no_answer', contact_id: c.json().id, subject: `try ${s}.${i}` } });
        codes.push(r.statusCode);
      }
      return codes;
    };
    const codes = (await Promise.all([0, 1, 2, 3, 4].map(stream))).flat();
    expect(codes.filter((x) => x !== 201)).toEqual([]);
    const [clock] = await t.db.query<{ attempts: number }>('SELECT attempts FROM lead_assignments WHERE contact_id = $1 AND closed_at IS NULL', [c.json().id]);
    expect(clock!.attempts).toBe(100);
  });

  it('creates 30 contacts of one new email domain at once across two instances, with one company', async () => {
    const res = await Promise.all(Array.from({ length: 30 }, (_, i) =>
      (i % 2 ? other : t.app).inject({ method: 'POST', url: '/api/contacts', headers: admin, payload: { email: `person${i}@contoso-deadlock.io`, lifecycle_stage: i % 3 ? 'lead' : 'mql' } })));
    expect(res.map((r) => r.statusCode).filter((x) => x !== 201)).toEqual([]);
    const companies = await t.db.query<{ id: number; lifecycle_stage: string }>(`SELECT id, lifecycle_stage FROM companies WHERE domain = 'contoso-deadlock.io'`);
    expect(companies).toHaveLength(1);
    expect(companies[0]!.lifecycle_stage).toBe('mql');
    const [n] = await t.db.query<{ n: number }>('SELECT count(*) AS n FROM contacts WHERE company_id = $1', [companies[0]!.id]);
    expect(n!.n).toBe(30);
  });
});
