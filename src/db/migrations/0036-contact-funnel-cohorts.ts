export const name = 'contact-funnel-cohorts';

// The funnel, its breakdowns and the planner read the cohort of contacts created in a window
// (912k of 1M for twelve months) joined to contact_funnels (0034). That join was most of each
// statement: a million wide contacts rows read and a million rollup rows hashed (spilling at the
// default work_mem) to read four columns. contact_funnels now has one row for EVERY contact (max_pos
// 0 and no moments when it never moved into the funnel) and carries what the cohort and the
// cheap splits read from the contact: created_at, lifecycle_stage, original_source, company_id.
// The cohort is then a range of this narrow table alone (by created_at), joined to companies only
// when a segment, industry or country is read. Likewise each row of contact_stage_stays (0034: one
// per ended stay) now carries its contact's created_at, and only contacts that exist have stays
// (the report joined them to contacts): the funnel's stays are a range of that table alone.
// Kept exact by:
// - the stage_transitions triggers of 0034, whose functions now write the contact's columns too
//   (read from contacts: a transition of a contact that does not exist leaves no row);
// - statement triggers on contacts: an insert adds its rows (no moments and no stays: a contact's
//   transitions are written after it), an update copies the four columns where they differ
//   (whatever column the statement changed: transition tables cannot go with a column list) and
//   a changed created_at to the contact's stays, a delete removes its rows and stays.
// Lock order holds: the contacts triggers run after the contact rows are locked, then touch only
// their own rollup rows. Nested loops (a key probe per row) are forced where a trigger joins: its
// plans are cached for the session with the first call's row counts, and a hash over a whole
// table planned for a large import would then run for every single-contact update.
// `SELECT contact_funnels_rebuild()` and `SELECT contact_stage_stays_rebuild()` redo everything.

const stages = ['subscriber', 'lead', 'mql', 'sql', 'opportunity', 'customer', 'evangelist'];
const cols = stages.map((s) => `${s}_at`);
const contactCols = ['created_at', 'lifecycle_stage', 'original_source', 'company_id'];

/** Per contact among the transitions `src` (alias t) matching `where`: furthest position and first moment per stage. */
const movesOf = (src: string, where = 'true') => /* sql */ `
  SELECT t.object_id, max(ls.position) AS max_pos,
         ${stages.map((s) => `min(t.at) FILTER (WHERE t.to_stage = '${s}') AS ${s}_at`).join(',\n         ')}
    FROM ${src} JOIN lifecycle_stages ls ON ls.key = t.to_stage AND ls.in_funnel
   WHERE t.object_type = 'contact' AND ${where}
   GROUP BY 1`;

/** Full rows of the contacts matching `where` (alias c), their moments from the transitions `moves`. */
const rowsOf = (moves: string, where: string) => /* sql */ `
  INSERT INTO contact_funnels (contact_id, ${contactCols.join(', ')}, max_pos, ${cols.join(', ')})
  SELECT c.id, ${contactCols.map((k) => `c.${k}`).join(', ')}, COALESCE(m.max_pos, 0), ${cols.map((k) => `m.${k}`).join(', ')}
    FROM contacts c LEFT JOIN (${moves}) m ON m.object_id = c.id
   WHERE ${where}
   ORDER BY c.id`;

/** INSERT of the ended stays of the contacts whose transitions match `where` (alias st), with the contact's created_at. */
const staysOf = (where: string) => /* sql */ `INSERT INTO contact_stage_stays (contact_id, transition_id, stage, entered_at, exited_at, contact_created_at)
  SELECT s.object_id, s.id, s.to_stage, s.at, s.exited_at, c.created_at
    FROM (SELECT st.object_id, st.id, st.to_stage, st.at,
                 lead(st.at) OVER (PARTITION BY st.object_id ORDER BY st.at, st.id) AS exited_at
            FROM stage_transitions st
           WHERE st.object_type = 'contact' AND ${where}) s
    JOIN contacts c ON c.id = s.object_id
   WHERE s.exited_at IS NOT NULL
   ORDER BY 1, 2`;

