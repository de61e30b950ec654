import { describe, expect, it } from 'vitest';
import { dbAtMigration } from '../../testing/db-at-migration.js';
import { testBackends } from '../../testing/test-db.js';
import { migrate } from '../migrate.js';

// Migration 0044 keeps the score reasons as json instead of jsonb (a rescore's upsert spent most
// of its time parsing them into jsonb): a score written before it reads back the same after it.
describe.each(testBackends())('score reasons as json on %s', (backend) => {
  it('keeps every stored reason, and stores new ones as written', async () => {
    const { db, cleanup } = await dbAtMigration(backend, 43, 'm0044');
    try {
      const fit = [{ ruleId: 'decision-maker', label: 'Decision-maker title', points: 20, value: 'CFO' }, { ruleId: 'size', label: '200+ employees', points: 15, value: 1074 }];
      const interest = [{ ruleId: 'page-view', label: 'Page view', kind: 'event', count: 14, points: 3.84 }, { ruleId: 'frequent', label: 'Frequent', kind: 'frequency', count: 16, points: 9.5, since: '2026-05-01T10:00:00.000Z' }];
      const [c] = await db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized) VALUES ('a@x.test', 'a@x.test') RETURNING id`);
      await db.query(
        `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at) VALUES ($1, 35, 13.34, 'nurture', $2::jsonb, $3::jsonb, 1, now())`,
        [c!.id, JSON.stringify(fit), JSON.stringify(interest)],
      );
      expect(await migrate(db)).toEqual([44]);
      const types = await db.query<{ column_name: string; data_type: string }>(
        `SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'contact_scores' AND column_name LIKE '%reasons' ORDER BY 1`);
      expect(types).toEqual([{ column_name: 'fit_reasons', data_type: 'json' }, { column_name: 'interest_reasons', data_type: 'json' }]);
      const [row] = await db.query<{ fit_reasons: unknown; interest_reasons: unknown }>('SELECT fit_reasons, interest_reasons FROM contact_scores WHERE contact_id = $1', [c!.id]);
      expect(row).toEqual({ fit_reasons: fit, interest_reasons: interest });
      // A write after it is checked as JSON: text that is not JSON is refused.
      await expect(db.query(`UPDATE contact_scores SET fit_reasons = '[{' WHERE contact_id = $1`, [c!.id])).rejects.toThrow(/json/i);
    } finally {
      await cleanup();
    }
  });
});
