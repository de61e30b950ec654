import { callNameSql } from './interest-matches.js';

// The closed-loop cohort both calibration and the predictive model learn from: contacts created in
// [$1, $2) with the moment they first became a customer (null if never), and their actions before it.
// The first customer transition is aggregated once and joined (a correlated subquery per row was
// re-run for every event: 5.6 s instead of ~0.1 s on 3k contacts); MATERIALIZED keeps the planner
// from inlining it again into each use.
import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';

/** `cohort(id, won_at)` plus the contact columns listed in `columns` (from `contacts c`). */
export function customerCohortCte(columns: readonly string[] = []): string {
  const extra = columns.map((col) => `, c.${col}`).join('');
  return /* sql */ `
  cohort AS MATERIALIZED (
    SELECT c.id${extra}, won.at AS won_at
      FROM contacts c
      LEFT JOIN ${firstStageAtSql('customer', 'won')} ON won.contact_id = c.id
     WHERE c.created_at >= $1 AND c.created_at < $2
  )`;
}

/**
 * `counted(contact_id, name, n)`: for each cohort contact and action ('page', 'screen' or a track
 * event's name), how many it did strictly before the sale (what happened after it cannot have
 * caused it), mail-scanner hits left out. Read from the contact_actions rollup (migration 0007): a
 * row wholly before the sale gives its count; a customer's row that straddles the sale is counted
 * again from its events before it (few: customers active on both sides of their sale).
 * `names` (fixed strings from code, never user text) limits it to those actions. `cutoff` names
 * the cohort column that ends the count (default the sale, `won_at`; null counts everything).
 */
export function actionCountsBeforeSaleCte(names?: readonly string[], cutoff = 'won_at'): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(cutoff)) throw new Error(`actionCountsBeforeSaleCte: "${cutoff}" is not a plain column name`);
  const only = names ? `AND ca.name IN (${names.map((n) => `'${n.replace(/'/g, "''")}'`).join(', ')})` : '';
  return /* sql */ `
  cohort_actions AS (
    SELECT ca.contact_id, ca.name, ca.n, ca.first_at, ca.last_at, cohort.${cutoff} AS won_at
      FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
     WHERE ca.kind = 'event' ${only}
  ),
  counted AS (
    SELECT contact_id, name, n FROM cohort_actions WHERE won_at IS NULL OR last_at < won_at
    UNION ALL
    SELECT r.contact_id, r.name, pre.n
      FROM cohort_actions r CROSS JOIN LATERAL (${actionEventsBeforeSql('r', 'r.won_at')}) pre
     WHERE r.first_at < r.won_at AND r.last_at >= r.won_at AND pre.n > 0
  )`;
}

/**
 * `SELECT count(*) AS n …`: how many of the events behind the contact_actions row `row` (of kind
 * 'event') came strictly before `cutoff`, for a row that straddles it. Correlated on purpose, one
 * row at a time down the contact index: as a join, the planner misjudged how few such rows there
 * are and hashed every event of every contact (2M at 100k contacts: 2.9 s of the 3.8 s the
 * frequency histograms took).
 */
export function actionEventsBeforeSql(row: string, cutoff: string): string {
  return /* sql */ `SELECT count(*) AS n FROM events e
     WHERE e.contact_id = ${row}.contact_id AND e.timestamp >= ${row}.first_at AND e.timestamp < ${cutoff} AND event_is_action(e.type, e.properties)
       AND (${callNameSql('e')}) = ${row}.name`;
}

const DAY = 86_400_000;

/**
 * The parameters of a statement that reads whole UTC days from a rollup by creation day (migration
 * 0039) and the rest of the window from its rows: the window's bounds, then the first and last UTC
 * midnight inside it; both the window's end when no whole day fits, so that every contact is read.
 */
export function wholeDayParams(w: { from: Date; to: Date }): [Date, Date, Date, Date] {
  const first = Math.ceil(w.from.getTime() / DAY) * DAY;
  const last = Math.floor(w.to.getTime() / DAY) * DAY;
  if (first >= last) return [w.from, w.to, w.to, w.to];
  return [w.from, w.to, new Date(first), new Date(last)];
}
