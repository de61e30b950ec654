import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { logActivity } from './activities.js';
import { createCompany, getCompany } from './companies.js';
import { createContact, findContactIdByEmail, getContact } from './contacts.js';
import { createDeal } from './deals.js';
import { createUser } from './users.js';
import { mergeCompanies, mergeContacts } from './merge.js';
import { contactTimeline } from './timeline.js';

describe.each(testBackends())('merge on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-01-10T08:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    const u = await createUser(t.db, { name: 'Marta', email: 'marta@revloop.test', role: 'marketing' });
    ctx = { db: t.db, clock, actor: { type: 'user', id: String(u.id) } };
  });
  afterAll(() => t.cleanup());

  it('merges two contacts keeping all history, the furthest stage, and the loser email as an alias', async () => {
    const older = await createContact(ctx, { email: 'j.smith@gmail.com', first_name: 'John', original_source: 'Organic Search', lifecycle_stage: 'mql' });
    await logActivity(ctx, { type: 'call', outcome: 'no_answer', contact_id: older.id });
    clock.advance(86400_000);
    const winner = await createContact(ctx, { email: 'john.smith@hooli.com', last_name: 'Smith', job_title: 'CFO', original_source: 'Direct', lifecycle_stage: 'lead' });
    await createDeal(ctx, { name: 'Hooli', stage: 'demo', contact_id: winner.id });
    clock.advance(86400_000);

    const merged = await mergeContacts(ctx, winner.id, { other_id: older.id });
    expect(merged).toMatchObject({ id: winner.id, email: 'john.smith@hooli.com', first_name: 'John', last_name: 'Smith', job_title: 'CFO', original_source: 'Organic Search' });
    expect(merged.lifecycle_stage).toBe('opportunity');
    expect(new Date(merged.created_at).toISOString()).toBe('2026-01-10T08:00:00.000Z');
    expect(await findContactIdByEmail(t.db, ' J.Smith@Gmail.com')).toBe(winner.id);
    await expect(getContact(t.db, older.id)).rejects.toMatchObject({ code: 'not_found' });

    const tl = await contactTimeline(ctx, winner.id, { limit: 100 });
    const types = tl.data.map((i) => i.type);
    expect(types).toContain('merge');
    expect(types).toContain('activity');
    expect(types).toContain('deal_created');
    // Both contacts' creation transitions survive on the winner.
    expect(tl.data.filter((i) => i.type === 'stage_change' && i.data.kind === 'create')).toHaveLength(2);
    const [m] = await t.db.query<{ loser_snapshot: { email: string }; actor_id: string }>(`SELECT loser_snapshot, actor_id FROM merges WHERE winner_id = $1`, [winner.id]);
    expect(m).toMatchObject({ loser_snapshot: { email: 'j.smith@gmail.com' }, actor_id: ctx.actor.id });
    await expect(createContact(ctx, { email: 'j.smith@gmail.com' })).rejects.toMatchObject({ code: 'conflict', details: { existing_id: winner.id } });
  });

  it('merges companies, moving their contacts and filling blank firmographics', async () => {
    const a = await createCompany(ctx, { name: 'Initech', domain: 'initech.com', employees: 250 });
    const b = await createCompany(ctx, { name: 'Initech Inc', domain: 'initech.io', industry: 'Software', country: 'US' });
    const c = await createContact(ctx, { email: 'peter@initech.io' });
    expect(c.company_id).toBe(b.id);
    const merged = await mergeCompanies(ctx, a.id, { other_id: b.id });
    expect(merged).toMatchObject({ name: 'Initech', domain: 'initech.com', industry: 'Software', country: 'US', employees: 250, segment: 'mid_market', contact_count: 1 });
    expect((await getContact(t.db, c.id)).company_id).toBe(a.id);
    await expect(getCompany(t.db, b.id)).rejects.toMatchObject({ code: 'not_found' });
    await expect(mergeCompanies(ctx, a.id, { other_id: a.id })).rejects.toMatchObject({ code: 'validation_failed' });
  });
});
