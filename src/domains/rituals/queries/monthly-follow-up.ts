import { UNSPECIFIED_MQL_TYPE } from '../../reports/dimensions.js';

// Follow-up effort of the SLA clocks started in [$2, $3) and judged at $1 — the clocks
// slaCompliance counts (src/domains/sla/queries/sla-dashboard.ts, whose attempts per lead is the
// mean of lead_assignments.attempts) — by MQL type, attempts required by its policy and attempts
// made, with:
// - mql_type: the clock's own (the type at handoff), else the contact's (clocks written without
//   one), UNSPECIFIED_MQL_TYPE without either, as every report groups MQLs without a type;
// - reached: the lead was connected with, or sales accepted it;
// - finished: its attempts window is over or its clock closed, so the attempts it got are all it
//   will get under this clock (a lead still inside its window is not judged).
export const followUpEffortSql = /* sql */ `
SELECT COALESCE(NULLIF(btrim(a.mql_type), ''), NULLIF(btrim(c.mql_type), ''), '${UNSPECIFIED_MQL_TYPE}') AS mql_type, a.attempts_required, a.attempts,
       (a.connected_at IS NOT NULL OR a.close_reason = 'accepted') AS reached,
       (a.closed_at IS NOT NULL OR a.attempts_due <= $1) AS finished,
       count(*) AS leads
  FROM lead_assignments a JOIN contacts c ON c.id = a.contact_id
 WHERE a.assigned_at >= $2 AND a.assigned_at < $3 AND a.assigned_at <= $1
 GROUP BY 1, 2, 3, 4, 5
 ORDER BY 1, 2, 3`;

export interface FollowUpEffortRow {
  mql_type: string;
  attempts_required: number;
  attempts: number;
  reached: boolean;
  finished: boolean;
  leads: number;
}
