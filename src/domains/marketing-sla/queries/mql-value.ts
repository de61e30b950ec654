import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { mqlTypeSql } from '../../reports/dimensions.js';

// Closed-loop value per MQL type. $1, $2: MQLs whose first MQL moment is in [$1, $2); $3 asOf:
// outcomes up to then count. A customer is an MQL that reached customer (or beyond) or has a won
// deal; its revenue is the amount of its won deals (pipeline stage outcome 'won'). An MQL without
// a type counts under UNSPECIFIED_MQL_TYPE. `group`: an expression over `contacts c` and
// `companies co` (a report dimension, src/domains/reports/dimensions.ts) to split by as well, or
// null for by type only (grp is then NULL).
export const mqlValueSql = (group: string | null) => /* sql */ `
WITH m AS MATERIALIZED (
  SELECT c.id, ${mqlTypeSql('c')} AS mql_type, ${group ?? 'NULL::text'} AS grp
    FROM ${firstStageAtSql('mql', 'f')}
    JOIN contacts c ON c.id = f.contact_id
    LEFT JOIN companies co ON co.id = c.company_id
   WHERE f.at >= $1 AND f.at < $2
), revenue AS (
  -- Every won deal's contact, then joined: probing deals (and the firsts below) once per MQL is
  -- 180k index lookups at 1M contacts, where hashing the few thousand customers is not.
  SELECT d.contact_id, sum(d.amount) AS revenue
    FROM deals d JOIN pipeline_stages ps ON ps.pipeline_id = d.pipeline_id AND ps.key = d.stage
   WHERE ps.outcome = 'won' AND d.contact_id IS NOT NULL AND (d.closed_at IS NULL OR d.closed_at < $3)
   GROUP BY d.contact_id
), won AS (
  SELECT DISTINCT f.contact_id FROM contact_stage_firsts f WHERE f.stage IN ('customer', 'evangelist') AND f.first_at < $3
)
SELECT m.mql_type, m.grp, count(*) AS mqls,
       count(*) FILTER (WHERE won.contact_id IS NOT NULL OR revenue.contact_id IS NOT NULL) AS customers,
       COALESCE(sum(revenue.revenue), 0) AS revenue
  FROM m LEFT JOIN won ON won.contact_id = m.id LEFT JOIN revenue ON revenue.contact_id = m.id
 GROUP BY m.mql_type, m.grp
 ORDER BY m.mql_type, m.grp`;
