export const name = 'mql-episodes';

// One row per MQL episode of every contact, for the lead-quality and MQL-definition reports
// (src/domains/reports/queries/lead-quality.ts says what an episode is). At 1M contacts those
// reports read every transition, assignment, customer moment, won deal and campaign touch of a
// year's 180,000 MQL contacts, sorted 550,000 rows into episodes and sent 180,000 episode rows to
// Node on every run (3–5 s). What an episode is and how it ended depends only on its contact's
// transitions and lead assignments, and not on the report's `asOf`: the first rejection or
// recycle of an episode before asOf is its first one when that is before asOf, and none when not
// (likewise its acceptance); so each row keeps the first ones of all and the report compares them
// with asOf. The contact-level facts (customer moment, revenue, first campaign touch, columns)
// are joined when the report runs: they come from rollups or small tables already.
//
// Kept exact by statement triggers on stage_transitions and lead_assignments (set-based,
// transition tables): any change to a row that can decide an episode (an episode start, a
// rejection or recycle, an acceptance, an assignment) recomputes the episodes of the contacts
// involved from their rows (`mql_episodes_refresh(ids)`, a few index reads per contact); moves
// that decide nothing here (to lead, to other, merges' own moves) are skipped. An assignment's
// other columns (SLA counters, first touch, closing) change often and decide nothing: a row
// trigger whose WHEN compares the three that matter keeps those updates free.
// `SELECT mql_episodes_rebuild()` recomputes everything.
// No foreign key to contacts: an erase deletes the contact and its transitions in either order.

// The rules as they were when this was written: a migration does not follow later code.
const isStart = (t: string) =>
  `(${t}.to_stage = 'mql' AND ${t}.kind IN ('create', 'forward', 'import', 'sideways') AND (${t}.from_stage IS NULL OR ${t}.from_stage IN ('subscriber', 'lead', 'other')))`;
const isAcceptance = (t: string) => `(${t}.to_stage IN ('sql', 'opportunity', 'customer', 'evangelist') AND ${t}.kind IN ('forward', 'import', 'sideways'))`;
/** A transition (alias t) that can decide an episode: a start, its end, its acceptance. */
const decides = (t: string) => `(${t}.object_type = 'contact' AND (${isStart(t)} OR ${t}.kind IN ('reject', 'recycle') OR ${isAcceptance(t)}))`;

/**
 * The episodes of the contacts the transitions (alias t) and assignments (alias a) matching
 * `where` belong to. The rows of a contact sorted by time: an episode is the rows from its start
 * up to the next start (a start sorts before anything else at its moment, then by id, so a row at
 * the very moment of the next start belongs to that one); rows before the first start belong to none.
 */
const episodesOf = (whereT = 'true', whereA = 'true') => /* sql */ `
  WITH facts AS (
    SELECT t.object_id AS contact_id, t.at, t.id, CASE WHEN ${isStart('t')} THEN 's' WHEN t.kind IN ('reject', 'recycle') THEN 'e' ELSE 'a' END AS what,
           t.kind, t.reason, NULL::bigint AS owner_id
      FROM stage_transitions t
     WHERE ${decides('t')} AND ${whereT}
    UNION ALL
    SELECT a.contact_id, a.assigned_at, a.id, 'r', NULL, NULL, a.owner_id
      FROM lead_assignments a
     WHERE ${whereA}
  ), ranked AS (
    SELECT f.*, count(*) FILTER (WHERE f.what = 's') OVER (PARTITION BY f.contact_id ORDER BY f.at, f.what <> 's', f.id ROWS UNBOUNDED PRECEDING) AS k
      FROM facts f
  ), episode AS (
    SELECT r.contact_id, r.k,
           min(r.id) FILTER (WHERE r.what = 's') AS id,
           min(r.at) FILTER (WHERE r.what = 's') AS at,
           (array_agg(r.kind ORDER BY r.at, r.id) FILTER (WHERE r.what = 'e'))[1] AS ended,
           (array_agg(r.reason ORDER BY r.at, r.id) FILTER (WHERE r.what = 'e'))[1] AS reason,
           min(r.at) FILTER (WHERE r.what = 'e') AS ended_at,
           min(r.at) FILTER (WHERE r.what = 'a') AS accepted_at,
           (array_agg(r.owner_id ORDER BY r.at, r.id) FILTER (WHERE r.what = 'r'))[1] AS rep_id
      FROM ranked r
     WHERE r.k > 0
     GROUP BY r.contact_id, r.k
  )
  SELECT e.id, e.contact_id, e.at, lead(e.at) OVER (PARTITION BY e.contact_id ORDER BY e.k), e.ended, e.reason, e.ended_at, e.accepted_at, e.rep_id
    FROM episode e
   ORDER BY e.contact_id, e.id`;

