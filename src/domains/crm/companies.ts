import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { AppError, invalid, notFound } from '../../shared/errors.js';
import { stripUndefined } from '../../shared/objects.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed, assertCanChange, assertCanRead, assertOwnerKept, listRestriction, ownerOnCreate } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { moveStage, recordTransition } from '../funnel/transitions.js';
import { stageSchema } from '../funnel/stages.js';
import { isFreeMailDomain } from '../identity/free-mail-domains.js';
import { normalizeDomain } from '../identity/normalize-email.js';
import { listPage, parseId, parseText, type ListParams, type ListSpec, type Page } from './list-query.js';
import { checkProperties, propertyDefinitions } from './properties.js';
import { eraseRecord } from './erase-record.js';
import { recordChanges } from './record-changes.js';
import { assertReferences, isUniqueViolation } from './references.js';
import { fitsInt, fitsNumeric } from '../../shared/column-limits.js';
import { instant } from '../../shared/dates.js';
import { claimExternalKey, externalConflictAfterRace, externalIdFields, externalIdFilters, externalKeyOf, recordOutFields, type ExternalKey } from './external-ids.js';
import { listSegments, segmentProblems, sizedByEmployees } from '../workspace/segment-list.js';

/** The default segment keys; a workspace edits its own list (src/domains/workspace/segment-list.ts). */
export const segments = ['enterprise', 'mid_market', 'small'] as const;
export type Segment = (typeof segments)[number];

/** Segment from head count when none is given: the usual B2B cut (<100 small, <1000 mid-market). */
export function segmentForEmployees(employees: number | null | undefined): Segment | null {
  if (employees === null || employees === undefined) return null;
  return employees >= 1000 ? 'enterprise' : employees >= 100 ? 'mid_market' : 'small';
}

/** segmentForEmployees while the workspace's list still has the default keys (sizedByEmployees), else never a segment. */
export async function employeeSegmenter(db: Db): Promise<(employees: number | null | undefined) => string | null> {
  return sizedByEmployees(await listSegments(db)) ? segmentForEmployees : () => null;
}

const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).nullable().optional();
const id = z.number().int().positive();

const companyFields = {
  name: z.string().trim().min(1, 'is required').max(300),
  domain: z.string().trim().max(255).nullable().optional(),
  industry: text(120),
  employees: z.number().int('must be a whole number').min(0, 'cannot be negative').max(...fitsInt).nullable().optional(),
  country: text(80),
  annual_revenue: z.number().min(0, 'cannot be negative').max(...fitsNumeric(16, 2)).nullable().optional(),
  // One of the workspace's segment keys: checked against the list by createCompany / updateCompany.
  segment: z.string().trim().max(100, 'must be at most 100 characters').nullable().optional(),
  lifecycle_stage: stageSchema.optional(),
  owner_id: id.nullable().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  created_at: instant().optional(),
  ...externalIdFields,
};
export const companyCreateInput = z.strictObject(companyFields);
export const companyUpdateInput = z.strictObject({ ...companyFields, name: companyFields.name.optional(), created_at: z.undefined().optional() });
export type CompanyInput = z.input<typeof companyCreateInput>;

/** A company as the API answers it; contact_count where the query counts its contacts (reads and lists, not a create). */
export const companyOut = z.object({
  id: z.number(),
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employees: z.number().nullable(),
  country: z.string().nullable(),
  annual_revenue: z.number().nullable(),
  segment: z.string().nullable(),
  lifecycle_stage: stageSchema,
  owner_id: z.number().nullable(),
  ...recordOutFields,
  contact_count: z.number().optional(),
});
export type Company = z.infer<typeof companyOut>;

const columns = 'id, name, domain, industry, employees, country, annual_revenue, segment, lifecycle_stage, owner_id, properties, external_id, external_source, created_at, updated_at';
export const trackedFields = ['name', 'domain', 'industry', 'employees', 'country', 'annual_revenue', 'segment', 'owner_id', 'external_id', 'external_source'] as const;

export function checkDomain(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const d = normalizeDomain(raw);
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(d)) throw invalid([{ field: 'domain', problem: `"${raw}" is not a domain such as acme.com` }]);
  if (isFreeMailDomain(d)) throw invalid([{ field: 'domain', problem: `${d} is a free-mail provider, not a company domain` }]);
  return d;
}

