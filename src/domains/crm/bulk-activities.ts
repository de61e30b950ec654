import type { z } from 'zod';
import { insertRows, type BulkColumn } from '../../db/bulk-insert.js';
import type { Ctx } from '../context.js';
import type { activityInput } from './activities.js';

/** A valid activity (activityInput, about a contact, company or deal that exists). */
export type ActivityInsert = z.output<typeof activityInput>;

const columns: BulkColumn[] = [
  ['type', 'text'], ['direction', 'text'], ['outcome', 'text'], ['subject', 'text'], ['body', 'text'], ['contact_id', 'bigint'],
  ['company_id', 'bigint'], ['deal_id', 'bigint'], ['user_id', 'bigint'], ['occurred_at', 'timestamptz'], ['duration_seconds', 'int'],
  ['properties', 'jsonb'],
];

/** Logs many activities as logActivity does one: the company from the contact when not given. */
export async function insertActivities(ctx: Ctx, rows: readonly ActivityInsert[]): Promise<number> {
  if (!rows.length) return 0;
  const contactIds = [...new Set(rows.filter((r) => r.contact_id && !r.company_id).map((r) => r.contact_id!))];
  const companyOf = new Map<number, number | null>();
  if (contactIds.length) {
    for (const c of await ctx.db.query<{ id: number; company_id: number | null }>('SELECT id, company_id FROM contacts WHERE id = ANY($1::bigint[])', [contactIds])) companyOf.set(Number(c.id), c.company_id);
  }
  // The acting user logs their own activity unless another is named (an import names none).
  const actingUser = ctx.actor.type === 'user' && ctx.actor.id ? Number(ctx.actor.id) : null;
  const now = ctx.clock.now();
  await insertRows(ctx.db, 'activities', columns, rows.map((r) => [
    r.type, r.direction ?? 'outbound', r.outcome ?? null, r.subject ?? null, r.body ?? null, r.contact_id ?? null,
    r.company_id ?? (r.contact_id ? companyOf.get(r.contact_id) ?? null : null), r.deal_id ?? null, r.user_id ?? actingUser,
    r.occurred_at ?? now, r.duration_seconds ?? null, JSON.stringify(r.properties ?? {}),
  ]));
  return rows.length;
}
