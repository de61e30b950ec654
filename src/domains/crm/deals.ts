import { z } from 'zod';
import { lockContactsThenCompanies } from './record-locks.js';
import type { Db } from '../../db/client.js';
import { invalid, notFound } from '../../shared/errors.js';
import { stripUndefined } from '../../shared/objects.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed, assertCanChange, assertCanChangeEach, assertCanRead, assertOwnerKept, listRestriction, ownerOnCreate } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { advanceTo } from '../funnel/transitions.js';
import { segmentProblems } from '../workspace/segment-list.js';
import { listPage, parseDate, parseId, parseText, type ListParams, type ListSpec, type Page } from './list-query.js';
import { dealOutcomes, defaultPipelineId, pipelineStage, type PipelineStage } from './pipelines.js';
import { checkProperties, propertyDefinitions } from './properties.js';
import { eraseRecord } from './erase-record.js';
import { recordChanges } from './record-changes.js';
import { assertReferences, isUniqueViolation } from './references.js';
import { fitsNumeric } from '../../shared/column-limits.js';
import { calendarDay, instant } from '../../shared/dates.js';
import { claimExternalKey, externalConflictAfterRace, externalIdFields, externalIdFilters, externalKeyOf, recordOutFields, type ExternalKey } from './external-ids.js';
import { dealCreatedAt } from './created-at.js';
import { listDealReasons, resolveReasons } from './deal-reasons.js';

const id = z.number().int().positive();
const dealFields = {
  name: z.string().trim().min(1, 'is required').max(300),
  pipeline_id: id.optional(),
  stage: z.string().trim().min(1, 'is required'),
  amount: z.number().min(0, 'cannot be negative').max(...fitsNumeric(16, 2)).nullable().optional(),
  currency: z.string().trim().regex(/^[A-Za-z]{3}$/, 'must be a 3-letter ISO currency code such as EUR').transform((s) => s.toUpperCase()).optional(),
  // One of the workspace's segment keys: checked against the list by createDeal / updateDeal.
  segment: z.string().trim().max(100, 'must be at most 100 characters').nullable().optional(),
  close_date: calendarDay().nullable().optional(),
  owner_id: id.nullable().optional(),
  contact_id: id.nullable().optional(),
  company_id: id.nullable().optional(),
  /** A lost reason of the workspace's list (deal-reasons.ts), by code or label; stored as the code. */
  lost_reason: z.string().trim().max(300).nullable().optional(),
  /** A win reason of the workspace's list, by code or label; stored as the code. */
  win_reason: z.string().trim().max(300).nullable().optional(),
  /** Free text beside the reason: what the list does not say. */
  close_note: z.string().trim().max(2000, 'must be at most 2,000 characters').nullable().optional(),
  properties: z.record(z.string(), z.unknown()).optional(),
  ...externalIdFields,
};
export const dealCreateInput = z.strictObject({ ...dealFields, created_at: instant().optional(), closed_at: instant().optional() });
export const dealUpdateInput = z.strictObject({ ...dealFields, name: dealFields.name.optional(), stage: dealFields.stage.optional(), pipeline_id: z.undefined().optional() });

/** A deal as the API answers it: the row with its stage's label and outcome and the names of its owner, contact and company. */
export const dealOut = z.object({
  id: z.number(),
  name: z.string(),
  pipeline_id: z.number(),
  stage: z.string(),
  stage_label: z.string(),
  outcome: z.enum(dealOutcomes),
  amount: z.number().nullable(),
  currency: z.string(),
  segment: z.string().nullable(),
  /** A calendar day, YYYY-MM-DD. */
  close_date: z.string().nullable(),
  owner_id: z.number().nullable(),
  owner_name: z.string().nullable(),
  contact_id: z.number().nullable(),
  contact_name: z.string().nullable(),
  company_id: z.number().nullable(),
  company_name: z.string().nullable(),
  /** A code of the lost reasons list (GET /api/settings/deal-reasons has the labels). */
  lost_reason: z.string().nullable(),
  lost_reason_label: z.string().nullable(),
  /** A code of the win reasons list. */
  win_reason: z.string().nullable(),
  win_reason_label: z.string().nullable(),
  close_note: z.string().nullable(),
  closed_at: z.date().nullable(),
  ...recordOutFields,
});
export type Deal = z.infer<typeof dealOut>;

