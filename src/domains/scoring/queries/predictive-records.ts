import { firstStageAtSql } from '../../funnel/queries/first-stage-moment.js';
import { actionCountsBeforeSaleCte } from './customer-cohort.js';

/** Contact fields the change history can rewind (recordChanges' names), besides "properties.<name>". */
const contactFields = ['job_title', 'original_source', 'company_id'];
const companyFields = ['industry', 'employees', 'country', 'annual_revenue', 'segment'];
const list = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

/** The stages from which a contact counts as handed over: its first move to any of them is its MQL moment. */
export const momentStages = ['mql', 'sql', 'opportunity', 'customer', 'evangelist'] as const;

// One row per contact created in [$1, $2) with what was known about it at its prediction moment:
// the first time it reached MQL or any later stage (a contact that never did: now, all of it is
// from before any outcome). Current fields plus, per rewound field, the old value of its first
// change after the moment (contact_rewinds, company_rewinds: {field: value then}); the company is
// the one the contact belonged to then; action counts strictly before the moment.
// Stage, lead status and owner are left out on purpose: they are consequences of the outcome.
function recordsAsThenSql(withActions: boolean): string {
  return /* sql */ `${recordsAsThenCtes(withActions)}
SELECT placed.id, placed.won_at IS NOT NULL AS customer, placed.moment, placed.job_title, placed.original_source, placed.contact_properties,
       placed.contact_rewinds, co.industry, co.country, co.segment, co.employees, co.annual_revenue, co.properties AS company_properties,
       cr.fields AS company_rewinds, ${withActions ? `COALESCE(counts.actions, '{}')` : `'{}'::jsonb`} AS actions
  FROM placed
  LEFT JOIN companies co ON co.id = placed.company_then
  LEFT JOIN company_rewinds cr ON cr.contact_id = placed.id
  ${withActions ? 'LEFT JOIN counts ON counts.contact_id = placed.id' : ''}
 ORDER BY placed.id`;
}

/** The contacts created in [$1, $2): the records' cohort. */
const inWindow = 'c.created_at >= $1 AND c.created_at < $2';

/** The WITH clause of the records: cohort (contacts c matching `created`), placed (with company_then), contact and company rewinds. */
function recordsAsThenCtes(withActions: boolean, created = inWindow): string {
  const actions = withActions
    ? /* sql */ `${actionCountsBeforeSaleCte(undefined, 'moment')},
counts AS (
  -- One action can come as two rows (its count before the moment, and a straddling remainder).
  SELECT contact_id, jsonb_object_agg(name, n) AS actions
    FROM (SELECT contact_id, name, sum(n) AS n FROM counted GROUP BY 1, 2) per_action
   GROUP BY contact_id
),`
    : '';
  return /* sql */ `
WITH cohort AS MATERIALIZED (
  SELECT c.id, c.job_title, c.original_source, c.properties AS contact_properties, c.company_id, won.at AS won_at, reached.at AS moment
    FROM contacts c
    LEFT JOIN ${firstStageAtSql('customer', 'won')} ON won.contact_id = c.id
    LEFT JOIN (SELECT contact_id, min(first_at) AS at FROM contact_stage_firsts
                WHERE stage IN (${list(momentStages)}) GROUP BY contact_id) reached ON reached.contact_id = c.id
   WHERE ${created}
),
${actions}
contact_rewinds AS (
  SELECT object_id AS contact_id, jsonb_object_agg(property, old_value) AS fields FROM (
    SELECT DISTINCT ON (pc.object_id, pc.property) pc.object_id, pc.property, pc.old_value
      FROM cohort JOIN property_changes pc ON pc.object_type = 'contact' AND pc.object_id = cohort.id AND pc.at > cohort.moment
     WHERE pc.property IN (${list(contactFields)}) OR pc.property LIKE 'properties.%'
     ORDER BY pc.object_id, pc.property, pc.at, pc.id
  ) first_after GROUP BY object_id
),
placed AS MATERIALIZED (
  SELECT cohort.*, r.fields AS contact_rewinds,
         CASE WHEN r.fields ? 'company_id' THEN (r.fields->>'company_id')::bigint ELSE cohort.company_id END AS company_then
    FROM cohort LEFT JOIN contact_rewinds r ON r.contact_id = cohort.id
),
company_rewinds AS (
  SELECT contact_id, jsonb_object_agg(property, old_value) AS fields FROM (
    SELECT DISTINCT ON (placed.id, pc.property) placed.id AS contact_id, pc.property, pc.old_value
      FROM placed JOIN property_changes pc ON pc.object_type = 'company' AND pc.object_id = placed.company_then AND pc.at > placed.moment
     WHERE pc.property IN (${list(companyFields)}) OR pc.property LIKE 'properties.%'
     ORDER BY placed.id, pc.property, pc.at, pc.id
  ) first_after GROUP BY contact_id
)
`;
}