const insert = `INSERT INTO mql_episodes (transition_id, contact_id, at, next_at, ended, reason, ended_at, accepted_at, rep_id)`;

/** The end of a trigger that recomputes the contacts in `redo`. */
const refresh = /* sql */ `IF redo IS NOT NULL THEN
    PERFORM mql_episodes_refresh(redo);
  END IF;
  RETURN NULL;`;

export const sql = /* sql */ `
CREATE TABLE mql_episodes (
  transition_id bigint PRIMARY KEY,
  contact_id    bigint NOT NULL,
  at            timestamptz NOT NULL,
  next_at       timestamptz,
  ended         text,
  reason        text,
  ended_at      timestamptz,
  accepted_at   timestamptz,
  rep_id        bigint
);
CREATE INDEX mql_episodes_contact_idx ON mql_episodes (contact_id);
CREATE INDEX mql_episodes_at_idx ON mql_episodes (at);

CREATE FUNCTION mql_episodes_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM mql_episodes WHERE contact_id = ANY(ids);
  ${insert}
  ${episodesOf('t.object_id = ANY(ids)', 'a.contact_id = ANY(ids)')};
END $$;

CREATE FUNCTION mql_episodes_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM mql_episodes;
  ${insert}
  ${episodesOf()};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION mql_episodes_moves_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT t.object_id ORDER BY t.object_id) INTO redo FROM new_moves t WHERE ${decides('t')};
  ${refresh}
END $$;

CREATE FUNCTION mql_episodes_moves_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  -- The old and new contact of every deciding transition whose contact, kind, stages, moment or
  -- reason changed (a merge moves them; an erasure rewrites reasons).
  SELECT array_agg(DISTINCT x ORDER BY x) INTO redo
    FROM old_moves o JOIN new_moves n ON n.id = o.id
   CROSS JOIN LATERAL (VALUES (o.object_id, ${decides('o')}), (n.object_id, ${decides('n')})) v(x, d)
   WHERE v.d
     AND (o.object_type, o.object_id, o.from_stage, o.to_stage, o.kind, o.at, o.reason)
         IS DISTINCT FROM (n.object_type, n.object_id, n.from_stage, n.to_stage, n.kind, n.at, n.reason);
  ${refresh}
END $$;

CREATE FUNCTION mql_episodes_moves_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT t.object_id ORDER BY t.object_id) INTO redo FROM old_moves t WHERE ${decides('t')};
  ${refresh}
END $$;

CREATE FUNCTION mql_episodes_assignments_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT contact_id ORDER BY contact_id) INTO redo FROM new_assignments;
  ${refresh}
END $$;

CREATE FUNCTION mql_episodes_assignments_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT contact_id ORDER BY contact_id) INTO redo FROM old_assignments;
  ${refresh}
END $$;

CREATE FUNCTION mql_episodes_assignment_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM mql_episodes_refresh(ARRAY(SELECT DISTINCT x FROM unnest(ARRAY[OLD.contact_id, NEW.contact_id]) x ORDER BY x));
  RETURN NULL;
END $$;

CREATE TRIGGER mql_episodes_moves_insert AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION mql_episodes_moves_on_insert();
CREATE TRIGGER mql_episodes_moves_update AFTER UPDATE ON stage_transitions REFERENCING OLD TABLE AS old_moves NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION mql_episodes_moves_on_update();
CREATE TRIGGER mql_episodes_moves_delete AFTER DELETE ON stage_transitions REFERENCING OLD TABLE AS old_moves
  FOR EACH STATEMENT EXECUTE FUNCTION mql_episodes_moves_on_delete();
CREATE TRIGGER mql_episodes_assignments_insert AFTER INSERT ON lead_assignments REFERENCING NEW TABLE AS new_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION mql_episodes_assignments_on_insert();
CREATE TRIGGER mql_episodes_assignments_delete AFTER DELETE ON lead_assignments REFERENCING OLD TABLE AS old_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION mql_episodes_assignments_on_delete();
CREATE TRIGGER mql_episodes_assignment_update AFTER UPDATE ON lead_assignments FOR EACH ROW
  WHEN ((OLD.contact_id, OLD.owner_id, OLD.assigned_at) IS DISTINCT FROM (NEW.contact_id, NEW.owner_id, NEW.assigned_at))
  EXECUTE FUNCTION mql_episodes_assignment_on_update();

SELECT mql_episodes_rebuild();
-- Statistics now: the reports join a year of these to contacts, and a guess would loop.
ANALYZE mql_episodes;
`;
