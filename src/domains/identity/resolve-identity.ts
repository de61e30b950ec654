import type { Db } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { createContact, findContactIdByEmail } from '../crm/contacts.js';
import { mergeContacts } from '../crm/merge.js';
import { isValidEmail } from './normalize-email.js';

type Kind = 'anonymous_id' | 'user_id';

/**
 * id → contact (null: seen, not linked yet), as far as this transaction knows. The event processor
 * keeps one per batch, under its advisory lock, so a visitor's hundredth page view costs no query.
 */
export type IdentityCache = Map<string, number | null>;

const keyOf = (kind: Kind, value: string) => `${kind}\u0000${value}`;

/** The contact behind an id, recording the id the first time it is seen. */
export async function seeIdentity(db: Db, kind: Kind, value: string | null, at: Date, cache: IdentityCache = new Map()): Promise<number | null> {
  if (!value) return null;
  const k = keyOf(kind, value);
  if (cache.has(k)) return cache.get(k)!;
  const [row] = await db.query<{ contact_id: number | null }>(
    `INSERT INTO identities (kind, value, first_seen) VALUES ($1, $2, $3)
     ON CONFLICT (kind, value) DO UPDATE SET first_seen = least(identities.first_seen, EXCLUDED.first_seen)
     RETURNING contact_id`,
    [kind, value, at],
  );
  cache.set(k, row?.contact_id ?? null);
  return row?.contact_id ?? null;
}

/**
 * Links an id to a contact and moves that id's unattributed history (its anonymous page views,
 * downloads, visits) onto the contact. An id already linked elsewhere is re-linked: from now on the
 * person behind it is this contact; past events stay where they were attributed.
 */
export async function linkIdentity(ctx: Ctx, kind: Kind, value: string | null, contactId: number, cache: IdentityCache = new Map()): Promise<void> {
  if (!value || cache.get(keyOf(kind, value)) === contactId) return;
  await ctx.db.query(
    `INSERT INTO identities (kind, value, contact_id, first_seen, linked_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id, linked_at = EXCLUDED.linked_at
     WHERE identities.contact_id IS DISTINCT FROM EXCLUDED.contact_id`,
    [kind, value, contactId, ctx.clock.now()],
  );
  cache.set(keyOf(kind, value), contactId);
  const column = kind === 'anonymous_id' ? 'anonymous_id' : 'user_id';
  await ctx.db.query(`UPDATE events SET contact_id = $1 WHERE ${column} = $2 AND contact_id IS NULL`, [contactId, value]);
  await ctx.db.query('UPDATE visits SET contact_id = $1 WHERE visitor_id = $2 AND contact_id IS NULL', [contactId, value]);
  if (kind === 'user_id') {
    // Ids aliased to this user before anyone knew who it was come along now.
    const pending = await ctx.db.query<{ previous_id: string }>('DELETE FROM identity_aliases WHERE user_id = $1 RETURNING previous_id', [value]);
    for (const p of pending) {
      await linkIdentity(ctx, 'anonymous_id', p.previous_id, contactId, cache);
      await ctx.db.query(`UPDATE events SET contact_id = $1 WHERE user_id = $2 AND contact_id IS NULL`, [contactId, p.previous_id]);
    }
  }
}

export interface ResolveInput {
  anonymousId: string | null;
  userId: string | null;
  email: string | null;
  at: Date;
}

/**
 * Who is behind an event: an email decides (a work email that is already a contact is that
 * contact, a new one creates it), else a known user id, else a known anonymous id. All ids seen
 * with the contact are linked to it. Returns null for a visitor nobody knows yet.
 */
export async function resolveContact(ctx: Ctx, input: ResolveInput, cache: IdentityCache = new Map()): Promise<number | null> {
  const byAnon = await seeIdentity(ctx.db, 'anonymous_id', input.anonymousId, input.at, cache);
  const byUser = await seeIdentity(ctx.db, 'user_id', input.userId, input.at, cache);
  const byIds = byUser ?? byAnon;
  const email = input.email && isValidEmail(input.email) ? input.email : null;
  let contactId = email ? await findContactIdByEmail(ctx.db, email) : null;
  if (!contactId && email) {
    if (byIds && !(await contactHasEmail(ctx.db, byIds))) {
      // A known visitor without email gives one: it is the same contact, now with an email.
      await ctx.db.query('UPDATE contacts SET email = $2, email_normalized = lower(trim($2)), updated_at = $3 WHERE id = $1', [byIds, email.trim(), ctx.clock.now()]);
      contactId = byIds;
    } else {
      contactId = (await createContact(ctx, { email, created_at: input.at })).id;
    }
  }
  contactId ??= byIds;
  if (!contactId) return null;
  await linkIdentity(ctx, 'user_id', input.userId, contactId, cache);
  await linkIdentity(ctx, 'anonymous_id', input.anonymousId, contactId, cache);
  return contactId;
}

async function contactHasEmail(db: Db, id: number): Promise<boolean> {
  const [row] = await db.query<{ email: string | null }>('SELECT email FROM contacts WHERE id = $1', [id]);
  return Boolean(row?.email);
}

/**
 * alias(previousId → userId): both ids are one person. When each already has its own contact the
 * two contacts are merged (the userId's contact survives), keeping all history.
 */
export async function aliasIdentities(ctx: Ctx, previousId: string, userId: string, at: Date, cache: IdentityCache = new Map()): Promise<number | null> {
  const target = await seeIdentity(ctx.db, 'user_id', userId, at, cache);
  const prevContact = (await seeIdentity(ctx.db, 'user_id', previousId, at, cache)) ?? (await seeIdentity(ctx.db, 'anonymous_id', previousId, at, cache));
  if (target && prevContact && target !== prevContact) {
    await mergeContacts(ctx, target, { other_id: prevContact });
    // The merged-away contact may sit in the cache under other ids: forget everything.
    cache.clear();
    return target;
  }
  const contactId = target ?? prevContact;
  if (!contactId) {
    // Nobody known yet: remember the pair; linkIdentity applies it when the user id gets a contact.
    await ctx.db.query('INSERT INTO identity_aliases (previous_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [previousId, userId, at]);
    return null;
  }
  await linkIdentity(ctx, 'user_id', userId, contactId, cache);
  await linkIdentity(ctx, 'user_id', previousId, contactId, cache);
  await linkIdentity(ctx, 'anonymous_id', previousId, contactId, cache);
  return contactId;
}
