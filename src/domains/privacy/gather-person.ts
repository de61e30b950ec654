import type { Db } from '../../db/client.js';
import { keyString } from '../crm/external-ids.js';
import type { Identity } from './erased-identities.js';
import type { PersonText } from './person-needles.js';

export interface PersonRow {
  id: number;
  email: string | null;
  email_normalized: string | null;
  first_name: string | null;
  last_name: string | null;
  phone: string | null;
  company_id: number | null;
  /** Only read from merge snapshots (a merged-away duplicate's id in another system). */
  external_id?: string | null;
  external_source?: string | null;
}

export interface Person {
  text: PersonText;
  identities: Identity[];
  userIds: string[];
  anonymousIds: string[];
  /** Every id value the person used, whatever its kind (alias previousIds can be either). */
  allIds: string[];
}

export const uniq = <T>(xs: Iterable<T | null | undefined>): T[] => [...new Set([...xs].filter((x): x is T => x !== null && x !== undefined && x !== ''))];

/** The person behind a contact: their emails, names, phones and ids, including merged-away duplicates'. */
export async function gatherPerson(db: Db, c: PersonRow): Promise<Person> {
  const snapshots = await db.query<{ s: Partial<PersonRow> }>(`SELECT loser_snapshot AS s FROM merges WHERE object_type = 'contact' AND (winner_id = $1 OR loser_id = $1)`, [c.id]);
  const people = [c, ...snapshots.map((r) => r.s)];
  const aliases = await db.query<{ email_normalized: string }>('SELECT email_normalized FROM contact_email_aliases WHERE contact_id = $1', [c.id]);
  const linked = await db.query<{ kind: 'user_id' | 'anonymous_id'; value: string }>('SELECT kind, value FROM identities WHERE contact_id = $1', [c.id]);
  const seen = await db.query<{ user_id: string | null; anonymous_id: string | null; previous_id: string | null }>(
    'SELECT DISTINCT user_id, anonymous_id, previous_id FROM events WHERE contact_id = $1',
    [c.id],
  );
  const visitors = await db.query<{ visitor_id: string }>('SELECT DISTINCT visitor_id FROM visits WHERE contact_id = $1', [c.id]);
  // Its ids in other systems: its own, those it was also exported under, and merged-away duplicates'.
  const external = await db.query<{ external_source: string; external_id: string }>(
    `SELECT external_source, external_id FROM contacts WHERE id = $1 AND external_id IS NOT NULL
     UNION SELECT external_source, external_id FROM contact_external_aliases WHERE contact_id = $1`,
    [c.id],
  );
  const externalIds = uniq([
    ...external.map((k) => keyString({ source: k.external_source, id: k.external_id })),
    ...snapshots.map((r) => (r.s.external_id && r.s.external_source ? keyString({ source: r.s.external_source, id: r.s.external_id }) : null)),
  ]);
  const userIds = uniq([...linked.filter((i) => i.kind === 'user_id').map((i) => i.value), ...seen.map((e) => e.user_id)]);
  const known = new Set(userIds);
  // A previousId or visitor id that is not one of the user ids is an anonymous id.
  const anonymousIds = uniq([
    ...linked.filter((i) => i.kind === 'anonymous_id').map((i) => i.value),
    ...seen.map((e) => e.anonymous_id),
    ...[...seen.map((e) => e.previous_id), ...visitors.map((v) => v.visitor_id)].filter((v) => v && !known.has(v)),
  ]);
  const emails = uniq([...people.flatMap((p) => [p.email, p.email_normalized]), ...aliases.map((a) => a.email_normalized)]);
  return {
    text: {
      emails,
      names: people.map((p) => ({ first: p.first_name ?? null, last: p.last_name ?? null })),
      phones: uniq(people.map((p) => p.phone)),
      ids: [...userIds, ...anonymousIds],
    },
    identities: [
      ...emails.map((value) => ({ kind: 'email' as const, value })),
      ...userIds.map((value) => ({ kind: 'user_id' as const, value })),
      ...anonymousIds.map((value) => ({ kind: 'anonymous_id' as const, value })),
      ...externalIds.map((value) => ({ kind: 'external_id' as const, value })),
    ],
    userIds,
    anonymousIds,
    allIds: [...userIds, ...anonymousIds],
  };
}

/**
 * rejected_events rows that carry the person: their ids as the message's ids, or their email, full
 * name or ids anywhere in the message (`likes` from personNeedles). Placeholders $1..$3.
 */
export function personRejectedEvents(p: Person, likes: string[]): { where: string; params: unknown[] } {
  return {
    where: `payload->>'userId' = ANY($1::text[]) OR payload->>'anonymousId' = ANY($2::text[]) OR payload->>'previousId' = ANY($2::text[])
      OR payload::text ILIKE ANY($3::text[]) OR reason ILIKE ANY($3::text[])`,
    params: [p.userIds, p.allIds, likes],
  };
}
