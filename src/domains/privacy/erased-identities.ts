import { createHmac, randomBytes } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { AppError } from '../../shared/errors.js';
import { recordAudit } from '../audit/audit-log.js';
import type { Ctx } from '../context.js';
import { keyString, type ExternalKey } from '../crm/external-ids.js';
import { normalizeEmail } from '../identity/normalize-email.js';

/** external_id: a contact's id in another system, as "<system>\u001f<id>" (keyString). */
export type IdentityKind = 'email' | 'user_id' | 'anonymous_id' | 'external_id';
export interface Identity {
  kind: IdentityKind;
  value: string;
}

/** The erasure key's query, for a caller that reads it in a round trip it makes anyway (null: nobody erased yet). */
export const erasureKeyQuery = `SELECT value FROM app_settings WHERE key = 'erasure_key'`;

/**
 * The installation's key for erased-identity hashes, created by the first erase. Its own key, not
 * REVLOOP_SECRET: rotating the link-signing secret must not let erased people back in, and the
 * pipeline, imports and the CLI all reach it through the database alone. Null: nobody was ever
 * erased, so nothing can be suppressed (the pipeline's check then costs one lookup per batch).
 */
export async function erasureKey(db: Db, create = false): Promise<string | null> {
  if (create) await db.query(`INSERT INTO app_settings (key, value) VALUES ('erasure_key', $1) ON CONFLICT (key) DO NOTHING`, [randomBytes(32).toString('base64url')]);
  const [row] = await db.query<{ value: string }>(erasureKeyQuery);
  return row?.value ?? null;
}

/** Emails compare as the contact key does (trimmed, lower case); ids exactly as sent. */
export function identityHash(key: string, kind: IdentityKind, value: string): string {
  const v = kind === 'email' ? normalizeEmail(value) : value;
  return createHmac('sha256', key).update(`${kind}:${v}`).digest('base64url');
}

/** An identifier as findErased's answer keys it (emails normalised). */
export const identityKey = (i: Identity) => `${i.kind}\u0000${i.kind === 'email' ? normalizeEmail(i.value) : i.value}`;

/** Remembers an erased person's identifiers (as hashes only); returns how many of each kind. */
export async function rememberErased(db: Db, erasureId: number, ids: readonly Identity[], at: Date): Promise<Record<IdentityKind, number>> {
  const counts: Record<IdentityKind, number> = { email: 0, user_id: 0, anonymous_id: 0, external_id: 0 };
  const unique = [...new Map(ids.filter((i) => i.value).map((i) => [identityKey(i), i])).values()];
  if (!unique.length) return counts;
  const key = (await erasureKey(db, true))!;
  // A hash already there (erased before, consented again, erased again) joins the newest erasure.
  await db.query(
    `INSERT INTO erased_identities (kind, hash, erasure_id, erased_at)
     SELECT k, h, $3, $4 FROM unnest($1::text[], $2::text[]) AS x(k, h)
     ON CONFLICT (kind, hash) DO UPDATE SET erasure_id = EXCLUDED.erasure_id, erased_at = EXCLUDED.erased_at`,
    [unique.map((i) => i.kind), unique.map((i) => identityHash(key, i.kind, i.value)), erasureId, at],
  );
  for (const i of unique) counts[i.kind]++;
  return counts;
}

/** Which of these identifiers belong to an erased person: identityKey(identity) → the erasure it came from. */
export async function findErased(db: Db, ids: readonly Identity[]): Promise<Map<string, number>> {
  const found = new Map<string, number>();
  const present = ids.filter((i) => i.value);
  if (!present.length) return found;
  const key = await erasureKey(db);
  if (!key) return found;
  const byHash = new Map(present.map((i) => [`${i.kind}\u0000${identityHash(key, i.kind, i.value)}`, i]));
  const rows = await db.query<{ kind: IdentityKind; hash: string; erasure_id: number }>(
    `SELECT kind, hash, erasure_id FROM erased_identities WHERE (kind, hash) IN (SELECT * FROM unnest($1::text[], $2::text[]))`,
    [present.map((i) => i.kind), present.map((i) => identityHash(key, i.kind, i.value))],
  );
  for (const r of rows) {
    const i = byHash.get(`${r.kind}\u0000${r.hash}`);
    if (i) found.set(identityKey(i), Number(r.erasure_id));
  }
  return found;
}

/** Why an erased person's email is refused (the field's problem); `how` says how to show consent. */
export function erasedEmailProblem(how?: string): string {
  return `belongs to a person whose data was erased; add them again only if they consented again${how ? ` (${how})` : ''}`;
}

/** The 409 for an erased person's email or id given without consent: names the field, and the API flag in the message. */
function erasedIdentity(field: 'email' | 'external_id'): AppError {
  const what = field === 'email' ? 'email' : 'id in another system';
  return new AppError('conflict', `This ${what} ${erasedEmailProblem()}: send consent_again: true if they did.`, {
    field,
    erased: true,
    errors: [{ field, problem: erasedEmailProblem() }],
  });
}

/**
 * Before a contact gets this email (create, update): refuses an erased person's email unless they
 * consented again; with consent, lifts the whole erasure (their ids too, so their events are
 * recorded again) and audits it. Returns the erasure lifted, if any.
 */
export async function admitEmail(ctx: Ctx, email: string | null | undefined, consentAgain: boolean | undefined, contactId?: number): Promise<number | null> {
  return email ? admit(ctx, { kind: 'email', value: email }, 'email', consentAgain, contactId) : null;
}

/** As admitEmail, for a contact's id in another system (a re-import of an old export joins by it). */
export async function admitExternalId(ctx: Ctx, key: ExternalKey | null | undefined, consentAgain: boolean | undefined, contactId?: number): Promise<number | null> {
  return key ? admit(ctx, { kind: 'external_id', value: keyString(key) }, 'external_id', consentAgain, contactId) : null;
}

async function admit(ctx: Ctx, id: Identity, field: 'email' | 'external_id', consentAgain: boolean | undefined, contactId?: number): Promise<number | null> {
  const found = await findErased(ctx.db, [id]);
  const erasureId = found.get(identityKey(id));
  if (erasureId === undefined) return null;
  if (!consentAgain) throw erasedIdentity(field);
  await liftErasure(ctx, erasureId, contactId);
  return erasureId;
}

/** Consent given again: the erased person's identifiers are no longer suppressed. Audited, without personal data. */
export async function liftErasure(ctx: Ctx, erasureId: number, contactId?: number): Promise<number> {
  const lifted = await ctx.db.query<{ kind: IdentityKind }>('DELETE FROM erased_identities WHERE erasure_id = $1 RETURNING kind', [erasureId]);
  const counts: Record<string, number> = {};
  for (const r of lifted) counts[r.kind] = (counts[r.kind] ?? 0) + 1;
  await recordAudit(ctx.db, ctx.actor, ctx.clock.now(), {
    action: 'contact.consent_again',
    objectType: 'contact',
    objectId: contactId ?? null,
    details: { erased_contact_id: erasureId, identifiers_lifted: counts },
  });
  return lifted.length;
}
