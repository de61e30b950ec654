import type { Db } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { createContact, findContactIdByEmail } from '../crm/contacts.js';
import { mergeContacts } from '../crm/merge.js';
import { isValidEmail } from './normalize-email.js';

type Kind = 'anonymous_id' | 'user_id';

export async function identityContact(db: Db, kind: Kind, value: string | null): Promise<number | null> {
  if (!value) return null;
  const [row] = await db.query<{ contact_id: number | null }>('SELECT contact_id FROM identities WHERE kind = $1 AND value = $2', [kind, value]);
  return row?.contact_id ?? null;
}

/** Records an id the first time it is seen (anonymous until linked). */
export async function noteIdentity(db: Db, kind: Kind, value: string | null, at: Date): Promise<void> {
  if (!value) return;
  await db.query('INSERT INTO identities (kind, value, first_seen) VALUES ($1, $2, $3) ON CONFLICT (kind, value) DO NOTHING', [kind, value, at]);
}

/**
 * Links an id to a contact and moves that id's unattributed history (its anonymous page views,
 * downloads...) onto the contact. An id already linked elsewhere is re-linked: from now on the
 * person behind it is this contact; past events stay where they were attributed.
 */
export async function linkIdentity(ctx: Ctx, kind: Kind, value: string | null, contactId: number): Promise<void> {
  if (!value) return;
  const now = ctx.clock.now();
  await ctx.db.query(
    `INSERT INTO identities (kind, value, contact_id, first_seen, linked_at) VALUES ($1, $2, $3, $4, $4)
     ON CONFLICT (kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id, linked_at = EXCLUDED.linked_at
     WHERE identities.contact_id IS DISTINCT FROM EXCLUDED.contact_id`,
    [kind, value, contactId, now],
  );
  const column = kind === 'anonymous_id' ? 'anonymous_id' : 'user_id';
  await ctx.db.query(`UPDATE events SET contact_id = $1 WHERE ${column} = $2 AND contact_id IS NULL`, [contactId, value]);
  await ctx.db.query('UPDATE visits SET contact_id = $1 WHERE visitor_id = $2 AND contact_id IS NULL', [contactId, value]);
  if (kind === 'user_id') {
    // Ids aliased to this user before anyone knew who it was come along now.
    const pending = await ctx.db.query<{ previous_id: string }>('DELETE FROM identity_aliases WHERE user_id = $1 RETURNING previous_id', [value]);
    for (const p of pending) {
      await linkIdentity(ctx, 'anonymous_id', p.previous_id, contactId);
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
export async function resolveContact(ctx: Ctx, input: ResolveInput): Promise<number | null> {
  await noteIdentity(ctx.db, 'anonymous_id', input.anonymousId, input.at);
  await noteIdentity(ctx.db, 'user_id', input.userId, input.at);
  const email = input.email && isValidEmail(input.email) ? input.email : null;
  let contactId = email ? await findContactIdByEmail(ctx.db, email) : null;
  const byIds = (await identityContact(ctx.db, 'user_id', input.userId)) ?? (await identityContact(ctx.db, 'anonymous_id', input.anonymousId));
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
  await linkIdentity(ctx, 'user_id', input.userId, contactId);
  await linkIdentity(ctx, 'anonymous_id', input.anonymousId, contactId);
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
export async function aliasIdentities(ctx: Ctx, previousId: string, userId: string, at: Date): Promise<number | null> {
  await noteIdentity(ctx.db, 'user_id', userId, at);
  const target = await identityContact(ctx.db, 'user_id', userId);
  const prevContact = (await identityContact(ctx.db, 'user_id', previousId)) ?? (await identityContact(ctx.db, 'anonymous_id', previousId));
  if (target && prevContact && target !== prevContact) {
    await mergeContacts(ctx, target, { other_id: prevContact });
    return target;
  }
  const contactId = target ?? prevContact;
  if (!contactId) {
    // Nobody known yet: remember the pair; linkIdentity applies it when the user id gets a contact.
    await ctx.db.query('INSERT INTO identity_aliases (previous_id, user_id, at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [previousId, userId, at]);
    return null;
  }
  await linkIdentity(ctx, 'user_id', userId, contactId);
  await linkIdentity(ctx, 'user_id', previousId, contactId);
  await linkIdentity(ctx, 'anonymous_id', previousId, contactId);
  return contactId;
}
