import type { Db } from '../../db/client.js';

/**
 * Records what qualified a move to MQL (migration 0025) on the transition the move wrote at `at`:
 * the lead-quality report files each MQL episode, and its later rejection, under the clause and
 * definition version that let it in, not under whatever qualified the contact last.
 */
export async function recordMqlQualification(db: Db, contactId: number, at: Date, q: { mqlType: string | null; definitionVersion: number; clauseId: string | null }): Promise<void> {
  await db.query(
    `INSERT INTO mql_qualifications (transition_id, mql_type, definition_version, clause)
     SELECT st.id, $3, $4, $5 FROM stage_transitions st
      WHERE st.object_type = 'contact' AND st.object_id = $1 AND st.to_stage = 'mql' AND st.at = $2
      ORDER BY st.id DESC LIMIT 1
     ON CONFLICT (transition_id) DO NOTHING`,
    [contactId, at, q.mqlType, q.definitionVersion, q.clauseId],
  );
}
