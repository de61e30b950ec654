export const name = 'event-visit-channels';

// Issue 12: every tracked event used to keep the channel of its own hit, so a guide downloaded on
// the second page of a visit that landed from Google was Direct (the page's referrer is the own
// site), and a server-side event outside any visit was Direct too. A touch now takes the channel
// of the visit it happened in, as GA4 gives every event its session's source; an event outside any
// visit keeps what it says itself (a UTM tag, a click id, another site's referrer), else takes
// the person's latest source as of that moment, never Direct by default.
//
// event_channel(visitor, contact, at, own channel, own source, own medium) answers the channel,
// source and medium a track, page or screen event should carry, in this order (the first that
// applies):
//   1. the visitor's visit it happened in: the visitor's latest visit started at or before it and
//      ended less than 30 minutes before it (the visit timeout of split-visits.ts);
//   2. the contact's visit it happened in (a server-side call by user id during a browser visit);
//   3. its own evidence: the channel it was classified with, unless that was (direct) / (none);
//   4. the contact's latest visit started before it;
//   5. the visitor's latest visit started before it;
//   6. the contact's declared original source (source: its detail), unless that source came from
//      a visit after the event (the contact's first visit, with that channel): not known then;
//   7. Unknown.
// The processor calls it as it tags each batch, once the batch's visits are written; the campaign
// stays the event's own (scoring counts campaign actions per event, and a visit's campaign is
// already a touch of its own).
const functionSql = /* sql */ `
CREATE FUNCTION event_channel(p_visitor text, p_contact bigint, p_at timestamptz, p_channel text, p_source text, p_medium text)
RETURNS TABLE (channel text, source text, medium text) LANGUAGE sql STABLE AS $$
  SELECT x.channel, x.source, x.medium
    FROM (SELECT p_channel IS NOT NULL AND p_channel <> 'Unknown' AND (p_source, p_medium) IS DISTINCT FROM ('(direct)'::text, '(none)'::text) AS own) t
    LEFT JOIN LATERAL (SELECT v.channel, v.source, v.medium, v.ended_at FROM visits v
                        WHERE v.visitor_id = p_visitor AND v.started_at <= p_at ORDER BY v.started_at DESC LIMIT 1) bv ON true
    LEFT JOIN LATERAL (SELECT v.channel, v.source, v.medium, v.ended_at FROM visits v
                        WHERE v.contact_id = p_contact AND v.started_at <= p_at ORDER BY v.started_at DESC LIMIT 1) cv ON true
    LEFT JOIN LATERAL (SELECT v.channel FROM visits v WHERE v.contact_id = p_contact ORDER BY v.started_at LIMIT 1) fv ON true
    LEFT JOIN contacts c ON c.id = p_contact
   CROSS JOIN LATERAL (
      SELECT o.channel, o.source, o.medium FROM (VALUES
        (1, CASE WHEN bv.ended_at >= p_at - interval '30 minutes' THEN bv.channel END, bv.source, bv.medium),
        (2, CASE WHEN cv.ended_at >= p_at - interval '30 minutes' THEN cv.channel END, cv.source, cv.medium),
        (3, CASE WHEN t.own THEN p_channel END, p_source, p_medium),
        (4, cv.channel, cv.source, cv.medium),
        (5, bv.channel, bv.source, bv.medium),
        (6, CASE WHEN fv.channel IS DISTINCT FROM c.original_source THEN NULLIF(btrim(c.original_source), '') END, c.original_source_detail, '(not set)'),
        (7, 'Unknown', '(not set)', '(not set)')
      ) o(pref, channel, source, medium)
      WHERE o.channel IS NOT NULL ORDER BY o.pref LIMIT 1) x
$$;
`;

/** Existing events still carry their own hit's channel: exactly what event_channel reads as their own evidence. */
export const backfillEventsSql = /* sql */ `
UPDATE events e SET channel = x.channel, source = x.source, medium = x.medium
  FROM events s CROSS JOIN LATERAL event_channel(COALESCE(s.anonymous_id, s.user_id), s.contact_id, s.timestamp, s.channel, s.source, s.medium) x
 WHERE e.id = s.id AND s.processed_at IS NOT NULL AND s.type IN ('track', 'page', 'screen')
   AND (e.channel, e.source, e.medium) IS DISTINCT FROM (x.channel, x.source, x.medium);
`;

/** Contacts: a web source's detail, and Unknown for imports that declared no source. */
export const backfillContactsSql = /* sql */ `
-- A contact whose original source came from its first visit keeps that visit's source as the
-- detail (google, linkedin, partner.io), so source reports can group by it.
UPDATE contacts c SET original_source_detail = fv.source
  FROM (SELECT DISTINCT ON (contact_id) contact_id, channel, source FROM visits WHERE contact_id IS NOT NULL ORDER BY contact_id, started_at, id) fv
 WHERE fv.contact_id = c.id AND c.original_source_detail IS NULL AND c.original_source = fv.channel AND fv.source IS NOT NULL;

-- An import that declared no source used to be Offline (detail "import"): it is Unknown now.
UPDATE contacts SET original_source = 'Unknown', latest_source = CASE WHEN latest_source = 'Offline' THEN 'Unknown' ELSE latest_source END
 WHERE original_source = 'Offline' AND original_source_detail = 'import';
`;

export const sql = functionSql + backfillEventsSql + backfillContactsSql;
