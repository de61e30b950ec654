// Asset performance for a window [$1, $2), every asset used in it (the report pages them).
// Pages: views, unique visitors, and form submissions made on that page (the track call's page path).
// One submit often sends several track calls (Form Submitted and Content Downloaded, or Demo
// Requested): a submission is one person's conversion events within the same minute, counted once.
// Views are grouped by page and visitor first (a hash, no sort of the month's page views for the
// distinct count), and the submissions' "visitor of the page" check reads those groups instead of
// probing the month's events again for each submission.
export const pageAssetsSql = /* sql */ `
WITH pv AS MATERIALIZED (
  SELECT e.asset_id, COALESCE(e.anonymous_id, e.user_id) AS visitor, count(*) AS views
    FROM events e WHERE e.type = 'page' AND e.asset_id IS NOT NULL AND e.timestamp >= $1 AND e.timestamp < $2 GROUP BY 1, 2
), views AS (
  -- count(visitor): the distinct visitors, as the groups are per visitor (a page view with neither id is none).
  SELECT asset_id, sum(views)::bigint AS views, count(visitor) AS visitors FROM pv GROUP BY 1
), subs AS (
  SELECT s.asset_id, count(DISTINCT (s.visitor, s.minute)) AS submissions, count(DISTINCT s.visitor) AS submitters
    FROM (SELECT a.id AS asset_id, COALESCE(e.anonymous_id, e.user_id) AS visitor, date_trunc('minute', e.timestamp) AS minute
            FROM events e
            JOIN assets a ON a.kind = 'page'
             AND a.key = CASE WHEN length(split_part(lower(e.context->'page'->>'path'), '?', 1)) > 1
                              THEN rtrim(split_part(lower(e.context->'page'->>'path'), '?', 1), '/')
                              ELSE COALESCE(NULLIF(split_part(lower(e.context->'page'->>'path'), '?', 1), ''), '/') END
           WHERE e.type = 'track' AND e.event IN ('Form Submitted', 'Demo Requested', 'Contact Sales Requested', 'Content Downloaded', 'Webinar Registered')
             AND e.timestamp >= $1 AND e.timestamp < $2) s
   -- Only the page's own visitors count, so the rate stays a share of them (never above 100 %).
   WHERE EXISTS (SELECT 1 FROM pv WHERE pv.asset_id = s.asset_id AND pv.visitor = s.visitor)
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
