import type { BulkColumn } from '../../db/bulk-insert.js';
import { insertRows, updateRows } from '../../db/bulk-insert.js';
import type { Db } from '../../db/client.js';
import { uniqueRun } from '../../shared/unique-runs.js';
import type { Ctx } from '../context.js';
import { StageAdvancer } from '../funnel/stage-advancer.js';
import { propertyChangeColumns, type UpsertCounts } from './bulk-contacts.js';
import { insertDeals, type DealInsert } from './bulk-deals.js';
import { trackedFields, type Deal } from './deals.js';
import { externalMatches, keyParams, keyString, type ExternalKey } from './external-ids.js';
import { changeRows } from './record-changes.js';
import { lockContactsThenCompanies } from './record-locks.js';

const updateColumns: BulkColumn[] = [
  ['id', 'bigint'], ['name', 'text'], ['stage', 'text'], ['amount', 'numeric'], ['currency', 'text'], ['segment', 'text'], ['close_date', 'date'],
  ['owner_id', 'bigint'], ['contact_id', 'bigint'], ['company_id', 'bigint'], ['lost_reason', 'text'], ['closed_at', 'timestamptz'], ['properties', 'jsonb'],
  ['win_reason', 'text'], ['close_note', 'text'],
];
const overwritable = ['name', 'amount', 'currency', 'segment', 'close_date', 'owner_id', 'contact_id', 'company_id', 'lost_reason', 'win_reason', 'close_note'] as const;

function rowKey(r: DealInsert): ExternalKey | null {
  return r.external_id && r.external_source ? { source: r.external_source, id: r.external_id } : null;
}
const rowKeyString = (r: DealInsert) => {
  const k = rowKey(r);
  return k ? keyString(k) : null;
};

/** keyString → the deal holding it and its pipeline (a file that names no pipeline keeps the deal's). */
export async function dealsByExternalKey(db: Db, keys: readonly ExternalKey[]): Promise<Map<string, { id: number; pipeline_id: number }>> {
  if (!keys.length) return new Map();
  const rows = await db.query<{ key: string; id: number; pipeline_id: number }>(
    `SELECT k.key, d.id, d.pipeline_id FROM (${externalMatches('deal', '$1', '$2')}) k JOIN deals d ON d.id = k.id`,
    keyParams(keys),
  );
  return new Map(rows.map((r) => [r.key, { id: Number(r.id), pipeline_id: Number(r.pipeline_id) }]));
}

/**
 * Deals from an import: a row whose external id a deal already holds updates that deal (a second
 * import of the same export duplicates nothing), every other row is a new deal (insertDeals). A
 * later row with the same id as an earlier one updates the deal the earlier one created.
 */
export async function upsertDeals(ctx: Ctx, rows: readonly DealInsert[]): Promise<UpsertCounts> {
  const counts: UpsertCounts = { created: 0, updated: 0, unchanged: 0, kept_stage: 0 };
  let pending = rows;
  while (pending.length) {
    const run = uniqueRun(pending, rowKeyString);
    const existing = await dealsByExternalKey(ctx.db, run.map(rowKey).filter((k): k is ExternalKey => k !== null));
    const target = (r: DealInsert) => existing.get(rowKeyString(r) ?? '')?.id;
    counts.created += (await insertDeals(ctx, run.filter((r) => target(r) === undefined))).length;
    await updateDeals(ctx, run.filter((r) => target(r) !== undefined).map((row) => ({ row, id: target(row)! })), counts);
    pending = pending.slice(run.length);
  }
  return counts;
}

/**
 * What updateDeal does, for many deals: non-empty cells overwrite, blanks leave the field alone,
 * a stage change records its property change and moves the funnel (an open deal makes its contact
 * and company Opportunity, a won one Customer), closed_at follows the stage's outcome. The
 * contacts and companies are locked before the deals, the house order.
 */