export const predictiveRecordsSql = recordsAsThenSql(true);
/** The same without action counts: property calibration needs only the fields. */
export const propertyRecordsSql = recordsAsThenSql(false);

// The same record for contacts as they are now (scoring): current fields, every action so far.
export const currentRecordsSql = /* sql */ `
SELECT c.id, false AS customer, NULL::timestamptz AS moment, c.job_title, c.original_source, c.properties AS contact_properties,
       NULL::jsonb AS contact_rewinds, co.industry, co.country, co.segment, co.employees, co.annual_revenue, co.properties AS company_properties,
       NULL::jsonb AS company_rewinds, COALESCE(a.actions, '{}') AS actions
  FROM contacts c
  LEFT JOIN companies co ON co.id = c.company_id
  LEFT JOIN (SELECT contact_id, jsonb_object_agg(name, n) AS actions FROM contact_actions
              WHERE kind = 'event' AND contact_id = ANY($1::bigint[]) GROUP BY contact_id) a ON a.contact_id = c.id
 WHERE c.id = ANY($1::bigint[])
 ORDER BY c.id`;

// A rewound value (jsonb) as the record's number: a JSON number as it is, a numeric string as its
// number, true/false as 1/0 (toRecord's asNumber), anything else none.
const jsonNumber = (v: string) => /* sql */ `CASE jsonb_typeof(${v})
    WHEN 'number' THEN (${v})::float8
    WHEN 'boolean' THEN CASE WHEN (${v})::boolean THEN 1 ELSE 0 END
    WHEN 'string' THEN CASE WHEN (${v} #>> '{}') ~ '^\\s*[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?\\s*$' THEN (${v} #>> '{}')::float8 END
  END`;
const then = (rewinds: string, field: string, current: string) => `CASE WHEN ${rewinds} ? '${field}' THEN ${rewinds}->>'${field}' ELSE ${current} END`;
const thenNumber = (rewinds: string, field: string, current: string) => `CASE WHEN ${rewinds} ? '${field}' THEN ${jsonNumber(`${rewinds}->'${field}'`)} ELSE ${current}::float8 END`;
// A custom property's value then: the current ones not rewound, and the rewound ones not unset.
const propsThen = (props: string, rewinds: string) => /* sql */ `
    SELECT key, value FROM jsonb_each(COALESCE(${props}, '{}')) WHERE NOT (COALESCE(${rewinds}, '{}') ? ('properties.' || key))
    UNION ALL
    SELECT substr(key, 12), value FROM jsonb_each(COALESCE(${rewinds}, '{}')) WHERE key LIKE 'properties.%' AND jsonb_typeof(value) <> 'null'`;

// Whether propsThen can yield a row: it sets up four function scans per record even for none, which
// took two thirds of the statement at 100k contacts without custom properties (3.0 s, 1.1 s without).
const hasCustom = (props: string, rewinds: string) => `(${props} <> '{}'::jsonb OR ${rewinds} IS NOT NULL)`;

