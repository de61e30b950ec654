import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { stageDates } from '../funnel/transitions.js';
import { createContact, getContact } from './contacts.js';
import { createDeal, updateDeal } from './deals.js';
import { setPipelineStages } from './pipelines.js';

describe.each(testBackends())('deals and the funnel on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-02-01T10:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'user', id: '1' } };
  });
  afterAll(() => t.cleanup());

  it('an open deal makes its contact an Opportunity; winning it makes contact and company Customer', async () => {
    const c = await createContact(ctx, { email: 'buyer@umbrella.com', lifecycle_stage: 'sql' });
    clock.advance(86400_000);
    const d = await createDeal(ctx, { name: 'Umbrella platform', stage: 'discovery', amount: 120000, contact_id: c.id });
    expect(d.company_id).toBe(c.company_id);
    expect((await getContact(t.db, c.id)).lifecycle_stage).toBe('opportunity');
    clock.advance(30 * 86400_000);
    const won = await updateDeal(ctx, d.id, { stage: 'closed_won' });
    expect(won.outcome).toBe('won');
    expect(won.close_date).toBe('2026-03-04');
    const after = await getContact(t.db, c.id);
    expect(after.lifecycle_stage).toBe('customer');
    expect(after.company!.lifecycle_stage).toBe('customer');
    const became = await stageDates(t.db, 'contact', c.id);
    expect(became.customer).toBe('2026-03-04T10:00:00.000Z');
    const [tr] = await t.db.query<{ actor_type: string; reason: string }>(
      `SELECT actor_type, reason FROM stage_transitions WHERE object_type = 'contact' AND object_id = $1 AND to_stage = 'customer'`, [c.id]);
    expect(tr).toEqual({ actor_type: 'deal', reason: `deal ${d.id} "Umbrella platform" won` });
  });

  it('requires a lost reason to lose a deal, and refuses a stage the pipeline does not have', async () => {
    const d = await createDeal(ctx, { name: 'Small one', stage: 'proposal', amount: 5000 });
    await expect(updateDeal(ctx, d.id, { stage: 'closed_lost' })).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ field: 'lost_reason' }] } });
    await expect(updateDeal(ctx, d.id, { stage: 'won_maybe' })).rejects.toMatchObject({ code: 'validation_failed' });
    const lost = await updateDeal(ctx, d.id, { stage: 'closed_lost', lost_reason: 'price' });
    expect(lost).toMatchObject({ outcome: 'lost', lost_reason: 'price' });
    const changes = await t.db.query<{ property: string; old_value: unknown; new_value: unknown }>(
      `SELECT property, old_value, new_value FROM property_changes WHERE object_type = 'deal' AND object_id = $1 AND property = 'stage'`, [d.id]);
    expect(changes).toEqual([{ property: 'stage', old_value: 'proposal', new_value: 'closed_lost' }]);
  });

  it('a won deal never moves a Customer backwards, nor an Evangelist', async () => {
    const c = await createContact(ctx, { email: 'fan@wayne.com', lifecycle_stage: 'evangelist' });
    await createDeal(ctx, { name: 'Upsell', stage: 'closed_won', amount: 10, contact_id: c.id });
    expect((await getContact(t.db, c.id)).lifecycle_stage).toBe('evangelist');
  });

  it('pipeline stages are configurable but a stage holding deals cannot be removed', async () => {
    await expect(setPipelineStages(t.db, 1, { stages: [{ key: 'discovery', label: 'Discovery' }, { key: 'closed_won', label: 'Won', outcome: 'won' }] }))
      .rejects.toMatchObject({ code: 'conflict' });
    const p = await setPipelineStages(t.db, 1, {
      stages: [
        { key: 'discovery', label: 'Qualification' }, { key: 'demo', label: 'Demo' }, { key: 'proposal', label: 'Proposal' },
        { key: 'negotiation', label: 'Negotiation' }, { key: 'legal', label: 'Legal review' },
        { key: 'closed_won', label: 'Closed Won', outcome: 'won' }, { key: 'closed_lost', label: 'Closed Lost', outcome: 'lost' },
      ],
    });
    expect(p.stages.map((s) => s.key)).toEqual(['discovery', 'demo', 'proposal', 'negotiation', 'legal', 'closed_won', 'closed_lost']);
    expect(p.stages[0]!.label).toBe('Qualification');
  });
});
