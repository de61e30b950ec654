import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/client.js';
import { createApiToken } from '../domains/auth/api-tokens.js';
import { sendDailyDashboard } from '../jobs/ritual-scheduler.js';
import { sendMeetingPack } from '../domains/rituals/meetings.js';
import { reportNames } from '../reports/report-registry.js';
import { fixedClock } from '../shared/clock.js';
import { seedDemoRituals } from '../sim/demo-rituals.js';
import { simulateCompany } from '../sim/simulate-company.js';
import { createTestDb, type TestDb } from '../testing/test-db.js';
import { buildApp } from './build-app.js';
import { loadConfig } from './config.js';
import { openAppDb } from './open-app-db.js';

/** The read pool, counting what reaches it: the proof that a route read there rather than on the primary. */
function counted(db: Db): Db & { calls: number } {
  const c = {
    kind: db.kind,
    calls: 0,
    query: (text: string, params?: readonly unknown[]) => {
      c.calls++;
      return db.query(text, params);
    },
    exec: (text: string) => {
      c.calls++;
      return db.exec(text);
    },
    copyCsv: db.copyCsv.bind(db),
    tx: <T>(fn: (tx: Db) => Promise<T>) => {
      c.calls++;
      return db.tx(fn);
    },
    close: () => db.close(),
  };
  return c as Db & { calls: number };
}

