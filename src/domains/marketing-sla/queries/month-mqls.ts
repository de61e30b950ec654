// MQLs of a month by day and type: contacts whose first MQL moment falls in [$1, $2), day in UTC.
export const monthMqlsSql = /* sql */ `
SELECT (f.mql_at AT TIME ZONE 'UTC')::date::text AS day, COALESCE(c.mql_type, 'other') AS mql_type, count(*) AS mqls
  FROM (SELECT object_id, min(at) AS mql_at FROM stage_transitions WHERE object_type = 'contact' AND to_stage = 'mql' GROUP BY object_id) f
  JOIN contacts c ON c.id = f.object_id
 WHERE f.mql_at >= $1 AND f.mql_at < $2
 GROUP BY 1, 2 ORDER BY 1, 2`;

// The MQL type mix of [$1, $2): what "the current mix" means for a target in MQLs.
export const typeMixSql = /* sql */ `
SELECT COALESCE(c.mql_type, 'other') AS mql_type, count(*) AS mqls
  FROM (SELECT object_id, min(at) AS mql_at FROM stage_transitions WHERE object_type = 'contact' AND to_stage = 'mql' GROUP BY object_id) f
  JOIN contacts c ON c.id = f.object_id
 WHERE f.mql_at >= $1 AND f.mql_at < $2
 GROUP BY 1`;
