// Action items of a meeting series as a pack shows them. An item belongs to the meeting that
// created it and is carried to every later pack of the series until it is closed, so the pack of
// the meeting at $2 lists: every item of an earlier meeting ($2 = the meeting moment) that is
// still open or in progress, plus the items closed since the previous meeting ($3; null = all
// closed before $2). Items of the meeting itself (or later ones) are that meeting's output, not
// its input. Order: open work first (by due date, undated last), then closed ones.
export const seriesActionItemsSql = /* sql */ `
SELECT a.id, a.title, a.status, a.due_date::text AS due_date, a.closed_at, a.meeting_id,
       u.name AS owner_name, m.scheduled_at AS meeting_at
  FROM action_items a
  JOIN meetings m ON m.id = a.meeting_id
  LEFT JOIN users u ON u.id = a.owner_id
 WHERE m.series_id = $1
   AND m.scheduled_at < $2
   AND (a.status IN ('open', 'in_progress')
        OR (a.closed_at IS NOT NULL AND a.closed_at < $2 AND ($3::timestamptz IS NULL OR a.closed_at >= $3::timestamptz)))
 ORDER BY (a.status IN ('open', 'in_progress')) DESC, a.due_date NULLS LAST, a.id`;

// Open or in-progress items of the series whose due date ($3, the meeting's local day) has passed.
export const overdueActionItemsSql = /* sql */ `
SELECT a.id, a.title, a.status, a.due_date::text AS due_date, a.meeting_id, u.name AS owner_name
  FROM action_items a
  JOIN meetings m ON m.id = a.meeting_id
  LEFT JOIN users u ON u.id = a.owner_id
 WHERE m.series_id = $1
   AND m.scheduled_at < $2
   AND a.status IN ('open', 'in_progress')
   AND a.due_date < $3::date
 ORDER BY a.due_date, a.id`;
