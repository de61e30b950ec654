// SQL of the weekly Smarketing meeting pack (weekly-pack.ts). The figures themselves come from the
// reports' own functions; these are the few reads no report has: the meeting and its series, the
// weekly funnel movement and the promotions about to start.

/** A meeting ($1) with its series and the names of its two presenters. */
export const meetingWithSeriesSql = /* sql */ `
SELECT m.id, m.series_id, m.period, m.scheduled_at, m.status,
       s.kind, s.name AS series_name, s.duration_minutes,
       sp.name AS sales_presenter, mp.name AS marketing_presenter
  FROM meetings m
  JOIN meeting_series s ON s.id = m.series_id
  LEFT JOIN users sp ON sp.id = m.sales_presenter_id
  LEFT JOIN users mp ON mp.id = m.marketing_presenter_id
 WHERE m.id = $1`;

/**
 * When the series ($1) last met before $2: the latest earlier meeting that was not cancelled
 * (items closed since then are news to this meeting; a cancelled one reviewed nothing).
 */
export const previousMeetingSql = /* sql */ `
SELECT max(COALESCE(held_at, scheduled_at)) AS at
  FROM meetings
 WHERE series_id = $1 AND scheduled_at < $2 AND status <> 'cancelled'`;

/**
 * Funnel movement: contacts that first reached each stage (contact_stage_firsts, the rollup every
 * funnel report reads) in this week's span [$1, $2), the same span of last week [$3, $4) and of
 * the four weeks before this one ([$3, $4) ∪ [$5, $6) ∪ [$7, $8) ∪ [$9, $10)). Whole weeks, or
 * the same days and hours of each when the week is still running, so a pack read on Monday does
 * not hold three days against seven. A skipped stage is not counted as reached: this is movement.
 */
export const funnelWeeksSql = /* sql */ `
SELECT stage,
       count(*) FILTER (WHERE first_at >= $1 AND first_at < $2) AS this_week,
       count(*) FILTER (WHERE first_at >= $3 AND first_at < $4) AS last_week,
       count(*) FILTER (WHERE (first_at >= $3 AND first_at < $4) OR (first_at >= $5 AND first_at < $6)
                           OR (first_at >= $7 AND first_at < $8) OR (first_at >= $9 AND first_at < $10)) AS prior_four_weeks
  FROM contact_stage_firsts
 WHERE first_at >= $9 AND first_at < $2
 GROUP BY stage`;

/**
 * Campaigns (webinars among them) starting on a day in [$1, $2) (local days of the workspace),
 * soonest first: what the teams should prepare for and talk about.
 */
export const upcomingCampaignsSql = /* sql */ `
SELECT id, name, type, starts_on::text AS starts_on, ends_on::text AS ends_on
  FROM campaigns
 WHERE starts_on >= $1::date AND starts_on < $2::date
 ORDER BY starts_on, name, id`;
