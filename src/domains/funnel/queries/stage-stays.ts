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
 * Days spent in each stage by the contacts created in [$1, $2) that match `filters` (SQL over the
 * contact_funnels rollup `c` and `companies co`, as cohortFromSql's; `anyFilter` says whether any
 * applies), over the stays that have ended: a contact still in a stage has not yet told how long it
 * takes. Read from the contact_stage_stays rollup (migrations 0034 and 0036: the same stays, one
 * row per ended stay, with the contact's created_at) rather than sorting every transition of the
 * cohort to pair each with the next; without a filter it is a range of that table alone (the
 * planner drops the EXISTS when its parameters say no filter applies). Days in float8 (date_part):
 * the median is a float8 whatever its input, and numeric made its sort twice as slow.
 */
export const stageDaysOfCohortSql = (filters: string, anyFilter: string) => /* sql */ `
SELECT stage, count(*)::int AS stays,
       percentile_cont(0.5) WITHIN GROUP (ORDER BY days) AS median_days, avg(days)::float8 AS mean_days
  FROM (SELECT s.stage, date_part('epoch', s.exited_at - s.entered_at) / 86400 AS days
          FROM contact_stage_stays s
         WHERE s.contact_created_at >= $1 AND s.contact_created_at < $2
           AND (NOT ${anyFilter} OR EXISTS (SELECT 1 FROM contact_funnels c LEFT JOIN companies co ON co.id = c.company_id
                                             WHERE c.contact_id = s.contact_id ${filters}))) x
 GROUP BY stage`;
