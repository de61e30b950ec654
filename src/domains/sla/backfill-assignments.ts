import type { Db } from '../../db/client.js';
import { firstStageAtSql } from '../funnel/queries/first-stage-moment.js';
import { insertRows, type BulkColumn } from '../../db/bulk-insert.js';
import { activeSlaPolicies, pickPolicy, slaClock } from './sla-policies.js';

const columns: readonly BulkColumn[] = [
  ['contact_id', 'bigint'], ['owner_id', 'bigint'], ['assigned_at', 'timestamptz'], ['assigned_by', 'text'], ['mql_type', 'text'], ['segment', 'text'],
  ['policy_id', 'text'], ['policy', 'jsonb'], ['first_touch_risk_at', 'timestamptz'], ['first_touch_due', 'timestamptz'], ['attempts_required', 'int'],
  ['attempts_risk_at', 'timestamptz'], ['attempts_due', 'timestamptz'],
];

/**
 * SLA history from history: for imported (or demo) contacts that became MQL with an owner but
 * have no SLA clock, one clock per contact started when it first became MQL, under today's
 * policies, with its first touch, attempts and connection read from the logged activities and
 * its end from the later funnel moves. It makes the SLA reports work on a CRM's past, not only on
 * leads routed after installation. Returns how many clocks it wrote; running it twice adds none.
 */
export async function backfillAssignments(db: Db, now: Date): Promise<number> {
  const policies = await activeSlaPolicies(db);
  const leads = await db.query<{ contact_id: number; owner_id: number; mql_at: Date; mql_type: string | null; segment: string | null }>(
    `SELECT c.id AS contact_id, c.owner_id, m.at AS mql_at, c.mql_type, co.segment
       FROM contacts c
       JOIN ${firstStageAtSql('mql', 'm')} ON m.contact_id = c.id
       LEFT JOIN companies co ON co.id = c.company_id
      WHERE c.owner_id IS NOT NULL AND m.at <= $1 AND NOT EXISTS (SELECT 1 FROM lead_assignments a WHERE a.contact_id = c.id)
      ORDER BY c.id`,
    [now],
  );
  if (!leads.length) return 0;
  return db.tx(async (tx) => {
    for (let i = 0; i < leads.length; i += 2000) {
      const rows = leads.slice(i, i + 2000).map((l) => {
        const policy = pickPolicy(policies, { mqlType: l.mql_type, segment: l.segment });
        const due = slaClock(policy, l.mql_at);
        return [l.contact_id, l.owner_id, l.mql_at, 'backfill', l.mql_type, l.segment, policy.id, JSON.stringify(policy),
          due.firstTouchRiskAt, due.firstTouchDue, policy.attempts, due.attemptsRiskAt, due.attemptsDue];
      });
      await insertRows(tx, 'lead_assignments', columns, rows);
    }
    // The same rules as the activity trigger (migration 0005), applied to the history at once.
    await tx.query(
      `UPDATE lead_assignments a SET
         first_touch_at = s.first_touch_at, attempts = s.attempts, attempts_in_window = s.in_window,
         last_attempt_at = s.last_attempt_at, connected_at = s.connected_at
         FROM (SELECT a2.id,
                      min(x.occurred_at) FILTER (WHERE x.direction = 'outbound') AS first_touch_at,
                      count(*) FILTER (WHERE x.direction = 'outbound' AND x.type IN ('call','email','social')) AS attempts,
                      count(*) FILTER (WHERE x.direction = 'outbound' AND x.type IN ('call','email','social') AND x.occurred_at <= a2.attempts_due) AS in_window,
                      max(x.occurred_at) FILTER (WHERE x.direction = 'outbound' AND x.type IN ('call','email','social')) AS last_attempt_at,
                      min(x.occurred_at) FILTER (WHERE x.outcome IN ('connected','replied') OR (x.type = 'meeting' AND x.outcome = 'completed')
                                                   OR (x.direction = 'inbound' AND x.type IN ('call','email'))) AS connected_at
                 FROM lead_assignments a2 JOIN activities x ON x.contact_id = a2.contact_id AND x.occurred_at >= a2.assigned_at
                WHERE a2.assigned_by = 'backfill' AND a2.closed_at IS NULL
                GROUP BY a2.id) s
        WHERE a.id = s.id`,
    );
    // Closed by the first later move out of MQL: accepted (SQL or beyond), rejected, recycled.
    await tx.query(
      `UPDATE lead_assignments a SET closed_at = e.at,
              close_reason = CASE WHEN e.kind = 'reject' THEN 'rejected' WHEN e.kind = 'recycle' THEN 'recycled' ELSE 'accepted' END,
              accepted_at = CASE WHEN e.kind IN ('reject', 'recycle') THEN NULL ELSE e.at END
         FROM (SELECT DISTINCT ON (a2.id) a2.id, st.at, st.kind
                 FROM lead_assignments a2 JOIN stage_transitions st ON st.object_type = 'contact' AND st.object_id = a2.contact_id AND st.at > a2.assigned_at
                WHERE a2.assigned_by = 'backfill' AND a2.closed_at IS NULL
                  AND (st.kind IN ('reject', 'recycle') OR st.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist'))
                ORDER BY a2.id, st.at) e
        WHERE a.id = e.id`,
    );
    // A lead whose contact later left the funnel another way (merged, imported elsewhere) is closed too.
    await tx.query(
      `UPDATE lead_assignments a SET closed_at = $1, close_reason = 'closed'
         FROM contacts c WHERE c.id = a.contact_id AND a.assigned_by = 'backfill' AND a.closed_at IS NULL AND c.lifecycle_stage <> 'mql'`,
      [now],
    );
    return leads.length;
  });
}
