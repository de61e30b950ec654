import { describe, expect, it } from 'vitest';
import { createTestDb, testBackends } from '../../testing/test-db.js';

// Migration 0038 traded the stage columns' foreign keys for CHECKs over the fixed keys: what the
// foreign keys refused must still be refused, every real key still accepted, and the keys kept
// fixed so that the CHECK and the table never disagree.
describe.each(testBackends())('stage keys checked without foreign keys on %s', (backend) => {
  it('accepts every stage key on contacts, companies and transitions, refuses any other, keeps the keys fixed, and keeps deals in their pipelines', async () => {
    const t = await createTestDb(backend);
    try {
      const db = t.db;
      const keys = (await db.query<{ key: string }>('SELECT key FROM lifecycle_stages ORDER BY key')).map((r) => r.key);
      expect(keys).toHaveLength(8);
      const [company] = await db.query<{ id: number }>(`INSERT INTO companies (name, lifecycle_stage) VALUES ('Acme', 'lead') RETURNING id`);
      for (const [i, key] of keys.entries()) {
        const [c] = await db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, $2) RETURNING id`, [`p${i}@acme.example`, key]);
        await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, $2, 'forward', now(), 'system')`, [c!.id, key]);
        await db.query('UPDATE companies SET lifecycle_stage = $2 WHERE id = $1', [company!.id, key]);
      }

      const refused = async (sql: string, params: unknown[] = []) => {
        const err = await db.query(sql, params).then(() => null, (e: Error & { code?: string }) => e);
        expect(err, sql).not.toBeNull();
        return err!;
      };
      for (const bad of ['prospect', 'MQL', '']) {
        expect((await refused(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ('x@acme.example', 'x@acme.example', $1)`, [bad])).code).toBe('23514');
        expect((await refused('UPDATE companies SET lifecycle_stage = $2 WHERE id = $1', [company!.id, bad])).code).toBe('23514');
        const [c] = await db.query<{ id: number }>('SELECT min(id) AS id FROM contacts');
        expect((await refused(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', $2, 'forward', now(), 'system')`, [c!.id, bad])).code).toBe('23514');
        expect((await refused(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, $2, 'lead', 'forward', now(), 'system')`, [c!.id, bad])).code).toBe('23514');
      }
      // A first move has no stage before it.
      const [c] = await db.query<{ id: number }>('SELECT min(id) AS id FROM contacts');
      await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, NULL, 'lead', 'create', now(), 'system')`, [c!.id]);

      // Labels and descriptions change; keys are never added, renamed or removed.
      await db.query(`UPDATE lifecycle_stages SET label = 'Hot lead', description = 'Warm' WHERE key = 'lead'`);
      expect((await db.query<{ label: string }>(`SELECT label FROM lifecycle_stages WHERE key = 'lead'`))[0]!.label).toBe('Hot lead');
      expect((await refused(`INSERT INTO lifecycle_stages (key, label, position) VALUES ('prospect', 'Prospect', 9)`)).message).toMatch(/keys are fixed/);
      expect((await refused(`UPDATE lifecycle_stages SET key = 'prospect' WHERE key = 'lead'`)).message).toMatch(/keys are fixed/);
      expect((await refused(`DELETE FROM lifecycle_stages WHERE key = 'other'`)).message).toMatch(/keys are fixed/);
      expect((await db.query<{ key: string }>('SELECT key FROM lifecycle_stages ORDER BY key')).map((r) => r.key)).toEqual(keys);

      // A deal's pipeline is held by its stage key alone: neither a pipeline nor a stage can go
      // from under a deal, and a deal cannot name a pipeline that does not exist.
      const [pipeline] = await db.query<{ id: number }>(`INSERT INTO pipelines (name) VALUES ('Partners') RETURNING id`);
      await db.query(`INSERT INTO pipeline_stages (pipeline_id, key, label, position) VALUES ($1, 'intro', 'Intro', 1)`, [pipeline!.id]);
      await db.query(`INSERT INTO deals (name, pipeline_id, stage) VALUES ('Deal', $1, 'intro')`, [pipeline!.id]);
      expect((await refused('DELETE FROM pipelines WHERE id = $1', [pipeline!.id])).code).toBe('23503');
      expect((await refused(`DELETE FROM pipeline_stages WHERE pipeline_id = $1`, [pipeline!.id])).code).toBe('23503');
      expect((await refused(`INSERT INTO deals (name, pipeline_id, stage) VALUES ('Deal', $1, 'intro')`, [pipeline!.id + 1000])).code).toBe('23503');
      expect((await db.query<{ n: number }>('SELECT count(*)::int AS n FROM pipeline_stages WHERE pipeline_id = $1', [pipeline!.id]))[0]!.n).toBe(1);
    } finally {
      await t.cleanup();
    }
  });
});
