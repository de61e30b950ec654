/**
 * The contacts created in [$1, $2) that also match `filters` (SQL over `contacts c` and
 * `companies co`, e.g. `AND c.original_source = $3`), as a FROM clause, with `join` (a rollup
 * keyed by contact) joined in. Not a materialised CTE: the planner guesses those at 200 rows and
 * then probes the rollup once per contact (seconds at 1M contacts); with the tables' own
 * statistics it hashes, and it drops the company join when nothing reads it.
 */
export const cohortFromSql = (filters: string, join: string) => /* sql */ `contacts c LEFT JOIN companies co ON co.id = c.company_id
      ${join}
     WHERE c.created_at >= $1 AND c.created_at < $2 ${filters}`;
