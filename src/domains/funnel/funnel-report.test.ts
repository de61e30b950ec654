import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { createContact } from '../crm/contacts.js';
import { funnelReport } from './funnel-report.js';
import { contactStageTimes } from './stage-times.js';
import { moveStage, recycleContact } from './transitions.js';

const DAY = 86400_000;

describe.each(testBackends())('funnel report on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  const clock = fixedClock('2026-01-05T09:00:00Z');
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock, actor: { type: 'system' } };
    // January cohort: 4 leads. A → MQL after 2 days → SQL after 4 more; B → MQL after 10 days;
    // C skips straight to SQL after 3 days; D stays a lead.
    const ids: Record<string, number> = {};
    for (const k of ['a', 'b', 'c', 'd']) ids[k] = (await createContact(ctx, { email: `${k}@jan.example.com`, lifecycle_stage: 'lead' })).id;
    const at = (days: number) => new Date(Date.parse('2026-01-05T09:00:00Z') + days * DAY);
    await moveStage(ctx, 'contact', ids.a!, 'mql', null, at(2));
    await moveStage(ctx, 'contact', ids.a!, 'sql', null, at(6));
    await moveStage(ctx, 'contact', ids.b!, 'mql', null, at(10));
    await moveStage(ctx, 'contact', ids.c!, 'sql', null, at(3));
    // A recycled later: it stays counted as having reached SQL.
    clock.set(at(20));
    await recycleContact(ctx, ids.a!, { reason: 'no budget' });
    // February cohort: one subscriber.
    clock.set('2026-02-10T09:00:00Z');
    await createContact(ctx, { email: 'feb@feb.example.com' });
  });
  afterAll(() => t.cleanup());

  it('counts current stages, stages reached (skips pass through), conversions and median days', async () => {
    const r = await funnelReport(t.db, { from: '2026-01', to: '2026-02', now: clock.now() });
    const byKey = Object.fromEntries(r.stages.map((s) => [s.key, s]));
    expect(byKey.subscriber).toMatchObject({ count: 1, reached: 5 });
    expect(byKey.lead).toMatchObject({ count: 2, reached: 4 });
    expect(byKey.mql).toMatchObject({ count: 1, reached: 3 });
    expect(byKey.sql).toMatchObject({ count: 1, reached: 2 });
    expect(byKey.opportunity).toMatchObject({ count: 0, reached: 0 });
    const conv = Object.fromEntries(r.conversions.map((c) => [`${c.from}>${c.to}`, c]));
    expect(conv['lead>mql']!.rate).toBeCloseTo(3 / 4);
    expect(conv['mql>sql']!.rate).toBeCloseTo(2 / 3);
    expect(conv['sql>opportunity']!.rate).toBe(0);
    expect(conv['opportunity>customer']!.rate).toBeNull();
    // Median of A (2 days) and B (10 days) from lead to MQL; C skipped MQL so it has no lead→MQL time.
    expect(conv['lead>mql']).toMatchObject({ median_days: 6, sample: 2 });
    expect(conv['mql>sql']).toMatchObject({ median_days: 4, sample: 1 });
    expect(r.cohorts).toEqual([
      { month: '2026-01', created: 4, reached: { subscriber: 4, lead: 4, mql: 3, sql: 2, opportunity: 0, customer: 0, evangelist: 0 } },
      { month: '2026-02', created: 1, reached: { subscriber: 1, lead: 0, mql: 0, sql: 0, opportunity: 0, customer: 0, evangelist: 0 } },
    ]);
  });

  it("counts the window's movement: contacts of any age first reaching each stage in it", async () => {
    // 7–11 January: nobody was created then, but A became an MQL (7th) and an SQL (11th), and C an
    // SQL (8th, skipping MQL, which it never reached). B's MQL (15th) falls outside.
    const r = await funnelReport(t.db, { window: { from: new Date('2026-01-07T00:00:00Z'), to: new Date('2026-01-12T00:00:00Z') }, now: clock.now() });
    expect(Object.fromEntries(r.stages.map((s) => [s.key, s.moved]))).toEqual({ subscriber: 0, lead: 0, mql: 1, sql: 2, opportunity: 0, customer: 0, evangelist: 0 });
    expect(r.stages.every((s) => s.reached === 0)).toBe(true);
  });

  it('gives the median and mean days the cohort stayed in each stage, over the stays that ended', async () => {
    // Lead stays that ended: A 2 days, B 10, C 3 (A's second one, since its recycling, goes on, as D's does).
    // MQL: A's 4 days (B is still an MQL). SQL: A's 14 days until it was recycled (C is still an SQL).
    const r = await funnelReport(t.db, { from: '2026-01', to: '2026-02', now: clock.now() });
    const days = Object.fromEntries(r.stages.map((s) => [s.key, [s.median_days_in_stage, s.mean_days_in_stage, s.stays]]));
    expect(days).toEqual({ subscriber: [null, null, 0], lead: [3, 5, 3], mql: [4, 4, 1], sql: [14, 14, 1], opportunity: [null, null, 0], customer: [null, null, 0], evangelist: [null, null, 0] });
  });

  it("lists a contact's stays in each stage: entered, exited and days (to now while still in it)", async () => {
    const [a] = await t.db.query<{ id: number }>(`SELECT id FROM contacts WHERE email = 'a@jan.example.com'`);
    const times = await contactStageTimes({ ...ctx, clock: fixedClock('2026-02-10T09:00:00Z') }, a!.id);
    expect(times.data.map((s) => [s.stage, s.label, s.entered_at.toISOString().slice(0, 10), s.exited_at?.toISOString().slice(0, 10) ?? null, s.days])).toEqual([
      ['lead', 'Lead', '2026-01-05', '2026-01-07', 2],
      ['mql', 'MQL', '2026-01-07', '2026-01-11', 4],
      ['sql', 'SQL', '2026-01-11', '2026-01-25', 14],
      ['lead', 'Lead', '2026-01-25', null, 16],
    ]);
  });

  it('refuses a month that does not parse, naming the parameter', async () => {
    await expect(funnelReport(t.db, { from: '2026-13', now: clock.now() })).rejects.toMatchObject({ code: 'validation_failed', details: { errors: [{ field: 'from' }] } });
  });
});
