/**
 * The contacts created in [$1, $2) that also match `filters` (SQL over `c` and `companies co`,
 * e.g. `AND c.original_source = $3`), as a FROM clause, with `join` (a rollup keyed by contact, or
 * `contacts`) joined in on `c.contact_id`. `c` is the contact_funnels rollup (migration 0036): one
 * row per contact with its funnel moments and the contact's created_at, lifecycle_stage,
 * original_source and company_id, so the cohort is a range of that narrow table rather than a
 * million contacts rows joined to it. Whatever reads another column of the contact joins
 * `contacts` itself (cohortContactsJoin). Not a materialised CTE: the planner guesses those at 200
 * rows and then probes once per contact (seconds at 1M contacts); with the tables' own statistics
 * it hashes, and it drops the company join when nothing reads it.
 */
export const cohortFromSql = (filters: string, join = '') => /* sql */ `contact_funnels c LEFT JOIN companies co ON co.id = c.company_id
      ${join}
     WHERE c.created_at >= $1 AND c.created_at < $2 ${filters}`;

/** The contact columns contact_funnels carries, under the names they have in `contacts`. */
const cohortColumns = new Set(['created_at', 'lifecycle_stage', 'original_source', 'company_id']);

/**
 * `sql` (an expression written over the contact alias `alias`) reads only columns the rollup
 * carries: then it runs on the rollup alone, else on `contacts` joined to it.
 */
export const readsOnlyCohortColumns = (sql: string, alias: string) =>
  [...sql.matchAll(new RegExp(`\\b${alias}\\.(\\w+)`, 'g'))].every((m) => cohortColumns.has(m[1]!));

/** The join that brings the whole contact (alias `ct`) to the cohort, for what the rollup does not carry. */
export const cohortContactsJoin = 'JOIN contacts ct ON ct.id = c.contact_id';
