import { z } from 'zod';
import { AppError, notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { assertAllowed } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { rank, type Stage } from '../funnel/stages.js';
import { recordTransition } from '../funnel/transitions.js';
import { getCompany, type Company } from './companies.js';
import { getContact, type ContactDetail } from './contacts.js';
import { moveExternalIds } from './external-ids.js';

export const mergeInput = z.strictObject({ other_id: z.number().int().positive() });

/**
 * Every table that points at a contact or company. A later domain that adds such a column
 * (events, identities, scores) adds it here, so a merge never leaves history behind.
 */
export const contactReferences: { table: string; column: string }[] = [
  { table: 'activities', column: 'contact_id' },
  { table: 'deals', column: 'contact_id' },
  { table: 'contact_email_aliases', column: 'contact_id' },
  { table: 'events', column: 'contact_id' },
  { table: 'identities', column: 'contact_id' },
  { table: 'visits', column: 'contact_id' },
];
export const companyReferences: { table: string; column: string }[] = [
  { table: 'contacts', column: 'company_id' },
  { table: 'deals', column: 'company_id' },
  { table: 'activities', column: 'company_id' },
];

const contactFillable = ['email', 'first_name', 'last_name', 'job_title', 'phone', 'company_id', 'owner_id', 'lead_status', 'lead_status_reason', 'original_source', 'latest_source'] as const;
const companyFillable = ['domain', 'industry', 'employees', 'country', 'annual_revenue', 'segment', 'owner_id'] as const;

type Kind = 'contact' | 'company';

/**
 * Merges `other` into `winner`: history moves over, blank fields are filled from the loser,
 * the earlier created_at and original source survive, the stage is the furthest of the two,
 * and a merges row keeps a snapshot of the loser.
 */
async function mergeObjects(ctx: Ctx, kind: Kind, winnerId: number, input: unknown): Promise<void> {
  const { other_id: loserId } = parseInput(mergeInput, input);
  assertAllowed(ctx.actor, 'crm:merge', 'merge records');
  if (loserId === winnerId) throw new AppError('validation_failed', 'A record cannot be merged into itself.', { errors: [{ field: 'other_id', problem: 'must differ from the surviving record' }] });
  const table = kind === 'contact' ? 'contacts' : 'companies';
  const label = kind === 'contact' ? 'Contact' : 'Company';
  await ctx.db.tx(async (db) => {
    const rows = await db.query<Record<string, unknown> & { id: number }>(`SELECT * FROM ${table} WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [[winnerId, loserId]]);
    const winner = rows.find((r) => r.id === winnerId);
    const loser = rows.find((r) => r.id === loserId);
    if (!winner) throw notFound(label, winnerId);
    if (!loser) throw notFound(label, loserId);
    const now = ctx.clock.now();

    const fill: Record<string, unknown> = {};
    for (const f of kind === 'contact' ? contactFillable : companyFillable) {
      if ((winner[f] === null || winner[f] === undefined) && loser[f] !== null && loser[f] !== undefined) fill[f] = loser[f];
    }
    const properties = { ...(loser.properties as object), ...(winner.properties as object) };
    const createdAt = (loser.created_at as Date) < (winner.created_at as Date) ? loser.created_at : winner.created_at;
    if (kind === 'contact' && (loser.created_at as Date) < (winner.created_at as Date) && loser.original_source) fill.original_source = loser.original_source;
    // The loser's unique keys must be gone before the winner can take them.
    if (kind === 'contact') {
      await db.query('UPDATE contacts SET email_normalized = NULL WHERE id = $1', [loserId]);
      if (fill.email) fill.email_normalized = loser.email_normalized;
      else if (loser.email_normalized) {
        await db.query('INSERT INTO contact_email_aliases (email_normalized, contact_id) VALUES ($1, $2) ON CONFLICT (email_normalized) DO UPDATE SET contact_id = EXCLUDED.contact_id', [loser.email_normalized, winnerId]);
      }
    } else {
      await db.query('UPDATE companies SET domain = NULL WHERE id = $1', [loserId]);
    }
    await moveExternalIds(db, kind, winner, loser);

    const sets = Object.keys(fill).map((k, i) => `${k} = $${i + 4}`);
    await db.query(`UPDATE ${table} SET properties = $2, created_at = $3, updated_at = now() ${sets.length ? ', ' + sets.join(', ') : ''} WHERE id = $1`, [winnerId, JSON.stringify(properties), createdAt, ...Object.values(fill)]);

    for (const ref of kind === 'contact' ? contactReferences : companyReferences) {
      await db.query(`UPDATE ${ref.table} SET ${ref.column} = $1 WHERE ${ref.column} = $2`, [winnerId, loserId]);
    }
    await db.query('UPDATE stage_transitions SET object_id = $1 WHERE object_type = $3 AND object_id = $2', [winnerId, loserId, kind]);
    await db.query('UPDATE property_changes SET object_id = $1 WHERE object_type = $3 AND object_id = $2', [winnerId, loserId, kind]);
    await db.query('UPDATE merges SET winner_id = $1 WHERE object_type = $3 AND winner_id = $2', [winnerId, loserId, kind]);

    const ws = winner.lifecycle_stage as Stage;
    const ls = loser.lifecycle_stage as Stage;
    if (rank(ls) > rank(ws)) {
      await db.query(`UPDATE ${table} SET lifecycle_stage = $2 WHERE id = $1`, [winnerId, ls]);
      await recordTransition(db, { objectType: kind, objectId: winnerId, from: ws, to: ls, kind: 'merge', at: now, actor: ctx.actor, reason: `merged with ${kind} ${loserId}` });
    }
    if (kind === 'contact') {
      // A person's "do not write to them" holds for the merged record (it outranks one scoring made).
      await db.query(
        `INSERT INTO contact_suppressions (contact_id, source, reason, suppressed_at, actor_type, actor_id)
         SELECT $1, source, reason, suppressed_at, actor_type, actor_id FROM contact_suppressions WHERE contact_id = $2 AND source = 'manual'
         ON CONFLICT (contact_id) DO UPDATE SET source = 'manual', reason = EXCLUDED.reason, suppressed_at = EXCLUDED.suppressed_at,
           actor_type = EXCLUDED.actor_type, actor_id = EXCLUDED.actor_id WHERE contact_suppressions.source <> 'manual'`,
        [winnerId, loserId],
      );
    }
    await db.query(
      'INSERT INTO merges (object_type, winner_id, loser_id, loser_snapshot, at, actor_type, actor_id) VALUES ($1, $2, $3, $4, $5, $6, $7)',
      [kind, winnerId, loserId, JSON.stringify(loser), now, ctx.actor.type, ctx.actor.id ?? null],
    );
    await db.query(`DELETE FROM ${table} WHERE id = $1`, [loserId]);
  });
}

export async function mergeContacts(ctx: Ctx, winnerId: number, input: unknown): Promise<ContactDetail> {
  await mergeObjects(ctx, 'contact', winnerId, input);
  return getContact(ctx.db, winnerId);
}

export async function mergeCompanies(ctx: Ctx, winnerId: number, input: unknown): Promise<Company> {
  await mergeObjects(ctx, 'company', winnerId, input);
  return getCompany(ctx.db, winnerId);
}
