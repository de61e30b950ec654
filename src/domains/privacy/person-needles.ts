/**
 * How an erased person can appear in free text (deal names, history reasons, notes): as regular
 * expressions for PostgreSQL (`~*`, `regexp_replace(..., 'gi')`) and ILIKE patterns.
 *
 * Strong needles (emails, full names, phones, long ids) are searched everywhere: they name this
 * person and nobody else. Weak ones (a first or last name alone) only in the records tied to the
 * person (their deals, their company's history), where "Ana" is them and not any other Ana.
 */
export interface PersonText {
  emails: string[];
  names: { first: string | null; last: string | null }[];
  phones: string[];
  ids: string[];
}

export interface Needles {
  /** Regex over strong needles, or null when there are none. */
  strong: string | null;
  /** Regex over strong and weak needles, or null. */
  all: string | null;
  /** ILIKE patterns of the strong needles (a cheap first filter before the regex). */
  likes: string[];
}

/** What replaces the person in free text. */
export const redacted = '[erased]';

// Ids shorter than this ("42") are matched exactly in their own columns, never in free text.
const MIN_STRONG = 5;
const MIN_WEAK = 2;

const clean = (s: string | null | undefined) => (s ?? '').trim().replace(/\s+/g, ' ');

// ARE: a backslash before a non-alphanumeric character makes it literal; runs of spaces match any whitespace.
const escapeRegex = (s: string) => s.replace(/[^\p{L}\p{N}\s_]/gu, '\\$&').replace(/\s+/g, '\\s+');
const escapeLike = (s: string) => s.replace(/[\\%_]/g, '\\$&');

function regexOf(texts: string[]): string | null {
  const unique = [...new Map(texts.map((t) => [t.toLowerCase(), t])).values()].sort((a, b) => b.length - a.length);
  if (!unique.length) return null;
  // Whole words only: "Ana" is not the start of "Anaheim".
  return `(?<![[:alnum:]_])(?:${unique.map(escapeRegex).join('|')})(?![[:alnum:]_])`;
}

export function personNeedles(p: PersonText): Needles {
  const strong = [
    ...p.emails.map(clean),
    ...p.names.map((n) => clean(`${clean(n.first)} ${clean(n.last)}`)).filter((n) => n.includes(' ')),
    ...p.phones.map(clean).filter((ph) => ph.replace(/\D/g, '').length >= 6),
    ...p.ids.map(clean),
  ].filter((s) => s.length >= MIN_STRONG);
  const weak = p.names.flatMap((n) => [clean(n.first), clean(n.last)]).filter((s) => s.length >= MIN_WEAK);
  return {
    strong: regexOf(strong),
    all: regexOf([...strong, ...weak]),
    likes: [...new Set(strong.map((s) => `%${escapeLike(s.toLowerCase())}%`))],
  };
}
