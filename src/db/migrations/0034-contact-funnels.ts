export const name = 'contact-funnels';

// Two per-contact rollups of stage_transitions for the funnel, its breakdowns and the planner.
// At 1M contacts those reports grouped contact_stage_firsts (one row per contact and stage, 1.2M
// rows for the 912k contacts of a twelve-month cohort) back into one row per contact on every
// run, and the funnel's stage stays sorted every transition of the cohort's contacts to pair each
// with the next: most of their 3–11 s.
// - contact_funnels: one row per contact that ever moved to a funnel stage, with the first moment
//   of each funnel stage (a column per stage) and the furthest funnel position it moved to
//   (lifecycle_stages.position: fixed per key, only labels change).
// - contact_stage_stays: one row per stay that ended (a transition and the contact's next one, in
//   time order, then by id); the stay in the stage a contact is in now has no end and no row.
// Kept exact by statement triggers on stage_transitions, like contact_stage_firsts (0008): new
// moves are folded into contact_funnels with LEAST/GREATEST; every other change, and the stays of
// any contact that moved (an imported move into the past splits an older stay), recompute the
// contacts involved from their transitions (`*_refresh(ids)`, a few index reads per contact).
// Both read stage_transitions itself, not contact_stage_firsts, so the order in which the
// statement triggers of one table fire does not matter. `SELECT contact_funnels_rebuild()` and
// `SELECT contact_stage_stays_rebuild()` redo everything.
// No foreign key to contacts: an erase deletes the contact and its transitions in either order.
// Rows are written in contact order, the order the callers locked the contacts in (lock order:
// contact first, then its rollup rows).

// The funnel stages as they were when this was written: a migration does not follow later code.
const stages = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'];
const cols = stages.map((s) => `${s}_at`);

/** One contact_funnels row per contact among the transitions `src` (alias t) matching `where`. */
const funnelsOf = (src: string, where = 'true') => /* sql */ `
  SELECT t.object_id, max(ls.position),
         ${stages.map((s) => `min(t.at) FILTER (WHERE t.to_stage = '${s}')`).join(',\n         ')}
    FROM ${src} JOIN lifecycle_stages ls ON ls.key = t.to_stage AND ls.in_funnel
   WHERE t.object_type = 'contact' AND ${where}
   GROUP BY 1 ORDER BY 1`;

/** Earliest moment per stage and furthest position win; a row that would not change is left alone. */
const addFunnels = (src: string, where?: string) => /* sql */ `
  INSERT INTO contact_funnels AS f (contact_id, max_pos, ${cols.join(', ')})
  ${funnelsOf(src, where)}
  ON CONFLICT (contact_id) DO UPDATE SET max_pos = GREATEST(f.max_pos, EXCLUDED.max_pos),
    ${cols.map((c) => `${c} = LEAST(f.${c}, EXCLUDED.${c})`).join(', ')}
  WHERE (f.max_pos, ${cols.map((c) => `f.${c}`).join(', ')})
        IS DISTINCT FROM (GREATEST(f.max_pos, EXCLUDED.max_pos), ${cols.map((c) => `LEAST(f.${c}, EXCLUDED.${c})`).join(', ')})`;

/**
 * The ended stays of the contacts whose transitions match `where` (alias st). `update` for new
 * moves: a move only ever ends a stay or ends it earlier, so the kept rows are updated in place
 * rather than deleted and written again (most are unchanged: a live move ends one stay).
 */
const addStays = (where = 'true', update = false) => /* sql */ `
  INSERT INTO contact_stage_stays (contact_id, transition_id, stage, entered_at, exited_at)
  SELECT object_id, id, to_stage, at, exited_at
    FROM (SELECT st.object_id, st.id, st.to_stage, st.at,
                 lead(st.at) OVER (PARTITION BY st.object_id ORDER BY st.at, st.id) AS exited_at
            FROM stage_transitions st
           WHERE st.object_type = 'contact' AND ${where}) s
   WHERE exited_at IS NOT NULL
   ORDER BY 1, 2${update ? `
  ON CONFLICT (contact_id, transition_id) DO UPDATE SET exited_at = EXCLUDED.exited_at
   WHERE contact_stage_stays.exited_at <> EXCLUDED.exited_at` : ''}`;

/** The end of a trigger that recomputes the contacts in `redo` from their transitions. */
const refreshBoth = /* sql */ `IF redo IS NOT NULL THEN
    PERFORM contact_funnels_refresh(redo);
    PERFORM contact_stage_stays_refresh(redo);
  END IF;
  RETURN NULL;`;

export const sql = /* sql */ `
CREATE TABLE contact_funnels (
  contact_id bigint PRIMARY KEY,
  max_pos    smallint NOT NULL,
  ${cols.map((c) => `${c} timestamptz`).join(',\n  ')}
);

CREATE TABLE contact_stage_stays (
  contact_id    bigint NOT NULL,
  transition_id bigint NOT NULL,
  stage         text NOT NULL,
  entered_at    timestamptz NOT NULL,
  exited_at     timestamptz NOT NULL,
  PRIMARY KEY (contact_id, transition_id)
);

CREATE FUNCTION contact_funnels_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_funnels WHERE contact_id = ANY(ids);
  ${addFunnels('stage_transitions t', 't.object_id = ANY(ids)')};
END $$;

CREATE FUNCTION contact_stage_stays_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_stage_stays WHERE contact_id = ANY(ids);
  ${addStays('st.object_id = ANY(ids)')};
END $$;

CREATE FUNCTION contact_funnels_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_funnels;
  ${addFunnels('stage_transitions t')};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION contact_stage_stays_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_stage_stays;
  ${addStays()};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION contact_funnels_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE moved bigint[];
BEGIN
  ${addFunnels('new_moves t')};
  SELECT array_agg(DISTINCT object_id) INTO moved FROM new_moves WHERE object_type = 'contact';
  IF moved IS NOT NULL THEN
    ${addStays('st.object_id = ANY(moved)', true)};
  END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_funnels_on_update() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
DECLARE redo bigint[];
BEGIN
  -- Old and new owners of every transition whose contact, stage or moment changed (a merge moves
  -- them; an erasure rewrites only reasons, which change nothing here).
  SELECT array_agg(DISTINCT x) INTO redo
    FROM old_moves o JOIN new_moves n ON n.id = o.id
   CROSS JOIN LATERAL (VALUES (o.object_type, o.object_id), (n.object_type, n.object_id)) v(kind, x)
   WHERE v.kind = 'contact'
     AND (o.object_type, o.object_id, o.to_stage, o.at) IS DISTINCT FROM (n.object_type, n.object_id, n.to_stage, n.at);
  ${refreshBoth}
END $$;

CREATE FUNCTION contact_funnels_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT object_id) INTO redo FROM old_moves WHERE object_type = 'contact';
  ${refreshBoth}
END $$;

CREATE TRIGGER contact_funnels_insert AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_insert();
CREATE TRIGGER contact_funnels_update AFTER UPDATE ON stage_transitions REFERENCING OLD TABLE AS old_moves NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_update();
CREATE TRIGGER contact_funnels_delete AFTER DELETE ON stage_transitions REFERENCING OLD TABLE AS old_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_delete();

SELECT contact_funnels_rebuild();
SELECT contact_stage_stays_rebuild();
-- Statistics now: the reports join these to a year of contacts, and a guess would loop.
ANALYZE contact_funnels;
ANALYZE contact_stage_stays;
`;
