export const name = 'calibration-days';

// Calibration's counts (src/domains/scoring/queries/calibration-actions.ts) by the UTC day the
// contacts were created. The report read every contact created in its window (912k at 1M for a
// year) joined to its contact_actions rows on every run (5–8 s); the counts it makes are sums over
// contacts, so a day's sums can be kept and added up. The report reads whole UTC days from
// calibration_days and counts the contacts of the window's two partial days (a workspace zone's
// midnight, an odd instant) as before.
//
// What one contact adds (`calibration_contact_acts`, its ledger): a 'cohort' row (it is in the
// cohort, customer or not), and one row per contact_actions row it did before its sale (all of
// them if it never bought), with its count before the sale for page views and downloads (n, -1
// elsewhere; a straddling customer's counted from its events, as the report did). Each depends
// only on the contact's own rows: contacts (created_at), contact_stage_firsts (its first customer
// moment), contact_actions and, for straddling rows, its events, whose every change that matters
// rewrites its contact_actions rows. So any change there marks its contacts, and
// `calibration_refresh(ids)` swaps their ledger rows for ones computed from what is there now and
// adds the difference to the days. Nothing is ever worked out from a previous value (an erase or a
// merge deletes the contact, its actions and its moves in any order: each step recomputes from
// what is left), which is what kept the "counts as if no customer, corrected live" idea from
// being exact. The ledger is as large as contact_actions; the report never reads it.
//
// Lock order holds: triggers run after the contact rows are locked; the day rows (shared, like a
// queue's) come last, written in key order so that two writers queue instead of deadlocking.
// Days are not deleted when they reach zero: the report skips zeros.
// `SELECT calibration_days_rebuild()` recomputes everything.

// The rules as they were when this was written: a migration does not follow later code.
const histogramNames = `'page', 'Content Downloaded'`;

/** The ledger rows of the contacts matching `where` (alias c), as they are now. */
const ledgerOf = (where: string) => /* sql */ `
  WITH cohort AS (
    SELECT c.id, (c.created_at AT TIME ZONE 'UTC')::date AS day, won.first_at AS won_at
      FROM contacts c LEFT JOIN contact_stage_firsts won ON won.contact_id = c.id AND won.stage = 'customer'
     WHERE ${where}
  )
  SELECT cohort.id, cohort.day, 'cohort'::text, 0::bigint, ''::text, cohort.won_at IS NOT NULL, -1::bigint FROM cohort
  UNION ALL
  SELECT cohort.id, cohort.day, ca.kind, ca.ref_id, ca.name, cohort.won_at IS NOT NULL,
         CASE WHEN ca.kind = 'event' AND ca.name IN (${histogramNames}) THEN
           CASE WHEN cohort.won_at IS NULL OR ca.last_at < cohort.won_at THEN ca.n ELSE (
             SELECT count(*) FROM events e
              WHERE e.contact_id = ca.contact_id AND e.timestamp >= ca.first_at AND e.timestamp < cohort.won_at AND event_is_action(e.type, e.properties)
                AND (CASE WHEN e.type = 'track' THEN e.event ELSE e.type END) = ca.name) END
         ELSE -1 END
    FROM contact_actions ca JOIN cohort ON cohort.id = ca.contact_id
   WHERE cohort.won_at IS NULL OR ca.first_at < cohort.won_at`;

const key = 'day, kind, ref_id, name, customer, n';

/** A trigger function refreshing the contacts in `ids` (a SELECT of one bigint[] over its transition table). */
const onChange = (fn: string, ids: string) => /* sql */ `
CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE ids bigint[];
BEGIN
  ${ids} INTO ids;
  IF ids IS NOT NULL THEN PERFORM calibration_refresh(ids); END IF;
  RETURN NULL;
END $$;`;

