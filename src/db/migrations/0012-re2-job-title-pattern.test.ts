import { describe, expect, it } from 'vitest';
import { defaultScoringModel } from '../../domains/scoring/default-scoring.js';
import { rightJobTitlePattern } from '../../domains/scoring/mql-examples.js';
import { activeMqlDefinition, activeScoringModel } from '../../domains/scoring/scoring-settings.js';
import { activeRoutingRules } from '../../domains/sla/routing-rules.js';
import { createTestDb, testBackends } from '../../testing/test-db.js';
import { sql } from './0012-re2-job-title-pattern.js';

const lookahead = String.raw`^(?!.*\b(assistant|intern|student)\b).*\b(c[efimorst]o|chief|founder|co-founder|owner|president|vp|svp|evp|head of|director)\b`;

describe.each(testBackends())('migration 0012 on %s', (backend) => {
  it('rewrites the lookahead job-title pattern saved from the defaults, and nothing else', async () => {
    const t = await createTestDb(backend);
    try {
      const fit = defaultScoringModel.fit.map((r) => (r.id === 'decision-maker' ? { ...r, value: lookahead } : r));
      await t.db.query(`INSERT INTO scoring_models (version, model, created_at) VALUES (1, $1, now())`, [JSON.stringify({ ...defaultScoringModel, fit })]);
      const condition = (value: string) => ({ kind: 'property', field: 'contact.job_title', op: 'matches', value });
      const definition = { clauses: [{ id: 'c', label: 'C', conditions: [condition(lookahead), condition(`${lookahead}x`), { kind: 'behaviour', event: 'Demo Requested', minCount: 1 }] }] };
      await t.db.query(`INSERT INTO mql_definitions (version, definition, fingerprint, created_at) VALUES (1, $1, 'f', now())`, [JSON.stringify(definition)]);
      const rules = { rules: [{ id: 'r', name: 'R', team: 'SDR', conditions: [{ field: 'contact.job_title', op: 'matches', value: lookahead }] }], fallbackTeam: null, keepExistingOwner: true };
      await t.db.query(`INSERT INTO app_settings (key, value) VALUES ('routing_rules', $1)`, [JSON.stringify(rules)]);

      await t.db.exec(sql);

      const model = (await activeScoringModel(t.db)).value;
      expect(model).toEqual(defaultScoringModel);
      expect(model.fit.find((r) => r.id === 'decision-maker')).toMatchObject({ value: rightJobTitlePattern });
      const conditions = (await activeMqlDefinition(t.db)).value.clauses[0]!.conditions;
      // Only a whole value equal to the old pattern is replaced.
      expect(conditions.map((c) => ('value' in c ? c.value : null))).toEqual([rightJobTitlePattern, `${lookahead}x`, null]);
      expect((await activeRoutingRules(t.db)).rules[0]!.conditions[0]).toMatchObject({ value: rightJobTitlePattern });
    } finally {
      await t.cleanup();
    }
  });
});
