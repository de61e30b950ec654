import { cohortFromSql } from './cohort-from.js';

// A stay is the time between entering a stage (a transition to it) and the object's next
// transition, in time order; the stay in the stage it is in now has no end yet.
const stays = (where: string) => /* sql */ `
  SELECT st.object_id, st.to_stage AS stage, st.at AS entered_at,
         lead(st.at) OVER (PARTITION BY st.object_id ORDER BY st.at, st.id) AS exited_at, st.id
    FROM stage_transitions st
   WHERE st.object_type = 'contact' AND ${where}`;

/** One contact's stays ($1), oldest first. */
export const contactStaysSql = /* sql */ `
SELECT s.stage, l.label, s.entered_at, s.exited_at FROM (${stays('st.object_id = $1')}) s
  LEFT JOIN lifecycle_stages l ON l.key = s.stage
 ORDER BY s.entered_at, s.id`;

/**
 * Days spent in each stage by the contacts of the cohort of cohortFromSql(filters), over the stays
 * that have ended: a contact still in a stage has not yet told how long it takes. Read from the
 * contact_stage_stays rollup (migration 0034: the same stays, one row per ended stay) rather than
 * sorting every transition of the cohort to pair each with the next.
 */
export const stageDaysOfCohortSql = (filters: string) => /* sql */ `
SELECT stage, count(*)::int AS stays,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, avg(days)::float8 AS mean_days
  FROM (SELECT s.stage, extract(epoch FROM s.exited_at - s.entered_at) / 86400 AS days
          FROM ${cohortFromSql(filters, 'JOIN contact_stage_stays s ON s.contact_id = c.contact_id')}) x
 GROUP BY stage`;
