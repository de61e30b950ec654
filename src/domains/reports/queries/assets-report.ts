// Asset performance for a window [$1, $2), every asset used in it (the report pages them).
// Pages: views, unique visitors, and form submissions made on that page (the track call's page path).
// One submit often sends several track calls (Form Submitted and Content Downloaded, or Demo
// Requested): a submission is one person's conversion events within the same minute, counted once.
export const pageAssetsSql = /* sql */ `
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

// Forms, CTAs, content and webinars: counts of each event kind, and unique people.
export const otherAssetsSql = /* sql */ `
SELECT a.id, a.kind, a.key, a.name, count(*) AS events,
       -- One submit, however many track calls it sends, as on pages.
       count(DISTINCT (COALESCE(e.anonymous_id, e.user_id), date_trunc('minute', e.timestamp)))
         FILTER (WHERE e.event IN ('Form Submitted', 'Demo Requested', 'Contact Sales Requested')) AS submissions,
       count(*) FILTER (WHERE e.event = 'CTA Viewed') AS cta_views,
       count(*) FILTER (WHERE e.event = 'CTA Clicked') AS cta_clicks,
       count(*) FILTER (WHERE e.event = 'Content Downloaded') AS downloads,
       count(*) FILTER (WHERE e.event = 'Webinar Registered') AS registrations,
       count(*) FILTER (WHERE e.event = 'Webinar Attended') AS attendances,
       count(DISTINCT e.contact_id) AS contacts
  FROM assets a JOIN events e ON e.asset_id = a.id
 WHERE a.kind <> 'page' AND e.timestamp >= $1 AND e.timestamp < $2
 GROUP BY a.id, a.kind, a.key, a.name
 ORDER BY count(*) DESC, a.id`;
