import { describe, expect, it } from 'vitest';
import { runReport } from '../../reports/report-registry.js';
import { fixedClock } from '../../shared/clock.js';
import { scoredMql } from '../../testing/scored-mql.js';
import { createTestDb, testBackends, type TestDb } from '../../testing/test-db.js';
import { activeMqlScoreTarget, mqlScores, saveMqlScoreTarget } from './mql-scores.js';

const mql = (t: TestDb, email: string, type: string, at: string, scores: [number, number] | null) => scoredMql(t.db, email, type, at, scores);

describe.each(testBackends())('average score of MQLs delivered on %s', (backend) => {
  it('averages the scores at the MQL moment per month and type, against the target, and warns when the month falls below it', async () => {
    const t = await createTestDb(backend);
    try {
      // May: two contact-sales MQLs (80/60, 60/40) and three webinar ones (30/50; never scored; 50/20 recorded before scores were kept).
      const a = await mql(t, 'a@x.test', 'contact_sales', '2026-05-04T10:00:00Z', [80, 60]);
      await mql(t, 'b@x.test', 'contact_sales', '2026-05-05T10:00:00Z', [60, 40]);
      await mql(t, 'c@x.test', 'webinar', '2026-05-06T10:00:00Z', [30, 50]);
      await mql(t, 'd@x.test', 'webinar', '2026-05-07T10:00:00Z', null);
      const e = await mql(t, 'e@x.test', 'webinar', '2026-05-08T10:00:00Z', [50, 20]);
      await t.db.query('UPDATE contacts SET mql_fit = NULL, mql_interest = NULL WHERE id = $1', [e]);
      // The score at the MQL moment is what counts: A's fit dropping later changes nothing.
      expect(await t.db.query('SELECT mql_fit::float8 AS fit, mql_interest::float8 AS interest FROM contacts WHERE id = $1', [a])).toEqual([{ fit: 80, interest: 60 }]);
      await t.db.query('UPDATE contact_scores SET fit = 10 WHERE contact_id = $1', [a]);
      // April: one webinar MQL at 70/70. March: one at 20/20, which became an MQL again in May (still March's).
      await mql(t, 'f@x.test', 'webinar', '2026-04-10T10:00:00Z', [70, 70]);
      const g = await mql(t, 'g@x.test', 'webinar', '2026-03-10T10:00:00Z', [20, 20]);
      await t.db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'mql', 'forward', '2026-05-20T10:00:00Z', 'rule')`, [g]);

      await saveMqlScoreTarget(t.db, { fit: 60, interest: 40 });
      const r = await mqlScores(t.db, '2026-05');
      expect(r.months.map((m) => m.month)).toEqual(['2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05']);
      const may = r.months[5]!;
      expect(may).toMatchObject({ mqls: 5, scored: 4, at_current: 1, avg_fit: 55, avg_interest: 42.5, below_target: { fit: true, interest: false } });
      expect(may.by_type).toEqual([
        { mql_type: 'webinar', mqls: 3, scored: 2, at_current: 1, avg_fit: 40, avg_interest: 35 },
        { mql_type: 'contact_sales', mqls: 2, scored: 2, at_current: 0, avg_fit: 70, avg_interest: 50 },
      ]);
      expect(r.months[4]).toMatchObject({ mqls: 1, avg_fit: 70, avg_interest: 70, below_target: { fit: false, interest: false } });
      expect(r.months[3]).toMatchObject({ mqls: 1, avg_fit: 20, below_target: { fit: true, interest: true } });
      expect(r.months[0]).toMatchObject({ mqls: 0, scored: 0, avg_fit: null, avg_interest: null, below_target: { fit: false, interest: false }, by_type: [] });
      expect(r.warnings).toEqual(["The average fit score of this month's MQLs is 55, below the target of 60."]);

      // The CSV's rows: a month's total, then its types; the target last.
      const { rows } = await runReport(t.db, fixedClock('2026-06-15T00:00:00Z'), 'mql-scores', { month: '2026-05' });
      expect(rows.slice(-4)).toEqual([
        { month: '2026-05', mql_type: 'all', mqls: 5, scored: 4, avg_fit: expect.anything(), avg_interest: expect.anything(), below_target: 'fit' },
        expect.objectContaining({ month: '2026-05', mql_type: 'webinar', mqls: 3 }),
        expect.objectContaining({ month: '2026-05', mql_type: 'contact_sales', mqls: 2 }),
        expect.objectContaining({ month: 'target' }),
      ]);
      expect(String(rows.at(-4)!.avg_fit)).toBe('55.00');
    } finally {
      await t.cleanup();
    }
  }, 240_000);

  it('keeps no target until one is set, and refuses a bad one by field without saving it', async () => {
    const t = await createTestDb(backend);
    try {
      expect(await activeMqlScoreTarget(t.db)).toEqual({ fit: null, interest: null });
      await expect(saveMqlScoreTarget(t.db, { fit: -5, interest: 'high' })).rejects.toMatchObject({
        details: { errors: expect.arrayContaining([expect.objectContaining({ field: 'fit' }), expect.objectContaining({ field: 'interest' })]) },
      });
      expect(await activeMqlScoreTarget(t.db)).toEqual({ fit: null, interest: null });
      expect(await saveMqlScoreTarget(t.db, { fit: 45.5 })).toEqual({ fit: 45.5, interest: null });
      expect((await mqlScores(t.db, '2026-05')).warnings).toEqual([]);
    } finally {
      await t.cleanup();
    }
  }, 240_000);
});
