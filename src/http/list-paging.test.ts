// Every list route pages the same way: `{data, next_cursor}`, `limit` and an opaque `cursor`
// (keyset, never OFFSET). For each list that used to answer a bare or unpaged array, this reads
// more rows than a page holds, two at a time, and checks that every row comes once, in the
// order of the whole list, and that a cursor the server did not give is a 400 naming `cursor`.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { raiseAlerts, type AlertInput } from '../domains/alerts/alerts.js';
import { createApiToken, revokeApiToken } from '../domains/auth/api-tokens.js';
import { systemActor, type Ctx } from '../domains/context.js';
import { createContact } from '../domains/crm/contacts.js';
import { encodeCursor } from '../domains/crm/list-query.js';
import { createUser } from '../domains/crm/users.js';
import { moveStage } from '../domains/funnel/transitions.js';
import { createCampaign } from '../domains/ingest/campaigns.js';
import { createWriteKey, revokeWriteKey } from '../domains/ingest/write-keys.js';
import { assignLead } from '../domains/sla/route-leads.js';
import { createTestApp, type TestApp } from '../testing/test-app.js';
import { testBackends } from '../testing/test-db.js';

type Row = Record<string, any>;
const H = 3600_000;

/** Cursors this API never gave out: garbage, and well-formed JSON of the wrong shape. */
const forged = ['not-a-cursor!!', encodeCursor([1, 2]), encodeCursor(null), encodeCursor({ id: 'x' }), encodeCursor({ id: -1 })];

