import { NO_VALUE } from '../dimensions.js';

// Visits, new contacts and customers by channel for a window [$1, $2): visits by their own channel,
// contacts (and the customers among them) by their original source; a contact with none is
// Unknown. $3 true: also by source detail — a visit's source (google, linkedin, partner.io,
// (direct)) and a contact's original_source_detail (the words a file or a person declared, or its
// first visit's source) — else detail is '' on every row. A blank detail is NO_VALUE.
export const sourcesReportSql = /* sql */ `
WITH v AS (
  SELECT channel, CASE WHEN $3::boolean THEN COALESCE(NULLIF(btrim(source), ''), '${NO_VALUE}') ELSE '' END AS detail,
         count(*) AS visits, count(DISTINCT visitor_id) AS visitors
    FROM visits WHERE started_at >= $1 AND started_at < $2 GROUP BY 1, 2
), c AS (
  SELECT COALESCE(NULLIF(btrim(c.original_source), ''), 'Unknown') AS channel,
         CASE WHEN $3::boolean THEN COALESCE(NULLIF(btrim(c.original_source_detail), ''), '${NO_VALUE}') ELSE '' END AS detail,
         count(*) AS contacts,
         count(*) FILTER (WHERE EXISTS (SELECT 1 FROM contact_stage_firsts f WHERE f.contact_id = c.id AND f.stage = 'customer')) AS customers
    FROM contacts c WHERE c.created_at >= $1 AND c.created_at < $2 GROUP BY 1, 2
)
SELECT COALESCE(v.channel, c.channel) AS channel, COALESCE(v.detail, c.detail) AS detail, COALESCE(v.visits, 0) AS visits, COALESCE(v.visitors, 0) AS visitors,
       COALESCE(c.contacts, 0) AS contacts, COALESCE(c.customers, 0) AS customers
  FROM v FULL JOIN c ON c.channel = v.channel AND c.detail = v.detail
 ORDER BY 3 DESC, 5 DESC`;

export const sourcesVisitorsSql = /* sql */ `
SELECT count(DISTINCT visitor_id) AS visitors FROM visits WHERE started_at >= $1 AND started_at < $2`;
