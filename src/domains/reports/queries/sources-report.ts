// Visits, new contacts and customers by channel for a window [$1, $2): visits by their own channel,
// contacts (and the customers among them) by their original source.
export const sourcesReportSql = /* sql */ `
WITH v AS (
  SELECT channel, count(*) AS visits, count(DISTINCT visitor_id) AS visitors
    FROM visits WHERE started_at >= $1 AND started_at < $2 GROUP BY 1
), c AS (
  SELECT COALESCE(c.original_source, 'Other') AS channel, count(*) AS contacts,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_stage_firsts f WHERE f.contact_id = c.id AND f.stage = 'customer')) AS customers
    FROM contacts c WHERE c.created_at >= $1 AND c.created_at < $2 GROUP BY 1
)
SELECT COALESCE(v.channel, c.channel) AS channel, COALESCE(v.visits, 0) AS visits, COALESCE(v.visitors, 0) AS visitors,
       COALESCE(c.contacts, 0) AS contacts, COALESCE(c.customers, 0) AS customers
  FROM v FULL JOIN c ON c.channel = v.channel
 ORDER BY 2 DESC, 4 DESC`;

export const sourcesVisitorsSql = /* sql */ `
SELECT count(DISTINCT visitor_id) AS visitors FROM visits WHERE started_at >= $1 AND started_at < $2`;
