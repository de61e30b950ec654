export const name = 'calibration-at-commit';

// Three costs of migration 0039's calibration rollups on the writes that keep them, found when
// imports ran 1.5-3x slower on the server after it (bench/import-bench.ts, 20,000 rows, 0039's
// parent against it, alternating: contacts 2,700-3,000 -> 1,600-1,800 rows/s, deals 2,700-2,800 ->
// 880-890, activities 10,700-11,200 -> 6,000-6,200). With all three: contacts 1,900, deals 1,880,
// activities 7,900-8,000, and the event pipeline back to its rate before 0039.
//
// 1. The update triggers on contacts and companies found the rows whose fields changed by joining
//    the statement's new rows to its old ones. Their functions turn hash and merge joins off (a
//    ledger refresh must probe keys, never hash a table), so that join was a nested loop over two
//    unindexed transition tables: quadratic in the rows one statement updates (an import's batch of
//    5,000 deals moves 5,000 contacts' stages in one UPDATE: 25 million comparisons). Each id's old
//    and new values are paired by grouping instead (the two versions of a row differ when they are
//    two distinct tuples; DISTINCT treats nulls as equal, as IS DISTINCT FROM does).
//
// 2. Every statement refreshed the ledgers of the contacts it touched, so one contact was redone
//    as many times as statements touched it in a transaction: an imported contact at its insert and
//    again at its first stage move, a new contact of the event pipeline at its insert, its first
//    actions and its sources. The triggers now mark the contacts (`calibration_dirty`, one row each,
//    saying which ledger), and the transaction redoes each marked contact once, when it commits (a
//    deferred constraint trigger: the first of its firings takes every mark, the others find theirs
//    gone). Nothing else changes: the ledgers are computed from what is there at commit, as before
//    from what was there after each statement, and the days still follow in key order. Inside the
//    writing transaction the rollups lag its own writes; no report reads them there.
//
// 3. The property ledger's refresh found each contact's moment and rewinds by grouping them for
//    all the contacts refreshed and joining: with hash and merge joins off, a nested loop over both
//    sides, quadratic in the contacts refreshed at once (0.9-1.3 s for an import batch of 5,000; 26 s
//    for 20,000 refreshed at one commit). It probes each contact's keys now (propsOf's per-contact
//    form, migration 0039's file).
//
// calibration_refresh and calibration_props_refresh keep their names and now mark; what they did
// is calibration_refresh_now and calibration_props_refresh_now, which the commit calls.

import { companyCols, contactCols, ofCompanies, propsLedger, propsOf, refreshFunction } from './0039-calibration-days.js';

/** Per updated id, whether `cols` (and `created_at`, for contacts) differ between its old and new row. */
const pairs = (cols: readonly string[], extra = '') => /* sql */ `
    SELECT id, count(DISTINCT v) > 1 AS moved${extra}
      FROM (SELECT id, ROW(${cols.join(', ')}) AS v${extra ? ', created_at' : ''} FROM new_rows
            UNION ALL
            SELECT id, ROW(${cols.join(', ')})${extra ? ', created_at' : ''} FROM old_rows) x
     GROUP BY id`;

const fn = (name: string, body: string) => /* sql */ `
CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE acts bigint[]; props bigint[];
BEGIN
  ${body}
  IF acts IS NOT NULL OR props IS NOT NULL THEN PERFORM calibration_mark(acts, props); END IF;
  RETURN NULL;
END $$;`;

export const sql = /* sql */ `
ALTER FUNCTION calibration_refresh(bigint[]) RENAME TO calibration_refresh_now;
ALTER FUNCTION calibration_props_refresh(bigint[]) RENAME TO calibration_props_refresh_now;
-- Each contact's moment and rewinds by a probe of its keys (propsOf's per-contact form): grouped for
-- all and joined, with hash joins off, they were a nested loop quadratic in the contacts refreshed
-- at once (5,000 an import batch: 0.9-1.3 s a refresh; 20,000 at one commit: 26 s).
${refreshFunction({ ...propsLedger, refresh: 'calibration_props_refresh_now', rows: (where, firsts) => propsOf(where, firsts, true) }, 'CREATE OR REPLACE')}

-- One row per contact whose ledgers the transaction has to redo; never a committed row.
CREATE TABLE calibration_dirty (
  contact_id bigint PRIMARY KEY,
  acts       boolean NOT NULL,
  props      boolean NOT NULL
);

CREATE FUNCTION calibration_mark(act_ids bigint[], prop_ids bigint[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO calibration_dirty AS d (contact_id, acts, props)
  SELECT id, bool_or(a), bool_or(p) FROM (
    SELECT unnest(act_ids) AS id, true AS a, false AS p
    UNION ALL
    SELECT unnest(prop_ids), false, true
  ) x WHERE id IS NOT NULL GROUP BY id ORDER BY id
  ON CONFLICT (contact_id) DO UPDATE SET acts = d.acts OR EXCLUDED.acts, props = d.props OR EXCLUDED.props
   WHERE (EXCLUDED.acts AND NOT d.acts) OR (EXCLUDED.props AND NOT d.props);
$$;
CREATE FUNCTION calibration_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$ SELECT calibration_mark(ids, NULL) $$;
CREATE FUNCTION calibration_props_refresh(ids bigint[]) RETURNS void LANGUAGE sql AS $$ SELECT calibration_mark(NULL, ids) $$;

CREATE FUNCTION calibration_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE a bigint[]; p bigint[];
BEGIN
  -- Taken already by an earlier firing at this commit (a probe of the key, not a scan).
  IF NOT EXISTS (SELECT 1 FROM calibration_dirty WHERE contact_id = NEW.contact_id) THEN RETURN NULL; END IF;
  WITH taken AS (DELETE FROM calibration_dirty RETURNING contact_id, calibration_dirty.acts, calibration_dirty.props)
  SELECT array_agg(contact_id ORDER BY contact_id) FILTER (WHERE taken.acts), array_agg(contact_id ORDER BY contact_id) FILTER (WHERE taken.props)
    INTO a, p FROM taken;
  IF a IS NOT NULL THEN PERFORM calibration_refresh_now(a); END IF;
  IF p IS NOT NULL THEN PERFORM calibration_props_refresh_now(p); END IF;
  RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER calibration_at_commit AFTER INSERT ON calibration_dirty
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION calibration_flush();
${fn('calibration_on_contacts_update', `SELECT array_agg(id) FILTER (WHERE created_moved), array_agg(id) INTO acts, props
    FROM (${pairs(contactCols, ', count(DISTINCT created_at) > 1 AS created_moved')}) p WHERE moved;`)}
${fn('calibration_on_companies_update', `SELECT array_agg(DISTINCT contact_id) INTO props
    FROM (${ofCompanies(`SELECT id FROM (${pairs(companyCols)}) p WHERE moved`)}) x;`)}
`;
