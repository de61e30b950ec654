/**
 * One step of scoring in one statement: the interest of a set of contacts computed from their
 * actions where they are (instead of every action travelling to JavaScript), the fit the caller
 * computed joined to it, the quadrant, and contact_scores written only where something changed.
 * It answers, per contact, the new interest and quadrant and whether the change is worth a line
 * of history (scoreChanged), with what was stored before for those lines.
 *
 * It is interestScore (interest-score.ts) in SQL and must answer exactly what it answers
 * (score-step.test.ts compares both on varied contacts): the same events (actions up to the
 * scoring moment, in time order, ties by id), every matching rule scoring an event, a rule's
 * repeat limit keeping the earliest, each event's points halved once per half-life, the sums
 * taken in the same order as JavaScript's and rounded by score_round (migration 0041) as
 * roundPoints rounds. Frequency rules follow heldSince: the run of overlapping "minCount within
 * the window" intervals that contains the scoring moment, found with window functions.
 *
 * $1 at (timestamptz), $2 at in epoch ms, $3 half-life in ms (null: no decay), $4 the rules
 * (jsonb: idx, rule_id, label, kind, event, asset, campaign folded to lower case, points,
 * max_times, min_count, window_ms with null for no window), $5 the fit of each contact (jsonb:
 * contact_id, fit, fit_reasons), $6 and $7 the fit and interest thresholds, $8 the model
 * version, $9 the contacts (dense: $9 and $10 the first and last id of the range).
 */