// DATABASE_READ_URL against the test server: the same schema through a second pool opened as the
// app opens its read pool (every transaction read-only), so a route that wrote on it would fail.
describe.runIf(process.env.TEST_DATABASE_URL)('the read connection (DATABASE_READ_URL) on postgres', () => {
  const now = '2026-11-20T12:00:00Z';
  let t: TestDb;
  let readPool: Db;
  let read: Db & { calls: number };
  let app: FastifyInstance;
  let h: Record<string, string>;
  /** GET as an admin; answers the status and how many statements went to the read pool. */
  const get = async (url: string) => {
    const before = read.calls;
    const res = await app.inject({ method: 'GET', url, headers: h });
    return { status: res.statusCode, body: res.body, reads: read.calls - before };
  };

  beforeAll(async () => {
    t = await createTestDb('postgres');
    readPool = await openDb({ databaseUrl: t.databaseUrl, schema: t.schema, readOnly: true, poolSize: 2 });
    read = counted(readPool);
    // A small demo company: reports, packs and exports run their SQL over real rows, held meetings included.
    await simulateCompany(t.db, fixedClock(now), { seed: 5, contacts: 150, months: 6 });
    await seedDemoRituals(t.db, new Date(now));
    app = await buildApp({ db: t.db, readDb: read, clock: fixedClock(now), webDist: null, processEvents: false });
    h = { authorization: `Bearer ${(await createApiToken(t.db, { name: 'read-test', role: 'admin' })).token}` };
    // The marketing SLA report needs the month's goal.
    const goal = await app.inject({ method: 'PUT', url: '/api/goals/2026-11', headers: h, payload: { revenue_goal: 400000, marketing_sourced_share: 0.5 } });
    expect(goal.statusCode, goal.body).toBe(200);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await readPool?.close();
    await t?.cleanup();
  });

  it('opens the read pool read-only: a write on it is refused by the server', async () => {
    expect(await readPool.query<{ default_transaction_read_only: string }>('SHOW default_transaction_read_only')).toEqual([{ default_transaction_read_only: 'on' }]);
    await expect(readPool.query("UPDATE contacts SET first_name = 'x'")).rejects.toMatchObject({ code: '25006' });
    await expect(readPool.tx((tx) => tx.query('DELETE FROM contacts'))).rejects.toMatchObject({ code: '25006' });
  });

  it("keeps the read-only flag when DATABASE_READ_URL brings options of its own", async () => {
    const url = new URL(t.databaseUrl!);
    url.searchParams.set('options', '-c work_mem=7MB');
    const own = await openDb({ databaseUrl: url.toString(), schema: t.schema, readOnly: true, poolSize: 1 });
    try {
      expect(await own.query('SHOW work_mem')).toEqual([{ work_mem: '7MB' }]);
      expect(await own.query('SHOW default_transaction_read_only')).toEqual([{ default_transaction_read_only: 'on' }]);
      expect(await own.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts')).toEqual([{ n: expect.any(Number) }]);
    } finally {
      await own.close();
    }
  });

  it('answers every report and its CSV from the read connection', async () => {
    for (const name of reportNames()) {
      // The planner needs a goal and rates when nothing is measured yet.
      const q = name === 'planner' ? '?goal=200000&visitToLead=0.02&leadToMql=0.2&mqlToSql=0.4&sqlToCustomer=0.25&averageContractSize=20000' : '';
      for (const url of [`/api/reports/${name}${q}`, `/api/reports/${name}/csv${q}`]) {
        const res = await get(url);
        // A demo this small has too few customers to train the predictive model: its report says so, having read.
        if (name === 'model') expect(res.body).toMatch(/No predictive model has been trained yet/);
        else expect(res.status, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
        expect(res.reads, url).toBeGreaterThan(0);
      }
    }
    expect((await get('/api/reports/dimensions')).reads).toBeGreaterThan(0);
  }, 300_000);

  it('streams record and audience exports from the read connection', async () => {
    for (const url of ['/api/export/contacts', '/api/export/companies', '/api/export/deals', '/api/export/activities', '/api/export/contacts?format=json', '/api/audience/export']) {
      const res = await get(url);
      expect(res.status, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.reads, url).toBeGreaterThan(0);
      expect(res.body.length, url).toBeGreaterThan(0);
    }
    // The rows are the primary's: every demo contact is in the export.
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM contacts')) as [{ n: number }];
    expect((await get('/api/export/contacts')).body.trim().split('\n').length).toBeGreaterThanOrEqual(n + 1);
  });

  it('builds the daily dashboards and the meeting packs from the read connection', async () => {
    for (const url of ['/api/daily-dashboards/marketing', '/api/daily-dashboards/sales-manager', '/api/daily-dashboards/marketing.html', '/api/meeting-packs/weekly', '/api/meeting-packs/monthly']) {
      const res = await get(url);
      expect(res.status, `${url}: ${res.body.slice(0, 300)}`).toBe(200);
      expect(res.reads, url).toBeGreaterThan(0);
    }
    const [planned] = await t.db.query<{ id: number }>("SELECT id FROM meetings WHERE status = 'planned' ORDER BY id LIMIT 1");
    const pack = await get(`/api/meetings/${planned!.id}/pack`);
    expect(pack.status, pack.body.slice(0, 300)).toBe(200);
    expect(pack.reads).toBeGreaterThan(0);
  });

  it('keeps writes, and requests that write, on the primary', async () => {
    const before = read.calls;
    const created = await app.inject({ method: 'POST', url: '/api/contacts', headers: h, payload: { email: 'replica-test@acme.test', lifecycle_stage: 'lead' } });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as number;
    // A subject-access export is audited: it writes, so it runs on the primary and works.
    const access = await app.inject({ method: 'GET', url: `/api/contacts/${id}/export`, headers: h });
    expect(access.statusCode, access.body).toBe(200);
    expect(access.json().contact.email).toBe('replica-test@acme.test');
    // Holding a meeting snapshots its pack as edited a moment ago: on the primary.
    const [planned] = await t.db.query<{ id: number }>("SELECT id FROM meetings WHERE status = 'planned' ORDER BY id LIMIT 1");
    const held = await app.inject({ method: 'POST', url: `/api/meetings/${planned!.id}/hold`, headers: h });
    expect(held.statusCode, held.body).toBe(200);
    expect(read.calls).toBe(before);
    expect(await t.db.query("SELECT 1 FROM contacts WHERE email = 'replica-test@acme.test'")).toHaveLength(1);
    expect((await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM audit_log WHERE action = 'contact.exported'"))[0]!.n).toBeGreaterThan(0);
  });

  it('scheduled sends build their documents on the read connection and record the email on the primary', async () => {
    const [user] = await t.db.query<{ id: number; name: string; email: string }>("SELECT id, name, email FROM users WHERE role = 'marketing' AND active ORDER BY id LIMIT 1");
    const ctx = { db: t.db, clock: fixedClock(now), actor: { type: 'system' as const, id: 'scheduler' } };
    const before = read.calls;
    const day = now.slice(0, 10);
    const outcome = await sendDailyDashboard(ctx, { mailer: null, baseUrl: 'http://revloop.test', readDb: read }, { user_id: user!.id, name: user!.name, email: user!.email, role: 'marketing', daily_hour: 8, daily_every_day: true, dashboard: 'marketing' }, day);
    expect(outcome).toBe('outbox');
    expect(read.calls).toBeGreaterThan(before);
    expect(await t.db.query('SELECT 1 FROM ritual_emails WHERE ref = $1', [`daily:${day}:${user!.id}`])).toHaveLength(1);

    // A meeting planned a moment ago, as the scheduler plans one before sending its pack.
    const [series] = await t.db.query<{ id: number }>("SELECT id FROM meeting_series WHERE kind = 'weekly' ORDER BY id LIMIT 1");
    const plan = await app.inject({ method: 'POST', url: `/api/meeting-series/${series!.id}/meetings`, headers: h, payload: { period: '2026-W52' } });
    expect(plan.statusCode, plan.body).toBe(200);
    const planned = plan.json() as { id: number };
    const before2 = read.calls;
    const sent = await sendMeetingPack({ ...ctx, actor: { type: 'system', role: 'admin' } }, { mailer: null, baseUrl: 'http://revloop.test', readDb: read }, planned.id);
    expect(sent.outbox).toBeGreaterThan(0);
    expect(read.calls - before2).toBeGreaterThan(1);
    expect(await t.db.query('SELECT 1 FROM ritual_emails WHERE ref = $1', [`meeting:${planned.id}`])).toHaveLength(sent.outbox);
  }, 120_000);

  it('builds the pack of a meeting a lagging replica does not hold yet on the primary, rather than failing the send', async () => {
    // A replica that has not replayed the meeting: an empty schema, read-only like the read pool.
    const behind = await createTestDb('postgres');
    const stale = await openDb({ databaseUrl: behind.databaseUrl, schema: behind.schema, readOnly: true, poolSize: 1 });
    try {
      const [series] = await t.db.query<{ id: number }>("SELECT id FROM meeting_series WHERE kind = 'weekly' ORDER BY id LIMIT 1");
      const plan = await app.inject({ method: 'POST', url: `/api/meeting-series/${series!.id}/meetings`, headers: h, payload: { period: '2027-W02' } });
      expect(plan.statusCode, plan.body).toBe(200);
      const id = (plan.json() as { id: number }).id;
      const ctx = { db: t.db, clock: fixedClock(now), actor: { type: 'system' as const, role: 'admin' as const } };
      const sent = await sendMeetingPack(ctx, { mailer: null, baseUrl: 'http://revloop.test', readDb: stale }, id);
      expect(sent.outbox).toBeGreaterThan(0);
    } finally {
      await stale.close();
      await behind.cleanup();
    }
  }, 120_000);

  it('says on /healthz that reports read from a replica, and whether it answers', async () => {
    expect((await app.inject({ method: 'GET', url: '/healthz' })).json()).toMatchObject({ ok: true, database: 'postgres', reads: 'replica', status: 'ok' });
  });
});

describe('DATABASE_READ_URL with embedded PGlite', () => {
  it('is read from the environment, and ignored with a note when there is no DATABASE_URL', async () => {
    expect(loadConfig({}, { DATABASE_READ_URL: 'postgres://ro:secret@replica:5432/revloop' }).databaseReadUrl).toBe('postgres://ro:secret@replica:5432/revloop');
    const dir = mkdtempSync(join(tmpdir(), 'revloop-read-url-'));
    try {
      const opened = await openAppDb(loadConfig({ dataDir: dir }, { DATABASE_READ_URL: 'postgres://ro:secret@replica:5432/revloop' }));
      try {
        expect(opened.readDb).toBe(opened.db);
        expect(opened.readWhere).toBeNull();
        expect(opened.notes.join(' ')).toMatch(/DATABASE_READ_URL is ignored/);
        expect(opened.notes.join(' ')).not.toContain('secret');
      } finally {
        await opened.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
