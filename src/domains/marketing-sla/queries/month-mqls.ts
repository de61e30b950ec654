import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';

const firstMql = firstStageAtSql('mql', 'f');

// MQLs of a month by day and type: contacts whose first MQL moment falls in [$1, $2), day in zone $3.
export const monthMqlsSql = /* sql */ `
SELECT (f.at AT TIME ZONE $3::text)::date::text AS day, COALESCE(c.mql_type, 'other') AS mql_type, count(*) AS mqls
  FROM ${firstMql}
  JOIN contacts c ON c.id = f.contact_id
 WHERE f.at >= $1 AND f.at < $2
 GROUP BY 1, 2 ORDER BY 1, 2`;

// The MQL type mix of [$1, $2): what "the current mix" means for a target in MQLs.
export const typeMixSql = /* sql */ `
SELECT COALESCE(c.mql_type, 'other') AS mql_type, count(*) AS mqls
  FROM ${firstMql}
  JOIN contacts c ON c.id = f.contact_id
 WHERE f.at >= $1 AND f.at < $2
 GROUP BY 1`;
