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
// The property tallies beside them (propertyTalliesSql: per property, value and outcome, how many
// contacts had it at their moment) are kept the same way in calibration_property_days, with a
// ledger of their own (calibration_contact_props: a contact's tally rows and the company it
// belonged to at its moment). What decides them: the contact's fields and creation day, its moment
// and sale (contact_stage_firsts), its recorded changes (property_changes, rewound to the moment),
// and its company then, whose fields and recorded changes reach every contact the ledger names it
// for. A numeric property's quantile buckets depend on the cohort, but its tallies are per value,
// which add up: the report cuts the buckets in Node as before.
//
// Lock order holds: triggers run after the contact rows are locked; the day rows (shared, like a
// queue's) come last, written in key order so that two writers queue instead of deadlocking.
// Days are not deleted when they reach zero: the report skips zeros.
// `SELECT calibration_days_rebuild()` and `SELECT calibration_property_days_rebuild()` recompute everything.

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

// What a contact adds to the property tallies (`calibration_contact_props`, its ledger): the rows
// of propertyTalliesSql (src/domains/scoring/queries/predictive-records.ts) for that one contact,
// with the company it belonged to at its moment (company_then: whose changes reach it). The
// statement's pieces, frozen here as they were written.
const contactFields = ['job_title', 'original_source', 'company_id'];
const companyFields = ['industry', 'employees', 'country', 'annual_revenue', 'segment'];
const momentStages = ['mql', 'sql', 'opportunity', 'customer', 'evangelist'];
const list = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');
const jsonNumber = (v: string) => /* sql */ `CASE jsonb_typeof(${v})
    WHEN 'number' THEN (${v})::float8
    WHEN 'boolean' THEN CASE WHEN (${v})::boolean THEN 1 ELSE 0 END
    WHEN 'string' THEN CASE WHEN (${v} #>> '{}') ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN (${v} #>> '{}')::float8 END
  END`;
const then = (rewinds: string, field: string, current: string) => `CASE WHEN ${rewinds} ? '${field}' THEN ${rewinds}->>'${field}' ELSE ${current} END`;
const thenNumber = (rewinds: string, field: string, current: string) => `CASE WHEN ${rewinds} ? '${field}' THEN ${jsonNumber(`${rewinds}->'${field}'`)} ELSE ${current}::float8 END`;
const propsThen = (props: string, rewinds: string) => /* sql */ `
    SELECT key, value FROM jsonb_each(COALESCE(${props}, '{}')) WHERE NOT (COALESCE(${rewinds}, '{}') ? ('properties.' || key))
    UNION ALL
    SELECT substr(key, 12), value FROM jsonb_each(COALESCE(${rewinds}, '{}')) WHERE key LIKE 'properties.%' AND jsonb_typeof(value) <> 'null'`;
const hasCustom = (props: string, rewinds: string) => `(${props} <> '{}'::jsonb OR ${rewinds} IS NOT NULL)`;
const typed = (v: string) => `CASE WHEN jsonb_typeof(${v}) = 'number' THEN ${v}::float8 END, CASE jsonb_typeof(${v}) WHEN 'string' THEN ${v} #>> '{}' WHEN 'boolean' THEN ${v}::text END`;

/** One object's field values before the first recorded change after `moment` (null: none), for propsOf's per-contact form. */
const rewindsOf = (type: string, id: string, moment: string, fields: readonly string[]) => /* sql */ `
    SELECT jsonb_object_agg(property, old_value) AS fields FROM (
      SELECT DISTINCT ON (pc.property) pc.property, pc.old_value
        FROM property_changes pc
       WHERE pc.object_type = '${type}' AND pc.object_id = ${id} AND pc.at > ${moment}
         AND (pc.property IN (${list(fields)}) OR pc.property LIKE 'properties.%')
       ORDER BY pc.property, pc.at, pc.id
    ) first_after`;

/**
 * The property ledger rows of the contacts matching `where` (alias c); `firsts` limits
 * contact_stage_firsts (alias f) to them. `perContact` (migration 0042) finds each contact's moment
 * and rewinds by a probe of its own keys instead of grouping them for all and joining: with hash
 * and merge joins off, as a refresh runs, that join was a nested loop over both sides (quadratic
 * in the contacts refreshed at once). Without it the statement is the one 0039 applied.
 */