export async function createCompany(ctx: Ctx, input: unknown): Promise<Company> {
  const v = parseInput(companyCreateInput, input);
  const domain = checkDomain(v.domain);
  const defs = await propertyDefinitions(ctx.db, 'company');
  const props = checkProperties(defs, v.properties ?? {}, 'company');
  const external = externalKeyOf(v);
  const problems = [...props.problems, ...external.problems, ...(await segmentProblems(ctx.db, v.segment != null ? [{ field: 'segment', value: v.segment }] : []))];
  if (problems.length) throw invalid(problems);
  const key = external.key ?? null;
  assertAllowed(ctx.actor, 'crm:write', 'create companies');
  const bySize = await employeeSegmenter(ctx.db);
  const ownerId = ownerOnCreate(ctx.actor, 'company', v.owner_id);
  return ctx.db.tx(async (db) => {
    await assertReferences(db, { owner_id: ownerId });
    if (domain) {
      const [dup] = await db.query<{ id: number; name: string }>('SELECT id, name FROM companies WHERE domain = $1', [domain]);
      if (dup) throw conflict(dup, domain);
    }
    if (key) await claimExternalKey(db, 'company', key);
    const stage = v.lifecycle_stage ?? 'lead';
    const at = v.created_at ?? ctx.clock.now();
    const [row] = await db.query<Company>(
      `INSERT INTO companies (name, domain, industry, employees, country, annual_revenue, segment, lifecycle_stage, owner_id, properties, created_at, updated_at, external_id, external_source)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14) RETURNING ${columns}`,
      [v.name, domain, v.industry ?? null, v.employees ?? null, v.country ?? null, v.annual_revenue ?? null,
        v.segment ?? bySize(v.employees), stage, ownerId ?? null, JSON.stringify(props.values), at, ctx.clock.now(), key?.id ?? null, key?.source ?? null],
    );
    await recordTransition(db, { objectType: 'company', objectId: row!.id, from: null, to: stage, kind: 'create', at, actor: ctx.actor });
    return row!;
  }).catch(async (err) => {
    const [dup] = isUniqueViolation(err) && domain ? await ctx.db.query<{ id: number; name: string }>('SELECT id, name FROM companies WHERE domain = $1', [domain]) : [];
    if (dup) throw conflict(dup, domain!);
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'company', key))) || err;
  });
}

/** Named, not numbered, so a form can link to the other company by name and offer to merge the two. */
function conflict(dup: { id: number; name: string }, domain: string): AppError {
  return new AppError('conflict', `${dup.name} already has the domain ${domain}.`, {
    existing_id: dup.id,
    existing_name: dup.name,
    field: 'domain',
    errors: [{ field: 'domain', problem: `already belongs to ${dup.name}` }],
  });
}

/** The company behind a work email; free-mail domains never make one. Creates it on first sight. */
export async function companyForEmailDomain(ctx: Ctx, domain: string | null, at: Date): Promise<number | null> {
  if (!domain || isFreeMailDomain(domain)) return null;
  const [found] = await ctx.db.query<{ id: number }>('SELECT id FROM companies WHERE domain = $1', [domain]);
  if (found) return found.id;
  const name = nameFromDomain(domain);
  const [row] = await ctx.db.query<{ id: number }>(
    `INSERT INTO companies (name, domain, lifecycle_stage, created_at, updated_at) VALUES ($1, $2, 'subscriber', $3, $4)
     ON CONFLICT (domain) DO UPDATE SET domain = EXCLUDED.domain RETURNING id`,
    [name, domain, at, ctx.clock.now()],
  );
  await recordTransition(ctx.db, { objectType: 'company', objectId: row!.id, from: null, to: 'subscriber', kind: 'create', at, actor: ctx.actor, reason: `from email domain ${domain}` });
  return row!.id;
}