export function scoreStepSql(dense: boolean): string {
  // Dense: the range holds at most twice the step's contacts; the others drop out at the join with fit.
  const range = dense ? 'e.contact_id BETWEEN $9 AND $10' : 'e.contact_id = ANY($9::bigint[])';
  // The share of its points an action at `ms` keeps at $2: decayAt (interest-score.ts).
  const worth = (ms: string) => `CASE WHEN $3::float8 IS NULL THEN 1::float8 ELSE power(0.5::float8, ($2::float8 - ${ms}) / $3::float8) END`;
  return /* sql */ `
WITH fit AS MATERIALIZED (
  SELECT * FROM jsonb_to_recordset($5::jsonb) AS f(contact_id bigint, fit float8, fit_reasons jsonb)
), rules AS MATERIALIZED (
  SELECT r.*, CASE WHEN r.asset IS NULL THEN NULL ELSE ARRAY(SELECT a.id FROM assets a WHERE a.key = r.asset) END AS asset_ids,
         coalesce(r.window_ms, 'Infinity'::float8) AS span
    FROM jsonb_to_recordset($4::jsonb) AS r(idx int, rule_id text, label text, kind text, event text, asset text, campaign text,
                                            points float8, max_times int, min_count int, window_ms float8)
), ev AS MATERIALIZED (
  SELECT e.contact_id, e.timestamp AS ts, e.id, floor(extract(epoch FROM e.timestamp) * 1000)::float8 AS ms,
         CASE WHEN e.type = 'track' THEN e.event ELSE e.type END AS name, e.asset_id, e.campaign
    FROM events e
   WHERE ${range} AND event_is_action(e.type, e.properties) AND e.timestamp <= $1
), matched AS MATERIALIZED (
  SELECT ev.contact_id, ev.ts, ev.ms, r.idx, r.kind, r.points, r.max_times, r.span,
         row_number() OVER w AS n,
         lag(ev.ms, greatest(coalesce(r.min_count, 1) - 1, 0)) OVER w AS oldest,
         -- In time order, as interestScore adds them (a window sum over ROWS adds one row at a time).
         sum(r.points * ${worth('ev.ms')}) OVER (w ROWS UNBOUNDED PRECEDING) AS running
    FROM ev JOIN fit ON fit.contact_id = ev.contact_id JOIN rules r ON r.event = ev.name
     AND (r.asset_ids IS NULL OR ev.asset_id = ANY(r.asset_ids))
     AND (r.campaign IS NULL OR lower(btrim(coalesce(ev.campaign, ''), E' \\t\\n\\r\\f\\v')) = r.campaign)
  WINDOW w AS (PARTITION BY ev.contact_id, r.idx ORDER BY ev.ts, ev.id)
), event_rules AS (
  -- A rule's points all have one sign and a decayed share is positive, so the running sum only
  -- grows (or only falls): its last value, where the repeat limit stops, is its max (or min).
  SELECT contact_id, idx, count(*) AS n, score_round(CASE WHEN max(points) >= 0 THEN max(running) ELSE min(running) END) AS points, NULL::float8 AS since_ms
    FROM matched
   WHERE kind = 'event' AND (max_times IS NULL OR n <= max_times)
   GROUP BY contact_id, idx
), intervals AS (
  SELECT m.*, v.valid, CASE WHEN v.valid THEN m.oldest + m.span END AS ends
    FROM matched m CROSS JOIN LATERAL (SELECT m.oldest IS NOT NULL AND m.ms - m.oldest < m.span AS valid) v
   WHERE m.kind = 'frequency'
), runs AS (
  SELECT i.*, max(i.ends) OVER (PARTITION BY i.contact_id, i.idx ORDER BY i.ts, i.n ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS ended
    FROM intervals i
), frequency_rules AS (
  SELECT f.contact_id, f.idx, f.n, score_round(f.points * ${worth('f.since_ms')}) AS points, f.since_ms
    -- A run starts strictly after the previous one's end, which is after its own start, so the
    -- latest start is the one with the greatest time.
    FROM (SELECT contact_id, idx, max(points) AS points, max(span) AS span, max(ends) AS ends,
                 count(*) FILTER (WHERE ms > $2::float8 - span) AS n,
                 max(ms) FILTER (WHERE valid AND (ended IS NULL OR ms > ended)) AS since_ms
            FROM runs GROUP BY contact_id, idx) f
   WHERE f.since_ms IS NOT NULL AND $2::float8 < f.ends
), reasons AS (
  SELECT x.contact_id, x.idx, x.points,
         jsonb_build_object('ruleId', r.rule_id, 'label', r.label, 'kind', r.kind, 'count', x.n, 'points', x.points)
           || CASE WHEN x.since_ms IS NULL THEN '{}'::jsonb
                   ELSE jsonb_build_object('since', to_char(timestamp 'epoch' + x.since_ms * interval '1 millisecond', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) END AS reason
    FROM (SELECT * FROM event_rules UNION ALL SELECT * FROM frequency_rules) x JOIN rules r ON r.idx = x.idx
), interest AS (
  SELECT contact_id, greatest(-99999999.99::float8, least(99999999.99::float8, score_round(sum(points ORDER BY idx)))) AS interest,
         jsonb_agg(reason ORDER BY idx) AS interest_reasons
    FROM reasons GROUP BY contact_id
), n AS MATERIALIZED (
  SELECT f.contact_id, f.fit, coalesce(i.interest, 0) AS interest, f.fit_reasons, coalesce(i.interest_reasons, '[]'::jsonb) AS interest_reasons,
         CASE WHEN f.fit >= $6::float8 THEN CASE WHEN coalesce(i.interest, 0) >= $7::float8 THEN 'hot' ELSE 'nurture' END
              ELSE CASE WHEN coalesce(i.interest, 0) >= $7::float8 THEN 'fan' ELSE 'suppress' END END AS quadrant
    FROM fit f LEFT JOIN interest i ON i.contact_id = f.contact_id
), o AS MATERIALIZED (
  SELECT s.contact_id, s.fit, s.interest, s.quadrant, s.model_version, s.fit_reasons, s.interest_reasons
    FROM contact_scores s WHERE s.contact_id IN (SELECT contact_id FROM fit)
), d AS MATERIALIZED (
  SELECT n.*, o.contact_id IS NULL AS fresh,
         o.contact_id IS NULL OR o.fit <> n.fit::numeric(10,2) OR o.interest <> n.interest::numeric(10,2) OR o.quadrant <> n.quadrant
           OR o.model_version <> $8::int OR o.fit_reasons <> n.fit_reasons OR o.interest_reasons <> n.interest_reasons AS moved,
         o.contact_id IS NULL OR o.quadrant <> n.quadrant
           OR floor(o.fit + 0.5) <> floor(n.fit::numeric(10,2) + 0.5) OR floor(o.interest + 0.5) <> floor(n.interest::numeric(10,2) + 0.5) AS changed
    FROM n LEFT JOIN o ON o.contact_id = n.contact_id
), w AS (
  INSERT INTO contact_scores (contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, model_version, scored_at)
  SELECT contact_id, fit, interest, quadrant, fit_reasons, interest_reasons, $8::int, $1 FROM d WHERE moved
  ON CONFLICT (contact_id) DO UPDATE SET fit = EXCLUDED.fit, interest = EXCLUDED.interest, quadrant = EXCLUDED.quadrant,
    fit_reasons = EXCLUDED.fit_reasons, interest_reasons = EXCLUDED.interest_reasons, model_version = EXCLUDED.model_version, scored_at = EXCLUDED.scored_at
)
SELECT d.contact_id, d.interest, d.quadrant, d.changed,
       CASE WHEN d.changed THEN d.interest_reasons END AS interest_reasons,
       o.fit AS prev_fit, o.interest AS prev_interest, o.quadrant AS prev_quadrant, o.model_version AS prev_model_version,
       CASE WHEN d.changed THEN o.fit_reasons END AS prev_fit_reasons, CASE WHEN d.changed THEN o.interest_reasons END AS prev_interest_reasons
  FROM d LEFT JOIN o ON o.contact_id = d.contact_id`;
}
