import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createWriteKey } from '../ingest/write-keys.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';

describe.each(testBackends())('identity resolution through the tracking API on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let seq = 0;
  const send = (type: string, body: Record<string, unknown>) =>
    t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `m-${++seq}`, ...body } });
  const contactsWith = (email: string) => t.db.query<{ id: number; lifecycle_stage: string; first_name: string | null; company_id: number | null }>(
    `SELECT id, lifecycle_stage, first_name, company_id FROM contacts WHERE email_normalized = $1`, [email]);

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
  });
  afterAll(() => t.cleanup());

  it('moves an anonymous visitor history onto the contact when a form gives the email', async () => {
    await send('page', { anonymousId: 'anon-1', name: 'Home', properties: { url: 'https://revloop.io/' }, timestamp: '2026-05-30T09:00:00Z' });
    await send('page', { anonymousId: 'anon-1', name: 'Pricing', properties: { url: 'https://revloop.io/pricing' }, timestamp: '2026-05-30T09:02:00Z' });
    await t.app.revloop.processor.idle();
    expect(await t.db.query('SELECT 1 FROM contacts')).toHaveLength(0);
    await send('track', { anonymousId: 'anon-1', event: 'Form Submitted', properties: { form_id: 'ebook-2026', email: ' Lucia.Perez@Contoso.com ', firstName: 'Lucía' }, timestamp: '2026-05-30T09:05:00Z' });
    await t.app.revloop.processor.idle();
    const [c] = await contactsWith('lucia.perez@contoso.com');
    expect(c).toMatchObject({ lifecycle_stage: 'lead', first_name: 'Lucía' });
    expect(c!.company_id).not.toBeNull();
    const tl = (await t.app.inject({ method: 'GET', url: `/api/contacts/${c!.id}/timeline`, headers: await t.as('viewer') })).json();
    const titles = tl.data.map((i: { title: string }) => i.title);
    expect(titles).toEqual(expect.arrayContaining(['Viewed page: Home', 'Viewed page: Pricing', 'Form Submitted']));
    // A returning visit with the same anonymous id lands on the same contact, no duplicate.
    await send('page', { anonymousId: 'anon-1', name: 'Blog', timestamp: '2026-06-01T09:00:00Z' });
    await send('identify', { anonymousId: 'anon-2', traits: { email: 'LUCIA.PEREZ@contoso.com' } });
    await t.app.revloop.processor.idle();
    expect(await contactsWith('lucia.perez@contoso.com')).toHaveLength(1);
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE contact_id = $1', [c!.id])) as [{ n: number }];
    expect(n).toBe(5);
  });

  it('50 concurrent identifies of one email (different case and spaces) leave one contact', async () => {
    const res = await Promise.all(Array.from({ length: 50 }, (_, i) =>
      send('identify', { anonymousId: `burst-${i}`, traits: { email: i % 3 === 0 ? ' Tom@Fabrikam.com' : i % 3 === 1 ? 'tom@FABRIKAM.com ' : 'tom@fabrikam.com' } })));
    expect(res.every((r) => r.statusCode === 200)).toBe(true);
    await t.app.revloop.processor.idle();
    const rows = await contactsWith('tom@fabrikam.com');
    expect(rows).toHaveLength(1);
    const [{ n }] = (await t.db.query<{ n: number }>(`SELECT count(*) AS n FROM identities WHERE kind = 'anonymous_id' AND value LIKE 'burst-%' AND contact_id = $1`, [rows[0]!.id])) as [{ n: number }];
    expect(n).toBe(50);
  });

  it('gives a user id the events it sent months before its identify, in every month they fall in', async () => {
    // They wait for the identify without a contact; the claim finds them by user id (an index of
    // the events still without one since migration 0040) in each month's partition.
    await send('track', { userId: 'user-early', event: 'Webinar Registered', timestamp: '2026-02-10T09:00:00Z' });
    await send('page', { userId: 'user-early', name: 'Pricing', timestamp: '2026-04-20T09:00:00Z' });
    await send('track', { userId: 'someone-else', event: 'Webinar Registered', timestamp: '2026-04-21T09:00:00Z' });
    await t.app.revloop.processor.idle();
    expect(await t.db.query(`SELECT 1 FROM events WHERE user_id = 'user-early' AND contact_id IS NOT NULL`)).toHaveLength(0);
    await send('identify', { userId: 'user-early', traits: { email: 'early@northwind.com' }, timestamp: '2026-05-30T09:00:00Z' });
    await t.app.revloop.processor.idle();
    const [c] = await contactsWith('early@northwind.com');
    const rows = await t.db.query<{ user_id: string; contact_id: number | null }>(`SELECT user_id, contact_id FROM events WHERE user_id IN ('user-early', 'someone-else') ORDER BY timestamp`);
    expect(rows).toEqual([
      { user_id: 'user-early', contact_id: c!.id },
      { user_id: 'user-early', contact_id: c!.id },
      { user_id: 'someone-else', contact_id: null },
      { user_id: 'user-early', contact_id: c!.id },
    ]);
  });

  it('alias before identify still brings the anonymous history along', async () => {
    await send('page', { anonymousId: 'anon-a', name: 'Docs' });
    await send('alias', { previousId: 'anon-a', userId: 'user-77' });
    await send('identify', { userId: 'user-77', traits: { email: 'kim@tailspin.com', name: 'Kim Lee', title: 'VP Marketing' } });
    await t.app.revloop.processor.idle();
    const [c] = await t.db.query<{ id: number; first_name: string; last_name: string; job_title: string }>(`SELECT id, first_name, last_name, job_title FROM contacts WHERE email_normalized = 'kim@tailspin.com'`);
    expect(c).toMatchObject({ first_name: 'Kim', last_name: 'Lee', job_title: 'VP Marketing' });
    const events = await t.db.query<{ type: string }>('SELECT type FROM events WHERE contact_id = $1 ORDER BY id', [c!.id]);
    expect(events.map((e) => e.type)).toEqual(['page', 'alias', 'identify']);
  });

  it('alias between two known people merges their contacts', async () => {
    await send('identify', { userId: 'old-id', traits: { email: 'sam@gmail.com' } });
    await send('identify', { userId: 'new-id', traits: { email: 'sam@woodgrove.com' } });
    await t.app.revloop.processor.idle();
    await send('alias', { previousId: 'old-id', userId: 'new-id' });
    await t.app.revloop.processor.idle();
    const [winner] = await contactsWith('sam@woodgrove.com');
    expect(await contactsWith('sam@gmail.com')).toHaveLength(0);
    const merges = await t.db.query('SELECT 1 FROM merges WHERE winner_id = $1', [winner!.id]);
    expect(merges).toHaveLength(1);
    const [{ n }] = (await t.db.query<{ n: number }>('SELECT count(*) AS n FROM events WHERE contact_id = $1', [winner!.id])) as [{ n: number }];
    expect(n).toBe(3);
  });

  it('group links the contact to its company by domain and fills firmographics', async () => {
    await send('identify', { userId: 'g-1', traits: { email: 'ana@gmail.com' } });
    await send('group', { userId: 'g-1', groupId: 'acct-9', traits: { name: 'Litware Inc', website: 'https://www.litware.com/', industry: 'Software', employees: 450 } });
    await t.app.revloop.processor.idle();
    const [c] = await contactsWith('ana@gmail.com');
    const [co] = await t.db.query<{ domain: string; industry: string; employees: number; segment: string }>('SELECT domain, industry, employees, segment FROM companies WHERE id = $1', [c!.company_id]);
    expect(co).toEqual({ domain: 'litware.com', industry: 'Software', employees: 450, segment: 'mid_market' });
  });
});

describe.each(testBackends())('two processors on one database (%s)', (backend) => {
  it('never create the same person twice', async () => {
    const t = await createTestApp(backend);
    try {
      const basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
      await t.app.revloop.processor.stop();
      await Promise.all(Array.from({ length: 40 }, (_, i) => t.app.inject({ method: 'POST', url: '/v1/identify', headers: basic, payload: { anonymousId: `p-${i}`, traits: { email: `person${i % 4}@northwind.com` } } })));
      const { processPendingEvents } = await import('../ingest/process-events.js');
      const ctx = { db: t.db, clock: t.clock, actor: { type: 'system' as const } };
      await Promise.all([processPendingEvents(ctx, 7), processPendingEvents(ctx, 7), processPendingEvents(ctx, 50), processPendingEvents(ctx, 50)]);
      while ((await processPendingEvents(ctx)) > 0);
      expect(await t.db.query(`SELECT email_normalized FROM contacts WHERE email_normalized LIKE 'person%' ORDER BY 1`)).toHaveLength(4);
      expect(await t.db.query('SELECT 1 FROM events WHERE process_error IS NOT NULL OR contact_id IS NULL')).toHaveLength(0);
    } finally {
      await t.cleanup();
    }
  });
});
