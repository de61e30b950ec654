export const name = 'campaign-first-touches';

// Which campaign generated a lead (src/domains/reports/queries/first-campaign-touch.ts): the
// contact's first campaign-tagged touch, a visit or an event, up to a day after it was created.
// The campaigns report and the marketing report ask it for every contact created in the window:
// 77,000 contacts a month at 1M, two index probes each (visits, then every event partition),
// was most of their time. This rollup keeps, per contact, its first campaign-tagged visit and its
// first campaign-tagged event (earliest, then lowest id) whatever the contact's creation date: the
// first touch up to any moment exists exactly when the first touch of all is before it, and is
// that one. So a changed created_at (a merge keeps the older one) needs nothing here.
//
// Kept exact by statement triggers on visits and events (set-based, transition tables), like
// contact_actions (0007): new tagged rows are added with "earliest wins"; anything that takes a
// tagged row away from a contact (merge, erase, retagged or untagged campaign, moved time,
// delete) recomputes the contacts involved from their rows. `SELECT campaign_first_touches_rebuild()`
// recomputes everything. Dropping an event partition (retention) fires no trigger: the rollup
// keeps the touch, as the reports keep a closed month's figures.
// No foreign key to contacts: an erase deletes the contact and its rows in either order.

/** The rollup rows of a set of rows `src` (alias r, already with `at`, `id`, `contact_id`, `campaign_id`), source `src_kind`. */
const firstsOf = (kind: 'visit' | 'event', src: string, where = 'true') => /* sql */ `
  SELECT DISTINCT ON (r.contact_id) r.contact_id, '${kind}', r.at, r.id, r.campaign_id
    FROM ${src}
   WHERE r.contact_id IS NOT NULL AND r.campaign_id IS NOT NULL AND ${where}
   ORDER BY r.contact_id, r.at, r.id`;

const visitsAs = (t: string) => `(SELECT v.contact_id, v.campaign_id, v.started_at AS at, v.id FROM ${t} v) r`;
const eventsAs = (t: string) => `(SELECT e.contact_id, e.campaign_id, e.timestamp AS at, e.id FROM ${t} e) r`;

/** Earliest wins: a touch replaces the kept one only when it is before it (at, then id). */
const addFirsts = (kind: 'visit' | 'event', src: string, where?: string) => /* sql */ `
  INSERT INTO campaign_first_touches AS f (contact_id, source, at, touch_id, campaign_id)
  ${firstsOf(kind, src, where)}
  ON CONFLICT (contact_id, source) DO UPDATE SET at = EXCLUDED.at, touch_id = EXCLUDED.touch_id, campaign_id = EXCLUDED.campaign_id
   WHERE (EXCLUDED.at, EXCLUDED.touch_id) < (f.at, f.touch_id)`;

/** Triggers of one source table: `facts` are the columns that decide its rollup row. */
const triggers = (kind: 'visit' | 'event', table: string, as: (t: string) => string, time: string) => /* sql */ `
CREATE FUNCTION campaign_first_touches_${kind}s_on_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${addFirsts(kind, as('new_rows'))};
  RETURN NULL;
END $$;

CREATE FUNCTION campaign_first_touches_${kind}s_on_update() RETURNS trigger LANGUAGE plpgsql SET enable_nestloop = off AS $$
DECLARE redo bigint[];
BEGIN
  -- A tagged row taken from a contact (or changed while on one): recompute both sides from rows.
  SELECT array_agg(DISTINCT x) INTO redo
    FROM old_rows o JOIN new_rows n ON n.id = o.id
   CROSS JOIN LATERAL (VALUES (o.contact_id), (n.contact_id)) v(x)
   WHERE o.contact_id IS NOT NULL AND o.campaign_id IS NOT NULL AND x IS NOT NULL
     AND (o.contact_id, o.campaign_id, o.${time}) IS DISTINCT FROM (n.contact_id, n.campaign_id, n.${time});
  IF redo IS NOT NULL THEN PERFORM campaign_first_touches_refresh(redo); END IF;
  -- Rows that became tagged touches of a contact (identity resolution, a campaign recognised):
  -- added; no tagged row left those contacts (they would be in redo), so earliest-wins holds.
  ${addFirsts(kind, `(SELECT n.contact_id, n.campaign_id, n.${time} AS at, n.id FROM old_rows o JOIN new_rows n ON n.id = o.id
                       WHERE (o.contact_id, o.campaign_id, o.${time}) IS DISTINCT FROM (n.contact_id, n.campaign_id, n.${time})) r`,
    `NOT (r.contact_id = ANY(COALESCE(redo, '{}')))`)};
  RETURN NULL;
END $$;

CREATE FUNCTION campaign_first_touches_${kind}s_on_delete() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE redo bigint[];
BEGIN
  SELECT array_agg(DISTINCT contact_id) INTO redo FROM old_rows WHERE contact_id IS NOT NULL AND campaign_id IS NOT NULL;
  IF redo IS NOT NULL THEN PERFORM campaign_first_touches_refresh(redo); END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER campaign_first_touches_insert AFTER INSERT ON ${table} REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_first_touches_${kind}s_on_insert();
CREATE TRIGGER campaign_first_touches_update AFTER UPDATE ON ${table} REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_first_touches_${kind}s_on_update();
CREATE TRIGGER campaign_first_touches_delete AFTER DELETE ON ${table} REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION campaign_first_touches_${kind}s_on_delete();
`;

export const sql = /* sql */ `
-- source: 'visit' or 'event'; touch_id: that visit's or event's id (the tie-break after the time).
CREATE TABLE campaign_first_touches (
  contact_id  bigint NOT NULL,
  source      text NOT NULL CHECK (source IN ('visit', 'event')),
  at          timestamptz NOT NULL,
  touch_id    bigint NOT NULL,
  campaign_id bigint NOT NULL,
  PRIMARY KEY (contact_id, source)
);

CREATE FUNCTION campaign_first_touches_refresh(ids bigint[]) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM campaign_first_touches WHERE contact_id = ANY(ids);
  ${addFirsts('visit', visitsAs('visits'), 'r.contact_id = ANY(ids)')};
  ${addFirsts('event', eventsAs('events'), 'r.contact_id = ANY(ids)')};
END $$;

CREATE FUNCTION campaign_first_touches_rebuild() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE visits_n bigint; events_n bigint;
BEGIN
  DELETE FROM campaign_first_touches;
  ${addFirsts('visit', visitsAs('visits'))};
  GET DIAGNOSTICS visits_n = ROW_COUNT;
  ${addFirsts('event', eventsAs('events'))};
  GET DIAGNOSTICS events_n = ROW_COUNT;
  RETURN visits_n + events_n;
END $$;
${triggers('visit', 'visits', visitsAs, 'started_at')}
${triggers('event', 'events', eventsAs, 'timestamp')}
-- The history already there.
SELECT campaign_first_touches_rebuild();
ANALYZE campaign_first_touches;

-- A contact's lead assignments by time (lead quality's rep of an episode, which the monthly
-- marketing report reads): only the open one was indexed by contact, so each episode scanned a
-- range of every contact's assignments by time.
CREATE INDEX IF NOT EXISTS lead_assignments_contact_idx ON lead_assignments (contact_id, assigned_at);
`;
