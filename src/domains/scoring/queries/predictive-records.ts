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
   WHERE c.created_at >= $1 AND c.created_at < $2
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
SELECT placed.id, placed.won_at IS NOT NULL AS customer, placed.moment, placed.job_title, placed.original_source, placed.contact_properties,
       placed.contact_rewinds, co.industry, co.country, co.segment, co.employees, co.annual_revenue, co.properties AS company_properties,
       cr.fields AS company_rewinds, ${withActions ? `COALESCE(counts.actions, '{}')` : `'{}'::jsonb`} AS actions
  FROM placed
  LEFT JOIN companies co ON co.id = placed.company_then
  LEFT JOIN company_rewinds cr ON cr.contact_id = placed.id
  ${withActions ? 'LEFT JOIN counts ON counts.contact_id = placed.id' : ''}
 ORDER BY placed.id`;
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
