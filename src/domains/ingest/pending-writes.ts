import { insertRows, reserveIds } from '../../db/bulk-insert.js';
import type { Ctx } from '../context.js';
import { resolveCompanies } from '../crm/company-resolver.js';
import { StageAdvancer } from '../funnel/stage-advancer.js';
import type { ContactTraits } from '../identity/contact-traits.js';
import { isFreeMailDomain } from '../identity/free-mail-domains.js';
import { emailDomain, normalizeEmail } from '../identity/normalize-email.js';
import { linkIdentity, type IdentityCache, type IdentityKind, type IdentityWrites } from '../identity/resolve-identity.js';

type Blanks = Pick<ContactTraits, 'first_name' | 'last_name' | 'job_title' | 'phone'>;

/** What the batch's own events need to know about a flush: their ids and their tags. */
interface BatchEvent {
  id: number;
  anonymous_id: string | null;
  user_id: string | null;
}

/**
 * The writes a batch of events makes as it resolves people, kept in memory and written together
 * when the batch flushes, in a fixed number of statements: new contacts (with their companies and
 * first transitions, as createContact writes them), identity links with the anonymous history
 * they bring along (as linkIdentity), blank fields filled from traits (first value wins, as one
 * COALESCE per event did) and conversions moving contacts to Lead (as advanceTo, company
 * following). A batch of 500 events that meets 25 new people used to cost about 400 statements
 * for them; it costs about 15.
 *
 * The walk must flush before anything that reads what is pending from the database (an alias
 * merges contacts, a group call links a company): see processEvent.
 */
export class PendingWrites implements IdentityWrites {
  private contacts: { id: number; email: string; at: Date }[] = [];
  private pending = new Set<number>();
  private spareIds: number[] = [];
  /** The first link of each id claims its unattributed history; the last one is what identities keeps. */
  private firstLinks = new Map<string, { kind: IdentityKind; value: string; contactId: number }>();
  private lastLinks = new Map<string, { kind: IdentityKind; value: string; contactId: number }>();
  private blanks = new Map<number, Blanks>();
  private conversions: { contactId: number; reason: string; at: Date }[] = [];
  /**
   * Anonymous ids the batch saw first (preloadIdentities): no processed event carries them, so
   * linking one claims no history; its later events, not processed yet, resolve it themselves.
   */
  freshAnonymousIds: ReadonlySet<string> = new Set();

  /** `ctx` acts as the pipeline (its actor signs the transitions); `expected` sizes the id reservations. */
  constructor(
    private readonly ctx: Ctx,
    private readonly expected = 16,
  ) {}

  async createContact(email: string, at: Date): Promise<number> {
    if (!this.spareIds.length) this.spareIds = await reserveIds(this.ctx.db, 'contacts', this.expected);
    const id = this.spareIds.shift()!;
    this.contacts.push({ id, email: email.trim(), at });
    this.pending.add(id);
    return id;
  }

  isPending(contactId: number): boolean {
    return this.pending.has(contactId);
  }

  link(kind: IdentityKind, value: string, contactId: number): void {
    const key = `${kind}\u0000${value}`;
    if (!this.firstLinks.has(key)) this.firstLinks.set(key, { kind, value, contactId });
    this.lastLinks.set(key, { kind, value, contactId });
  }

  /** fillBlankFields: what sales typed wins, and of several events the first to name a value. */
  fillBlanks(contactId: number, t: Blanks): void {
    if (!t.first_name && !t.last_name && !t.job_title && !t.phone) return;
    const b = this.blanks.get(contactId) ?? { first_name: null, last_name: null, job_title: null, phone: null };
    for (const f of ['first_name', 'last_name', 'job_title', 'phone'] as const) b[f] ??= t[f];
    this.blanks.set(contactId, b);
  }

  /** advanceTo(contact, 'lead'): a conversion (a form, a download) makes the contact at least a Lead. */
  convert(contactId: number, reason: string, at: Date): void {
    this.conversions.push({ contactId, reason, at });
  }

  get empty(): boolean {
    return !this.contacts.length && !this.firstLinks.size && !this.blanks.size && !this.conversions.length;
  }

