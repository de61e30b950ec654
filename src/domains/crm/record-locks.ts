import type { Db } from '../../db/client.js';

/**
 * Takes the row locks of a change in the house order: contacts, then companies (each in id
 * order), before the caller locks its deal, clock or queue rows. Every transaction that locks
 * more than one of these takes them in this order, so two of them never wait on each other.
 * NO KEY UPDATE is the lock an UPDATE of these rows takes anyway; unlike FOR UPDATE it does not
 * conflict with the KEY SHARE lock that inserting a referencing row (an activity, a deal, a
 * contact of the company) holds, which is what made concurrent inserts deadlock.
 */
export async function lockContactsThenCompanies(db: Db, contactIds: readonly (number | null | undefined)[], companyIds: readonly (number | null | undefined)[] = []): Promise<void> {
  const ids = (xs: readonly (number | null | undefined)[]) => [...new Set(xs.filter((x): x is number => typeof x === 'number'))].sort((a, b) => a - b);
  const contacts = ids(contactIds);
  const companies = ids(companyIds);
  if (contacts.length) await db.query('SELECT id FROM contacts WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE', [contacts]);
  if (companies.length) await db.query('SELECT id FROM companies WHERE id = ANY($1::bigint[]) ORDER BY id FOR NO KEY UPDATE', [companies]);
}
