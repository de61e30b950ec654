import { actionCountsBeforeSaleCte, customerCohortCte } from './customer-cohort.js';

// One row per contact created in [$1, $2) with what is known about it before it became a customer:
// firmographics, source, title, custom properties, and how often it did each kind of action.
// Stage, lead status and owner are left out on purpose: they are consequences of the outcome.
export const predictiveRecordsSql = /* sql */ `
WITH ${customerCohortCte(['job_title', 'original_source', 'properties AS contact_properties', 'company_id'])}
, ${actionCountsBeforeSaleCte()},
counts AS (
  -- One action can come as two rows (its count before the sale, and a straddling remainder).
  SELECT contact_id, jsonb_object_agg(name, n) AS actions
    FROM (SELECT contact_id, name, sum(n) AS n FROM counted GROUP BY 1, 2) per_action
   GROUP BY contact_id
)
SELECT cohort.id, cohort.won_at IS NOT NULL AS customer, cohort.job_title, cohort.original_source, cohort.contact_properties,
       co.industry, co.country, co.segment, co.employees, co.annual_revenue, co.properties AS company_properties,
       COALESCE(counts.actions, '{}') AS actions
  FROM cohort LEFT JOIN companies co ON co.id = cohort.company_id LEFT JOIN counts ON counts.contact_id = cohort.id
 ORDER BY cohort.id`;
