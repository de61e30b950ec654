// The funnel split by one dimension (src/domains/reports/dimensions.ts): contacts created in
// [$1, $2), grouped by the dimension's expression (built from a fixed list and the workspace's own
// property definitions, never from user text), with the furthest stage each reached and the median
// days between neighbouring stages per group. Same definitions as funnel-report.ts; cohort months
// in time zone $3.
import { funnelStages } from '../stages.js';

/** Contacts created in [$1, $2) with their group `grp` (an expression over `contacts c` and `companies co`). Materialised: the planner would otherwise expand it into each join. */
const cohortCte = (group: string) => /* sql */ `
  cohort AS MATERIALIZED (
    SELECT c.id, c.lifecycle_stage, ${group} AS grp
      FROM contacts c LEFT JOIN companies co ON co.id = c.company_id
     WHERE c.created_at >= $1 AND c.created_at < $2
  )`;

// Stage keys are a fixed list (never user text), spliced as literals and quoted identifiers.
const firstAtColumns = funnelStages.map((s) => `min(f.first_at) FILTER (WHERE f.stage = '${s}') AS "${s}"`).join(',\n         ');
const days = (a: string, b: string) => `extract(epoch FROM "${b}" - "${a}") / 86400.0`;

/**
 * Per group of a `cohort(id, lifecycle_stage, grp)` CTE, from ONE pass over the cohort's rows of
 * the contact_stage_firsts rollup (first moment per contact and stage), as rows of three kinds:
 * - reach: contacts by furthest funnel position ever reached (`max_pos`, 0 when none), per grp;
 * - velocity: per neighbouring funnel stages (`from_stage` → `to_stage`), the contacts that first
 *   became the next no earlier than the first and the median days between, per `velocityGroup`
 *   (`grp`, or `''` for the whole cohort);
 * - current: contacts now in each stage (`from_stage` holds the stage), whole cohort.
 * Funnel positions are lifecycle_stages.position, which is funnelStages' order (fixed keys and
 * positions: only labels change). One pass rather than a reach query plus a self-join of the
 * rollup per neighbouring pair: at 1M contacts the cohort's 1.6M firsts were read three times.
 */
export const funnelOfCohortSql = (cohort: string, velocityGroup: 'grp' | "''") => /* sql */ `
WITH ${cohort},
  per AS (
    SELECT cohort.grp, cohort.lifecycle_stage, COALESCE(max(ls.position), 0) AS max_pos,
           ${firstAtColumns}
      FROM cohort
      LEFT JOIN contact_stage_firsts f ON f.contact_id = cohort.id
      LEFT JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
     GROUP BY cohort.id, cohort.grp, cohort.lifecycle_stage
  )
SELECT 'reach' AS kind, grp, max_pos, NULL AS from_stage, NULL AS to_stage, count(*) AS n, NULL::float8 AS median_days
  FROM per GROUP BY grp, max_pos
UNION ALL
SELECT 'current', '', NULL, lifecycle_stage, NULL, count(*), NULL FROM per GROUP BY lifecycle_stage
${funnelStages.slice(0, -1).map((a, i) => {
  const b = funnelStages[i + 1]!;
  return `UNION ALL
SELECT 'velocity', ${velocityGroup}, NULL, '${a}', '${b}', count(*), percentile_cont(0.5) WITHIN GROUP (ORDER BY ${days(a, b)})
  FROM per WHERE "${b}" >= "${a}" GROUP BY 2`;
}).join('\n')}
ORDER BY 1, 2, 3`;

export const breakdownFunnelSql = (group: string) => funnelOfCohortSql(cohortCte(group), 'grp');