describe.each(testBackends())('list paging on %s', (backend) => {
  let t: TestApp;
  let admin: Record<string, string>;
  let ctx: Ctx;

  const get = async (url: string, headers: Record<string, string>) => {
    const res = await t.app.inject({ method: 'GET', url, headers });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(200);
    return res.json() as { data: Row[]; next_cursor: string | null };
  };

  /** The list read `limit` rows at a time, following next_cursor until it is null. */
  const pageThrough = async (url: string, headers: Record<string, string>, limit = 2, from: string | null = null) => {
    const rows: Row[] = [];
    const sep = url.includes('?') ? '&' : '?';
    let cursor = from;
    let pages = 0;
    do {
      const page = await get(`${url}${sep}limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, headers);
      expect(Object.keys(page).sort()).toEqual(['data', 'next_cursor']);
      expect(page.data.length).toBeLessThanOrEqual(limit);
      // A cursor is given only when more rows follow: never after an empty page.
      if (page.next_cursor) expect(page.data).toHaveLength(limit);
      rows.push(...page.data);
      cursor = page.next_cursor;
      expect(++pages).toBeLessThan(100);
    } while (cursor);
    return { rows, pages };
  };

  /** Paged at 2 a page, the list is the whole list read at once: every row once, in order, over several pages. */
  const expectPaged = async (url: string, headers: Record<string, string>, atLeast: number, key = (r: Row) => r.id) => {
    const whole = await get(`${url}${url.includes('?') ? '&' : '?'}limit=500`, headers);
    expect(whole.next_cursor).toBeNull();
    expect(whole.data.length).toBeGreaterThanOrEqual(atLeast);
    const { rows, pages } = await pageThrough(url, headers);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(atLeast / 2));
    expect(rows.map(key)).toEqual(whole.data.map(key));
    expect(new Set(rows.map(key)).size).toBe(rows.length);
    return rows;
  };

  const expectForgedRefused = async (url: string, headers: Record<string, string>) => {
    const sep = url.includes('?') ? '&' : '?';
    for (const cursor of forged) {
      const res = await t.app.inject({ method: 'GET', url: `${url}${sep}cursor=${encodeURIComponent(cursor)}`, headers });
      expect(res.statusCode, `${url} with ${cursor}: ${res.body}`).toBe(400);
      expect((res.json().errors as { field: string }[]).map((e) => e.field)).toEqual(['cursor']);
    }
    for (const limit of ['0', '501', 'many']) {
      const res = await t.app.inject({ method: 'GET', url: `${url}${sep}limit=${limit}`, headers });
      expect(res.statusCode, `${url} with limit=${limit}`).toBe(400);
      expect((res.json().errors as { field: string }[]).map((e) => e.field)).toEqual(['limit']);
    }
  };

  const tokenFor = async (userId: number, role: 'sales_rep' | 'sales_manager' | 'admin') =>
    ({ authorization: `Bearer ${(await createApiToken(t.db, { name: `user ${userId}`, role, user_id: userId })).token}` });

  beforeAll(async () => {
    // Nothing in the background: leads stay with the owner given, deliveries stay as written.
    t = await createTestApp(backend, '2026-06-01T08:00:00Z', { processEvents: false, fetch: async () => new Response('ok') });
    admin = await t.as('admin');
    ctx = { db: t.db, clock: t.clock, actor: systemActor };
  });
  afterAll(() => t?.cleanup());

  it('pages alerts newest first, unread ones too, and webhooks, their deliveries and the outbox', async () => {
    const ana = await createUser(t.db, { name: 'Ana Alerted', email: 'ana@paging.test', role: 'sales_rep', team: 'SDR' });
    const asAna = await tokenFor(ana.id, 'sales_rep');
    // Five webhooks, oldest first in their list; each alert below is delivered to every one of them.
    const hooks: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({ method: 'POST', url: '/api/webhooks', headers: admin, payload: { url: `https://hooks.example.com/${i}` } });
      expect(res.statusCode).toBe(201);
      hooks.push(res.json().id);
    }
    // Seven alerts: three raised at one instant (the id breaks the tie), the others later.
    const alert = (n: number): AlertInput => ({ kind: 'handoff', dedupeKey: `paging-${n}`, title: `Alert ${n}`, body: 'b', triggerAt: t.clock.now(), recipients: [{ userId: ana.id, role: 'owner' }] });
    await raiseAlerts(t.db, t.clock, [alert(1), alert(2), alert(3)]);
    for (const n of [4, 5, 6, 7]) {
      t.clock.advance(60_000);
      await raiseAlerts(t.db, t.clock, [alert(n)]);
    }
    const alerts = await expectPaged('/api/alerts', asAna, 7);
    expect(alerts.map((a) => a.title)).toEqual(['Alert 7', 'Alert 6', 'Alert 5', 'Alert 4', 'Alert 3', 'Alert 2', 'Alert 1']);
    await expectForgedRefused('/api/alerts', asAna);
    // Unread only, with one read in the middle of the list.
    expect((await t.app.inject({ method: 'POST', url: '/api/alerts/read', headers: asAna, payload: { ids: [alerts[2]!.id] } })).statusCode).toBe(200);
    const unread = await expectPaged('/api/alerts?unread=true', asAna, 6);
    expect(unread.map((a) => a.title)).toEqual(['Alert 7', 'Alert 6', 'Alert 4', 'Alert 3', 'Alert 2', 'Alert 1']);

    expect((await expectPaged('/api/webhooks', admin, 5)).map((h) => h.id)).toEqual(hooks);
    await expectForgedRefused('/api/webhooks', admin);

    const deliveries = await expectPaged(`/api/webhooks/${hooks[0]}/deliveries`, admin, 7);
    expect(deliveries.map((d) => d.id)).toEqual([...deliveries.map((d) => d.id)].sort((a, b) => b - a));
    expect(new Set(deliveries.map((d) => d.alert_id)).size).toBe(7);
    await expectForgedRefused(`/api/webhooks/${hooks[0]}/deliveries`, admin);
    expect((await t.app.inject({ method: 'GET', url: '/api/webhooks/999999/deliveries?limit=2', headers: admin })).statusCode).toBe(404);

    // Without SMTP, alert emails are kept: one for Ana per alert.
    await t.db.query(`UPDATE deliveries SET status = 'outbox' WHERE channel = 'email'`);
    const outbox = await expectPaged('/api/outbox', admin, 7);
    expect(outbox.map((m) => m.id)).toEqual([...outbox.map((m) => m.id)].sort((a, b) => b - a));
    expect(outbox.map((m) => m.subject).sort()).toEqual(alerts.map((a) => a.title).sort());
    await expectForgedRefused('/api/outbox', admin);
  });

  it('pages open leads most urgent first, each page judged at the first page’s instant', async () => {
    const mia = await createUser(t.db, { name: 'Mia Manager', email: 'mia@paging.test', role: 'sales_manager', team: 'SDR' });
    const rep = await createUser(t.db, { name: 'Rex Rep', email: 'rex@paging.test', role: 'sales_rep', team: 'SDR' });
    const asMia = await tokenFor(mia.id, 'sales_manager');
    const asRep = await tokenFor(rep.id, 'sales_rep');
    const lead = async (name: string) => {
      const c = await createContact(ctx, { email: `${name}@paging-leads.test`, first_name: name, lifecycle_stage: 'lead' });
      await moveStage(ctx, 'contact', c.id, 'mql', 'paging');
      await assignLead(ctx, c.id, { owner_id: rep.id });
      return c.id;
    };
    // The default policy: first touch within 4 hours, at risk after 3.
    const a = await lead('a');
    t.clock.advance(2 * H);
    const b = await lead('b');
    t.clock.advance(1.5 * H);
    const c = await lead('c');
    t.clock.advance(H);
    const d = await lead('d');
    const e = await lead('e');
    t.clock.advance(0.75 * H);
    // a is breached, b at risk, c, d and e on time (d and e due at the same instant).
    for (const [url, headers] of [[`/api/sla/leads?owner_id=${rep.id}`, asMia], ['/api/sla/my-queue', asRep]] as const) {
      const leads = await expectPaged(url, headers, 5, (l) => l.assignment_id);
      expect(leads.map((l) => [l.contact_id, l.status])).toEqual([[a, 'breached'], [b, 'at_risk'], [c, 'on_time'], [d, 'on_time'], [e, 'on_time']]);
      await expectForgedRefused(url, headers);
    }
    // Filters and the rep's scope hold on every page.
    expect((await pageThrough(`/api/sla/leads?owner_id=${rep.id}&status=at_risk`, asMia, 1)).rows.map((l) => l.contact_id)).toEqual([b]);
    expect((await pageThrough(`/api/sla/leads?owner_id=${mia.id}`, asRep)).rows).toEqual([]);

    // Read the first page, then let c's first touch go past due: the next page is judged as the
    // first was, so c keeps its place rather than jumping to the page already read.
    const first = await get('/api/sla/my-queue?limit=2', asRep);
    expect(first.data.map((l) => l.contact_id)).toEqual([a, b]);
    t.clock.advance(2.5 * H);
    const rest = await pageThrough('/api/sla/my-queue', asRep, 2, first.next_cursor);
    expect(rest.rows.map((l) => [l.contact_id, l.status])).toEqual([[c, 'on_time'], [d, 'on_time'], [e, 'on_time']]);
    // Read afresh, c is breached now.
    expect((await get('/api/sla/my-queue', asRep)).data.map((l) => [l.contact_id, l.status])).toEqual([[a, 'breached'], [b, 'breached'], [c, 'breached'], [d, 'at_risk'], [e, 'at_risk']]);
  });

  it('pages write keys and API tokens live first, newest first, and refused events newest first', async () => {
    const keys: number[] = [];
    for (let i = 0; i < 5; i++) keys.push((await createWriteKey(t.db, { name: `site ${i}` })).id);
    await revokeWriteKey(t.db, keys[1]!);
    await revokeWriteKey(t.db, keys[3]!);
    const listedKeys = await expectPaged('/api/write-keys', admin, 5);
    expect(listedKeys.filter((k) => k.name.startsWith('site ')).map((k) => k.id)).toEqual([keys[4], keys[2], keys[0], keys[3], keys[1]]);
    expect(listedKeys.map((k) => k.name)).not.toContain('internal');
    await expectForgedRefused('/api/write-keys', admin);

    const tokens: number[] = [];
    for (let i = 0; i < 5; i++) tokens.push((await createApiToken(t.db, { name: `script ${i}`, role: 'viewer' })).id);
    await revokeApiToken(t.db, tokens[0]!);
    await revokeApiToken(t.db, tokens[2]!);
    const listedTokens = (await expectPaged('/api/tokens', admin, 5)).filter((r) => r.name.startsWith('script '));
    expect(listedTokens.map((r) => r.id)).toEqual([tokens[4], tokens[3], tokens[1], tokens[2], tokens[0]]);
    await expectForgedRefused('/api/tokens', admin);

    for (let i = 0; i < 5; i++) {
      await t.db.query(`INSERT INTO rejected_events (message_id, received_at, reason, payload) VALUES ($1, $2, 'no userId or anonymousId', '{}')`, [`r-${i}`, t.clock.now()]);
    }
    const refused = await expectPaged('/api/events/rejected', admin, 5);
    expect(refused.map((r) => r.message_id)).toEqual(['r-4', 'r-3', 'r-2', 'r-1', 'r-0']);
    await expectForgedRefused('/api/events/rejected', admin);
  });

  it('pages users by name and campaigns by start, latest first, undated last', async () => {
    for (const [i, name] of ['Eve', 'Bob', 'Dan', 'Ann', 'Cid', 'Bob'].entries()) {
      await createUser(t.db, { name, email: `${name.toLowerCase()}${i}@people.test`, role: 'viewer' });
    }
    const users = await expectPaged('/api/users', admin, 6);
    const names = users.map((u) => u.name as string);
    expect(names.filter((n) => ['Ann', 'Bob', 'Cid', 'Dan', 'Eve'].includes(n))).toEqual(['Ann', 'Bob', 'Bob', 'Cid', 'Dan', 'Eve']);
    // The two Bobs in the order they were made (the id breaks the tie).
    const bobs = users.filter((u) => u.name === 'Bob').map((u) => u.id);
    expect(bobs).toEqual([...bobs].sort((x, y) => x - y));
    await expectForgedRefused('/api/users', admin);

    const made: Record<string, number> = {};
    for (const [key, starts] of [['old', '2026-01-01'], ['undated1', null], ['new1', '2026-03-01'], ['undated2', null], ['new2', '2026-03-01'], ['mid', '2026-02-01']] as const) {
      made[key] = (await createCampaign(t.db, { name: key, type: 'webinar', utm_campaign: `paging-${key}`, ...(starts ? { starts_on: starts } : {}) }, systemActor)).id;
    }
    const campaigns = await expectPaged('/api/campaigns', admin, 6);
    expect(campaigns.map((c) => c.id)).toEqual([made.new2, made.new1, made.mid, made.old, made.undated2, made.undated1]);
    await expectForgedRefused('/api/campaigns', admin);
  });
});
