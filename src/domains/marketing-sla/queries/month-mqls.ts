import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { mqlTypeSql } from '../../reports/dimensions.js';

const firstMql = firstStageAtSql('mql', 'f');

// MQLs of a month by day and type: contacts whose first MQL moment falls in [$1, $2), day in zone $3;
// an MQL without a type is UNSPECIFIED_MQL_TYPE (src/domains/reports/dimensions.ts), as in MQL values.
export const monthMqlsSql = /* sql */ `
SELECT (f.at AT TIME ZONE $3::text)::date::text AS day, ${mqlTypeSql('c')} AS mql_type, count(*) AS mqls
  FROM ${firstMql}
  JOIN contacts c ON c.id = f.contact_id
 WHERE f.at >= $1 AND f.at < $2
 GROUP BY 1, 2 ORDER BY 1, 2`;

// The MQL type mix of [$1, $2): what "the current mix" means for a target in MQLs.
export const typeMixSql = /* sql */ `
SELECT ${mqlTypeSql('c')} AS mql_type, count(*) AS mqls
  FROM ${firstMql}
  JOIN contacts c ON c.id = f.contact_id
 WHERE f.at >= $1 AND f.at < $2
 GROUP BY 1`;
