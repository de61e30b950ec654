// The funnel split by one dimension (src/domains/reports/dimensions.ts): contacts created in
// [$1, $2), grouped by the dimension's expression (built from a fixed list and the workspace's own
// property definitions, never from user text), with the furthest stage each reached and the median
// days between neighbouring stages per group. Same definitions as funnel-report.ts; cohort months
// in time zone $3.
import { funnelStages } from '../stages.js';
import { cohortContactsJoin, cohortFromSql, readsOnlyCohortColumns } from './cohort-from.js';

// Stage keys are a fixed list (never user text), spliced as literals and identifiers.
const pairs = funnelStages.slice(0, -1).map((a, i) => [a, funnelStages[i + 1]!] as const);
const pairAggregates = pairs.map(([a, b], i) => `count(*) FILTER (WHERE c.${b}_at >= c.${a}_at) AS n${i},
         percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', c.${b}_at - c.${a}_at) / 86400.0) FILTER (WHERE c.${b}_at >= c.${a}_at) AS m${i}`).join(',\n         ');
const pairRows = pairs.map(([a, b], i) => `('${a}', '${b}', v.n${i}, v.m${i})`).join(', ');
const stageMoments = funnelStages.map((s) => `c.${s}_at`).join(', ');

/**
 * The funnel of the cohort of cohortFromSql(filters), per group `group` (an expression over the
 * cohort `c`, `companies co` and, when `join` is cohortContactsJoin, `contacts ct`), from the
 * contact_funnels rollup (migrations 0034 and 0036: one row per contact with the first moment of
 * each funnel stage, the furthest position, 0 when none, and the contact's creation moment,
 * current stage, original source and company). Two statements, each one pass over the cohort, so
 * they run side by side on a pool:
 * - counts: contacts per grp, current stage (`lifecycle_stage`) and furthest funnel position ever
 *   reached (`max_pos`): the caller sums them into reach and current stages;
 * - velocity: per neighbouring funnel stages (`from_stage` → `to_stage`), the contacts that first
 *   became the next no earlier than the first and the median days between, per `velocityGroup`
 *   (`grp`, or `''` for the whole cohort); none when no contact made that step. Only contacts
 *   with two stage moments can make a step: the others are left out before the medians sort.
 *   Days in float8 (date_part): the median is a float8 whatever its input, and numeric (extract)
 *   made its sorts twice as slow.
 * Funnel positions are lifecycle_stages.position, which is funnelStages' order (fixed keys and
 * positions: only labels change).
 * (It was one statement over a materialised CTE of every cohort contact, written to disk at 1M;
 * then two, each joining a year of contacts rows to the rollup.)
 */
export const funnelOfCohortSql = (group: string, filters: string, velocityGroup: 'grp' | "''", join = '') => ({
  counts: /* sql */ `
SELECT ${group} AS grp, c.lifecycle_stage, c.max_pos, count(*) AS n
  FROM ${cohortFromSql(filters, join)}
 GROUP BY 1, 2, 3`,
  velocity: /* sql */ `
SELECT v.grp, p.a AS from_stage, p.b AS to_stage, p.n, p.m AS median_days
  FROM (SELECT ${velocityGroup === 'grp' ? group : "''"} AS grp,
         ${pairAggregates}
          FROM ${cohortFromSql(`${filters} AND num_nonnulls(${stageMoments}) >= 2`, join)}
         GROUP BY 1) v
 CROSS JOIN LATERAL (VALUES ${pairRows}) p(a, b, n, m)
 WHERE p.n > 0`,
});

/**
 * The breakdown by `groupOf(contactAlias)` (a dimension's SQL): over the rollup alone when the
 * dimension reads only what it carries (cohort month, channel, the company's columns), else with
 * the cohort's contacts rows joined (source detail, MQL type, a contact property).
 */
export const breakdownFunnelSql = (groupOf: (contact: string) => string) => {
  const onRollup = groupOf('c');
  return readsOnlyCohortColumns(onRollup, 'c') ? funnelOfCohortSql(onRollup, '', 'grp') : funnelOfCohortSql(groupOf('ct'), '', 'grp', cohortContactsJoin);
};