/** acme-corp.co.uk → "Acme Corp": a readable placeholder until someone enters the real name. */
export function nameFromDomain(domain: string): string {
  const parts = domain.split('.');
  const secondLevel = parts.length > 2 && ['co', 'com', 'org', 'net', 'ac', 'gov'].includes(parts[parts.length - 2]!);
  const label = parts[parts.length - (secondLevel ? 3 : 2)] ?? parts[0]!;
  return label.split(/[-_]/).map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** A company as the caller may see it: for a rep, their own, unowned ones and their contacts' (record-scope.ts). */
export async function readCompany(ctx: Ctx, id: number): Promise<Company> {
  await assertCanRead(ctx, 'company', id);
  return getCompany(ctx.db, id);
}

export async function getCompany(db: Db, id: number): Promise<Company> {
  const [row] = await db.query<Company>(
    `SELECT ${columns}, (SELECT count(*) FROM contacts c WHERE c.company_id = companies.id) AS contact_count FROM companies WHERE id = $1`,
    [id],
  );
  if (!row) throw notFound('Company', id);
  return row;
}

export async function updateCompany(ctx: Ctx, id: number, input: unknown): Promise<Company> {
  const v = parseInput(companyUpdateInput, input);
  const defs = await propertyDefinitions(ctx.db, 'company');
  const props = checkProperties(defs, v.properties ?? {}, 'company');
  const problems = [...props.problems, ...(await segmentProblems(ctx.db, v.segment != null ? [{ field: 'segment', value: v.segment }] : []))];
  if (problems.length) throw invalid(problems);
  const domain = v.domain === undefined ? undefined : checkDomain(v.domain);
  const bySize = await employeeSegmenter(ctx.db);
  let key: ExternalKey | null | undefined;
  await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    const [before] = await db.query<Company>(`SELECT ${columns} FROM companies WHERE id = $1 FOR NO KEY UPDATE`, [id]);
    if (!before) throw notFound('Company', id);
    const external = externalKeyOf(v, before);
    if (external.problems.length) throw invalid(external.problems);
    key = external.key;
    assertCanChange(ctx.actor, 'company', before);
    assertOwnerKept(ctx.actor, 'company', before, v.owner_id);
    await assertReferences(db, { owner_id: v.owner_id });
    if (domain) {
      const [dup] = await db.query<{ id: number; name: string }>('SELECT id, name FROM companies WHERE domain = $1 AND id <> $2', [domain, id]);
      if (dup) throw conflict(dup, domain);
    }
    const next: Record<string, unknown> = { ...before, ...stripUndefined({ ...v, domain }), properties: { ...before.properties, ...props.values } };
    if (v.employees !== undefined && v.segment === undefined && before.segment === bySize(before.employees)) {
      next.segment = bySize(v.employees);
    }
    if (key) await claimExternalKey(db, 'company', key, id);
    if (key !== undefined) Object.assign(next, { external_id: key?.id ?? null, external_source: key?.source ?? null });
    await db.query(
      `UPDATE companies SET name = $2, domain = $3, industry = $4, employees = $5, country = $6, annual_revenue = $7,
        segment = $8, owner_id = $9, properties = $10, updated_at = $11, external_id = $12, external_source = $13 WHERE id = $1`,
      [id, next.name, next.domain, next.industry, next.employees, next.country, next.annual_revenue, next.segment, next.owner_id, JSON.stringify(next.properties), ctx.clock.now(),
        next.external_id, next.external_source],
    );
    await recordChanges(c, 'company', id, before as unknown as Record<string, unknown>, { ...next, properties: props.values }, trackedFields);
    if (v.lifecycle_stage && v.lifecycle_stage !== before.lifecycle_stage) {
      await moveStage(c, 'company', id, v.lifecycle_stage);
    }
  }).catch(async (err) => {
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'company', key, id))) || err;
  });
  return getCompany(ctx.db, id);
}

export function deleteCompany(ctx: Ctx, id: number): Promise<void> {
  assertAllowed(ctx.actor, 'crm:delete', 'delete companies');
  return eraseRecord(ctx, 'company', id);
}

export const companyList: ListSpec = {
  from: 'companies t',
  select: `t.id, t.name, t.domain, t.industry, t.employees, t.country, t.annual_revenue, t.segment, t.lifecycle_stage, t.owner_id,
    t.properties, t.external_id, t.external_source, t.created_at, t.updated_at, (SELECT count(*) FROM contacts c WHERE c.company_id = t.id) AS contact_count`,
  filters: {
    ...externalIdFilters,
    segment: { where: (p) => `t.segment = ${p}`, parse: parseText },
    industry: { where: (p) => `t.industry = ${p}`, parse: parseText },
    country: { where: (p) => `t.country = ${p}`, parse: parseText },
    lifecycle_stage: { where: (p) => `t.lifecycle_stage = ${p}`, parse: parseText },
    owner_id: { where: (p) => `t.owner_id = ${p}`, parse: parseId('owner_id') },
  },
  sorts: {
    name: { expr: 'lower(t.name)', cast: 'text' },
    created_at: { expr: 't.created_at', cast: 'timestamptz' },
    employees: { expr: 'COALESCE(t.employees, -1)', cast: 'int' },
    annual_revenue: { expr: 'COALESCE(t.annual_revenue, -1)', cast: 'numeric' },
    id: { expr: 't.id', cast: 'bigint' },
  },
  defaultSort: 'name',
  search: (p) => `(lower(t.name) LIKE lower(${p}) OR t.domain LIKE lower(${p}))`,
  hasProperties: true,
};

/** Companies the caller may read (a rep's: readCompany's rule), filtered silently. */
export function listCompanies(ctx: Ctx, params: ListParams): Promise<Page<Company>> {
  return listPage<Company>((t, v) => ctx.db.query<Company>(t, v), companyList, params, listRestriction(ctx.actor, 'company'));
}
