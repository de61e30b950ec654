import { notFound } from '../../shared/errors.js';
import type { Ctx } from '../context.js';
import type { ObjectType } from './properties.js';

// A contact is a person: erasing one is src/domains/privacy/erase-contact.ts (events, ids, free text, suppression).
const tables: Record<Exclude<ObjectType, 'contact'>, [table: string, label: string]> = { company: ['companies', 'Company'], deal: ['deals', 'Deal'] };

/**
 * Deletes a record and every trace of it (its stage history, property changes and merge
 * snapshots: a GDPR erase must not leave personal data behind), keeping one audit line that
 * holds no personal data.
 */
export async function eraseRecord(ctx: Ctx, kind: Exclude<ObjectType, 'contact'>, id: number): Promise<void> {
  const [table, label] = tables[kind];
  await ctx.db.tx(async (db) => {
    const rows = await db.query(`DELETE FROM ${table} WHERE id = $1 RETURNING id`, [id]);
    if (!rows.length) throw notFound(label, id);
    await db.query('DELETE FROM stage_transitions WHERE object_type = $1 AND object_id = $2', [kind, id]);
    await db.query('DELETE FROM property_changes WHERE object_type = $1 AND object_id = $2', [kind, id]);
    await db.query('DELETE FROM merges WHERE object_type = $1 AND (winner_id = $2 OR loser_id = $2)', [kind, id]);
    await db.query(`INSERT INTO audit_log (actor_type, actor_id, action, object_type, object_id, at) VALUES ($1, $2, 'delete', $3, $4, $5)`, [
      ctx.actor.type, ctx.actor.id ?? null, kind, String(id), ctx.clock.now(),
    ]);
  });
}
