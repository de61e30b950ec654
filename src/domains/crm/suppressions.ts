import { z } from 'zod';
import type { Db } from '../../db/client.js';
import { notFound } from '../../shared/errors.js';
import { parseInput } from '../../shared/validate.js';
import { auditChange, type Auditor } from '../audit/audit-log.js';
import { assertAllowed, assertCanRead } from '../auth/record-scope.js';
import type { Ctx } from '../context.js';
import { readJsonSetting, writeJsonSetting } from '../sla/json-setting.js';
import { selectContacts, selection } from './contact-bulk-actions.js';
import { lockContactsThenCompanies } from './record-locks.js';

// Suppression takes a contact out of marketing communications: the marketing audience export and
// the suppression list the email and ad tools read both follow it. Sales work on the contact goes on.

export const suppressionSources = ['manual', 'quadrant'] as const;
export type SuppressionSource = (typeof suppressionSources)[number];

export const suppressionOut = z.object({
  source: z.enum(suppressionSources).describe('manual: a person suppressed the contact and only a person lifts it; quadrant: scoring placed them in the suppress quadrant, lifted when they leave it.'),
  reason: z.string(),
  suppressed_at: z.date(),
  by_name: z.string().nullable(),
});
export type Suppression = z.infer<typeof suppressionOut>;

/** Whether scoring suppresses a contact it places in the suppress quadrant (poor fit, no interest). */
export const suppressionSettingsInput = z.strictObject({
  auto_suppress: z.boolean({ error: 'must be true or false' }),
});
export type SuppressionSettings = z.output<typeof suppressionSettingsInput>;

const KEY = 'suppression';
// On by default: PRODUCT's matrix says poor fit and no interest leave the communication flow, and
// a workspace that wants to keep mailing them turns it off.
const defaults: SuppressionSettings = { auto_suppress: true };

export async function suppressionSettings(db: Db): Promise<SuppressionSettings> {
  return (await readJsonSetting(db, KEY, suppressionSettingsInput)) ?? defaults;
}

export async function saveSuppressionSettings(db: Db, input: unknown, by?: Auditor): Promise<SuppressionSettings> {
  const v = parseInput(suppressionSettingsInput, input);
  await db.tx(async (tx) => {
    await writeJsonSetting(tx, KEY, v);
    await auditChange(tx, by, { action: 'settings.suppression', objectType: 'setting', objectId: KEY, details: v });
  });
  return v;
}

const reasonField = z.string().trim().min(1, 'must say why (it is shown on the suppression list)').max(500, 'must be at most 500 characters');
export const suppressInput = z.strictObject({ reason: reasonField });
export const bulkSuppressInput = z.strictObject({ ...selection, reason: reasonField });
export const bulkSuppressOut = z.object({
  suppressed: z.array(z.number()),
  unchanged: z.array(z.number()).describe('Already suppressed (a suppression by scoring becomes a manual one).'),
});

/** A contact's suppression, or null while marketing may write to them. */
export async function contactSuppression(db: Db, contactId: number): Promise<Suppression | null> {
  const [row] = await db.query<Suppression>(
    `SELECT s.source, s.reason, s.suppressed_at, u.name AS by_name FROM contact_suppressions s
       LEFT JOIN users u ON s.actor_type IN ('user', 'api') AND u.id::text = s.actor_id
      WHERE s.contact_id = $1`,
    [contactId],
  );
  return row ?? null;
}

/**
 * Suppresses contacts by hand (all of them in one transaction, contacts locked first). A
 * suppression scoring made becomes a manual one with the new reason: a person has now decided,
 * so leaving the suppress quadrant no longer lifts it.
 */