export const propsOf = (where: string, firsts: string, perContact = false) => /* sql */ `
  WITH cohort AS MATERIALIZED (
    SELECT c.id, (c.created_at AT TIME ZONE 'UTC')::date AS day, c.job_title, c.original_source, c.properties AS contact_properties, c.company_id,
           won.first_at AS won_at, reached.at AS moment
      FROM contacts c
      LEFT JOIN contact_stage_firsts won ON won.contact_id = c.id AND won.stage = 'customer'
      ${perContact
        ? `LEFT JOIN LATERAL (SELECT min(f.first_at) AS at FROM contact_stage_firsts f WHERE f.contact_id = c.id AND f.stage IN (${list(momentStages)})) reached ON true`
        : `LEFT JOIN (SELECT f.contact_id, min(f.first_at) AS at FROM contact_stage_firsts f
                  WHERE f.stage IN (${list(momentStages)}) AND ${firsts} GROUP BY f.contact_id) reached ON reached.contact_id = c.id`}
     WHERE ${where}
  ),${perContact ? '' : `
  contact_rewinds AS (
    SELECT object_id AS contact_id, jsonb_object_agg(property, old_value) AS fields FROM (
      SELECT DISTINCT ON (pc.object_id, pc.property) pc.object_id, pc.property, pc.old_value
        FROM cohort JOIN property_changes pc ON pc.object_type = 'contact' AND pc.object_id = cohort.id AND pc.at > cohort.moment
       WHERE pc.property IN (${list(contactFields)}) OR pc.property LIKE 'properties.%'
       ORDER BY pc.object_id, pc.property, pc.at, pc.id
    ) first_after GROUP BY object_id
  ),`}
  placed AS MATERIALIZED (
    SELECT cohort.*, r.fields AS contact_rewinds,
           CASE WHEN r.fields ? 'company_id' THEN (r.fields->>'company_id')::bigint ELSE cohort.company_id END AS company_then
      FROM cohort LEFT JOIN ${perContact ? `LATERAL (${rewindsOf('contact', 'cohort.id', 'cohort.moment', contactFields)}) r ON true` : 'contact_rewinds r ON r.contact_id = cohort.id'}
  ),${perContact ? '' : `
  company_rewinds AS (
    SELECT contact_id, jsonb_object_agg(property, old_value) AS fields FROM (
      SELECT DISTINCT ON (placed.id, pc.property) placed.id AS contact_id, pc.property, pc.old_value
        FROM placed JOIN property_changes pc ON pc.object_type = 'company' AND pc.object_id = placed.company_then AND pc.at > placed.moment
       WHERE pc.property IN (${list(companyFields)}) OR pc.property LIKE 'properties.%'
       ORDER BY placed.id, pc.property, pc.at, pc.id
    ) first_after GROUP BY contact_id
  ),`}
  rec AS MATERIALIZED (
    SELECT placed.id, placed.day, placed.company_then, placed.won_at IS NOT NULL AS customer,
           ${then('placed.contact_rewinds', 'job_title', 'placed.job_title')} AS job_title,
           ${then('placed.contact_rewinds', 'original_source', 'placed.original_source')} AS source,
           ${then('cr.fields', 'industry', 'co.industry')} AS industry,
           ${then('cr.fields', 'country', 'co.country')} AS country,
           ${then('cr.fields', 'segment', 'co.segment')} AS segment,
           ${thenNumber('cr.fields', 'employees', 'co.employees')} AS employees,
           ${thenNumber('cr.fields', 'annual_revenue', 'co.annual_revenue')} AS annual_revenue,
           placed.contact_properties, placed.contact_rewinds, co.properties AS company_properties, cr.fields AS company_rewinds
      FROM placed
      LEFT JOIN companies co ON co.id = placed.company_then
      LEFT JOIN ${perContact ? `LATERAL (${rewindsOf('company', 'placed.company_then', 'placed.moment', companyFields)}) cr ON true` : 'company_rewinds cr ON cr.contact_id = placed.id'}
  )
  -- The statement's grouping sets, a row each: the cohort (no property) and the seven fields, unset ones too.
  SELECT rec.id, rec.day, rec.company_then, v.property, v.num, v.txt, rec.customer FROM rec
   CROSS JOIN LATERAL (VALUES (NULL::text, NULL::float8, NULL::text), ('source', NULL, rec.source), ('job_title', NULL, rec.job_title),
     ('industry', NULL, rec.industry), ('country', NULL, rec.country), ('segment', NULL, rec.segment),
     ('employees', rec.employees, NULL), ('annual_revenue', rec.annual_revenue, NULL)) v(property, num, txt)
  UNION ALL
  SELECT id, day, company_then, property, num, txt, customer FROM (
    SELECT rec.id, rec.day, rec.company_then, rec.customer, 'contact.' || p.key AS property, ${typed('p.value')}
      FROM rec CROSS JOIN LATERAL (${propsThen('rec.contact_properties', 'rec.contact_rewinds')}) p
     WHERE ${hasCustom('rec.contact_properties', 'rec.contact_rewinds')}
    UNION ALL
    SELECT rec.id, rec.day, rec.company_then, rec.customer, 'company.' || p.key, ${typed('p.value')}
      FROM rec CROSS JOIN LATERAL (${propsThen('rec.company_properties', 'rec.company_rewinds')}) p
     WHERE ${hasCustom('rec.company_properties', 'rec.company_rewinds')}
  ) typed(id, day, company_then, customer, property, num, txt)
   WHERE num IS NOT NULL OR txt IS NOT NULL`;

