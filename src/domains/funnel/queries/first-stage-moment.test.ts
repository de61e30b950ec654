import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../../../testing/test-db.js';
import type { Stage } from '../stages.js';
import { firstStageAtSql, type SqlParam } from './first-stage-moment.js';

describe('firstStageAtSql', () => {
  it('splices only a known stage, a plain alias and a placeholder into the SQL', () => {
    expect(() => firstStageAtSql("mql' OR true --" as Stage, 'f')).toThrow(/not a stage/);
    expect(() => firstStageAtSql('mql', 'f; DROP TABLE contacts')).toThrow(/alias/);
    expect(() => firstStageAtSql('mql', 'f', { before: '$1 OR true' as SqlParam })).toThrow(/placeholder/);
    expect(firstStageAtSql('mql', 'f', { before: '$1' })).toMatch(/to_stage = 'mql' AND at < \$1 GROUP BY object_id\) f$/);
  });
});

describe.each(testBackends())('the first moment of a stage on %s', (backend) => {
  it("is each contact's earliest move to it; `before` counts only moves before the bound", async () => {
    const t = await createTestDb(backend);
    try {
      const [a, b] = (await t.db.query<{ id: number }>(
        `INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('a@x.test', 'a@x.test', 'mql'), ('b@x.test', 'b@x.test', 'mql') RETURNING id`,
      )).map((r) => Number(r.id));
      await t.db.query(
        `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type)
         VALUES ('contact', $1, 'lead', 'mql', 'import', '2026-02-01T00:00:00Z', 'import'),
                ('contact', $1, 'lead', 'mql', 'import', '2026-01-01T00:00:00Z', 'import'),
                ('contact', $2, 'lead', 'mql', 'import', '2026-03-01T00:00:00Z', 'import'),
                ('contact', $2, 'mql', 'customer', 'import', '2026-04-01T00:00:00Z', 'import')`,
        [a, b],
      );
      const rows = async (sql: string, params: unknown[] = []) =>
        (await t.db.query<{ contact_id: number; at: Date }>(`SELECT f.contact_id, f.at FROM ${sql} ORDER BY 1`, params))
          .map((r) => [Number(r.contact_id), new Date(r.at).toISOString()]);

      expect(await rows(firstStageAtSql('mql', 'f'))).toEqual([[a, '2026-01-01T00:00:00.000Z'], [b, '2026-03-01T00:00:00.000Z']]);
      expect(await rows(firstStageAtSql('customer', 'f'))).toEqual([[b, '2026-04-01T00:00:00.000Z']]);
      expect(await rows(firstStageAtSql('mql', 'f', { before: '$1' }), ['2026-03-01T00:00:00Z'])).toEqual([[a, '2026-01-01T00:00:00.000Z']]);
    } finally {
      await t.cleanup();
    }
  });
});