const selectDeal = `SELECT t.id, t.name, t.pipeline_id, t.stage, ps.label AS stage_label, ps.outcome, t.amount, t.currency, t.segment, t.close_date,
  t.owner_id, u.name AS owner_name, t.contact_id, NULLIF(trim(COALESCE(c.first_name, '') || ' ' || COALESCE(c.last_name, '')), '') AS contact_name,
  t.company_id, co.name AS company_name, t.lost_reason, lr.label AS lost_reason_label, t.win_reason, wr.label AS win_reason_label, t.close_note, t.closed_at, t.properties, t.external_id, t.external_source, t.created_at, t.updated_at`;
const fromDeal = `deals t JOIN pipeline_stages ps ON ps.pipeline_id = t.pipeline_id AND ps.key = t.stage
  LEFT JOIN users u ON u.id = t.owner_id LEFT JOIN contacts c ON c.id = t.contact_id LEFT JOIN companies co ON co.id = t.company_id
  LEFT JOIN deal_reasons lr ON lr.outcome = 'lost' AND lr.code = t.lost_reason LEFT JOIN deal_reasons wr ON wr.outcome = 'won' AND wr.code = t.win_reason`;

// close_note is free text that may name people: kept out of the change history, which an erasure does not rewrite.
export const trackedFields = ['name', 'stage', 'amount', 'currency', 'segment', 'close_date', 'owner_id', 'contact_id', 'company_id', 'lost_reason', 'win_reason', 'external_id', 'external_source'] as const;

export function lostReasonRequired(stage: PipelineStage, lostReason: string | null | undefined) {
  if (stage.outcome === 'lost' && !lostReason) {
    throw invalid([{ field: 'lost_reason', problem: `is required when a deal moves to ${stage.label}` }]);
  }
}

/** Side effects of a deal on the funnel: an open deal makes an Opportunity, a won deal a Customer. */
async function syncFunnel(ctx: Ctx, deal: { id: number; name: string; contact_id: number | null; company_id: number | null }, stage: PipelineStage, at: Date) {
  const target = stage.outcome === 'won' ? 'customer' : stage.outcome === 'open' ? 'opportunity' : null;
  if (!target) return;
  const dealActor = { ...ctx, actor: { ...ctx.actor, type: 'deal' as const, id: String(deal.id) } };
  const reason = target === 'customer' ? `deal ${deal.id} "${deal.name}" won` : `deal ${deal.id} "${deal.name}" opened`;
  if (deal.contact_id) await advanceTo(dealActor, 'contact', deal.contact_id, target, reason, at);
  if (deal.company_id) await advanceTo(dealActor, 'company', deal.company_id, target, reason, at);
}

