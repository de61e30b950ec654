import { z } from 'zod';
import { contactSearchText } from '../../db/search-text.js';
import { invalid } from '../../shared/errors.js';
import { listRestriction } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { allStages } from '../funnel/stages.js';
import { leadStatuses } from '../funnel/transitions.js';
import { mqlTypes } from '../scoring/mql-definition.js';
import { quadrants } from '../scoring/quadrant.js';
import { contactOut } from './contacts.js';
import { externalIdFilters } from './external-ids.js';
import { listCount, listPage, listWhere, parseDate, parseId, parseText, type ListParams, type ListSpec, type ListWhere } from './list-query.js';
import { propertyDefinitions } from './properties.js';

/** A contact as the contacts list answers it: the record with its scores, quadrant, MQL type and last activity. */
export const contactListItemOut = contactOut.extend({
  fit: z.number().nullable(),
  interest: z.number().nullable(),
  quadrant: z.enum(quadrants).nullable(),
  mql_type: z.string().nullable(),
  mql_at: z.date().nullable(),
  last_activity_at: z.date().nullable(),
  suppressed: z.boolean().describe('Taken out of marketing communications: left out of the marketing audience.'),
});
export type ContactListItem = z.infer<typeof contactListItemOut>;

export const contactListPageOut = z.object({
  data: z.array(contactListItemOut),
  next_cursor: z.string().nullable(),
  total: z.number().nullable().describe('How many contacts the filters match; given with the first page (no cursor), null on later pages.'),
});
export type ContactListPage = z.infer<typeof contactListPageOut>;

// Sort values must never be null (the cursor compares row values): an unscored contact sorts
// below every score, an empty text before every other, no activity before any (as 1900: a cursor
// holds an ISO instant, which -infinity is not).
const NO_SCORE = -100000000;
const quadrantOrder = `CASE cs.quadrant WHEN 'hot' THEN 1 WHEN 'nurture' THEN 2 WHEN 'fan' THEN 3 WHEN 'suppress' THEN 4 ELSE 5 END`;
const stageOrder = `array_position(ARRAY[${allStages.map((s) => `'${s}'`).join(',')}]::text[], t.lifecycle_stage)`;
const lastActivity = '(SELECT max(a.occurred_at) FROM activities a WHERE a.contact_id = t.id)';
/** Taken out of marketing communications (suppressions.ts). */
const suppressed = 'EXISTS (SELECT 1 FROM contact_suppressions sp WHERE sp.contact_id = t.id)';

const score = (field: string, bound: 'min' | 'max') => (v: string) => {
  const n = Number(v);
  if (v.trim() === '' || !Number.isFinite(n)) throw invalid([{ field: `${field}_${bound}`, problem: 'must be a number' }]);
  return n;
};

const oneOf = (field: string, allowed: readonly string[]) => (v: string) => {
  if (!allowed.includes(v)) throw invalid([{ field, problem: `must be one of ${allowed.join(', ')}` }]);
  return v;
};

const parseIds = (v: string) => {
  const ids = v.split(',').map((x) => x.trim());
  if (!ids.length || ids.length > 1000 || ids.some((x) => !/^\d{1,15}$/.test(x) || Number(x) <= 0)) {
    throw invalid([{ field: 'ids', problem: 'must be up to 1000 contact ids separated by commas' }]);
  }
  return ids.map(Number);
};

