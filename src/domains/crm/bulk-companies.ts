import type { z } from 'zod';
import { insertRows, reserveIds, updateRows, type BulkColumn } from '../../db/bulk-insert.js';
import { uniqueRun } from '../../shared/unique-runs.js';
import type { Ctx } from '../context.js';
import { importMoves, StageAdvancer } from '../funnel/stage-advancer.js';
import type { Stage } from '../funnel/stages.js';
import { propertyChangeColumns, type UpsertCounts } from './bulk-contacts.js';
import { segmentForEmployees, trackedFields, type companyCreateInput, type Company } from './companies.js';
import { changeRows } from './record-changes.js';

/**
 * One company to create or update, already valid (companyCreateInput, checkDomain, coerced
 * properties, owner known); stage_history comes from "Became a ... Date" columns.
 */
export type CompanyUpsert = z.output<typeof companyCreateInput> & { stage_history?: { stage: Stage; at: Date }[] };

const insertColumns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['domain', 'text'], ['industry', 'text'], ['employees', 'int'], ['country', 'text'],
  ['annual_revenue', 'numeric'], ['segment', 'text'], ['lifecycle_stage', 'text'], ['owner_id', 'bigint'], ['properties', 'jsonb'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
];
const updateColumns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['industry', 'text'], ['employees', 'int'], ['country', 'text'], ['annual_revenue', 'numeric'],
  ['segment', 'text'], ['owner_id', 'bigint'], ['properties', 'jsonb'],
];
const overwritable = ['name', 'industry', 'employees', 'country', 'annual_revenue', 'segment', 'owner_id'] as const;

/**
 * Creates or updates many companies keyed by domain (rows without a domain are always created),
 * with the invariants of createCompany / updateCompany: segment from head count unless given,
 * a stage transition per creation, property_changes per changed field, forward-only stages.
 * Run it inside a transaction.
 */
export async function upsertCompanies(ctx: Ctx, rows: readonly CompanyUpsert[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
  let pending = rows;
  while (pending.length) {
    const run = uniqueRun(pending, (r) => r.domain ?? null);
    await writeRun(ctx, run, counts);
    pending = pending.slice(run.length);
  }
  return counts;
}

async function writeRun(ctx: Ctx, rows: readonly CompanyUpsert[], counts: UpsertCounts): Promise<void> {
  const now = ctx.clock.now();
  const advancer = new StageAdvancer(ctx.clock);
  const domains = rows.map((r) => r.domain).filter((d): d is string => !!d);
  const existing = new Map<string, Company>();
  if (domains.length) {
    const found = await ctx.db.query<Company>('SELECT * FROM companies WHERE domain = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE', [domains]);
    for (const c of found) existing.set(c.domain!, { ...c, id: Number(c.id) });
  }

  const fresh = rows.filter((r) => !(r.domain && existing.has(r.domain)));
  const ids = await reserveIds(ctx.db, 'companies', fresh.length);
  const inserts = fresh.map((r, n) => {
    const id = ids[n]!;
    const at = r.created_at ?? now;
    const { stage } = advancer.recordCreation('company', id, r.lifecycle_stage, 'lead', r.stage_history, at, ctx.actor);
    return [id, r.name, r.domain ?? null, r.industry ?? null, r.employees ?? null, r.country ?? null, r.annual_revenue ?? null,
      r.segment ?? segmentForEmployees(r.employees), stage, r.owner_id ?? null, JSON.stringify(r.properties ?? {}), at, now];
  });
  await insertRows(ctx.db, 'companies', insertColumns, inserts, { explicitIds: true });
  counts.created += fresh.length;

  const updates: unknown[][] = [];
  const changes: unknown[][] = [];
  for (const r of rows) {
    const before = r.domain ? existing.get(r.domain) : undefined;
    if (!before) continue;
    const after: Record<string, unknown> = { ...before };
    for (const f of overwritable) if (r[f] !== undefined && r[f] !== null) after[f] = r[f];
    // As updateCompany: a segment that was derived from head count follows a new head count.
    if (r.employees != null && r.segment == null && before.segment === segmentForEmployees(before.employees)) after.segment = segmentForEmployees(r.employees);
    const props = r.properties ?? {};
    after.properties = { ...before.properties, ...props };
    const fieldChanges = changeRows(ctx, 'company', before.id, before as unknown as Record<string, unknown>, { ...after, properties: props }, trackedFields);
    changes.push(...fieldChanges);
    if (fieldChanges.length) {
      updates.push([before.id, after.name, after.industry, after.employees, after.country, after.annual_revenue, after.segment, after.owner_id, JSON.stringify(after.properties)]);
    }
    let changed = fieldChanges.length > 0;
    if (importMoves(before.lifecycle_stage, r.lifecycle_stage)) {
      advancer.know('company', before.id, before.lifecycle_stage);
      advancer.importMove('company', before.id, r.lifecycle_stage, r.stage_history, now, ctx.actor);
      changed = true;
    } else if (r.lifecycle_stage && r.lifecycle_stage !== before.lifecycle_stage) counts.kept_stage++;
    if (changed) counts.updated++;
    else counts.unchanged++;
  }
  await updateRows(ctx.db, 'companies', updateColumns, updates, now);
  await insertRows(ctx.db, 'property_changes', propertyChangeColumns, changes);
  await advancer.flush(ctx.db);
}
