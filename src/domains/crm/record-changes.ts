import type { Ctx } from '../context.js';
import type { ObjectType } from './properties.js';

/**
 * Stores one property_changes row per changed field, so the timeline can show who changed what.
 * Custom properties are recorded as "properties.<name>".
 */
export async function recordChanges(
  ctx: Ctx,
  objectType: ObjectType,
  id: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): Promise<number> {
  const rows = changeRows(ctx, objectType, id, before, after, fields);
  if (!rows.length) return 0;
  const values = rows.map((_, i) => `($${i * 8 + 1}, $${i * 8 + 2}, $${i * 8 + 3}, $${i * 8 + 4}::jsonb, $${i * 8 + 5}::jsonb, $${i * 8 + 6}, $${i * 8 + 7}, $${i * 8 + 8})`);
  await ctx.db.query(
    `INSERT INTO property_changes (object_type, object_id, property, old_value, new_value, at, actor_type, actor_id) VALUES ${values.join(', ')}`,
    rows.flat(),
  );
  return rows.length;
}

/**
 * The property_changes rows (object_type, object_id, property, old_value, new_value, at,
 * actor_type, actor_id) for what differs; bulk imports insert many objects' rows at once.
 */
export function changeRows(
  ctx: Pick<Ctx, 'clock' | 'actor'>,
  objectType: ObjectType,
  id: number,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  fields: readonly string[],
): unknown[][] {
  const rows: unknown[][] = [];
  const at = ctx.clock.now();
  const push = (prop: string, o: unknown, n: unknown) => {
    if (same(o, n)) return;
    rows.push([objectType, id, prop, JSON.stringify(o ?? null), JSON.stringify(n ?? null), at, ctx.actor.type, ctx.actor.id ?? null]);
  };
  for (const f of fields) if (f in after) push(f, before[f], after[f]);
  const bp = (before.properties ?? {}) as Record<string, unknown>;
  const ap = (after.properties ?? {}) as Record<string, unknown>;
  for (const k of Object.keys(ap)) push(`properties.${k}`, bp[k], ap[k]);
  return rows;
}

function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v instanceof Date ? v.toISOString() : v ?? null);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