export async function createDeal(ctx: Ctx, input: unknown): Promise<Deal> {
  const parsed = parseInput(dealCreateInput, input);
  const defs = await propertyDefinitions(ctx.db, 'deal');
  const props = checkProperties(defs, parsed.properties ?? {}, 'deal');
  const external = externalKeyOf(parsed);
  const reasons = resolveReasons(await listDealReasons(ctx.db), parsed);
  const v = reasons.values;
  const problems = [...props.problems, ...external.problems, ...reasons.problems, ...(await segmentProblems(ctx.db, v.segment != null ? [{ field: 'segment', value: v.segment }] : []))];
  if (problems.length) throw invalid(problems);
  const key = external.key ?? null;
  assertAllowed(ctx.actor, 'crm:write', 'create deals');
  const ownerId = ownerOnCreate(ctx.actor, 'deal', v.owner_id);
  const id = await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    await assertReferences(db, { owner_id: ownerId, contact_id: v.contact_id, company_id: v.company_id });
    // A deal moves its contact forward in the funnel: a rep opens deals on their own contacts.
    await assertCanChangeEach(c, { contact: v.contact_id });
    const pipelineId = v.pipeline_id ?? (await defaultPipelineId(db));
    const stage = await pipelineStage(db, pipelineId, v.stage);
    lostReasonRequired(stage, v.lost_reason);
    if (key) await claimExternalKey(db, 'deal', key);
    let companyId = v.company_id ?? null;
    if (!companyId && v.contact_id) {
      companyId = (await db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = $1', [v.contact_id]))[0]?.company_id ?? null;
    }
    const segment = v.segment ?? (companyId ? (await db.query<{ segment: string | null }>('SELECT segment FROM companies WHERE id = $1', [companyId]))[0]?.segment ?? null : null);
    const closedAt = stage.outcome === 'open' ? null : v.closed_at ?? (v.close_date ? new Date(`${v.close_date}T12:00:00Z`) : ctx.clock.now());
    const createdAt = v.created_at ?? dealCreatedAt(closedAt, ctx.clock.now());
    const [row] = await db.query<{ id: number }>(
      `INSERT INTO deals (name, pipeline_id, stage, amount, currency, segment, close_date, owner_id, contact_id, company_id, lost_reason, closed_at, properties, created_at, updated_at,
         external_id, external_source, win_reason, close_note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19) RETURNING id`,
      [v.name, pipelineId, stage.key, v.amount ?? null, v.currency ?? 'EUR', segment, v.close_date ?? closedAt?.toISOString().slice(0, 10) ?? null,
        ownerId ?? null, v.contact_id ?? null, companyId, v.lost_reason ?? null, closedAt, JSON.stringify(props.values), createdAt, ctx.clock.now(), key?.id ?? null, key?.source ?? null,
        v.win_reason ?? null, v.close_note ?? null],
    );
    const deal = { id: row!.id, name: v.name, contact_id: v.contact_id ?? null, company_id: companyId };
    // A deal created already won was first an opportunity: keep both steps in the funnel history.
    if (stage.outcome === 'won') await syncFunnel(c, deal, { ...stage, outcome: 'open' }, createdAt);
    await syncFunnel(c, deal, stage, closedAt ?? createdAt);
    return deal.id;
  }).catch(async (err) => {
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'deal', key))) || err;
  });
  return getDeal(ctx.db, id);
}

/** A deal as the caller may see it: a rep's own or unowned ones (record-scope.ts). */
export async function readDeal(ctx: Ctx, id: number): Promise<Deal> {
  await assertCanRead(ctx, 'deal', id);
  return getDeal(ctx.db, id);
}

export async function getDeal(db: Db, id: number): Promise<Deal> {
  const [row] = await db.query<Deal>(`${selectDeal} FROM ${fromDeal} WHERE t.id = $1`, [id]);
  if (!row) throw notFound('Deal', id);
  return row;
}

