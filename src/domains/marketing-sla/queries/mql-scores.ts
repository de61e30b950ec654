import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { mqlTypeSql } from '../../reports/dimensions.js';

const firstMql = firstStageAtSql('mql', 'f');

// MQLs delivered in [$1, $2) (first MQL moment, as the lead waterfall counts them) by month in zone
// $3 and type, with the sums of their fit and interest scores at the MQL moment (contacts.mql_fit
// and mql_interest, migration 0028), else — for MQLs recorded before those were kept — their
// current scores. `scored` counts the MQLs that have a score at all; `at_current` those averaged
// at their current score.
export const mqlScoresSql = /* sql */ `
SELECT to_char(f.at AT TIME ZONE $3::text, 'YYYY-MM') AS month, ${mqlTypeSql('c')} AS mql_type, count(*)::int AS mqls,
       count(COALESCE(c.mql_fit, s.fit))::int AS scored,
       count(*) FILTER (WHERE c.mql_fit IS NULL AND s.fit IS NOT NULL)::int AS at_current,
       COALESCE(sum(COALESCE(c.mql_fit, s.fit)), 0)::float8 AS fit_sum,
       COALESCE(sum(COALESCE(c.mql_interest, s.interest)), 0)::float8 AS interest_sum
  FROM ${firstMql}
  JOIN contacts c ON c.id = f.contact_id
  LEFT JOIN contact_scores s ON s.contact_id = c.id
 WHERE f.at >= $1 AND f.at < $2
 GROUP BY 1, 2 ORDER BY 1, 2`;

export interface MqlScoreRow {
  month: string;
  mql_type: string;
  mqls: number;
  scored: number;
  at_current: number;
  fit_sum: number;
  interest_sum: number;
}