const propKey = 'day, property, num, txt, customer';

/** A statement trigger function: `body` sets `acts` and `props` (the contacts whose counts and whose tallies to redo). */
const trigger = (fn: string, body: string) => /* sql */ `
CREATE FUNCTION ${fn}() RETURNS trigger LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
DECLARE acts bigint[]; props bigint[];
BEGIN
  ${body}
  IF acts IS NOT NULL THEN PERFORM calibration_refresh(acts); END IF;
  IF props IS NOT NULL THEN PERFORM calibration_props_refresh(props); END IF;
  RETURN NULL;
END $$;`;

/** The contacts whose ledger names one of `companies` (a SELECT of company ids) as their company then. */
export const ofCompanies = (companies: string) => `SELECT l.contact_id FROM calibration_contact_props l WHERE l.property IS NULL AND l.company_then IN (${companies})`;
export const contactCols = ['created_at', 'job_title', 'original_source', 'properties', 'company_id'];
export const companyCols = ['industry', 'country', 'segment', 'employees', 'annual_revenue', 'properties'];
const changed = (cols: readonly string[]) => `(${cols.map((k) => `n.${k}`).join(', ')}) IS DISTINCT FROM (${cols.map((k) => `o.${k}`).join(', ')})`;

/** `<refresh>(ids)` alone (`create`: 'CREATE OR REPLACE' for a later migration's new body under the same or another name). */
export const refreshFunction = (o: Pick<Ledger, 'refresh' | 'ledger' | 'days' | 'cols' | 'key' | 'rows'>, create = 'CREATE') => /* sql */ `${create} FUNCTION ${o.refresh}(ids bigint[]) RETURNS void LANGUAGE plpgsql
  SET enable_hashjoin = off SET enable_mergejoin = off AS $$
BEGIN
  WITH gone AS (
    DELETE FROM ${o.ledger} WHERE contact_id = ANY(ids) RETURNING ${o.key}
  ), came AS (
    INSERT INTO ${o.ledger} (contact_id, ${o.cols}) ${o.rows('c.id = ANY(ids)', 'f.contact_id = ANY(ids)')}
    RETURNING ${o.key}
  ), delta AS (
    SELECT ${o.key}, sum(d) AS d FROM (SELECT *, -1 AS d FROM gone UNION ALL SELECT *, 1 FROM came) x
     GROUP BY ${o.key} HAVING sum(d) <> 0
  )
  INSERT INTO ${o.days} AS cd (${o.key}, contacts)
  SELECT ${o.key}, d FROM delta ORDER BY ${o.key}
  ON CONFLICT (${o.key}) DO UPDATE SET contacts = cd.contacts + EXCLUDED.contacts;
END $$;`;

