import { funnelOfCohortSql } from './funnel-breakdown.js';
import { stageDaysOfCohortSql } from './stage-stays.js';

// The funnel is the breakdown's reach and velocity for one filtered cohort: contacts created in
// [$1, $2), optionally limited to an original source ($3) and company segment ($4); cohort months
// in time zone $5 (the funnel groups reach by month; velocity and stays are over the whole cohort).
const filters = /* sql */ `AND ($3::text IS NULL OR c.original_source = $3)
       AND ($4::text IS NULL OR co.segment = $4)`;

/**
 * Reach per cohort month (`grp`) and furthest funnel position, contacts now in each stage, and
 * median days from first becoming one funnel stage to first becoming the next (whole cohort).
 */
export const funnelSql = funnelOfCohortSql(`to_char(c.created_at AT TIME ZONE $5::text, 'YYYY-MM')`, filters, "''");

/**
 * Movement in [$1, $2): contacts of any creation date that first reached each stage in the window
 * (a skipped stage is not reached here), with the same filters. What the weekly meeting pack calls
 * "contacts reaching each stage for the first time", so its links land on the same figure.
 */
export const funnelMovementSql = /* sql */ `
SELECT f.stage, count(*) AS n
  FROM contact_stage_firsts f
  JOIN contact_funnels c ON c.contact_id = f.contact_id
  LEFT JOIN companies co ON co.id = c.company_id
 WHERE f.first_at >= $1 AND f.first_at < $2
   AND ($3::text IS NULL OR c.original_source = $3)
   AND ($4::text IS NULL OR co.segment = $4)
 GROUP BY 1`;

/** Median and mean days the cohort's contacts spent in each stage (stays that ended). */
export const funnelStageDaysSql = stageDaysOfCohortSql(filters);