export const sql = /* sql */ `
-- 0034's triggers on stage_transitions stay; the functions they call are replaced below (a
-- function names its tables at run time, so the table can be made again under them).
DROP TABLE contact_funnels;

CREATE TABLE contact_funnels (
  contact_id      bigint PRIMARY KEY,
  created_at      timestamptz NOT NULL,
  lifecycle_stage text NOT NULL,
  original_source text,
  company_id      bigint,
  max_pos         smallint NOT NULL DEFAULT 0,
  ${cols.map((c) => `${c} timestamptz`).join(',\n  ')}
);

CREATE OR REPLACE FUNCTION contact_funnels_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_funnels WHERE contact_id = ANY(ids);
  ${rowsOf(movesOf('stage_transitions t', 't.object_id = ANY(ids)'), 'c.id = ANY(ids)')};
END $$;

CREATE OR REPLACE FUNCTION contact_funnels_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_funnels;
  ${rowsOf(movesOf('stage_transitions t'), 'true')};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

-- New moves: earliest moment per stage and furthest position win; a row that would not change is
-- left alone. A contact without a row yet (written with its triggers off) gets one. Each moved
-- contact is one probe of contacts' key, whatever size the first call of the session planned for.
CREATE OR REPLACE FUNCTION contact_funnels_on_insert() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE moved bigint[];
BEGIN
  INSERT INTO contact_funnels AS f (contact_id, ${contactCols.join(', ')}, max_pos, ${cols.join(', ')})
  SELECT c.id, ${contactCols.map((k) => `c.${k}`).join(', ')}, m.max_pos, ${cols.map((k) => `m.${k}`).join(', ')}
    FROM (${movesOf('new_moves t')}) m JOIN contacts c ON c.id = m.object_id
   ORDER BY c.id
  ON CONFLICT (contact_id) DO UPDATE SET max_pos = GREATEST(f.max_pos, EXCLUDED.max_pos),
    ${cols.map((c) => `${c} = LEAST(f.${c}, EXCLUDED.${c})`).join(', ')}
  WHERE (f.max_pos, ${cols.map((c) => `f.${c}`).join(', ')})
        IS DISTINCT FROM (GREATEST(f.max_pos, EXCLUDED.max_pos), ${cols.map((c) => `LEAST(f.${c}, EXCLUDED.${c})`).join(', ')});
  SELECT array_agg(DISTINCT object_id) INTO moved FROM new_moves WHERE object_type = 'contact';
  IF moved IS NOT NULL THEN
    PERFORM contact_stage_stays_add(moved);
  END IF;
  RETURN NULL;
END $$;

-- The stays of contact_stage_stays (0034) now carry their contact's created_at and exist only for
-- contacts that exist, so the funnel's stays are a range of that table alone: 0034's pairing of
-- each transition with the contact's next one, joined to its contact.
CREATE OR REPLACE FUNCTION contact_stage_stays_add(moved bigint[]) RETURNS void LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  ${staysOf('st.object_id = ANY(moved)')}
  ON CONFLICT (contact_id, transition_id) DO UPDATE SET exited_at = EXCLUDED.exited_at
   WHERE contact_stage_stays.exited_at <> EXCLUDED.exited_at;
END $$;

CREATE OR REPLACE FUNCTION contact_stage_stays_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM contact_stage_stays WHERE contact_id = ANY(ids);
  ${staysOf('st.object_id = ANY(ids)')};
END $$;

CREATE OR REPLACE FUNCTION contact_stage_stays_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM contact_stage_stays;
  ${staysOf('true')};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

CREATE FUNCTION contact_funnels_on_contact_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO contact_funnels AS f (contact_id, ${contactCols.join(', ')})
  SELECT n.id, ${contactCols.map((k) => `n.${k}`).join(', ')} FROM new_contacts n ORDER BY n.id
  ON CONFLICT (contact_id) DO UPDATE SET ${contactCols.map((k) => `${k} = EXCLUDED.${k}`).join(', ')};
  RETURN NULL;
END $$;

CREATE FUNCTION contact_funnels_on_contact_update() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  -- Only the contacts whose rollup row changed can have stays to move to another creation moment.
  WITH changed AS (
    UPDATE contact_funnels f SET ${contactCols.map((k) => `${k} = n.${k}`).join(', ')}
      FROM new_contacts n
     WHERE f.contact_id = n.id
       AND (${contactCols.map((k) => `f.${k}`).join(', ')}) IS DISTINCT FROM (${contactCols.map((k) => `n.${k}`).join(', ')})
    RETURNING f.contact_id, f.created_at)
  UPDATE contact_stage_stays s SET contact_created_at = ch.created_at
    FROM changed ch WHERE s.contact_id = ch.contact_id AND s.contact_created_at <> ch.created_at;
  RETURN NULL;
END $$;

CREATE FUNCTION contact_funnels_on_contact_delete() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  DELETE FROM contact_funnels f USING old_contacts o WHERE f.contact_id = o.id;
  DELETE FROM contact_stage_stays s USING old_contacts o WHERE s.contact_id = o.id;
  RETURN NULL;
END $$;

CREATE TRIGGER contact_funnels_contact_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_contact_insert();
CREATE TRIGGER contact_funnels_contact_update AFTER UPDATE ON contacts REFERENCING NEW TABLE AS new_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_contact_update();
CREATE TRIGGER contact_funnels_contact_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_contacts
  FOR EACH STATEMENT EXECUTE FUNCTION contact_funnels_on_contact_delete();

SELECT contact_funnels_rebuild();
-- Made again rather than altered: every row gets the new column (and the stays of contacts that
-- no longer exist go).
DROP TABLE contact_stage_stays;
CREATE TABLE contact_stage_stays (
  contact_id         bigint NOT NULL,
  transition_id      bigint NOT NULL,
  stage              text NOT NULL,
  entered_at         timestamptz NOT NULL,
  exited_at          timestamptz NOT NULL,
  contact_created_at timestamptz NOT NULL,
  PRIMARY KEY (contact_id, transition_id)
);
SELECT contact_stage_stays_rebuild();
ANALYZE contact_stage_stays;
-- The cohort is a range of creation moments: a short window reads only its part.
CREATE INDEX contact_funnels_created_idx ON contact_funnels (created_at);
-- Statistics now: the reports read a year of it, and a guess would loop.
ANALYZE contact_funnels;
`;
