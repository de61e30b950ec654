import type { z } from 'zod';
import { insertRows, reserveIds, type BulkColumn } from '../../db/bulk-insert.js';
import type { Ctx } from '../context.js';
import { StageAdvancer } from '../funnel/stage-advancer.js';
import type { dealCreateInput } from './deals.js';
import type { PipelineStage } from './pipelines.js';
import { dealCreatedAt } from './created-at.js';

/** A valid deal (dealCreateInput, stage of its pipeline, lost reason rule, references known). */
export type DealInsert = z.output<typeof dealCreateInput> & { pipeline_id: number; pipeline_stage: PipelineStage };

const columns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['pipeline_id', 'bigint'], ['stage', 'text'], ['amount', 'numeric'], ['currency', 'text'],
  ['segment', 'text'], ['close_date', 'date'], ['owner_id', 'bigint'], ['contact_id', 'bigint'], ['company_id', 'bigint'],
  ['lost_reason', 'text'], ['closed_at', 'timestamptz'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz'],
  ['external_id', 'text'], ['external_source', 'text'], ['win_reason', 'text'], ['close_note', 'text'],
];

/**
 * Creates many deals as createDeal does one: the company from the contact when not given, the
 * segment from the company, closed_at for closed stages, and the funnel effects (an open deal
 * makes contact and company Opportunity; a won one, Opportunity then Customer). Deals have no
 * natural key, so every row is a new deal. Returns the new ids in row order.
 */
export async function insertDeals(ctx: Ctx, rows: readonly DealInsert[]): Promise<number[]> {
  if (!rows.length) return [];
  const now = ctx.clock.now();
  const contactIds = [...new Set(rows.map((r) => r.contact_id).filter((id): id is number => !!id))];
  const contactCompany = new Map<number, number | null>();
  if (contactIds.length) {
    for (const c of await ctx.db.query<{ id: number; company_id: number | null }>('SELECT id, company_id FROM contacts WHERE id = ANY($1::bigint[])', [contactIds])) {
      contactCompany.set(Number(c.id), c.company_id === null ? null : Number(c.company_id));
    }
  }
  const companyIds = rows.map((r) => r.company_id ?? (r.contact_id ? contactCompany.get(r.contact_id) ?? null : null));
  const segments = new Map<number, string | null>();
  const needSegment = [...new Set(companyIds.filter((id, i): id is number => !!id && !rows[i]!.segment))];
  if (needSegment.length) {
    for (const c of await ctx.db.query<{ id: number; segment: string | null }>('SELECT id, segment FROM companies WHERE id = ANY($1::bigint[])', [needSegment])) segments.set(Number(c.id), c.segment);
  }

  const ids = await reserveIds(ctx.db, 'deals', rows.length);
  const advancer = new StageAdvancer(ctx.clock);
  await advancer.load(ctx.db, 'contact', rows.map((r) => r.contact_id));
  // A contact that moves pulls its own company along too (setStage's roll-up), so load those as well.
  await advancer.load(ctx.db, 'company', [...companyIds, ...contactCompany.values()]);
  const values = rows.map((r, i) => {
    const id = ids[i]!;
    const stage = r.pipeline_stage;
    const closedAt = stage.outcome === 'open' ? null : r.closed_at ?? (r.close_date ? new Date(`${r.close_date}T12:00:00Z`) : now);
    const createdAt = r.created_at ?? dealCreatedAt(closedAt, now);
    const companyId = companyIds[i] ?? null;
    // The effects of createDeal's syncFunnel, in row order; a won deal was an opportunity first.
    const actor = { ...ctx.actor, type: 'deal' as const, id: String(id) };
    const sync = (target: 'opportunity' | 'customer', at: Date) => {
      const reason = target === 'customer' ? `deal ${id} "${r.name}" won` : `deal ${id} "${r.name}" opened`;
      if (r.contact_id) advancer.advanceTo('contact', r.contact_id, target, reason, at, actor);
      if (companyId) advancer.advanceTo('company', companyId, target, reason, at, actor);
    };
    if (stage.outcome !== 'lost') sync('opportunity', createdAt);
    if (stage.outcome === 'won') sync('customer', closedAt ?? createdAt);
    return [id, r.name, r.pipeline_id, stage.key, r.amount ?? null, r.currency ?? 'EUR', r.segment ?? (companyId ? segments.get(companyId) ?? null : null),
      r.close_date ?? closedAt?.toISOString().slice(0, 10) ?? null, r.owner_id ?? null, r.contact_id ?? null, companyId, r.lost_reason ?? null,
      closedAt, JSON.stringify(r.properties ?? {}), createdAt, now, r.external_id ?? null, r.external_source ?? null, r.win_reason ?? null, r.close_note ?? null];
  });
  await insertRows(ctx.db, 'deals', columns, values, { explicitIds: true });
  await advancer.flush(ctx.db);
  return ids;
}
