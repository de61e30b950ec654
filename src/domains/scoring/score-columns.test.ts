import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../../shared/clock.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import type { Ctx } from '../context.js';
import { fitScore } from './fit-score.js';
import { scoreContacts } from './score-contacts.js';
import type { ScoringModel } from './score-rules.js';
import { activeMqlDefinition, saveMqlDefinition } from './scoring-settings.js';

// Scoring reads only the columns its rules name (score-contacts.ts, columnsRead): the fit reasons
// must be what fitScore gives from the whole rows, custom properties included, and a stored rule
// naming a column that does not exist reads nothing rather than failing the scoring.
const model: ScoringModel = {
  fit: [
    { id: 'title', label: 'Decision-maker', field: 'contact.job_title', op: 'matches', value: '\\b(cfo|vp)\\b', points: 20 },
    { id: 'role', label: 'Buying role', field: 'contact.properties.buying_role', op: 'equals', value: 'decision_maker', points: 7.5 },
    { id: 'industry', label: 'Software', field: 'company.industry', op: 'in', value: ['Software'], points: 10 },
    { id: 'tier', label: 'Gold account', field: 'company.properties.tier', op: 'equals', value: 'gold', points: 5 },
    { id: 'gone', label: 'A column since removed', field: 'contact.legacy_score', op: 'exists', value: true, points: 50 },
    { id: 'blank-phone', label: 'No phone', field: 'contact.phone', op: 'exists', value: false, points: -1 },
  ],
  interest: [],
  frequency: [],
  halfLifeDays: null,
  thresholds: { fit: 30, interest: 0 },
};

describe.each(testBackends())('scoring reads the columns its rules name, on %s', (backend) => {
  let t: TestDb;
  let ctx: Ctx;
  beforeAll(async () => {
    t = await createTestDb(backend);
    ctx = { db: t.db, clock: fixedClock('2026-06-10T09:00:00Z'), actor: { type: 'system', id: 'test' } };
    // Stored as an older version could have left it: unchecked against today's columns.
    await t.db.query(`INSERT INTO scoring_models (version, model, created_at) VALUES (1, $1, now())`, [JSON.stringify(model)]);
    const definition = (await activeMqlDefinition(t.db)).value;
    await saveMqlDefinition(ctx, {
      clauses: [{ id: 'spain', label: 'Good fit in Spain', mqlType: 'other', conditions: [{ kind: 'property', field: 'company.country', op: 'equals', value: 'ES' }, { kind: 'score', score: 'fit', op: 'gte', value: 30 }] }, ...definition.clauses],
    }, 'new_activity');
    await t.db.exec(`
      INSERT INTO companies (id, name, industry, country, properties, lifecycle_stage) OVERRIDING SYSTEM VALUE VALUES
        (1, 'Acme', 'Software', 'ES', '{"tier": "gold"}', 'lead'), (2, 'Beta', 'Retail', 'FR', '{"tier": "silver"}', 'lead');
      INSERT INTO contacts (email, email_normalized, job_title, phone, company_id, lifecycle_stage, properties) VALUES
        ('a@x.test', 'a@x.test', 'CFO', NULL, 1, 'lead', '{"buying_role": "decision_maker"}'),
        ('b@x.test', 'b@x.test', 'Analyst', '+34 600', 2, 'lead', '{"buying_role": "user"}'),
        ('c@x.test', 'c@x.test', 'VP Sales', '', 2, 'lead', '{}');
    `);
  });
  afterAll(() => t?.cleanup());

  it('gives the reasons fitScore gives from the whole rows, and qualifies by a company column', async () => {
    const contacts = await t.db.query<Record<string, unknown> & { id: number; company_id: number }>('SELECT * FROM contacts ORDER BY id');
    const companies = new Map((await t.db.query<Record<string, unknown> & { id: number }>('SELECT * FROM companies')).map((c) => [Number(c.id), c]));
    const run = await scoreContacts(ctx, contacts.map((c) => Number(c.id)));
    expect(run.scored).toBe(3);
    const stored = await t.db.query<{ contact_id: number; fit: string; fit_reasons: unknown[] }>('SELECT contact_id, fit, fit_reasons FROM contact_scores ORDER BY contact_id');
    const expected = contacts.map((c) => fitScore(model, { contact: c, company: companies.get(Number(c.company_id)) ?? null }));
    expect(stored.map((s) => s.fit_reasons)).toEqual(expected.map((e) => e.reasons));
    expect(stored.map((s) => Number(s.fit))).toEqual([41.5, 0, 19]);
    // Only the CFO at the Spanish company meets the clause that reads company.country.
    const stages = await t.db.query<{ lifecycle_stage: string; mql_clause: string | null }>('SELECT lifecycle_stage, mql_clause FROM contacts ORDER BY id');
    expect(stages).toEqual([{ lifecycle_stage: 'mql', mql_clause: 'spain' }, { lifecycle_stage: 'lead', mql_clause: null }, { lifecycle_stage: 'lead', mql_clause: null }]);
  });
});
