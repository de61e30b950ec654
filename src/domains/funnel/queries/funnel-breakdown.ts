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
const firstAtColumns = funnelStages.map((s) => `min(f.first_at) FILTER (WHERE f.stage = '${s}') AS "${s}"`).join(',\n           ');
const firstAtOf = (alias: string) => funnelStages.map((s) => `${alias}."${s}"`).join(', ');
const pairs = funnelStages.slice(0, -1).map((a, i) => [a, funnelStages[i + 1]!] as const);
const pairAggregates = pairs.map(([a, b], i) => `count(*) FILTER (WHERE "${b}" >= "${a}") AS n${i},
         percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM "${b}" - "${a}") / 86400.0) FILTER (WHERE "${b}" >= "${a}") AS m${i}`).join(',\n         ');
const pairRows = pairs.map(([a, b], i) => `('${a}', '${b}', v.n${i}, v.m${i})`).join(', ');

/**
 * Per group of a `cohort(id, lifecycle_stage, grp)` CTE, from ONE pass over the cohort's rows of
 * the contact_stage_firsts rollup (first moment per contact and stage), as rows of three kinds:
 * - reach: contacts by furthest funnel position ever reached (`max_pos`, 0 when none), per grp;
 * - velocity: per neighbouring funnel stages (`from_stage` → `to_stage`), the contacts that first
 *   became the next no earlier than the first and the median days between, per `velocityGroup`
 *   (`grp`, or `''` for the whole cohort); none when no contact made that step;
 * - current: contacts now in each stage (`from_stage` holds the stage), whole cohort.
 * Funnel positions are lifecycle_stages.position, which is funnelStages' order (fixed keys and
 * positions: only labels change). The firsts are aggregated per contact (narrow rows) and then
 * joined to the cohort once; velocity is one aggregate pass with a filter per pair.
 * (It was a reach query, a self-join of the rollup for velocity and a third cohort scan for the
 * current stages; grouping the joined rows by contact spilled its sort to disk on PGlite.)
 */
export const funnelOfCohortSql = (cohort: string, velocityGroup: 'grp' | "''") => /* sql */ `
WITH ${cohort},
  -- The window's contacts ([$1, $2), every cohort's window) are read here again rather than through
  -- the materialised cohort: the planner guesses a CTE at 200 rows and then probes the rollup once
  -- per contact (4.6 s for 912k at 1M contacts); with the table's own statistics it hashes. A
  -- cohort with further filters is a subset, trimmed by the LEFT JOIN below.
  firsts AS (
    SELECT f.contact_id, max(ls.position) AS max_pos,
           ${firstAtColumns}
      FROM contacts wc
      JOIN contact_stage_firsts f ON f.contact_id = wc.id
      LEFT JOIN lifecycle_stages ls ON ls.key = f.stage AND ls.in_funnel
     WHERE wc.created_at >= $1 AND wc.created_at < $2
     GROUP BY f.contact_id
  ),
  per AS MATERIALIZED (
    SELECT cohort.grp, cohort.lifecycle_stage, COALESCE(firsts.max_pos, 0) AS max_pos, ${firstAtOf('firsts')}
      FROM cohort LEFT JOIN firsts ON firsts.contact_id = cohort.id
  )
SELECT 'reach' AS kind, grp, max_pos, NULL AS from_stage, NULL AS to_stage, count(*) AS n, NULL::float8 AS median_days
  FROM per GROUP BY grp, max_pos
UNION ALL
SELECT 'current', '', NULL, lifecycle_stage, NULL, count(*), NULL FROM per GROUP BY lifecycle_stage
UNION ALL
SELECT 'velocity', v.grp, NULL, p.a, p.b, p.n, p.m
  FROM (SELECT ${velocityGroup} AS grp,
         ${pairAggregates}
          FROM per GROUP BY 1) v
 CROSS JOIN LATERAL (VALUES ${pairRows}) p(a, b, n, m)
 WHERE p.n > 0
ORDER BY 1, 2, 3`;

export const breakdownFunnelSql = (group: string) => funnelOfCohortSql(cohortCte(group), 'grp');
