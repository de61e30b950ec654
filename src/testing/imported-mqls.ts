import type { Db } from '../db/client.js';

/**
 * n MQLs of a type whose MQL moment is `at`, as an import leaves them (no routing, no SLA clocks);
 * the first `customers` of them become customers 60 days later, each with a won deal of an even
 * share of `revenue`. Answers the contacts' ids.
 */
export async function importMqls(db: Db, type: string, n: number, at: string, customers = 0, revenue = 0): Promise<number[]> {
  const ids = (await db.query<{ id: number }>(
    `INSERT INTO contacts (email, email_normalized, lifecycle_stage, mql_type)
     SELECT e, e, 'mql', $2 FROM (SELECT $2 || '-' || $3 || '-' || g || '@x.test' AS e FROM generate_series(1, $1::int) g) x RETURNING id`,
    [n, type, at],
  )).map((r) => r.id);
  await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'lead', 'mql', 'import', $2, 'import' FROM unnest($1::bigint[]) id`, [ids, at]);
  const won = ids.slice(0, customers);
  if (won.length) {
    await db.query(`UPDATE contacts SET lifecycle_stage = 'customer' WHERE id = ANY($1::bigint[])`, [won]);
    await db.query(`INSERT INTO stage_transitions (object_type, object_id, from_stage, to_stage, kind, at, actor_type) SELECT 'contact', id, 'mql', 'customer', 'import', $2::timestamptz + interval '60 days', 'import' FROM unnest($1::bigint[]) id`, [won, at]);
    await db.query(`INSERT INTO deals (name, pipeline_id, stage, amount, contact_id, closed_at) SELECT 'Deal ' || id, 1, 'closed_won', $2, id, $3::timestamptz + interval '60 days' FROM unnest($1::bigint[]) id`, [won, revenue / won.length, at]);
  }
  return ids;
}
