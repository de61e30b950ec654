import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { writeJsonSetting } from './json-setting.js';
import { activeRoutingRules } from './routing-rules.js';

describe.each(testBackends())('reading saved routing rules on %s', (backend) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(backend);
  });
  afterAll(() => t.cleanup());

  it('skips a rule that no longer passes its checks instead of stopping all routing', async () => {
    // Saved before user patterns ran on RE2: a lookahead, which RE2 refuses.
    await writeJsonSetting(t.db, 'routing_rules', {
      rules: [
        { id: 'old', name: 'Old pattern', conditions: [{ field: 'contact.job_title', op: 'matches', value: '^(?!intern).*manager' }], team: 'SDR' },
        { id: 'iberia', name: 'Iberia', conditions: [{ field: 'company.country', op: 'in', value: ['ES', 'PT'] }], team: 'Iberia' },
      ],
      fallbackTeam: 'SDR',
      keepExistingOwner: true,
    });
    const rules = await activeRoutingRules(t.db);
    expect(rules.rules.map((r) => r.id)).toEqual(['iberia']);
    expect(rules.fallbackTeam).toBe('SDR');
  });
});
