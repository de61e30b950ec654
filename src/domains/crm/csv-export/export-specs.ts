import { funnelStages } from '../../funnel/stages.js';
import type { ImportObject } from '../csv-import/header-aliases.js';
import type { ObjectType } from '../properties.js';

export type ExportObject = ImportObject;

/**
 * What an export of one object contains. Columns are snake_case field names that the import
 * recognises, references are written as the keys an import resolves (emails, domains, names),
 * never as ids of this database, so an export imports into another Revloop as it is.
 */
export interface ExportSpec {
  /** Columns in order, before custom properties (`properties.<name>`) and stage dates. */
  columns: string[];
  /** SELECT list and FROM (main table aliased t); paging adds WHERE t.id > $1 ORDER BY t.id LIMIT $2. */
  select: string;
  from: string;
  propertyObject: ObjectType | null;
  /** Funnel objects also carry became_<stage> dates, derived from their stage history. */
  funnel: 'contact' | 'company' | null;
}

export const becameColumns = funnelStages.map((s) => `became_${s}`);

export const exportSpecs: Record<ExportObject, ExportSpec> = {
  contacts: {
    columns: ['id', 'email', 'first_name', 'last_name', 'job_title', 'phone', 'company_name', 'company_domain', 'lifecycle_stage', 'lead_status',
      'lead_status_reason', 'original_source', 'original_source_detail', 'latest_source', 'owner_email', 'created_at', 'updated_at', 'external_id', 'external_source'],
    select: `t.id, t.email, t.first_name, t.last_name, t.job_title, t.phone, co.name AS company_name, co.domain AS company_domain, t.lifecycle_stage,
      t.lead_status, t.lead_status_reason, t.original_source, t.original_source_detail, t.latest_source, u.email AS owner_email, t.created_at, t.updated_at,
      t.external_id, t.external_source, t.properties`,
    // contact_scores (cs) is joined for the contacts list's filters (contact-list.ts), which an export may carry.
    from: 'contacts t LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN contact_scores cs ON cs.contact_id = t.id',
    propertyObject: 'contact',
    funnel: 'contact',
  },
  companies: {
    columns: ['id', 'name', 'domain', 'industry', 'employees', 'country', 'annual_revenue', 'segment', 'lifecycle_stage', 'owner_email', 'created_at', 'updated_at',
      'external_id', 'external_source'],
    select: `t.id, t.name, t.domain, t.industry, t.employees, t.country, t.annual_revenue, t.segment, t.lifecycle_stage, u.email AS owner_email,
      t.created_at, t.updated_at, t.external_id, t.external_source, t.properties`,
    from: 'companies t LEFT JOIN users u ON u.id = t.owner_id',
    propertyObject: 'company',
    funnel: 'company',
  },
  deals: {
    columns: ['id', 'name', 'pipeline', 'stage', 'amount', 'currency', 'segment', 'close_date', 'closed_at', 'lost_reason', 'win_reason', 'close_note', 'owner_email',
      'contact_email', 'company_domain', 'company_name', 'created_at', 'updated_at', 'external_id', 'external_source'],
    select: `t.id, t.name, p.name AS pipeline, t.stage, t.amount, t.currency, t.segment, t.close_date, t.closed_at, t.lost_reason, t.win_reason, t.close_note, u.email AS owner_email,
      c.email AS contact_email, co.domain AS company_domain, co.name AS company_name, t.created_at, t.updated_at, t.external_id, t.external_source, t.properties`,
    from: `deals t JOIN pipelines p ON p.id = t.pipeline_id LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN contacts c ON c.id = t.contact_id
      LEFT JOIN companies co ON co.id = t.company_id`,
    propertyObject: 'deal',
    funnel: null,
  },
  activities: {
    columns: ['id', 'type', 'direction', 'outcome', 'subject', 'body', 'contact_email', 'company_domain', 'deal_id', 'user_email', 'occurred_at',
      'duration_seconds', 'created_at'],
    select: `t.id, t.type, t.direction, t.outcome, t.subject, t.body, c.email AS contact_email, co.domain AS company_domain, t.deal_id,
      u.email AS user_email, t.occurred_at, t.duration_seconds, t.created_at`,
    from: 'activities t LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN users u ON u.id = t.user_id',
    propertyObject: null,
    funnel: null,
  },
  campaigns: {
    columns: ['id', 'name', 'type', 'utm_campaign', 'starts_on', 'ends_on', 'monthly_spend', 'currency', 'created_at'],
    select: 't.id, t.name, t.type, t.utm_campaign, t.starts_on, t.ends_on, t.monthly_spend, t.currency, t.created_at',
    from: 'campaigns t',
    propertyObject: null,
    funnel: null,
  },
};