export const contactListSpec: ListSpec = {
  from: `contacts t LEFT JOIN companies co ON co.id = t.company_id LEFT JOIN users u ON u.id = t.owner_id
    LEFT JOIN contact_scores cs ON cs.contact_id = t.id`,
  select: `t.id, t.email, t.first_name, t.last_name, t.job_title, t.phone, t.company_id, co.name AS company_name, t.owner_id,
    u.name AS owner_name, t.lifecycle_stage, t.lead_status, t.lead_status_reason, t.original_source, t.original_source_detail, t.latest_source, t.properties,
    t.external_id, t.external_source, t.created_at, t.updated_at, cs.fit, cs.interest, cs.quadrant, t.mql_type, t.mql_at, ${lastActivity} AS last_activity_at,
    ${suppressed} AS suppressed`,
  filters: {
    lifecycle_stage: { where: (p) => `t.lifecycle_stage = ${p}`, parse: oneOf('lifecycle_stage', allStages) },
    ...externalIdFilters,
    lead_status: { where: (p) => `t.lead_status = ${p}`, parse: oneOf('lead_status', leadStatuses) },
    owner_id: { where: (p) => `t.owner_id = ${p}`, parse: parseId('owner_id') },
    unassigned: { where: (p) => `(t.owner_id IS NULL) = ${p}::boolean`, parse: (v) => oneOf('unassigned', ['true', 'false'])(v) === 'true' },
    company_id: { where: (p) => `t.company_id = ${p}`, parse: parseId('company_id') },
    created_after: { where: (p) => `t.created_at >= ${p}`, parse: parseDate('created_after') },
    created_before: { where: (p) => `t.created_at < ${p}`, parse: parseDate('created_before') },
    original_source: { where: (p) => `t.original_source = ${p}`, parse: parseText },
    latest_source: { where: (p) => `t.latest_source = ${p}`, parse: parseText },
    quadrant: { where: (p) => `cs.quadrant = ${p}`, parse: oneOf('quadrant', quadrants) },
    fit_min: { where: (p) => `cs.fit >= ${p}`, parse: score('fit', 'min') },
    fit_max: { where: (p) => `cs.fit <= ${p}`, parse: score('fit', 'max') },
    interest_min: { where: (p) => `cs.interest >= ${p}`, parse: score('interest', 'min') },
    interest_max: { where: (p) => `cs.interest <= ${p}`, parse: score('interest', 'max') },
    mql_type: { where: (p) => `t.mql_type = ${p}`, parse: oneOf('mql_type', mqlTypes) },
    ids: { where: (p) => `t.id = ANY(${p}::bigint[])`, parse: parseIds },
    suppressed: { where: (p) => `${suppressed} = ${p}::boolean`, parse: (v) => oneOf('suppressed', ['true', 'false'])(v) === 'true' },
  },
  sorts: {
    created_at: { expr: 't.created_at', cast: 'timestamptz' },
    updated_at: { expr: 't.updated_at', cast: 'timestamptz' },
    name: { expr: "lower(COALESCE(NULLIF(concat_ws(' ', t.first_name, t.last_name), ''), t.email, ''))", cast: 'text' },
    email: { expr: "COALESCE(t.email_normalized, '')", cast: 'text' },
    last_name: { expr: "COALESCE(lower(t.last_name), '')", cast: 'text' },
    company: { expr: "COALESCE(lower(co.name), '')", cast: 'text' },
    owner: { expr: "COALESCE(lower(u.name), '')", cast: 'text' },
    lifecycle_stage: { expr: stageOrder, cast: 'int' },
    lead_status: { expr: "COALESCE(t.lead_status, '')", cast: 'text' },
    original_source: { expr: "COALESCE(t.original_source, '')", cast: 'text' },
    fit: { expr: `COALESCE(cs.fit, ${NO_SCORE})`, cast: 'numeric' },
    interest: { expr: `COALESCE(cs.interest, ${NO_SCORE})`, cast: 'numeric' },
    quadrant: { expr: quadrantOrder, cast: 'int' },
    mql_type: { expr: "COALESCE(t.mql_type, '')", cast: 'text' },
    last_activity_at: { expr: `COALESCE(${lastActivity}, '1900-01-01T00:00:00Z'::timestamptz)`, cast: 'timestamptz' },
    id: { expr: 't.id', cast: 'bigint' },
    suppressed: { expr: `(${suppressed})::int`, cast: 'int' },
  },
  defaultSort: '-created_at',
  // Both sides are lower-cased so LIKE can use the trigram indexes of migration 0002.
  search: (p) => `(${contactSearchText('t')} LIKE lower(${p}) OR t.company_id IN (SELECT id FROM companies WHERE lower(name) LIKE lower(${p})))`,
  hasProperties: true,
  narrowFirst: true,
};

/** Custom property filters must name a contact property that exists: a typo is a 400, not an empty list. */
async function assertKnownProperties(ctx: Ctx, filters: ListParams['filters']): Promise<void> {
  const names = Object.keys(filters ?? {}).filter((k) => k.startsWith('property.') && filters?.[k]);
  if (!names.length) return;
  const defs = await propertyDefinitions(ctx.db, 'contact');
  const unknown = names.filter((k) => !defs.has(k.slice('property.'.length)));
  if (unknown.length) throw invalid(unknown.map((field) => ({ field, problem: 'is not a contact property' })));
}

/**
 * Contacts the caller may read (a rep's list holds their own and unowned ones, silently), with
 * the filtered set's size on the first page. The count is exact: at 100k contacts on PostgreSQL it
 * takes tens of milliseconds (bench/api-latency-bench.ts), and it is not repeated for later pages.
 */
export async function listContacts(ctx: Ctx, params: ListParams): Promise<ContactListPage> {
  await assertKnownProperties(ctx, params.filters);
  const restrict = listRestriction(ctx.actor, 'contact');
  const query = <T>(t: string, v: unknown[]) => ctx.db.query<T>(t, v);
  // Side by side: on a PostgreSQL server the count runs on its own pooled connection while the page is read.
  const [page, total] = await Promise.all([
    listPage<ContactListItem>(query, contactListSpec, params, restrict),
    params.cursor ? null : listCount(query, contactListSpec, params, restrict),
  ]);
  return { ...page, total };
}

/** The WHERE of the caller's filtered contacts (alias t, joins of contactListSpec.from): exports and bulk actions select with it. */
export async function contactFilterWhere(ctx: Ctx, params: Pick<ListParams, 'q' | 'filters'>, scoped = true, firstParam = 1): Promise<ListWhere> {
  await assertKnownProperties(ctx, params.filters);
  return listWhere(contactListSpec, params, scoped ? listRestriction(ctx.actor, 'contact') : undefined, firstParam);
}

/**
 * The caller's filtered contacts as an export's extra condition (after the export's own two
 * parameters): the list's FROM and WHERE in a subquery, so its joins and aliases stay its own.
 */
export async function contactExportWhere(ctx: Ctx, params: Pick<ListParams, 'q' | 'filters'>): Promise<{ sql: string; values: unknown[] }> {
  const w = await contactFilterWhere(ctx, params, true, 3);
  if (!w.where.length) return { sql: '', values: [] };
  return { sql: ` AND t.id IN (SELECT t.id FROM ${contactListSpec.from} WHERE ${w.where.join(' AND ')})`, values: w.values };
}
