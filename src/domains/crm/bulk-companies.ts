import type { z } from 'zod';
import { insertRows, reserveIds, updateRows, type BulkColumn } from '../../db/bulk-insert.js';
import { uniqueRun } from '../../shared/unique-runs.js';
import type { Ctx } from '../context.js';
import { importMoves, StageAdvancer } from '../funnel/stage-advancer.js';
import type { Stage } from '../funnel/stages.js';
import { propertyChangeColumns, type UpsertCounts } from './bulk-contacts.js';
import { employeeSegmenter, trackedFields, type companyCreateInput, type Company } from './companies.js';
import { changeRows } from './record-changes.js';
import { addExternalAliases, externalMatches, keyParams, keyString, type ExternalKey } from './external-ids.js';

/**
 * One company to create or update, already valid (companyCreateInput, checkDomain, coerced
 * properties, owner known); stage_history comes from "Became a ... Date" columns.
 */
export type CompanyUpsert = z.output<typeof companyCreateInput> & { stage_history?: { stage: Stage; at: Date }[] };

const insertColumns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['domain', 'text'], ['industry', 'text'], ['employees', 'int'], ['country', 'text'],
  ['annual_revenue', 'numeric'], ['segment', 'text'], ['lifecycle_stage', 'text'], ['owner_id', 'bigint'], ['properties', 'jsonb'],
  ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'], ['external_id', 'text'], ['external_source', 'text'],
];
const updateColumns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['industry', 'text'], ['employees', 'int'], ['country', 'text'], ['annual_revenue', 'numeric'],
  ['segment', 'text'], ['owner_id', 'bigint'], ['properties', 'jsonb'], ['domain', 'text'], ['external_id', 'text'], ['external_source', 'text'],
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
    let run = uniqueRun(uniqueRun(pending, (r) => r.domain ?? null), rowKeyString);
    // The exporting system's id decides first, then the domain; one company is written once a run.
    const existing = await findExisting(ctx, run);
    const targets = run.map((r) => existing.get(rowKeyString(r) ?? '') ?? (r.domain ? existing.get(r.domain) : undefined));
    const cut = uniqueRun(targets, (e) => e?.id).length;
    run = run.slice(0, cut);
    await writeRun(ctx, run, targets.slice(0, cut), counts);
    pending = pending.slice(run.length);
  }
  return counts;
}

function rowKey(r: CompanyUpsert): ExternalKey | null {
  return r.external_id && r.external_source ? { source: r.external_source, id: r.external_id } : null;
}
const rowKeyString = (r: CompanyUpsert) => {
  const k = rowKey(r);
  return k ? keyString(k) : null;
};

/** The companies the rows name, by domain or by external id (keyString: never a domain), locked. */
async function findExisting(ctx: Ctx, rows: readonly CompanyUpsert[]): Promise<Map<string, Company>> {
  const domains = rows.map((r) => r.domain).filter((d): d is string => !!d);
  const keys = rows.map(rowKey).filter((k): k is ExternalKey => k !== null);
  if (!domains.length && !keys.length) return new Map();
  const found = await ctx.db.query<Company & { key: string }>(
    `SELECT k.key, c.* FROM (SELECT domain AS key, id FROM companies WHERE domain = ANY($1::text[])
       UNION ALL ${externalMatches('company', '$2', '$3')}) k JOIN companies c ON c.id = k.id ORDER BY c.id FOR NO KEY UPDATE OF c`,
    [domains, ...keyParams(keys)],
  );
  return new Map(found.map(({ key, ...c }) => [key, { ...c, id: Number(c.id) }]));
}

async function writeRun(ctx: Ctx, rows: readonly CompanyUpsert[], targets: readonly (Company | undefined)[], counts: UpsertCounts): Promise<void> {
  const now = ctx.clock.now();
  const bySize = await employeeSegmenter(ctx.db);
  const advancer = new StageAdvancer(ctx.clock);
  const fresh = rows.filter((_, i) => !targets[i]);
  const ids = await reserveIds(ctx.db, 'companies', fresh.length);
  const inserts = fresh.map((r, n) => {
    const id = ids[n]!;
    const at = r.created_at ?? now;
    const { stage } = advancer.recordCreation('company', id, r.lifecycle_stage, 'lead', r.stage_history, at, ctx.actor);
    return [id, r.name, r.domain ?? null, r.industry ?? null, r.employees ?? null, r.country ?? null, r.annual_revenue ?? null,
      r.segment ?? bySize(r.employees), stage, r.owner_id ?? null, JSON.stringify(r.properties ?? {}), at, now, r.external_id ?? null, r.external_source ?? null];
  });
  await insertRows(ctx.db, 'companies', insertColumns, inserts, { explicitIds: true });
  counts.created += fresh.length;

  const updates: unknown[][] = [];
  const changes: unknown[][] = [];
  const aliases: { id: number; key: ExternalKey }[] = [];
  for (const [i, r] of rows.entries()) {
    const before = targets[i];
    if (!before) continue;
    const after: Record<string, unknown> = { ...before };
    for (const f of overwritable) if (r[f] !== undefined && r[f] !== null) after[f] = r[f];
    // Found by its external id, the row's domain is the company's now; an id the company lacks
    // becomes its own, or one more alias when it has another.
    if (r.domain) after.domain = r.domain;
    const key = rowKey(r);
    if (key && !before.external_id) Object.assign(after, { external_id: key.id, external_source: key.source });
    else if (key && (key.id !== before.external_id || key.source !== before.external_source)) aliases.push({ id: before.id, key });
    // As updateCompany: a segment that was derived from head count follows a new head count.
    if (r.employees != null && r.segment == null && before.segment === bySize(before.employees)) after.segment = bySize(r.employees);
    const props = r.properties ?? {};
    after.properties = { ...before.properties, ...props };
    const fieldChanges = changeRows(ctx, 'company', before.id, before as unknown as Record<string, unknown>, { ...after, properties: props }, trackedFields);
    changes.push(...fieldChanges);
    if (fieldChanges.length) {
      updates.push([before.id, after.name, after.industry, after.employees, after.country, after.annual_revenue, after.segment, after.owner_id, JSON.stringify(after.properties),
        after.domain, after.external_id, after.external_source]);
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
  await addExternalAliases(ctx.db, 'company', aliases);
  await insertRows(ctx.db, 'property_changes', propertyChangeColumns, changes);
  await advancer.flush(ctx.db);
}
