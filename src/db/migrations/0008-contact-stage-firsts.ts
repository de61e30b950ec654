export const name = 'contact-stage-firsts';

// The first time each contact reached each stage, one row per contact and stage. The funnel,
// its breakdowns, MQL values, waterfalls and the closed-loop cohorts all start from "first moved
// to X"; aggregating stage_transitions for it on every report (1.4M transitions at 1M contacts)
// was most of the funnel's 5 s. Kept exact by statement triggers on stage_transitions, like
// contact_actions (0007): moves are added with LEAST; a merge or erase that moves or deletes
// transitions recomputes the contacts involved. `SELECT contact_stage_firsts_rebuild()` redoes all.
// No foreign key to contacts: an erase deletes the contact and its transitions in either order.

const firstsOf = (src: string, where = 'true') => /* sql */ `
  SELECT t.object_id, t.to_stage, min(t.at) FROM ${src}
   WHERE t.object_type = 'contact' AND ${where}
   GROUP BY 1, 2`;

const addFirsts = (src: string, where?: string) => /* sql */ `
  INSERT INTO contact_stage_firsts AS f (contact_id, stage, first_at)
  ${firstsOf(src, where)}
  ON CONFLICT (contact_id, stage) DO UPDATE SET first_at = LEAST(f.first_at, EXCLUDED.first_at)`;

export const sql = /* sql */ `
CREATE TABLE contact_stage_firsts (
  contact_id bigint NOT NULL,
  stage      text NOT NULL,
  first_at   timestamptz NOT NULL,
  PRIMARY KEY (contact_id, stage)
);
-- "Who first became an MQL in October": by stage and moment.
CREATE INDEX contact_stage_firsts_stage_idx ON contact_stage_firsts (stage, first_at);

CREATE FUNCTION contact_stage_firsts_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_stage_firsts WHERE contact_id = ANY(ids);
  ${addFirsts('stage_transitions t', 't.object_id = ANY(ids)')};
END $$;

CREATE FUNCTION contact_stage_firsts_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_stage_firsts;
  ${addFirsts('stage_transitions t')};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION contact_stage_firsts_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${addFirsts('new_moves t')};
  RETURN NULL;
END $$;

CREATE FUNCTION contact_stage_firsts_on_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  -- Old and new owners of every moved or deleted transition (new_moves is empty on DELETE).
  SELECT array_agg(DISTINCT object_id) INTO redo FROM (
    SELECT object_id FROM old_moves WHERE object_type = 'contact'
    UNION ALL
    SELECT object_id FROM new_moves WHERE object_type = 'contact'
  ) x;
  IF redo IS NOT NULL THEN PERFORM contact_stage_firsts_refresh(redo); END IF;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_stage_firsts_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT object_id) INTO redo FROM old_moves WHERE object_type = 'contact';
  IF redo IS NOT NULL THEN PERFORM contact_stage_firsts_refresh(redo); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER contact_stage_firsts_insert AFTER INSERT ON stage_transitions REFERENCING NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_stage_firsts_on_insert();
CREATE TRIGGER contact_stage_firsts_update AFTER UPDATE ON stage_transitions REFERENCING OLD TABLE AS old_moves NEW TABLE AS new_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_stage_firsts_on_change();
CREATE TRIGGER contact_stage_firsts_delete AFTER DELETE ON stage_transitions REFERENCING OLD TABLE AS old_moves
  FOR EACH STATEMENT EXECUTE FUNCTION contact_stage_firsts_on_delete();

SELECT contact_stage_firsts_rebuild();
-- Statistics now: without them the planner guesses billions of rows and spills to disk until autovacuum comes by.
ANALYZE contact_stage_firsts;
`;
