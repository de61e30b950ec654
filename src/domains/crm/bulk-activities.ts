import type { z } from 'zod';
import { unnestSource, type BulkColumn } from '../../db/bulk-insert.js';
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
  // The acting user logs their own activity unless another is named (an import names none).
  const actingUser = ctx.actor.type === 'user' && ctx.actor.id ? Number(ctx.actor.id) : null;
  const now = ctx.clock.now();
  const { sql, params } = unnestSource(columns, rows.map((r) => [
    r.type, r.direction ?? 'outbound', r.outcome ?? null, r.subject ?? null, r.body ?? null, r.contact_id ?? null,
    r.company_id ?? null, r.deal_id ?? null, r.user_id ?? actingUser, r.occurred_at ?? now, r.duration_seconds ?? null, JSON.stringify(r.properties ?? {}),
  ]));
  // The contact's company is read by the insert itself (no round trip for it), per row in row
  // order: the ids, which the SLA trigger orders a batch's activities by, follow the rows.
  const names = columns.map(([n]) => n);
  const select = names.map((n) => (n === 'company_id' ? 'COALESCE(s.company_id, (SELECT c.company_id FROM contacts c WHERE c.id = s.contact_id))' : `s.${n}`));
  await ctx.db.query(`INSERT INTO activities (${names.join(', ')}) SELECT ${select.join(', ')} FROM (${sql}) s`, params);
  return rows.length;
}