export const sql = /* sql */ `
CREATE TABLE calibration_contact_acts (
  contact_id bigint NOT NULL,
  day        date NOT NULL,
  kind       text NOT NULL,
  ref_id     bigint NOT NULL,
  name       text NOT NULL,
  customer   boolean NOT NULL,
  n          bigint NOT NULL
);
CREATE INDEX calibration_contact_acts_contact_idx ON calibration_contact_acts (contact_id);

-- kind 'cohort' (ref_id 0, name ''): contacts created that day; otherwise a contact_actions key.
-- n: a page-view or download count before the sale (a histogram bar), -1 for the other rows.
CREATE TABLE calibration_days (
  day      date NOT NULL,
  kind     text NOT NULL,
  ref_id   bigint NOT NULL,
  name     text NOT NULL,
  customer boolean NOT NULL,
  n        bigint NOT NULL,
  contacts bigint NOT NULL,
  PRIMARY KEY (${key})
);

-- Plans are cached for the session with the first call's row counts: one contact's refresh must not
-- run a hash planned for a backfill, so every join here is a key probe.
CREATE FUNCTION calibration_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  WITH gone AS (
    DELETE FROM calibration_contact_acts WHERE contact_id = ANY(ids) RETURNING ${key}
  ), came AS (
    INSERT INTO calibration_contact_acts (contact_id, ${key}) ${ledgerOf('c.id = ANY(ids)')}
    RETURNING ${key}
  ), delta AS (
    SELECT ${key}, sum(d) AS d FROM (SELECT *, -1 AS d FROM gone UNION ALL SELECT *, 1 FROM came) x
     GROUP BY ${key} HAVING sum(d) <> 0
  )
  INSERT INTO calibration_days AS cd (${key}, contacts)
  SELECT ${key}, d FROM delta ORDER BY ${key}
  ON CONFLICT (${key}) DO UPDATE SET contacts = cd.contacts + EXCLUDED.contacts;
END $$;

CREATE FUNCTION calibration_days_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM calibration_contact_acts;
  DELETE FROM calibration_days;
  INSERT INTO calibration_contact_acts (contact_id, ${key}) ${ledgerOf('true')};
  INSERT INTO calibration_days (${key}, contacts)
  SELECT ${key}, count(*) FROM calibration_contact_acts GROUP BY ${key} ORDER BY ${key};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;

${onChange('calibration_on_actions_new', 'SELECT array_agg(DISTINCT contact_id) FROM new_rows')}
${onChange('calibration_on_actions_old', 'SELECT array_agg(DISTINCT contact_id) FROM old_rows')}
-- Only the customer moment matters among the first moves.
${onChange('calibration_on_firsts_new', `SELECT array_agg(DISTINCT contact_id) FROM new_rows WHERE stage = 'customer'`)}
${onChange('calibration_on_firsts_old', `SELECT array_agg(DISTINCT contact_id) FROM old_rows WHERE stage = 'customer'`)}
${onChange('calibration_on_contacts_new', 'SELECT array_agg(id) FROM new_rows')}
-- Only a new creation moment moves a contact to another day.
${onChange('calibration_on_contacts_moved', 'SELECT array_agg(n.id) FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE n.created_at <> o.created_at')}
${onChange('calibration_on_contacts_old', 'SELECT array_agg(id) FROM old_rows')}

CREATE TRIGGER calibration_actions_insert AFTER INSERT ON contact_actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_actions_new();
CREATE TRIGGER calibration_actions_update AFTER UPDATE ON contact_actions REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_actions_new();
CREATE TRIGGER calibration_actions_delete AFTER DELETE ON contact_actions REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_actions_old();
CREATE TRIGGER calibration_firsts_insert AFTER INSERT ON contact_stage_firsts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_firsts_new();
CREATE TRIGGER calibration_firsts_update AFTER UPDATE ON contact_stage_firsts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_firsts_new();
CREATE TRIGGER calibration_firsts_delete AFTER DELETE ON contact_stage_firsts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_firsts_old();
CREATE TRIGGER calibration_contacts_insert AFTER INSERT ON contacts REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_contacts_new();
CREATE TRIGGER calibration_contacts_update AFTER UPDATE ON contacts REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_contacts_moved();
CREATE TRIGGER calibration_contacts_delete AFTER DELETE ON contacts REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_contacts_old();

-- The history already there.
SELECT calibration_days_rebuild();
ANALYZE calibration_contact_acts;
ANALYZE calibration_days;
`;