/**
 * `<refresh>(ids)`: swaps the ledger rows of the contacts `ids` for `rows(where, firsts)` as they are
 * now and adds the difference to the days, in key order; `<rebuild>()`: both tables again from all
 * contacts. `cols` are the ledger's columns after contact_id, `key` the days' key among them.
 */
interface Ledger { refresh: string; rebuild: string; ledger: string; days: string; cols: string; key: string; rows: (where: string, firsts: string) => string }
const ledgerFunctions = (o: Ledger) => /* sql */ `
-- Plans are cached for the session with the first call's row counts: one contact's refresh must not
-- run a hash planned for a backfill, so every join here is a key probe.
${refreshFunction(o)}

CREATE FUNCTION ${o.rebuild}() RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE rows bigint;
BEGIN
  DELETE FROM ${o.ledger};
  DELETE FROM ${o.days};
  INSERT INTO ${o.ledger} (contact_id, ${o.cols}) ${o.rows('true', 'true')};
  INSERT INTO ${o.days} (${o.key}, contacts)
  SELECT ${o.key}, count(*) FROM ${o.ledger} GROUP BY ${o.key} ORDER BY ${o.key};
  GET DIAGNOSTICS rows = ROW_COUNT;
  RETURN rows;
END $$;`;

/** The property tallies' ledger (migration 0042 redefines its refresh). */
export const propsLedger: Ledger = {
  refresh: 'calibration_props_refresh', rebuild: 'calibration_property_days_rebuild', ledger: 'calibration_contact_props', days: 'calibration_property_days',
  cols: 'day, company_then, property, num, txt, customer', key: propKey, rows: propsOf,
};

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

${ledgerFunctions({ refresh: 'calibration_refresh', rebuild: 'calibration_days_rebuild', ledger: 'calibration_contact_acts', days: 'calibration_days', cols: key, key, rows: (where) => ledgerOf(where) })}

CREATE TABLE calibration_contact_props (
  contact_id   bigint NOT NULL,
  day          date NOT NULL,
  company_then bigint,
  property     text,
  num          float8,
  txt          text,
  customer     boolean NOT NULL
);
CREATE INDEX calibration_contact_props_contact_idx ON calibration_contact_props (contact_id);
CREATE INDEX calibration_contact_props_company_idx ON calibration_contact_props (company_then) WHERE property IS NULL;

-- property null: the contacts created that day (the cohort, by outcome); else a value of it, or none (num and txt null).
CREATE TABLE calibration_property_days (
  day      date NOT NULL,
  property text,
  num      float8,
  txt      text,
  customer boolean NOT NULL,
  contacts bigint NOT NULL
);
CREATE UNIQUE INDEX calibration_property_days_key ON calibration_property_days (${propKey}) NULLS NOT DISTINCT;

${ledgerFunctions(propsLedger)}

${trigger('calibration_on_actions_new', 'SELECT array_agg(DISTINCT contact_id) INTO acts FROM new_rows;')}
${trigger('calibration_on_actions_old', 'SELECT array_agg(DISTINCT contact_id) INTO acts FROM old_rows;')}
-- Among the first moves, the sale decides the counts; any of the moment's stages, the tallies.
${trigger('calibration_on_firsts_new', `SELECT array_agg(DISTINCT contact_id) FILTER (WHERE stage = 'customer'), array_agg(DISTINCT contact_id) INTO acts, props
    FROM new_rows WHERE stage IN (${list(momentStages)});`)}
${trigger('calibration_on_firsts_old', `SELECT array_agg(DISTINCT contact_id) FILTER (WHERE stage = 'customer'), array_agg(DISTINCT contact_id) INTO acts, props
    FROM old_rows WHERE stage IN (${list(momentStages)});`)}
