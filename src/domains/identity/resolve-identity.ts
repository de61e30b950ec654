import type { Db } from '../../db/client.js';
import type { Ctx } from '../context.js';
import { createContact, findContactIdByEmail } from '../crm/contacts.js';
import { mergeContacts } from '../crm/merge.js';
import { isValidEmail, normalizeEmail } from './normalize-email.js';

export type IdentityKind = 'anonymous_id' | 'user_id';
type Kind = IdentityKind;

/**
 * id → contact (null: seen, not linked yet), as far as this transaction knows. The event processor
 * keeps one per batch, under its advisory lock, so a visitor's hundredth page view costs no query.
 */
export type IdentityCache = Map<string, number | null>;

const keyOf = (kind: Kind, value: string) => `${kind}\u0000${value}`;
/** Emails share the cache: normalised email → its contact (null: nobody has it). */
const emailKey = (email: string) => `email\u0000${normalizeEmail(email)}`;

async function contactByEmail(db: Db, email: string, cache: IdentityCache): Promise<number | null> {
  const k = emailKey(email);
  if (!cache.has(k)) cache.set(k, await findContactIdByEmail(db, email));
  return cache.get(k)!;
}

/**
 * What seeIdentity and the email look-up would learn event by event, for a whole batch in two
 * statements: every id is recorded as seen (first_seen the earliest of the batch) and cached with
 * its contact, every email with its contact or null. The batch then resolves its events from the
 * cache and asks the database only about what changes as it goes. Anonymous ids seen for the first
 * time go to `fresh`: every processed page, screen or track event recorded its ids here, so no
 * processed event carries these yet, and what would look for one can skip them.
 */
export async function preloadIdentities(db: Db, ids: readonly { kind: Kind; value: string; at: Date }[], emails: readonly string[], cache: IdentityCache, fresh?: Set<string>): Promise<void> {
  const first = new Map<string, { kind: Kind; value: string; at: Date }>();
  for (const i of ids) {
    const k = keyOf(i.kind, i.value);
    const seen = first.get(k);
    if (!cache.has(k) && (!seen || i.at < seen.at)) first.set(k, i);
  }
  if (first.size) {
    const list = [...first.values()];
    // inserted: xmax is 0 on a row this statement created, the locking transaction's id on one it updated.
    const rows = await db.query<{ kind: Kind; value: string; contact_id: number | null; inserted: boolean }>(
      `INSERT INTO identities (kind, value, first_seen) SELECT * FROM unnest($1::text[], $2::text[], $3::timestamptz[]) ORDER BY 1, 2
       ON CONFLICT (kind, value) DO UPDATE SET first_seen = least(identities.first_seen, EXCLUDED.first_seen)
       RETURNING kind, value, contact_id, xmax = 0 AS inserted`,
      [list.map((i) => i.kind), list.map((i) => i.value), list.map((i) => i.at)],
    );
    for (const r of rows) {
      cache.set(keyOf(r.kind, r.value), r.contact_id === null ? null : Number(r.contact_id));
      if (r.inserted && r.kind === 'anonymous_id') fresh?.add(r.value);
    }
  }
  const wanted = [...new Set(emails.filter(isValidEmail).map(normalizeEmail))].filter((e) => !cache.has(emailKey(e)));
  if (wanted.length) {
    const rows = await db.query<{ key: string; id: number }>(
      `SELECT email_normalized AS key, id FROM contacts WHERE email_normalized = ANY($1::text[])
       UNION ALL SELECT email_normalized, contact_id FROM contact_email_aliases WHERE email_normalized = ANY($1::text[])`,
      [wanted],
    );
    const found = new Map<string, number>();
    for (const r of rows) if (!found.has(r.key)) found.set(r.key, Number(r.id));
    for (const e of wanted) cache.set(emailKey(e), found.get(e) ?? null);
  }
}

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

/**
 * A batch's deferred writes (the event pipeline's): contacts created and ids linked in memory,
 * written together when the batch flushes, instead of a few statements per new person.
 */
export interface IdentityWrites {
  /** A new contact for this email, created when the batch flushes; its id now. */
  createContact(email: string, at: Date): Promise<number>;
  /** Whether this contact is one createContact made in this batch (it has an email, then). */
  isPending(contactId: number): boolean;
  /** linkIdentity, written when the batch flushes. */
  link(kind: Kind, value: string, contactId: number): void;
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
export async function resolveContact(ctx: Ctx, input: ResolveInput, cache: IdentityCache = new Map(), writes?: IdentityWrites): Promise<number | null> {
  const byAnon = await seeIdentity(ctx.db, 'anonymous_id', input.anonymousId, input.at, cache);
  const byUser = await seeIdentity(ctx.db, 'user_id', input.userId, input.at, cache);
  const byIds = byUser ?? byAnon;
  const email = input.email && isValidEmail(input.email) ? input.email : null;
  let contactId = email ? await contactByEmail(ctx.db, email, cache) : null;
  if (!contactId && email) {
    if (byIds && !writes?.isPending(byIds) && !(await contactHasEmail(ctx.db, byIds))) {
      // A known visitor without email gives one: it is the same contact, now with an email.
      await ctx.db.query('UPDATE contacts SET email = $2, email_normalized = lower(trim($2)), updated_at = $3 WHERE id = $1', [byIds, email.trim(), ctx.clock.now()]);
      contactId = byIds;
    } else {
      contactId = writes ? await writes.createContact(email, input.at) : (await createContact(ctx, { email, created_at: input.at })).id;
    }
    cache.set(emailKey(email), contactId);
  }
  contactId ??= byIds;
  if (!contactId) return null;
  for (const [kind, value] of [['user_id', input.userId], ['anonymous_id', input.anonymousId]] as const) {
    if (!writes) await linkIdentity(ctx, kind, value, contactId, cache);
    else if (value && cache.get(keyOf(kind, value)) !== contactId) {
      writes.link(kind, value, contactId);
      cache.set(keyOf(kind, value), contactId);
    }
  }
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
