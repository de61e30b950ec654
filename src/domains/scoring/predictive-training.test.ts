import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertRows } from '../../db/bulk-insert.js';
import { fixedClock } from '../../shared/clock.js';
import { Random } from '../../shared/random.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { latestModelReport, trainAndApply } from './predictive-training.js';

// A data set that is not the demo: custom property "plan_interest", two industries, and demo
// requests drive who becomes a customer.
async function seed(t: TestDb) {
  const rng = new Random(11);
  await t.db.query(`INSERT INTO property_definitions (object_type, name, label, type) VALUES ('contact', 'plan_interest', 'Plan interest', 'string')`);
  await insertRows(t.db, 'companies', [['id', 'bigint'], ['name', 'text'], ['domain', 'text'], ['industry', 'text'], ['employees', 'int']],
    Array.from({ length: 40 }, (_, i) => [i + 1, `Co ${i}`, `co${i}.example.com`, i % 2 ? 'Financial Services' : 'Retail', 50 + i * 40]), { explicitIds: true });
  const contacts: unknown[][] = [];
  const transitions: unknown[][] = [];
  const events: unknown[][] = [];
  for (let i = 1; i <= 600; i++) {
    const company = 1 + (i % 40);
    const fin = company % 2 === 0;
    const demos = rng.chance(fin ? 0.5 : 0.15) ? rng.int(1, 3) : 0;
    const customer = rng.chance(0.02 + (fin ? 0.12 : 0) + demos * 0.12);
    const created = new Date(Date.parse('2025-06-01T00:00:00Z') + i * 3_600_000);
    contacts.push([i, `p${i}@co${company - 1}.example.com`, `p${i}@co${company - 1}.example.com`, company, 'lead', JSON.stringify({ plan_interest: rng.pick(['basic', 'pro', 'enterprise']) }), created, created]);
    transitions.push(['contact', i, null, 'lead', 'create', created, 'import']);
    if (customer) transitions.push(['contact', i, 'lead', 'customer', 'forward', new Date(created.getTime() + 60 * 86400_000), 'deal']);
    for (let d = 0; d < demos; d++) events.push([1, `d${i}-${d}`, 'track', 'Demo Requested', i, new Date(created.getTime() + 86400_000 * (d + 1)), created]);
  }
  await insertRows(t.db, 'contacts', [['id', 'bigint'], ['email', 'text'], ['email_normalized', 'text'], ['company_id', 'bigint'], ['lifecycle_stage', 'text'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']], contacts, { explicitIds: true });
  await insertRows(t.db, 'stage_transitions', [['object_type', 'text'], ['object_id', 'bigint'], ['from_stage', 'text'], ['to_stage', 'text'], ['kind', 'text'], ['at', 'timestamptz'], ['actor_type', 'text']], transitions);
  await insertRows(t.db, 'events', [['write_key_id', 'bigint'], ['message_id', 'text'], ['type', 'text'], ['event', 'text'], ['contact_id', 'bigint'], ['timestamp', 'timestamptz'], ['received_at', 'timestamptz']], events);
}

describe.each(testBackends())('predictive model on imported-style data (%s)', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
    await seed(t);
  });
  afterAll(() => t.cleanup());

  it('trains on outcomes, reports held-out AUC and calibration, scores everyone and explains with the drivers', async () => {
    const ctx = { db: t.db, clock: fixedClock('2026-11-20T12:00:00Z'), actor: { type: 'system' as const } };
    const r = await trainAndApply(ctx, { from: new Date('2025-01-01T00:00:00Z'), to: new Date('2026-11-21T00:00:00Z') }, 7);
    expect(r).toMatchObject({ version: 1, contacts_scored: 600 });
    expect(r.evaluation.auc).toBeGreaterThan(0.65);
    expect(r.evaluation.calibration.reduce((s, b) => s + b.n, 0)).toBe(r.evaluation.n_test);
    const [top] = await t.db.query<{ factors: { feature: string; direction: string }[] }>('SELECT factors FROM contact_predictions ORDER BY probability DESC LIMIT 1');
    expect(top!.factors[0]!.direction).toBe('raises');
    expect(top!.factors.map((f) => f.feature).join(' ')).toMatch(/Demo Requested|Financial Services/);
    expect((await latestModelReport(t.db))!.version).toBe(1);
  });

  it('refuses to train without enough outcomes, saying what to do', async () => {
    const ctx = { db: t.db, clock: fixedClock('2026-11-20T12:00:00Z'), actor: { type: 'system' as const } };
    await expect(trainAndApply(ctx, { from: new Date('2020-01-01T00:00:00Z'), to: new Date('2020-02-01T00:00:00Z') })).rejects.toMatchObject({ code: 'validation_failed', message: expect.stringContaining('Widen the window') });
  });
});
