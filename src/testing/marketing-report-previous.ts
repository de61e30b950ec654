import { firstStageAtSql } from '../domains/funnel/queries/first-stage-moment.js';

// The statements of the monthly marketing report as they were before they were rewritten for 1M
// contacts (landing pages and content influence), kept whole as the
// yardstick the new ones are held to: marketing-report-rewrites.test.ts compares both on varied
// data, and bench/marketing-report-bench.ts times both. Tests and the bench only.

export const previousPageAssetsSql = /* sql */ `
WITH views AS (
  SELECT e.asset_id, count(*) AS views, count(DISTINCT COALESCE(e.anonymous_id, e.user_id)) AS visitors
    FROM events e WHERE e.type = 'page' AND e.asset_id IS NOT NULL AND e.timestamp >= $1 AND e.timestamp < $2 GROUP BY 1
), subs AS (
  SELECT a.id AS asset_id, count(DISTINCT (COALESCE(e.anonymous_id, e.user_id), date_trunc('minute', e.timestamp))) AS submissions,
         count(DISTINCT COALESCE(e.anonymous_id, e.user_id)) AS submitters
    FROM events e
    JOIN assets a ON a.kind = 'page'
     AND a.key = CASE WHEN length(split_part(lower(e.context->'page'->>'path'), '?', 1)) > 1
                      THEN rtrim(split_part(lower(e.context->'page'->>'path'), '?', 1), '/')
                      ELSE COALESCE(NULLIF(split_part(lower(e.context->'page'->>'path'), '?', 1), ''), '/') END
   WHERE e.type = 'track' AND e.event IN ('Form Submitted', 'Demo Requested', 'Contact Sales Requested', 'Content Downloaded', 'Webinar Registered')
     AND e.timestamp >= $1 AND e.timestamp < $2
     -- Only the page's own visitors count, so the rate stays a share of them (never above 100 %).
     AND EXISTS (SELECT 1 FROM events pv WHERE pv.type = 'page' AND pv.asset_id = a.id AND pv.timestamp >= $1 AND pv.timestamp < $2
                   AND COALESCE(pv.anonymous_id, pv.user_id) = COALESCE(e.anonymous_id, e.user_id))
   GROUP BY 1
)
SELECT a.id, a.key AS path, a.name, views.views, views.visitors, COALESCE(subs.submissions, 0) AS submissions, COALESCE(subs.submitters, 0) AS submitters
  FROM views JOIN assets a ON a.id = views.asset_id LEFT JOIN subs ON subs.asset_id = a.id
 ORDER BY views.views DESC, a.id`;

export const previousContentInfluenceSql = /* sql */ `
WITH won AS MATERIALIZED (
  -- MATERIALIZED: the customers, hashed or sorted once (20k at 1M contacts) beside a million asset rows.
  SELECT w.contact_id, w.at AS won_at FROM ${firstStageAtSql('customer', 'w')}
), groups AS MATERIALIZED (
  -- MATERIALIZED: inlined, the one-row count was re-aggregated for every touched row (17 s instead
  -- of 0.1 s on the demo's 3,000 contacts when the planner misjudged the cohort's size).
  SELECT count(*) FILTER (WHERE won.at < $2) AS customers,
         count(*) FILTER (WHERE won.at IS NULL OR won.at >= $2) AS non_customers
    FROM contacts c LEFT JOIN ${firstStageAtSql('customer', 'won')} ON won.contact_id = c.id
   WHERE c.created_at >= $1 AND c.created_at < $2
), touched AS (
  SELECT ca.ref_id AS asset_id,
         count(*) FILTER (WHERE won.won_at < $2) AS customers_touched,
         count(*) FILTER (WHERE won.won_at IS NULL OR won.won_at >= $2) AS non_customers_touched
    FROM contact_actions ca
    JOIN contacts c ON c.id = ca.contact_id
    LEFT JOIN won ON won.contact_id = ca.contact_id
   WHERE ca.kind = 'asset' AND ca.first_touch_at < $2 AND c.created_at >= $1 AND c.created_at < $2
     AND (won.won_at IS NULL OR ca.first_touch_at < won.won_at)
   GROUP BY 1
)
SELECT a.id, COALESCE(a.name, a.key) AS asset, a.kind,
       t.customers_touched, g.customers, t.non_customers_touched, g.non_customers
  FROM touched t JOIN assets a ON a.id = t.asset_id CROSS JOIN groups g
 ORDER BY 4 DESC, 6 DESC, a.id
 LIMIT $3`;
