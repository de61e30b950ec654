import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/client.js';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { scoreContacts } from '../scoring/score-contacts.js';
import { contactScoreHistory } from '../scoring/score-history.js';
import { exportCsv } from './csv-export/export-records.js';
import { audienceExportWhere, listAudience } from './marketing-audience.js';
import { mergeContacts } from './merge.js';
import { nurtureList, suppressionList } from './marketing-lists.js';
import { bulkSuppress, contactSuppression, saveSuppressionSettings, suppressContact, unsuppressContact } from './suppressions.js';

// Scores with the default model (default-scoring.ts): a CFO at a 500-person Spanish software
// company has fit 20 + 15 + 10 + 5 = 50; a student -30; nobody known 0. Interest thresholds: 30.
describe.each(testBackends())('suppression, the nurture list and score history (%s)', (backend) => {
  let t: TestDb;
  let db: Db;
  const clock = fixedClock('2026-03-02T09:00:00Z');
  let ctx: Ctx;
  let seq = 0;
  const ids: Record<string, number> = {};

  const contact = async (key: string, jobTitle: string | null, companyId: number | null) => {
    const email = `${key}@example.test`;
    const [c] = await db.query<{ id: number }>(
      `INSERT INTO contacts (email, email_normalized, first_name, job_title, company_id, lifecycle_stage, created_at) VALUES ($1, $1, $2, $3, $4, 'lead', $5) RETURNING id`,
      [email, key, jobTitle, companyId, clock.now()],
    );
    ids[key] = Number(c!.id);
    return ids[key]!;
  };
  const event = (key: string, name: string) =>
    db.query(
      `INSERT INTO events (write_key_id, message_id, type, event, contact_id, timestamp, received_at, processed_at)
       SELECT w.id, $1, 'track', $2, $3, $4, $4, $4 FROM write_keys w WHERE w.key_hash = '!internal'`,
      [`m${++seq}`, name, ids[key], clock.now()],
    );
  const score = (...keys: string[]) => scoreContacts(ctx, keys.map((k) => ids[k]!), { advance: false });
  const reasons = async (key: string) => (await contactScoreHistory(ctx, ids[key]!)).data.map((h) => h.reason);
  const audienceEmails = async () => {
    let text = '';
    for await (const chunk of exportCsv(db, 'contacts', await audienceExportWhere(ctx, {}))) text += chunk;
    return text.trim().split('\n').slice(1).map((line) => line.split(',')[1]).sort();
  };

  beforeAll(async () => {
    t = await createTestDb(backend);
    db = t.db;
    ctx = { db, clock, actor: { type: 'system', role: 'admin' } };
    const [co] = await db.query<{ id: number }>(`INSERT INTO companies (name, domain, employees, industry, country) VALUES ('Acme', 'acme.test', 500, 'Software', 'ES') RETURNING id`);
    await contact('ana', 'CFO', co!.id);
    await contact('dan', 'CFO', co!.id);
    await contact('bob', 'Student', null);
    await contact('cid', null, null);
    await contact('eve', 'CEO', co!.id);
    await event('dan', 'Content Downloaded');
    await event('dan', 'Content Downloaded');
    await score('ana', 'dan', 'bob', 'cid', 'eve');
  }, 120_000);
  afterAll(() => t.cleanup());

  it('writes a first line of history for each contact scored, and suppresses those scoring puts in the suppress quadrant', async () => {
    expect(await reasons('ana')).toEqual(['First scored: fit 50, interest 0 (Nurture)']);
    expect(await reasons('dan')).toEqual(['First scored: fit 50, interest 16 (Nurture)']);
    expect(await reasons('bob')).toEqual(['First scored: fit -30, interest 0 (Suppress)']);
    expect(await contactSuppression(db, ids.bob!)).toMatchObject({ source: 'quadrant', reason: 'Poor fit and no interest (suppress quadrant)', by_name: null });
    expect(await contactSuppression(db, ids.cid!)).toMatchObject({ source: 'quadrant' });
    expect(await contactSuppression(db, ids.ana!)).toBeNull();
  });

  it('writes nothing when a rescoring changes nothing people see', async () => {
    await score('ana', 'dan');
    clock.advance(60_000); // a minute of decay moves interest 16 by far less than a point
    await score('dan');
    expect(await reasons('dan')).toHaveLength(1);
  });

  it('lists the nurture quadrant closest to hot first, with the interest each still needs, leaving the suppressed out', async () => {
    await suppressContact({ ...ctx, actor: { type: 'user', id: '1', role: 'admin' } }, ids.eve!, { reason: 'Asked not to be emailed' });
    const list = await nurtureList(ctx, {});
    expect(list.interest_threshold).toBe(30);
    expect(list.data.map((n) => [n.name, n.fit, Math.round(n.interest), Math.round(n.interest_needed)])).toEqual([['dan', 50, 16, 14], ['ana', 50, 0, 30]]);
    const byFit = await nurtureList(ctx, { sort: '-interest', limit: 1 });
    expect(byFit.data.map((n) => n.name)).toEqual(['dan']);
    const next = await nurtureList(ctx, { sort: '-interest', limit: 1, cursor: byFit.next_cursor! });
    expect(next.data.map((n) => n.name)).toEqual(['ana']);
    expect(next.next_cursor).toBeNull();
  });

  it('says what changed a score: the rule that moved it most, and the quadrant it left', async () => {
    await event('dan', 'Demo Requested');
    await score('dan');
    await db.query(`UPDATE contacts SET job_title = 'Analyst' WHERE id = $1`, [ids.ana]);
    await score('ana');
    expect((await reasons('dan')).at(-1)).toBe('Interest 16 → 46: Demo requested · Quadrant Nurture → Hot');
    expect((await reasons('ana')).at(-1)).toBe('Fit 50 → 30: no longer Decision-maker title');
    const last = (await contactScoreHistory(ctx, ids.dan!)).data.at(-1)!;
    expect([last.prev_quadrant, last.quadrant, last.prev_fit, last.fit]).toEqual(['nurture', 'hot', 50, 50]);
  });

  it('lifts a suppression scoring made when the contact leaves the quadrant, never one a person made', async () => {
    await bulkSuppress(ctx, { contact_ids: [ids.bob!], reason: 'Competitor' });
    expect(await contactSuppression(db, ids.bob!)).toMatchObject({ source: 'manual', reason: 'Competitor' });
    await event('bob', 'Contact Sales Requested');
    await event('cid', 'Contact Sales Requested');
    await score('bob', 'cid');
    expect((await reasons('cid')).at(-1)).toBe('Interest 0 → 40: Asked to talk to sales · Quadrant Suppress → Fan');
    expect(await contactSuppression(db, ids.cid!)).toBeNull();
    expect(await contactSuppression(db, ids.bob!)).toMatchObject({ source: 'manual', reason: 'Competitor' });
  });

  it('keeps a lifted suppression lifted while the contact stays in the quadrant, and suppresses none when the workspace says so', async () => {
    const zed = await contact('zed', null, null);
    await saveSuppressionSettings(db, { auto_suppress: false });
    await score('zed');
    expect(await contactSuppression(db, zed)).toBeNull();
    await saveSuppressionSettings(db, { auto_suppress: true });
    const kim = await contact('kim', 'Intern', null);
    await score('kim');
    expect(await unsuppressContact(ctx, kim)).toBe(true);
    clock.advance(86_400_000);
    await score('kim');
    expect(await contactSuppression(db, kim)).toBeNull();
  });

  it('leaves every suppressed contact out of the marketing audience, and lists them for the email and ad tools', async () => {
    // Suppressed now: bob (by hand), eve (by hand). cid left the quadrant; zed and kim are not suppressed.
    expect(await audienceEmails()).toEqual(['ana@example.test', 'cid@example.test', 'dan@example.test', 'kim@example.test', 'zed@example.test']);
    const page = await listAudience(ctx, { sort: 'email' });
    expect(page.total).toBe(5);
    expect(page.data.every((c) => !c.suppressed)).toBe(true);
    const list = await suppressionList(ctx, { sort: 'name' });
    expect(list.data.map((s) => [s.email, s.source, s.reason])).toEqual([['bob@example.test', 'manual', 'Competitor'], ['eve@example.test', 'manual', 'Asked not to be emailed']]);
    await expect(listAudience(ctx, { filters: { suppressed: 'true' } })).rejects.toMatchObject({ details: { errors: [{ field: 'suppressed' }] } });
  });

  it('keeps a manual suppression when the suppressed contact is merged into another', async () => {
    const eve2 = await contact('eve2', 'CEO', null);
    await mergeContacts(ctx, eve2, { other_id: ids.eve });
    expect(await contactSuppression(db, eve2)).toMatchObject({ source: 'manual', reason: 'Asked not to be emailed' });
    expect(await audienceEmails()).not.toContain('eve2@example.test');
  });
});