/**
 * The records of propertyRecordsSql counted rather than sent: per property of the records (the
 * built-in fields, the job title the seniority is read from, `contact.<name>` and
 * `company.<name>` custom properties), value and outcome, how many contacts had it — a number in
 * `num` (JSON numbers; the size and revenue fields), text in `txt` (strings as they are, booleans
 * as true/false). A row with no property is the cohort's size by outcome. Property calibration
 * reads only these counts: a million contacts come back as a few thousand rows.
 */
const talliesOf = (created: string) => /* sql */ `${recordsAsThenCtes(false, created)},
rec AS MATERIALIZED (
  SELECT placed.won_at IS NOT NULL AS customer,
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
    LEFT JOIN company_rewinds cr ON cr.contact_id = placed.id
),
custom AS (
  SELECT rec.customer, 'contact.' || p.key AS property, p.value FROM rec CROSS JOIN LATERAL (${propsThen('rec.contact_properties', 'rec.contact_rewinds')}) p
   WHERE ${hasCustom('rec.contact_properties', 'rec.contact_rewinds')}
  UNION ALL
  SELECT rec.customer, 'company.' || p.key, p.value FROM rec CROSS JOIN LATERAL (${propsThen('rec.company_properties', 'rec.company_rewinds')}) p
   WHERE ${hasCustom('rec.company_properties', 'rec.company_rewinds')}
)
SELECT CASE WHEN GROUPING(source) = 0 THEN 'source' WHEN GROUPING(job_title) = 0 THEN 'job_title' WHEN GROUPING(industry) = 0 THEN 'industry'
            WHEN GROUPING(country) = 0 THEN 'country' WHEN GROUPING(segment) = 0 THEN 'segment' WHEN GROUPING(employees) = 0 THEN 'employees'
            WHEN GROUPING(annual_revenue) = 0 THEN 'annual_revenue' END AS property,
       COALESCE(employees, annual_revenue) AS num, COALESCE(source, job_title, industry, country, segment) AS txt, customer, count(*) AS contacts
  FROM rec
 GROUP BY GROUPING SETS ((customer), (customer, source), (customer, job_title), (customer, industry), (customer, country), (customer, segment), (customer, employees), (customer, annual_revenue))
UNION ALL
SELECT property, num, txt, customer, count(*) FROM (
  SELECT customer, property,
         CASE WHEN jsonb_typeof(value) = 'number' THEN value::float8 END AS num,
         CASE jsonb_typeof(value) WHEN 'string' THEN value #>> '{}' WHEN 'boolean' THEN value::text END AS txt
    FROM custom
) typed
 WHERE num IS NOT NULL OR txt IS NOT NULL
 GROUP BY property, num, txt, customer`;

/** propertyTalliesSql over every contact created in [$1, $2), each one read: what it was before the calibration_property_days rollup. */
export const propertyTalliesOfWindowSql = talliesOf(inWindow);

// The same tallies, as sums over contacts, are kept per UTC day of creation by
// calibration_property_days (migration 0039): the whole UTC days of the window, [$3, $4), are read
// from it, and only the contacts of the partial days at either end, [$1, $3) and [$4, $2), are
// read here (wholeDayParams gives $3 and $4). A numeric property's quantile buckets depend on the
// cohort, but its tallies are per value, which add up: the buckets are cut in Node as before.
export const propertyTalliesSql = /* sql */ `
WITH edges AS (${talliesOf('((c.created_at >= $1 AND c.created_at < $3) OR (c.created_at >= $4 AND c.created_at < $2))')})
SELECT property, num, txt, customer, sum(contacts) AS contacts FROM (
  SELECT property, num, txt, customer, contacts FROM edges
  UNION ALL
  SELECT property, num, txt, customer, contacts FROM calibration_property_days
   WHERE day >= ($3::timestamptz AT TIME ZONE 'UTC')::date AND day < ($4::timestamptz AT TIME ZONE 'UTC')::date
) counted
 GROUP BY 1, 2, 3, 4 HAVING sum(contacts) > 0`;
