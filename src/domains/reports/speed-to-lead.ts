import type { Db } from '../../db/client.js';
import { speedToLeadSql, type SpeedToLeadRow } from './queries/speed-to-lead.js';

/** Time to first touch, from the clock's start: under an hour in steps, because the first minutes decide (seed 002). */
export const followUpBuckets = ['≤5 min', '5–30 min', '30–60 min', '1–4 h', '4–24 h', '>24 h', 'not yet'] as const;
export type FollowUpBucket = (typeof followUpBuckets)[number];

const ratio = (a: number, b: number) => (b ? a / b : null);

/**
 * Speed to lead over the assignments made in [from, to): how many were first touched within each
 * bucket, their share, and how many of each went on to SQL (or beyond) and to customer, with the
 * rates (queries/speed-to-lead.ts says what counts). `within_5m` and `within_4h` add up the buckets
 * up to those edges; the median is over touched assignments only.
 */
export async function speedToLead(db: Db, from: Date, to: Date) {
  const rows = await db.query<SpeedToLeadRow>(speedToLeadSql, [from, to]);
  const all = rows.find((r) => r.bucket === null) ?? { count: 0, sqls: 0, customers: 0, median_minutes: null };
  const buckets = followUpBuckets.map((bucket, i) => {
    const r = rows.find((x) => x.bucket === i);
    const count = r?.count ?? 0;
    const sqls = r?.sqls ?? 0;
    const customers = r?.customers ?? 0;
    return { bucket, count, share: ratio(count, all.count), sqls, sql_rate: ratio(sqls, count), customers, customer_rate: ratio(customers, count) };
  });
  const upTo = (n: number) => buckets.slice(0, n).reduce((s, b) => s + b.count, 0);
  return {
    assignments: all.count,
    buckets,
    median_minutes: all.median_minutes === null ? null : Math.round(all.median_minutes * 100) / 100,
    within_5m: upTo(1),
    share_within_5m: ratio(upTo(1), all.count),
    within_4h: upTo(4),
    share_within_4h: ratio(upTo(4), all.count),
    sqls: all.sqls,
    sql_rate: ratio(all.sqls, all.count),
    customers: all.customers,
    customer_rate: ratio(all.customers, all.count),
  };
}

export type SpeedToLead = Awaited<ReturnType<typeof speedToLead>>;