export async function updateDeal(ctx: Ctx, id: number, input: unknown): Promise<Deal> {
  const parsed = parseInput(dealUpdateInput, input);
  const defs = await propertyDefinitions(ctx.db, 'deal');
  const props = checkProperties(defs, parsed.properties ?? {}, 'deal');
  const reasons = resolveReasons(await listDealReasons(ctx.db), parsed);
  const v = reasons.values;
  const problems = [...props.problems, ...reasons.problems, ...(await segmentProblems(ctx.db, v.segment != null ? [{ field: 'segment', value: v.segment }] : []))];
  if (problems.length) throw invalid(problems);
  let key: ExternalKey | null | undefined;
  await ctx.db.tx(async (db) => {
    const c = { ...ctx, db };
    // Contact and company before the deal: a stage change moves them (syncFunnel), and every
    // other transaction takes contact, company, then the rows that hang off them.
    const [peek] = await db.query<{ contact_id: number | null; company_id: number | null }>('SELECT contact_id, company_id FROM deals WHERE id = $1', [id]);
    if (!peek) throw notFound('Deal', id);
    await lockContactsThenCompanies(db, [peek.contact_id, v.contact_id], [peek.company_id, v.company_id]);
    const [before] = await db.query<Deal>('SELECT * FROM deals WHERE id = $1 FOR UPDATE', [id]);
    if (!before) throw notFound('Deal', id);
    const external = externalKeyOf(v, before);
    if (external.problems.length) throw invalid(external.problems);
    key = external.key;
    assertCanChange(ctx.actor, 'deal', before);
    assertOwnerKept(ctx.actor, 'deal', before, v.owner_id);
    await assertReferences(db, { owner_id: v.owner_id, contact_id: v.contact_id, company_id: v.company_id });
    if (v.contact_id !== before.contact_id) await assertCanChangeEach(c, { contact: v.contact_id });
    const next = { ...before, ...stripUndefined(v), properties: { ...before.properties, ...props.values } } as Deal;
    const stage = await pipelineStage(db, before.pipeline_id, next.stage);
    const stageChanged = next.stage !== before.stage;
    if (stageChanged) lostReasonRequired(stage, next.lost_reason);
    const closedAt = stage.outcome === 'open' ? null : stageChanged ? ctx.clock.now() : before.closed_at;
    if (stageChanged && stage.outcome === 'won' && v.close_date === undefined) next.close_date = ctx.clock.now().toISOString().slice(0, 10);
    if (key) await claimExternalKey(db, 'deal', key, id);
    if (key !== undefined) Object.assign(next, { external_id: key?.id ?? null, external_source: key?.source ?? null });
    await db.query(
      `UPDATE deals SET name = $2, stage = $3, amount = $4, currency = $5, segment = $6, close_date = $7, owner_id = $8, contact_id = $9,
         company_id = $10, lost_reason = $11, closed_at = $12, properties = $13, updated_at = $14, external_id = $15, external_source = $16,
         win_reason = $17, close_note = $18 WHERE id = $1`,
      [id, next.name, next.stage, next.amount, next.currency, next.segment, next.close_date, next.owner_id, next.contact_id, next.company_id,
        next.lost_reason, closedAt, JSON.stringify(next.properties), ctx.clock.now(), next.external_id, next.external_source, next.win_reason ?? null, next.close_note ?? null],
    );
    await recordChanges(c, 'deal', id, before as unknown as Record<string, unknown>, { ...next, properties: props.values } as unknown as Record<string, unknown>, trackedFields.filter((f) => f in v || f === 'close_date'));
    if (stageChanged) await syncFunnel(c, next, stage, ctx.clock.now());
  }).catch(async (err) => {
    throw (isUniqueViolation(err) && (await externalConflictAfterRace(ctx.db, 'deal', key, id))) || err;
  });
  return getDeal(ctx.db, id);
}

export function deleteDeal(ctx: Ctx, id: number): Promise<void> {
  assertAllowed(ctx.actor, 'crm:delete', 'delete deals');
  return eraseRecord(ctx, 'deal', id);
}

export const dealList: ListSpec = {
  from: fromDeal,
  select: selectDeal.replace(/^SELECT /, ''),
  filters: {
    pipeline_id: { where: (p) => `t.pipeline_id = ${p}`, parse: parseId('pipeline_id') },
    ...externalIdFilters,
    stage: { where: (p) => `t.stage = ${p}`, parse: parseText },
    outcome: { where: (p) => `ps.outcome = ${p}`, parse: parseText },
    owner_id: { where: (p) => `t.owner_id = ${p}`, parse: parseId('owner_id') },
    contact_id: { where: (p) => `t.contact_id = ${p}`, parse: parseId('contact_id') },
    company_id: { where: (p) => `t.company_id = ${p}`, parse: parseId('company_id') },
    segment: { where: (p) => `t.segment = ${p}`, parse: parseText },
    closed_after: { where: (p) => `t.closed_at >= ${p}`, parse: parseDate('closed_after') },
    closed_before: { where: (p) => `t.closed_at < ${p}`, parse: parseDate('closed_before') },
  },
  sorts: {
    created_at: { expr: 't.created_at', cast: 'timestamptz' },
    amount: { expr: 'COALESCE(t.amount, -1)', cast: 'numeric' },
    close_date: { expr: "COALESCE(t.close_date, '0001-01-01')", cast: 'date' },
    id: { expr: 't.id', cast: 'bigint' },
  },
  defaultSort: '-created_at',
  search: (p) => `(t.name ILIKE ${p} OR co.name ILIKE ${p})`,
  hasProperties: true,
};

/** Deals the caller may read: a rep's list holds their own and unowned ones, silently. */
export function listDeals(ctx: Ctx, params: ListParams): Promise<Page<Deal>> {
  return listPage<Deal>((t, v) => ctx.db.query<Deal>(t, v), dealList, params, listRestriction(ctx.actor, 'deal'));
}
