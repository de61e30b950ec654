export const name = 'contact-actions';

// A rollup of the events that count as actions, one row per contact and action: how many, first
// and last time. Calibration and content influence ask "did this contact do X before the sale /
// before the month ended?" over a year of events; reading millions of wide event rows (jsonb
// properties, message ids) to answer it took 14-32 s at 2M events. first_at answers "any before
// T" exactly; n answers "how many" exactly whenever last_at < T, and the few rows that straddle T
// go back to their events (the contact index makes that cheap).
//
// Kept exact by statement triggers on events (set-based, using transition tables): new or newly
// attributed events are added; anything that moves an event away from a contact (merge, identity
// change, retagged campaign or asset, delete) recomputes the contacts involved from their events.
// `SELECT contact_actions_rebuild()` (`revloop rollups rebuild`) recomputes everything.

/** Which events are actions: tracking calls, not identify/group/alias; mail-scanner hits left out
 * (a scanner flag is JSON true, as record-engagement writes it and the timeline reads it). */
const isAction = (e: string) => `${e}.type IN ('track', 'page', 'screen') AND ${e}.properties->'scanner' IS DISTINCT FROM 'true'::jsonb`;

/** The rollup rows of a set of events (`src`, alias e): each event is one action under up to three keys. */
const rowsOf = (src: string, where = 'true') => /* sql */ `
  SELECT e.contact_id, k.kind, k.ref_id, k.name, count(*)::int AS n, min(e.timestamp) AS first_at, max(e.timestamp) AS last_at,
         min(e.timestamp) FILTER (WHERE e.event IS DISTINCT FROM 'CTA Viewed') AS first_touch_at
    FROM ${src}
   CROSS JOIN LATERAL (VALUES ('event', 0::bigint, CASE WHEN e.type = 'track' THEN e.event ELSE e.type END),
                              ('asset', e.asset_id, ''), ('campaign', e.campaign_id, '')) k(kind, ref_id, name)
   WHERE e.contact_id IS NOT NULL AND k.ref_id IS NOT NULL AND k.name IS NOT NULL AND ${isAction('e')} AND ${where}
   GROUP BY 1, 2, 3, 4`;

const addRows = (src: string, where?: string) => /* sql */ `
  INSERT INTO contact_actions AS ca (contact_id, kind, ref_id, name, n, first_at, last_at, first_touch_at)
  ${rowsOf(src, where)}
  ON CONFLICT (contact_id, kind, ref_id, name) DO UPDATE
     SET n = ca.n + EXCLUDED.n, first_at = LEAST(ca.first_at, EXCLUDED.first_at), last_at = GREATEST(ca.last_at, EXCLUDED.last_at),
         first_touch_at = LEAST(ca.first_touch_at, EXCLUDED.first_touch_at)`;

// What about an event decides its rollup rows; an update that changes none of it (processed_at,
// channel, errors) leaves the rollup alone.
const facts = (e: string) => `(${e}.contact_id, ${e}.type, ${e}.event, ${e}.asset_id, ${e}.campaign_id, ${e}.timestamp, ${e}.properties->'scanner')`;

export const sql = /* sql */ `
-- Is this event an action? One definition for the rollup and the queries that still read events.
CREATE FUNCTION event_is_action(type text, properties jsonb) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN type IN ('track', 'page', 'screen') AND properties->'scanner' IS DISTINCT FROM 'true'::jsonb;

-- kind 'event': name = 'page', 'screen' or the track event's name, ref_id 0.
-- kind 'asset' / 'campaign': ref_id = the asset or campaign, name ''.
-- first_touch_at: the first action that is not an impression ('CTA Viewed'), for content influence.
CREATE TABLE contact_actions (
  contact_id     bigint NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind           text NOT NULL CHECK (kind IN ('event', 'asset', 'campaign')),
  ref_id         bigint NOT NULL,
  name           text NOT NULL,
  n              integer NOT NULL,
  first_at       timestamptz NOT NULL,
  last_at        timestamptz NOT NULL,
  first_touch_at timestamptz,
  PRIMARY KEY (contact_id, kind, ref_id, name)
);

CREATE FUNCTION contact_actions_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_actions WHERE contact_id = ANY(ids);
  ${addRows('events e', 'e.contact_id = ANY(ids)')};
END $$;

CREATE FUNCTION contact_actions_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_actions;
  ${addRows('events e')};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION contact_actions_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${addRows('new_events e')};
  RETURN NULL;
END $$;

CREATE FUNCTION contact_actions_on_update() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  -- Events taken from a contact (or changed while on one): recompute both sides from events.
  SELECT array_agg(DISTINCT x) INTO redo
    FROM old_events o JOIN new_events n ON n.id = o.id
   CROSS JOIN LATERAL (VALUES (o.contact_id), (n.contact_id)) v(x)
   WHERE o.contact_id IS NOT NULL AND x IS NOT NULL AND ${facts('o')} IS DISTINCT FROM ${facts('n')};
  IF redo IS NOT NULL THEN PERFORM contact_actions_refresh(redo); END IF;
  -- Events given their first contact (identity resolution): added.
  ${addRows('old_events o JOIN new_events e ON e.id = o.id', `o.contact_id IS NULL AND NOT (e.contact_id = ANY(COALESCE(redo, '{}')))`)};
  RETURN NULL;
END $$;

CREATE FUNCTION contact_actions_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT contact_id) INTO redo FROM old_events WHERE contact_id IS NOT NULL;
  IF redo IS NOT NULL THEN PERFORM contact_actions_refresh(redo); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER contact_actions_insert AFTER INSERT ON events REFERENCING NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_insert();
CREATE TRIGGER contact_actions_update AFTER UPDATE ON events REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_update();
CREATE TRIGGER contact_actions_delete AFTER DELETE ON events REFERENCING OLD TABLE AS old_events
  FOR EACH STATEMENT EXECUTE FUNCTION contact_actions_on_delete();

-- The history already there.
SELECT contact_actions_rebuild();
-- Statistics now: without them the planner guesses billions of rows and spills to disk until autovacuum comes by.
ANALYZE contact_actions;
`;