async function updateDeals(ctx: Ctx, pairs: readonly { row: DealInsert; id: number }[], counts: UpsertCounts): Promise<void> {
  if (!pairs.length) return;
  const db = ctx.db;
  const now = ctx.clock.now();
  const ids = pairs.map((p) => p.id);
  const peek = await db.query<{ contact_id: number | null; company_id: number | null }>('SELECT contact_id, company_id FROM deals WHERE id = ANY($1::bigint[])', [ids]);
  const contactIds = [...peek.map((p) => p.contact_id), ...pairs.map((p) => p.row.contact_id)].map((x) => (x == null ? null : Number(x)));
  const companyIds = [...peek.map((p) => p.company_id), ...pairs.map((p) => p.row.company_id)].map((x) => (x == null ? null : Number(x)));
  await lockContactsThenCompanies(db, contactIds, companyIds);
  const before = new Map(
    (await db.query<Deal>('SELECT * FROM deals WHERE id = ANY($1::bigint[]) ORDER BY id FOR UPDATE', [ids])).map((d) => [
      Number(d.id),
      { ...d, id: Number(d.id), contact_id: d.contact_id === null ? null : Number(d.contact_id), company_id: d.company_id === null ? null : Number(d.company_id) },
    ]),
  );
  const advancer = new StageAdvancer(ctx.clock);
  await advancer.load(db, 'contact', contactIds);
  // A contact that moves pulls its own company along (setStage's roll-up): those are loaded too.
  const known = contactIds.filter((x): x is number => x !== null);
  const employers = known.length ? await db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = ANY($1::bigint[])', [known]) : [];
  await advancer.load(db, 'company', [...companyIds, ...employers.map((e) => (e.company_id === null ? null : Number(e.company_id)))]);

  const updates: unknown[][] = [];
  const changes: unknown[][] = [];
  for (const { row: r, id } of pairs) {
    const b = before.get(id)!;
    const after: Record<string, unknown> = { ...b };
    for (const f of overwritable) if (r[f] !== undefined && r[f] !== null) after[f] = r[f];
    const stage = r.pipeline_stage;
    const stageChanged = stage.key !== b.stage;
    after.stage = stage.key;
    const closedAt = stage.outcome === 'open' ? null : r.closed_at ?? (stageChanged ? (r.close_date ? new Date(`${r.close_date}T12:00:00Z`) : now) : b.closed_at);
    if (stageChanged && closedAt && r.close_date == null) after.close_date = closedAt.toISOString().slice(0, 10);
    after.closed_at = closedAt;
    const props = r.properties ?? {};
    after.properties = { ...b.properties, ...props };
    const fieldChanges = changeRows(ctx, 'deal', id, b as unknown as Record<string, unknown>, { ...after, properties: props }, trackedFields);
    changes.push(...fieldChanges);
    const closedChanged = (closedAt?.getTime() ?? null) !== (b.closed_at ? new Date(b.closed_at).getTime() : null);
    if (fieldChanges.length || closedChanged) {
      updates.push([id, after.name, after.stage, after.amount, after.currency, after.segment, after.close_date, after.owner_id, after.contact_id,
        after.company_id, after.lost_reason, closedAt, JSON.stringify(after.properties), after.win_reason ?? null, after.close_note ?? null]);
      counts.updated++;
    } else counts.unchanged++;
    if (stageChanged) {
      // updateDeal's syncFunnel: the deal moves its contact and company forward, never back.
      const target = stage.outcome === 'won' ? 'customer' : stage.outcome === 'open' ? 'opportunity' : null;
      const actor = { ...ctx.actor, type: 'deal' as const, id: String(id) };
      const reason = target === 'customer' ? `deal ${id} "${after.name as string}" won` : `deal ${id} "${after.name as string}" opened`;
      const contactId = after.contact_id as number | null;
      const companyId = after.company_id as number | null;
      if (target && contactId) advancer.advanceTo('contact', contactId, target, reason, closedAt ?? now, actor);
      if (target && companyId) advancer.advanceTo('company', companyId, target, reason, closedAt ?? now, actor);
    }
  }
  await updateRows(db, 'deals', updateColumns, updates, now);
  await insertRows(db, 'property_changes', propertyChangeColumns, changes);
  await advancer.flush(db);
}
