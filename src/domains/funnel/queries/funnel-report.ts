import { funnelOfCohortSql } from './funnel-breakdown.js';
import { stageDaysOfCohortSql } from './stage-stays.js';
import { funnelStages } from '../stages.js';

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
 * "contacts reaching each stage for the first time", so its links land on the same figure. Counted
 * in one pass over the contact_funnels rollup (the first moment of each funnel stage, one row per
 * contact that exists), where it joined every first moment of the window to its contact.
 */
export const funnelMovementSql = /* sql */ `
SELECT p.stage, p.n
  FROM (SELECT ${funnelStages.map((s, i) => `count(*) FILTER (WHERE c.${s}_at >= $1 AND c.${s}_at < $2) AS n${i}`).join(',\n               ')}
          FROM contact_funnels c LEFT JOIN companies co ON co.id = c.company_id
         WHERE true ${filters}) v
 CROSS JOIN LATERAL (VALUES ${funnelStages.map((s, i) => `('${s}', v.n${i})`).join(', ')}) p(stage, n)
 WHERE p.n > 0`;

/** Median and mean days the cohort's contacts spent in each stage (stays that ended). */
export const funnelStageDaysSql = stageDaysOfCohortSql(filters, '($3::text IS NOT NULL OR $4::text IS NOT NULL)');
