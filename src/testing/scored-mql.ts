import type { Db } from '../db/client.js';

/**
 * A contact scored fit/interest (null: never scored) that became an MQL of `type` at `at`, written
 * the way the scorer records one: its scores first, then mql_at (which keeps the scores of the MQL
 * moment, migration 0028) and the move to MQL.
 */
export async function scoredMql(db: Db, email: string, type: string, at: Date | string, scores: [number, number] | null): Promise<number> {
  const [c] = await db.query<{ id: number }>(`INSERT INTO contacts (email, email_normalized, lifecycle_stage) VALUES ($1, $1, 'lead') RETURNING id`, [email]);
  if (scores) {
    await db.query(
      `INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at) VALUES ($1, $2, $3, 'hot', '[]', '[]', 1, $4)`,
      [c!.id, scores[0], scores[1], at],
    );
  }
  await db.query('UPDATE contacts SET mql_at = $2, mql_type = $3 WHERE id = $1', [c!.id, at, type]);
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) VALUES ('contact', $1, 'lead', 'mql', 'forward', $2, 'rule')`, [c!.id, at]);
  return c!.id;
}