${trigger('calibration_on_contacts_new', 'SELECT array_agg(id), array_agg(id) INTO acts, props FROM new_rows;')}
-- Only a new creation moment moves a contact's counts to another day; the tallies read four fields more.
${trigger('calibration_on_contacts_update', `SELECT array_agg(n.id) FILTER (WHERE n.created_at <> o.created_at), array_agg(n.id) INTO acts, props
    FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${changed(contactCols)};`)}
${trigger('calibration_on_contacts_old', 'SELECT array_agg(id), array_agg(id) INTO acts, props FROM old_rows;')}
-- A company's values reach the contacts that belonged to it at their moment (or now, without one).
${trigger('calibration_on_companies_new', `SELECT array_agg(DISTINCT contact_id) INTO props FROM (${ofCompanies('SELECT id FROM new_rows')}) x;`)}
${trigger('calibration_on_companies_update', `SELECT array_agg(DISTINCT contact_id) INTO props FROM (${ofCompanies(`SELECT n.id FROM new_rows n JOIN old_rows o ON o.id = n.id WHERE ${changed(companyCols)}`)}) x;`)}
${trigger('calibration_on_companies_old', `SELECT array_agg(DISTINCT contact_id) INTO props FROM (${ofCompanies('SELECT id FROM old_rows')}) x;`)}
-- A recorded change rewinds a contact's values, or those of a company's contacts.
${['new', 'old'].map((side) => trigger(`calibration_on_changes_${side}`, `SELECT array_agg(DISTINCT contact_id) INTO props FROM (
    SELECT object_id AS contact_id FROM ${side}_rows WHERE object_type = 'contact'
    UNION ALL
    ${ofCompanies(`SELECT object_id FROM ${side}_rows WHERE object_type = 'company'`)}) x;`)).join('\n')}

${[
  ['actions_insert', 'INSERT', 'contact_actions', 'NEW TABLE AS new_rows', 'actions_new'],
  ['actions_update', 'UPDATE', 'contact_actions', 'NEW TABLE AS new_rows', 'actions_new'],
  ['actions_delete', 'DELETE', 'contact_actions', 'OLD TABLE AS old_rows', 'actions_old'],
  ['firsts_insert', 'INSERT', 'contact_stage_firsts', 'NEW TABLE AS new_rows', 'firsts_new'],
  ['firsts_update', 'UPDATE', 'contact_stage_firsts', 'NEW TABLE AS new_rows', 'firsts_new'],
  ['firsts_delete', 'DELETE', 'contact_stage_firsts', 'OLD TABLE AS old_rows', 'firsts_old'],
  ['contacts_insert', 'INSERT', 'contacts', 'NEW TABLE AS new_rows', 'contacts_new'],
  ['contacts_update', 'UPDATE', 'contacts', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'contacts_update'],
  ['contacts_delete', 'DELETE', 'contacts', 'OLD TABLE AS old_rows', 'contacts_old'],
  ['companies_insert', 'INSERT', 'companies', 'NEW TABLE AS new_rows', 'companies_new'],
  ['companies_update', 'UPDATE', 'companies', 'OLD TABLE AS old_rows NEW TABLE AS new_rows', 'companies_update'],
  ['companies_delete', 'DELETE', 'companies', 'OLD TABLE AS old_rows', 'companies_old'],
  ['changes_insert', 'INSERT', 'property_changes', 'NEW TABLE AS new_rows', 'changes_new'],
  ['changes_update', 'UPDATE', 'property_changes', 'NEW TABLE AS new_rows', 'changes_new'],
  ['changes_delete', 'DELETE', 'property_changes', 'OLD TABLE AS old_rows', 'changes_old'],
].map(([name, op, table, refs, fn]) => `CREATE TRIGGER calibration_${name} AFTER ${op} ON ${table} REFERENCING ${refs}
  FOR EACH STATEMENT EXECUTE FUNCTION calibration_on_${fn}();`).join('\n')}

-- The history already there.
SELECT calibration_days_rebuild();
SELECT calibration_property_days_rebuild();
ANALYZE calibration_contact_acts;
ANALYZE calibration_days;
ANALYZE calibration_contact_props;
ANALYZE calibration_property_days;
`;
