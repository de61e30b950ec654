import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { createTestApp, type TestApp } from '../../testing/test-app.js';
import { testBackends } from '../../testing/test-db.js';
import { systemActor } from '../context.js';
import { createUser } from '../crm/users.js';
import { advanceTo } from '../funnel/transitions.js';
import { erasedEventReason } from '../ingest/process-events.js';
import { createWriteKey } from '../ingest/write-keys.js';
import { recordEngagement } from '../notify/record-engagement.js';
import { erasedDealName } from './erase-contact.js';

// The person: every identifier is distinctive, so a hit anywhere in the database is them.
const person = {
  email: 'Zephyrine.Quill@quillco-labs.io',
  oldEmail: 'zq.oldbox@gmail.com',
  first: 'Zephyrine',
  last: 'Quillfeather',
  phone: '+34 611 298 377',
  userId: 'usr-zq-4417x',
  anonymousId: 'anon-zq-9c1e2b7d',
  otherAnonymousId: 'anon-zq-laptop-55f0',
};
const needles = [person.email, person.email.toLowerCase(), person.oldEmail, person.first, person.last, '611 298 377', person.userId, person.anonymousId, person.otherAnonymousId];

/** Every table of the schema (information_schema), each row cast to text, searched for each needle. */
async function personalDataLeft(db: Db, terms: string[] = needles): Promise<string[]> {
  const tables = await db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1`,
  );
  expect(tables.length).toBeGreaterThan(30);
  const hits: string[] = [];
  for (const { table_name: t } of tables) {
    const rows = await db.query<{ term: string; n: number }>(
      `SELECT term, count(*)::int AS n FROM "${t}" x, unnest($1::text[]) AS term WHERE strpos(lower(x::text), lower(term)) > 0 GROUP BY term`,
      [terms],
    );
    for (const r of rows) hits.push(`${t}: ${r.term} (${r.n})`);
  }
  return hits;
}

/** A rollup as rows of text, to compare with its rebuild. */
const rollup = async (db: Db, table: string) => (await db.query<{ r: string }>(`SELECT x::text AS r FROM ${table} x ORDER BY 1`)).map((x) => x.r);

describe.each(testBackends())('erasing a person on %s', (backend) => {
  let t: TestApp;
  let basic: Record<string, string>;
  let admin: Record<string, string>;
  let seq = 0;
  const send = async (type: string, body: Record<string, unknown>, status = 200) => {
    const res = await t.app.inject({ method: 'POST', url: `/v1/${type}`, headers: basic, payload: { messageId: `msg-${++seq}`, ...body } });
    expect(res.statusCode, res.body).toBe(status);
    return res.json();
  };
  const settle = async () => {
    await t.app.revloop.processor.idle();
    await t.app.revloop.sales.idle();
  };
  const contactIdOf = async (email: string) => (await t.db.query<{ id: number }>('SELECT id FROM contacts WHERE email_normalized = $1', [email.toLowerCase()]))[0]?.id;
  const api = async (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown, headers = admin) => t.app.inject({ method, url, headers, payload: payload as object });

  beforeAll(async () => {
    t = await createTestApp(backend, '2026-06-01T10:00:00Z');
    basic = { authorization: `Basic ${Buffer.from(`${(await createWriteKey(t.db, { name: 'site' })).key}:`).toString('base64')}` };
    admin = await t.as('admin');
  });
  afterAll(() => t.cleanup());

  it('leaves nothing personal in any table, keeps the deal and exact rollups, and refuses the person until they consent again', async () => {
    // Marketing: anonymous visits on two devices, then identify with email and user id, a form, and a refused message.
    await send('page', { anonymousId: person.anonymousId, name: 'Pricing', properties: { url: `https://quillco.test/pricing?utm_source=news&email=${person.email}` }, timestamp: '2026-05-10T09:00:00Z' });
    await send('identify', { anonymousId: person.anonymousId, userId: person.userId, traits: { email: person.email, firstName: person.first, lastName: person.last, phone: person.phone, title: 'CTO' }, timestamp: '2026-05-10T09:01:00Z' });
    await send('track', { userId: person.userId, event: 'Form Submitted', properties: { form_id: 'demo', email: person.email }, timestamp: '2026-05-10T09:02:00Z' });
    await send('page', { anonymousId: person.otherAnonymousId, name: 'Docs', properties: { url: 'https://quillco.test/docs' }, timestamp: '2026-05-11T09:00:00Z' });
    await send('alias', { previousId: person.otherAnonymousId, userId: person.userId, timestamp: '2026-05-11T09:01:00Z' });
    // No event name: refused, and kept in rejected_events with the message as sent.
    const refused = await send('track', { userId: person.userId, properties: { note: `from ${person.first} ${person.last}` }, context: { traits: { email: person.email } } }, 400);
    expect(refused.rejected).toHaveLength(1);
    // Someone else at the same company, who must keep everything.
    await send('identify', { userId: 'usr-bo-1', traits: { email: 'bo@quillco-labs.io', firstName: 'Bo' }, timestamp: '2026-05-12T09:00:00Z' });
    await send('page', { userId: 'usr-bo-1', name: 'Home', properties: { url: 'https://quillco.test/' }, timestamp: '2026-05-12T09:01:00Z' });
    await settle();

    const id = (await contactIdOf(person.email))!;
    const bo = (await contactIdOf('bo@quillco-labs.io'))!;
    expect(id).toBeGreaterThan(0);
    const [{ company_id: companyId }] = await t.db.query<{ company_id: number }>('SELECT company_id FROM contacts WHERE id = $1', [id]) as [{ company_id: number }];
    expect(companyId).toBeGreaterThan(0);
    await recordEngagement(t.db, { kind: 'open', payload: { e: 'newsletter-may', c: id, t: Date.parse('2026-05-13T08:00:00Z') / 1000 }, at: new Date('2026-05-13T09:00:00Z'), userAgent: 'Mozilla/5.0' });

    // A duplicate record of the same person, merged in (its snapshot keeps the old email).
    const dup = await api('POST', '/api/contacts', { email: person.oldEmail, first_name: person.first, last_name: person.last });
    expect(dup.statusCode, dup.body).toBe(201);
    expect((await api('POST', `/api/contacts/${id}/merge`, { other_id: dup.json().id })).statusCode).toBe(200);

    // Sales: an owner, the MQL handoff (clock, alert, outbox email), a call, a won deal named after them, company history quoting them.
    const rep = await createUser(t.db, { email: 'rep@revloop.test', password: 'Quiet-harbour-lantern-1987', role: 'sales_rep', name: 'Rita Rep' });
    expect((await api('PATCH', `/api/contacts/${id}`, { owner_id: rep.id, job_title: 'Chief Technology Officer' })).statusCode).toBe(200);
    expect((await api('PATCH', `/api/contacts/${id}`, { lifecycle_stage: 'mql' })).statusCode).toBe(200);
    await settle();
    expect(await t.db.query('SELECT 1 FROM lead_assignments WHERE contact_id = $1', [id])).toHaveLength(1);
    expect((await t.db.query('SELECT 1 FROM alerts WHERE contact_id = $1', [id])).length).toBeGreaterThan(0);
    const call = await api('POST', '/api/activities', { type: 'call', outcome: 'connected', contact_id: id, subject: `Call with ${person.first} ${person.last}`, body: `Reach her at ${person.phone} or ${person.email}` });
    expect(call.statusCode, call.body).toBe(201);
    await advanceTo({ db: t.db, clock: t.clock, actor: systemActor }, 'company', companyId, 'sql', `${person.first} asked for a quote`);
    const deal = await api('POST', '/api/deals', { name: `${person.first} ${person.last} - pilot`, amount: 12000, stage: 'closed_won', contact_id: id, company_id: companyId,
      win_reason: 'relationship', close_note: `${person.first} ${person.last} vouched for us after the demo` });
    expect(deal.statusCode, deal.body).toBe(201);
    expect((await api('PATCH', `/api/deals/${deal.json().id}`, { name: `${person.last} pilot (renewal)` })).statusCode).toBe(200);
    await advanceTo({ db: t.db, clock: t.clock, actor: systemActor }, 'company', companyId, 'evangelist', `${person.first} ${person.last} spoke at our summit`);
    const companyCall = await api('POST', '/api/activities', { type: 'meeting', company_id: companyId, subject: `QBR, ${person.first} attending`, body: 'Bo takes notes' });
    expect(companyCall.statusCode, companyCall.body).toBe(201);
    await settle();

    const before = await personalDataLeft(t.db);
    for (const table of ['contacts', 'events', 'identities', 'visits', 'rejected_events', 'activities', 'deals', 'stage_transitions', 'merges', 'alerts', 'contact_email_aliases', 'property_changes']) {
      expect(before.some((h) => h.startsWith(`${table}:`)), `the scenario puts the person in ${table}: ${before.join('; ')}`).toBe(true);
    }

    // Subject access first: an admin's, with every section the person appears in.
    expect((await api('GET', `/api/contacts/${id}/export`, undefined, await t.as('marketing'))).statusCode).toBe(403);
    const exp = await api('GET', `/api/contacts/${id}/export`);
    expect(exp.statusCode, exp.body).toBe(200);
    expect(exp.headers['content-disposition']).toContain('attachment');
    const data = exp.json();
    expect(data.contact).toMatchObject({ id, email: person.email, first_name: person.first, last_name: person.last, job_title: 'Chief Technology Officer', owner_id: rep.id });
    expect(data.contact.company).toMatchObject({ id: companyId });
    expect(data.email_aliases).toEqual([person.oldEmail]);
    expect(data.identities.map((i: { kind: string; value: string }) => `${i.kind}:${i.value}`).sort()).toEqual(
      // alias() links the previous id under both kinds: it could have been either.
      [`anonymous_id:${person.anonymousId}`, `anonymous_id:${person.otherAnonymousId}`, `user_id:${person.otherAnonymousId}`, `user_id:${person.userId}`].sort(),
    );
    expect(data.events.map((e: { type: string; event: string | null }) => `${e.type}:${e.event ?? ''}`)).toEqual(['page:Pricing', 'identify:', 'track:Form Submitted', 'page:Docs', 'alias:']);
    expect(data.email_engagement).toMatchObject([{ event: 'Email Opened' }]);
    expect(data.visits.length).toBeGreaterThanOrEqual(2);
    expect(data.activities).toMatchObject([{ type: 'call', subject: `Call with ${person.first} ${person.last}` }]);
    expect(data.deals).toMatchObject([{ name: `${person.last} pilot (renewal)`, amount: 12000, outcome: 'won', win_reason: 'relationship', close_note: `${person.first} ${person.last} vouched for us after the demo` }]);
    expect(data.stage_history.map((s: { to_stage: string }) => s.to_stage)).toEqual(expect.arrayContaining(['lead', 'mql', 'customer']));
    expect(data.property_changes.map((c: { property: string }) => c.property)).toContain('job_title');
    expect(data.scores.current).toMatchObject({ quadrant: expect.any(String) });
    expect(data.scores.actions.length).toBeGreaterThan(0);
    expect(data.lead_assignments).toMatchObject([{ owner_name: 'Rita Rep' }]);
    expect(data.alerts.length).toBeGreaterThan(0);
    expect(data.merges).toMatchObject([{ merged_record: { email: person.oldEmail } }]);
    expect(data.rejected_events).toHaveLength(1);

    // Erase.
    const boEventsBefore = await t.db.query('SELECT id FROM events WHERE contact_id = $1', [bo]);
    expect((await api('DELETE', `/api/contacts/${id}`)).statusCode).toBe(204);
    expect((await api('GET', `/api/contacts/${id}`)).statusCode).toBe(404);
    expect(await personalDataLeft(t.db)).toEqual([]);

    // The deal and its revenue stay, without the person; the company keeps its (reworded) history.
    const [kept] = await t.db.query<{ name: string; amount: number; stage: string; contact_id: number | null; company_id: number }>('SELECT name, amount, stage, contact_id, company_id FROM deals WHERE id = $1', [deal.json().id]);
    expect(kept).toEqual({ name: erasedDealName, amount: 12000, stage: 'closed_won', contact_id: null, company_id: companyId });
    const reasons = (await t.db.query<{ reason: string }>(`SELECT reason FROM stage_transitions WHERE object_type = 'company' AND object_id = $1 ORDER BY id`, [companyId])).map((r) => r.reason);
    expect(reasons).toEqual(expect.arrayContaining([`[erased] asked for a quote`, `deal ${deal.json().id} "${erasedDealName}" opened`, `deal ${deal.json().id} "${erasedDealName}" won`, 'an erased contact became mql', '[erased] spoke at our summit']));
    expect(reasons.join(' ')).not.toMatch(new RegExp(`contact ${id}\\b`));
    // The other person at the company is untouched.
    expect(await t.db.query('SELECT id FROM events WHERE contact_id = $1', [bo])).toEqual(boEventsBefore);
    expect(await contactIdOf('bo@quillco-labs.io')).toBe(bo);

    // Rollups stay exact: equal to their rebuild from scratch.
    for (const [table, rebuild] of [['contact_actions', 'contact_actions_rebuild'], ['contact_stage_firsts', 'contact_stage_firsts_rebuild'], ['contact_funnels', 'contact_funnels_rebuild']] as const) {
      const kept = await rollup(t.db, table);
      expect(kept.length).toBeGreaterThan(0);
      await t.db.query(`SELECT ${rebuild}()`);
      expect(await rollup(t.db, table)).toEqual(kept);
    }

    // One audit line, counts only.
    const audit = await t.db.query<{ action: string; details: { deleted: Record<string, number>; anonymised: Record<string, number>; suppressed: Record<string, number> } }>(
      `SELECT action, details FROM audit_log WHERE object_type = 'contact' AND object_id = $1 ORDER BY id`,
      [String(id)],
    );
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['contact.exported', 'contact.erased']));
    const erased = audit.find((a) => a.action === 'contact.erased')!.details;
    expect(erased.deleted).toMatchObject({ contacts: 1, activities: 1, merges: 1, lead_assignments: 1, rejected_events: 1, contact_email_aliases: 1 });
    expect(erased.deleted.events).toBeGreaterThanOrEqual(5);
    expect(erased.anonymised.deals).toBeGreaterThanOrEqual(1);
    expect(erased.suppressed).toEqual({ email: 2, user_id: 2, anonymous_id: 2, external_id: 0 });

    // The person comes back: by user id, by either device, by email from a new device. Nothing is recorded.
    await send('identify', { userId: person.userId, traits: { email: person.email, firstName: person.first } });
    await send('page', { anonymousId: person.anonymousId, name: 'Pricing', properties: { url: 'https://quillco.test/pricing' } });
    await send('page', { anonymousId: person.otherAnonymousId, name: 'Docs' });
    await send('track', { anonymousId: 'anon-new-phone-1', event: 'Form Submitted', properties: { email: person.oldEmail.toUpperCase() } });
    await settle();
    expect(await contactIdOf(person.email)).toBeUndefined();
    expect(await contactIdOf(person.oldEmail)).toBeUndefined();
    expect(await personalDataLeft(t.db, [...needles, 'anon-new-phone-1'])).toEqual([]);
    const dropped = await t.db.query<{ message_id: string; payload: unknown }>('SELECT message_id, payload FROM rejected_events WHERE reason = $1 ORDER BY id', [erasedEventReason]);
    expect(dropped).toHaveLength(4);
    expect(dropped.every((d) => d.payload === null)).toBe(true);

    // Created by hand or imported: refused with the field named, until they consent again.
    const again = await api('POST', '/api/contacts', { email: person.email, first_name: person.first });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'conflict', field: 'email', errors: [{ field: 'email', problem: expect.stringContaining('consent') }] });
    const csv = `Email,First Name\n${person.email},${person.first}\n`;
    const importOf = (query: string) => t.app.inject({ method: 'POST', url: `/api/import/contacts${query}`, headers: { ...admin, 'content-type': 'text/csv' }, payload: csv });
    const refusedImport = await importOf('');
    expect(refusedImport.statusCode).toBe(400);
    expect(refusedImport.json().errors).toMatchObject([{ row: 2, field: 'email', problem: expect.stringContaining('erased') }]);
    const consented = await importOf('?consent_again=true');
    expect(consented.statusCode, consented.body).toBe(200);
    expect(consented.json()).toMatchObject({ created: 1 });
    const back = (await contactIdOf(person.email))!;
    const [lifted] = await t.db.query<{ details: Record<string, unknown> }>(`SELECT details FROM audit_log WHERE action = 'contact.consent_again'`);
    expect(lifted!.details).toEqual({ erased_contact_id: id, identifiers_lifted: { email: 2, user_id: 2, anonymous_id: 2 } });
    expect(await t.db.query('SELECT 1 FROM erased_identities')).toHaveLength(0);

    // With consent, their events count again.
    await send('identify', { userId: person.userId, traits: { email: person.email } });
    await settle();
    expect(await t.db.query('SELECT 1 FROM events WHERE contact_id = $1', [back])).toHaveLength(1);
  });

  it('refuses a hand-made contact or a changed email of an erased person unless consent_again, and the erase is one-off', async () => {
    const h = await t.as('marketing');
    const made = await api('POST', '/api/contacts', { email: 'gone.person@erase.io', first_name: 'Gone' }, h);
    const id = made.json().id as number;
    expect((await api('DELETE', `/api/contacts/${id}`, undefined, h)).statusCode).toBe(204);
    expect((await api('DELETE', `/api/contacts/${id}`, undefined, h)).statusCode).toBe(404);

    const other = (await api('POST', '/api/contacts', { email: 'someone@erase.io' }, h)).json().id as number;
    const patched = await api('PATCH', `/api/contacts/${other}`, { email: 'GONE.person@erase.io' }, h);
    expect(patched.statusCode).toBe(409);
    expect(patched.json()).toMatchObject({ code: 'conflict', field: 'email' });
    const refused = await api('POST', '/api/contacts', { email: 'gone.person@erase.io' }, h);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('consent_again');
    const ok = await api('POST', '/api/contacts', { email: 'gone.person@erase.io', consent_again: true }, h);
    expect(ok.statusCode, ok.body).toBe(201);
    const [line] = await t.db.query<{ object_id: string; details: Record<string, unknown> }>(`SELECT object_id, details FROM audit_log WHERE action = 'contact.consent_again' AND details->>'erased_contact_id' = $1`, [String(id)]);
    expect(line).toEqual({ object_id: String(ok.json().id), details: { erased_contact_id: id, identifiers_lifted: { email: 1 } } });
  });

  it('remembers an erased contact\'s ids in other systems: an old export joined by id does not bring them back without consent', async () => {
    const h = await t.as('marketing');
    const csv = (url: string, body: string) => t.app.inject({ method: 'POST', url, headers: { ...h, 'content-type': 'text/csv' }, payload: body });
    // A HubSpot export: the first person has no email, only the Record ID that joins the files.
    const file = 'Record ID,First Name,Email\n9001,Noemail,\n9002,Kept,kept.person@erase.io\n';
    expect((await csv('/api/import/contacts', file)).json()).toMatchObject({ created: 2, external_source: 'hubspot' });
    const [gone] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE external_source = 'hubspot' AND external_id = '9001'`);
    const erase = await api('DELETE', `/api/contacts/${gone!.id}`, undefined, h);
    expect(erase.statusCode).toBe(204);
    const [audit] = await t.db.query<{ details: { suppressed: Record<string, number> } }>(`SELECT details FROM audit_log WHERE action = 'contact.erased' AND object_id = $1`, [String(gone!.id)]);
    expect(audit!.details.suppressed).toEqual({ email: 0, user_id: 0, anonymous_id: 0, external_id: 1 });
    const [hashes] = await t.db.query<{ n: number; plain: number }>(`SELECT count(*)::int AS n, count(*) FILTER (WHERE hash LIKE '%9001%')::int AS plain FROM erased_identities WHERE kind = 'external_id'`);
    expect(hashes).toEqual({ n: 1, plain: 0 });

    const again = await csv('/api/import/contacts', file);
    expect(again.statusCode).toBe(400);
    expect(again.json().errors).toEqual([{ row: 2, column: 'Record ID', field: 'external_id', problem: expect.stringContaining('belongs to a person whose data was erased') }]);
    expect(await t.db.query(`SELECT 1 FROM contacts WHERE external_id = '9001'`)).toHaveLength(0);
    // By hand too: the same id typed into a new contact.
    const typed = await api('POST', '/api/contacts', { first_name: 'Noemail', external_id: '9001', external_source: 'hubspot' }, h);
    expect(typed.statusCode).toBe(409);
    expect(typed.json()).toMatchObject({ code: 'conflict', field: 'external_id' });

    const consented = await csv('/api/import/contacts?consent_again=true', file);
    expect(consented.json()).toMatchObject({ created: 1, unchanged: 1 });
    expect(await t.db.query(`SELECT 1 FROM erased_identities WHERE kind = 'external_id'`)).toHaveLength(0);
  });
});
