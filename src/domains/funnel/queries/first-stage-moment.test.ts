import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../../../testing/test-db.js';
import type { Stage } from '../stages.js';
import { firstStageAtSql, type SqlParam } from './first-stage-moment.js';

describe('firstStageAtSql', () => {
  it('splices only a known stage, a plain alias and a placeholder into the SQL', () => {
    expect(() => firstStageAtSql("mql' OR true --" as Stage, 'f')).toThrow(/not a stage/);
    expect(() => firstStageAtSql('mql', 'f; DROP TABLE contacts')).toThrow(/alias/);
    expect(() => firstStageAtSql('mql', 'f', { before: '$1 OR true' as SqlParam })).toThrow(/placeholder/);
    expect(firstStageAtSql('mql', 'f', { before: '$1' })).toMatch(/stage = 'mql' AND first_at < \$1\) f$/);
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

  it('stays equal to the transitions through new moves, a merge moving them and an erasure deleting them', async () => {
    const t = await createTestDb(backend);
    try {
      const raw = `SELECT object_id AS contact_id, to_stage AS stage, min(at) AS first_at FROM stage_transitions WHERE object_type = 'contact' GROUP BY 1, 2`;
      const same = async () => {
        const norm = (rows: { contact_id: number; stage: string; first_at: Date }[]) => rows.map((r) => `${r.contact_id} ${r.stage} ${new Date(r.first_at).toISOString()}`).sort();
        const expected = norm(await t.db.query(raw));
        expect(norm(await t.db.query('SELECT contact_id, stage, first_at FROM contact_stage_firsts'))).toEqual(expected);
        return expected.length;
      };
      const [a, b] = (await t.db.query<{ id: number }>(
        `INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('a@x.test', 'a@x.test', 'mql'), ('b@x.test', 'b@x.test', 'lead') RETURNING id`,
      )).map((r) => Number(r.id));
      const move = (id: number, to: string, at: string) => t.db.query(
        `INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, NULL, $2, 'import', $3, 'import')`, [id, to, at]);
      await move(a!, 'lead', '2026-01-05T00:00:00Z');
      await move(a!, 'mql', '2026-01-09T00:00:00Z');
      await move(b!, 'lead', '2026-01-02T00:00:00Z');
      await move(b!, 'mql', '2026-01-03T00:00:00Z');
      await move(a!, 'mql', '2026-01-07T00:00:00Z'); // an earlier moment arriving later
      expect(await same()).toBe(4);
      // A merge moves b's history onto a: a's firsts become the earlier of both.
      await t.db.query(`UPDATE stage_transitions SET object_id = $1 WHERE object_type = 'contact' AND object_id = $2`, [a, b]);
      expect(await same()).toBe(2);
      const [m] = await t.db.query<{ first_at: Date }>(`SELECT first_at FROM contact_stage_firsts WHERE contact_id = $1 AND stage = 'mql'`, [a]);
      expect(new Date(m!.first_at).toISOString()).toBe('2026-01-03T00:00:00.000Z');
      await t.db.query(`DELETE FROM stage_transitions WHERE object_id = $1 AND to_stage = 'mql' AND at < '2026-01-08'`, [a]);
      expect(await same()).toBe(2);
      await t.db.query(`DELETE FROM stage_transitions WHERE object_id = $1`, [a]);
      expect(await same()).toBe(0);
      await move(b!, 'sql', '2026-02-01T00:00:00Z');
      await t.db.query('SELECT contact_stage_firsts_rebuild()');
      expect(await same()).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