  /**
   * Writes everything pending, in the order the one-by-one writes depended on each other:
   * contacts before the links that name them, links before the history they claim, then blanks
   * and funnel moves. Events of this batch that a later link identified get their contact in
   * `tags` (the batch writes them itself); older and later events are updated here.
   */
  async flush(events: readonly BatchEvent[], tags: Map<number, { contact_id: number | null }>, cache: IdentityCache): Promise<void> {
    if (this.empty) return;
    const { db, clock, actor } = this.ctx;
    const now = clock.now();
    const advancer = new StageAdvancer(clock);

    const fresh = this.contacts;
    if (fresh.length) {
      const wanted = fresh.map((c) => {
        const domain = emailDomain(c.email);
        return domain && !isFreeMailDomain(domain) ? { domain, at: c.at, reason: `from email domain ${domain}` } : null;
      });
      const found = await resolveCompanies(this.ctx, advancer, wanted.filter((w) => w !== null));
      let k = 0;
      const companyIds = wanted.map((w) => (w ? found[k++] ?? null : null));
      await insertRows(db, 'contacts',
        [['id', 'bigint'], ['email', 'text'], ['email_normalized', 'text'], ['company_id', 'bigint'], ['lifecycle_stage', 'text'], ['properties', 'jsonb'], ['created_at', 'timestamptz'], ['updated_at', 'timestamptz']],
        fresh.map((c, i) => [c.id, c.email, normalizeEmail(c.email), companyIds[i], 'subscriber', '{}', c.at, now]),
        { explicitIds: true });
      fresh.forEach((c, i) => {
        advancer.know('contact', c.id, 'subscriber', companyIds[i]);
        advancer.record({ type: 'contact', id: c.id, from: null, to: 'subscriber', kind: 'create', at: c.at, actor });
      });
    }

    if (this.lastLinks.size) {
      const last = [...this.lastLinks.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
      await db.query(
        `INSERT INTO identities (kind, value, contact_id, first_seen, linked_at) SELECT u.kind, u.value, u.contact_id, $4, $4 FROM unnest($1::text[], $2::text[], $3::bigint[]) AS u(kind, value, contact_id)
         ON CONFLICT (kind, value) DO UPDATE SET contact_id = EXCLUDED.contact_id, linked_at = EXCLUDED.linked_at
         WHERE identities.contact_id IS DISTINCT FROM EXCLUDED.contact_id`,
        [last.map((l) => l.kind), last.map((l) => l.value), last.map((l) => l.contactId), now],
      );
      const first = [...this.firstLinks.values()];
      const ours = events.map((e) => e.id);
      for (const kind of ['anonymous_id', 'user_id'] as const) {
        const links = first.filter((l) => l.kind === kind);
        if (!links.length) continue;
        const byValue = new Map(links.map((l) => [l.value, l.contactId]));
        for (const e of events) {
          const tag = tags.get(e.id);
          const value = kind === 'anonymous_id' ? e.anonymous_id : e.user_id;
          if (tag && tag.contact_id === null && value !== null && byValue.has(value)) tag.contact_id = byValue.get(value)!;
        }
        // Per id down its index (the LIMIT keeps the planner from flattening the lookup into a hash
        // join over every unattributed event, which it did for want of statistics on the ids), then
        // the row by id and month.
        const claiming = kind === 'anonymous_id' ? links.filter((l) => !this.freshAnonymousIds.has(l.value)) : links;
        if (claiming.length) await db.query(
          `UPDATE events e SET contact_id = u.contact_id FROM unnest($1::text[], $2::bigint[]) AS u(value, contact_id)
            CROSS JOIN LATERAL (SELECT s.id, s.timestamp FROM events s
                                 WHERE s.${kind} = u.value AND s.contact_id IS NULL AND NOT (s.id = ANY($3::bigint[])) LIMIT 1000000) s
            WHERE e.id = s.id AND e.timestamp = s.timestamp`,
          [claiming.map((l) => l.value), claiming.map((l) => l.contactId), ours],
        );
        await db.query(
          `UPDATE visits v SET contact_id = u.contact_id FROM unnest($1::text[], $2::bigint[]) AS u(value, contact_id) WHERE v.visitor_id = u.value AND v.contact_id IS NULL`,
          [links.map((l) => l.value), links.map((l) => l.contactId)],
        );
      }
      // Ids aliased to a linked user id before anyone knew who it was come along (rare: one by one).
      const users = [...this.lastLinks.values()].filter((l) => l.kind === 'user_id');
      if (users.length) {
        const pendingAliases = await db.query<{ user_id: string; previous_id: string }>(
          'DELETE FROM identity_aliases WHERE user_id = ANY($1::text[]) RETURNING user_id, previous_id', [users.map((u) => u.value)]);
        for (const p of pendingAliases) {
          const contactId = this.lastLinks.get(`user_id\u0000${p.user_id}`)!.contactId;
          await linkIdentity(this.ctx, 'anonymous_id', p.previous_id, contactId, cache);
          await db.query(`UPDATE events SET contact_id = $1 WHERE user_id = $2 AND contact_id IS NULL`, [contactId, p.previous_id]);
        }
      }
    }

    if (this.blanks.size) {
      const rows = [...this.blanks];
      await db.query(
        `UPDATE contacts c SET first_name = COALESCE(c.first_name, u.first_name), last_name = COALESCE(c.last_name, u.last_name),
           job_title = COALESCE(c.job_title, u.job_title), phone = COALESCE(c.phone, u.phone), updated_at = $5
           FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $6::text[]) AS u(id, first_name, last_name, job_title, phone)
          WHERE c.id = u.id AND (c.first_name IS NULL AND u.first_name IS NOT NULL OR c.last_name IS NULL AND u.last_name IS NOT NULL
            OR c.job_title IS NULL AND u.job_title IS NOT NULL OR c.phone IS NULL AND u.phone IS NOT NULL)`,
        [rows.map(([id]) => id), rows.map(([, b]) => b.first_name), rows.map(([, b]) => b.last_name), rows.map(([, b]) => b.job_title), now, rows.map(([, b]) => b.phone)],
      );
    }

    if (this.conversions.length) {
      // Contacts first (locked in id order), then their companies: the lock order of docs/security.md.
      await advancer.load(db, 'contact', this.conversions.map((c) => c.contactId));
      const companies = await db.query<{ company_id: number | null }>('SELECT company_id FROM contacts WHERE id = ANY($1::bigint[])', [this.conversions.map((c) => c.contactId)]);
      await advancer.load(db, 'company', companies.map((c) => c.company_id));
      for (const c of this.conversions) advancer.advanceTo('contact', c.contactId, 'lead', c.reason, c.at, actor);
    }
    await advancer.flush(db);

    this.contacts = [];
    this.pending.clear();
    this.firstLinks.clear();
    this.lastLinks.clear();
    this.blanks.clear();
    this.conversions = [];
  }
}