async function suppress(ctx: Ctx, db: Db, ids: readonly number[], reason: string): Promise<{ suppressed: number[]; unchanged: number[] }> {
  await lockContactsThenCompanies(db, ids);
  const rows = await db.query<{ contact_id: number }>(
    `INSERT INTO contact_suppressions (contact_id, source, reason, suppressed_at, actor_type, actor_id)
     SELECT id, 'manual', $2, $3, $4, $5 FROM unnest($1::bigint[]) AS id
     ON CONFLICT (contact_id) DO UPDATE SET source = 'manual', reason = EXCLUDED.reason, suppressed_at = EXCLUDED.suppressed_at,
       actor_type = EXCLUDED.actor_type, actor_id = EXCLUDED.actor_id
       WHERE contact_suppressions.source <> 'manual'
     RETURNING contact_id`,
    [ids, reason, ctx.clock.now(), ctx.actor.type, ctx.actor.id ?? null],
  );
  const written = new Set(rows.map((r) => Number(r.contact_id)));
  for (const id of written) await auditChange(db, ctx, { action: 'contact.suppress', objectType: 'contact', objectId: String(id), details: { reason } });
  return { suppressed: ids.filter((id) => written.has(id)), unchanged: ids.filter((id) => !written.has(id)) };
}

/** Takes one contact out of marketing communications, with the reason people will read. */
export async function suppressContact(ctx: Ctx, contactId: number, input: unknown): Promise<Suppression> {
  const v = parseInput(suppressInput, input);
  assertAllowed(ctx.actor, 'campaigns:manage', 'suppress contacts');
  await assertCanRead(ctx, 'contact', contactId);
  return ctx.db.tx(async (db) => {
    const exists = await db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
    if (!exists.length) throw notFound('Contact', contactId);
    await suppress(ctx, db, [contactId], v.reason);
    return (await contactSuppression(db, contactId))!;
  });
}

/** Suppresses the rows picked on the contacts list, or every contact its filters match (at most 1000). */
export async function bulkSuppress(ctx: Ctx, input: unknown): Promise<z.infer<typeof bulkSuppressOut>> {
  const v = parseInput(bulkSuppressInput, input);
  assertAllowed(ctx.actor, 'campaigns:manage', 'suppress contacts');
  return ctx.db.tx(async (db) => {
    const rows = await selectContacts({ ...ctx, db }, v);
    return suppress(ctx, db, rows.map((r) => r.id), v.reason);
  });
}

/** Lets marketing write to the contact again, whoever suppressed them; false when they were not suppressed. */
export async function unsuppressContact(ctx: Ctx, contactId: number): Promise<boolean> {
  assertAllowed(ctx.actor, 'campaigns:manage', 'lift suppressions');
  await assertCanRead(ctx, 'contact', contactId);
  return ctx.db.tx(async (db) => {
    await lockContactsThenCompanies(db, [contactId]);
    // Lifting nothing from a contact that exists is fine (idempotent); from one that does not, a 404.
    const exists = await db.query('SELECT 1 FROM contacts WHERE id = $1', [contactId]);
    if (!exists.length) throw notFound('Contact', contactId);
    const gone = await db.query<{ reason: string }>('DELETE FROM contact_suppressions WHERE contact_id = $1 RETURNING reason', [contactId]);
    if (gone.length) await auditChange(db, ctx, { action: 'contact.unsuppress', objectType: 'contact', objectId: String(contactId), details: { was: gone[0]!.reason } });
    return gone.length > 0;
  });
}

/**
 * What scoring does to suppression, for contacts whose quadrant it just changed (in the scoring
 * pass, set-based): entering the suppress quadrant suppresses them when the workspace says so (a
 * manual suppression is left as it is); leaving it lifts a suppression scoring made, never a
 * manual one.
 */
export async function applyQuadrantSuppression(db: Db, moves: readonly { contactId: number; from: string | null; to: string }[], at: Date, ruleId: string): Promise<void> {
  const entered = moves.filter((m) => m.to === 'suppress' && m.from !== 'suppress').map((m) => m.contactId);
  const left = moves.filter((m) => m.from === 'suppress' && m.to !== 'suppress').map((m) => m.contactId);
  if (left.length) await db.query(`DELETE FROM contact_suppressions WHERE contact_id = ANY($1::bigint[]) AND source = 'quadrant'`, [left]);
  if (entered.length && (await suppressionSettings(db)).auto_suppress) {
    await db.query(
      `INSERT INTO contact_suppressions (contact_id, source, reason, suppressed_at, actor_type, actor_id)
       SELECT id, 'quadrant', 'Poor fit and no interest (suppress quadrant)', $2, 'rule', $3 FROM unnest($1::bigint[]) AS id
       ON CONFLICT (contact_id) DO NOTHING`,
      [entered, at, ruleId],
    );
  }
}
