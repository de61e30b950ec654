import type { Db } from '../../../db/client.js';
import { normalizeDomain, normalizeEmail } from '../../identity/normalize-email.js';
import { findByExternalKeys, keyString, sourcesHolding, type ExternalKey } from '../external-ids.js';
import type { ObjectType } from '../properties.js';

export type Found = { id: number } | { problem: string };

/**
 * Turns what a CSV says about another record (a user's email or name, a contact's email, a
 * company's domain or name, a deal id) into ids, one query per kind per batch. Users are few
 * and repeat on every row, so they are cached for the whole import.
 */
export class ReferenceLookup {
  private userCache = new Map<string, Found>();

  constructor(private readonly db: Db) {}

  /** Users by email, id, or (unique, case-insensitive) name: CRMs export owners either way. */
  async users(values: Iterable<string>): Promise<Map<string, Found>> {
    const missing = [...new Set(values)].filter((v) => !this.userCache.has(userKey(v)));
    if (missing.length) {
      const keys = missing.map(userKey);
      const rows = await this.db.query<{ id: number; email: string; name: string }>(
        `SELECT id, email, name FROM users WHERE lower(email) = ANY($1::text[]) OR lower(name) = ANY($1::text[])
            OR id::text = ANY($1::text[])`,
        [keys],
      );
      for (const [i, key] of keys.entries()) {
        const raw = missing[i]!;
        const byEmail = rows.find((u) => u.email.toLowerCase() === key);
        const byId = /^\d+$/.test(key) ? rows.find((u) => String(u.id) === key) : undefined;
        const byName = rows.filter((u) => u.name.toLowerCase() === key);
        const hit = byEmail ?? byId ?? (byName.length === 1 ? byName[0] : undefined);
        this.userCache.set(
          key,
          hit
            ? { id: Number(hit.id) }
            : byName.length > 1
              ? { problem: `"${raw}" is the name of ${byName.length} users; use their email instead` }
              : { problem: `no user has the email, name or id "${raw}" (create one with \`revloop user create\`)` },
        );
      }
    }
    return new Map([...new Set(values)].map((v) => [v, this.userCache.get(userKey(v))!]));
  }

  /** Contacts by email, merged-away addresses included (as findContactIdByEmail). */
  async contacts(emails: Iterable<string>): Promise<Map<string, Found>> {
    const list = [...new Set(emails)];
    if (!list.length) return new Map();
    const keys = list.map(normalizeEmail);
    const rows = await this.db.query<{ key: string; id: number }>(
      `SELECT email_normalized AS key, id FROM contacts WHERE email_normalized = ANY($1::text[])
       UNION ALL SELECT email_normalized, contact_id FROM contact_email_aliases WHERE email_normalized = ANY($1::text[])`,
      [keys],
    );
    const byKey = new Map(rows.map((r) => [r.key, Number(r.id)]));
    return new Map(list.map((e, i) => {
      const id = byKey.get(keys[i]!);
      return [e, id ? { id } : { problem: `no contact has the email ${keys[i]} (import the contacts first)` }];
    }));
  }

  /** Companies by domain; failing that by exact name (case-insensitive; the oldest when several share it). */
  async companies(values: Iterable<string>): Promise<Map<string, Found>> {
    const list = [...new Set(values)];
    if (!list.length) return new Map();
    const domains = list.map(normalizeDomain);
    const names = list.map((v) => v.trim().toLowerCase());
    const rows = await this.db.query<{ id: number; domain: string | null; key: string }>(
      `SELECT DISTINCT ON (k) id, domain, k AS key FROM (
         SELECT id, domain, domain AS k FROM companies WHERE domain = ANY($1::text[])
         UNION ALL SELECT c.id, c.domain, k.name FROM unnest($2::text[]) AS k(name) JOIN companies c ON lower(c.name) = k.name) x
       ORDER BY k, id`,
      [domains, names],
    );
    const byKey = new Map(rows.map((r) => [r.key, Number(r.id)]));
    return new Map(list.map((v, i) => {
      const id = byKey.get(domains[i]!) ?? byKey.get(names[i]!);
      return [v, id ? { id } : { problem: `no company has the domain or name "${v.trim()}" (import the companies first)` }];
    }));
  }

  /**
   * Contacts, companies or deals by their id in another system (keyed by keyString). An id that
   * no record holds under that system but one does under another says so: the file was probably
   * read as the wrong system (--external-source).
   */
  async external(object: ObjectType, keys: Iterable<ExternalKey>): Promise<Map<string, Found>> {
    const list = [...new Map([...keys].map((k) => [keyString(k), k])).values()];
    if (!list.length) return new Map();
    const found = await findByExternalKeys(this.db, object, list);
    const missing = list.filter((k) => !found.has(keyString(k)));
    const elsewhere = await sourcesHolding(this.db, object, missing.map((k) => k.id));
    const plural = { contact: 'contacts', company: 'companies', deal: 'deals' }[object];
    return new Map(list.map((k): [string, Found] => {
      const id = found.get(keyString(k));
      if (id !== undefined) return [keyString(k), { id }];
      const other = elsewhere.get(k.id);
      const hint = other ? `; a ${object} has it as a ${other.join(' or ')} id: import with --external-source ${other[0]} (API: external_source=${other[0]})` : ` (import the ${plural} first)`;
      return [keyString(k), { problem: `no ${object} has the ${k.source} id "${k.id}"${hint}` }];
    }));
  }

  async deals(ids: Iterable<number>): Promise<Map<number, Found>> {
    const list = [...new Set(ids)];
    if (!list.length) return new Map();
    const rows = await this.db.query<{ id: number }>('SELECT id FROM deals WHERE id = ANY($1::bigint[])', [list]);
    const known = new Set(rows.map((r) => Number(r.id)));
    return new Map(list.map((id) => [id, known.has(id) ? { id } : { problem: `deal ${id} does not exist` }]));
  }
}

function userKey(v: string): string {
  return v.trim().toLowerCase();
}
